#!/usr/bin/env bash
# `bench/run-stdio-startup.sh floors` (sourced by it): the JVM and MCP SDK floors of the stdio start, measured
# interleaved with the launcher. Needs JDK 25+ (AOT caches, JEP 483/514/515). BEFORE_JAR=other-observatory.jar adds
# before+aot and after+aot: `java -jar` of that jar and of this one with the launcher's flags and an AOT cache each (an
# A/B of a start-up change in the same run).
STDIO_REQUESTS='{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"aot-training","version":"1"}}}
{"jsonrpc":"2.0","method":"notifications/initialized"}
{"jsonrpc":"2.0","id":2,"method":"tools/list"}
{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"echo","arguments":{"text":"hello"}}}'

# the floor probes (bench/stdio-floor: outside the Maven build, which has no MCP SDK in bench): compiled against the
# server jar (same MCP SDK, Jackson and logging), packed into a jar (an AOT cache needs a class path of jars)
build_floor_jar() {
  local src="$BENCH/stdio-floor/dev/observatory/bench/stdio" out="$BENCH/target/stdio-floor"
  FLOOR_JAR="$out/floor.jar"
  rm -rf "$out" && mkdir -p "$out/classes"
  "$JAVA_HOME/bin/javac" --release 21 -nowarn -cp "$JAR" -d "$out/classes" "$src/JvmFloor.java" "$src/SdkFloor.java"
  "$JAVA_HOME/bin/jar" cf "$FLOOR_JAR" -C "$out/classes" .
}

# train_floor CACHE CLASSPATH MAIN: writes an AOT cache from a session like the launcher's training run
train_floor() {
  local cache="$1" cp="$2" main="$3"
  { echo "$STDIO_REQUESTS"; sleep 4; } | "$JAVA" "${STDIO_JOPTS[@]}" -XX:AOTCacheOutput="$cache" -Xlog:aot=off \
      -Xlog:cds=off -cp "$cp" "$main" >/dev/null 2>>"$WORK/train.err"
  [[ -s "$cache" ]] || { say "no AOT cache written for $main (see $WORK/train.err)"; exit 1; }
}

run_floors() {
  local jv stamp
  jv=$("$JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p' | cut -d. -f1)
  [[ "$jv" -ge 25 ]] || { say "the floors need JDK 25+ (AOT caches); JAVA_HOME is JDK $jv"; exit 3; }
  STDIO_JOPTS=(--enable-native-access=ALL-UNNAMED -XX:+UseSerialGC -Xss512k)  # keep in step with the launcher
  XDG_CACHE_HOME="$WORK/prime" "$ROOT/observatory" version >/dev/null
  build_floor_jar
  say "training AOT caches: jvm floor, sdk floor, launcher (bin/aot-train.sh)..."
  train_floor "$WORK/jvm.aot" "$FLOOR_JAR" dev.observatory.bench.stdio.JvmFloor
  train_floor "$WORK/sdk.aot" "$JAR:$FLOOR_JAR" dev.observatory.bench.stdio.SdkFloor
  mkdir -p "$WORK/cache/observatory"
  stamp=$(stat -c '%s-%Y' "$JAR")
  bash "$ROOT/bin/aot-train.sh" "$JAVA" "$JAR" "$WORK/cache/observatory/observatory-$jv-$stamp.aot"
  local j="$JAVA ${STDIO_JOPTS[*]}" env="env XDG_CACHE_HOME=$WORK/cache"
  if [[ -n "${BEFORE_JAR:-}" ]]; then
    bash "$ROOT/bin/aot-train.sh" "$JAVA" "$BEFORE_JAR" "$WORK/before.aot"
    cp "$WORK/cache/observatory/observatory-$jv-$stamp.aot" "$WORK/after.aot"
  fi
  {
    printf 'jvm\t%s -cp %s dev.observatory.bench.stdio.JvmFloor\n' "$j" "$FLOOR_JAR"
    printf 'jvm+aot\t%s -XX:AOTCache=%s -Xlog:aot=off -Xlog:cds=off -cp %s dev.observatory.bench.stdio.JvmFloor\n' \
      "$j" "$WORK/jvm.aot" "$FLOOR_JAR"
    printf 'sdk\t%s -cp %s:%s dev.observatory.bench.stdio.SdkFloor\n' "$j" "$JAR" "$FLOOR_JAR"
    printf 'sdk+aot\t%s -XX:AOTCache=%s -Xlog:aot=off -Xlog:cds=off -cp %s:%s dev.observatory.bench.stdio.SdkFloor\n' \
      "$j" "$WORK/sdk.aot" "$JAR" "$FLOOR_JAR"
    printf 'launcher\t%s %s/observatory mcp --data-dir %s/data1\n' "$env" "$ROOT" "$WORK"
    printf 'launcher-memory\t%s %s/observatory mcp --storage memory\n' "$env" "$ROOT"
    if [[ -n "${BEFORE_JAR:-}" ]]; then
      printf 'before+aot\t%s -XX:AOTCache=%s -Xlog:aot=off -Xlog:cds=off -jar %s mcp --data-dir %s/data3\n' \
        "$j" "$WORK/before.aot" "$BEFORE_JAR" "$WORK"
      printf 'after+aot\t%s -XX:AOTCache=%s -Xlog:aot=off -Xlog:cds=off -jar %s mcp --data-dir %s/data4\n' \
        "$j" "$WORK/after.aot" "$JAR" "$WORK"
    fi
    if [[ -n "${STARTUP_TRACE:-}" ]]; then
      printf 'launcher-trace\t%s OBSERVATORY_JAVA_OPTS=-Dobservatory.startup.trace=true %s/observatory mcp --data-dir %s/data2\n' \
        "$env" "$ROOT" "$WORK"
    fi
  } >"$WORK/plan"
  "$JAVA" -cp "$TOOLS" dev.observatory.bench.StdioStartup --runs "$RUNS" --stderr "$WORK/stderr" --plan "$WORK/plan" \
    | tee "$WORK/out"
  echo "== stdio spawn -> initialize, $RUNS rounds, variants interleaved (run 1 of each dropped), $(cut -d' ' -f1-3 /proc/loadavg)"
  grep '^RESULT' "$WORK/out"
  [[ -z "${STARTUP_TRACE:-}" ]] || grep 'startup' "$WORK/stderr" | tail -n 40
}
