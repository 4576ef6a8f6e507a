#!/usr/bin/env bash
# Install annotator and open the GUI (on the bundled sample project the first time).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/annotator gui "$@"
