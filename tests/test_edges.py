"""Tests for helpers.edges: gradient responses, orientation convention, rotation behaviour."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from numpy.testing import assert_allclose, assert_array_equal
from scipy import ndimage

from helpers.edges import (
    PAIRS,
    _angle_error,
    gradients,
    magnitude,
    orientation,
    rotation_error,
    rotation_error_map,
)
from helpers.images import photograph_uint8, radial_gradient, radial_pattern, step_edge
from helpers.kernels import SCHARR_VERTICAL, SOBEL_HORIZONTAL, SOBEL_VERTICAL

NAMES = list(PAIRS)
# Sum of each pair's 1-D smoothing weights: the height of its response to a unit step.
SMOOTHING_SUM = {"central": 1, "prewitt": 3, "sobel": 4, "scharr": 16}

# COURSE.md: mean orientation error on sin(x^2 + y^2), 255x255 over [-10, 10], border 5.
REFERENCE_ROTATION_ERROR = {"central": 0.043, "prewitt": 0.048, "sobel": 0.021, "scharr": 0.003}


def test_pairs_are_the_documented_names():
    """The named pairs are central, prewitt, sobel and scharr, all 3x3."""
    assert NAMES == ["central", "prewitt", "sobel", "scharr"]
    for kernel_v, kernel_h in PAIRS.values():
        assert kernel_v.shape == kernel_h.shape == (3, 3)


@pytest.mark.parametrize("pair", NAMES)
@pytest.mark.parametrize("mode", ["valid", "same", "full"])
def test_zero_on_constant_image(pair, mode):
    """A flat image has no edges, so both responses are 0 wherever the kernel fits."""
    g_vertical, g_horizontal = gradients(np.full((8, 9), 7.0), pair, mode)
    inner = (slice(2, -2), slice(2, -2))  # away from the zero padding of "same"/"full"
    assert_array_equal(g_vertical[inner], 0.0)
    assert_array_equal(g_horizontal[inner], 0.0)


@pytest.mark.parametrize("pair", NAMES)
def test_step_edge_gives_known_line(pair):
    """Bright-left step of height 10: the vertical response is 10 times the smoothing sum."""
    g_vertical, _ = gradients(step_edge(), pair)
    height = 10 * SMOOTHING_SUM[pair]
    assert_array_equal(g_vertical, [[0, height, height, 0]] * 4)


@pytest.mark.parametrize("pair", NAMES)
def test_orthogonal_filter_gives_zero(pair):
    """The horizontal-edge filter ignores a vertical edge, and the reverse."""
    _, g_horizontal = gradients(step_edge(), pair)
    assert_array_equal(g_horizontal, 0.0)
    g_vertical, _ = gradients(step_edge().T, pair)
    assert_array_equal(g_vertical, 0.0)


@pytest.mark.parametrize("pair", NAMES)
def test_horizontal_edge_bright_on_top_is_positive(pair):
    """The transposed step (bright on top) gives the same positive line, now in g_horizontal."""
    _, g_horizontal = gradients(step_edge().T, pair)
    height = 10 * SMOOTHING_SUM[pair]
    assert_array_equal(g_horizontal, np.array([[0, height, height, 0]] * 4).T)


def test_gradients_same_mode_keeps_shape():
    """In 'same' mode both responses have the image's shape."""
    g_vertical, g_horizontal = gradients(np.ones((7, 11)), "scharr", mode="same")
    assert g_vertical.shape == g_horizontal.shape == (7, 11)


def test_gradients_accepts_a_kernel_pair():
    """A (vertical, horizontal) tuple of kernels gives the same result as the named pair."""
    image = np.random.default_rng(2).random((9, 10))
    named = gradients(image, "sobel")
    explicit = gradients(image, (SOBEL_VERTICAL.tolist(), SOBEL_HORIZONTAL))
    assert_array_equal(named[0], explicit[0])
    assert_array_equal(named[1], explicit[1])


@pytest.mark.parametrize(
    "pair", ["Sobel", "roberts", None, 3, ("sobel", "scharr"), [SOBEL_VERTICAL]]
)
def test_gradients_unknown_pair_lists_names(pair):
    """An unknown pair raises a ValueError naming `pair` and listing the known names."""
    with pytest.raises(ValueError, match="pair must be one of") as info:
        gradients(np.ones((5, 5)), pair)
    for name in NAMES:
        assert repr(name) in str(info.value)


def test_gradients_pair_of_different_shapes():
    """Two kernels of different shapes raise a ValueError naming `pair` and both shapes."""
    with pytest.raises(ValueError, match=r"pair must hold two kernels of the same shape.*\(3, 3\)"):
        gradients(np.ones((5, 5)), (SOBEL_VERTICAL, [[1.0, -1.0]]))


