"""Exercise checkers for chapter 03, the 5x5 example (the window, output size, pixel use).

Every expected value is computed with the tested helpers (:func:`helpers.conv.correlate2d`,
:func:`helpers.conv.output_shape`, :func:`helpers.windows.coverage`,
:func:`helpers.windows.window_steps`). Typical slips (row and column swapped,
forgetting the ``+ 1``, adding pixels without their weights) get a hint of their own.
"""

from __future__ import annotations

import numpy as np

from ..conv import correlate2d, output_shape
from ..images import classic_5x5
from ..kernels import LAPLACIAN, classic_5x5_kernel
from ..windows import coverage, window_steps
from . import as_numbers, check_array, check_choice, check_number
from ._answers import hint_for

__all__ = [
    "EXERCISE_IMAGE",
    "EXERCISE_KERNEL",
    "EXERCISE_POSITION",
    "check_output_size",
    "check_output_value",
    "check_pixel_uses",
    "check_same_mode_choice",
    "check_window",
]

#: The small image of exercise 1 (read-only).
EXERCISE_IMAGE = np.array([[3, 1, 2, 0], [1, 4, 1, 2], [0, 2, 5, 1], [2, 0, 1, 3]])
EXERCISE_IMAGE.setflags(write=False)
#: The kernel of exercise 1: a plus sign, -4 in the middle (helpers.kernels.LAPLACIAN).
EXERCISE_KERNEL = LAPLACIAN
#: Output position (row, column) asked for in exercise 1.
EXERCISE_POSITION = (0, 1)

# Exercise 2: an n x n image and an f x f filter, "valid" mode.
_SIZE_IMAGE, _SIZE_KERNEL = 32, 5
# Exercise 3: which pixel of which image, and the kernel size.
_USES_IMAGE, _USES_KERNEL, _USES_PIXEL = (6, 6), (3, 3), (1, 2)
# Exercise 4: the window at this output position of the classic 5x5 example.
_WINDOW_POSITION = (1, 2)


def _hint(answer, known: dict[float, str], default: str) -> str:
    """The hint for a recognised wrong answer, else the default hint."""
    return hint_for(answer, known.items(), default)


