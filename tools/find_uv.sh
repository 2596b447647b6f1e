#!/usr/bin/env bash
# Print the path of a uv to use, getting one if needed; print nothing if none can be had.
# uv on PATH first, else build/uv/bin/uv, else `pip install --target build/uv uv==<version
# pinned in requirements.lock>` with $PYTHON (default python3).
set -uo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
bootstrap=build/uv
if command -v uv >/dev/null 2>&1; then
    command -v uv
elif [ -x "$bootstrap/bin/uv" ]; then
    echo "$bootstrap/bin/uv"
else
    version=$(sed -n 's/^uv==\([0-9][0-9a-z.]*\).*/\1/p' requirements.lock)
    if [ -n "$version" ] && "$PYTHON" -m pip install --quiet --disable-pip-version-check \
        --target "$bootstrap" "uv==$version" >/dev/null 2>&1 && [ -x "$bootstrap/bin/uv" ]; then
        echo "$bootstrap/bin/uv"
    else
        rm -rf "$bootstrap"
    fi
fi
