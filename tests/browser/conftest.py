"""Harness for the real-browser tests: Playwright drives Debian's Chromium against a real
``jupyter lab`` that the tests start themselves, over a temporary copy of ``notebooks/``.

Every test in ``tests/browser`` is marked ``browser`` (deselect them with
``-m "not browser"``). When no Chromium is found, all of them are skipped with a reason that
says how to get one, and a line at the end of pytest's summary repeats it (with or without
``-rs``). Chromium is ``/usr/bin/chromium``, else ``chromium`` or ``chromium-browser`` on
PATH; ``CHROMIUM_PATH=/some/chromium`` overrides the search (``CHROMIUM_PATH=`` forces the
skip, to check it). With ``BROWSER_TESTS_REQUIRED=1`` (for CI) a missing Chromium makes
every browser test fail instead of skip.

Fixtures (``lab`` and ``browser`` live as long as the tests of this package run)
------------------------------------------------------------------------------------
``lab``
    A :class:`Lab`: ``jupyter lab`` from this Python environment on 127.0.0.1, a free port
    and a random token (``JUPYTER_TOKEN``), ``--LabApp.expose_app_in_browser=True`` (the
    page has ``window.jupyterapp``), ``--allow-root`` when root. Its root is a temporary copy
    of ``notebooks/`` (with ``figures/``), so the committed files are never touched. Its
    settings directory (``JUPYTERLAB_SETTINGS_DIR``) holds :data:`LAB_SETTINGS`: windowing
    mode ``"none"`` (every cell stays in the DOM), no news, no update check; its config, data,
    runtime, workspaces and IPython directories are temporary, so nothing of the user's is
    read or written. Attributes and methods: ``base_url``, ``token``, ``root_dir`` (a
    :class:`~pathlib.Path`; write scratch notebooks there), ``url(path)`` (with the token),
    ``api(method, path, body=None)`` (REST API, JSON in and out), ``sessions()``,
    ``kernels()``, ``shutdown_kernels()``. Log: ``test-artifacts/browser/jupyter-server.log``.
    At the end: kernels shut down, server stopped (REST shutdown, then SIGTERM, then SIGKILL);
    the teardown fails if any process it had started had to be killed.
``browser``
    Chromium launched headless by Playwright's sync API with :data:`CHROMIUM_ARGS`. (Scoped
    to this package, not the session: while the sync API runs it marks its asyncio loop as
    running in the main thread, which would break jupyter_client under nbval afterwards.)
``page`` (one per test)
    A new browser context and page (1280x900) with the harness's JavaScript helpers
    (``window.__labtest``). On failure a full-height screenshot is saved as
    ``test-artifacts/browser/<test>-FAILED.png``; browser console errors go to
    ``<test>.console.txt``. Afterwards the context is closed and every kernel shut down, so
    kernels never pile up from one test to the next.

Helpers (``from .conftest import open_notebook, run_all, ...`` in a test module here)
--------------------------------------------------------------------------------------
``open_notebook(page, lab, name)``
    Open ``name`` (a path relative to the copied ``notebooks/``) in a new JupyterLab
    workspace (nothing else is restored, so no second kernel) and wait, polling every 250 ms,
    until its kernel is *connected* and *idle* as ``window.jupyterapp`` reports it, and the
    ipywidgets comm target is registered (the status bar can say "Idle" earlier; cells sent
    then stay queued forever). Folds the file browser away; checks windowing is off. The
    kernel is started through the REST API while the page loads (``prestart_kernel=False``
    leaves that to JupyterLab); JupyterLab connects the notebook to that session.
``run_all(page)``
    Clear all outputs, run all cells (``notebook:run-all-cells``), wait until that command's
    promise has settled, no cell is running (``[*]``) and the kernel is idle. Returns a
    :class:`RunResult`: ``ok`` (every non-empty code cell ran, none raised), ``seconds``,
    ``unexecuted`` (cells without an execution count), ``error``.
``outputs_with_errors(page)``
    Error outputs and stderr streams (from the notebook model, else the DOM's
    ``.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]``), as strings
    naming the cell and its id; empty when clean.
``wait_for_widgets(page)`` / ``widget_problems(page)`` / ``count_widget_outputs(page)``
    Wait (up to 20 s) until every widget view output has rendered or failed; list those that
    show "Error displaying widget" or are still not rendered; count the widget views.
``widget_by_description(page, text)``
    Locator of the ipywidgets control whose description (label, checkbox text or button
    text) is exactly ``text``. Drive it with Playwright like a learner would.
``widget_models(page)`` / ``widget_value(page, description)`` / ``set_widget_value(...)``
    Read the ipywidgets models from the notebook's widget manager in the page (id, model
    name, description, value; byte values are reported as ``{"bytes": n}``), and set a
    model's value as the front end does (``model.set`` + ``save_changes``, synced to the
    kernel). ``description`` must match exactly one model (pass ``model_name`` to narrow).
``image_bytes(locator)`` / ``image_array(locator)``
    The encoded bytes an ``<img>`` shows (``ipywidgets.Image`` uses a blob: URL; a locator
    of a container uses its first ``img``), and those bytes decoded to a ``uint8`` NumPy
    array (rows, columns[, channels]) to compare with what ``helpers`` computes.
``screenshot(page, name, full=True)``
    Save ``test-artifacts/browser/<name>.png``; ``full`` grows the viewport to the whole
    notebook first (JupyterLab scrolls inside the notebook, not the page), up to 16000 px.

A playground test, in outline::

    from .conftest import open_notebook, run_all, outputs_with_errors, wait_for_widgets
    from .conftest import widget_by_description, widget_value, image_array, screenshot

    def test_kernel_explorer(page, lab):
        open_notebook(page, lab, "10-widget-playground.ipynb")
        assert run_all(page).ok
        wait_for_widgets(page)
        before = image_array(page.locator("img.widget-image").first)
        widget_by_description(page, "Preset").locator("select").select_option("Sobel x")
        page.wait_for_function(...)  # or poll image_array until it differs from `before`
        assert widget_value(page, "Preset") == "Sobel x"
        handle = widget_by_description(page, "Row").locator(".noUi-handle")
        handle.focus()
        handle.press("ArrowRight")  # keyboard moves work headless
        screenshot(page, "playground-explorer")
"""

