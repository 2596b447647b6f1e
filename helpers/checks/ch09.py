"""Exercises of chapter 09, from one filter to a convolution layer."""

from __future__ import annotations

import numpy as np

from ..conv import convolve2d, correlate2d
from ..layers import conv2d
from ..padding import output_size
from ..parameters import conv_weights
from .records import Exercise, exercise

# Exercise 1: a 3-channel 4x4 image, one 3x3x3 filter and its bias (small integers, so
# every sum can be checked by hand).
EXERCISE_IMAGE = np.array(
    [
        [[1, 2, 0, 1], [0, 1, 3, 1], [2, 0, 1, 0], [1, 1, 0, 2]],
        [[0, 1, 1, 0], [2, 0, 0, 1], [1, 1, 2, 0], [0, 2, 1, 1]],
        [[3, 0, 1, 2], [0, 0, 1, 1], [1, 2, 0, 0], [2, 1, 1, 0]],
    ],
    dtype=np.float64,
)
EXERCISE_FILTER = np.array(
    [
        [[1, 0, -1], [1, 0, -1], [1, 0, -1]],
        [[0, 1, 0], [1, -4, 1], [0, 1, 0]],
        [[1, 1, 1], [0, 0, 0], [-1, -1, -1]],
    ],
    dtype=np.float64,
)
EXERCISE_BIAS = 0.5
for _array in (EXERCISE_IMAGE, EXERCISE_FILTER):
    _array.flags.writeable = False


def _channel_cases() -> list[tuple]:
    """The exercise's image, filter and bias first, then seeded random ones, 1 to 4 channels."""
    rng = np.random.default_rng(9)
    cases = [(np.array(EXERCISE_IMAGE), np.array(EXERCISE_FILTER), EXERCISE_BIAS)]
    for channels, rows, cols, kh, kw in [(1, 4, 4, 3, 3), (2, 5, 3, 2, 2), (4, 6, 6, 3, 1)] * 3:
        image = rng.integers(0, 5, size=(channels, rows, cols)).astype(float)
        kernel = rng.integers(-2, 3, size=(channels, kh, kw)).astype(float)
        cases.append((image, kernel, float(rng.integers(-3, 4))))
    return cases


def _layer_map(x, w, b):
    """One filter across every channel plus its bias: conv2d with a single output channel."""
    return conv2d(x, np.asarray(w)[np.newaxis], [b])[0]


@exercise
def check_channel_sum() -> Exercise:
    """Exercise 1 (write it): channel_sum(image, kernel, bias) for one multi-channel filter."""
    return Exercise(
        "function",
        _layer_map,
        explain="One number per position: each channel correlated with its own slice of the "
        "filter, the maps added up, and the bias added once. conv2d does exactly that for "
        "every filter of a layer.",
        hint="For each channel c, correlate image[c] with kernel[c]; add the maps, then the bias.",
        mistakes=(
            (
                lambda x, w, b: _layer_map(x, w, 0.0),
                "Add the bias, once per output pixel (not once per channel).",
            ),
            (
                lambda x, w, b: _layer_map(x, w, len(x) * b),
                "The bias is added once, not once per channel.",
            ),
            (
                lambda x, w, b: correlate2d(x[0], w[0]) + b,
                "Add up all the channels, not only the first one.",
            ),
            (
                lambda x, w, b: sum(convolve2d(x[c], w[c]) for c in range(len(x))) + b,
                "A layer correlates: use correlate2d, the kernels as written.",
            ),
            (
                lambda x, w, b: (_layer_map(x, w, 0.0)) / len(x) + b,
                "The channels are added up, not averaged.",
            ),
        ),
        cases=_channel_cases,
    )


@exercise
def check_layer_weights() -> Exercise:
    """Exercise 2: the number of parameters of 64 filters of 3x3 on 32 channels, with biases."""
    f, c_in, c_out = 3, 32, 64
    expected = conv_weights(f, c_in, c_out, bias=True)
    per_filter = conv_weights(f, c_in)
    return Exercise(
        "number",
        expected,
        explain=f"Each filter has {f} x {f} x {c_in} = {per_filter} weights and one bias: "
        f"({per_filter} + 1) x {c_out}.",
        hint="Use (f x f x C_in + 1) x C_out.",
        mistakes=(
            (conv_weights(f, c_in, c_out), f"Each of the {c_out} filters also has one bias."),
            (
                conv_weights(f, 1, c_out, bias=True),
                f"Each filter spans all {c_in} input channels: one {f}x{f} kernel per channel.",
            ),
            (
                conv_weights(f, c_in, c_out) + 1,
                f"Every filter has its own bias: {c_out} biases, not one.",
            ),
            (conv_weights(f, c_in, 1, bias=True), f"That is one filter; the layer has {c_out}."),
        ),
    )


@exercise
def check_layer_output_shape() -> Exercise:
    """Exercise 3: the output shape of 8 filters of 5x5, padding 2, stride 2, on (3, 32, 32)."""
    c_in, height, width = 3, 32, 32
    c_out, f, p, s = 8, 5, 2, 2
    x = np.zeros((c_in, height, width))
    shape = conv2d(x, np.zeros((c_out, c_in, f, f)), stride=s, padding=p).shape
    rows = output_size(height, f, p, s)
    return Exercise(
        "array",
        list(shape),
        explain=f"One output channel per filter ({c_out}); each side is "
        f"floor(({height} + {2 * p} - {f}) / {s}) + 1 = {rows}: the stride halves the padded "
        "size, and the input's 3 channels are summed inside each filter.",
        hint="The channels out are the filters; each side follows chapter 08's formula.",
        mistakes=(
            ([c_out, height, width], "The stride of 2 keeps every second position: halve it."),
            (
                [c_out, output_size(height, f, 0, s), output_size(width, f, 0, s)],
                "The padding of 2 adds 2 pixels on each side before the window slides.",
            ),
            ([c_in, rows, rows], "A layer gives one output channel per filter, not per input."),
            ([rows, rows, c_out], "PyTorch's layout puts the channels first: (C, H, W)."),
        ),
    )