def check_output_value(answer) -> None:
    """Exercise: the output of EXERCISE_KERNEL on EXERCISE_IMAGE at EXERCISE_POSITION.

    Examples
    --------
    >>> check_output_value(9)
    ✓ Right: 9. The window is rows 0-2, columns 1-3; the plus-shaped kernel adds the
    four neighbours of the middle pixel (2 + 4 + 2 + 5) and takes 4 times the middle
    pixel (4 x 1): 13 - 4 = 9.
    >>> check_output_value(1)
    ✗ Not yet: 1 is too small. That is the output at position (1, 0): the row comes
    first, then the column.
    """
    result = correlate2d(EXERCISE_IMAGE, EXERCISE_KERNEL)
    row, col = EXERCISE_POSITION
    kh, kw = EXERCISE_KERNEL.shape
    window = EXERCISE_IMAGE[row : row + kh, col : col + kw]
    centre = int(window[kh // 2, kw // 2])
    neighbours = [int(window[0, 1]), int(window[1, 0]), int(window[1, 2]), int(window[2, 1])]
    expected = float(result[row, col])
    known = {
        float(result[r, c]): f"That is the output at position ({r}, {c})"
        + (": the row comes first, then the column." if (r, c) == (col, row) else ".")
        for r, c in np.ndindex(result.shape)
        if (r, c) != (row, col)
    }
    known[float(window.sum())] = (
        "That is the plain sum of the window: multiply each pixel by its weight first."
    )
    known[float(sum(neighbours) + centre)] = "The middle weight is -4, not 1."
    known[float(sum(neighbours))] = "Do not forget the middle pixel, weighted by -4."
    check_number(
        answer,
        expected,
        explain=f"The window is rows {row}-{row + kh - 1}, columns {col}-{col + kw - 1}; "
        "the plus-shaped kernel adds the four neighbours of the middle pixel "
        f"({' + '.join(map(str, neighbours))}) and takes 4 times the middle pixel "
        f"(4 x {centre}): {sum(neighbours)} - {4 * centre} = {expected:.0f}.",
        hint=_hint(
            answer,
            known,
            f"Put the kernel's top-left corner on pixel {EXERCISE_POSITION}, multiply the "
            "nine pairs and add them up.",
        ),
    )


def check_output_size(answer) -> None:
    """Exercise: the output size of a 5x5 filter on a 32x32 image ("valid").

    The answer is the number of rows (the output is square).

    Examples
    --------
    >>> check_output_size(28)
    ✓ Right: 28. n - f + 1 = 32 - 5 + 1 = 28 positions along each axis: a 28 x 28 output.
    >>> check_output_size(27)
    ✗ Not yet: 27 is too small. Count the positions: a filter as wide as the image still
    fits once, so add 1 to n - f.
    """
    n, f = _SIZE_IMAGE, _SIZE_KERNEL
    rows, cols = output_shape((n, n), (f, f))
    known = {
        n - f: "Count the positions: a filter as wide as the image still fits once, "
        "so add 1 to n - f.",
        n: "Without padding the output shrinks: the window must fit inside the image.",
        n + f - 1: "That is the 'full' size, with zero padding all round; here there is none.",
        n - f + 2: "The window's last position starts at column n - f; count from 0.",
    }
    check_number(
        answer,
        rows,
        explain=f"n - f + 1 = {n} - {f} + 1 = {rows} positions along each axis: "
        f"a {rows} x {cols} output.",
        hint=_hint(answer, known, "The window's top-left corner can sit on columns 0 to n - f."),
    )


def check_pixel_uses(answer) -> None:
    """Exercise: how many output positions of a 3x3 kernel use pixel (1, 2) of a 6x6 image.

    Examples
    --------
    >>> check_pixel_uses(6)
    ✓ Right: 6. Windows starting on rows 0-1 contain row 1 (2 of them) and windows
    starting on columns 0-2 contain column 2 (3 of them): 2 x 3 = 6.
    >>> check_pixel_uses(9)
    ✗ Not yet: 9 is too large. Nine is for pixels at least two rows and two columns
    away from the border; row 1 is close to the top.
    """
    counts = coverage(_USES_IMAGE, _USES_KERNEL)
    row, col = _USES_PIXEL
    expected = int(counts[row, col])
    kh, kw = _USES_KERNEL
    last_row, last_col = (n - 1 for n in output_shape(_USES_IMAGE, _USES_KERNEL))
    # Top-left corners of the windows that contain the pixel, along each axis.
    rows = range(max(0, row - kh + 1), min(row, last_row) + 1)
    cols = range(max(0, col - kw + 1), min(col, last_col) + 1)
    known = {
        kh * kw: "Nine is for pixels at least two rows and two columns away from the border; "
        f"row {row} is close to the top.",
        len(rows): "That counts along the rows only: each of those windows can also sit "
        "in several columns.",
        len(cols): "That counts along the columns only: each of those windows can also sit "
        "in several rows.",
        len(rows) + len(cols): "The counts along rows and along columns multiply, they do not add.",
    }
    check_number(
        answer,
        expected,
        explain=f"Windows starting on rows {rows[0]}-{rows[-1]} contain row {row} "
        f"({len(rows)} of them) and windows starting on columns {cols[0]}-{cols[-1]} "
        f"contain column {col} ({len(cols)} of them): {len(rows)} x {len(cols)} = {expected}.",
        hint=_hint(
            answer,
            known,
            f"List the windows' top-left corners (rows 0-{last_row}, columns 0-{last_col}) "
            "that include the pixel, or count rows and columns separately and multiply.",
        ),
    )


def check_window(answer) -> None:
    """Exercise: the 3x3 window under the kernel at position (1, 2) of the classic 5x5 image.

    Examples
    --------
    >>> check_window([[1, 1, 0], [1, 1, 1], [1, 1, 0]])
    ✓ Right: Rows 1-3 and columns 2-4 of the image, image[1:4, 2:5]; times the kernel
    and summed it gives 3, the output at (1, 2).
    >>> check_window([[0, 1, 1], [0, 1, 1], [1, 1, 0]])
    ✗ Not yet: 3 of 9 entries differ, the first at row 0, column 0. That is the window
    at position (2, 1): the row comes first, then the column.
    """
    image = classic_5x5()
    kernel = classic_5x5_kernel()
    row, col = _WINDOW_POSITION
    steps = {(s.row, s.col): s for s in window_steps(image, kernel)}
    step = steps[(row, col)]
    hint = (
        "The kernel's top-left corner sits on pixel (1, 2): take 3 rows and 3 columns from there."
    )
    given = as_numbers(answer)
    if given is not None and given.shape == step.window.shape:
        if np.array_equal(given, steps[(col, row)].window):
            hint = (
                f"That is the window at position ({col}, {row}): "
                "the row comes first, then the column."
            )
        elif np.array_equal(given, image[row - 1 : row + 2, col - 1 : col + 2]):
            hint = (
                "That window is centred on pixel (1, 2); in 'valid' mode the position is "
                "where the window's top-left corner sits."
            )
    check_array(
        answer,
        step.window,
        explain=f"Rows {row}-{row + 2} and columns {col}-{col + 2} of the image, "
        f"image[{row}:{row + 3}, {col}:{col + 3}]; times the kernel and summed it gives "
        f"{step.total:.0f}, the output at ({row}, {col}).",
        hint=hint,
    )


def check_same_mode_choice(answer) -> None:
    """Exercise: why mode="same" keeps a 5x5 image 5x5 (multiple choice).

    Examples
    --------
    >>> check_same_mode_choice("b")
    ✓ Right: (b). A ring of zeros lets the 3x3 window centre on every pixel, so there are
    25 positions; the zeros add nothing to the sums.
    >>> check_same_mode_choice("d")
    ✗ Not yet: (d) is not it. Padding evens the counts out but does not make them equal:
    in 'same' mode a corner pixel is used 4 times, an edge pixel 6 times, an inner one 9.
    """
    same = coverage((5, 5), (3, 3), mode="same")
    rows, cols = output_shape((5, 5), (3, 3), mode="same")
    check_choice(
        answer,
        "b",
        options={
            "a": "The kernel never changes: the same 3x3 weights are used at every position.",
            "b": "",
            "c": "Nothing is copied: every output is a real sum over a window; near the "
            "border some of its pixels are zeros of the padding.",
            "d": "Padding evens the counts out but does not make them equal: in 'same' mode "
            f"a corner pixel is used {same[0, 0]} times, an edge pixel {same[0, 2]} times, "
            f"an inner one {same[2, 2]}.",
        },
        explain=f"A ring of zeros lets the 3x3 window centre on every pixel, so there are "
        f"{rows * cols} positions; the zeros add nothing to the sums.",
    )