from __future__ import annotations

import atexit
import contextlib
import io
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
NOTEBOOKS = ROOT / "notebooks"
ARTIFACTS = ROOT / "test-artifacts" / "browser"

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
VIEWPORT = {"width": 1280, "height": 900}
MAX_SCREENSHOT_HEIGHT = 16_000  # px: a full-notebook screenshot stops there
POLL_MS = 250
SERVER_START_TIMEOUT = 60.0  # s
OPEN_TIMEOUT_MS = 30_000
RUN_TIMEOUT_MS = 60_000
WIDGET_TIMEOUT_MS = 20_000
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"

# JupyterLab user settings written for the test server: {plugin id: settings}.
# The plugin id "@scope/package:plugin" is stored as "@scope/package/plugin.jupyterlab-settings".
LAB_SETTINGS = {
    # Keep every cell attached to the DOM (the default, "contentVisibility" in 4.x, and
    # "full" detach cells outside the viewport, which hides their outputs from the tests).
    "@jupyterlab/notebook-extension:tracker": {"windowingMode": "none"},
    # No news toast over the notebook and no request to the internet.
    "@jupyterlab/apputils-extension:notification": {
        "fetchNews": "false",
        "checkForUpdates": False,
    },
}

# Page config for the test server (labconfig/page_config.json in its config dir): skip the
# "is a rebuild needed?" request, which takes about 2 s on every page load.
PAGE_CONFIG = {"buildCheck": False, "buildAvailable": False}


# --------------------------------------------------------------------------- Chromium


def find_chromium() -> str | None:
    """Path of Debian's Chromium (or any ``chromium`` on PATH), or None.

    ``CHROMIUM_PATH`` in the environment overrides the search (an empty value or a path
    that is not an executable file means "no Chromium").
    """
    if "CHROMIUM_PATH" in os.environ:
        path = os.environ["CHROMIUM_PATH"]
        return path if path and os.path.isfile(path) and os.access(path, os.X_OK) else None
    if os.access("/usr/bin/chromium", os.X_OK):
        return "/usr/bin/chromium"
    for name in ("chromium", "chromium-browser"):
        path = shutil.which(name)
        if path:
            return path
    return None


CHROMIUM = find_chromium()
try:
    import playwright.sync_api  # noqa: F401

    PLAYWRIGHT_MISSING = None
except ImportError as error:  # pragma: no cover - the lock file installs it
    PLAYWRIGHT_MISSING = str(error)

if CHROMIUM is None:
    SKIP_REASON = (
        "Chromium not found: install Debian's chromium package (.ci/run does) "
        "to run the browser tests"
    )
elif PLAYWRIGHT_MISSING:
    SKIP_REASON = f"Playwright for Python is not installed ({PLAYWRIGHT_MISSING})"
else:
    SKIP_REASON = None
# CI sets BROWSER_TESTS_REQUIRED=1: there a missing Chromium fails the tests, never skips them.
REQUIRED = os.environ.get("BROWSER_TESTS_REQUIRED", "") not in ("", "0")

_skipped_here = []


def _is_here(item) -> bool:
    try:
        return Path(str(item.path)).resolve().is_relative_to(HERE)
    except (AttributeError, ValueError):
        return False


def pytest_collection_modifyitems(config, items):
    for item in items:
        if not _is_here(item):
            continue
        item.add_marker(pytest.mark.browser)
        if SKIP_REASON and not REQUIRED:
            item.add_marker(pytest.mark.skip(reason=SKIP_REASON))
            _skipped_here.append(item.nodeid)


def pytest_runtest_setup(item):
    if SKIP_REASON and REQUIRED and _is_here(item):
        pytest.fail(f"{SKIP_REASON} (BROWSER_TESTS_REQUIRED is set)", pytrace=False)


