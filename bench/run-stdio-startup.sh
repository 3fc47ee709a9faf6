#!/usr/bin/env bash
# Bar: `./observatory mcp` spawn to initialize response <= 350 ms once the launcher's CDS archive exists.
# Measures, each with a fresh cache dir so the first run is cold (no archive) and the rest warm:
#   launcher   ./observatory mcp (cached JDK choice + java with the launcher's flags; AOT cache on JDK 25+, trained first)
#   launcher-cds  the same with OBSERVATORY_NO_AOT=1: the dynamic CDS archive instead of the AOT cache
#   java+cds   java with the launcher's flags and archive, no launcher script
#   java       plain java -jar, default CDS only (no application archive): the baseline
#   memory     as java+cds with --storage memory: no DuckDB native library to load, the JVM + MCP floor
#   bench/run-stdio-startup.sh           RUNS (11) spawns per variant
# The floors (JDK 25+; every variant warm, run interleaved: one spawn of each per round):
#   bench/run-stdio-startup.sh floors    jvm / jvm+aot: a trivial main that prints a canned initialize answer
#                                        (bench/stdio-floor/.../JvmFloor), without / with its own AOT cache;
#                                        sdk / sdk+aot: the official MCP SDK's smallest stdio server, one tool
#                                        (bench/stdio-floor/.../SdkFloor, on the Observatory jar's class path);
#                                        launcher / launcher-memory: ./observatory mcp with its AOT cache, DuckDB /
#                                        --storage memory. STARTUP_TRACE=1 adds launcher-trace (the launcher with
#                                        -Dobservatory.startup.trace=true: start-up marks on stderr, see $WORK).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
require_jar; build_tools
RUNS=${RUNS:-11}
WORK=$(mktemp -d /tmp/observatory-stdio.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
say "$(machine_note)"
if [[ "${1:-}" == floors ]]; then
  source "$BENCH/stdio-floors.sh"
  run_floors
  exit 0
fi
# the launcher rebuilds the jar when a source is newer than it: let that happen now, not inside a measurement
XDG_CACHE_HOME="$WORK/prime" "$ROOT/observatory" version >/dev/null
JV=$("$JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p' | cut -d. -f1)
STAMP=$(cksum <"$JAR" | cut -d' ' -f1)
STDIO_JOPTS=(--enable-native-access=ALL-UNNAMED -XX:+UseSerialGC -Xss512k)
run_variant() {
  local name="$1"; shift
  local out
  out=$("$JAVA" -cp "$TOOLS" dev.observatory.bench.StdioStartup --runs "$RUNS" --stderr "$WORK/$name.err" -- "$@")
  echo "$out" | sed "s/^/[$name] /"
  echo "$(grep '^RESULT' <<<"$out") variant=$name" >>"$WORK/results"
}
mkdir -p "$WORK/launcher-cache" "$WORK/launcher-cds-cache" "$WORK/cds"
if [[ "$JV" -ge 25 ]]; then
  # the launcher makes its AOT cache in the background after the first start; make it now so every run below uses it
  mkdir -p "$WORK/launcher-cache/observatory"
  JAR_STAMP=$(stat -c '%s-%Y' "$JAR")
  say "training the AOT cache (bin/aot-train.sh)..."
  bash "$ROOT/bin/aot-train.sh" "$JAVA" "$JAR" "$WORK/launcher-cache/observatory/observatory-$JV-$JAR_STAMP.aot"
fi
XDG_CACHE_HOME="$WORK/launcher-cache" run_variant launcher env XDG_CACHE_HOME="$WORK/launcher-cache" \
  "$ROOT/observatory" mcp --data-dir "$WORK/data1"
XDG_CACHE_HOME="$WORK/launcher-cds-cache" run_variant launcher-cds env XDG_CACHE_HOME="$WORK/launcher-cds-cache" \
  OBSERVATORY_NO_AOT=1 "$ROOT/observatory" mcp --data-dir "$WORK/data4"
run_variant java+cds "$JAVA" "${STDIO_JOPTS[@]}" -XX:SharedArchiveFile="$WORK/cds/observatory-$JV-$STAMP.jsa" \
  -XX:+AutoCreateSharedArchive -Xlog:cds=off -Xlog:cds+dynamic=off -jar "$JAR" mcp --data-dir "$WORK/data2"
run_variant java "$JAVA" "${STDIO_JOPTS[@]}" -jar "$JAR" mcp --data-dir "$WORK/data3"
mkdir -p "$WORK/cds-memory"
run_variant memory "$JAVA" "${STDIO_JOPTS[@]}" -XX:SharedArchiveFile="$WORK/cds-memory/observatory-$JV-$STAMP.jsa" \
  -XX:+AutoCreateSharedArchive -Xlog:cds=off -Xlog:cds+dynamic=off -jar "$JAR" mcp --storage memory
echo "== stdio spawn -> initialize, $RUNS spawns per variant (first = cold)"
cat "$WORK/results"
