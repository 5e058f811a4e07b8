#!/usr/bin/env bash
# Installs what the PostGIS reference runs need (Debian 12): PostgreSQL 15 with PostGIS 3 (its
# server package ships pgbench), GNU time (for peak memory), and for the service's load benchmark
# wrk and curl. Idempotent; only the benchmarks need it, never the build or the tests.
set -euo pipefail
packages=(postgresql-15 postgresql-15-postgis-3 postgresql-client-15 time wrk curl)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
