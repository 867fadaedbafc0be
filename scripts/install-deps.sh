#!/usr/bin/env bash
# Installs what Sibyl needs to build, run and test on Debian: libsnappy, libre2, zlib, libsqlite3, pkg-config,
# Prometheus, promtool, the node exporter, VictoriaMetrics (a remote-write receiver in tests), python3 (a static file server in tests), make, curl, openssl (TLS tests), and chromium
# with a font (the headless browser that renders the status page in tests).
# Runs apt-get only when something is missing. Needs root (or sudo).
set -euo pipefail
packages=(libsnappy-dev libre2-dev zlib1g-dev libsqlite3-dev pkg-config prometheus prometheus-node-exporter victoria-metrics python3 make curl openssl
    chromium fonts-dejavu-core)
missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "install-deps: run as root or install sudo" >&2; exit 1; }
    sudo="sudo"
fi
echo "install-deps: installing ${missing[*]}" >&2
$sudo apt-get update -qq
# policy-rc.d keeps Debian from starting the packaged services: Sibyl's scripts start their own.
DEBIAN_FRONTEND=noninteractive RUNLEVEL=1 $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
