#!/usr/bin/env bash
# Bars of issue 2 (MLflow API), server time measured with a raw HTTP client replaying the bodies the official MLflow
# Java client sends (MlflowReplay): log-batch of 1,000 metrics <= 2 ms; get-history of a 100,000-point metric
# <= 100 ms; search-runs over 1,000 runs filtered and ordered by a metric <= 15 ms. Then end to end with the official
# client single-threaded (MlflowClientEndToEnd), against Observatory and against a do-nothing server (the client's
# own ceiling). Each repeat runs on a fresh server and data directory.
#   bench/run-mlflow.sh                 3 repeats, DuckDB
# Env: REPEATS (3), CALLS (2000 log-batch calls), STORAGE (duckdb|memory), SERVER_JOPTS, SEARCH_REPEATS (50: x4 calls
# per search bar), PART (all | search | logbatch: only those bars of MlflowReplay, no end-to-end client runs; client:
# only the end-to-end client runs), NULL_FSYNC=1 (also run the client against the do-nothing server that fdatasyncs
# each log-batch's ~24 KB before answering: the floor of a durable acknowledgment, label null-fsync).
# The search bars are measured warm (the same search repeated) and cold (*_cold: every run of the page and the
# experiment written just before each search, so no read cache helps). SEARCH_AB=1 runs each repeat twice, on a server
# reading a search page with the store's page read (DuckDB: runs query + one statement for what the caches lack) and on
# one with -Dobservatory.mlflow.separateSearchReads=true (the previous reads: runs query, then summaries and side tags),
# and prints the medians of both (mode=statement|separate). BENCH_OLD_JAR=/path/to/old.jar instead runs each repeat on
# this build and on that one, alternating (mode=statement|old): old vs new in the same run.
# DURABILITIES="fsync process" (client runs, PART=all|client): in each repeat the official client runs against one
# fresh server per metric_durability listed (label observatory-<durability>, and observatory-old-<durability> for
# BENCH_OLD_JAR), all against the same repeat's do-nothing server(s): where the gap to the client's ceiling lies (the
# sync or the server's own work). With PART=client each server first takes CLIENT_WARMUP (1000) replayed log-batch
# calls untimed, so its JIT is as warm as after the replay of PART=all. CLIENT_CALLS (1000): timed client calls;
# CLIENT_HISTORY=0 leaves the client's 100,000-point history out (log-batch only).
# The client medians end with share_of_ceiling: points/s over the median of the do-nothing server's.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
require_jar
REPEATS=${REPEATS:-3}; CALLS=${CALLS:-2000}; STORAGE=${STORAGE:-duckdb}; PART=${PART:-all}
SEARCH_REPEATS=${SEARCH_REPEATS:-50}
M2="${M2_REPO:-$HOME/.m2/repository}"
CLIENT_JAR="$M2/org/mlflow/mlflow-client/2.17.2/mlflow-client-2.17.2.jar"
SLF4J="$M2/org/slf4j/slf4j-api/2.0.17/slf4j-api-2.0.17.jar:$M2/org/slf4j/slf4j-nop/2.0.17/slf4j-nop-2.0.17.jar"
[[ -f "$CLIENT_JAR" ]] || { say "no $CLIENT_JAR: run ./mvnw -pl bench dependency:resolve first"; exit 1; }
WORK=$(mktemp -d /tmp/observatory-mlflow.XXXXXX)
trap 'stop_server; [[ -n "${NULL_PID:-}" ]] && kill "$NULL_PID" 2>/dev/null; rm -rf "$WORK"' EXIT
# measure a copy of the jar, so that a rebuild in the middle of a run cannot change the server under test
cp "$JAR" "$WORK/observatory.jar"; JAR="$WORK/observatory.jar"; NEW_JAR="$JAR"
[[ -n "${BENCH_OLD_JAR:-}" ]] && cp "$BENCH_OLD_JAR" "$WORK/old.jar"
MTOOLS="$WORK/tools"; mkdir -p "$MTOOLS"
"$JAVA_HOME/bin/javac" --release 21 -cp "$CLIENT_JAR" -d "$MTOOLS" "$BENCH"/src/main/java/dev/observatory/bench/mlflow/*.java \
  "$BENCH"/src/main/java/dev/observatory/bench/RawHttp.java "$BENCH"/src/main/java/dev/observatory/bench/LoopbackHttp.java
CP="$MTOOLS:$CLIENT_JAR:$SLF4J"
say "$(machine_note)"
replay=(); e2e=()
# client_run LABEL [warm]: the official client against the running server ("warm": replayed calls first, untimed)
client_run() {
  if [[ "${2:-}" == warm && "$PART" == client ]]; then
    "$JAVA" -Xmx1g -cp "$CP" dev.observatory.bench.mlflow.MlflowReplay --url "$BASE_URL" \
      --calls "${CLIENT_WARMUP:-1000}" --only logbatch >/dev/null
  fi
  local out
  out=$("$JAVA" -Xmx2g -cp "$CP" dev.observatory.bench.mlflow.MlflowClientEndToEnd --url "$BASE_URL" --label "$1" \
        --calls "${CLIENT_CALLS:-1000}" --history "${CLIENT_HISTORY:-1}")
  echo "$out"; e2e+=("$out")
}
MODES=(statement); [[ "${SEARCH_AB:-0}" == 1 ]] && MODES=(statement separate)
[[ -n "${BENCH_OLD_JAR:-}" ]] && MODES=(statement old)
BASE_JOPTS="${SERVER_JOPTS:-}"
for r in $(seq 1 "$REPEATS"); do
 for mode in "${MODES[@]}"; do
  SERVER_JOPTS="$BASE_JOPTS"; JAR="$NEW_JAR"
  [[ "$mode" == old ]] && JAR="$WORK/old.jar"
  [[ "$mode" == separate ]] && SERVER_JOPTS="$BASE_JOPTS -Dobservatory.mlflow.separateSearchReads=true"
  if [[ "$PART" != client || -z "${DURABILITIES:-}" ]]; then
    rm -rf "$WORK/data"; start_server "$WORK/data" --storage "$STORAGE"
    say "repeat $r/$REPEATS ($mode): server pid $SERVER_PID at $BASE_URL, storage $STORAGE"
  fi
  if [[ "$PART" != client ]]; then
  out=$("$JAVA" -Xmx1g -cp "$CP" dev.observatory.bench.mlflow.MlflowReplay --url "$BASE_URL" --calls "$CALLS" \
        --repeats "$SEARCH_REPEATS" --only "$PART" | sed "s/^RESULT /RESULT mode=$mode /")
  echo "$out"; replay+=("$out")
  fi
  if [[ "$PART" != all && "$PART" != client ]]; then stop_server; continue; fi
  if [[ -z "${DURABILITIES:-}" ]]; then
    [[ "$mode" == statement ]] && client_run observatory
    stop_server
  elif [[ "$mode" != separate ]]; then
    stop_server
    for d in $DURABILITIES; do
      rm -rf "$WORK/data"
      OBSERVATORY_METRIC_DURABILITY="$d" start_server "$WORK/data" --storage "$STORAGE"
      say "repeat $r/$REPEATS ($mode, $d): server pid $SERVER_PID"
      client_run "observatory$([[ "$mode" == old ]] && echo -old)-$d" warm; stop_server
    done
  fi
  [[ "$mode" != "${MODES[-1]}" ]] && continue
  "$JAVA" -Xmx1g -cp "$CP" dev.observatory.bench.mlflow.NullMlflowServer >"$WORK/null.log" 2>&1 &
  NULL_PID=$!
  for _ in $(seq 1 100); do grep -q listening "$WORK/null.log" && break; sleep 0.1; done
  NULL_URL=$(sed -n 's/^listening on //p' "$WORK/null.log")
  out=$("$JAVA" -Xmx2g -cp "$CP" dev.observatory.bench.mlflow.MlflowClientEndToEnd --url "$NULL_URL" --label null \
        --calls "${CLIENT_CALLS:-1000}" --history "${CLIENT_HISTORY:-1}")
  echo "$out"; e2e+=("$out")
  kill "$NULL_PID"; NULL_PID=""
  if [[ "${NULL_FSYNC:-0}" == 1 ]]; then
    "$JAVA" -Xmx1g -cp "$CP" dev.observatory.bench.mlflow.NullMlflowServer --fsync "$WORK/null.journal" >"$WORK/null.log" 2>&1 &
    NULL_PID=$!
    for _ in $(seq 1 300); do grep -q listening "$WORK/null.log" && break; sleep 0.1; done
    NULL_URL=$(sed -n 's/^listening on //p' "$WORK/null.log")
    out=$("$JAVA" -Xmx2g -cp "$CP" dev.observatory.bench.mlflow.MlflowClientEndToEnd --url "$NULL_URL" \
      --label null-fsync --calls "${CLIENT_CALLS:-1000}" --history "${CLIENT_HISTORY:-1}")
    echo "$out"; e2e+=("$out")
    kill "$NULL_PID"; NULL_PID=""; rm -f "$WORK/null.journal"
  fi
 done
done
echo "== MLflow API, $REPEATS repeat(s), storage=$STORAGE (medians over repeats)"
for mode in "${MODES[@]}"; do
 for bar in log_batch_1000 get_history_100k search_runs_1000_max100 search_runs_1000_max1000 \
            search_runs_1000_max100_cold search_runs_1000_max1000_cold; do
  lines=$(printf '%s\n' "${replay[@]}" | grep "mode=$mode bar=$bar " || true)
  [[ -z "$lines" ]] && continue
  echo "MEDIAN mode=$mode bar=$bar p50_ms=$(field p50_ms <<<"$lines" | median)" \
       "mean_ms=$(field mean_ms <<<"$lines" | median) p99_ms=$(field p99_ms <<<"$lines" | median)"
 done
done
[[ "$PART" != all && "$PART" != client ]] && exit 0
servers="observatory"
for d in ${DURABILITIES:-}; do servers+=" observatory-$d observatory-old-$d"; done
ceiling=$(printf '%s\n' "${e2e[@]}" | grep "server=null " | grep client_log_batch | field points_per_s | median)
for server in $servers null null-fsync; do
  lines=$(printf '%s\n' "${e2e[@]}" | grep "server=$server " || true)
  [[ -z "$lines" ]] && continue
  pps=$(grep client_log_batch <<<"$lines" | field points_per_s | median)
  share=""; [[ -n "$ceiling" && -n "$pps" ]] && share=" share_of_ceiling=$(awk -v a="$pps" -v b="$ceiling" 'BEGIN{printf "%.2f", a/b}')"
  echo "MEDIAN client end to end server=$server log_batch_points_per_s=$pps$share" \
       "get_history_100k_p50_ms=$(grep client_get_history <<<"$lines" | field p50_ms | median)"
done
