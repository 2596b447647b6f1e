"""The widget playground (notebook 10) driven like a learner drives it, in JupyterLab in Chromium.

Each test opens ``10-widget-playground.ipynb`` from the harness's temporary copy of the
notebooks, runs all cells, checks that nothing failed and that every widget rendered, then
works one widget through its real controls (a ``<select>``, a number field, the keyboard on
a slider, a checkbox). After every action it waits, polling with a time-out, until the page
shows what the tested ``helpers`` functions compute for the new state, computed here in the
test process:

* the kernel explorer: the kernel in the grid, the output's range (``data-low``,
  ``data-high``, ``data-limit``), the inspector's window, weights, products and sum, the
  tables of input and output values, and the output picture itself (decoded: the colour of
  every output pixel and the outline around the inspected one); the picture must also
  differ from the one shown before the action;
* the sliding-window stepper: the slider's position, the products and their sum, and the
  output table, filled in with ``correlate2d``'s values up to the position and blank after.

Screenshots of each step go to ``test-artifacts/browser/playground-*.png``.
"""

from __future__ import annotations

import json
import math
import re
import struct
import time

import numpy as np
import pytest

from helpers import correlate2d
from helpers.colours import picture_limit
from helpers.images import classic_5x5, step_edge
from helpers.kernels import HORIZONTAL, SOBEL_VERTICAL, VERTICAL, classic_5x5_kernel
from helpers.render import HIGHLIGHT, block_size, palette, signed_levels

from .conftest import (
    image_array,
    image_bytes,
    kernel_print,
    open_notebook,
    outputs_with_errors,
    run_all,
    screenshot,
    sync_state,
    wait_for_widgets,
    widget_problems,
)

pytestmark = pytest.mark.browser

NOTEBOOK = "10-widget-playground.ipynb"
UPDATE_TIMEOUT = 15.0  # s: one round trip to the kernel and back takes well under a second
POLL_SECONDS = 0.1

# --------------------------------------------------------------------------- shared steps


class WireLog:
    """The widget messages between the page and the kernel, for a failure's diagnosis.

    Records comm messages (``comm_msg``: a widget's update, both ways) and the kernel's
    ``status`` for them, decoded from the kernel websocket's frames (JSON, or JupyterLab's
    binary ``v1.kernel.websocket.jupyter.org`` framing). ``tail()`` lists the last few, so
    a failure says whether the front end sent the change and whether the kernel answered.
    """

    def __init__(self, page) -> None:
        self.lines: list[str] = []
        self.start = time.monotonic()
        page.on("websocket", self._watch)

    def _watch(self, socket) -> None:
        if "/channels" not in socket.url:
            return
        socket.on("framesent", lambda payload: self._record("page->kernel", payload))
        socket.on("framereceived", lambda payload: self._record("kernel->page", payload))

    def _record(self, direction: str, payload) -> None:
        try:
            message = self._decode(payload)
        except Exception:  # a frame we cannot read is not worth failing over
            return
        kind = message.get("header", {}).get("msg_type")
        parent = message.get("parent_header", {}) or {}
        content = message.get("content", {}) or {}
        if kind == "comm_msg":
            data = content.get("data", {}) or {}
            state = data.get("state", {}) or {}
            what = f"{data.get('method')} {sorted(state)[:4]}"
            if "value" in state and not isinstance(state["value"], (dict, list)):
                what += f" value={str(state['value'])[:40]!r}"
            if "index" in state:
                what += f" index={state['index']!r}"
        elif kind == "status" and parent.get("msg_type") == "comm_msg":
            what = content.get("execution_state")
        else:
            return
        stamp = time.monotonic() - self.start
        msg_id = (message.get("header", {}).get("msg_id") or "")[-8:]
        parent_id = (parent.get("msg_id") or "")[-8:]
        self.lines.append(
            f"{stamp:7.2f}s {direction} {kind} id={msg_id} parent={parent_id}: {what}"
        )

    @staticmethod
    def _decode(payload) -> dict:
        if isinstance(payload, str):
            return json.loads(payload)
        (count,) = struct.unpack_from("<Q", payload, 0)
        offsets = struct.unpack_from(f"<{count}Q", payload, 8)
        parts = [payload[offsets[i] : offsets[i + 1]] for i in range(min(count - 1, 5))]
        header, parent, _metadata, content = (json.loads(part) for part in parts[1:5])
        return {"header": header, "parent_header": parent, "content": content}

    def tail(self, count: int = 14) -> list[str]:
        return ["widget messages, most recent last:"] + [
            "  " + line for line in self.lines[-count:]
        ]


