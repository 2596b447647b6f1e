"""The Jupyter Book site (`make site`) in a real browser: Debian's Chromium through Playwright.

The site is built (for a published address and a JupyterHub, so every launch button is on
the pages) into a temporary folder and served by Python's http.server on 127.0.0.1 (a free
port, in a thread, stopped at the end). Starting at index.html, every same-site page link is
followed breadth-first; each page must answer 200 and load with every image decoded (GIFs
included), every formula typeset by MathJax, no console error, no request to any other host
(such requests are recorded and aborted), and every #anchor it links to present on its
target page. The search page must find "Scharr", and at a phone's width (390 px) no page
may scroll sideways. Screenshots go to test-artifacts/browser/site-*.png.

Uses the package's harness (conftest.py): the ``browser`` fixture, its Chromium discovery,
skip/require logic and artifacts folder. No JupyterLab is started here.
"""

from __future__ import annotations

import functools
import http.server
import threading
import urllib.parse
from collections import deque
from pathlib import Path

import pytest

from tools import book

from .conftest import ARTIFACTS, VIEWPORT, screenshot

PHONE = {"width": 390, "height": 844}
CHAPTER = "notebooks/03-the-5x5-example.html"
FORMULAS = "notebooks/02-correlation-vs-convolution.html"

# What a loaded page looks like from inside: its images, links, ids, formulas, width.
PAGE_STATE_JS = """
() => ({
  images: Array.from(document.images).map((img) => ({
    src: img.getAttribute('src'),
    ok: img.complete && img.naturalWidth > 0 && img.naturalHeight > 0,
  })),
  links: Array.from(document.querySelectorAll('a[href]')).map((a) => a.href),
  ids: Array.from(document.querySelectorAll('[id]')).map((e) => e.id),
  stylesheets: document.styleSheets.length,
  rawMath: document.querySelectorAll('.math:not(:has(mjx-container))').length,
  typeset: document.querySelectorAll('mjx-container').length,
  overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
})
"""
MATHJAX_DONE_JS = """
() => !document.querySelector('.math') ||
      (window.MathJax && MathJax.startup && MathJax.startup.promise &&
       document.querySelectorAll('.math:not(:has(mjx-container))').length === 0)
"""


@pytest.fixture(scope="module")
def site_dir(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site-browser") / "_site"
    book.build(
        out,
        repository="https://github.com/example-org/convolution-course",
        hub="https://hub.example.edu",
        work=tmp_path_factory.mktemp("book-work"),
    )
    return out


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # keep pytest's output clean
        pass


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        """A page left before its last response finished (a closed connection) is normal."""
        import sys

        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@pytest.fixture(scope="module")
def server(site_dir):
    """http.server over the built site on 127.0.0.1 and a free port; base URL."""
    handler = functools.partial(_QuietHandler, directory=str(site_dir))
    httpd = _Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=10)
    assert not thread.is_alive(), "the site server did not stop"


class Watcher:
    """Console errors, failed requests and requests to other hosts of one browser context."""

    def __init__(self, context, allowed_origin: str):
        self.console: list[str] = []
        self.foreign: list[str] = []
        self.failed: list[str] = []
        self.allowed = allowed_origin
        context.route("**/*", self._route)

    def _route(self, route):
        url = route.request.url
        parts = urllib.parse.urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}/"
        if parts.scheme in ("data", "blob") or origin == self.allowed:
            route.continue_()
        else:
            self.foreign.append(url)
            route.abort()

    def watch(self, page):
        page.on(
            "console",
            lambda m: self.console.append(f"{page.url}: {m.text}") if m.type == "error" else None,
        )
        page.on("pageerror", lambda e: self.console.append(f"{page.url}: pageerror {e}"))
        page.on(
            "requestfailed",
            lambda r: (
                self.failed.append(f"{r.url}: {r.failure}")
                if r.url.startswith(self.allowed)
                else None
            ),
        )
        return page


def site_pages(site_dir: Path) -> list[str]:
    """Every page of the site, relative to its root (Sphinx's index pages aside)."""
    return sorted(
        p.relative_to(site_dir).as_posix()
        for p in site_dir.rglob("*.html")
        if "_static" not in p.parts and p.name not in ("genindex.html", "search.html")
    )


def load(page, url: str) -> dict:
    response = page.goto(url, wait_until="load")
    assert response is not None and response.status == 200, f"{url}: {response}"
    page.wait_for_function(MATHJAX_DONE_JS, polling=100, timeout=15_000)
    return page.evaluate(PAGE_STATE_JS)


