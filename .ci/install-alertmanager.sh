#!/usr/bin/env bash
# Installs Prometheus Alertmanager (Debian package `prometheus-alertmanager`, binary /usr/bin/prometheus-alertmanager)
# for the alert routing tests, which start it on a loopback port. Does nothing when the binary is already there.
# Non-interactive and quiet; the package's own service is not needed (the tests start their own process).
set -euo pipefail
if [[ -x /usr/bin/prometheus-alertmanager ]]; then
  exit 0
fi
SUDO=""
if [[ "$(id -u)" != "0" ]]; then
  SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null
$SUDO apt-get install -y -qq --no-install-recommends prometheus-alertmanager >/dev/null
/usr/bin/prometheus-alertmanager --version 2>&1 | head -n1
