#!/usr/bin/env bash
# Build or update .venv for one role: `course` (what `make lab` needs, requirements/course.lock)
# or `test` (everything `make test` and `make site` need, requirements.lock). The Makefile runs
# this when a lock is newer than the stamp it leaves in .venv.
#
# It installs with uv when it can get it (tools/find_uv.sh: uv on PATH, else uv from build/uv,
# else it puts the lock's version of uv there first with pip). Without uv (no pip to fetch it,
# or the index refuses) it says so in one line and uses pip: slower, the same packages.
# USE_PIP=1 forces pip. PYTHON picks the interpreter (default python3).
set -euo pipefail
cd "$(dirname "$0")/.."

role=${1:?usage: tools/setup_venv.sh course|test}
case $role in
    course) lock=requirements/course.lock ;;
    test) lock=requirements.lock ;;
    *) echo "usage: tools/setup_venv.sh course|test" >&2; exit 2 ;;
esac
PYTHON=${PYTHON:-python3}
venv=.venv

if ! command -v "$PYTHON" >/dev/null 2>&1; then
    echo "error: $PYTHON not found. The course needs Python 3.11 or newer." >&2
    exit 1
fi
if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
    cat >&2 <<EOF
error: the course needs Python 3.11 or newer; $PYTHON is $("$PYTHON" --version 2>&1).
  Get 3.11 or newer from your package manager (Ubuntu 22.04: sudo apt install python3.11
  python3.11-venv), from https://www.python.org/downloads/, or with \`uv python install 3.11\`,
  then run: make ${MAKE_TARGET:-lab} PYTHON=python3.11
EOF
    exit 1
fi

# A .venv left by an older Python (the course once allowed 3.10) is rebuilt.
if [ -x "$venv/bin/python" ] && ! "$venv/bin/python" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
    echo "note: $venv uses $("$venv/bin/python" --version 2>&1); rebuilding it with $PYTHON"
    rm -rf "$venv"
fi

uv=
if [ -z "${USE_PIP:-}" ]; then
    uv=$(PYTHON=$PYTHON tools/find_uv.sh)
    [ -n "$uv" ] || echo "notice: uv is not available, installing with pip instead (slower)"
fi

if [ -n "$uv" ]; then
    # Never download a Python: use the one asked for, or stop.
    export UV_PYTHON_DOWNLOADS=never
    if [ ! -x "$venv/bin/python" ]; then
        "$uv" venv --quiet --python "$(command -v "$PYTHON")" "$venv"
    fi
    "$uv" pip install --quiet --python "$venv/bin/python" -r "$lock"
    "$uv" pip install --quiet --python "$venv/bin/python" --no-deps --editable .
else
    if [ ! -x "$venv/bin/python" ]; then
        "$PYTHON" -m venv "$venv"
    fi
    pip=("$venv/bin/python" -m pip install --quiet --disable-pip-version-check)
    "${pip[@]}" --require-hashes -r "$lock"
    "${pip[@]}" --no-deps --editable .
fi

# The full lock holds the course's pins too: a test set-up also satisfies `make lab`.
touch "$venv/.installed-$role"
if [ "$role" = test ]; then
    touch "$venv/.installed-course"
fi