def pytest_terminal_summary(terminalreporter):
    if _skipped_here and SKIP_REASON:
        terminalreporter.write_line(
            f"browser tests: {len(_skipped_here)} skipped: {SKIP_REASON}", yellow=True, bold=True
        )


_FAILED = pytest.StashKey[bool]()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    """Remember a failed set-up or call, for the page fixture's failure screenshot."""
    report = yield
    if report.failed:
        item.stash[_FAILED] = True
    return report


# --------------------------------------------------------------------------- the server


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _write_settings(settings_dir: Path) -> None:
    for plugin, values in LAB_SETTINGS.items():
        package, name = plugin.split(":")
        path = settings_dir / package / f"{name}.jupyterlab-settings"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values, indent=2) + "\n")


@dataclass
class Lab:
    """A running JupyterLab server over a temporary copy of the notebooks."""

    base_url: str  # "http://127.0.0.1:<port>/" (with the trailing slash)
    token: str
    root_dir: Path
    process: subprocess.Popen = field(repr=False)
    log_path: Path = field(repr=False)
    _stopped: bool = field(default=False, repr=False)

    def url(self, path: str = "lab", **query) -> str:
        """Absolute URL of ``path`` (relative to the server root) with the token."""
        query = {**query, "token": self.token}
        return urllib.parse.urljoin(self.base_url, path) + "?" + urllib.parse.urlencode(query)

    def api(self, method: str, path: str, body=None, timeout: float = 30.0):
        """Call the REST API (``path`` like ``"api/sessions"``); decoded JSON or None."""
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(
            urllib.parse.urljoin(self.base_url, path),
            data=data,
            method=method,
            headers={"Authorization": f"token {self.token}", "Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=timeout) as response:
            text = response.read()
        return json.loads(text) if text.strip() else None

    def sessions(self) -> list[dict]:
        return self.api("GET", "api/sessions")

    def kernels(self) -> list[dict]:
        return self.api("GET", "api/kernels")

    def shutdown_kernels(self, timeout: float = 30.0) -> None:
        """Delete every session and kernel, and wait until none is left."""
        for session in self.sessions():
            with contextlib.suppress(urllib.error.HTTPError):
                self.api("DELETE", f"api/sessions/{session['id']}")
        for kernel in self.kernels():
            with contextlib.suppress(urllib.error.HTTPError):
                self.api("DELETE", f"api/kernels/{kernel['id']}")
        deadline = time.monotonic() + timeout
        while self.kernels():
            if time.monotonic() > deadline:
                raise AssertionError(f"kernels still running after shutdown: {self.kernels()}")
            time.sleep(0.2)

    def log_tail(self, lines: int = 40) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no server log)"

    def stop(self) -> list[str]:
        """Stop the server and everything it started; describe what had to be killed."""
        if self._stopped:
            return []
        self._stopped = True
        import psutil

        try:
            children = psutil.Process(self.process.pid).children(recursive=True)
        except psutil.NoSuchProcess:
            children = []
        if self.process.poll() is None:
            with contextlib.suppress(Exception):
                self.shutdown_kernels(timeout=15)
            with contextlib.suppress(Exception):
                self.api("POST", "api/shutdown", timeout=5)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.terminate()
                try:
                    self.process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    self.process.kill()
                    self.process.wait(timeout=10)
        leftovers = []
        _gone, alive = psutil.wait_procs(children, timeout=5)
        for proc in alive:
            with contextlib.suppress(psutil.Error):
                leftovers.append(f"{proc.pid} {' '.join(proc.cmdline())[:120]}")
                proc.kill()
        psutil.wait_procs(alive, timeout=5)
        return leftovers


def _stop_when_parent_dies() -> None:
    """In the server's process before exec: SIGTERM it when pytest dies (Linux only).

    If pytest is killed outright (SIGKILL, an OOM kill) no teardown runs; this way the server
    still stops, and shuts its kernels down.
    """
    if sys.platform.startswith("linux"):
        import ctypes

        pr_set_pdeathsig = 1
        with contextlib.suppress(Exception):
            ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, int(signal.SIGTERM))


