#!/usr/bin/env bash
# Creates .venv with Python 3.13 (the Lambda runtime; 3.11+ accepted with a warning) and the dev tools.
# Idempotent: does nothing when .venv is newer than pyproject.toml, and only updates an existing .venv.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -x .venv/bin/python ] && [ .venv/.installed -nt pyproject.toml ]; then
  exit 0
fi
if [ -x .venv/bin/python ]; then
  echo "==> pyproject.toml changed: updating .venv"
  .venv/bin/python -m pip install --quiet -e '.[dev]'
  touch .venv/.installed
  exit 0
fi

find_python() {
  if [ -n "${PYTHON:-}" ]; then echo "$PYTHON"; return; fi
  for candidate in python3.13 "$HOME"/.pyenv/versions/3.13*/bin/python3.13 /usr/local/bin/python3.13 /usr/bin/python3.13; do
    # pyenv's shims exist for versions that are not selected: only a python that runs counts.
    if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -c 'import sys' >/dev/null 2>&1; then command -v "$candidate"; return; fi
  done
  for candidate in python3.12 python3.11 python3; do
    if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
      echo "warning: Python 3.13 (the Lambda runtime) not found; using $candidate" >&2
      command -v "$candidate"; return
    fi
  done
  echo "error: Python 3.11 or newer is required (3.13 preferred); set PYTHON=/path/to/python3.13" >&2
  exit 1
}

python=$(find_python)
echo "==> creating .venv with $("$python" --version)"
"$python" -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e '.[dev]'
touch .venv/.installed
