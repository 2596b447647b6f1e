"""Tests for helpers.parameters: the weight counts notebook 01 is built on."""

import numpy as np
import pytest

from helpers.images import checkerboard, photograph
from helpers.parameters import (
    conv_weights,
    dense_weights,
    format_bytes,
    neighbour_correlation,
    weight_bytes,
)


def test_article_dense_layer_has_three_billion_weights():
    """A ~1000x1000 RGB photo into 1,000 units needs 3e9 weights, 12 GB as float32."""
    count = dense_weights((1000, 1000, 3), 1000)
    assert count == 3 * 10**9
    assert weight_bytes(count, "float32") == 12 * 10**9
    assert format_bytes(weight_bytes(count)) == "12 GB"


def test_dense_count_is_inputs_times_units():
    """The dense count is the product of the input shape and the units, bias adds units."""
    assert dense_weights((64, 64, 3), 100) == 64 * 64 * 3 * 100
    assert dense_weights((10,), 5, bias=True) == 55


def test_dense_count_does_not_overflow():
    """Huge layers are counted exactly, in Python integers."""
    assert dense_weights((100_000, 100_000, 3), 100_000) == 3 * 10**15


@pytest.mark.parametrize(
    ("args", "kwargs", "expected"),
    [
        ((3,), {}, 9),
        ((3,), {"in_channels": 3}, 27),
        (((3, 5),), {}, 15),
        ((5,), {"in_channels": 3, "filters": 16, "bias": True}, 5 * 5 * 3 * 16 + 16),
        ((11,), {"in_channels": 3, "filters": 96}, 34848),  # AlexNet's first layer
    ],
)
def test_conv_counts(args, kwargs, expected):
    """A convolution layer's weights: rows x columns x channels x filters (+ biases)."""
    assert conv_weights(*args, **kwargs) == expected


@pytest.mark.parametrize(
    ("size", "text"),
    [(0, "0 bytes"), (999, "999 bytes"), (1000, "1 kB"), (36, "36 bytes"), (1_500_000, "1.5 MB")],
)
def test_format_bytes(size, text):
    """Byte counts read in decimal units with three significant digits."""
    assert format_bytes(size) == text


@pytest.mark.parametrize(
    ("call", "words"),
    [
        (lambda: dense_weights((1000, 0, 3), 10), ["input_shape", "0"]),
        (lambda: dense_weights(1000, 10), ["input_shape"]),
        (lambda: dense_weights((), 10), ["input_shape", "empty"]),
        (lambda: dense_weights((10, 10), 2.5), ["hidden_units", "2.5"]),
        (lambda: dense_weights((10, 10), True), ["hidden_units"]),
        (lambda: conv_weights(0), ["kernel_size"]),
        (lambda: conv_weights((3, 3, 3)), ["kernel_size"]),
        (lambda: conv_weights(3, in_channels=-1), ["in_channels"]),
        (lambda: conv_weights(3, filters="8"), ["filters"]),
        (lambda: weight_bytes(-1), ["count"]),
        (lambda: weight_bytes(10, "float99"), ["dtype", "float99"]),
        (lambda: format_bytes(1.5), ["size"]),
        (lambda: neighbour_correlation(np.ones((3, 3))), ["constant"]),
        (lambda: neighbour_correlation(np.ones((3, 1)), axis=1), ["at least 2", "(3, 1)"]),
        (lambda: neighbour_correlation(np.eye(3), axis=2), ["axis"]),
    ],
)
def test_bad_arguments_are_named(call, words):
    """Bad arguments raise ValueError naming the argument and the value."""
    with pytest.raises(ValueError) as info:
        call()
    for word in words:
        assert word in str(info.value)


def test_photograph_neighbours_are_alike_and_shuffled_ones_are_not():
    """Neighbouring pixels of a photo correlate strongly; shuffled pixels do not."""
    photo = photograph(scale=2)
    shuffled = np.random.default_rng(0).permutation(photo.ravel()).reshape(photo.shape)
    assert neighbour_correlation(photo) > 0.9
    assert neighbour_correlation(photo, axis=0) > 0.9
    assert abs(neighbour_correlation(shuffled)) < 0.05


def test_neighbour_correlation_against_numpy():
    """The coefficient equals numpy's corrcoef over right-hand neighbour pairs."""
    x = np.random.default_rng(1).standard_normal((20, 30)).cumsum(axis=1)
    expected = np.corrcoef(x[:, :-1].ravel(), x[:, 1:].ravel())[0, 1]
    assert neighbour_correlation(x) == pytest.approx(expected, abs=1e-12)
    assert neighbour_correlation(checkerboard()) == pytest.approx(
        np.corrcoef(checkerboard()[:, :-1].ravel(), checkerboard()[:, 1:].ravel())[0, 1]
    )
