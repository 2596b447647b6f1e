"""Tests for dilation=: SciPy correlation with the zero-stuffed kernel as the oracle, in
every mode, and the one engine's relatives (loops, output shapes, windows, coverage)."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import signal
from test_conv import scipy_correlate  # the oracle for every mode

from helpers.conv import MODES, convolve2d, correlate2d, correlate2d_loops, dilate, output_shape
from helpers.padding import leftover, output_size
from helpers.windows import coverage, window_at

DILATIONS = [1, 2, 3, (1, 2), (3, 1), (2, 3)]


def stuffed(k, dilation):
    """The oracle's kernel, built independently of helpers: zeros between the weights."""
    dr, dc = (dilation, dilation) if isinstance(dilation, int) else dilation
    out = np.zeros((dr * (k.shape[0] - 1) + 1, dc * (k.shape[1] - 1) + 1))
    for (i, j), w in np.ndenumerate(k):
        out[i * dr, j * dc] = w
    return out


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("dilation", DILATIONS)
@pytest.mark.parametrize("kernel_shape", [(3, 3), (2, 3), (3, 2), (1, 4), (2, 2)])
def test_dilated_correlation_is_scipy_with_the_zero_stuffed_kernel(kernel_shape, dilation, mode):
    """correlate2d(dilation=d) equals SciPy's correlation with d - 1 zeros between weights."""
    rng = np.random.default_rng(sum(kernel_shape))
    x, k = rng.standard_normal((13, 11)), rng.standard_normal(kernel_shape)
    expected = scipy_correlate(x, stuffed(k, dilation), mode)
    np.testing.assert_allclose(correlate2d(x, k, mode, dilation=dilation), expected, atol=1e-12)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("dilation", DILATIONS)
def test_dilated_convolution_is_scipy_convolution_with_the_stuffed_kernel(dilation, mode):
    """convolve2d(dilation=d) equals scipy.signal.convolve2d with the stuffed kernel."""
    rng = np.random.default_rng(3)
    x, k = rng.standard_normal((12, 14)), rng.standard_normal((3, 2))
    expected = signal.convolve2d(x, stuffed(k, dilation), mode)
    np.testing.assert_allclose(convolve2d(x, k, mode, dilation=dilation), expected, atol=1e-12)


@settings(max_examples=60, deadline=None)
@given(
    st.integers(1, 3),
    st.integers(1, 3),
    st.tuples(st.integers(1, 3), st.integers(1, 3)),
    st.tuples(st.integers(0, 3), st.integers(0, 3)),
    st.tuples(st.integers(1, 3), st.integers(1, 3)),
    st.integers(0, 2**31),
)
def test_property_padding_stride_dilation_match_scipy(kh, kw, dilation, padding, stride, seed):
    """With padding, stride and dilation (rows and columns differing), the result is SciPy's
    valid correlation of the padded image with the stuffed kernel, every s-th cell kept;
    the loop version and output_shape agree."""
    rng = np.random.default_rng(seed)
    kernel = rng.standard_normal((kh, kw))
    big = stuffed(kernel, dilation)
    x = rng.standard_normal((big.shape[0] + rng.integers(0, 6), big.shape[1] + rng.integers(0, 6)))
    padded = np.pad(x, ((padding[0],) * 2, (padding[1],) * 2))
    expected = signal.correlate2d(padded, big, "valid")[:: stride[0], :: stride[1]]
    arguments = {"padding": padding, "stride": stride, "dilation": dilation}
    result = correlate2d(x, kernel, **arguments)
    np.testing.assert_allclose(result, expected, atol=1e-12)
    np.testing.assert_allclose(correlate2d_loops(x, kernel, **arguments), expected, atol=1e-12)
    assert output_shape(x.shape, kernel.shape, **arguments) == expected.shape


@pytest.mark.parametrize(
    ("n", "f", "p", "s", "d", "expected"),
    [(7, 3, 0, 1, 2, 3), (7, 3, 2, 1, 2, 7), (32, 3, 0, 1, 2, 28), (10, 3, 0, 2, 2, 3),
     (9, 2, 1, 3, 3, 3), (5, 1, 0, 1, 3, 5)],
)  # fmt: skip
def test_output_size_formula_with_dilation(n, f, p, s, d, expected):
    """floor((n + 2p - d (f - 1) - 1) / s) + 1, checked by counting window starts."""
    assert output_size(n, f, p, s, d) == expected
    starts = [a for a in range(0, n + 2 * p, s) if a + d * (f - 1) < n + 2 * p]
    assert len(starts) == expected
    assert leftover(n, f, p, s, d) == (n + 2 * p - d * (f - 1) - 1) % s


def test_a_dilated_kernel_that_does_not_fit_names_its_span():
    """The error says how far the dilation spreads the kernel."""
    with pytest.raises(ValueError, match=r"spread by dilation \(3, 3\) over \(7, 7\)"):
        correlate2d(np.zeros((6, 6)), np.ones((3, 3)), dilation=3)
    with pytest.raises(ValueError, match="spread by d = 3 over d \\(f - 1\\) \\+ 1 = 7"):
        output_size(6, 3, dilation=3)
    with pytest.raises(ValueError, match="dilation"):
        correlate2d(np.zeros((6, 6)), np.ones((3, 3)), dilation=0)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("dilation", [2, (1, 3)])
def test_window_at_reads_every_dth_pixel_and_totals_the_output(mode, dilation):
    """Each window's total is the output cell, and its pixels are every d-th of the span."""
    rng = np.random.default_rng(5)
    x, k = rng.standard_normal((9, 10)), rng.standard_normal((3, 2))
    out = correlate2d(x, k, mode, padding=1, stride=2, dilation=dilation)
    for r in range(out.shape[0]):
        for c in range(out.shape[1]):
            step = window_at(x, k, r, c, mode=mode, padding=1, stride=2, dilation=dilation)
            assert step.total == pytest.approx(out[r, c], abs=1e-12)
    inside = window_at(x, k, 0, 0, dilation=dilation)
    dr, dc = (dilation, dilation) if isinstance(dilation, int) else dilation
    np.testing.assert_array_equal(inside.window, x[0 : 2 * dr + 1 : dr, 0 : dc + 1 : dc])


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("dilation", [2, 3, (2, 1)])
def test_coverage_counts_the_pixels_weights_land_on(mode, dilation):
    """coverage() with dilation equals counting, position by position, the pixels that a
    weight of the stuffed kernel lands on (ndimage marks them)."""
    shape, kernel_shape = (9, 8), (3, 2)
    big = stuffed(np.ones(kernel_shape), dilation)
    counts = np.zeros(shape, dtype=np.int64)
    # Correlating a one-pixel image with the stuffed kernel of ones marks the outputs that
    # read that pixel; their number (with stride 2 kept) is the pixel's count.
    for r, c in np.ndindex(shape):
        probe = np.zeros(shape)
        probe[r, c] = 1
        reads = correlate2d(probe, big, mode, padding=1, stride=2)
        counts[r, c] = np.count_nonzero(reads)
    got = coverage(shape, kernel_shape, mode, padding=1, stride=2, dilation=dilation)
    np.testing.assert_array_equal(got, counts)


def test_dilate_puts_zeros_between_weights():
    """dilate() is the oracle's stuffed kernel, and leaves its input alone."""
    k = np.arange(6.0).reshape(2, 3)
    np.testing.assert_array_equal(dilate(k, (3, 2)), stuffed(k, (3, 2)))
    np.testing.assert_array_equal(dilate(k, 1), k)
    np.testing.assert_array_equal(k, np.arange(6.0).reshape(2, 3))
