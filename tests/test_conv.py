"""Tests for helpers.conv: scipy as the independent oracle, properties, and error paths."""

import warnings
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from scipy import ndimage, signal

from helpers.conv import MODES, convolve2d, correlate2d, correlate2d_loops, output_shape

DTYPES = [np.bool_, np.uint8, np.int16, np.int32, np.int64, np.float32, np.float64]
# Kernel shapes: odd, even, mixed, 1xN, Nx1, single weight, and larger ones.
KERNEL_SHAPES = [(3, 3), (2, 2), (4, 4), (2, 3), (3, 2), (1, 5), (5, 1), (1, 1), (5, 5), (7, 7)]
IMAGE_SHAPES = [(9, 11), (7, 7), (12, 8)]


def random_pair(image_shape, kernel_shape, seed=0):
    rng = np.random.default_rng(seed)
    return rng.standard_normal(image_shape), rng.standard_normal(kernel_shape)


def scipy_correlate(x, k, mode):
    """The oracle: scipy.signal for valid/full, scipy.ndimage (zero border) for same."""
    if mode == "same":
        # ndimage centres a kernel of size n at index n // 2, which is exactly the
        # crop of "full" starting at (n - 1) // 2, even sizes included.
        return ndimage.correlate(x, k, mode="constant", cval=0.0)
    return signal.correlate2d(x, k, mode=mode)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("kernel_shape", KERNEL_SHAPES)
@pytest.mark.parametrize("image_shape", IMAGE_SHAPES)
def test_correlate_matches_scipy(image_shape, kernel_shape, mode):
    """correlate2d equals scipy's correlation in every mode and kernel shape."""
    x, k = random_pair(image_shape, kernel_shape)
    np.testing.assert_allclose(correlate2d(x, k, mode), scipy_correlate(x, k, mode), atol=1e-12)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("kernel_shape", KERNEL_SHAPES)
def test_convolve_matches_scipy_signal(kernel_shape, mode):
    """convolve2d equals scipy.signal.convolve2d in every mode, even kernels included."""
    x, k = random_pair((10, 9), kernel_shape, seed=1)
    np.testing.assert_allclose(convolve2d(x, k, mode), signal.convolve2d(x, k, mode), atol=1e-12)


def test_same_mode_is_centre_crop_of_full():
    """'same' is the (H, W) crop of 'full' starting at (k - 1) // 2 on each axis."""
    x, k = random_pair((8, 10), (4, 3), seed=2)
    full = correlate2d(x, k, "full")
    start_r, start_c = (4 - 1) // 2, (3 - 1) // 2
    np.testing.assert_allclose(
        correlate2d(x, k, "same"), full[start_r : start_r + 8, start_c : start_c + 10]
    )


def test_scipy_signal_same_correlation_differs_for_even_kernels():
    """Documents why scipy.signal.correlate2d(mode='same') is not the model for even kernels."""
    x, k = random_pair((6, 6), (2, 2), seed=3)
    ours = correlate2d(x, k, "same")
    assert not np.allclose(ours, signal.correlate2d(x, k, "same"))
    np.testing.assert_allclose(ours, convolve2d(x, k[::-1, ::-1], "same"))


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("shape", [(3, 3), (6, 6), (1, 7), (5, 1)])
def test_kernel_as_large_as_image(shape, mode):
    """A kernel the size of the image works in every mode (valid gives one number)."""
    x, k = random_pair(shape, shape, seed=4)
    result = correlate2d(x, k, mode)
    np.testing.assert_allclose(result, scipy_correlate(x, k, mode), atol=1e-12)
    if mode == "valid":
        assert result.shape == (1, 1)
        assert result[0, 0] == pytest.approx(np.sum(x * k))