def _start_lab(workdir: Path) -> Lab:
    root = workdir / "notebooks"
    shutil.copytree(
        NOTEBOOKS, root, ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__")
    )
    settings_dir = workdir / "lab-settings"
    _write_settings(settings_dir)
    config_dir = workdir / "jupyter-config"
    (config_dir / "labconfig").mkdir(parents=True)
    (config_dir / "labconfig" / "page_config.json").write_text(json.dumps(PAGE_CONFIG) + "\n")
    token = secrets.token_hex(24)
    env = dict(os.environ)
    env.update(
        JUPYTER_TOKEN=token,
        JUPYTERLAB_SETTINGS_DIR=str(settings_dir),
        JUPYTERLAB_WORKSPACES_DIR=str(workdir / "lab-workspaces"),
        JUPYTER_CONFIG_DIR=str(config_dir),
        JUPYTER_DATA_DIR=str(workdir / "jupyter-data"),
        JUPYTER_RUNTIME_DIR=str(workdir / "jupyter-runtime"),
        IPYTHONDIR=str(workdir / "ipython"),
        JUPYTER_PLATFORM_DIRS="1",
        PYDEVD_DISABLE_FILE_VALIDATION="1",
    )
    for name in ("JUPYTER_PATH", "JUPYTER_CONFIG_PATH", "JUPYTERLAB_DIR", "MPLBACKEND"):
        env.pop(name, None)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    log_path = ARTIFACTS / "jupyter-server.log"

    last_error = None
    for _attempt in range(3):  # a free port can be taken between probing and binding it
        port = _free_port()
        command = [
            sys.executable,
            "-m",
            "jupyterlab",
            "--no-browser",
            "--ServerApp.ip=127.0.0.1",
            f"--ServerApp.port={port}",
            "--ServerApp.port_retries=0",
            f"--ServerApp.root_dir={root}",
            "--LabApp.expose_app_in_browser=True",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
            "--ServerApp.terminals_enabled=False",
        ]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            command.append("--allow-root")
        log = open(log_path, "w")  # the server writes to it until it stops
        process = subprocess.Popen(
            command,
            cwd=workdir,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # Ctrl+C in pytest must not reach it (it would prompt)
            preexec_fn=_stop_when_parent_dies,
        )
        log.close()
        lab = Lab(f"http://127.0.0.1:{port}/", token, root, process, log_path)
        deadline = time.monotonic() + SERVER_START_TIMEOUT
        while time.monotonic() < deadline and process.poll() is None:
            try:
                lab.api("GET", "api/status", timeout=2)
                return lab
            except (urllib.error.URLError, ConnectionError, TimeoutError) as error:
                last_error = error
                time.sleep(0.25)
        lab.stop()
        if "already in use" not in lab.log_tail():
            break
    raise RuntimeError(
        f"jupyter lab did not answer /api/status ({last_error}); log:\n{lab.log_tail()}"
    )


def _interrupt(signum, frame):
    raise KeyboardInterrupt(f"signal {signum}")


@pytest.fixture(scope="package")
def lab():
    """A JupyterLab server over a temporary copy of notebooks/ (see the module docstring)."""
    # SIGTERM to pytest (a CI time-out) stops the run like Ctrl+C, so the teardown runs.
    previous = signal.getsignal(signal.SIGTERM)
    if previous == signal.SIG_DFL:
        signal.signal(signal.SIGTERM, _interrupt)
    with tempfile.TemporaryDirectory(prefix="browser-tests-", ignore_cleanup_errors=True) as tmp:
        server = _start_lab(Path(tmp))
        atexit.register(server.stop)  # also on an interrupted run
        try:
            yield server
        finally:
            leftovers = server.stop()
            atexit.unregister(server.stop)
            if previous == signal.SIG_DFL:
                signal.signal(signal.SIGTERM, previous)
        assert server.process.poll() is not None, "jupyter lab is still running"
        assert not leftovers, f"processes left by jupyter lab had to be killed: {leftovers}"


# --------------------------------------------------------------------------- the browser

