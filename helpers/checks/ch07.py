"""Exercise checkers for chapter 07, learning a filter by gradient descent."""

from __future__ import annotations

import numpy as np

from ..conv import correlate2d
from ..images import flip_example
from ..kernels import SOBEL_VERTICAL
from ..layers import conv2d_backward
from ..learn import largest_stable_rate, learn_kernel, loss_gradient, make_training_pairs
from . import NO_ANSWER, NOT_YET, RIGHT, as_numbers, check_number
from ._answers import check_numbers, hint_for

__all__ = [
    "RATE_EXERCISE_STEPS",
    "check_converging_rate",
    "check_gradient_shape",
    "check_input_gradient",
    "check_one_weight_gradient",
    "input_gradient_example",
]

# The learning-rate exercise: 40 steps on the chapter's Sobel examples must
# bring the loss below this fraction of where it started.
RATE_EXERCISE_STEPS = 40
_RATE_TARGET = 1e-6


def _one_weight_example():
    """One 1x3 input, a zero 1x3 kernel and a target of 2: the gradient exercise."""
    return [[[3.0, 1.0, 0.0]]], [[[2.0]]], np.zeros((1, 3))


def check_one_weight_gradient(answer) -> None:
    """Exercise: dL/dK[0, 0] for the input [3, 1, 0], a zero kernel and a target of 2.

    Examples
    --------
    >>> check_one_weight_gradient(-12)
    ✓ Right: -12. The output 0 is 2 too small, so dL/dy = 2 x (0 - 2) = -4, and the weight
    saw the pixel 3: -4 x 3 = -12. Negative means "increase this weight".
    """
    inputs, targets, kernel = _one_weight_example()
    expected = float(loss_gradient(inputs, targets, kernel)[0, 0])
    check_number(
        answer,
        expected,
        explain="The output 0 is 2 too small, so dL/dy = 2 x (0 - 2) = -4, and the weight "
        'saw the pixel 3: -4 x 3 = -12. Negative means "increase this weight".',
        hint=hint_for(
            answer,
            [
                (
                    -expected,
                    "Check the sign: the output is below its target, so the "
                    "error y_hat - y is negative.",
                ),
                (expected / 2, "The derivative of (y_hat - y)^2 brings down a factor 2."),
                (expected / 3, "Multiply dL/dy by the input pixel that this weight saw (3)."),
            ],
            "Find dL/dy = 2 (y_hat - y) for the single output, then multiply it by the "
            "pixel under K[0, 0].",
        ),
    )


def check_gradient_shape(answer) -> None:
    """Exercise: the shape of dL/dK for a 5x5 kernel learned from 32x32 images.

    Examples
    --------
    >>> check_gradient_shape((5, 5))
    ✓ Right: one partial derivative per weight, so dL/dK has the kernel's shape, whatever the
    image size: correlating a 32x32 input with the 28x28 dL/dY in valid mode leaves 32 - 28 +
    1 = 5.
    """
    rng = np.random.default_rng(0)
    inputs = rng.random((1, 32, 32))
    targets = np.zeros((1, 28, 28))
    shape = loss_gradient(inputs, targets, np.zeros((5, 5))).shape
    check_numbers(
        answer,
        list(shape),
        explain="one partial derivative per weight, so dL/dK has the kernel's shape, whatever "
        "the image size: correlating a 32x32 input with the 28x28 dL/dY in valid mode leaves "
        "32 - 28 + 1 = 5.",
        hint=hint_for(
            answer,
            [
                ([28, 28], "(28, 28) is the shape of the output and of dL/dY, not of dL/dK."),
                (
                    [32, 32],
                    "(32, 32) is the input's shape; the gradient is taken with "
                    "respect to the kernel's weights.",
                ),
            ],
            "How many weights does the kernel have, and how are they arranged?",
        ),
    )


