#!/usr/bin/env bash
# Install intake into .venv and watch ./inbox/ on the embedded defaults (HOME = this folder).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/system-packages.sh
python3 -m venv .venv
.venv/bin/pip install -q --upgrade pip
.venv/bin/pip install -q .
.venv/bin/intake --home . init
exec .venv/bin/intake --home . watch