@pytest.mark.parametrize("mode", ["same", "full"])
def test_kernel_larger_than_image_pads(mode):
    """In 'same' and 'full' modes a kernel larger than the image is fine (zero padding)."""
    x, k = random_pair((3, 4), (6, 5), seed=5)
    np.testing.assert_allclose(correlate2d(x, k, mode), scipy_correlate(x, k, mode), atol=1e-12)


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("mode", MODES)
def test_every_dtype_gives_float64_matching_scipy(dtype, mode):
    """Any real dtype is accepted, computed in float64 and returned as float64."""
    rng = np.random.default_rng(6)
    x = rng.integers(0, 2 if dtype is np.bool_ else 100, size=(7, 8)).astype(dtype)
    k = np.array([[1, 0, -1], [2, 0, -2], [1, 0, -1]]).astype(
        np.float64 if dtype is np.bool_ else dtype
    )
    result = correlate2d(x, k, mode)
    assert result.dtype == np.float64
    expected = scipy_correlate(x.astype(np.float64), k.astype(np.float64), mode)
    np.testing.assert_allclose(result, expected)


def test_uint8_photo_through_scharr_neither_wraps_nor_clamps():
    """A uint8 image gives negative and large responses, exactly as the float image does."""
    x = np.array([[0, 0, 255, 255]] * 3 + [[255, 255, 0, 0]] * 3, dtype=np.uint8)
    scharr = np.array([[3, 0, -3], [10, 0, -10], [3, 0, -3]], dtype=np.int8)
    result = correlate2d(x, scharr)
    np.testing.assert_array_equal(result, correlate2d(x.astype(float), scharr.astype(float)))
    assert result.min() == -16 * 255
    assert result.max() > 255


def test_nested_lists_are_accepted():
    """Plain nested lists (ints, floats, Fractions) work like arrays."""
    image = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]
    kernel = [[Fraction(1, 2), 0.0], [0, -1]]
    np.testing.assert_allclose(
        correlate2d(image, kernel), [[0.5 * 1 - 5, 0.5 * 2 - 6], [0.5 * 4 - 8, 0.5 * 5 - 9]]
    )


@pytest.mark.parametrize("kernel_shape", [(3, 3), (2, 4), (1, 1), (4, 1)])
def test_loop_version_agrees(kernel_shape):
    """The readable two-loop version gives what the fast engine gives."""
    x, k = random_pair((8, 9), kernel_shape, seed=7)
    np.testing.assert_allclose(correlate2d_loops(x, k), correlate2d(x, k), atol=1e-12)


@pytest.mark.parametrize("image_shape", [(1000, 37), (5, 700), (300, 300)])
def test_blocking_covers_every_row(image_shape):
    """Images spanning several row blocks (and a partial last block) are complete."""
    x, k = random_pair(image_shape, (3, 3), seed=9)
    for mode in MODES:
        np.testing.assert_allclose(correlate2d(x, k, mode), scipy_correlate(x, k, mode), atol=1e-12)


@pytest.mark.parametrize("mode", MODES)
def test_large_kernel_on_large_image_matches_scipy(mode):
    """A 21x21 kernel on a 600x500 image (many row blocks) equals scipy's correlation."""
    x, k = random_pair((600, 500), (21, 21), seed=10)
    np.testing.assert_allclose(correlate2d(x, k, mode), scipy_correlate(x, k, mode), atol=1e-10)


@pytest.mark.parametrize("mode", MODES)
def test_integer_images_give_exact_integers(mode):
    """A 300x300 uint8 image and a 7x7 box give exact integers (sums below 2**53), as SciPy."""
    x = np.random.default_rng(14).integers(0, 256, size=(300, 300)).astype(np.uint8)
    k = np.ones((7, 7))
    result = correlate2d(x, k, mode)
    np.testing.assert_array_equal(result, np.round(result))
    np.testing.assert_array_equal(result, scipy_correlate(x.astype(float), k, mode))