def test_gradients_bad_kernel_in_pair_names_it():
    """A non-numeric kernel in a pair raises a TypeError naming its place in `pair`."""
    with pytest.raises(TypeError, match=r"pair\[1\]"):
        gradients(np.ones((5, 5)), (SOBEL_VERTICAL, [["a", "b"]]))


def test_gradients_bad_image_names_it():
    """A 1-D image raises a ValueError naming `image`."""
    with pytest.raises(ValueError, match="image must be 2-D"):
        gradients(np.ones(5))


def test_magnitude_is_hypot_and_ignores_sign():
    """magnitude is sqrt(gv^2 + gh^2), the same for a bright-left and a bright-right edge."""
    assert_array_equal(magnitude([[3.0, 0.0]], [[4.0, -2.0]]), [[5.0, 2.0]])
    left = magnitude(*gradients(step_edge()))
    right = magnitude(*gradients(step_edge()[:, ::-1]))
    assert_array_equal(left, right[:, ::-1])


@pytest.mark.parametrize("function", [magnitude, orientation])
def test_response_shapes_must_match(function):
    """Responses of different shapes raise a ValueError naming both arguments."""
    with pytest.raises(ValueError, match="g_vertical and g_horizontal"):
        function(np.zeros((3, 3)), np.zeros((3, 4)))
    with pytest.raises(TypeError, match="g_horizontal"):
        function(np.zeros((3, 3)), np.zeros((3, 3), dtype=complex))


@pytest.mark.parametrize(
    ("image", "expected"),
    [
        (step_edge(), np.pi),  # brighter to the left
        (step_edge()[:, ::-1], 0.0),  # brighter to the right
        (step_edge().T, -np.pi / 2),  # brighter above (y points down)
        (step_edge().T[::-1], np.pi / 2),  # brighter below
    ],
    ids=["bright-left", "bright-right", "bright-top", "bright-bottom"],
)
def test_orientation_points_towards_brighter_side(image, expected):
    """orientation gives the direction of increasing brightness, with y growing down the rows."""
    angles = orientation(*gradients(image, "sobel"))
    edge = magnitude(*gradients(image, "sobel")) > 0
    assert_allclose(angles[edge], expected, atol=1e-15)


def test_orientation_of_zero_response_is_zero():
    """Where both responses are 0 the direction is undefined and reported as 0, never -pi."""
    assert_array_equal(orientation([[0.0, -0.0]], [[0.0, -0.0]]), [[0.0, 0.0]])
    assert_array_equal(orientation([[5.0]], [[0.0]]), [[np.pi]])


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize("pair", NAMES)
def test_orientation_turns_with_the_image(seed, pair):
    """Turning the image 90 degrees counter-clockwise on screen turns every direction by -pi/2."""
    image = np.random.default_rng(seed).random((12, 10))
    before = orientation(*gradients(image, pair))
    after = orientation(*gradients(np.rot90(image), pair))
    # np.rot90 moves pixel (r, c) to (W - 1 - c, r), which is np.rot90 of the angle map.
    error = _angle_error(after, np.rot90(before) - np.pi / 2, directed=True)
    assert error.max() < 1e-12


def test_orientation_matches_exact_gradient_on_radial_pattern():
    """On sin(x^2 + y^2), Sobel's direction matches arctan2(gy, gx) to 0.05 rad on average."""
    estimated = orientation(*gradients(radial_pattern(), "sobel"))  # 253x253, 'valid'
    gy, gx = radial_gradient()
    exact = np.arctan2(gy, gx)[1:-1, 1:-1]  # the pixels the 'valid' result belongs to
    error = _angle_error(estimated, exact, directed=True)[4:-4, 4:-4]  # a 5-pixel border
    assert error.mean() < 0.05
    assert np.median(error) < 0.02


def test_orientation_is_wrong_without_the_sign_flip():
    """A convention slip (taking the responses as the gradient) shows up as errors near pi."""
    g_vertical, g_horizontal = gradients(radial_pattern(), "sobel")
    gy, gx = radial_gradient()
    exact = np.arctan2(gy, gx)[1:-1, 1:-1]
    slipped = np.arctan2(g_horizontal, g_vertical)
    assert np.median(_angle_error(slipped, exact, directed=True)) > 3.0


@pytest.mark.parametrize("pair", NAMES)
def test_rotation_error_matches_course_figures(pair):
    """Each pair's mean orientation error is within 1 mrad of the figure in COURSE.md."""
    assert rotation_error(pair) == pytest.approx(REFERENCE_ROTATION_ERROR[pair], abs=1e-3)


def test_rotation_error_ordering():
    """Scharr beats Sobel, which beats central differences and Prewitt, by the course's margins."""
    errors = {pair: rotation_error(pair) for pair in NAMES}
    assert errors["scharr"] < errors["sobel"] < errors["central"] < errors["prewitt"]
    assert errors["sobel"] / errors["scharr"] > 5  # "that ~7x is the reason Scharr exists"


