"""Tests for padding and stride: helpers.padding, and the padding/stride arguments of
helpers.conv and helpers.windows.coverage.

The oracles are independent of our code: ``numpy.pad`` for the border, SciPy's
correlation of the padded image with every ``s``-th position kept for the result, and
plain counting over ``range`` for sizes and coverage.
"""

import re

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from scipy import ndimage, signal

from helpers.conv import MODES, convolve2d, correlate2d, correlate2d_loops, output_shape
from helpers.padding import leftover, output_size, pad, same_padding
from helpers.windows import coverage


def scipy_reference(x, k, mode, padding, stride, convolve=False):
    """SciPy on the zero-padded image, then every stride-th row and column from the first."""
    (pr, pc), (sr, sc) = padding, stride
    xp = np.pad(x, ((pr, pr), (pc, pc)))
    if convolve:
        full = signal.convolve2d(xp, k, mode=mode)
    elif mode == "same":
        full = ndimage.correlate(xp, k, mode="constant", cval=0.0)
    else:
        full = signal.correlate2d(xp, k, mode=mode)
    return full[::sr, ::sc]


def random_pair(image_shape, kernel_shape, seed=0):
    rng = np.random.default_rng(seed)
    return rng.standard_normal(image_shape), rng.standard_normal(kernel_shape)


# --- the reference numbers of COURSE.md --------------------------------------------


@pytest.mark.parametrize(
    ("n", "f", "p", "s", "expected"),
    [(7, 3, 0, 1, 5), (7, 3, 0, 2, 3), (227, 11, 0, 4, 55), (10, 3, 0, 2, 4), (5, 3, 1, 1, 5)],
)
def test_output_size_reference_cases(n, f, p, s, expected):
    """floor((n + 2p - f) / s) + 1 for the course's examples; 10, 3, 0, 2 rounds 4.5 down."""
    assert output_size(n, f, p, s) == expected
    assert output_shape((n, n), (f, f), padding=p, stride=s) == (expected, expected)
    x = np.zeros((n, n))
    assert correlate2d(x, np.ones((f, f)), padding=p, stride=s).shape == (expected, expected)


def test_the_case_that_does_not_fit():
    """10, 3, 0, 2: windows start at 0, 2, 4, 6; pixel 9 is never read; exact=True refuses."""
    assert output_size(10, 3, stride=2) == 4
    assert leftover(10, 3, stride=2) == 1
    with pytest.raises(ValueError, match=r"3\.5 is not a whole number") as info:
        output_size(10, 3, stride=2, exact=True)
    assert "one more step would hang 1 pixel(s) past the edge" in str(info.value)
    assert "last 1 pixel(s) of the padded input unread" in str(info.value)
    assert output_size(7, 3, stride=2, exact=True) == 3
    # The unread pixel really does not matter: changing it changes nothing.
    x = np.arange(100.0).reshape(10, 10)
    y = x.copy()
    y[:, 9] = 1e6
    y[9, :] = -1e6
    k = np.arange(9.0).reshape(3, 3)
    np.testing.assert_array_equal(correlate2d(x, k, stride=2), correlate2d(y, k, stride=2))
    uses = coverage((10, 10), (3, 3), stride=2)
    assert uses[9].sum() == uses[:, 9].sum() == 0
    assert (uses[:9, :9] > 0).all()


# --- output_size and leftover against counting ---------------------------------------


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 40), st.integers(1, 12), st.integers(0, 5), st.integers(1, 6))
def test_output_size_and_leftover_by_counting(n, f, p, s):
    """Counting window starts 0, s, 2s, ... that fit in n + 2p gives the size; the pixels
    after the last window are the leftover."""
    length = n + 2 * p
    if f > length:
        with pytest.raises(ValueError, match="larger than the padded input"):
            output_size(n, f, p, s)
        return
    starts = list(range(0, length - f + 1, s))
    assert output_size(n, f, p, s) == len(starts)
    assert leftover(n, f, p, s) == length - (starts[-1] + f)
    if leftover(n, f, p, s):
        with pytest.raises(ValueError, match="not a whole number"):
            output_size(n, f, p, s, exact=True)
    else:
        assert output_size(n, f, p, s, exact=True) == len(starts)


