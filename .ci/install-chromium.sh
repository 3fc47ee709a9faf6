#!/usr/bin/env bash
# Installs headless Chromium and its WebDriver (Debian packages `chromium`, `chromium-driver`) for the web UI's
# end-to-end tests. Does nothing when both binaries are already there. Non-interactive and quiet.
set -euo pipefail
if [[ -x /usr/bin/chromium && -x /usr/bin/chromedriver ]]; then
  exit 0
fi
SUDO=""
if [[ "$(id -u)" != "0" ]]; then
  SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null
$SUDO apt-get install -y -qq --no-install-recommends chromium chromium-driver >/dev/null
/usr/bin/chromium --version
/usr/bin/chromedriver --version
