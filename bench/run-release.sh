#!/usr/bin/env bash
# Bars of issue 7, measured through the real services:
#  1. get_machine_topology over 200 machines and 2,000 deployments <= 50 ms: JMH TopologyBench (cached: the parsed
#     repository from the commit-id cache; cold: open + parse + build every call).
#  2. run_benchmark generates >= 5,000 requests/s against a trivial endpoint on 127.0.0.1 (BenchmarkLoad: Benchmarks.run
#     with HdrHistogram per worker and a stored result), then the same through the JDK HttpClient for comparison.
#   bench/run-release.sh                 both
#   PART=topology bench/run-release.sh   only 1;  PART=load bench/run-release.sh 10 8 32   only 2 (10 s, levels 8 32)
# Env: JDK=0 skips the HttpClient comparison.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
CP_FILE="$BENCH/target/release-bench.classpath"
say "building bench and its upstream modules (compile + class path; nothing is installed)"
(cd "$ROOT" && ./mvnw -q -B -pl bench -am compile dependency:build-classpath -DskipFormat=true \
    -Dmdep.outputFile="$CP_FILE" -Dmdep.includeScope=runtime)
CP="$BENCH/target/classes:$ROOT/observatory-core/target/classes:$ROOT/observatory-store/target/classes"
CP="$CP:$ROOT/observatory-model/target/classes:$ROOT/observatory-analysis/target/classes:$(cat "$CP_FILE")"
say "$(machine_note)"
if [[ "${PART:-all}" != load ]]; then
  "$JAVA" -cp "$CP" org.openjdk.jmh.Main TopologyBench -rf json -rff "$BENCH/target/jmh-TopologyBench.json"
fi
if [[ "${PART:-all}" != topology ]]; then
  "$JAVA" -XX:+UseG1GC -cp "$CP" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
    dev.observatory.bench.benchmark.BenchmarkLoad "$@"
  if [[ "${JDK:-1}" != 0 ]]; then
    "$JAVA" -XX:+UseG1GC -cp "$CP" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
      -Dobservatory.benchmark.jdkClient=true dev.observatory.bench.benchmark.BenchmarkLoad "$@"
  fi
fi
