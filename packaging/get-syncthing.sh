#!/usr/bin/env bash
# Prints the path of a Syncthing binary for the soak test (tests/soak/test_syncthing.py), getting
# one first if needed. The app itself never uses Syncthing or any network: this is test
# infrastructure only. In order:
#   1. the system's `syncthing`, when it is on PATH;
#   2. one unpacked earlier into .tools/syncthing (gitignored);
#   3. Debian's package, fetched by `apt-get download` and unpacked by `dpkg -x` into
#      .tools/syncthing: no root needed (as root, the package lists are refreshed once if the
#      download finds nothing).
# Exits 1 with one sentence on stderr when none of these works.
set -euo pipefail
cd "$(dirname "$0")/.."

if command -v syncthing >/dev/null 2>&1; then
    command -v syncthing
    exit 0
fi

tools="$PWD/.tools/syncthing"
binary="$tools/usr/bin/syncthing"
if [ -x "$binary" ]; then
    echo "$binary"
    exit 0
fi

if ! command -v apt-get >/dev/null 2>&1 || ! command -v dpkg >/dev/null 2>&1; then
    echo "get-syncthing: syncthing is not on PATH and there is no apt-get/dpkg to fetch" \
         "Debian's package; install syncthing." >&2
    exit 1
fi

download=$(mktemp -d)
trap 'rm -rf "$download"' EXIT
fetch() { (cd "$download" && apt-get download -q syncthing) >/dev/null 2>&1; }
if ! fetch; then
    if [ "$(id -u)" = 0 ]; then
        apt-get update -qq >/dev/null 2>&1 || true
    fi
    if ! fetch; then
        echo "get-syncthing: apt-get download syncthing failed (no package list with" \
             "syncthing, or no access to Debian's packages); install syncthing." >&2
        exit 1
    fi
fi
mkdir -p "$tools"
dpkg -x "$download"/syncthing_*.deb "$tools"
"$binary" --version >&2
echo "$binary"
