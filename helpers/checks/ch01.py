"""Exercise checkers for chapter 01, why convolution (weight counts)."""

from __future__ import annotations

from ..parameters import conv_weights, dense_weights, format_bytes, weight_bytes
from . import check_number

__all__ = ["check_conv_weights", "check_dense_memory", "check_dense_weights"]


def check_dense_weights(answer) -> None:
    """Exercise: weights of a dense layer on a 64x64 RGB image with 100 units, no bias.

    Examples
    --------
    >>> check_dense_weights(64 * 64 * 3 * 100)
    ✓ Right: 1,228,800. Every one of the 12,288 input numbers has its own weight
    to each of the 100 units.
    """
    inputs = dense_weights((64, 64, 3), 1)
    check_number(
        answer,
        dense_weights((64, 64, 3), 100),
        explain=f"Every one of the {inputs:,} input numbers has its own weight "
        "to each of the 100 units.",
        hint="Count the input numbers first (rows x columns x channels), "
        "then give each of them one weight per unit.",
    )


def check_conv_weights(answer) -> None:
    """Exercise: weights of 16 filters of size 5x5 on an RGB image, with one bias each.

    Examples
    --------
    >>> check_conv_weights(5 * 5 * 16)
    ✗ Not yet: 400 is too small. Each filter spans all 3 colour channels,
    and each filter has one bias.
    """
    check_number(
        answer,
        conv_weights(5, in_channels=3, filters=16, bias=True),
        explain="5 x 5 x 3 weights per filter, plus 1 bias, times 16 filters, "
        "whatever the size of the image.",
        hint="Each filter spans all 3 colour channels, and each filter has one bias.",
    )


def check_dense_memory(answer) -> None:
    """Exercise: gigabytes of float64 weights for the article's dense layer.

    The layer: a 1000x1000 RGB photo into 1,000 units, no bias, weights stored
    as float64 (8 bytes each). Answers within 1% are accepted.

    Examples
    --------
    >>> check_dense_memory(24)
    ✓ Right: 24. 3,000,000,000 weights x 8 bytes = 24 GB, twice the float32 figure.
    """
    count = dense_weights((1000, 1000, 3), 1000)
    size = weight_bytes(count, "float64")
    check_number(
        answer,
        size / 1e9,
        explain=f"{count:,} weights x 8 bytes = {format_bytes(size)}, twice the float32 figure.",
        hint="float64 takes 8 bytes per number; 1 GB is 1,000,000,000 bytes.",
        rel_tol=0.01,
    )
