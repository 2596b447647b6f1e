"""Exercises of chapter 03, the 5x5 example (the window, output size, pixel use, the loop)."""

from __future__ import annotations

import numpy as np

from ..conv import correlate2d, output_shape
from ..images import classic_5x5
from ..kernels import LAPLACIAN, classic_5x5_kernel
from ..windows import coverage, window_at
from .functions import image_kernel_cases, wrapped
from .records import Exercise, exercise

#: The small image of exercise 1 (read-only).
EXERCISE_IMAGE = np.array([[3, 1, 2, 0], [1, 4, 1, 2], [0, 2, 5, 1], [2, 0, 1, 3]])
EXERCISE_IMAGE.setflags(write=False)
#: The kernel of exercise 1: a plus sign, -4 in the middle (helpers.kernels.LAPLACIAN).
EXERCISE_KERNEL = LAPLACIAN
#: Output position (row, column) asked for in exercise 1.
EXERCISE_POSITION = (0, 1)


@exercise
def check_output_value() -> Exercise:
    """Exercise 1: the output of EXERCISE_KERNEL on EXERCISE_IMAGE at EXERCISE_POSITION."""
    result = correlate2d(EXERCISE_IMAGE, EXERCISE_KERNEL)
    row, col = EXERCISE_POSITION
    window = window_at(EXERCISE_IMAGE, EXERCISE_KERNEL, row, col).window.astype(int)
    centre = int(window[1, 1])
    neighbours = [int(window[0, 1]), int(window[1, 0]), int(window[1, 2]), int(window[2, 1])]
    others = [
        (
            result[r, c],
            f"That is the output at position ({r}, {c})"
            + (": the row comes first, then the column." if (r, c) == (col, row) else "."),
        )
        for r, c in np.ndindex(result.shape)
        if (r, c) != (row, col)
    ]
    return Exercise(
        "number",
        result[row, col],
        explain=f"The window is rows {row}-{row + 2}, columns {col}-{col + 2}; the plus-shaped "
        "kernel adds the four neighbours of the middle pixel "
        f"({' + '.join(map(str, neighbours))}) and takes 4 times the middle pixel "
        f"(4 x {centre}): {sum(neighbours)} - {4 * centre} = {result[row, col]:.0f}.",
        hint=f"Put the kernel's top-left corner on pixel {EXERCISE_POSITION}, multiply the "
        "nine pairs and add them up.",
        mistakes=(
            *others,
            (
                window.sum(),
                "That is the plain sum of the window: multiply each pixel by its weight first.",
            ),
            (sum(neighbours) + centre, "The middle weight is -4, not 1."),
            (sum(neighbours), "Do not forget the middle pixel, weighted by -4."),
        ),
    )


@exercise
def check_output_size() -> Exercise:
    """Exercise 2: the output size of a 5x5 filter on a 32x32 image ("valid"), in rows."""
    n, f = 32, 5
    rows, cols = output_shape((n, n), (f, f))
    return Exercise(
        "number",
        rows,
        explain=f"n - f + 1 = {n} - {f} + 1 = {rows} positions along each axis: "
        f"a {rows} x {cols} output.",
        hint="The window's top-left corner can sit on columns 0 to n - f.",
        mistakes=(
            (
                n - f,
                "Count the positions: a filter as wide as the image still fits once, "
                "so add 1 to n - f.",
            ),
            (n, "Without padding the output shrinks: the window must fit inside the image."),
            (
                n + f - 1,
                "That is the 'full' size, with zero padding all round; here there is none.",
            ),
            (n - f + 2, "The window's last position starts at column n - f; count from 0."),
        ),
    )


@exercise
def check_pixel_uses() -> Exercise:
    """Exercise 3: how many output positions of a 3x3 kernel use pixel (1, 2) of a 6x6 image."""
    image_shape, kernel_shape, (row, col) = (6, 6), (3, 3), (1, 2)
    kh, kw = kernel_shape
    last_row, last_col = (n - 1 for n in output_shape(image_shape, kernel_shape))
    # Top-left corners of the windows that contain the pixel, along each axis.
    rows = range(max(0, row - kh + 1), min(row, last_row) + 1)
    cols = range(max(0, col - kw + 1), min(col, last_col) + 1)
    expected = int(coverage(image_shape, kernel_shape)[row, col])
    return Exercise(
        "number",
        expected,
        explain=f"Windows starting on rows {rows[0]}-{rows[-1]} contain row {row} "
        f"({len(rows)} of them) and windows starting on columns {cols[0]}-{cols[-1]} "
        f"contain column {col} ({len(cols)} of them): {len(rows)} x {len(cols)} = {expected}.",
        hint=f"List the windows' top-left corners (rows 0-{last_row}, columns 0-{last_col}) "
        "that include the pixel, or count rows and columns separately and multiply.",
        mistakes=(
            (
                kh * kw,
                "Nine is for pixels at least two rows and two columns away from the border; "
                f"row {row} is close to the top.",
            ),
            (
                len(rows),
                "That counts along the rows only: each of those windows can also sit "
                "in several columns.",
            ),
            (
                len(cols),
                "That counts along the columns only: each of those windows can also sit "
                "in several rows.",
            ),
            (len(rows) + len(cols), "The counts along rows and along columns multiply, not add."),
        ),
    )


