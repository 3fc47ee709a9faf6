#!/usr/bin/env bash
# Bar (issue 5): OTLP ingest >= 50,000 spans/s persisted and queryable, protobuf, batches of 512, 4 clients, loopback.
# Starts a fresh server (DuckDB) on a temp data dir and a free port per repeat and runs OtlpHttpLoad against it:
# OTLP/HTTP protobuf exports built with the official OpenTelemetry classes, a warm-up of other traces, then the
# measured spans; every acknowledged span is checked queryable through POST /api/v1/query.
#   bench/run-otlp.sh                      300,000 spans, 4 clients, 100,000 warm-up spans, 3 repeats
# Env: REPEATS (3), SPANS (300000), CLIENTS (4), WARMUP spans (100000), STORAGE (duckdb|memory), SERVER_JOPTS.
# Needs bench/target/benchmarks.jar (./mvnw -o -B package -DskipTests -Dbenchmarks).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
require_jar
BJ="$BENCH/target/benchmarks.jar"
[[ -f "$BJ" ]] || { say "no $BJ: build it with ./mvnw -o -B package -DskipTests -Dbenchmarks"; exit 1; }
REPEATS=${REPEATS:-3}; SPANS=${SPANS:-300000}; CLIENTS=${CLIENTS:-4}; WARMUP=${WARMUP:-100000}
STORAGE=${STORAGE:-duckdb}
WORK=$(mktemp -d /tmp/observatory-otlp.XXXXXX)
trap 'stop_server; rm -rf "$WORK"' EXIT
say "$(machine_note)"
results=(); cpus=()
for r in $(seq 1 "$REPEATS"); do
  rm -rf "$WORK/data"; start_server "$WORK/data" --storage "$STORAGE"
  say "repeat $r/$REPEATS: server pid $SERVER_PID at $BASE_URL, storage $STORAGE"
  out=$("$JAVA" -Xmx2g -cp "$BJ" dev.observatory.bench.trace.OtlpHttpLoad "$BASE_URL" "$SPANS" "$CLIENTS" "$WARMUP" "$SERVER_PID")
  echo "$out"
  results+=("$(grep '^RESULT' <<<"$out")")
  cpus+=("$(grep '^CPU' <<<"$out" | sed 's/ |.*//')")
  stop_server
done
echo "== OTLP ingest, $REPEATS repeat(s), $CLIENTS clients, $SPANS spans after $WARMUP warm-up, storage=$STORAGE"
printf '%s\n' "${results[@]}"
printf '%s\n' "${cpus[@]}"
echo "MEDIAN spans_per_s=$(printf '%s\n' "${results[@]}" | field spans_per_s | median)"