# Installed in every page before JupyterLab loads: small functions over window.jupyterapp.
INIT_JS = r"""
(() => {
  const T = {};
  // The notebook panel for `path`; without a path the current notebook, else the only one.
  T.panel = (path) => {
    const app = window.jupyterapp;
    if (!app || !app.shell) return null;
    const notebooks = [];
    for (const w of app.shell.widgets('main')) {
      if (w && w.context && w.content && w.sessionContext && w.content.widgets) notebooks.push(w);
    }
    if (path) return notebooks.find((w) => w.context.path === path) || null;
    const current = app.shell.currentWidget;
    if (current && notebooks.includes(current)) return current;
    return notebooks.length === 1 ? notebooks[0] : null;
  };
  T.kernel = (path) => {
    const p = T.panel(path);
    const session = p && p.sessionContext && p.sessionContext.session;
    return (session && session.kernel) || null;
  };
  T.kernelReady = (path) => {
    const p = T.panel(path);
    if (!p || !p.context.isReady || !p.sessionContext.isReady) return false;
    const k = T.kernel(path);
    return !!k && k.connectionStatus === 'connected' && k.status === 'idle'
      && p.content.widgets.length > 0 && T.widgetTargetReady(k);
  };
  // With the ipywidgets extension active, its comm target must be registered on the kernel
  // before cells run, or the widgets they create have no front-end model.
  T.widgetTargetReady = (k) => {
    const app = window.jupyterapp;
    const id = '@jupyter-widgets/jupyterlab-manager:plugin';
    if (!app.hasPlugin(id) || !app.isPluginActivated(id)) return true;
    return !!k._targetRegistry && 'jupyter.widget' in k._targetRegistry;
  };
  T.describe = (path) => {
    const p = T.panel(path);
    const k = T.kernel(path);
    return {
      panel: !!p,
      path: p ? p.context.path : null,
      contextReady: !!(p && p.context.isReady),
      sessionReady: !!(p && p.sessionContext.isReady),
      kernel: k ? { name: k.name, connectionStatus: k.connectionStatus, status: k.status,
                    widgetTarget: T.widgetTargetReady(k) } : null,
      cells: p ? p.content.widgets.length : 0,
      running: p ? T.codeCells(p).filter((c) => T.isRunning(c)).map((c) => c.model.id) : [],
      windowingMode: p && p.content.notebookConfig ? p.content.notebookConfig.windowingMode : null,
      run: T.run || null,
      dialog: document.querySelector('.jp-Dialog')
        ? document.querySelector('.jp-Dialog').innerText.slice(0, 300) : null,
    };
  };
  T.codeCells = (p) => p.content.widgets.filter((c) => c.model.type === 'code');
  T.isRunning = (cell) => {
    if (cell.model.executionState === 'running') return true;
    const prompt = cell.node.querySelector('.jp-InputPrompt');
    return !!prompt && prompt.textContent.includes('*');
  };
  T.startRunAll = async (path) => {
    const app = window.jupyterapp;
    const p = T.panel(path);
    if (!p) throw new Error('no notebook is open');
    app.shell.activateById(p.id);
    for (let i = 0; i < 40 && app.shell.currentWidget !== p; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    if (app.shell.currentWidget !== p) throw new Error('the notebook is not the current widget');
    await app.commands.execute('notebook:clear-all-cell-outputs');
    const started = Date.now();
    T.run = { done: false, started };
    app.commands.execute('notebook:run-all-cells').then(
      (ok) => { T.run = { done: true, ok: ok !== false, started, ended: Date.now() }; },
      (err) => {
        T.run = { done: true, ok: false, error: String(err), started, ended: Date.now() };
      },
    );
    return true;
  };
  T.runFinished = (path) => {
    const p = T.panel(path);
    const k = T.kernel(path);
    if (!p || !T.run || !T.run.done || !k) return false;
    if (k.connectionStatus !== 'connected' || k.status !== 'idle') return false;
    return !T.codeCells(p).some((c) => T.isRunning(c));
  };
  T.unexecuted = (path) => {
    const p = T.panel(path);
    return T.codeCells(p)
      .map((c, i) => ({ c, i }))
      .filter(({ c }) => c.model.sharedModel.getSource().trim() !== '' && !c.model.executionCount)
      .map(({ c, i }) => `code cell ${i + 1} (id ${c.model.id})`);
  };
  T.cellLabel = (p, cell) => {
    const index = p.content.widgets.indexOf(cell);
    return `cell ${index + 1} (id ${cell.model.id})`;
  };
  T.errors = (path) => {
    const p = T.panel(path);
    const found = [];
    if (!p) return ['no notebook is open'];
    for (const cell of T.codeCells(p)) {
      const outputs = cell.model.outputs;
      for (let j = 0; j < outputs.length; j++) {
        const o = outputs.get(j).toJSON();
        if (o.output_type === 'error') {
          const tb = (o.traceback || []).join('\n').replace(/\x1b\[[0-9;]*m/g, '');
          found.push(`${T.cellLabel(p, cell)}: error ${o.ename}: ${o.evalue}\n${tb.slice(-1500)}`);
        } else if (o.output_type === 'stream' && o.name === 'stderr') {
          const text = Array.isArray(o.text) ? o.text.join('') : String(o.text);
          found.push(`${T.cellLabel(p, cell)}: stderr: ${text.slice(0, 1500)}`);
        }
      }
    }
    // The DOM as well: errors and stderr both render with the stderr mime type.
    const nodes = p.node.querySelectorAll(
      '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]');
    if (nodes.length && !found.length) {
      nodes.forEach((n) => {
        const cell = n.closest('.jp-Cell');
        const cells = Array.from(p.content.node.querySelectorAll('.jp-Cell'));
        const index = cell ? cells.indexOf(cell) : -1;
        found.push(`cell ${index + 1} (DOM): ${n.textContent.slice(0, 1500)}`);
      });
    }
    return found;
  };
  // Widget view outputs: the renderers with the widget-view mime type, found through the
  // notebook's widget tree (their nodes carry no data-mime-type attribute), in page order.
  T.widgetOutputs = (path) => {
    const p = T.panel(path);
    if (!p) return [];
    const nodes = [];
    const stack = [p.content];
    while (stack.length) {
      const w = stack.pop();
      if (!w) continue;
      if (w.mimeType === 'application/vnd.jupyter.widget-view+json') {
        nodes.push(w.node);
        continue;
      }
      if (typeof w.children === 'function') for (const child of w.children()) stack.push(child);
    }
    const before = (a, b) => a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING;
    return nodes.sort((a, b) => (before(a, b) ? -1 : 1));
  };
  T.widgetsSettled = (path) => T.widgetOutputs(path).every((n) =>
    n.classList.contains('lm-mod-hidden')
    || n.textContent.includes('Error displaying widget')
    || !!n.querySelector('.jupyter-widgets'));
  T.widgetProblems = (path) => {
    const problems = [];
    T.widgetOutputs(path).forEach((n, i) => {
      if (n.classList.contains('lm-mod-hidden')) return;
      const cell = n.closest('.jp-Cell');
      const where = `widget output ${i + 1} (cell id ${cell ? cell.dataset.jpCellId || '?' : '?'})`;
      if (n.textContent.includes('Error displaying widget')) {
        problems.push(`${where}: ${n.textContent.trim().slice(0, 200)}`);
      } else if (!n.querySelector('.jupyter-widgets')) {
        problems.push(`${where}: not rendered (${n.textContent.trim().slice(0, 100) || 'empty'})`);
      }
    });
    if (document.body.innerText.includes('Error displaying widget') && !problems.length) {
      problems.push('"Error displaying widget" appears on the page');
    }
    return problems;
  };
  // The ipywidgets manager of a notebook: found through a rendered widget view output.
  T.widgetManager = async (path) => {
    const p = T.panel(path);
    if (!p) return null;
    const stack = [p.content];
    while (stack.length) {
      const w = stack.pop();
      if (w && w.mimeType === 'application/vnd.jupyter.widget-view+json' && w._manager) {
        return await w._manager.promise;
      }
      if (w && typeof w.children === 'function') {
        for (const child of w.children()) stack.push(child);
      }
    }
    return null;
  };
  T.jsonable = (value) => {
    if (value instanceof DataView || value instanceof ArrayBuffer || ArrayBuffer.isView(value)) {
      return { bytes: value.byteLength };
    }
    if (value && typeof value === 'object' && value.model_id) return 'IPY_MODEL_' + value.model_id;
    if (value === undefined) return null;
    try { return JSON.parse(JSON.stringify(value)); } catch (e) { return String(value); }
  };
  T.widgetModels = async (path) => {
    const manager = await T.widgetManager(path);
    if (!manager) return [];
    const models = await Promise.all(Object.values(manager._models || {}));
    return models.map((m) => ({
      id: m.model_id,
      model: m.get('_model_name'),
      description: m.get('description') === undefined ? null : m.get('description'),
      value: T.jsonable(m.get('value')),
    }));
  };
  T.findModel = async (path, description, modelName) => {
    const manager = await T.widgetManager(path);
    if (!manager) throw new Error('no widget manager: no widget has rendered');
    const models = (await Promise.all(Object.values(manager._models || {}))).filter((m) =>
      m.get('description') === description && (!modelName || m.get('_model_name') === modelName));
    if (models.length !== 1) {
      const quoted = JSON.stringify(description);
      throw new Error(`${models.length} widget models have the description ${quoted}`);
    }
    return models[0];
  };
  // Front-end sync state of every model with this description: its value, and the
  // ipywidgets throttle (messages in flight to the kernel, changes waiting to be sent).
  T.syncState = async (path, description) => {
    const manager = await T.widgetManager(path);
    if (!manager) return [];
    const models = await Promise.all(Object.values(manager._models || {}));
    return models.filter((m) => m.get('description') === description).map((m) => ({
      model: m.get('_model_name'),
      value: T.jsonable(m.get('value')),
      pending: m._pending_msgs === undefined ? null : m._pending_msgs,
      buffered: T.jsonable(m._msg_buffer),
    }));
  };
  // Run code in the notebook's kernel outside any cell; resolves to what it printed.
  T.kernelPrint = async (path, code) => {
    const p = T.panel(path);
    const kernel = p && p.sessionContext.session && p.sessionContext.session.kernel;
    if (!kernel) return '(no kernel)';
    const future = kernel.requestExecute({ code, silent: false, store_history: false });
    let text = '';
    future.onIOPub = (msg) => {
      const c = msg.content;
      if (msg.header.msg_type === 'stream') text += c.text;
      if (msg.header.msg_type === 'error') text += `${c.ename}: ${c.evalue}`;
    };
    await future.done;
    return text;
  };
  T.setValue = async (path, description, value, modelName) => {
    const model = await T.findModel(path, description, modelName);
    model.set('value', value);
    model.save_changes();
    return T.jsonable(model.get('value'));
  };
  // The element that scrolls the notebook, how much of it is out of view, back to the top.
  T.scroller = (path) => {
    const p = T.panel(path);
    return p ? p.node.querySelector('.jp-WindowedPanel-outer') || p.content.node : null;
  };
  T.hiddenHeight = (path) => {
    const s = T.scroller(path);
    return s ? Math.max(0, s.scrollHeight - s.clientHeight) : 0;
  };
  T.scrolledToTop = (path) => {
    const s = T.scroller(path);
    if (!s) return true;
    s.scrollTop = 0;
    return s.scrollTop === 0;
  };
  window.__labtest = T;
})();
"""


