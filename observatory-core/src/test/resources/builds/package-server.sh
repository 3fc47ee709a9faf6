#!/bin/sh
# Packs the tiny model server into a gzipped tar with a manifest: package-server.sh <server source> <output archive>
set -eu
src="$1"
out="$2"
echo "packaging $src"
mkdir -p stage "$(dirname "$out")"
cp "$src" stage/Server.java
printf 'name=tiny-model-server\nentry=Server.java\nrun=java Server.java --port {port}\n' > stage/MANIFEST
tar -czf "$out" -C stage Server.java MANIFEST
echo "registry token: ${REGISTRY_TOKEN:-none}"
echo "wrote $out"
