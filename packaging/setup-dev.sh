#!/usr/bin/env bash
# Sets up everything the app and its tests need on a fresh Debian/Ubuntu machine:
# the system libraries the Qt wheels load (installed when we are root, otherwise the exact
# command is printed), then a virtual environment in .venv with the project and its dev tools.
# Re-running is cheap: each step is skipped when already done.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
VENV=${VENV:-.venv}

# Offscreen Qt (tests) and a font: without a font every Qt text renders as empty boxes.
OFFSCREEN_PKGS="libglib2.0-0 libgl1 libegl1 libxkbcommon0 libfontconfig1 libdbus-1-3 fonts-dejavu-core"
# A real X11 window, Xvfb for screenshots, poppler for reading PDFs back.
X11_PKGS="xvfb xauth libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0 libxcb-shape0 libxkbcommon-x11-0 poppler-utils desktop-file-utils appstream shared-mime-info libglib2.0-bin"

missing_packages() {
    local pkg missing=()
    for pkg in "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" \
            || missing+=("$pkg")
    done
    echo "${missing[@]:-}"
}

if command -v dpkg-query >/dev/null 2>&1; then
    # shellcheck disable=SC2086
    missing=$(missing_packages $OFFSCREEN_PKGS $X11_PKGS)
    if [ -n "${missing// /}" ]; then
        if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
            echo "setup: installing system libraries: $missing"
            export DEBIAN_FRONTEND=noninteractive
            apt-get update -qq >/dev/null
            # shellcheck disable=SC2086
            apt-get install -y -qq --no-install-recommends $missing >/dev/null
        else
            echo "setup: these system libraries are missing; install them with:" >&2
            echo "  sudo apt-get install --no-install-recommends $missing" >&2
            exit 1
        fi
    fi
else
    echo "setup: not a Debian/Ubuntu system; make sure Qt's runtime libraries and a font are installed" >&2
fi

stamp="$VENV/.installed"
if [ ! -x "$VENV/bin/python" ]; then
    "$PYTHON" -m venv "$VENV"
fi
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -e ".[dev]"
    touch "$stamp"
fi
