"""Tests for helpers.windows: the sliding window step by step, pixel use, the animation."""

import dataclasses
import itertools

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pytest
import scipy.signal
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from helpers.conv import MODES, convolve2d, correlate2d, output_shape
from helpers.images import classic_5x5, flip_example, step_edge
from helpers.kernels import VERTICAL, classic_5x5_kernel
from helpers.windows import (
    WindowStep,
    coverage,
    show_window_steps,
    sliding_window_frames,
    window_at,
    window_steps,
)


@pytest.fixture(autouse=True)
def close_figures():
    """Close every figure a test opened, so tests stay independent and memory flat."""
    yield
    plt.close("all")


def totals(steps, shape):
    return np.array([step.total for step in steps]).reshape(shape)


# --- window_steps --------------------------------------------------------------------


def test_classic_example_totals():
    """The article's 5x5 example: nine positions whose sums are [[4,3,4],[2,4,3],[2,3,4]]."""
    steps = window_steps(classic_5x5(), classic_5x5_kernel())
    expected = np.array([[4, 3, 4], [2, 4, 3], [2, 3, 4]], dtype=float)
    np.testing.assert_array_equal(totals(steps, (3, 3)), expected)
    assert all(isinstance(step.total, float) for step in steps)


@pytest.mark.parametrize(
    ("image", "kernel"),
    [
        (classic_5x5(), classic_5x5_kernel()),
        (*flip_example(),),
        (step_edge(), VERTICAL),
        (np.arange(20).reshape(4, 5), [[1, -2]]),
        (np.arange(12).reshape(4, 3).tolist(), [[1], [0], [-1]]),
        (np.eye(3, dtype=bool), np.ones((3, 3), dtype=np.uint8)),
    ],
)
def test_totals_equal_correlate2d_exactly_on_small_integers(image, kernel):
    """On integer examples the totals are exactly correlate2d's and scipy's outputs."""
    steps = window_steps(image, kernel)
    result = correlate2d(image, kernel)
    np.testing.assert_array_equal(totals(steps, result.shape), result)
    reference = scipy.signal.correlate2d(
        np.asarray(image, dtype=float), np.asarray(kernel, dtype=float), mode="valid"
    )
    np.testing.assert_array_equal(totals(steps, result.shape), reference)


@pytest.mark.parametrize("kernel_shape", [(1, 1), (3, 3), (2, 4), (5, 1), (6, 7)])
def test_totals_equal_correlate2d_on_random_floats(kernel_shape):
    """Seeded random floats and kernels of several shapes: totals match correlate2d."""
    rng = np.random.default_rng(3)
    image = rng.standard_normal((6, 7))
    kernel = rng.standard_normal(kernel_shape)
    steps = window_steps(image, kernel)
    result = correlate2d(image, kernel)
    assert len(steps) == result.size
    np.testing.assert_allclose(totals(steps, result.shape), result, rtol=1e-12, atol=1e-12)


def test_steps_come_in_reading_order_with_the_right_windows():
    """Row by row, left to right; each window is the image slice under the kernel."""
    rng = np.random.default_rng(4)
    image = rng.integers(-5, 6, size=(5, 6))
    kernel = rng.integers(-2, 3, size=(2, 3))
    steps = window_steps(image, kernel)
    rows, cols = output_shape(image.shape, kernel.shape)
    assert [(s.row, s.col) for s in steps] == [(r, c) for r in range(rows) for c in range(cols)]
    for step in steps:
        expected = image[step.row : step.row + 2, step.col : step.col + 3]
        np.testing.assert_array_equal(step.window, expected)
        np.testing.assert_array_equal(step.products, expected * kernel)
        assert step.total == float((expected * kernel).sum())
        assert step.window.dtype == step.products.dtype == np.float64


def test_steps_are_frozen_copies_and_inputs_are_untouched():
    """Records cannot be changed, their arrays are read-only copies, inputs stay as they were."""
    image = classic_5x5()
    kernel = classic_5x5_kernel()
    before = image.copy(), kernel.copy()
    steps = window_steps(image, kernel)
    step = steps[4]
    with pytest.raises(dataclasses.FrozenInstanceError):
        step.total = 0.0
    with pytest.raises(ValueError, match="read-only"):
        step.window[0, 0] = 9.0
    with pytest.raises(ValueError, match="read-only"):
        step.products[0, 0] = 9.0
    assert not np.shares_memory(step.window, image)
    np.testing.assert_array_equal(image, before[0])
    np.testing.assert_array_equal(kernel, before[1])
    assert image.flags.writeable and kernel.flags.writeable