@pytest.mark.parametrize("f", [1, 3, 5, 7, 11])
def test_same_padding_keeps_the_size(f):
    p = same_padding(f)
    assert p == (f - 1) // 2
    for n in (f, f + 1, 20):
        assert output_size(n, f, p) == n
        assert correlate2d(np.ones((n, n)), np.ones((f, f)), padding=p).shape == (n, n)


@pytest.mark.parametrize("f", [2, 4, 6])
def test_same_padding_refuses_even_kernels(f):
    """The message points to mode='same' and says truly how that mode splits the border."""
    with pytest.raises(ValueError, match=rf"kernel_size {f} is even") as info:
        same_padding(f)
    before, after = (
        int(n) for n in re.search(r"puts (\d+) before and (\d+) after", str(info.value)).groups()
    )
    assert before + after == f - 1
    # mode='same' equals valid correlation of the image padded (before, after) by numpy,
    # which is also where ndimage puts an even kernel's centre.
    x, k = random_pair((7, 9), (f, f), seed=f)
    padded = np.pad(x, ((before, after), (before, after)))
    np.testing.assert_allclose(
        correlate2d(x, k, "same"), signal.correlate2d(padded, k, "valid"), atol=1e-12
    )
    np.testing.assert_allclose(
        correlate2d(x, k, "same"), ndimage.correlate(x, k, mode="constant"), atol=1e-12
    )


@pytest.mark.parametrize("bad", [0, -3, 2.0, True, "3", None])
def test_same_padding_bad_size(bad):
    with pytest.raises(ValueError, match="kernel_size must be an integer >= 1"):
        same_padding(bad)


@pytest.mark.parametrize(
    ("args", "words"),
    [
        ((0, 3), "n must be an integer >= 1"),
        ((7, 0), "f must be an integer >= 1"),
        ((7, 3, -1), "padding must be an integer >= 0"),
        ((7, 3, 0, 0), "stride must be an integer >= 1"),
        ((7, 3, 0, 1.5), "stride must be an integer >= 1"),
        ((7, 3, 0.5), "padding must be an integer >= 0"),
        ((3, 7), "larger than the padded input"),
        ((3, 9, 2), "larger than the padded input"),
    ],
)
def test_output_size_errors(args, words):
    with pytest.raises(ValueError, match=words):
        output_size(*args)
    with pytest.raises(ValueError, match=words):
        leftover(*args)


def test_output_size_accepts_numpy_integers():
    assert output_size(np.int64(227), np.int32(11), np.uint8(0), np.int16(4)) == 55


# --- pad --------------------------------------------------------------------------


@pytest.mark.parametrize("padding", [0, 1, 3, (0, 2), (2, 0), (1, 4)])
@pytest.mark.parametrize("value", [0.0, 1.5, -7])
def test_pad_matches_numpy(padding, value):
    x = np.arange(12, dtype=np.uint8).reshape(3, 4)
    pr, pc = (padding, padding) if isinstance(padding, int) else padding
    expected = np.pad(x.astype(float), ((pr, pr), (pc, pc)), constant_values=value)
    got = pad(x, padding, value)
    assert got.dtype == np.float64
    np.testing.assert_array_equal(got, expected)


@pytest.mark.parametrize("mode", ["edge", "reflect"])
@pytest.mark.parametrize("padding", [0, 1, 2, (0, 3), (2, 1)])
def test_pad_modes_match_numpy(mode, padding):
    x = np.arange(20, dtype=np.int16).reshape(4, 5) - 7
    pr, pc = (padding, padding) if isinstance(padding, int) else padding
    expected = np.pad(x.astype(float), ((pr, pr), (pc, pc)), mode=mode)
    got = pad(x, padding, mode=mode)
    assert got.dtype == np.float64
    np.testing.assert_array_equal(got, expected)


