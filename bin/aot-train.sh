#!/usr/bin/env bash
# Writes the ahead-of-time cache that `observatory mcp` uses on JDK 25+ (see docs/decisions/0009-stdio-startup.md):
# runs `mcp` once on a throw-away data directory with a scripted session (initialize, tools/list, a few reads) and
# -XX:AOTCacheOutput, then moves the cache into place. Started in the background by the launcher; safe to re-run.
#   bin/aot-train.sh JAVA JAR OUTPUT.aot
set -uo pipefail
JAVA="$1" JAR="$2" OUT="$3"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/observatory-aot.XXXXXX")
trap 'rm -rf "$WORK" "$OUT.lock"' EXIT
{
  echo '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"aot-training","version":"1"}}}'
  echo '{"jsonrpc":"2.0","method":"notifications/initialized"}'
  echo '{"jsonrpc":"2.0","id":2,"method":"tools/list"}'
  echo '{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"list_projects","arguments":{}}}'
  echo '{"jsonrpc":"2.0","id":4,"method":"tools/call","params":{"name":"list_runs","arguments":{"limit":5}}}'
  echo '{"jsonrpc":"2.0","id":5,"method":"tools/call","params":{"name":"search","arguments":{"query":"loss"}}}'
  echo '{"jsonrpc":"2.0","id":6,"method":"resources/templates/list"}'
  echo '{"jsonrpc":"2.0","id":7,"method":"prompts/list"}'
  sleep 4
} | "$JAVA" --enable-native-access=ALL-UNNAMED -XX:+UseSerialGC -Xss512k -XX:AOTCacheOutput="$WORK/cache.aot" \
      -Xlog:aot=off -Xlog:cds=off -jar "$JAR" mcp --data-dir "$WORK/data" >/dev/null 2>"$WORK/err" \
  && [[ -s "$WORK/cache.aot" ]] && mv -f "$WORK/cache.aot" "$OUT"