def test_rotation_error_directed_is_larger_but_same_order():
    """Comparing directions instead of orientations raises every error, keeping the order."""
    directed = {pair: rotation_error(pair, directed=True) for pair in NAMES}
    for pair in NAMES:
        assert directed[pair] >= rotation_error(pair)
    assert directed["scharr"] < directed["sobel"] < directed["central"] < directed["prewitt"]


def test_rotation_error_map_lines_up_with_the_pattern():
    """The map has the pattern's shape, NaN on the 1-pixel ring, and rotation_error is its mean."""
    errors = rotation_error_map("scharr")
    assert errors.shape == (255, 255)
    ring = np.ones((255, 255), dtype=bool)
    ring[1:-1, 1:-1] = False
    assert np.isnan(errors[ring]).all()
    assert not np.isnan(errors[~ring]).any()
    assert errors[~ring].max() <= np.pi / 2
    assert rotation_error("scharr") == pytest.approx(errors[5:-5, 5:-5].mean(), rel=1e-15)


def test_rotation_error_map_of_a_custom_pair():
    """A kernel pair given as a tuple is measured like the named one."""
    custom = rotation_error_map((SCHARR_VERTICAL, SCHARR_VERTICAL.T), size=31, extent=3.0)
    named = rotation_error_map("scharr", size=31, extent=3.0)
    assert_array_equal(custom, named)


def test_rotation_error_rejects_even_kernels():
    """Even-sized kernels have no centre pixel: a ValueError naming `pair`."""
    with pytest.raises(ValueError, match="pair must hold kernels of odd"):
        rotation_error_map((np.ones((2, 2)), np.ones((2, 2))))


@pytest.mark.parametrize(
    ("border", "message"),
    [(0, "half-width"), (-1, "integer >= 0"), (1.5, "integer >= 0"), (128, "leave some")],
)
def test_rotation_error_rejects_bad_border(border, message):
    """A border that keeps pixels without a response, or no pixels at all, names `border`."""
    with pytest.raises(ValueError, match=f"border.*{message}"):
        rotation_error("sobel", border=border)


def test_rotation_error_rejects_bad_grid():
    """Bad size or extent are reported by name."""
    with pytest.raises(ValueError, match="size"):
        rotation_error("sobel", size=2)
    with pytest.raises(ValueError, match="extent"):
        rotation_error("sobel", extent=0)


def test_angle_error_examples():
    """Across the wrap-around the error is small; undirected, nearly opposite is the same line."""
    directed = _angle_error([3.0, 0.1, 3.1], [-3.0, 0.0, 0.0], directed=True)
    assert_allclose(directed, [2 * np.pi - 6.0, 0.1, 3.1], atol=1e-12)
    assert_allclose(_angle_error([3.1], [0.0]), [np.pi - 3.1], atol=1e-12)


@given(
    st.floats(-10, 10),
    st.floats(-10, 10),
    st.integers(-3, 3),
)
def test_angle_error_properties(a, b, turns):
    """_angle_error is symmetric, ignores whole turns, and stays within pi (pi/2 undirected)."""
    directed = _angle_error(a, b + 2 * np.pi * turns, directed=True)
    assert 0.0 <= directed <= np.pi + 1e-12
    assert directed == pytest.approx(_angle_error(b, a, directed=True), abs=1e-9)
    undirected = _angle_error(a, b)
    assert 0.0 <= undirected <= np.pi / 2 + 1e-12
    assert undirected == pytest.approx(_angle_error(a + np.pi, b), abs=1e-9)


def test_uint8_photo_through_scharr_keeps_negatives():
    """A uint8 photo gives the same signed float responses as its float copy: no wrap, no clamp."""
    photo = photograph_uint8(scale=4)
    g_vertical, g_horizontal = gradients(photo, "scharr")
    reference = gradients(photo.astype(np.float64), "scharr")
    assert_array_equal(g_vertical, reference[0])
    assert_array_equal(g_horizontal, reference[1])
    assert g_vertical.min() < -1000  # strong dark-to-bright edges exist in the photo
    assert g_vertical.max() > 1000
    assert photo.dtype == np.uint8  # the input was not converted in place


def test_uint8_pitfall_is_real_in_scipy():
    """scipy.ndimage keeps uint8 for its output, so the same filter there wraps around."""
    photo = photograph_uint8(scale=4)
    ours = gradients(photo, "scharr")[0]
    wrapped = ndimage.correlate(photo, SCHARR_VERTICAL.astype(np.int64))[1:-1, 1:-1]
    assert wrapped.dtype == np.uint8
    assert not np.array_equal(wrapped, ours)
    assert_array_equal(wrapped, np.mod(ours, 256))
