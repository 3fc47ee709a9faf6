#!/usr/bin/env bash
# Bar: idle server RSS <= 256 MB. Starts `serve --demo` (the launcher's serve JVM flags) on a temp data dir, waits
# IDLE seconds (20) after /health answers, reads VmRSS (and VmHWM, the peak) from /proc. Repeats REPEATS (3) times.
# NMT=1 adds the JVM's native memory summary (heap, metaspace, code, threads; DuckDB's own memory is the rest of RSS).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
require_jar
REPEATS=${REPEATS:-3}; IDLE=${IDLE:-20}
WORK=$(mktemp -d /tmp/observatory-rss.XXXXXX)
trap 'stop_server; rm -rf "$WORK"' EXIT
say "$(machine_note)"
rss=()
for r in $(seq 1 "$REPEATS"); do
  rm -rf "$WORK/data"
  SERVER_JOPTS="${SERVER_JOPTS:-} $([[ "${NMT:-0}" == 1 ]] && echo -XX:NativeMemoryTracking=summary)" \
    start_server "$WORK/data" --demo "$@"
  sleep "$IDLE"
  if [[ "${NMT:-0}" == 1 ]]; then
    "$JAVA_HOME/bin/jcmd" "$SERVER_PID" VM.native_memory summary scale=MB \
      | grep -E '^Total|^-  *(Java Heap|Class|Thread|Code|GC|Internal|Other|Symbol|Metaspace|Arena|Shared)' || true
  fi
  kb=$(awk '/^VmRSS/{print $2}' "/proc/$SERVER_PID/status"); hwm=$(awk '/^VmHWM/{print $2}' "/proc/$SERVER_PID/status")
  echo "RESULT rss repeat=$r rss_mb=$((kb / 1024)) peak_mb=$((hwm / 1024))"
  rss+=("$((kb / 1024))")
  stop_server
done
echo "MEDIAN rss_mb=$(printf '%s\n' "${rss[@]}" | median) (bar 256)"