def test_equation_and_str():
    """Steps print as 'position (r, c): products = total', negatives with a minus sign."""
    steps = window_steps(classic_5x5(), classic_5x5_kernel())
    assert str(steps[0]) == "position (0, 0): 1+0+1+0+1+0+0+0+1 = 4"
    assert str(steps[5]) == "position (1, 2): 1+0+0+0+1+0+1+0+0 = 3"
    assert window_steps([[3, 2, 0]], [[1, -1, 5]])[0].equation() == "3-2+0 = 1"
    assert window_steps([[-1, 0.5]], [[1, 1]])[0].equation() == "-1+0.5 = -0.5"
    assert window_steps([[1, 2]], [[0, 0]])[0].equation() == "0+0 = 0"  # no "-0"
    assert repr(steps[0]) == "<WindowStep at (0, 0), total 4>"
    assert isinstance(steps[0], WindowStep)


@pytest.mark.parametrize(
    ("image", "kernel", "error", "words"),
    [
        (np.ones((3, 3)), np.ones((4, 4)), ValueError, "larger than the image"),
        (np.ones((3, 3)), np.ones((1, 4)), ValueError, "larger than the image"),
        (np.ones(5), np.ones((3, 3)), ValueError, "image must be 2-D"),
        (np.ones((5, 5)), [1, 0, -1], ValueError, "kernel must be 2-D"),
        ([[1, 2], [3]], np.ones((1, 1)), ValueError, "image must be a rectangular"),
        (np.ones((5, 5)), np.ones((0, 3)), ValueError, "kernel must not be empty"),
        (np.ones((5, 5), dtype=complex), np.ones((3, 3)), TypeError, "image must hold real"),
        (np.ones((5, 5)), [["a", "b"]], TypeError, "kernel must hold real"),
        (None, np.ones((3, 3)), TypeError, "image"),
    ],
)
def test_window_steps_errors_name_the_argument(image, kernel, error, words):
    """Bad inputs raise an error that names the offending argument."""
    with pytest.raises(error, match=words):
        window_steps(image, kernel)


# --- coverage ------------------------------------------------------------------------


def brute_force_coverage(image_shape, kernel_shape, mode):
    """Count, pixel by pixel, the outputs that a one-pixel image reaches through a ones kernel.

    An output position "uses" a pixel exactly when correlating an image that is 1 at
    that pixel and 0 elsewhere with a kernel of ones gives a non-zero there.
    """
    counts = np.zeros(image_shape, dtype=int)
    for index in np.ndindex(*image_shape):
        single = np.zeros(image_shape)
        single[index] = 1.0
        counts[index] = np.count_nonzero(correlate2d(single, np.ones(kernel_shape), mode))
    return counts


SHAPES = [((5, 5), (3, 3)), ((6, 4), (2, 3)), ((7, 7), (7, 7)), ((4, 6), (1, 1)), ((5, 8), (4, 2))]


@pytest.mark.parametrize("mode", ["valid", "same", "full"])
@pytest.mark.parametrize(("image_shape", "kernel_shape"), SHAPES)
def test_coverage_matches_brute_force(image_shape, kernel_shape, mode):
    """Every mode and shape, even kernels included: counts equal a pixel-by-pixel count."""
    counts = coverage(image_shape, kernel_shape, mode)
    assert counts.dtype.kind == "i"
    np.testing.assert_array_equal(counts, brute_force_coverage(image_shape, kernel_shape, mode))


@pytest.mark.parametrize(("image_shape", "kernel_shape"), SHAPES)
def test_valid_coverage_against_scipy(image_shape, kernel_shape):
    """Valid mode: a box of ones over the output grid, spread by the kernel (scipy's full)."""
    out = output_shape(image_shape, kernel_shape)
    reference = scipy.signal.convolve2d(np.ones(out), np.ones(kernel_shape), mode="full")
    np.testing.assert_array_equal(coverage(image_shape, kernel_shape), reference)
    assert coverage(image_shape, kernel_shape).sum() == np.prod(out) * np.prod(kernel_shape)


