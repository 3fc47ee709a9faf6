#!/usr/bin/env bash
# Bar: columnar batch ingest over HTTP into DuckDB, 4 loopback clients, 10k-point batches, >= 1,000,000 points/s
# sustained for 60 s. Starts a fresh server on a temp data dir and a free port for each repeat.
#   bench/run-ingest.sh                          4 clients, 60 s (+10 s warm-up), 3 repeats
#   REPEATS=1 DURATION=20 bench/run-ingest.sh --keys 1     extra options go to IngestLoad
# Env: REPEATS (3), CLIENTS (4), DURATION seconds (60), WARMUP seconds (10), STORAGE (duckdb|memory), SERVER_JOPTS.
# CPU_SPLIT=1 also prints the server's CPU seconds per million points over the measured time, by thread (writer, HTTP,
# DuckDB's own threads as "java", GC, JIT): a cost that a loaded machine changes far less than the rate.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
require_jar; build_tools
REPEATS=${REPEATS:-3}; CLIENTS=${CLIENTS:-4}; DURATION=${DURATION:-60}; WARMUP=${WARMUP:-10}; STORAGE=${STORAGE:-duckdb}
WORK=$(mktemp -d /tmp/observatory-ingest.XXXXXX)

# thread_cpu PID: "name seconds" per thread group of the process (user + system CPU so far)
thread_cpu() {
  local tck t name f
  tck=$(getconf CLK_TCK)
  for t in /proc/"$1"/task/*; do
    name=$(cat "$t/comm" 2>/dev/null) || continue
    f=$(sed 's/.*) //' "$t/stat" 2>/dev/null) || continue
    name=$(sed -E 's/[0-9]+/N/g; s/^(GC|G1|GN Conc|GN Refine).*/GC/; s/.*Compiler.*/JIT/' <<<"$name")
    awk -v n="${name// /_}" -v k="$tck" '{printf "%s %.2f\n", n, ($12 + $13) / k}' <<<"$f"
  done | awk '{s[$1] += $2} END {for (n in s) print n, s[n]}'
}

# cpu_split BEFORE AFTER POINTS: CPU seconds per million points by thread group
cpu_split() {
  awk -v pts="$3" 'NR == FNR {b[$1] = $2; next} {d = $2 - b[$1]; t += d; s[$1] = d}
    END {printf "CPU s per M points: total %.2f;", t / pts * 1e6
         for (n in s) if (s[n] / pts * 1e6 >= 0.01) printf " %s=%.2f", n, s[n] / pts * 1e6; print ""}' \
    <(echo "$1") <(echo "$2")
}
trap 'stop_server; rm -rf "$WORK"' EXIT
say "$(machine_note)"
results=()
for r in $(seq 1 "$REPEATS"); do
  rm -rf "$WORK/data"; start_server "$WORK/data" --storage "$STORAGE"
  say "repeat $r/$REPEATS: server pid $SERVER_PID at $BASE_URL, storage $STORAGE"
  "$JAVA" -Xms1g -Xmx2g -cp "$TOOLS" dev.observatory.bench.IngestLoad --url "$BASE_URL" --clients "$CLIENTS" \
        --seconds "$DURATION" --warmup "$WARMUP" "$@" >"$WORK/load.out" &
  load_pid=$!
  if [[ "${CPU_SPLIT:-0}" == 1 ]]; then
    until grep -q '^generated' "$WORK/load.out" 2>/dev/null || ! kill -0 "$load_pid" 2>/dev/null; do sleep 0.1; done
    sleep "$WARMUP"; cpu_before=$(thread_cpu "$SERVER_PID")
  fi
  wait "$load_pid"
  out=$(cat "$WORK/load.out")
  echo "$out"
  if [[ "${CPU_SPLIT:-0}" == 1 ]]; then
    cpu_split "$cpu_before" "$(thread_cpu "$SERVER_PID")" "$(grep '^batches=' <<<"$out" | field points)"
  fi
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
