"""Exercise checkers for chapter 09, from one filter to a convolution layer."""

from __future__ import annotations

import numpy as np

from ..conv import convolve2d, correlate2d
from ..layers import conv2d
from ..parameters import conv_weights
from . import check_number
from ._answers import check_numbers, hint_for

__all__ = [
    "EXERCISE_BIAS",
    "EXERCISE_FILTER",
    "EXERCISE_IMAGE",
    "LAYER",
    "check_channel_sum",
    "check_layer_weights",
]

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

# Exercise 2: a layer of 64 filters of 3x3 on a 32-channel input, with biases.
LAYER = {"kernel": 3, "in_channels": 32, "filters": 64}


def check_channel_sum(answer) -> None:
    """Exercise: one filter across three channels plus its bias, written with correlate2d.

    Examples
    --------
    >>> answer = sum(correlate2d(EXERCISE_IMAGE[c], EXERCISE_FILTER[c]) for c in range(3))
    >>> check_channel_sum(answer + EXERCISE_BIAS)
    ✓ Right: one number per position: the three channels' correlations added up, plus the
    bias once. conv2d gives the same 2x2 map.
    >>> check_channel_sum(answer)
    ✗ Not yet: 4 of 4 entries differ, the first at row 0, column 0. Add the bias, once per
    output pixel (not once per channel).
    """
    x, w, b = EXERCISE_IMAGE, EXERCISE_FILTER, EXERCISE_BIAS
    expected = conv2d(x, w[np.newaxis], [b])[0]
    per_channel = [correlate2d(x[c], w[c]) for c in range(3)]
    check_numbers(
        answer,
        expected,
        explain="one number per position: the three channels' correlations added up, plus the "
        "bias once. conv2d gives the same 2x2 map.",
        hint=hint_for(
            answer,
            [
                (sum(per_channel), "Add the bias, once per output pixel (not once per channel)."),
                (sum(per_channel) + 3 * b, "The bias is added once, not once per channel."),
                (per_channel[0] + b, "Add up all three channels, not only the red one."),
                (
                    sum(convolve2d(x[c], w[c]) for c in range(3)) + b,
                    "A layer correlates: use correlate2d, the kernels as written.",
                ),
                (
                    sum(per_channel) / 3 + b,
                    "The channels are added up, not averaged.",
                ),
            ],
            "For each channel c, correlate EXERCISE_IMAGE[c] with EXERCISE_FILTER[c]; add "
            "the three results and the bias.",
        ),
    )


def check_layer_weights(answer) -> None:
    """Exercise: the number of parameters of 64 filters of 3x3 on 32 channels, with biases.

    Examples
    --------
    >>> check_layer_weights((3 * 3 * 32 + 1) * 64)
    ✓ Right: 18,496. Each filter has 3 x 3 x 32 = 288 weights and one bias: (288 + 1) x 64.
    >>> check_layer_weights(3 * 3 * 32 * 64)
    ✗ Not yet: 18,432 is too small. Each of the 64 filters also has one bias.
    """
    f, c_in, c_out = LAYER["kernel"], LAYER["in_channels"], LAYER["filters"]
    expected = conv_weights(f, c_in, c_out, bias=True)
    per_filter = conv_weights(f, c_in)
    check_number(
        answer,
        expected,
        explain=f"Each filter has {f} x {f} x {c_in} = {per_filter} weights and one bias: "
        f"({per_filter} + 1) x {c_out}.",
        hint=hint_for(
            answer,
            [
                (conv_weights(f, c_in, c_out), f"Each of the {c_out} filters also has one bias."),
                (
                    conv_weights(f, 1, c_out, bias=True),
                    f"Each filter spans all {c_in} input channels: one {f}x{f} kernel per channel.",
                ),
                (
                    conv_weights(f, c_in, c_out) + 1,
                    f"Every filter has its own bias: {c_out} biases, not one.",
                ),
                (
                    conv_weights(f, c_in, 1, bias=True),
                    f"That is one filter; the layer has {c_out}.",
                ),
            ],
            "Use (f x f x C_in + 1) x C_out.",
        ),
    )
