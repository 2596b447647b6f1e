"""Markdown to HTML for the static site (``tools/build_site.py``), and the HTML helpers its
pages share: escaping, sanitising, heading ids, code highlighting.

:func:`render_markdown` renders a notebook's Markdown cell, a ``text/markdown`` output or a
repository Markdown file with mistune. Headings get the ids JupyterLab (notebooks) or GitHub
(``.md`` files) gives them; links and images are resolved by the site; code is highlighted by
Pygments; raw HTML keeps only :data:`ALLOWED_TAGS`; formulas (see :mod:`site_math`) are
drawn by the site.
"""

from __future__ import annotations

import functools
import html
import re
from typing import TYPE_CHECKING

import bleach
import mistune
from mistune.renderers.html import HTMLRenderer
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import get_lexer_by_name
from pygments.util import ClassNotFound

# A sibling module in tools/ (on sys.path when build_site.py runs as a script or in tests).
from site_math import PLACEHOLDER, extract_math

if TYPE_CHECKING:  # for annotations only: build_site imports this module
    from build_site import Page, Site

# Raw HTML in Markdown and text/html outputs keep only these (no links, images or scripts:
# Markdown syntax does those, and goes through the site's link rules).
ALLOWED_TAGS = {
    "abbr", "b", "blockquote", "br", "code", "dd", "del", "details", "div", "dl", "dt", "em",
    "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "kbd", "li", "mark", "ol", "p", "pre",
    "s", "small", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot",
    "th", "thead", "tr", "u", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"*": ["title", "class"], "td": ["colspan", "rowspan"], "th": ["colspan"]}


# --------------------------------------------------------------------------- HTML helpers


def esc(text: str) -> str:
    return html.escape(text, quote=True)


def jupyter_slug(text: str) -> str:
    """The id JupyterLab gives a heading: its text with spaces turned into ``-``."""
    return text.strip().replace(" ", "-")


def github_slug(text: str) -> str:
    """The id GitHub gives a heading in a Markdown file."""
    text = re.sub(r"[^\w\- ]", "", text.strip().lower())
    return text.replace(" ", "-")


def text_of(fragment: str) -> str:
    """The plain text of an HTML fragment."""
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


def sanitise_html(fragment: str) -> tuple[str, bool]:
    """Allowed tags kept, others escaped (shown as text); and whether a tag was escaped."""
    cleaned = bleach.clean(fragment, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES)
    names = {name.lower() for name in re.findall(r"</?([A-Za-z][\w-]*)", fragment)}
    return cleaned, not names <= ALLOWED_TAGS


@functools.cache
def _lexer(language: str):
    try:
        return get_lexer_by_name(language)  # "python" is Pygments' own (the IPython one is slow)
    except ClassNotFound:
        return None


_FORMATTER = HtmlFormatter(nowrap=True)


def highlight_code(code: str, language: str) -> str:
    """Pygments' HTML for ``code`` (spans only), or the escaped text for an unknown language."""
    lexer = _lexer(language.lower())
    if lexer is None:
        return esc(code)
    return highlight(code, lexer, _FORMATTER).rstrip("\n")


# --------------------------------------------------------------------------- Markdown


class PageRenderer(HTMLRenderer):
    """mistune's HTML renderer with the site's links, ids, code and math."""

    def __init__(self, site: Site, page: Page):
        super().__init__(escape=False)
        self.site = site
        self.page = page
        self.formulas: list[tuple[str, bool]] = []

    def _plain(self, fragment: str) -> str:
        """Text of a rendered fragment, formulas written back as $TeX$."""
        text = PLACEHOLDER.sub(lambda m: f"${self.formulas[int(m.group(1))][0]}$", fragment)
        return text_of(text)

    def heading(self, text: str, level: int, **attrs) -> str:
        slug = jupyter_slug if self.page.source.suffix == ".ipynb" else github_slug
        ident = self.page.unique_id(slug(self._plain(text)))
        anchor = f'<a class="anchor" href="#{esc(ident)}" aria-label="Link to this section">#</a>'
        return f'<h{level} id="{esc(ident)}">{text}{anchor}</h{level}>\n'

    def link(self, text: str, url: str, title: str | None = None) -> str:
        href = self.site.resolve(url, self.page)
        title_attr = f' title="{esc(title)}"' if title else ""
        if href is None:
            return f'<span class="unlinked"{title_attr}>{text}</span>'
        return f'<a href="{esc(href)}"{title_attr}>{text}</a>'

    def image(self, text: str, url: str, title: str | None = None) -> str:
        alt = self._plain(text)
        if url.startswith("attachment:"):
            src, size = self.site.attachment(self.page, url[len("attachment:") :])
        else:
            src, size = self.site.resolve_image(url, self.page)
        if src is None:  # remote or missing: never loaded, the alt text stands in
            return f'<span class="image-text" title="{esc(url)}">{esc(alt)}</span>'
        dims = f' width="{size[0]}" height="{size[1]}"' if size else ""
        title_attr = f' title="{esc(title)}"' if title else ""
        return f'<img src="{esc(src)}" alt="{esc(alt)}"{dims}{title_attr}>'

    def block_code(self, code: str, info: str | None = None) -> str:
        words = (info or "").split()
        language = words[0] if words else "text"
        return f'<pre class="highlight"><code>{highlight_code(code, language)}</code></pre>\n'

    def table(self, text: str) -> str:
        return f'<div class="table-wrap"><table>\n{text}</table></div>\n'

    def block_html(self, html_text: str) -> str:
        return self._raw(html_text) + "\n"

    def inline_html(self, html_text: str) -> str:
        return self._raw(html_text)

    def _raw(self, fragment: str) -> str:
        cleaned, changed = sanitise_html(fragment)
        if changed:
            self.site.warn(f"{self.page.label}: raw HTML shown as text: {fragment.strip()[:80]}")
        return cleaned


def render_markdown(source: str, site: Site, page: Page) -> str:
    """Markdown ``source`` as HTML for ``page``, each formula drawn by ``site.formula``."""
    text, formulas = extract_math(source)
    renderer = PageRenderer(site, page)
    renderer.formulas = formulas
    rendered = mistune.create_markdown(renderer=renderer, plugins=["table", "strikethrough"])(text)
    return PLACEHOLDER.sub(lambda m: site.formula(*formulas[int(m.group(1))], page), rendered)