def open_playground(page, lab) -> list[str]:
    """Open the playground, run all cells; no error output, every widget rendered.

    Returns a list that collects, from then on, the page's uncaught JavaScript errors and
    console errors (a widget view that throws while updating shows up there); each test
    asserts at its end that it stayed empty.
    """
    page_errors: list[str] = []
    page.on("pageerror", lambda error: page_errors.append(f"pageerror: {error}"))
    page.on(
        "console",
        lambda message: (
            page_errors.append(f"console: {message.text}") if message.type == "error" else None
        ),
    )
    open_notebook(page, lab, NOTEBOOK)
    result = run_all(page, NOTEBOOK)
    wait_for_widgets(page, NOTEBOOK)
    errors = outputs_with_errors(page, NOTEBOOK)
    assert not errors, "the playground wrote errors or stderr:\n" + "\n\n".join(errors)
    assert result.ok, f"not every cell ran: {result}"
    problems = widget_problems(page, NOTEBOOK)
    assert not problems, "widgets did not render:\n" + "\n".join(problems)
    for name in ("kernel-explorer", "sliding-window-stepper", "edge-comparer"):
        assert page.locator(f".{name}").count() == 1, f"no .{name} on the page"
    return page_errors


def wait_until(page, mismatches, what: str, timeout: float = UPDATE_TIMEOUT, diagnose=None) -> None:
    """Poll ``mismatches()`` (a list of differences) until it is empty, or fail with the last.

    ``diagnose()``, if given, returns lines added to the failure message: where the update
    got stuck (front end, kernel, or the way back).
    """
    deadline = time.monotonic() + timeout
    found = mismatches()
    while found:
        if time.monotonic() > deadline:
            extra = diagnose() if diagnose else []
            raise AssertionError(
                f"{what}: the page still differs from helpers after {timeout:.0f} s:\n  "
                + "\n  ".join(found + extra)
            )
        page.wait_for_timeout(POLL_SECONDS * 1000)
        found = mismatches()


def show(page, widget, name: str) -> None:
    """Scroll ``widget`` to the top of the notebook's view and save a screenshot of the view."""
    widget.evaluate("(node) => node.scrollIntoView({block: 'start'})")
    page.wait_for_timeout(100)  # let the scroll settle before the picture is taken
    screenshot(page, name, full=False)


def dropdown(container, description: str):
    """The ``<select>`` of the dropdown labelled ``description`` inside ``container``."""
    exact = re.compile(rf"^\s*{re.escape(description)}\s*$")
    box = container.locator(".widget-dropdown").filter(
        has=container.page.locator(":scope > .widget-label").filter(has_text=exact)
    )
    return box.locator("select")


def as_numbers(values) -> np.ndarray:
    """Strings read from ``data-value`` attributes as floats; an empty string is NaN."""
    return np.array([[float(v) if v != "" else math.nan for v in row] for row in values])


def compare_table(label: str, shown, expected, problems: list[str]) -> None:
    """Append a line to ``problems`` unless the table ``shown`` holds ``expected``."""
    expected = np.asarray(expected, dtype=float)
    if shown is None:
        problems.append(f"{label}: no table on the page")
        return
    numbers = as_numbers(shown)
    if numbers.shape != expected.shape or not np.allclose(
        numbers, expected, rtol=1e-3, atol=0, equal_nan=True
    ):
        problems.append(f"{label}: page shows {shown}, helpers give {expected.tolist()}")


def compare_number(label: str, shown, expected: float, problems: list[str]) -> None:
    if shown in (None, "") or not math.isclose(float(shown), expected, rel_tol=1e-3):
        problems.append(f"{label}: page shows {shown!r}, helpers give {expected:g}")


# JavaScript reading what a conv-grid table shows: rows of data-value strings.
TABLE_JS = """
(root, name) => {
  const table = root.querySelector(`table.conv-grid[data-name="${name}"]`);
  if (!table) return null;
  const rows = [];
  for (const cell of table.querySelectorAll('td[data-row]')) {
    const r = Number(cell.dataset.row), c = Number(cell.dataset.col);
    (rows[r] = rows[r] || [])[c] = cell.dataset.value;
  }
  return rows;
}
"""

# --------------------------------------------------------------------------- the explorer

