"""`make lab` starts a real JupyterLab that serves the course, opened on the contents."""

import json
import os
import secrets
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_make_lab_serves_the_contents_notebook():
    """The README's `make lab` starts JupyterLab, which serves 00-contents.ipynb and a kernel."""
    port, token = free_port(), secrets.token_hex(16)
    args = f"--no-browser --ip=127.0.0.1 --port={port} --IdentityProvider.token={token}"
    server = subprocess.Popen(
        ["make", "--no-print-directory", "lab", f"LAB_ARGS={args}"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,  # so the whole process group can be stopped
    )
    base = f"http://127.0.0.1:{port}"
    try:
        contents = None
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and server.poll() is None:
            try:
                url = f"{base}/api/contents/notebooks/00-contents.ipynb?token={token}"
                with urllib.request.urlopen(url, timeout=5) as response:
                    contents = json.load(response)
                break
            except OSError:
                time.sleep(0.5)
        assert contents is not None, "JupyterLab did not answer within 60 s"
        assert contents["type"] == "notebook"
        with urllib.request.urlopen(f"{base}/api/kernelspecs?token={token}", timeout=5) as r:
            assert "python3" in json.load(r)["kernelspecs"]
        with urllib.request.urlopen(f"{base}/lab?token={token}", timeout=5) as r:
            assert r.status == 200
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        output, _ = server.communicate(timeout=30)
    assert "/lab/tree/notebooks/00-contents.ipynb?token=" in output, "URL opens the contents"