def test_edge_padding_removes_the_border_edge():
    """Repeating the border pixels instead of adding zeros: no edge appears at the border."""
    image = np.array([[10, 10, 10, 0, 0, 0]] * 6)
    out = correlate2d(pad(image, 1, mode="edge"), [[1, 0, -1]] * 3)
    np.testing.assert_array_equal(out[:, 0], np.zeros(6))
    np.testing.assert_array_equal(out[1:5, 1:5], correlate2d(image, [[1, 0, -1]] * 3))


@pytest.mark.parametrize(("shape", "padding"), [((3, 5), 3), ((3, 5), (0, 5)), ((1, 4), (1, 0))])
def test_reflect_padding_too_wide(shape, padding):
    with pytest.raises(ValueError, match="too wide to reflect"):
        pad(np.ones(shape), padding, mode="reflect")


def test_pad_value_only_with_constant_mode():
    with pytest.raises(ValueError, match="value=5 only applies to mode='constant'"):
        pad(np.ones((3, 3)), 1, value=5, mode="edge")
    np.testing.assert_array_equal(pad(np.ones((2, 2)), 1, value=0, mode="edge"), np.ones((4, 4)))


@pytest.mark.parametrize("mode", ["zeros", "Edge", "", None, 0])
def test_pad_unknown_mode(mode):
    with pytest.raises(ValueError, match="mode must be one of 'constant', 'edge', 'reflect'"):
        pad(np.ones((3, 3)), 1, mode=mode)


def test_pad_returns_a_new_array_and_keeps_the_input():
    x = np.ones((2, 2))
    before = x.copy()
    out = pad(x, 0)
    out[0, 0] = 5
    np.testing.assert_array_equal(x, before)
    pad(x, 2)[:] = 9
    np.testing.assert_array_equal(x, before)


@pytest.mark.parametrize(
    ("image", "padding", "value", "error", "words"),
    [
        (np.ones(3), 1, 0, ValueError, "image must be 2-D"),
        (np.ones((0, 3)), 1, 0, ValueError, "image must not be empty"),
        (np.ones((2, 2)), -1, 0, ValueError, "padding must be an integer >= 0"),
        (np.ones((2, 2)), 1.5, 0, ValueError, "padding must be an integer >= 0"),
        (np.ones((2, 2)), (1, 2, 3), 0, ValueError, "padding must be an integer >= 0"),
        (np.ones((2, 2)), (1, -1), 0, ValueError, r"got \(1, -1\)"),
        (np.ones((2, 2)), True, 0, ValueError, "padding"),
        (np.ones((2, 2)), "1", 0, ValueError, "padding"),
        (np.ones((2, 2)), 1, "0", ValueError, "value must be a real number"),
        (np.ones((2, 2)), 1, None, ValueError, "value must be a real number"),
        (np.ones((2, 2)), 1, 1j, ValueError, "value must be a real number"),
        ([["a"]], 1, 0, TypeError, "image"),
    ],
)
def test_pad_errors(image, padding, value, error, words):
    with pytest.raises(error, match=words):
        pad(image, padding, value)


# --- correlate2d, convolve2d and the loops with padding and stride -------------------