@pytest.mark.parametrize(
    ("image", "kernel"),
    [
        (np.ones((300, 300)), np.where(np.eye(7, dtype=bool) & (np.arange(7) == 0), np.inf, 1.0)),
        (np.ones((30, 30)), [[np.inf, 0.0], [0.0, 1.0]]),
        ([[1e308, 1e308, -1e308]], [[1.0, 1.0]]),
        ([[1e308, 1e308]], [[1.0]]),
        ([[np.nan, 1.0, 2.0]], [[0.0, 1.0]]),
        ([[-np.inf, np.inf, 1.0]], [[1.0, 1.0]]),
    ],
    ids=[
        "inf-weight-7x7",
        "inf-weight-by-zero-pixels",
        "overflow",
        "huge-finite",
        "nan",
        "inf-inf",
    ],
)
@pytest.mark.parametrize("function", [correlate2d, convolve2d])
def test_non_finite_and_huge_values_follow_ieee_like_scipy_without_warnings(
    function, image, kernel
):
    """inf and NaN in image or kernel, and overflowing sums, give SciPy's answer, quietly."""
    x, k = np.asarray(image, float), np.asarray(kernel, float)
    reference = signal.correlate2d if function is correlate2d else signal.convolve2d
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = function(x, k)
    np.testing.assert_array_equal(result, reference(x, k, mode="valid"))


@pytest.mark.parametrize("where", ["image", "kernel"])
def test_integers_too_large_for_float64_are_refused_by_name(where):
    """An int beyond float64 gets a ValueError naming the argument, not a bare OverflowError."""
    huge = [[10**400, 1], [1, 1]]
    args = (huge, [[1]]) if where == "image" else ([[1, 2], [3, 4]], huge)
    with pytest.raises(ValueError, match=f"{where} holds an integer too large"):
        correlate2d(*args)


@pytest.mark.parametrize("where", ["image", "kernel"])
def test_masked_arrays_are_refused_with_a_hint(where):
    """A masked array's mask would be ignored: it is refused, and the message says to fill it."""
    masked = np.ma.masked_array(np.ones((3, 3)), mask=np.eye(3))
    args = (masked, np.ones((2, 2))) if where == "image" else (np.ones((4, 4)), masked)
    with pytest.raises(TypeError, match=f"{where} is a masked array.*filled"):
        correlate2d(*args)


def test_zero_kernel_gives_zeros():
    """An all-zero kernel gives an all-zero result of the right shape."""
    assert np.array_equal(correlate2d(np.ones((4, 5)), np.zeros((2, 2))), np.zeros((3, 4)))


@pytest.mark.parametrize("kernel_shape", [(3, 3), (7, 7)])
def test_nan_spreads_to_every_window_that_covers_it(kernel_shape):
    """NaN propagates like scipy.signal, even under zero weights, on both engines."""
    x = np.ones((12, 12))
    x[5, 6] = np.nan
    k = np.zeros(kernel_shape)
    k[0, 0] = 1.0
    result = correlate2d(x, k)
    expected = signal.correlate2d(x, k, mode="valid")
    assert np.isnan(expected).any()
    np.testing.assert_array_equal(np.isnan(result), np.isnan(expected))


def test_infinity_behaves_like_scipy():
    """An infinite pixel gives inf where weighted and NaN where multiplied by zero."""
    x = np.zeros((5, 5))
    x[2, 2] = np.inf
    k = np.array([[1.0, 0.0, -1.0]] * 3)
    np.testing.assert_array_equal(correlate2d(x, k), signal.correlate2d(x, k, mode="valid"))


# Properties ------------------------------------------------------------------

small_floats = st.floats(-100, 100, allow_nan=False, allow_subnormal=False)


@st.composite
def image_and_kernel(draw, max_side=9):
    rows, cols = draw(st.integers(1, max_side)), draw(st.integers(1, max_side))
    krows, kcols = draw(st.integers(1, rows)), draw(st.integers(1, cols))
    image = draw(arrays(np.float64, (rows, cols), elements=small_floats))
    kernel = draw(arrays(np.float64, (krows, kcols), elements=small_floats))
    return image, kernel


modes = st.sampled_from(MODES)


