#!/usr/bin/env bash
# Shared helpers of the benchmark wrappers (sourced, not run). Everything stays on 127.0.0.1 and in a temp dir.
set -euo pipefail
BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$BENCH")"
JAR="${BENCH_SERVER_JAR:-$ROOT/observatory-server/target/observatory.jar}"  # BENCH_SERVER_JAR: measure another build
TOOLS="$BENCH/target/load-tools"

say() { echo "bench: $*" >&2; }

# A JDK 21+: $JAVA_HOME when it is one, else the newest under /usr/lib/jvm.
find_java() {
  local c v
  for c in "${JAVA_HOME:-}" $(ls -d /usr/lib/jvm/* 2>/dev/null | sort -rV); do
    [[ -n "$c" && -x "$c/bin/javac" ]] || continue
    v=$("$c/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p')
    if [[ -n "$v" && "${v%%.*}" -ge 21 ]]; then echo "$c"; return; fi
  done
  say "no JDK 21+ found; set JAVA_HOME"; exit 3
}
export JAVA_HOME="$(find_java)"
JAVA="$JAVA_HOME/bin/java"
# The JVM flags ./observatory uses for `serve` (see the launcher); the wrappers run the jar directly so that the
# launcher's rebuild-when-sources-changed check can never start a Maven build in the middle of a measurement.
SERVE_JOPTS=(--enable-native-access=ALL-UNNAMED -XX:+UseG1GC -Xms64m -XX:G1PeriodicGCInterval=10000 -XX:MaxHeapFreeRatio=30 -XX:MinHeapFreeRatio=10)  # keep in step with the launcher
# ... and its native-heap settings for serve (docs/decisions/0031-idle-native-memory.md): two glibc malloc arenas, and
# the JVM trims the native heap every 10 s (JDK 22+). SERVE_NATIVE_DEFAULTS=0 measures without them (A/B).
SERVE_MALLOC_ARENA_MAX=""
if [[ "${SERVE_NATIVE_DEFAULTS:-1}" == 1 ]]; then
  SERVE_MALLOC_ARENA_MAX=2
  "$JAVA" -XX:TrimNativeHeapInterval=10000 -version >/dev/null 2>&1 && SERVE_JOPTS+=(-XX:TrimNativeHeapInterval=10000)
fi

require_jar() {
  [[ -f "$JAR" ]] || { say "no $JAR: build it with ./observatory build"; exit 1; }
}

# The load tools use the JDK alone: compile them straight from source (no Maven, no other module needed).
build_tools() {
  local src="$BENCH/src/main/java/dev/observatory/bench"
  local files=("$src/CliArgs.java" "$src/Latencies.java" "$src/TrainingCurves.java" "$src/LoopbackHttp.java"
               "$src/IngestBodies.java" "$src/IngestLoad.java" "$src/McpLatency.java" "$src/StdioStartup.java" "$src/RawHttp.java")
  if [[ ! -f "$TOOLS/dev/observatory/bench/IngestLoad.class" || -n "$(find "${files[@]}" -newer "$TOOLS/dev/observatory/bench/IngestLoad.class" 2>/dev/null)" ]]; then
    mkdir -p "$TOOLS"
    "$JAVA_HOME/bin/javac" --release 21 -d "$TOOLS" "${files[@]}"
  fi
}

# start_server DATA_DIR [serve options...]: starts the server on a free port (serve --port 0 prints
# "observatory: listening on http://127.0.0.1:PORT" to stderr), waits for /health, sets SERVER_PID and BASE_URL.
start_server() {
  local data="$1"; shift
  mkdir -p "$data"
  SERVER_LOG="$data/../server.log"
  local env=()
  [[ -n "$SERVE_MALLOC_ARENA_MAX" && -z "${MALLOC_ARENA_MAX:-}" ]] && env=("MALLOC_ARENA_MAX=$SERVE_MALLOC_ARENA_MAX")
  env "${env[@]}" "$JAVA" "${SERVE_JOPTS[@]}" ${SERVER_JOPTS:-} -jar "$JAR" serve --port 0 --data-dir "$data" "$@" \
    >"$SERVER_LOG" 2>&1 &
  SERVER_PID=$!
  BASE_URL=""
  local i
  for i in $(seq 1 1200); do
    [[ -z "$BASE_URL" ]] && BASE_URL=$(sed -n 's|.*listening on \(http://127\.0\.0\.1:[0-9]*\).*|\1|p' "$SERVER_LOG" | head -1)
    if [[ -n "$BASE_URL" ]] && curl -fs -o /dev/null "$BASE_URL/health"; then return 0; fi
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then say "the server exited; its log:"; cat "$SERVER_LOG" >&2; exit 1; fi
    sleep 0.1
  done
  say "the server did not answer /health within 120 s"; stop_server; exit 1
}

stop_server() {
  if [[ -n "${SERVER_PID:-}" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$SERVER_PID" 2>/dev/null || true
  fi
  SERVER_PID=""
}

# median of the numbers on stdin (one per line)
median() { sort -g | awk '{a[NR]=$1} END {if (NR==0) exit; if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }

# field NAME: the value of NAME=... in RESULT lines on stdin
field() { sed -n "s/.*[ ]$1=\([^ ]*\).*/\1/p"; }

machine_note() {
  echo "$(date -u +%Y-%m-%d) $(nproc) cores $(awk '/model name/{$1=$2=$3="";print;exit}' /proc/cpuinfo | xargs)," \
       "$(free -g | awk '/Mem:/{print $2}') GB RAM, JDK $("$JAVA" -version 2>&1 | head -1 | cut -d'"' -f2), load $(cut -d' ' -f1-3 /proc/loadavg)"
}