PADDINGS = [(0, 0), (1, 1), (2, 2), (0, 3), (2, 1)]
STRIDES = [(1, 1), (2, 2), (3, 3), (1, 2), (4, 3)]
KERNELS = [(3, 3), (2, 2), (1, 5), (4, 2), (5, 5)]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("kernel_shape", KERNELS)
@pytest.mark.parametrize("padding", PADDINGS)
@pytest.mark.parametrize("stride", STRIDES)
def test_padding_and_stride_match_scipy(mode, kernel_shape, padding, stride):
    """Every mode, kernel shape (even and 1xN), padding and stride, against SciPy."""
    x, k = random_pair((9, 11), kernel_shape, seed=3)
    expected = scipy_reference(x, k, mode, padding, stride)
    got = correlate2d(x, k, mode, padding=padding, stride=stride)
    assert (
        got.shape
        == expected.shape
        == output_shape(x.shape, k.shape, mode, padding=padding, stride=stride)
    )
    np.testing.assert_allclose(got, expected, rtol=1e-12, atol=1e-12)
    # Convolution: scipy.signal.convolve2d is the model in every mode, even kernels included.
    np.testing.assert_allclose(
        convolve2d(x, k, mode, padding=padding, stride=stride),
        scipy_reference(x, k, mode, padding, stride, convolve=True),
        rtol=1e-12,
        atol=1e-12,
    )


@pytest.mark.parametrize("padding", PADDINGS)
@pytest.mark.parametrize("stride", STRIDES)
def test_loops_agree_with_padding_and_stride(padding, stride):
    x, k = random_pair((8, 10), (3, 2), seed=4)
    np.testing.assert_allclose(
        correlate2d_loops(x, k, padding=padding, stride=stride),
        correlate2d(x, k, padding=padding, stride=stride),
        rtol=1e-12,
        atol=1e-12,
    )


def test_integer_scalars_mean_both_axes():
    x, k = random_pair((9, 9), (3, 3), seed=5)
    np.testing.assert_array_equal(
        correlate2d(x, k, padding=2, stride=3), correlate2d(x, k, padding=(2, 2), stride=(3, 3))
    )


def test_large_kernel_with_stride_matches_scipy():
    """A kernel big enough for the FFT path at stride 1 is computed directly and exactly."""
    x, k = random_pair((300, 280), (11, 11), seed=6)
    expected = signal.correlate2d(x, k, "valid")[::4, ::4]
    np.testing.assert_allclose(correlate2d(x, k, stride=4), expected, rtol=1e-10, atol=1e-10)


def test_alexnet_sized_example():
    """227x227, 11x11, stride 4: 55x55, as in AlexNet's first layer."""
    x, k = random_pair((227, 227), (11, 11), seed=7)
    out = correlate2d(x, k, stride=4)
    assert out.shape == (55, 55)
    np.testing.assert_allclose(out[-1, -1], np.sum(x[216:227, 216:227] * k), rtol=1e-12)


def test_nan_spreads_only_where_a_kept_window_reads_it():
    """A NaN at a pixel the stride skips leaves the output finite; one that is read spreads."""
    x = np.ones((10, 10))
    k = np.ones((3, 3))
    x[9, 9] = np.nan  # never read with stride 2 (the leftover pixel)
    assert np.isfinite(correlate2d(x, k, stride=2)).all()
    x[4, 4] = np.nan
    got = correlate2d(x, k, stride=2)
    expected = scipy_reference(x, k, "valid", (0, 0), (2, 2))
    np.testing.assert_array_equal(np.isnan(got), np.isnan(expected))
    assert np.isnan(got).sum() == 4  # windows starting at 2 and 4, in both directions


def test_padding_turns_a_bright_border_into_an_edge():
    """The step image padded with zeros: the left border reads as a dark-to-bright edge."""
    image = np.array([[10, 10, 10, 0, 0, 0]] * 6)
    out = correlate2d(image, [[1, 0, -1]] * 3, padding=1)
    assert out.shape == (6, 6)
    np.testing.assert_array_equal(out[1], [-30, 0, 30, 30, 0, 0])
    np.testing.assert_array_equal(out[1:5, 1:5], correlate2d(image, [[1, 0, -1]] * 3))