@settings(max_examples=60, deadline=None)
@given(image_and_kernel(), modes, small_floats, small_floats)
def test_property_linear_in_the_image(pair, mode, a, b):
    """Correlation is linear: f(a x + b y) == a f(x) + b f(y)."""
    x, k = pair
    y = np.roll(x[::-1], 1, axis=1)
    lhs = correlate2d(a * x + b * y, k, mode)
    rhs = a * correlate2d(x, k, mode) + b * correlate2d(y, k, mode)
    scale = max(1.0, np.abs(lhs).max(), np.abs(rhs).max())
    np.testing.assert_allclose(lhs, rhs, atol=1e-9 * scale)


@settings(max_examples=60, deadline=None)
@given(image_and_kernel(), modes)
def test_property_transpose(pair, mode):
    """Transposing image and kernel transposes the result."""
    x, k = pair
    expected = correlate2d(x, k, mode).T
    np.testing.assert_allclose(correlate2d(x.T, k.T, mode), expected, atol=1e-12)


@settings(max_examples=60, deadline=None)
@given(image_and_kernel())
def test_property_full_convolution_commutes(pair):
    """Full convolution commutes; full correlation of (x, k) is (k, x) turned 180 degrees."""
    x, k = pair
    np.testing.assert_allclose(convolve2d(x, k, "full"), convolve2d(k, x, "full"), atol=1e-9)
    np.testing.assert_allclose(
        correlate2d(x, k, "full"), correlate2d(k, x, "full")[::-1, ::-1], atol=1e-9
    )


@settings(max_examples=60, deadline=None)
@given(image_and_kernel(max_side=8), st.integers(0, 3), st.integers(0, 3))
def test_property_shift_image_shifts_valid_output(pair, dr, dc):
    """Cropping the image by (dr, dc) at the top-left crops the valid output the same way."""
    x, k = pair
    rows, cols = x.shape
    if rows - dr < k.shape[0] or cols - dc < k.shape[1]:
        return
    np.testing.assert_allclose(correlate2d(x[dr:, dc:], k), correlate2d(x, k)[dr:, dc:])


@settings(max_examples=40, deadline=None)
@given(image_and_kernel(max_side=7), modes)
def test_property_matches_scipy(pair, mode):
    """On arbitrary shapes and values the result equals scipy's."""
    x, k = pair
    expected = scipy_correlate(x, k, mode)
    np.testing.assert_allclose(
        correlate2d(x, k, mode), expected, atol=1e-9 * max(1, abs(expected).max())
    )


# Errors and inputs -------------------------------------------------------------


@pytest.mark.parametrize(
    ("image", "kernel", "error", "words"),
    [
        (np.ones(5), np.ones((3, 3)), ValueError, ["image", "2-D", "(5,)"]),
        (np.ones((5, 5)), np.ones(3), ValueError, ["kernel", "2-D", "(3,)"]),
        (np.ones((2, 3, 3)), np.ones((3, 3)), ValueError, ["image", "(2, 3, 3)"]),
        (np.ones((0, 4)), np.ones((1, 1)), ValueError, ["image", "empty", "(0, 4)"]),
        (np.ones((4, 4)), np.ones((2, 0)), ValueError, ["kernel", "empty", "(2, 0)"]),
        (np.ones((4, 4)), [], ValueError, ["kernel", "2-D"]),
        ([[1, 2], [3]], np.ones((1, 1)), ValueError, ["image", "rectangular"]),
        (np.ones((4, 4)), np.ones((5, 3)), ValueError, ["(5, 3)", "(4, 4)", "larger"]),
        (np.ones((4, 4), complex), np.ones((3, 3)), TypeError, ["image", "complex"]),
        (np.ones((4, 4)), np.ones((3, 3)) * 1j, TypeError, ["kernel", "complex"]),
        ([["a", "b"], ["c", "d"]], np.ones((1, 1)), TypeError, ["image", "real numbers"]),
        (np.ones((4, 4)), [[None, 1]], TypeError, ["kernel", "non-numeric"]),
        (np.ones((4, 4)), np.array([["2020-01-01"]], "datetime64[D]"), TypeError, ["kernel"]),
    ],
)
@pytest.mark.parametrize("function", [correlate2d, convolve2d, correlate2d_loops])
def test_bad_input_errors_name_what_is_wrong(function, image, kernel, error, words):
    """Each bad input raises the documented error, naming the argument and its shape."""
    with pytest.raises(error) as info:
        function(image, kernel)
    for word in words:
        assert word in str(info.value)