def test_classic_coverage_numbers():
    """5x5 with 3x3: valid uses a corner once and the centre nine times; full uses all nine
    times; same uses the corners 4 times, the other border pixels 6 times."""
    valid = coverage((5, 5), (3, 3))
    assert valid[0, 0] == valid[0, 4] == valid[4, 0] == valid[4, 4] == 1
    assert valid[2, 2] == 9
    assert valid[0, 2] == 3
    np.testing.assert_array_equal(coverage((5, 5), (3, 3), "full"), np.full((5, 5), 9))
    same = coverage((5, 5), (3, 3), "same")
    assert same[0, 0] == same[4, 4] == 4
    assert same[0, 2] == same[2, 0] == 6
    np.testing.assert_array_equal(same[1:4, 1:4], np.full((3, 3), 9))


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (((3, 3), (4, 4)), "larger than the image"),
        (((5, 5), (3, 3), "reflect"), "mode must be one of"),
        (((5, 0), (3, 3)), "image_shape must be a pair"),
        (((5, 5), (3,)), "kernel_shape must be a pair"),
        (((5.5, 5), (3, 3)), "image_shape must be a pair"),
    ],
)
def test_coverage_errors_name_the_argument(args, words):
    """Bad shapes or modes raise a ValueError naming the argument."""
    with pytest.raises(ValueError, match=words):
        coverage(*args)


def test_coverage_same_and_full_accept_a_kernel_larger_than_the_image():
    """With zero padding a kernel larger than the image still has positions."""
    for mode in ("same", "full"):
        np.testing.assert_array_equal(
            coverage((2, 2), (3, 3), mode), brute_force_coverage((2, 2), (3, 3), mode)
        )
    np.testing.assert_array_equal(coverage((2, 2), (3, 3), "full"), np.full((2, 2), 9))


# --- figures -------------------------------------------------------------------------


def test_show_window_steps_draws_every_position():
    """One panel per position, laid out like the output, window outlined, total in the title."""
    fig, axes = show_window_steps(classic_5x5(), classic_5x5_kernel())
    assert len(axes) == 9 == len(fig.axes)
    assert axes[0].get_title() == "position (0, 0) → 4"
    assert axes[8].get_title() == "position (2, 2) → 4"
    for ax, step in zip(axes, window_steps(classic_5x5(), classic_5x5_kernel()), strict=True):
        outline = [p for p in ax.patches if p.get_linewidth() > 2]
        assert len(outline) == 1
        assert outline[0].get_xy() == (step.col - 0.5, step.row - 0.5)
        weights = [t.get_text() for t in ax.texts if t.get_text().startswith("×")]
        assert weights == ["×1", "×0", "×1", "×0", "×1", "×0", "×1", "×0", "×1"]


def test_show_window_steps_columns_and_errors():
    """ncols arranges the panels; a bad ncols or a kernel that does not fit is refused."""
    _, axes = show_window_steps(np.ones((3, 4)), np.ones((2, 2)), ncols=2)
    assert len(axes) == 6
    assert axes[0].get_subplotspec().get_gridspec().get_geometry() == (3, 2)
    with pytest.raises(ValueError, match="ncols"):
        show_window_steps(np.ones((3, 3)), np.ones((2, 2)), ncols=0)
    with pytest.raises(ValueError, match="larger than the image"):
        show_window_steps(np.ones((3, 3)), np.ones((4, 4)))


# Rendering takes a few seconds, so each test module renders the classic example once.
@pytest.fixture(scope="module")
def classic_frames():
    return sliding_window_frames(classic_5x5(), classic_5x5_kernel())


def test_frames_one_per_position_plus_final(classic_frames):
    """Nine positions give nine frames plus the finished output, all the same size, RGBA."""
    assert len(classic_frames) == 10
    assert {frame.shape for frame in classic_frames} == {classic_frames[0].shape}
    assert classic_frames[0].shape[2] == 4 and classic_frames[0].dtype == np.uint8
    assert not any(np.array_equal(a, b) for a, b in itertools.pairwise(classic_frames))