def test_inputs_are_never_modified():
    x, k = random_pair((12, 12), (3, 3), seed=8)
    x_copy, k_copy = x.copy(), k.copy()
    for mode in MODES:
        correlate2d(x, k, mode, padding=2, stride=3)
        convolve2d(x, k, mode, padding=1, stride=2)
    correlate2d_loops(x, k, padding=1, stride=2)
    coverage(x.shape, k.shape, padding=1, stride=2)
    np.testing.assert_array_equal(x, x_copy)
    np.testing.assert_array_equal(k, k_copy)


@pytest.mark.parametrize(
    ("kwargs", "words"),
    [
        ({"padding": -1}, "padding must be an integer >= 0"),
        ({"padding": 1.0}, "padding must be an integer >= 0"),
        ({"padding": (1,)}, "padding must be an integer >= 0"),
        ({"padding": None}, "padding"),
        ({"stride": 0}, "stride must be an integer >= 1"),
        ({"stride": (1, 0)}, "stride must be an integer >= 1"),
        ({"stride": "2"}, "stride"),
        ({"stride": False}, "stride"),
    ],
)
@pytest.mark.parametrize("function", [correlate2d, convolve2d, correlate2d_loops])
def test_bad_padding_or_stride(function, kwargs, words):
    with pytest.raises(ValueError, match=words):
        function(np.ones((5, 5)), np.ones((3, 3)), **kwargs)


@pytest.mark.parametrize(
    ("kwargs", "words"),
    [
        ({"padding": 10**6}, "would turn the image of shape (5, 5) into (2000005, 2000005)"),
        ({"padding": 2**62}, "padding must be at most"),
        ({"stride": 2**63}, "stride must be at most"),
    ],
)
def test_absurd_sizes_get_a_message_not_a_numpy_error(kwargs, words):
    with pytest.raises(ValueError) as info:
        correlate2d(np.ones((5, 5)), np.ones((3, 3)), **kwargs)
    assert words in str(info.value)
    if "stride" in kwargs or kwargs["padding"] > 2**20:
        with pytest.raises(ValueError, match="must be at most"):
            coverage((5, 5), (3, 3), **kwargs)


def test_pairs_may_be_numpy_arrays():
    x, k = random_pair((9, 9), (3, 3), seed=9)
    np.testing.assert_array_equal(
        correlate2d(x, k, padding=np.array([1, 2]), stride=np.array([2, 3])),
        correlate2d(x, k, padding=(1, 2), stride=(2, 3)),
    )


def test_kernel_larger_than_padded_image_names_both_shapes():
    with pytest.raises(ValueError) as info:
        correlate2d(np.ones((3, 3)), np.ones((7, 7)), padding=1)
    message = str(info.value)
    assert "(7, 7)" in message and "(3, 3)" in message and "once padded to (5, 5)" in message
    assert "more padding" in message
    # Enough padding makes it fit.
    assert correlate2d(np.ones((3, 3)), np.ones((7, 7)), padding=2).shape == (1, 1)


# --- coverage with padding and stride --------------------------------------------------