def test_crawl_the_site_over_http(browser, server, site_dir):
    """From index.html, every same-site page loads (200) with its images and formulas; no
    console error, no other host contacted, no broken anchor; screenshots of two pages."""
    context = browser.new_context(viewport=VIEWPORT, device_scale_factor=1)
    watcher = Watcher(context, server)
    page = watcher.watch(context.new_page())
    # index.html forwards to the contents page (Jupyter Book's redirect).
    page.goto(server + "index.html", wait_until="load")
    page.wait_for_url(server + "notebooks/00-contents.html", timeout=10_000)
    queue = deque([server + "notebooks/00-contents.html"])
    seen = {server + "index.html", *queue}
    ids: dict[str, set[str]] = {}
    anchors: list[tuple[str, str, str]] = []  # (from page, target page, fragment)
    files: set[str] = set()  # same-site links that are not pages (GIFs, .ipynb downloads)
    problems: list[str] = []
    typeset = 0
    try:
        while queue:
            url = queue.popleft()
            state = load(page, url)
            ids[url] = set(state["ids"])
            typeset += state["typeset"]
            if state["stylesheets"] < 1:
                problems.append(f"{url}: no stylesheet")
            problems += [
                f"{url}: image not shown: {i['src']}" for i in state["images"] if not i["ok"]
            ]
            if state["rawMath"]:
                problems.append(f"{url}: {state['rawMath']} formulas not typeset")
            for link in state["links"]:
                target, fragment = urllib.parse.urldefrag(link)
                if not target.startswith(server):
                    continue  # links out (launch buttons, references) are not followed
                if fragment:
                    anchors.append((url, target, urllib.parse.unquote(fragment)))
                if target.endswith(".html"):
                    if target not in seen:
                        seen.add(target)
                        queue.append(target)
                else:
                    files.add(target)
            if url == server + CHAPTER:
                screenshot(page, "site-chapter-03")
            elif url == server + FORMULAS:
                screenshot(page, "site-chapter-02")
        for target in sorted(files):
            response = context.request.get(target)
            if response.status != 200:
                problems.append(f"{target}: HTTP {response.status}")
        for source, target, fragment in anchors:
            if target in ids and fragment not in ids[target]:
                problems.append(f"{source}: link to {target}#{fragment}: no such id")
    finally:
        context.close()
    expected = {server + name for name in site_pages(site_dir)}
    assert expected <= seen, f"pages never linked: {sorted(expected - seen)}"
    assert any(f.endswith(".ipynb") for f in files), "no notebook download link"
    assert typeset > 50, "MathJax typeset the course's formulas"
    assert problems == []
    assert watcher.foreign == [], "requests to other hosts"
    assert watcher.console == []
    assert watcher.failed == []
    assert (ARTIFACTS / "site-chapter-03.png").is_file()


def test_search_finds_scharr(browser, server):
    """The site's own search (no server, no other host) lists chapter 06 for "Scharr"."""
    context = browser.new_context(viewport=VIEWPORT, device_scale_factor=1)
    watcher = Watcher(context, server)
    page = watcher.watch(context.new_page())
    try:
        page.goto(server + "search.html?q=Scharr", wait_until="load")
        results = page.locator("#search-results ul.search li a")
        results.first.wait_for(timeout=15_000)
        hrefs = [results.nth(i).get_attribute("href") for i in range(results.count())]
        screenshot(page, "site-search-scharr", full=False)
    finally:
        context.close()
    assert any("06-sobel-and-scharr" in h for h in hrefs), hrefs
    assert watcher.foreign == [] and watcher.console == []


def test_nothing_scrolls_sideways_on_a_phone(browser, server, site_dir):
    """At 390 px wide, no page is wider than the screen (wide formulas, tables and code
    scroll inside their own boxes)."""
    context = browser.new_context(viewport=PHONE, device_scale_factor=1)
    watcher = Watcher(context, server)
    page = watcher.watch(context.new_page())
    problems = []
    try:
        for name in site_pages(site_dir):
            state = load(page, server + name)
            if state["overflow"] > 0:
                problems.append(f"{name}: {state['overflow']} px wider than the phone's screen")
        load(page, server + FORMULAS)
        screenshot(page, "site-chapter-02-phone", full=False)
    finally:
        context.close()
    assert problems == []
    assert watcher.foreign == [] and watcher.console == []