def test_frames_without_the_final_frame():
    """final_frame=False gives exactly one frame per position (here a 3x3 image, 2x2 kernel)."""
    frames = sliding_window_frames(np.arange(9).reshape(3, 3), np.ones((2, 2)), final_frame=False)
    assert len(frames) == 4


def test_frames_ignore_the_callers_style_and_pyplot(classic_frames):
    """Frames look the same whatever rcParams say, and no pyplot figure is left open."""
    with matplotlib.rc_context({"font.size": 20, "axes.facecolor": "red", "figure.dpi": 200}):
        styled = sliding_window_frames(classic_5x5(), classic_5x5_kernel())
        assert matplotlib.rcParams["font.size"] == 20  # the caller's style is restored
    assert plt.get_fignums() == []
    for a, b in zip(classic_frames, styled, strict=True):
        np.testing.assert_array_equal(a, b)


def test_frames_refuse_bad_arguments():
    """dpi must be a positive integer; the inputs are checked as for window_steps."""
    with pytest.raises(ValueError, match="dpi"):
        sliding_window_frames(classic_5x5(), classic_5x5_kernel(), dpi=0)
    with pytest.raises(ValueError, match="larger than the image"):
        sliding_window_frames(np.ones((2, 2)), np.ones((3, 3)))


# --- window_at: the one window function ------------------------------------------------


@st.composite
def window_case(draw):
    """An image, a kernel, a mode, padding, stride and operation, all small."""
    rows, cols = draw(st.integers(1, 7)), draw(st.integers(1, 7))
    padding = (draw(st.integers(0, 2)), draw(st.integers(0, 2)))
    mode = draw(st.sampled_from(MODES))
    limit_rows = rows + 2 * padding[0] if mode == "valid" else 9
    limit_cols = cols + 2 * padding[1] if mode == "valid" else 9
    kh, kw = draw(st.integers(1, limit_rows)), draw(st.integers(1, limit_cols))
    values = st.integers(-9, 9)
    image = draw(arrays(np.int64, (rows, cols), elements=values))
    kernel = draw(arrays(np.int64, (kh, kw), elements=values))
    stride = (draw(st.integers(1, 3)), draw(st.integers(1, 3)))
    operation = draw(st.sampled_from(["correlation", "convolution"]))
    return image, kernel, mode, padding, stride, operation


@settings(max_examples=80, deadline=None)
@given(window_case())
def test_window_at_totals_are_the_output_cells(case):
    """Every window's total equals correlate2d's (or convolve2d's) cell, in every setting."""
    image, kernel, mode, padding, stride, operation = case
    apply = correlate2d if operation == "correlation" else convolve2d
    out = apply(image, kernel, mode, padding=padding, stride=stride)
    for r, c in itertools.product(range(out.shape[0]), range(out.shape[1])):
        step = window_at(image, kernel, r, c, operation, mode=mode, padding=padding, stride=stride)
        assert step.total == out[r, c]
        assert step.window.shape == kernel.shape == step.products.shape


def test_window_at_reads_zeros_outside_and_turns_the_kernel_for_convolution():
    """Padding shows as zeros in the window; convolution uses the kernel turned 180 degrees."""
    image, kernel = flip_example()
    step = window_at(image, kernel, 0, 0, "convolution", padding=1)
    assert step.window[0].tolist() == [0, 0, 0] and step.window[:, 0].tolist() == [0, 0, 0]
    np.testing.assert_array_equal(step.weights, kernel[::-1, ::-1])
    np.testing.assert_array_equal(step.products, step.window * step.weights)
    assert not step.window.flags.writeable and not step.weights.flags.writeable


@pytest.mark.parametrize(
    ("row", "col", "words"),
    [(4, 0, "outside the 4x4 output"), (0, -1, "col must be from 0 to 3"), (1.0, 0, "row")],
)
def test_window_at_refuses_positions_outside_the_output(row, col, words):
    """A position outside the output, or not an integer, gets a ValueError saying the range."""
    with pytest.raises(ValueError, match=words):
        window_at(step_edge(), VERTICAL, row, col)


def test_window_at_refuses_an_unknown_operation():
    with pytest.raises(ValueError, match="operation must be one of"):
        window_at(step_edge(), VERTICAL, 0, 0, "flip")
