#!/usr/bin/env bash
# Create .venv and install annotator into it (with the test extras when given "test").
# On Debian as root it also installs what the GUI tests use: Xvfb and xdotool (real-window tests),
# and the X/EGL client libraries Qt needs.
#
# It does nothing when .venv is already up to date: a stamp file (.venv/.annotator-setup) records a
# hash of pyproject.toml and of the Python it was made with, and the extras; the install runs again
# only when one of them changed or .venv lost its `annotator` command. `scripts/gui.sh` therefore
# relaunches at once. Delete the stamp to force a reinstall.
set -euo pipefail
cd "$(dirname "$0")/.."
extras="${1:-}"
stamp=.venv/.annotator-setup
base="$( (cat pyproject.toml; command -v python3) | sha256sum | cut -d' ' -f1)"
# A "test" install also serves a plain one, so gui.sh after test.sh does not reinstall.
if [ "$extras" = test ]; then ok="^$base test\$"; else ok="^$base"; fi
if [ -x .venv/bin/python ] && [ -x .venv/bin/annotator ] && [ -f "$stamp" ] && grep -q "$ok" "$stamp"; then
  exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  need=()
  for pkg in xvfb xdotool libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 \
             libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-xinerama0 libxcb-randr0 \
             libxcb-render-util0 libxcb-image0; do
    dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
  done
  if [ ${#need[@]} -gt 0 ]; then
    echo "installing system packages: ${need[*]}" >&2
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null) \
      || echo "warning: could not install ${need[*]}; real-window tests will be skipped" >&2
  fi
fi
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip >/dev/null 2>&1 || true
if [ "$extras" = test ]; then
  .venv/bin/python -m pip install -q -e ".[test]"
else
  .venv/bin/python -m pip install -q -e .
fi
echo "$base $extras" > "$stamp"
