"""The static site (`make site`) in a real browser: Debian's Chromium through Playwright.

The site is built into a temporary folder and served by Python's http.server on 127.0.0.1
(a free port, in a thread, stopped at the end). Starting at index.html, every same-site link
is followed breadth-first; each page must answer 200 and load with every image decoded
(GIFs included), no console error, no request to any other host (such requests are recorded
and aborted), and every #anchor it links to present on its target page. The same pages are
also opened from disk (file://) and at a phone's width. Screenshots of the contents and of
chapter 03 go to test-artifacts/browser/site-*.png.

Uses the package's harness (conftest.py): the ``browser`` fixture, its Chromium discovery,
skip/require logic and artifacts folder. No JupyterLab is started here.
"""

from __future__ import annotations

import functools
import http.server
import sys
import threading
import urllib.parse
from collections import deque
from pathlib import Path

import pytest

from .conftest import ARTIFACTS, VIEWPORT, screenshot

ROOT = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import build_site  # noqa: E402  (a script folder, not an installed package)

PHONE = {"width": 390, "height": 844}
CHAPTER_SCREENSHOT = "03-the-5x5-example.html"

# What a loaded page looks like from inside: its images, links and ids.
PAGE_STATE_JS = """
() => ({
  images: Array.from(document.images).map((img) => ({
    src: img.getAttribute('src'),
    ok: img.complete && img.naturalWidth > 0 && img.naturalHeight > 0,
  })),
  links: Array.from(document.querySelectorAll('a[href]')).map((a) => a.href),
  ids: Array.from(document.querySelectorAll('[id]')).map((e) => e.id),
  stylesheets: document.styleSheets.length,
  mainWidth: document.querySelector('main') ? document.querySelector('main').clientWidth : 0,
  overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
})
"""


@pytest.fixture(scope="module")
def site_dir(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site-browser") / "_site"
    build_site.build(out)
    return out


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # keep pytest's output clean
        pass


@pytest.fixture(scope="module")
def server(site_dir):
    """http.server over the built site on 127.0.0.1 and a free port; base URL."""
    handler = functools.partial(_QuietHandler, directory=str(site_dir))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
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

    def __init__(self, context, allowed_origin: str | None):
        self.console: list[str] = []
        self.foreign: list[str] = []
        self.failed: list[str] = []
        self.allowed = allowed_origin
        context.route("**/*", self._route)

    def _route(self, route):
        url = route.request.url
        parts = urllib.parse.urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}/"
        if parts.scheme in ("data", "file") or origin == self.allowed:
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
                if r.url.startswith(("http://127.0.0.1", "file:"))
                else None
            ),
        )
        return page


def _page_of(url: str) -> str:
    """A URL without its fragment."""
    return urllib.parse.urldefrag(url)[0]


def test_crawl_the_site_over_http(browser, server, site_dir):
    """From index.html, every same-site link loads (200) with its images; no console error,
    no other host contacted, no broken anchor; screenshots of the contents and chapter 03."""
    context = browser.new_context(viewport=VIEWPORT, device_scale_factor=1)
    watcher = Watcher(context, server)
    page = watcher.watch(context.new_page())
    queue = deque([server + "index.html"])
    seen = {server + "index.html"}
    ids: dict[str, set[str]] = {}
    anchors: list[tuple[str, str, str]] = []  # (from page, target page, fragment)
    files: set[str] = set()  # same-site links that are not pages (GIFs, copied files)
    problems: list[str] = []
    try:
        while queue:
            url = queue.popleft()
            response = page.goto(url, wait_until="load")
            if response is None or response.status != 200:
                problems.append(f"{url}: HTTP {response.status if response else 'no response'}")
                continue
            state = page.evaluate(PAGE_STATE_JS)
            ids[url] = set(state["ids"])
            if state["stylesheets"] < 1:
                problems.append(f"{url}: no stylesheet")
            problems += [
                f"{url}: image not shown: {i['src']}" for i in state["images"] if not i["ok"]
            ]
            for link in state["links"]:
                target, fragment = urllib.parse.urldefrag(link)
                if not target.startswith(server):
                    continue  # https links out are not followed (and not loaded)
                if fragment:
                    anchors.append((url, target, urllib.parse.unquote(fragment)))
                if target.endswith(".html") or target == server:
                    if target not in seen:
                        seen.add(target)
                        queue.append(target)
                else:
                    files.add(target)
            if url == server + "index.html":
                screenshot(page, "site-index")
            elif url == server + CHAPTER_SCREENSHOT:
                screenshot(page, "site-chapter-03")
        for target in sorted(files):
            response = context.request.get(target)
            if response.status != 200:
                problems.append(f"{target}: HTTP {response.status}")
        for source, target, fragment in anchors:
            if fragment not in ids.get(target, set()):
                problems.append(f"{source}: link to {target}#{fragment}: no such id")
    finally:
        context.close()
    pages = {_page_of(u) for u in seen}
    expected = {server + name for name in build_site_pages(site_dir)}
    assert expected <= pages, f"pages never linked: {sorted(expected - pages)}"
    assert problems == []
    assert watcher.foreign == [], "requests to other hosts"
    assert watcher.console == []
    assert watcher.failed == []
    assert (ARTIFACTS / "site-index.png").is_file()
    assert (ARTIFACTS / "site-chapter-03.png").is_file()


def build_site_pages(site_dir: Path) -> list[str]:
    return sorted(p.name for p in site_dir.glob("*.html"))


def test_pages_work_from_disk_and_on_a_phone(browser, site_dir):
    """Opened with file://, each page finds its stylesheet and images and contacts no host;
    at a phone's width nothing makes the page scroll sideways."""
    context = browser.new_context(viewport=PHONE, device_scale_factor=1)
    watcher = Watcher(context, allowed_origin=None)
    page = watcher.watch(context.new_page())
    problems = []
    try:
        for name in build_site_pages(site_dir):
            page.goto((site_dir / name).as_uri(), wait_until="load")
            state = page.evaluate(PAGE_STATE_JS)
            if state["stylesheets"] < 1 or state["mainWidth"] > PHONE["width"]:
                problems.append(f"{name}: stylesheet not applied")
            problems += [
                f"{name}: image not shown: {i['src']}" for i in state["images"] if not i["ok"]
            ]
            if state["overflow"] > 0:
                problems.append(f"{name}: {state['overflow']} px wider than the phone's screen")
        page.goto((site_dir / CHAPTER_SCREENSHOT).as_uri(), wait_until="load")
        screenshot(page, "site-chapter-03-phone", full=False)
    finally:
        context.close()
    assert problems == []
    assert watcher.foreign == []
    assert watcher.console == []
