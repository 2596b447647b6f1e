"""Real-browser tests: Playwright drives Debian's Chromium against a real JupyterLab.

A package, so that test modules here can import the harness helpers with
``from .conftest import open_notebook, run_all, ...`` without clashing with the
repository's top-level ``conftest.py``.
"""