@pytest.mark.parametrize("mode", ["Valid", "circular", "", None, 3])
def test_unknown_mode_lists_allowed_modes(mode):
    """An unknown mode raises a ValueError that lists every allowed mode."""
    with pytest.raises(ValueError, match="mode must be one of 'valid', 'same', 'full'"):
        correlate2d(np.ones((3, 3)), np.ones((2, 2)), mode)


def test_inputs_are_never_modified():
    """Image and kernel are unchanged by every function, mode and engine."""
    x, k = random_pair((20, 20), (3, 3), seed=11)
    big = np.random.default_rng(12).standard_normal((7, 7))
    x_copy, k_copy, big_copy = x.copy(), k.copy(), big.copy()
    for mode in MODES:
        correlate2d(x, k, mode)
        convolve2d(x, k, mode)
        correlate2d(x, big, mode)
    correlate2d_loops(x, k)
    np.testing.assert_array_equal(x, x_copy)
    np.testing.assert_array_equal(k, k_copy)
    np.testing.assert_array_equal(big, big_copy)


def test_read_only_and_non_contiguous_inputs():
    """Read-only arrays and strided views are accepted and give the right answer."""
    x, k = random_pair((12, 14), (3, 3), seed=13)
    x.flags.writeable = False
    view = x[::2, ::-1]
    np.testing.assert_allclose(correlate2d(view, k), signal.correlate2d(view, k, "valid"))
    assert correlate2d(x, k).flags.writeable


@pytest.mark.parametrize(
    ("image_shape", "kernel_shape", "mode", "expected"),
    [
        ((5, 5), (3, 3), "valid", (3, 3)),
        ((6, 6), (3, 3), "valid", (4, 4)),
        ((1000, 1000), (3, 3), "valid", (998, 998)),
        ((5, 5), (3, 3), "same", (5, 5)),
        ((5, 5), (3, 3), "full", (7, 7)),
        ((4, 7), (2, 5), "valid", (3, 3)),
        ((3, 3), (5, 5), "full", (7, 7)),
    ],
)
def test_output_shape_table(image_shape, kernel_shape, mode, expected):
    """output_shape gives n - f + 1, n and n + f - 1, and matches the computed result."""
    assert output_shape(image_shape, kernel_shape, mode) == expected
    x, k = np.ones(image_shape), np.ones(kernel_shape)
    if mode != "valid" or all(f <= n for n, f in zip(image_shape, kernel_shape, strict=True)):
        assert correlate2d(x, k, mode).shape == expected


@pytest.mark.parametrize(
    ("image_shape", "kernel_shape", "words"),
    [
        ((5,), (3, 3), ["image_shape"]),
        ((5, 5), (0, 3), ["kernel_shape"]),
        ((5, 2.5), (3, 3), ["image_shape"]),
        ((5.0, 5.0), (3, 3), ["image_shape"]),
        ((True, True), (1, 1), ["image_shape"]),
        ((5, 5), (float("inf"), 3), ["kernel_shape"]),
        ((float("nan"), 5), (3, 3), ["image_shape"]),
        ((5, 5), "3x3", ["kernel_shape"]),
        ((5, 5), 3, ["kernel_shape"]),
        ((2, 2), (3, 3), ["larger", "(3, 3)", "(2, 2)"]),
    ],
)
def test_output_shape_errors(image_shape, kernel_shape, words):
    """output_shape rejects malformed shapes and kernels too large, naming the problem."""
    with pytest.raises(ValueError) as info:
        output_shape(image_shape, kernel_shape)
    for word in words:
        assert word in str(info.value)