EXPLORER_STATE_JS = (
    """
(root) => {
  const table = """
    + TABLE_JS
    + """;
  const range = root.querySelector('.explorer-range span[data-low]');
  const sum = root.querySelector('.explorer-sum');
  const select = (label) => {
    for (const box of root.querySelectorAll('.widget-dropdown')) {
      const l = box.querySelector(':scope > .widget-label');
      if (l && l.textContent.trim() === label) return box.querySelector('select').value;
    }
    return null;
  };
  const names = ['window', 'weights', 'products', 'input-values', 'output-values'];
  return {
    kernel: Array.from(root.querySelectorAll('.kernel-grid input')).map((e) => e.value),
    preset: select('preset'),
    image: select('image'),
    mirror: Array.from(root.querySelectorAll('.widget-checkbox'))
      .filter((box) => box.textContent.includes('mirror'))
      .map((box) => box.querySelector('input').checked)[0],
    low: range ? range.dataset.low : null,
    high: range ? range.dataset.high : null,
    limit: range ? range.dataset.limit : null,
    sum: sum ? sum.dataset.value : null,
    tables: Object.fromEntries(names.map((n) => [n, table(root, n)])),
    status: root.querySelector('.explorer-status').innerText,
  };
}
"""
)


def explorer_mismatches(explorer, expected: dict, before: bytes | None) -> list[str]:
    """What the explorer on the page shows that differs from ``explorer_expects(...)``."""
    state = explorer.evaluate(EXPLORER_STATE_JS)
    image, kernel, out = expected["image"], expected["kernel"], expected["output"]
    row, col = expected["row"], expected["col"]
    problems = []
    if state["image"] != expected["image_name"] or state["mirror"] != expected["mirror"]:
        problems.append(
            f"image menu and mirror show {state['image']!r}, {state['mirror']}, not "
            f"{expected['image_name']!r}, {expected['mirror']}"
        )
    if state["preset"] != expected["preset"]:
        problems.append(f"preset menu shows {state['preset']!r}, not {expected['preset']!r}")
    compare_table("kernel grid", [state["kernel"][i : i + 3] for i in (0, 3, 6)], kernel, problems)
    compare_number("range low", state["low"], out.min(), problems)
    compare_number("range high", state["high"], out.max(), problems)
    compare_number("colour limit", state["limit"], picture_limit(out), problems)
    window = image[row : row + 3, col : col + 3]
    compare_table("inspector window", state["tables"]["window"], window, problems)
    compare_table("inspector weights", state["tables"]["weights"], kernel, problems)
    compare_table("inspector products", state["tables"]["products"], window * kernel, problems)
    compare_number("inspector sum", state["sum"], out[row, col], problems)
    compare_table("input values", state["tables"]["input-values"], image, problems)
    compare_table("output values", state["tables"]["output-values"], out, problems)
    if "⚠" in state["status"]:
        problems.append(f"status line warns: {state['status']}")
    if problems:
        return problems  # the picture is checked once the numbers have arrived

    picture = explorer.locator(".explorer-output-image")
    shown = image_bytes(picture)
    if before is not None and shown == before:
        return ["the output picture has not changed"]
    problems.extend(picture_mismatches(image_array(picture), image.shape, out, row, col))
    return problems


def picture_mismatches(pixels, image_shape, out, row, col) -> list[str]:
    """Check the decoded output picture: colour of each output pixel, outline of the inspected one.

    The explorer draws each output pixel as a square block on the course's diverging
    palette (``signed_levels`` centred at 0) and outlines the inspected pixel in orange.
    """
    problems = []
    block = block_size(image_shape)
    rows, cols = out.shape
    if pixels.shape[:2] != (rows * block, cols * block):
        return [f"output picture is {pixels.shape[:2]}, expected {(rows * block, cols * block)}"]
    colours = palette()
    levels, _limit = signed_levels(out, picture_limit(out))
    rgb = pixels[..., :3]
    middle = block // 2
    for r in range(rows):
        for c in range(cols):
            got = rgb[r * block + middle, c * block + middle]
            want = colours[levels[r, c]]
            if not np.array_equal(got, want):
                problems.append(
                    f"output pixel ({r}, {c}) = {out[r, c]:g} is drawn {got.tolist()}, "
                    f"its colour on the scale is {want.tolist()}"
                )
    # The orange outline: on the line through the inspected pixel's centre, orange appears
    # only near that pixel's edges (within a quarter of a block), on both sides.
    orange = np.all(rgb == colours[HIGHLIGHT], axis=-1)
    quarter = block // 4
    for axis, (index, start) in enumerate(((row, col), (col, row))):
        line = orange[index * block + middle, :] if axis == 0 else orange[:, index * block + middle]
        where = np.flatnonzero(line)
        low_edge, high_edge = start * block, (start + 1) * block
        if (
            where.size == 0
            or not max(0, low_edge - quarter) <= where.min() <= low_edge + quarter
            or not high_edge - quarter <= where.max() <= high_edge + quarter
        ):
            direction = "across" if axis == 0 else "down"
            problems.append(
                f"no orange outline around output pixel ({row}, {col}) {direction} the picture "
                f"(orange at {where.tolist()[:8]}...)"
            )
    return problems


