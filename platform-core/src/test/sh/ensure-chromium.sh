#!/usr/bin/env bash
# The browser tests drive Debian's Chromium through its ChromeDriver; install both when missing.
set -euo pipefail
if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "Browser tests need Debian's chromium and chromium-driver: sudo apt-get install -y chromium chromium-driver" >&2
  exit 1
fi
echo "Installing chromium and chromium-driver for the browser tests ..."
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq chromium chromium-driver >/dev/null
