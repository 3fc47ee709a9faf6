#!/usr/bin/env bash
# Bars (issue 4): filesystem upload/download of a 2 GB file at disk speed with constant memory (heap never grows with
# the file), next to a plain Files.copy baseline in the same run; listing 100,000 objects under a prefix <= 2 s against
# S3Proxy (in-process, in-memory, on 127.0.0.1). The JVM gets a 256 MiB heap on purpose: a buffered upload could not fit.
#   bench/run-blob.sh                          2048 MiB stream, 100,000 objects
#   SIZE_MB=512 OBJECTS=20000 bench/run-blob.sh
# S3_BACKEND: S3Proxy's store, transient-nio2 (default, in memory) or filesystem-nio2 (files under DIR); both list
# by reading every entry under the prefix for each page (see docs/benchmarks.md, session 6). key-indexed: the in-memory
# store behind a key-ordered index (bench fixture KeyIndexedBlobStore), so a page costs what it costs on S3 or MinIO:
# the setting that measures our client (docs/benchmarks.md, session 7).
# After the put/get lines, PUT_ROUNDS (2) interleaved rounds of Files.copy+fsync, the session-6 one-thread put and
# FileBlobStore.put print their MB/s, ratio to Files.copy+fsync and heap peak (session 7).
# Env: SIZE_MB (2048; 0 skips the filesystem part), OBJECTS (100000; 0 skips the listing), DIR (temp dir on the disk to
# measure, default /tmp), HEAP (256m, filesystem part), LIST_HEAP (3g: the listing JVM also holds S3Proxy's in-memory
# objects).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
S3_BACKEND=${S3_BACKEND:-transient-nio2}
SIZE_MB=${SIZE_MB:-2048}; OBJECTS=${OBJECTS:-100000}; DIR=${DIR:-/tmp}; HEAP=${HEAP:-256m}; LIST_HEAP=${LIST_HEAP:-3g}
CP_FILE="$BENCH/target/blob-bench.classpath"
if [[ ! -f "$BENCH/target/classes/dev/observatory/bench/blob/BlobBench.class" || ! -f "$CP_FILE" \
      || -n "$(find "$BENCH/src/main/java/dev/observatory/bench/blob" "$BENCH/pom.xml" -newer "$CP_FILE" 2>/dev/null)" ]]; then
  say "building bench (compile + class path)"
  (cd "$ROOT" && ./mvnw -q -B -pl bench compile dependency:build-classpath -DskipFormat=true \
      -Dmdep.outputFile="$CP_FILE" -Dmdep.includeScope=runtime)
fi
say "$(machine_note)"
say "disk under $DIR: $(df -h "$DIR" | awk 'NR==2 {print $2 " total, " $4 " free"}')"
run() {  # heap, size MiB, objects
  "$JAVA" -Xmx"$1" -XX:+UseG1GC -cp "$BENCH/target/classes:$(cat "$CP_FILE")" \
    -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
    dev.observatory.bench.blob.BlobBench --size-mb "$2" --objects "$3" --dir "$DIR" --s3-backend "$S3_BACKEND" --put-rounds "${PUT_ROUNDS:-2}"
}
[[ "$SIZE_MB" -gt 0 ]] && run "$HEAP" "$SIZE_MB" 0
[[ "$OBJECTS" -gt 0 ]] && run "$LIST_HEAP" 0 "$OBJECTS"
exit 0
