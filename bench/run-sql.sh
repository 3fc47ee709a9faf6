#!/usr/bin/env bash
# Session 5 SQL numbers (issue 3 scope 5) on DuckDB through SqlQueries: aggregate query latency over the demo data plus
# synthetic points, and the timeout enforcement delay of queries that would run forever.
#   bench/run-sql.sh [points=1000000] [repeats=50]
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
CP_FILE="$BENCH/target/sql-bench.classpath"
say "building bench and its upstream modules (compile + class path; nothing is installed)"
(cd "$ROOT" && ./mvnw -q -B -pl bench -am compile dependency:build-classpath -DskipFormat=true \
    -Dmdep.outputFile="$CP_FILE" -Dmdep.includeScope=runtime)
CP="$BENCH/target/classes:$ROOT/observatory-core/target/classes:$ROOT/observatory-store/target/classes"
CP="$CP:$ROOT/observatory-model/target/classes:$ROOT/observatory-analysis/target/classes:$(cat "$CP_FILE")"
say "$(machine_note)"
"$JAVA" -Xmx4g --enable-native-access=ALL-UNNAMED -cp "$CP" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  dev.observatory.bench.query.SqlQueryLatency "$@"