def explorer_expects(kernel, preset: str, row: int, col: int, mirror: bool = False) -> dict:
    """What the explorer must show for the 6x6 step edge, computed with helpers.correlate2d."""
    image = step_edge()[:, ::-1] if mirror else step_edge()
    kernel = np.asarray(kernel, dtype=float)
    return {
        "image_name": "step edge 6x6",
        "mirror": mirror,
        "image": image,
        "kernel": kernel,
        "output": correlate2d(image, kernel),
        "preset": preset,
        "row": row,
        "col": col,
    }


def test_kernel_explorer_follows_its_controls(page, lab):
    """Image, preset, a kernel cell, the inspector, the mirror: page == helpers each time."""
    wire = WireLog(page)
    page_errors = open_playground(page, lab)
    explorer = page.locator(".kernel-explorer")
    picture = explorer.locator(".explorer-output-image")
    screenshot(page, "playground-0-after-run-all")

    def act_and_check(step: str, expected: dict, action) -> bytes:
        before = image_bytes(picture)
        action()
        wait_until(
            page,
            lambda: explorer_mismatches(explorer, expected, before),
            step,
            diagnose=wire.tail,
        )
        show(page, explorer, f"playground-explorer-{step}")
        return image_bytes(picture)

    # The notebook's own cells left the 6x6 step mirrored under the vertical preset, with
    # the inspector on the middle pixel (2, 2) of the 4x4 output.
    row, col = 2, 2
    mirror = explorer.locator(".widget-checkbox").filter(has_text="mirror the image")

    # Untick the mirror: the bright-left step again, a band of 30s.
    act_and_check(
        "1-mirror-off-step-edge",
        explorer_expects(VERTICAL, "vertical", row, col),
        lambda: mirror.locator("input").uncheck(),
    )
    # The horizontal-edge preset sees nothing in a vertical step: all zeros.
    act_and_check(
        "1b-preset-horizontal",
        explorer_expects(HORIZONTAL, "horizontal", row, col),
        lambda: dropdown(explorer, "preset").select_option("horizontal"),
    )

    # (a) A preset from the real dropdown: a band of 40s where the step is.
    kernel = np.array(SOBEL_VERTICAL, dtype=float)
    expected = explorer_expects(kernel, "sobel vertical", row, col)
    assert expected["output"][0].tolist() == [0, 40, 40, 0]
    act_and_check(
        "2-preset-sobel-vertical",
        expected,
        lambda: dropdown(explorer, "preset").select_option("sobel vertical"),
    )

    # (b) Type into a kernel cell (row 1, column 0: Sobel's 2 becomes 5) and press Enter;
    # the preset menu says "custom".
    kernel[1, 0] = 5.0
    cell = explorer.locator(".kernel-grid input[type=number]").nth(3)

    def edit_cell():
        cell.fill("5")
        cell.press("Enter")

    act_and_check("3-cell-edited", explorer_expects(kernel, "custom", row, col), edit_cell)

    # (c) Move the inspector with the keyboard: column 2 -> 1 (ArrowDown), then Enter.
    column = explorer.locator(".widget-text").filter(
        has=page.locator(":scope > .widget-label", has_text=re.compile(r"^column$"))
    )
    column_input = column.locator("input[type=number]")

    def move_column():
        column_input.focus()
        column_input.press("ArrowDown")
        column_input.press("Enter")

    col = 1
    unmirrored = act_and_check(
        "4-inspect-column-1", explorer_expects(kernel, "custom", row, col), move_column
    )
    assert column_input.input_value() == "1"

    # (d) Mirror the image: the step becomes dark-left and the signs turn over.
    expected = explorer_expects(kernel, "custom", row, col, mirror=True)
    assert expected["output"][row, col] < 0 < expected["output"].max()
    act_and_check("5-mirrored", expected, lambda: mirror.locator("input").check())

    # And back: the same state as before the mirror, drawn byte for byte the same.
    act_and_check(
        "6-mirror-off",
        explorer_expects(kernel, "custom", row, col),
        lambda: mirror.locator("input").uncheck(),
    )
    assert image_bytes(picture) == unmirrored, "unticking the mirror did not restore the picture"
    assert not page_errors, "errors in the browser:\n" + "\n".join(page_errors)


