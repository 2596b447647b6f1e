#!/usr/bin/env bash
# Print the path of a uv to use, getting one if needed; print nothing if none can be had.
# uv on PATH first, else build/uv/bin/uv, else uv==<the version pinned in requirements.lock>
# installed there with pip: `$PYTHON -m pip install --target build/uv`, or, for a Python
# without pip of its own (Debian's python3 without python3-pip), a small venv in build/uv.
set -uo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
bootstrap=build/uv
pip_quiet=(--quiet --disable-pip-version-check)

if command -v uv >/dev/null 2>&1; then
    command -v uv
    exit 0
fi
if [ ! -x "$bootstrap/bin/uv" ]; then
    version=$(sed -n 's/^uv==\([0-9][0-9a-z.]*\).*/\1/p' requirements.lock)
    [ -n "$version" ] || exit 0
    rm -rf "$bootstrap"
    if "$PYTHON" -m pip --version >/dev/null 2>&1; then
        "$PYTHON" -m pip install "${pip_quiet[@]}" --target "$bootstrap" "uv==$version" >/dev/null 2>&1
    elif "$PYTHON" -m venv "$bootstrap" >/dev/null 2>&1; then
        "$bootstrap/bin/python" -m pip install "${pip_quiet[@]}" "uv==$version" >/dev/null 2>&1
    fi
fi
if [ -x "$bootstrap/bin/uv" ]; then
    echo "$bootstrap/bin/uv"
else
    rm -rf "$bootstrap"
fi