@pytest.fixture(scope="package")
def browser():
    """Chromium from Debian's packages, driven by Playwright's sync API (see the docstring)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        try:
            yield chromium
        finally:
            chromium.close()


def _artifact_name(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-")[:150]


@pytest.fixture
def page(lab, browser, request):
    """A fresh page for one test; failure screenshot; kernels shut down afterwards."""
    name = _artifact_name(request.node.name)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for stale in (ARTIFACTS / f"{name}-FAILED.png", ARTIFACTS / f"{name}.console.txt"):
        stale.unlink(missing_ok=True)
    context = browser.new_context(viewport=VIEWPORT, device_scale_factor=1)
    context.set_default_timeout(OPEN_TIMEOUT_MS)
    new_page = context.new_page()
    new_page.add_init_script(INIT_JS)
    console = []
    new_page.on(
        "console",
        lambda message: (
            console.append(f"{message.type}: {message.text}") if message.type == "error" else None
        ),
    )
    new_page.on("pageerror", lambda error: console.append(f"pageerror: {error}"))
    try:
        yield new_page
    finally:
        if request.node.stash.get(_FAILED, False):
            with contextlib.suppress(Exception):
                screenshot(new_page, f"{name}-FAILED", full=True)
        if console:
            (ARTIFACTS / f"{name}.console.txt").write_text("\n".join(console) + "\n")
        context.close()
        lab.shutdown_kernels()


# --------------------------------------------------------------------------- helpers


@dataclass
class RunResult:
    """What ``run_all`` saw: whether every cell ran, how long it took, which did not run."""

    ok: bool
    seconds: float
    unexecuted: list[str]
    error: str | None = None


def _state(page, path=None) -> str:
    try:
        return json.dumps(page.evaluate("(p) => window.__labtest.describe(p)", path), indent=1)
    except Exception as error:  # the page may be gone
        return f"(state unavailable: {error})"


def start_kernel_for(lab: Lab, name: str) -> dict:
    """Create the notebook's session (a fresh kernel) through the REST API.

    JupyterLab connects a notebook it opens to the existing session for its path, so the
    kernel starts while the page loads instead of after it.
    """
    import nbformat

    spec = nbformat.read(lab.root_dir / name, as_version=4).metadata.get("kernelspec", {})
    body = {
        "path": name,
        "name": Path(name).name,
        "type": "notebook",
        "kernel": {"name": spec.get("name", "python3")},
    }
    return lab.api("POST", "api/sessions", body)


def open_notebook(
    page, lab: Lab, name: str, timeout: float = OPEN_TIMEOUT_MS, prestart_kernel: bool = True
) -> None:
    """Open ``name`` in a fresh workspace and wait until its kernel is connected and idle.

    ``prestart_kernel``: start the kernel through the REST API before loading the page
    (saves the kernel's start-up time); False lets JupyterLab start it, as for a learner.
    """
    if prestart_kernel:
        start_kernel_for(lab, name)
    workspace = f"test-{uuid.uuid4().hex[:12]}"  # a new workspace restores no other document
    path = f"lab/workspaces/{workspace}/tree/{urllib.parse.quote(name)}"
    page.goto(lab.url(path), wait_until="domcontentloaded")
    try:
        page.wait_for_function(
            "(p) => !!window.__labtest && window.__labtest.kernelReady(p)",
            arg=name,
            polling=POLL_MS,
            timeout=timeout,
        )
    except Exception as error:
        raise AssertionError(
            f"{name}: the kernel did not become connected and idle within {timeout / 1000:.0f} s "
            f"({type(error).__name__}); state: {_state(page, name)}\nserver log:\n"
            f"{lab.log_tail(15)}"
        ) from None
    # More room for the notebook (and its screenshots): fold the file browser away.
    page.evaluate("() => window.jupyterapp.shell.collapseLeft()")
    mode = page.evaluate("(p) => window.__labtest.describe(p).windowingMode", name)
    assert mode == "none", (
        f"windowing mode is {mode!r}: the settings in JUPYTERLAB_SETTINGS_DIR were not applied"
    )


def run_all(page, name: str | None = None, timeout: float = RUN_TIMEOUT_MS) -> RunResult:
    """Clear outputs, run all cells, wait until they have run and the kernel is idle."""
    start = time.monotonic()
    page.evaluate("(p) => window.__labtest.startRunAll(p)", name)
    try:
        page.wait_for_function(
            "(p) => window.__labtest.runFinished(p)", arg=name, polling=POLL_MS, timeout=timeout
        )
    except Exception as error:
        raise AssertionError(
            f"run all did not finish within {timeout / 1000:.0f} s ({type(error).__name__}); "
            f"state: {_state(page, name)}"
        ) from None
    run = page.evaluate("() => window.__labtest.run")
    unexecuted = page.evaluate("(p) => window.__labtest.unexecuted(p)", name)
    return RunResult(
        ok=bool(run.get("ok")) and not unexecuted,
        seconds=time.monotonic() - start,
        unexecuted=unexecuted,
        error=run.get("error"),
    )


def outputs_with_errors(page, name: str | None = None) -> list[str]:
    """Error outputs and stderr streams in the open notebook (model, then DOM)."""
    return page.evaluate("(p) => window.__labtest.errors(p)", name)


def count_widget_outputs(page, name: str | None = None) -> int:
    return page.evaluate("(p) => window.__labtest.widgetOutputs(p).length", name)


def wait_for_widgets(page, name: str | None = None, timeout: float = WIDGET_TIMEOUT_MS) -> None:
    """Wait until every widget view output has rendered or shows its error."""
    try:
        page.wait_for_function(
            "(p) => window.__labtest.widgetsSettled(p)", arg=name, polling=POLL_MS, timeout=timeout
        )
    except Exception:
        pass  # the ones still loading are reported by widget_problems


def widget_problems(page, name: str | None = None) -> list[str]:
    """Widget outputs showing "Error displaying widget" or not rendered."""
    return page.evaluate("(p) => window.__labtest.widgetProblems(p)", name)


def widget_by_description(page, text: str):
    """Locator of the control whose description, checkbox text or button text is ``text``."""
    exact = re.compile(rf"^\s*{re.escape(text)}\s*$")
    labelled = page.locator(".jupyter-widgets.widget-inline-hbox").filter(
        has=page.locator(":scope > .widget-label, :scope > .widget-label-basic").filter(
            has_text=exact
        )
    )
    button = page.locator("button.jupyter-widgets").filter(has_text=exact)
    return labelled.or_(button)


def widget_models(page, name: str | None = None) -> list[dict]:
    """ipywidgets models of the open notebook: id, model name, description, value."""
    return page.evaluate("(p) => window.__labtest.widgetModels(p)", name)


def widget_value(page, description: str, model_name: str | None = None, name=None):
    """Value of the one widget model whose description is ``description``."""
    return page.evaluate(
        "async ([p, d, m]) => window.__labtest.jsonable((await window.__labtest.findModel(p, d, m))"
        ".get('value'))",
        [name, description, model_name],
    )


def sync_state(page, description: str, name: str | None = None) -> list[dict]:
    """Front-end sync state of the widget models with this description, for diagnostics.

    One dict per model: ``model`` (its name), ``value``, ``pending`` (messages to the kernel
    not yet acknowledged by an idle status) and ``buffered`` (changes held back meanwhile).
    """
    return page.evaluate("([p, d]) => window.__labtest.syncState(p, d)", [name, description])


def kernel_print(page, code: str, name: str | None = None, timeout: float = 10_000) -> str:
    """Run ``code`` in the open notebook's kernel, outside any cell; return what it printed."""
    return page.evaluate(
        f"""([p, c]) => Promise.race([
            window.__labtest.kernelPrint(p, c),
            new Promise((resolve) => setTimeout(() => resolve('(no answer in {timeout} ms)'),
                                                {timeout})),
        ])""",
        [name, code],
    )


def set_widget_value(page, description: str, value, model_name: str | None = None, name=None):
    """Set a widget model's value from the front end (synced to the kernel); new value."""
    return page.evaluate(
        "([p, d, v, m]) => window.__labtest.setValue(p, d, v, m)",
        [name, description, value, model_name],
    )


_IMAGE_BYTES_JS = """
async (img) => {
  const response = await fetch(img.currentSrc || img.src);
  const bytes = new Uint8Array(await response.arrayBuffer());
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    text += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
  }
  return btoa(text);
}
"""


def image_bytes(locator) -> bytes:
    """The encoded bytes (PNG, JPEG...) an ``<img>`` element shows, blob: or data: URL."""
    import base64

    if locator.evaluate("(el) => el.tagName") != "IMG":
        locator = locator.locator("img").first
    return base64.b64decode(locator.evaluate(_IMAGE_BYTES_JS))


def image_array(locator):
    """The image an ``<img>`` shows, decoded to a uint8 NumPy array (rows, cols[, channels])."""
    import numpy as np
    from PIL import Image

    with Image.open(io.BytesIO(image_bytes(locator))) as image:
        return np.asarray(image.convert("RGBA") if image.mode == "P" else image)


def screenshot(page, name: str, full: bool = True) -> Path:
    """Save ``test-artifacts/browser/<name>.png``; ``full``: the whole notebook, not the view."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{_artifact_name(name)}.png"
    original = page.viewport_size or VIEWPORT
    if full:
        hidden = page.evaluate("() => window.__labtest ? window.__labtest.hiddenHeight() : 0")
        height = min(original["height"] + int(hidden), MAX_SCREENSHOT_HEIGHT)
        if height > original["height"]:
            page.set_viewport_size({"width": original["width"], "height": height})
        # Run All leaves the notebook scrolled to its last cell: back to the top, and wait
        # (polling) until JupyterLab's layout has followed the new size.
        with contextlib.suppress(Exception):
            page.wait_for_function(
                "() => !window.__labtest || window.__labtest.scrolledToTop()",
                polling=100,
                timeout=5_000,
            )
        page.wait_for_timeout(200)
    try:
        page.screenshot(path=str(path), full_page=True, animations="disabled")
    finally:
        if page.viewport_size != original:
            page.set_viewport_size(original)
    return path
