"""Exercises of chapter 07, learning a filter by gradient descent."""

from __future__ import annotations

import numpy as np

from ..conv import convolve2d, correlate2d
from ..images import flip_example
from ..kernels import SOBEL_VERTICAL
from ..layers import conv2d_backward
from ..learn import largest_stable_rate, loss_gradient, make_training_pairs
from .records import Exercise, exercise


def _one_weight_example():
    """One 1x3 input, a zero 1x3 kernel and a target of 2: the gradient exercise."""
    return [[[3.0, 1.0, 0.0]]], [[[2.0]]], np.zeros((1, 3))


@exercise
def check_one_weight_gradient() -> Exercise:
    """Exercise: dL/dK[0, 0] for the input [3, 1, 0], a zero kernel and a target of 2."""
    inputs, targets, kernel = _one_weight_example()
    expected = float(loss_gradient(inputs, targets, kernel)[0, 0])
    return Exercise(
        "number",
        expected,
        explain="The output 0 is 2 too small, so dL/dy = 2 x (0 - 2) = -4, and the weight "
        'saw the pixel 3: -4 x 3 = -12. Negative means "increase this weight".',
        hint="Find dL/dy = 2 (y_hat - y) for the single output, then multiply it by the "
        "pixel under K[0, 0].",
        mistakes=(
            (
                -expected,
                "Check the sign: the output is below its target, so the "
                "error y_hat - y is negative.",
            ),
            (expected / 2, "The derivative of (y_hat - y)^2 brings down a factor 2."),
            (expected / 3, "Multiply dL/dy by the input pixel that this weight saw (3)."),
        ),
    )


@exercise
def check_gradient_shape() -> Exercise:
    """Exercise: the shape of dL/dK for a 5x5 kernel learned from 32x32 images."""
    shape = loss_gradient(np.zeros((1, 32, 32)), np.zeros((1, 28, 28)), np.zeros((5, 5))).shape
    return Exercise(
        "array",
        list(shape),
        explain="one partial derivative per weight, so dL/dK has the kernel's shape, whatever "
        "the image size: correlating a 32x32 input with the 28x28 dL/dY in valid mode leaves "
        "32 - 28 + 1 = 5.",
        hint="How many weights does the kernel have, and how are they arranged?",
        mistakes=(
            ([28, 28], "(28, 28) is the shape of the output and of dL/dY, not of dL/dK."),
            (
                [32, 32],
                "(32, 32) is the input's shape; the gradient is taken with "
                "respect to the kernel's weights.",
            ),
        ),
    )


def exercise_curvature() -> float:
    """The largest curvature (Hessian eigenvalue) of the loss on exercise 3's images.

    They are other examples than the chapter's, so that the answer is not printed there.
    """
    inputs = make_training_pairs(SOBEL_VERTICAL, count=3, size=12, seed=7)[0]
    return 2.0 / largest_stable_rate(inputs)


@exercise
def check_largest_stable_rate() -> Exercise:
    """Exercise 3: the largest stable learning rate 2 / lambda from the printed curvature."""
    curvature = exercise_curvature()
    limit = 2.0 / curvature
    return Exercise(
        "number",
        limit,
        explain=f"2 / {curvature:.4g} = {limit:.4g}: along the steepest direction each step "
        "multiplies the error by (1 - rate x lambda), which shrinks only while that stays "
        "between -1 and 1.",
        hint="Gradient descent is stable while rate x lambda < 2, lambda being the largest "
        "curvature printed above.",
        mistakes=(
            (
                1.0 / curvature,
                "That is 1 / lambda, the rate that removes the steepest error in "
                "one step; the limit is twice that.",
            ),
            (curvature, "That is lambda itself; the rate must stay below 2 / lambda."),
            (curvature / 2, "That is lambda / 2; the limit is 2 / lambda."),
        ),
        tolerance=0.01,
    )


def _gradient_cases() -> list[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """(image, kernel, target) triples, the one-weight example first, then seeded random ones."""
    rng = np.random.default_rng(7)
    inputs, targets, kernel = _one_weight_example()
    cases = [(np.array(inputs[0]), kernel, np.array(targets[0]))]
    shapes = [(4, 4, 3, 3), (5, 3, 2, 2), (6, 6, 3, 3), (3, 7, 1, 3), (5, 5, 5, 5)]
    for rows, cols, kh, kw in shapes:
        image = rng.normal(size=(rows, cols))
        target = rng.normal(size=(rows - kh + 1, cols - kw + 1))
        cases.append((image, rng.normal(size=(kh, kw)), target))
    return cases


@exercise
def check_kernel_gradient() -> Exercise:
    """Exercise (write it): kernel_gradient(image, kernel, target) of the mean squared error."""

    def reference(image, kernel, target):
        return loss_gradient([image], [target], kernel)

    def error(image, kernel, target):
        return correlate2d(image, kernel) - np.asarray(target)

    return Exercise(
        "function",
        reference,
        explain="Each weight collects every output's error times the pixel it saw: the image "
        "correlated with dL/dY = 2 (Y_hat - Y) / M, one number per weight.",
        hint="Compute Y_hat = correlate2d(image, kernel), then dL/dY = 2 (Y_hat - target) / M "
        "with M the number of output pixels, and correlate the image with it.",
        mistakes=(
            (
                lambda x, k, y: -reference(x, k, y),
                "The sign is flipped: use Y_hat - target (what the loss's derivative gives), "
                "not target - Y_hat.",
            ),
            (
                lambda x, k, y: reference(x, k, y) / 2,
                "Half the gradient: the derivative of (y_hat - y)^2 brings down a factor 2.",
            ),
            (
                lambda x, k, y: reference(x, k, y) * np.asarray(y).size,
                "Not averaged: the loss is the mean over the M output pixels, so divide by M.",
            ),
            (
                lambda x, k, y: convolve2d(x, 2 * error(x, k, y) / np.asarray(y).size),
                "That convolves (turns the error array by 180 degrees); the gradient with "
                "respect to the kernel is a correlation of the image with the error.",
            ),
        ),
        cases=_gradient_cases,
    )


def input_gradient_example():
    """The input-gradient exercise: chapter 02's 5x5 image and asymmetric kernel, and an
    output gradient of ones (every output counts once in the loss)."""
    image, kernel = flip_example()
    return image, kernel, np.ones((3, 3))


@exercise
def check_input_gradient() -> Exercise:
    """Exercise: dL/dx for chapter 02's image and kernel when every dL/dy is 1."""
    image, kernel, grad_out = input_gradient_example()
    layer_weight = kernel[np.newaxis, np.newaxis]  # one filter, one channel
    grad_x, _, _ = conv2d_backward(image[np.newaxis], layer_weight, grad_out[np.newaxis])
    return Exercise(
        "array",
        grad_x[0],
        explain="a full true convolution of dL/dy with the kernel. With dL/dy all ones, each "
        "pixel's gradient is the sum of the weights that ever landed on it: the corner only "
        f"met K[0, 0] = {kernel[0, 0]:g}, the centre met all nine (sum {kernel.sum():g}).",
        hint="dL/dx is dL/dy convolved (kernel turned) with the kernel in full mode; its "
        "shape is the input's.",
        mistakes=(
            (
                correlate2d(grad_out, kernel, "full"),
                "That is the full correlation: the kernel is not turned. Pixel (u, v) meets "
                "weight (i, j) from output (u - i, v - j), indices that run against each "
                "other: convolve2d.",
            ),
        ),
    )
