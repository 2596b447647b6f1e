"""Math for the static site (``tools/build_site.py``): found in Markdown, drawn as SVG.

:func:`extract_math` swaps each ``$...$`` and ``$$...$$`` of a Markdown text for a
placeholder (:data:`PLACEHOLDER`) that mistune leaves alone; :func:`tex_to_svg` draws one
formula with Matplotlib's mathtext as an inline ``<svg>`` path, after :func:`normalise_tex`
has made its TeX fit for mathtext, or returns None if mathtext still cannot parse it (the
site then shows the TeX source).
"""

from __future__ import annotations

import html
import re

import matplotlib
from matplotlib.font_manager import FontProperties
from matplotlib.textpath import TextPath

MATH_SIZE = 100.0  # mathtext font size in path units: 100 units = 1em on the page
MATH_PAD = 6.0  # path units of room around the ink
MATH_FONTSET = "cm"  # Computer Modern, as in printed maths
# Sizing commands mathtext lacks; the bracket after them stays, at its normal size.
TEX_SIZING = re.compile(r"\\(?:[bB]igg?[lrm]?)(?![a-zA-Z])")
# Two big operators in a row (\sum_i \sum_j): TeX puts a thin space between them, mathtext
# none, so their limits would run together.
_LIMIT = r"\s*[_^]\s*(?:\{(?:[^{}]|\{[^{}]*\})*\}|\\?\w)"
TEX_OPERATORS = re.compile(
    rf"(\\(?:sum|prod|int)(?:{_LIMIT})*)\s*(?=\\(?:sum|prod|int)(?![a-zA-Z]))"
)
PLACEHOLDER = re.compile("\ue000(\\d+)\ue001")  # stands for a formula while mistune runs
FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
MATH_TOKEN = re.compile(
    r"""
    (?P<escape>\\[\\$`])                                   # \$ is a dollar, not math
  | (?P<code>(?P<ticks>`+)[\s\S]*?(?<!`)(?P=ticks)(?!`))   # code spans stay as they are
  | \$\$(?P<display>[\s\S]+?)\$\$                          # display math
  | \$(?P<inline>[^\s$](?:[^$]*?[^\s$\\])?)\$              # inline math, no space inside $
    """,
    re.VERBOSE,
)


def normalise_tex(tex: str, display: bool = False) -> str:
    """TeX as mathtext takes it: one line, sizing commands (``\\big``...) dropped, a thin
    space between two big operators in a row, and in display math full-size fractions (as
    TeX sets them there; mathtext's ``\\frac`` is always the small inline kind)."""
    tex = TEX_OPERATORS.sub(r"\1\\, ", " ".join(TEX_SIZING.sub("", tex).split()))
    return re.sub(r"\\frac(?![a-zA-Z])", r"\\dfrac", tex) if display else tex


def _number(value: float) -> str:
    """A coordinate in path units (1/100 em): whole units are finer than a screen pixel."""
    text = f"{value:.0f}"
    return "0" if text == "-0" else text


def tex_to_svg(tex: str, display: bool = False) -> str | None:
    """An inline ``<svg>`` of a formula drawn by mathtext, or None if mathtext cannot parse it.

    The formula is one filled path (no ids, no fonts to load), sized in ``em`` so it follows
    the text around it; its baseline sits on the text's baseline.
    """
    source = normalise_tex(tex, display)
    if not source:
        return None
    with matplotlib.rc_context({"mathtext.fontset": MATH_FONTSET}):
        try:
            path = TextPath((0, 0), f"${source}$", size=MATH_SIZE, prop=FontProperties())
        except ValueError:
            return None
    if len(path.vertices) == 0:
        return None
    letters = {1: "M", 2: "L", 3: "Q", 4: "C"}
    parts = []
    for vertices, code in path.iter_segments(curves=True, simplify=False):
        if code == 79:  # CLOSEPOLY
            parts.append("Z")
            continue
        points = vertices.reshape(-1, 2)
        coords = " ".join(f"{_number(x)} {_number(-y)}" for x, y in points)
        parts.append(letters[code] + coords)
    # The control points' box holds the curves (exact curve extents cost 10x the drawing).
    points = path.vertices[path.codes != 79] if path.codes is not None else path.vertices
    (left, bottom), (right, top) = points.min(axis=0), points.max(axis=0)
    x0, y0 = left - MATH_PAD, bottom - MATH_PAD
    width, height = right - left + 2 * MATH_PAD, top - bottom + 2 * MATH_PAD
    # As site_markdown.esc escapes, written out: site_markdown imports this module.
    label = html.escape(tex.strip(), quote=True)
    # Width and baseline in em; the height follows from the viewBox, so a formula wider than
    # a phone's screen can shrink to fit (max-width in the style sheet) without distortion.
    style = f"width:{width / MATH_SIZE:.3f}em;vertical-align:{y0 / MATH_SIZE:.3f}em"
    view = f"{_number(x0)} {_number(-(y0 + height))} {_number(width)} {_number(height)}"
    kind = "math display" if display else "math"
    return (
        f'<svg class="{kind}" role="img" aria-label="{label}" viewBox="{view}" '
        f'style="{style}" xmlns="http://www.w3.org/2000/svg"><title>{label}</title>'
        f'<path fill="currentColor" d="{"".join(parts)}"/></svg>'
    )


def extract_math(source: str) -> tuple[str, list[tuple[str, bool]]]:
    """Replace each formula of Markdown ``source`` by a placeholder mistune leaves alone.

    Fenced code blocks and code spans are skipped, ``\\$`` is a dollar sign; inline math
    cannot start or end with a space (so "5 $ and 6 $" is not math) nor hold a blank line.
    Returns the new text and the formulas, (TeX, is_display), in placeholder order.
    """
    formulas: list[tuple[str, bool]] = []

    def replace(match: re.Match) -> str:
        if match.group("escape") or match.group("code"):
            return match.group(0)
        display = match.group("display") is not None
        tex = match.group("display") if display else match.group("inline")
        if not display and re.search(r"\n[ \t]*\n", tex):
            return match.group(0)
        formulas.append((tex, display))
        return f"\ue000{len(formulas) - 1}\ue001"

    out, prose, fence = [], [], None
    for line in source.splitlines(keepends=True):
        opening = FENCE.match(line)
        if fence is None and opening:
            out.append(MATH_TOKEN.sub(replace, "".join(prose)))
            prose, fence = [], opening.group(1)
            out.append(line)
        elif fence is not None:
            out.append(line)
            stripped = line.strip()
            if stripped.startswith(fence) and set(stripped) == {fence[0]}:
                fence = None
        else:
            prose.append(line)
    out.append(MATH_TOKEN.sub(replace, "".join(prose)))
    return "".join(out), formulas
