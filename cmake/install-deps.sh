#!/usr/bin/env bash
# Installs the Debian packages dkg needs to build and test, only those missing.
# Not root or not Debian: prints the exact list to install and fails.
# usage: install-deps.sh [--check-extra]   (extra: the tools `make check` uses)
set -u
pkgs=(build-essential cmake pkg-config libraptor2-dev librasqal3-dev librdf0-dev libxml2-dev
      libjansson-dev zlib1g-dev libutf8proc-dev libcurl4-gnutls-dev libgraphviz-dev
      raptor2-utils rasqal-utils redland-utils)
if [[ ${1:-} == --check-extra ]]; then
    pkgs+=(libcunit1-dev clang-format clang valgrind python3 graphviz time)
    # Node.js for the SHACL check: any node with npm will do (the Debian packages
    # conflict with other builds of nodejs that ship npm themselves)
    if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
        pkgs+=(nodejs npm)
    fi
fi
missing=()
for p in "${pkgs[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
((${#missing[@]} == 0)) && exit 0
if [[ ! -f /etc/debian_version ]] || ! command -v apt-get >/dev/null; then
    echo "dkg: not a Debian system; install these packages (or their equivalents): ${missing[*]}" >&2
    exit 1
fi
if [[ $(id -u) != 0 ]]; then
    echo "dkg: missing packages; run as root: apt-get install ${missing[*]}" >&2
    exit 1
fi
echo "dkg: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null || { echo "dkg: apt-get update failed" >&2; exit 1; }
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null ||
    { echo "dkg: apt-get install ${missing[*]} failed" >&2; exit 1; }