# --------------------------------------------------------------------------- the stepper

STEPPER_STATE_JS = (
    """
(root) => {
  const table = """
    + TABLE_JS
    + """;
  const handle = root.querySelector('.noUi-handle');
  const sum = root.querySelector('.stepper-sum');
  const names = ['input', 'kernel', 'products', 'output'];
  return {
    example: root.querySelector('select').value,
    handle: handle ? handle.getAttribute('aria-valuenow') : null,
    readout: root.querySelector('.widget-readout').textContent.trim(),
    status: root.querySelector('.stepper-status').innerText,
    sum: sum ? sum.dataset.value : null,
    tables: Object.fromEntries(names.map((n) => [n, table(root, n)])),
  };
}
"""
)


def stepper_mismatches(stepper, example: str, image, kernel, position: int) -> list[str]:
    """What the stepper shows that differs from helpers.correlate2d at ``position``."""
    state = stepper.evaluate(STEPPER_STATE_JS)
    full = correlate2d(image, kernel)
    rows, cols = full.shape
    row, col = divmod(position - 1, cols)
    kh, kw = kernel.shape
    so_far = full.copy()
    so_far.flat[position:] = np.nan  # cells not reached yet are blank
    problems = []
    if state["example"] != example:
        problems.append(f"example menu shows {state['example']!r}, not {example!r}")
    if (
        state["handle"] is None
        or float(state["handle"]) != position
        or state["readout"] != str(position)
    ):
        problems.append(
            f"slider at {state['handle']} (readout {state['readout']!r}), expected {position}"
        )
    if not state["status"].startswith(f"Position {position} of {rows * cols}:"):
        problems.append(f"status line says {state['status']!r}")
    compare_table("input", state["tables"]["input"], image, problems)
    compare_table("kernel", state["tables"]["kernel"], kernel, problems)
    window = image[row : row + kh, col : col + kw]
    compare_table("products", state["tables"]["products"], window * kernel, problems)
    compare_number("sum", state["sum"], full[row, col], problems)
    compare_table("output so far", state["tables"]["output"], so_far, problems)
    return problems


def test_stepper_fills_in_the_output(page, lab):
    """Keyboard moves of the position slider: the output table fills in as correlate2d says."""
    wire = WireLog(page)
    page_errors = open_playground(page, lab)
    stepper = page.locator(".sliding-window-stepper")
    handle = stepper.locator(".noUi-handle")

    def diagnose() -> list[str]:
        # Which side is stuck: the slider's model in the page, or the kernel's stepper?
        return [
            f"front end, position slider: {sync_state(page, 'position', NOTEBOOK)}",
            f"front end, play button: {sync_state(page, 'play', NOTEBOOK)}",
            "kernel: "
            + kernel_print(
                page,
                "print(stepper.controls['position'].value, stepper.controls['play'].value,"
                " repr(stepper.message))",
                NOTEBOOK,
            ).strip(),
            *wire.tail(),
        ]

    def check(example, image, kernel, position, step):
        wait_until(
            page,
            lambda: stepper_mismatches(stepper, example, image, kernel, position),
            f"stepper, {example}, position {position}",
            diagnose=diagnose,
        )
        show(page, stepper, f"playground-stepper-{step}")

    # The notebook's cell left the classic 5x5 example at position 5 of 9.
    image, kernel = classic_5x5(), classic_5x5_kernel()
    check("classic 5x5", image, kernel, 5, "1-classic-position-5")

    handle.focus()
    handle.press("ArrowRight")
    check("classic 5x5", image, kernel, 6, "2-classic-position-6")

    for _ in range(3):
        handle.press("ArrowLeft")
    check("classic 5x5", image, kernel, 3, "3-classic-position-3")

    handle.press("End")
    check("classic 5x5", image, kernel, 9, "4-classic-position-9")

    # The article's step edge: the position starts again at 1 of 16.
    dropdown(stepper, "example").select_option("step edge 6x6")
    image, kernel = step_edge(), np.array(VERTICAL, dtype=float)
    check("step edge 6x6", image, kernel, 1, "5-step-edge-position-1")

    handle.focus()
    for _ in range(5):
        handle.press("ArrowRight")
    check("step edge 6x6", image, kernel, 6, "6-step-edge-position-6")
    assert correlate2d(image, kernel)[1, 1] == 30  # the window at position 6 straddles the edge
    assert not page_errors, "errors in the browser:\n" + "\n".join(page_errors)
