"""Tests for helpers.layers: conv2d and conv2d_backward against SciPy per channel pair and
against finite differences, on random shapes; errors that name arguments and shapes."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import signal
from test_dilation import stuffed  # the zero-stuffed kernel, built without helpers

from helpers.layers import conv2d, conv2d_backward, numerical_gradient


def scipy_layer(x, w, b, stride, padding, dilation):
    """The oracle: per image, per output channel, per input channel one SciPy valid
    correlation of the zero-padded channel with the stuffed kernel, strided, summed."""
    out = []
    for image in x:
        channels = []
        for o, kernels in enumerate(w):
            total = b[o]
            for channel, kernel in zip(image, kernels, strict=True):
                padded = np.pad(channel, ((padding[0],) * 2, (padding[1],) * 2))
                full = signal.correlate2d(padded, stuffed(kernel, dilation), "valid")
                total = total + full[:: stride[0], :: stride[1]]
            channels.append(total)
        out.append(channels)
    return np.array(out)


def central_differences(f, value, h=1e-6):
    """An independent finite-difference gradient (not helpers.layers.numerical_gradient)."""
    value = value.astype(float)
    grad = np.zeros_like(value)
    for index in np.ndindex(value.shape):
        up, down = value.copy(), value.copy()
        up[index] += h
        down[index] -= h
        grad[index] = (f(up) - f(down)) / (2 * h)
    return grad


pair = st.tuples(st.integers(1, 3), st.integers(1, 3))


@st.composite
def layer_case(draw):
    """Random layer settings: batch or not, C_in and C_out 1-4, non-square kernels,
    stride, padding and dilation 1-3 (padding 0-3) with rows and columns differing."""
    c_in, c_out = draw(st.integers(1, 4)), draw(st.integers(1, 4))
    kh, kw = draw(pair)
    stride, dilation = draw(pair), draw(pair)
    padding = draw(st.tuples(st.integers(0, 3), st.integers(0, 3)))
    span = (dilation[0] * (kh - 1) + 1, dilation[1] * (kw - 1) + 1)
    height = max(1, span[0] - 2 * padding[0]) + draw(st.integers(0, 4))
    width = max(1, span[1] - 2 * padding[1]) + draw(st.integers(0, 4))
    batch = draw(st.sampled_from([None, 1, 2]))
    rng = np.random.default_rng(draw(st.integers(0, 2**31)))
    shape = (c_in, height, width) if batch is None else (batch, c_in, height, width)
    x = rng.standard_normal(shape)
    w = rng.standard_normal((c_out, c_in, kh, kw))
    b = rng.standard_normal(c_out)
    return x, w, b, {"stride": stride, "padding": padding, "dilation": dilation}, rng


@settings(max_examples=80, deadline=None)
@given(layer_case())
def test_conv2d_is_scipy_summed_over_channel_pairs(case):
    """conv2d equals SciPy per (output, input) channel pair, summed, plus the bias; an
    unbatched input gives an unbatched output."""
    x, w, b, arguments, _ = case
    batch = x if x.ndim == 4 else x[np.newaxis]
    expected = scipy_layer(batch, w, b, arguments["stride"], arguments["padding"],
                           arguments["dilation"])  # fmt: skip
    expected = expected if x.ndim == 4 else expected[0]
    result = conv2d(x, w, b, **arguments)
    assert result.dtype == np.float64
    np.testing.assert_allclose(result, expected, atol=1e-10)


@settings(max_examples=40, deadline=None)
@given(layer_case())
def test_conv2d_backward_matches_finite_differences(case):
    """grad_x, grad_weight and grad_bias equal central differences of sum(g * conv2d)."""
    x, w, b, arguments, rng = case
    y = conv2d(x, w, b, **arguments)
    g = rng.standard_normal(y.shape)
    grad_x, grad_w, grad_b = conv2d_backward(x, w, g, **arguments)
    assert grad_x.shape == x.shape and grad_w.shape == w.shape and grad_b.shape == b.shape

    def loss(xx=x, ww=w, bb=b):
        return float(np.sum(g * conv2d(xx, ww, bb, **arguments)))

    np.testing.assert_allclose(grad_x, central_differences(lambda v: loss(xx=v), x), atol=1e-6)
    np.testing.assert_allclose(grad_w, central_differences(lambda v: loss(ww=v), w), atol=1e-6)
    np.testing.assert_allclose(grad_b, central_differences(lambda v: loss(bb=v), b), atol=1e-6)


def test_grad_x_is_a_full_true_convolution_not_a_correlation():
    """One channel, stride 1: dL/dx is scipy.signal.convolve2d(g, k, 'full'); the unflipped
    correlation differs for an asymmetric kernel."""
    rng = np.random.default_rng(0)
    x, k = rng.standard_normal((1, 6, 7)), np.array([[0.0, 1, 2], [2, 2, 0], [0, 1, 2]])
    g = rng.standard_normal((1, 4, 5))
    grad_x, _, _ = conv2d_backward(x, k[np.newaxis, np.newaxis], g)
    np.testing.assert_allclose(grad_x[0], signal.convolve2d(g[0], k, "full"), atol=1e-12)
    assert not np.allclose(grad_x[0], signal.correlate2d(g[0], k, "full"))


def test_grad_weight_is_the_input_correlated_with_grad_out():
    """One channel, stride 1: dL/dw is scipy.signal.correlate2d(x, g, 'valid')."""
    rng = np.random.default_rng(1)
    x, k, g = rng.standard_normal((1, 6, 7)), rng.standard_normal((3, 2)), None
    g = rng.standard_normal((1, 4, 6))
    _, grad_w, grad_b = conv2d_backward(x, k[np.newaxis, np.newaxis], g)
    np.testing.assert_allclose(grad_w[0, 0], signal.correlate2d(x[0], g[0], "valid"))
    assert grad_b[0] == pytest.approx(g.sum())


def test_four_edge_filters_as_four_output_channels():
    """Stacking the course's filters gives one output channel per filter, each equal to the
    grey correlation summed over identical channels."""
    from helpers.conv import correlate2d
    from helpers.images import step_edge
    from helpers.kernels import HORIZONTAL, SCHARR_VERTICAL, SOBEL_VERTICAL, VERTICAL

    filters = np.stack([VERTICAL, HORIZONTAL, SOBEL_VERTICAL, SCHARR_VERTICAL])
    image = step_edge()[np.newaxis]
    maps = conv2d(image, filters[:, np.newaxis])
    assert maps.shape == (4, 4, 4)
    np.testing.assert_array_equal(maps[0], correlate2d(step_edge(), VERTICAL))
    assert maps[:, 0, 1].tolist() == [30.0, 0.0, 40.0, 160.0]


def test_numerical_gradient_of_a_quadratic():
    """numerical_gradient of sum(a * v**2) is 2 a v, and it leaves its input alone."""
    a, v = np.array([[1.0, 2.0], [3.0, -1.0]]), np.array([[0.5, -1.0], [2.0, 3.0]])
    kept = v.copy()
    got = numerical_gradient(lambda u: float(np.sum(a * u**2)), v)
    np.testing.assert_allclose(got, 2 * a * v, atol=1e-6)
    np.testing.assert_array_equal(v, kept)
    with pytest.raises(ValueError, match="step"):
        numerical_gradient(np.sum, v, step=0)


@pytest.mark.parametrize(
    ("call", "words"),
    [
        (lambda: conv2d(np.zeros((5, 5)), np.zeros((1, 1, 3, 3))),
         ["x must have a channel axis", "(5, 5)", "x[np.newaxis]", "(1, 5, 5)"]),
        (lambda: conv2d(np.zeros((3, 5, 5)), np.zeros((2, 2, 3, 3))),
         ["x has 3 input channel", "(3, 5, 5)", "weight of shape (2, 2, 3, 3)", "C_in = 2"]),
        (lambda: conv2d(np.zeros((2, 3, 5, 5)), np.zeros((2, 1, 3, 3))),
         ["(2, 3, 5, 5)", "(N, C_in, H, W)", "(2, 1, 3, 3)"]),
        (lambda: conv2d(np.zeros((3, 5, 5)), np.zeros((2, 3, 3, 3)), [1, 2, 3]),
         ["bias", "(2, 3, 3, 3)", "(2,)", "(3,)"]),
        (lambda: conv2d(np.zeros((3, 5, 5)), np.zeros((3, 3, 3))),
         ["weight must be 4-D", "(3, 3, 3)"]),
        (lambda: conv2d(np.zeros((1, 2, 2)), np.zeros((1, 1, 3, 3))),
         ["kernel of shape (3, 3)", "larger than the image of shape (2, 2)"]),
        (lambda: conv2d_backward(np.zeros((3, 5, 5)), np.zeros((2, 3, 3, 3)), np.zeros((2, 4, 3))),
         ["grad_out", "(2, 3, 3)", "(3, 5, 5)", "(2, 3, 3, 3)", "(2, 4, 3)"]),
    ],
)  # fmt: skip
def test_errors_name_the_argument_and_both_shapes(call, words):
    """Each mistake gets a ValueError that names the argument and the shapes involved."""
    with pytest.raises(ValueError) as error:
        call()
    for word in words:
        assert word in str(error.value)


def test_inputs_are_never_modified_and_integers_are_read_exactly():
    """uint8 channels give the float64 result of their values; no argument changes."""
    rng = np.random.default_rng(2)
    x = rng.integers(0, 256, (3, 6, 6)).astype(np.uint8)
    w, b, g = rng.standard_normal((2, 3, 3, 3)), np.array([1.0, -1.0]), np.ones((2, 4, 4))
    kept = [a.copy() for a in (x, w, b, g)]
    np.testing.assert_allclose(conv2d(x, w, b), conv2d(x.astype(float), w, b))
    conv2d_backward(x, w, g)
    for a, before in zip((x, w, b, g), kept, strict=True):
        np.testing.assert_array_equal(a, before)


def test_grad_x_of_pixels_no_window_reads_is_zero():
    """A stride that jumps over the whole image past the padding reads no pixel: grad_x is
    all zeros (this once failed to broadcast when the padding was wider than the kernel)."""
    x, w = np.ones((1, 5, 5)), np.ones((1, 1, 1, 1))
    y = conv2d(x, w, padding=3, stride=11)
    grad_x, grad_w, grad_b = conv2d_backward(x, w, np.ones(y.shape), padding=3, stride=11)
    np.testing.assert_array_equal(grad_x, np.zeros(x.shape))
    np.testing.assert_array_equal(grad_w, np.zeros(w.shape))
    np.testing.assert_array_equal(grad_b, [1.0])


@pytest.mark.parametrize("bad", [None, "abc", [[1, None]], [1j]])
def test_numerical_gradient_names_a_value_that_is_not_real_numbers(bad):
    """The point to differentiate at takes the course's rule for arrays of real numbers."""
    with pytest.raises(TypeError, match=r"^value must hold real numbers"):
        numerical_gradient(np.sum, bad)