def check_converging_rate(answer) -> None:
    """Exercise: a learning rate that learns Sobel in 40 steps (loss down a million times).

    The checker runs :func:`helpers.learn.learn_kernel` on
    ``make_training_pairs(SOBEL_VERTICAL)`` with the learner's rate.

    Examples
    --------
    >>> check_converging_rate(2.0)
    ✓ Right: 2. With this rate the loss fell from 1.006 to 3.1e-13 in 40 steps. Too small a
    rate crawls; above 10.47 (2 / the largest curvature of the loss) every step overshoots
    and it diverges.
    """
    if answer is ... or answer is None:
        print(f"{NO_ANSWER} replace ... with your answer and run the cell again.")
        return
    value = as_numbers(answer)  # None for non-numbers, and for ints too large for a float
    if value is None or value.shape != () or not np.isfinite(value) or value <= 0:
        shown = " ".join(repr(answer).split())[:60]
        print(f"{NOT_YET} a learning rate is a positive number, such as 0.5, got {shown}.")
        return
    inputs, targets = make_training_pairs(SOBEL_VERTICAL)
    limit = largest_stable_rate(inputs)
    result = learn_kernel(inputs, targets, steps=RATE_EXERCISE_STEPS, learning_rate=float(value))
    start, end = result.losses[0], result.losses[-1]
    if result.diverged or not end < start:
        print(
            f"{NOT_YET} {answer:g} makes the loss grow: it diverged after {result.stopped_at} "
            f"steps. Try a smaller rate: it must stay below {limit:.4g}."
        )
    elif end > _RATE_TARGET * start:
        advice = (
            "Try a larger rate."
            if answer < limit / 2
            else f"So close to the limit {limit:.4g} the steps overshoot back and forth: "
            "try a smaller rate."
        )
        print(
            f"{NOT_YET} {answer:g} is safe but slow: after {RATE_EXERCISE_STEPS} steps the loss "
            f"is still {end:.2g} (it started at {start:.4g}). {advice}"
        )
    else:
        print(
            f"{RIGHT} {answer:g}. With this rate the loss fell from {start:.4g} to {end:.2g} in "
            f"{RATE_EXERCISE_STEPS} steps. Too small a rate crawls; above {limit:.4g} "
            "(2 / the largest curvature of the loss) every step overshoots and it diverges."
        )


def input_gradient_example():
    """The input-gradient exercise: chapter 02's 5x5 image and asymmetric kernel, and an
    output gradient of ones (every output counts once in the loss)."""
    image, kernel = flip_example()
    return image, kernel, np.ones((3, 3))


def check_input_gradient(answer) -> None:
    """Exercise: dL/dx for chapter 02's image and kernel when every dL/dy is 1.

    Examples
    --------
    >>> from helpers.conv import convolve2d, correlate2d
    >>> image, kernel, grad_out = input_gradient_example()
    >>> check_input_gradient(convolve2d(grad_out, kernel, "full"))
    ✓ Right: a full true convolution of dL/dy with the kernel. With dL/dy all ones, each
    pixel's gradient is the sum of the weights that ever landed on it: the corner only
    met K[0, 0] = 0, the centre met all nine (sum 10).
    >>> check_input_gradient(correlate2d(grad_out, kernel, "full"))
    ✗ Not yet: 12 of 25 entries differ, the first at row 0, column 0. That is the full
    correlation: the kernel is not turned. Pixel (u, v) meets weight (i, j) from output
    (u - i, v - j), indices that run against each other: convolve2d.
    """
    image, kernel, grad_out = input_gradient_example()
    layer_weight = kernel[np.newaxis, np.newaxis]  # one filter, one channel
    grad_x, _, _ = conv2d_backward(image[np.newaxis], layer_weight, grad_out[np.newaxis])
    expected = grad_x[0]
    check_numbers(
        answer,
        expected,
        explain="a full true convolution of dL/dy with the kernel. With dL/dy all ones, each "
        "pixel's gradient is the sum of the weights that ever landed on it: the corner only "
        f"met K[0, 0] = {kernel[0, 0]:g}, the centre met all nine (sum {kernel.sum():g}).",
        hint=hint_for(
            answer,
            [
                (
                    correlate2d(grad_out, kernel, "full"),
                    "That is the full correlation: the kernel is not turned. Pixel (u, v) "
                    "meets weight (i, j) from output (u - i, v - j), indices that run "
                    "against each other: convolve2d.",
                ),
            ],
            "dL/dx is dL/dy convolved (kernel turned) with the kernel in full mode; its "
            "shape is the input's.",
        ),
    )
