#!/usr/bin/env bash
# Bar (issue 5): OTLP ingest >= 50,000 spans/s persisted and queryable, protobuf, batches of 512, 4 clients, loopback.
# Starts a fresh server (DuckDB) on a temp data dir and a free port per run and runs OtlpHttpLoad against it:
# OTLP/HTTP protobuf exports built with the official OpenTelemetry classes, a warm-up of other traces, then the
# measured spans; every acknowledged span is checked queryable through POST /api/v1/query.
#   bench/run-otlp.sh                      300,000 spans, 4 clients, 100,000 warm-up spans, 3 repeats
#   CLIENT_KINDS="raw jdk" bench/run-otlp.sh                      both load clients in every repeat (interleaved)
#   VARIANTS="default|-Dobservatory.spans.rememberKeys=false" bench/run-otlp.sh   server A/B, interleaved
# Env: REPEATS (3), SPANS (300000), CLIENTS (4), WARMUP spans (100000), STORAGE (duckdb|memory), SERVER_JOPTS (every
# run), CLIENT_KINDS (raw: RawHttp, a blocking socket per client thread; jdk: the JDK HttpClient), VARIANTS ('|'-separated
# extra server JVM options per variant, 'default' for none). Each repeat runs every variant x client kind once, in order.
# Needs bench/target/benchmarks.jar (./mvnw -o -B package -DskipTests -Dbenchmarks).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
require_jar
BJ="$BENCH/target/benchmarks.jar"
[[ -f "$BJ" ]] || { say "no $BJ: build it with ./mvnw -o -B package -DskipTests -Dbenchmarks"; exit 1; }
REPEATS=${REPEATS:-3}; SPANS=${SPANS:-300000}; CLIENTS=${CLIENTS:-4}; WARMUP=${WARMUP:-100000}
STORAGE=${STORAGE:-duckdb}; CLIENT_KINDS=${CLIENT_KINDS:-raw}; VARIANTS=${VARIANTS:-default}
WORK=$(mktemp -d /tmp/observatory-otlp.XXXXXX)
trap 'stop_server; rm -rf "$WORK"' EXIT
say "$(machine_note)"
IFS='|' read -r -a variants <<<"$VARIANTS"
BASE_JOPTS=${SERVER_JOPTS:-}
declare -A results cpus
for r in $(seq 1 "$REPEATS"); do
  for v in "${variants[@]}"; do
    for kind in $CLIENT_KINDS; do
      key="$v client=$kind"
      SERVER_JOPTS="$BASE_JOPTS $([[ "$v" == default ]] || echo "$v")"
      rm -rf "$WORK/data"; start_server "$WORK/data" --storage "$STORAGE"
      say "repeat $r/$REPEATS [$key]: server pid $SERVER_PID at $BASE_URL, storage $STORAGE"
      out=$("$JAVA" -Xmx2g -cp "$BJ" dev.observatory.bench.trace.OtlpHttpLoad "$BASE_URL" "$SPANS" "$CLIENTS" "$WARMUP" \
        "$SERVER_PID" --client "$kind")
      echo "$out"
      results[$key]+="$(grep '^RESULT' <<<"$out")"$'\n'
      cpus[$key]+="$(grep '^CPU' <<<"$out" | sed 's/ |.*//')"$'\n'
      stop_server
    done
  done
done
echo "== OTLP ingest, $REPEATS repeat(s), $CLIENTS clients, $SPANS spans after $WARMUP warm-up, storage=$STORAGE"
for v in "${variants[@]}"; do
  for kind in $CLIENT_KINDS; do
    key="$v client=$kind"
    echo "-- [$key]"
    printf '%s' "${results[$key]}"
    printf '%s' "${cpus[$key]}"
    echo "MEDIAN [$key] spans_per_s=$(printf '%s' "${results[$key]}" | field spans_per_s | median)" \
      "server_ms_per_export=$(printf '%s' "${cpus[$key]}" | field server | median)" \
      "export_p99_ms=$(printf '%s' "${results[$key]}" | field export_p99_ms | median)" \
      "export_max_ms=$(printf '%s' "${results[$key]}" | field export_max_ms | median)"
  done
done
