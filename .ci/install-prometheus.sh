#!/usr/bin/env bash
# Installs Prometheus (Debian package `prometheus`) for the end-to-end test in which a real Prometheus scrapes
# Observatory's /metrics and remote-writes into /api/v1/write. Does nothing when the binary is already there. The
# package may start a prometheus service; the tests start their own on a free loopback port and ignore it.
set -euo pipefail
if [[ -x /usr/bin/prometheus ]]; then
  exit 0
fi
SUDO=""
if [[ "$(id -u)" != "0" ]]; then
  SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null
$SUDO apt-get install -y -qq --no-install-recommends prometheus >/dev/null
/usr/bin/prometheus --version | head -n1
