#!/usr/bin/env bash
# Bar: MCP over loopback HTTP, one client, get_run p50 <= 1 ms and p99 <= 5 ms after warm-up. Starts a fresh server
# with the demo data (so the store looks like a used one) for each repeat; GET /health with the same client is the
# in-run baseline.
#   bench/run-mcp-latency.sh                     20k calls after 5k warm-up, 3 repeats
# Env: REPEATS (3), CALLS (20000), WARMUP (5000), SERVER_JOPTS. Extra options go to McpLatency.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
require_jar; build_tools
REPEATS=${REPEATS:-3}; CALLS=${CALLS:-20000}; WARMUP=${WARMUP:-5000}
WORK=$(mktemp -d /tmp/observatory-mcp.XXXXXX)
trap 'stop_server; rm -rf "$WORK"' EXIT
say "$(machine_note)"
results=()
for r in $(seq 1 "$REPEATS"); do
  rm -rf "$WORK/data"; start_server "$WORK/data" --demo
  say "repeat $r/$REPEATS: server pid $SERVER_PID at $BASE_URL"
  out=$("$JAVA" -cp "$TOOLS" dev.observatory.bench.McpLatency --url "$BASE_URL" --calls "$CALLS" --warmup "$WARMUP" "$@")
  echo "$out"
  results+=("$(grep '^RESULT' <<<"$out")")
  stop_server
done
echo "== MCP get_run latency, $REPEATS repeat(s)"
printf '%s\n' "${results[@]}"
echo "MEDIAN p50_ms=$(printf '%s\n' "${results[@]}" | field p50_ms | median)" \
     "p99_ms=$(printf '%s\n' "${results[@]}" | field p99_ms | median)" \
     "p999_ms=$(printf '%s\n' "${results[@]}" | field p999_ms | median)" \
     "health_p50_ms=$(printf '%s\n' "${results[@]}" | field health_p50_ms | median)" \
     "health_p99_ms=$(printf '%s\n' "${results[@]}" | field health_p99_ms | median)"
