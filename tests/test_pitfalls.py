"""Tests for helpers.pitfalls: uint8 wrap-around and clamping, reproduced faithfully."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from numpy.testing import assert_array_equal
from scipy import signal

from helpers.conv import correlate2d
from helpers.images import photograph_uint8
from helpers.kernels import VERTICAL
from helpers.pitfalls import clamp_negative, uint8_difference

UINT8_IMAGES = arrays(np.uint8, st.tuples(st.integers(1, 6), st.integers(3, 8)))


def true_difference(image):
    """The reference: left minus right two columns apart, in Python ints via SciPy."""
    return signal.correlate2d(image.astype(np.int64), [[1, 0, -1]], mode="valid")


def test_the_exercise_pair_wraps_to_236():
    """200 - 220 in uint8 is 236 (256 - 20), not -20."""
    pixels = np.array([[200, 0, 220]], dtype=np.uint8)
    assert uint8_difference(pixels).tolist() == [[236]]


@given(UINT8_IMAGES)
def test_wrapped_difference_is_the_true_one_modulo_256(image):
    """Property: the uint8 result is the true difference mod 256, in uint8, of the right shape."""
    wrapped = uint8_difference(image)
    assert wrapped.dtype == np.uint8
    assert wrapped.shape == (image.shape[0], image.shape[1] - 2)
    assert_array_equal(wrapped, np.mod(true_difference(image), 256))


@given(UINT8_IMAGES)
def test_wrong_exactly_where_the_true_difference_is_negative(image):
    """Property: the uint8 result differs from the float one exactly at negative differences."""
    wrong = uint8_difference(image) != correlate2d(image, [[1, 0, -1]])
    assert_array_equal(wrong, true_difference(image) < 0)


def test_photo_wraps_at_about_half_the_pixels():
    """On the course's photo, a large share of pixels is wrong (every dark-to-bright step)."""
    photo = photograph_uint8(scale=2)
    wrong = np.count_nonzero(uint8_difference(photo) != true_difference(photo))
    assert 0.3 < wrong / (photo.shape[0] * (photo.shape[1] - 2)) < 0.6


def test_no_warning_and_input_untouched():
    """The wrap is silent (as with any uint8 arrays) and the image is not modified."""
    image = np.array([[0, 5, 255, 1]], dtype=np.uint8)
    before = image.copy()
    with np.errstate(all="raise"):
        uint8_difference(image)
    assert_array_equal(image, before)


@pytest.mark.parametrize(
    ("bad", "error"),
    [
        (np.zeros((3, 3)), TypeError),
        ([[1, 2, 3]], TypeError),
        (np.zeros((3, 3), dtype=np.int16), TypeError),
        (np.zeros(5, dtype=np.uint8), ValueError),
        (np.zeros((3, 2), dtype=np.uint8), ValueError),
    ],
)
def test_uint8_difference_refuses_other_inputs(bad, error):
    """Only 2-D uint8 arrays of at least 3 columns; the message names the argument."""
    with pytest.raises(error, match="image"):
        uint8_difference(bad)


def test_clamp_keeps_positives_and_zeroes_negatives():
    """The article's two responses: the bright-left one survives, the mirrored one vanishes."""
    assert_array_equal(clamp_negative([[0, 30, 30, 0]]), [[0, 30, 30, 0]])
    assert_array_equal(clamp_negative([[0, -30, -30, 0]]), [[0, 0, 0, 0]])


@given(arrays(np.float64, (4, 5), elements=st.floats(-1e6, 1e6)))
def test_clamp_matches_numpy_clip(response):
    """Property: the same as numpy.clip(response, 0, None), float64, no negative zeros."""
    clamped = clamp_negative(response)
    assert clamped.dtype == np.float64
    assert_array_equal(clamped, np.clip(response, 0, None))
    assert not np.signbit(clamped).any()


def test_clamp_loses_the_negative_half_of_a_photo_edge_map():
    """On the photo, clamping removes as many edges as it keeps, give or take 5%."""
    response = correlate2d(photograph_uint8(scale=2), VERTICAL)
    clamped = clamp_negative(response)
    kept, lost = np.count_nonzero(clamped > 0), np.count_nonzero(response < 0)
    assert abs(kept - lost) < 0.05 * (kept + lost)
    assert np.count_nonzero(clamped < 0) == 0


def test_clamp_does_not_modify_and_validates():
    """Input left alone; non-numeric and non-2-D input refused."""
    response = np.array([[-1.0, 2.0]])
    clamp_negative(response)
    assert_array_equal(response, [[-1.0, 2.0]])
    with pytest.raises(ValueError, match="response"):
        clamp_negative([1.0, 2.0])
    with pytest.raises(TypeError, match="response"):
        clamp_negative([["a"]])
