"""Exercises of chapter 02, cross-correlation versus convolution (the kernel flip)."""

from __future__ import annotations

import numpy as np

from ..conv import convolve2d, correlate2d
from ..images import flip_example
from .functions import image_kernel_cases
from .records import Exercise, exercise

#: The asymmetric kernel of exercise 1: nine different numbers, so every way of
#: reflecting it gives a different array and each slip can be recognised.
EXERCISE_KERNEL = np.arange(1.0, 10.0).reshape(3, 3)
EXERCISE_KERNEL.flags.writeable = False

_NOT_TURNED = (
    "That is the kernel as written: correlation slides it unchanged, convolution turns it."
)
_ROWS_REVERSED = (
    "That reverses each row (a mirror left to right); a half turn also reverses the order of "
    "the rows."
)
_ORDER_REVERSED = (
    "That reverses the order of the rows (a mirror top to bottom); a half turn also reverses "
    "each row."
)
_TRANSPOSED = (
    "That is the transpose, a mirror across the diagonal; a half turn keeps the centre where "
    "it is and sends each corner to the opposite corner."
)


@exercise
def check_flipped_kernel() -> Exercise:
    """Exercise 1: the kernel that convolution effectively slides, for EXERCISE_KERNEL."""
    k = EXERCISE_KERNEL
    return Exercise(
        "array",
        k[::-1, ::-1],
        explain="turning by 180 degrees reverses the rows and the columns, so the "
        "top-left weight 1 ends up bottom-right and 9 top-left.",
        hint="Turn the kernel by 180 degrees: reverse the order of the rows and reverse each row.",
        mistakes=(
            (k, _NOT_TURNED),
            (k[:, ::-1], _ROWS_REVERSED),
            (k[::-1, :], _ORDER_REVERSED),
            (k.T, _TRANSPOSED),
        ),
    )


@exercise
def check_top_left_convolution() -> Exercise:
    """Exercise 2: the top-left number of convolve2d(flip_example's image, EXERCISE_KERNEL)."""
    image, _ = flip_example()
    kernel = EXERCISE_KERNEL
    correlation = float(correlate2d(image, kernel)[0, 0])
    turned = " ".join(np.array2string(kernel[::-1, ::-1].astype(int), separator=", ").split())
    return Exercise(
        "number",
        float(convolve2d(image, kernel)[0, 0]),
        explain=f"The top-left 3x3 window times the turned kernel {turned}, summed.",
        hint="Multiply the top-left 3x3 window of the image by the kernel turned by 180 "
        "degrees, entry by entry, and add the nine products.",
        mistakes=(
            (
                correlation,
                f"{correlation:g} is the cross-correlation: the kernel as written. Turn it "
                "by 180 degrees first.",
            ),
        ),
    )


@exercise
def check_convolve() -> Exercise:
    """Exercise 5 (write it): convolve(image, kernel) from correlate2d and a flip."""
    return Exercise(
        "function",
        convolve2d,
        explain="Convolution is correlation with the kernel turned by 180 degrees: "
        "correlate2d(image, kernel[::-1, ::-1]).",
        hint="Turn the kernel by 180 degrees (kernel[::-1, ::-1]) and pass it to correlate2d, "
        "in 'valid' mode.",
        mistakes=(
            (correlate2d, "This is the cross-correlation: the kernel was not turned."),
            (
                lambda x, k: correlate2d(x, np.asarray(k)[:, ::-1]),
                "Only the columns were reversed (k[:, ::-1]); a half turn also reverses "
                "the order of the rows.",
            ),
            (
                lambda x, k: correlate2d(x, np.asarray(k)[::-1, :]),
                "Only the rows were reversed (k[::-1, :]); a half turn also reverses each row.",
            ),
            (
                lambda x, k: correlate2d(x, np.asarray(k).T),
                "That slides the transposed kernel (k.T), a mirror across the diagonal, "
                "not a half turn.",
            ),
            (
                lambda x, k: correlate2d(np.asarray(x)[::-1, ::-1], k),
                "That turns the image, not the kernel: the result comes out upside down "
                "and back to front.",
            ),
        ),
        cases=image_kernel_cases,
    )


@exercise
def check_why_libraries_skip_the_flip() -> Exercise:
    """Exercise 3: why CNN libraries can compute cross-correlation instead of convolution."""
    image, kernel = flip_example()
    correlation = correlate2d(image, kernel)[0, 0]
    convolution = convolve2d(image, kernel)[0, 0]
    return Exercise(
        "choice",
        "c",
        explain="Whatever kernel a convolution would need, correlation can use its half "
        "turn, and training finds that turned kernel just as easily.",
        options={
            "a": "Learned kernels are usually not symmetric (edge detectors are not), and "
            "nothing in training makes them so.",
            "b": "They do not: on flip_example the top-left numbers are "
            f"{correlation:g} (correlation) and {convolution:g} (convolution).",
            "c": "",
            "d": "Correlation is not commutative, and commutativity is about swapping image "
            "and kernel, not about turning the kernel.",
        },
    )


@exercise
def check_correlation_swap() -> Exercise:
    """Exercise 4: how correlate2d(b, a, "full") relates to correlate2d(a, b, "full")."""
    a, b = flip_example()
    p, q = correlate2d(a, b, "full"), correlate2d(b, a, "full")
    relations = {
        "a": p.shape == q.T.shape and np.array_equal(q, p.T),
        "b": np.array_equal(q, -p),
        "c": np.array_equal(q, p[::-1, ::-1]),
        "d": np.array_equal(q, p[:, ::-1]),
    }
    (right,) = (letter for letter, holds in relations.items() if holds)
    return Exercise(
        "choice",
        right,
        explain="Swapping the two arrays reverses the direction of the shift between "
        "them, so every entry moves to the opposite position: a half turn of the "
        "whole result.",
        options={
            "a": "A transpose swaps rows with columns; swapping the arrays does not.",
            "b": "No sign changes: every product k[i, j] * x[...] is the same number either "
            "way, only in a different place.",
            "c": "",
            "d": "Swapping the arrays reverses the shift between them in both directions, "
            "down the rows as well as along the columns.",
        },
    )
