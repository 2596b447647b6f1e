"""Exercises of chapter 01, why convolution (weight counts)."""

from __future__ import annotations

from ..parameters import conv_weights, dense_weights, format_bytes, weight_bytes
from .records import Exercise, exercise


@exercise
def check_dense_weights() -> Exercise:
    """Exercise 1: weights of a dense layer on a 64x64 RGB image with 100 units, no bias."""
    inputs = dense_weights((64, 64, 3), 1)
    return Exercise(
        "number",
        dense_weights((64, 64, 3), 100),
        explain=f"Every one of the {inputs:,} input numbers has its own weight "
        "to each of the 100 units.",
        hint="Count the input numbers first (rows x columns x channels), "
        "then give each of them one weight per unit.",
        mistakes=(
            (64 * 64 * 100, "Each pixel holds 3 numbers, one per colour channel."),
            (inputs, "That is one unit's weights; the layer has 100 units."),
        ),
    )


@exercise
def check_conv_weights() -> Exercise:
    """Exercise 2: weights of 16 filters of size 5x5 on an RGB image, with one bias each."""
    return Exercise(
        "number",
        conv_weights(5, in_channels=3, filters=16, bias=True),
        explain="5 x 5 x 3 weights per filter, plus 1 bias, times 16 filters, "
        "whatever the size of the image.",
        hint="Each filter spans all 3 colour channels, and each filter has one bias.",
        mistakes=(
            (5 * 5 * 16, "Each filter spans all 3 colour channels, and has one bias."),
            (5 * 5 * 3 * 16, "Each of the 16 filters also has one bias."),
        ),
    )


@exercise
def check_dense_memory() -> Exercise:
    """Exercise 3: gigabytes of float64 weights for the article's dense layer (within 1%)."""
    count = dense_weights((1000, 1000, 3), 1000)
    size = weight_bytes(count, "float64")
    return Exercise(
        "number",
        size / 1e9,
        explain=f"{count:,} weights x 8 bytes = {format_bytes(size)}, twice the float32 figure.",
        hint="float64 takes 8 bytes per number; 1 GB is 1,000,000,000 bytes.",
        mistakes=((size / 2e9, "That is the float32 figure: float64 takes 8 bytes."),),
        tolerance=0.01,
    )
