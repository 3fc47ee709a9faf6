#!/usr/bin/env bash
# Bar: columnar batch ingest over HTTP into DuckDB, 4 loopback clients, 10k-point batches, >= 1,000,000 points/s
# sustained for 60 s. Starts a fresh server on a temp data dir and a free port for each repeat.
#   bench/run-ingest.sh                          4 clients, 60 s (+10 s warm-up), 3 repeats
#   REPEATS=1 DURATION=20 bench/run-ingest.sh --keys 1     extra options go to IngestLoad
# Env: REPEATS (3), CLIENTS (4), DURATION seconds (60), WARMUP seconds (10), STORAGE (duckdb|memory), SERVER_JOPTS.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
require_jar; build_tools
REPEATS=${REPEATS:-3}; CLIENTS=${CLIENTS:-4}; DURATION=${DURATION:-60}; WARMUP=${WARMUP:-10}; STORAGE=${STORAGE:-duckdb}
WORK=$(mktemp -d /tmp/observatory-ingest.XXXXXX)
trap 'stop_server; rm -rf "$WORK"' EXIT
say "$(machine_note)"
results=()
for r in $(seq 1 "$REPEATS"); do
  rm -rf "$WORK/data"; start_server "$WORK/data" --storage "$STORAGE"
  say "repeat $r/$REPEATS: server pid $SERVER_PID at $BASE_URL, storage $STORAGE"
  out=$("$JAVA" -Xms1g -Xmx2g -cp "$TOOLS" dev.observatory.bench.IngestLoad --url "$BASE_URL" --clients "$CLIENTS" \
        --seconds "$DURATION" --warmup "$WARMUP" "$@")
  echo "$out"
  [[ "$STORAGE" == duckdb ]] && say "DuckDB file: $(du -sh "$WORK/data" | cut -f1)"
  results+=("$(grep '^RESULT' <<<"$out")")
  stop_server
done
echo "== ingest, $REPEATS repeat(s), $CLIENTS clients, ${DURATION}s, storage=$STORAGE"
printf '%s\n' "${results[@]}"
echo "MEDIAN points_per_s=$(printf '%s\n' "${results[@]}" | field points_per_s | median)" \
     "min_window_points_per_s=$(printf '%s\n' "${results[@]}" | field min_window_points_per_s | median)" \
     "p50_ms=$(printf '%s\n' "${results[@]}" | field p50_ms | median)" \
     "p99_ms=$(printf '%s\n' "${results[@]}" | field p99_ms | median)"
