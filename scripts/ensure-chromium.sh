#!/usr/bin/env bash
# Installs Debian's Chromium and ChromeDriver (for the browser tests) when they are missing.
set -euo pipefail
exec bash "$(dirname "$0")/ensure-debian.sh" chromium chromedriver -- chromium chromium-driver