def brute_force_coverage(image_shape, kernel_shape, mode, padding, stride):
    """Enumerate every kept window in padded coordinates and count the image pixels in it."""
    (rows, cols), (kh, kw) = image_shape, kernel_shape
    (pr, pc), (sr, sc) = padding, stride
    # Where the mode's first window starts, relative to the image's top-left pixel.
    offset = {
        "valid": (0, 0),
        "same": ((kh - 1) // 2 - (kh - 1), (kw - 1) // 2 - (kw - 1)),
        "full": (-(kh - 1), -(kw - 1)),
    }[mode]
    out_rows, out_cols = output_shape(
        image_shape, kernel_shape, mode, padding=padding, stride=stride
    )
    counts = np.zeros(image_shape, dtype=int)
    for r in range(out_rows):
        for c in range(out_cols):
            top, left = offset[0] - pr + r * sr, offset[1] - pc + c * sc
            for i in range(top, top + kh):
                for j in range(left, left + kw):
                    if 0 <= i < rows and 0 <= j < cols:
                        counts[i, j] += 1
    return counts


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("padding", [(0, 0), (1, 1), (2, 0)])
@pytest.mark.parametrize("stride", [(1, 1), (2, 2), (3, 2)])
@pytest.mark.parametrize("kernel_shape", [(3, 3), (2, 4), (1, 1)])
def test_coverage_with_padding_and_stride_by_brute_force(mode, padding, stride, kernel_shape):
    got = coverage((7, 10), kernel_shape, mode, padding=padding, stride=stride)
    expected = brute_force_coverage((7, 10), kernel_shape, mode, padding, stride)
    np.testing.assert_array_equal(got, expected)


def test_padding_evens_out_the_coverage():
    """Notebook 03's 5x5 map: corner 1, centre 9; with p = 1 the corner is read 4 times and
    with p = 2 every pixel 9 times, like the "same" and "full" modes."""
    np.testing.assert_array_equal(
        coverage((5, 5), (3, 3), padding=1), coverage((5, 5), (3, 3), "same")
    )
    np.testing.assert_array_equal(coverage((5, 5), (3, 3), padding=2), np.full((5, 5), 9))


# --- properties -----------------------------------------------------------------------

small_floats = st.floats(-100, 100, allow_nan=False, allow_subnormal=False)


@st.composite
def padded_case(draw):
    rows, cols = draw(st.integers(1, 9)), draw(st.integers(1, 9))
    pr, pc = draw(st.integers(0, 3)), draw(st.integers(0, 3))
    kh, kw = draw(st.integers(1, rows + 2 * pr)), draw(st.integers(1, cols + 2 * pc))
    image = draw(arrays(np.float64, (rows, cols), elements=small_floats))
    kernel = draw(arrays(np.float64, (kh, kw), elements=small_floats))
    stride = (draw(st.integers(1, 4)), draw(st.integers(1, 4)))
    return image, kernel, (pr, pc), stride


@settings(max_examples=80, deadline=None)
@given(padded_case())
def test_property_stride_keeps_every_sth_cell_exactly(case):
    """The strided result is the stride-1 result's every s-th cell, bit for bit."""
    x, k, padding, (sr, sc) = case
    full = correlate2d(x, k, padding=padding)
    np.testing.assert_array_equal(
        correlate2d(x, k, padding=padding, stride=(sr, sc)), full[::sr, ::sc]
    )


@settings(max_examples=80, deadline=None)
@given(padded_case())
def test_property_padding_is_pad_then_valid(case):
    x, k, padding, stride = case
    np.testing.assert_array_equal(
        correlate2d(x, k, padding=padding, stride=stride),
        correlate2d(pad(x, padding), k, stride=stride),
    )


@settings(max_examples=80, deadline=None)
@given(padded_case(), st.sampled_from(MODES))
def test_property_convolution_matches_scipy_convolve2d(case, mode):
    """convolve2d equals scipy.signal.convolve2d of the padded image, every s-th cell kept."""
    x, k, padding, stride = case
    rows, cols = padding if isinstance(padding, tuple) else (padding, padding)
    step_rows, step_cols = stride if isinstance(stride, tuple) else (stride, stride)
    expected = signal.convolve2d(np.pad(x, ((rows, rows), (cols, cols))), k, mode)
    np.testing.assert_allclose(
        convolve2d(x, k, mode, padding=padding, stride=stride),
        expected[::step_rows, ::step_cols],
        atol=1e-9 * max(1, np.abs(expected).max()),
    )


@settings(max_examples=60, deadline=None)
@given(padded_case())
def test_property_matches_scipy_and_shape(case):
    x, k, padding, stride = case
    expected = scipy_reference(x, k, "valid", padding, stride)
    got = correlate2d(x, k, padding=padding, stride=stride)
    assert got.shape == output_shape(x.shape, k.shape, padding=padding, stride=stride)
    np.testing.assert_allclose(got, expected, atol=1e-9 * max(1, np.abs(expected).max()))
