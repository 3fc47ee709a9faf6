#!/usr/bin/env bash
# JMH benchmarks of the service layer (no HTTP): MetricHistoryBench (1 M-point series -> 1,000-point M4 chart,
# bar <= 20 ms; M4AlgorithmBench, the bare algorithm on primitive arrays, is its floor) and RunsTableBench
# (10,000 runs x 20 metrics, sorted by a metric, first page of 50, bar <= 100 ms).
#   bench/run-jmh.sh                       all three, FORKS (3) forks each, results in bench/target/jmh-*.json
#   bench/run-jmh.sh MetricHistoryBench    one of them; extra arguments go to JMH (e.g. -p backend=duckdb)
# Builds bench/target/benchmarks.jar first when it is missing or older than the sources (upstream modules must be
# installed: ./mvnw -B install -DskipTests).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
FORKS=${FORKS:-3}
BJAR="$BENCH/target/benchmarks.jar"
if [[ ! -f "$BJAR" || -n "$(find "$BENCH/src/main" "$BENCH/pom.xml" -newer "$BJAR" -print -quit)" ]]; then
  say "building $BJAR"
  "$ROOT/mvnw" -q -B -f "$ROOT/pom.xml" -pl bench package -DskipTests -DskipFormat=true -Dbenchmarks
fi
say "$(machine_note)"
names=("$@"); [[ ${#names[@]} -gt 0 && "${names[0]}" != -* ]] && { sel="${names[0]}"; names=("${names[@]:1}"); } || sel=""
for b in ${sel:-MetricHistoryBench M4AlgorithmBench RunsTableBench}; do
  out="$BENCH/target/jmh-$b.json"
  "$JAVA" --enable-native-access=ALL-UNNAMED -jar "$BJAR" "$b" -f "$FORKS" -rf json -rff "$out" "${names[@]}"
  echo "== $b ($FORKS forks): ms per call (SampleTime)"
  jq -r '.[] | [(.benchmark | sub(".*\\."; "")), (.params // {} | to_entries | map("\(.key)=\(.value)") | join(",")),
      "p50=\(.primaryMetric.scorePercentiles["50.0"] | .*1000 | round / 1000)",
      "p99=\(.primaryMetric.scorePercentiles["99.0"] | .*1000 | round / 1000)",
      "mean=\(.primaryMetric.score | .*1000 | round / 1000)±\(.primaryMetric.scoreError | .*1000 | round / 1000)"]
      | join("  ")' "$out"
done