@exercise
def check_window() -> Exercise:
    """Exercise 4: the 3x3 window under the kernel at position (1, 2) of the classic 5x5 image."""
    image, kernel = classic_5x5(), classic_5x5_kernel()
    row, col = 1, 2
    step = window_at(image, kernel, row, col)
    return Exercise(
        "array",
        step.window,
        explain=f"Rows {row}-{row + 2} and columns {col}-{col + 2} of the image, "
        f"image[{row}:{row + 3}, {col}:{col + 3}]; times the kernel and summed it gives "
        f"{step.total:.0f}, the output at ({row}, {col}).",
        hint="The kernel's top-left corner sits on pixel (1, 2): take 3 rows and 3 columns "
        "from there.",
        mistakes=(
            (
                window_at(image, kernel, col, row).window,
                f"That is the window at position ({col}, {row}): the row comes first, then "
                "the column.",
            ),
            (
                image[row - 1 : row + 2, col - 1 : col + 2],
                "That window is centred on pixel (1, 2); in 'valid' mode the position is "
                "where the window's top-left corner sits.",
            ),
        ),
    )


@exercise
def check_correlate() -> Exercise:
    """Exercise 6 (write it): the two-loop correlate(image, kernel), "valid" mode."""
    return Exercise(
        "function",
        correlate2d,
        explain="Two loops over the output positions, and at each one the sum of the window "
        "times the kernel: exactly what correlate2d computes, only slower.",
        hint="The output is (H - kh + 1) x (W - kw + 1); at (r, c) add up "
        "image[r:r + kh, c:c + kw] * kernel.",
        mistakes=(
            (
                lambda x, k: correlate2d(x, np.asarray(k)[::-1, ::-1]),
                "That is convolution: the kernel is turned by 180 degrees. Deep-learning "
                "libraries (and this exercise) slide it as written.",
            ),
            (
                lambda x, k: correlate2d(np.asarray(x).T, np.asarray(k).T),
                "The result is transposed: rows and columns are swapped somewhere "
                "(image[c, r] instead of image[r, c]?).",
            ),
            (
                lambda x, k: correlate2d(x, k)[:-1, :-1],
                "One window short on each axis: the output has H - kh + 1 rows, so the loop "
                "runs over range(H - kh + 1).",
            ),
            (
                lambda x, k: correlate2d(x, k, "full")[1:-1, 1:-1],
                "Windows that hang over the edge: in 'valid' mode the output has "
                "H - kh + 1 rows, and every window lies inside the image.",
            ),
            (
                wrapped(correlate2d),
                "Integer overflow: the output array has the image's integer type, so "
                "negative or large sums wrap around. Make it float: np.zeros(shape).",
            ),
        ),
        cases=image_kernel_cases,
    )


@exercise
def check_same_mode_choice() -> Exercise:
    """Exercise 5: why mode="same" keeps a 5x5 image 5x5 (multiple choice)."""
    same = coverage((5, 5), (3, 3), mode="same")
    rows, cols = output_shape((5, 5), (3, 3), mode="same")
    return Exercise(
        "choice",
        "b",
        explain=f"A ring of zeros lets the 3x3 window centre on every pixel, so there are "
        f"{rows * cols} positions; the zeros add nothing to the sums.",
        options={
            "a": "The kernel never changes: the same 3x3 weights are used at every position.",
            "b": "",
            "c": "Nothing is copied: every output is a real sum over a window; near the "
            "border some of its pixels are zeros of the padding.",
            "d": "Padding evens the counts out but does not make them equal: in 'same' mode "
            f"a corner pixel is used {same[0, 0]} times, an edge pixel {same[0, 2]} times, "
            f"an inner one {same[2, 2]}.",
        },
    )
