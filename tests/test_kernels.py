"""Tests for helpers.kernels: exact values, read-only constants, the reference numbers."""

import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal
from scipy import ndimage

from helpers import kernels
from helpers.conv import convolve2d, correlate2d
from helpers.images import (
    checkerboard,
    classic_5x5,
    flip_example,
    step_edge,
    step_edge_mirrored,
)
from helpers.kernels import (
    BOX_BLUR,
    CENTRAL_HORIZONTAL,
    CENTRAL_VERTICAL,
    GAUSSIAN_BLUR,
    HORIZONTAL,
    IDENTITY,
    LAPLACIAN,
    OUTLINE,
    PRESETS,
    PREWITT_HORIZONTAL,
    PREWITT_VERTICAL,
    SCHARR_HORIZONTAL,
    SCHARR_VERTICAL,
    SHARPEN,
    SOBEL_HORIZONTAL,
    SOBEL_VERTICAL,
    VERTICAL,
    _get_kernel,
    classic_5x5_kernel,
)

ALL_KERNELS = {name: getattr(kernels, name) for name in kernels.__all__ if name.isupper()}
del ALL_KERNELS["PRESETS"]

EXPECTED = {
    "VERTICAL": [[1, 0, -1], [1, 0, -1], [1, 0, -1]],
    "HORIZONTAL": [[1, 1, 1], [0, 0, 0], [-1, -1, -1]],
    "PREWITT_VERTICAL": [[1, 0, -1], [1, 0, -1], [1, 0, -1]],
    "PREWITT_HORIZONTAL": [[1, 1, 1], [0, 0, 0], [-1, -1, -1]],
    "SOBEL_VERTICAL": [[1, 0, -1], [2, 0, -2], [1, 0, -1]],
    "SOBEL_HORIZONTAL": [[1, 2, 1], [0, 0, 0], [-1, -2, -1]],
    "SCHARR_VERTICAL": [[3, 0, -3], [10, 0, -10], [3, 0, -3]],
    "SCHARR_HORIZONTAL": [[3, 10, 3], [0, 0, 0], [-3, -10, -3]],
    "CENTRAL_VERTICAL": [[0, 0, 0], [1, 0, -1], [0, 0, 0]],
    "CENTRAL_HORIZONTAL": [[0, 1, 0], [0, 0, 0], [0, -1, 0]],
    "IDENTITY": [[0, 0, 0], [0, 1, 0], [0, 0, 0]],
    "BOX_BLUR": np.ones((3, 3)) / 9,
    "GAUSSIAN_BLUR": np.array([[1, 2, 1], [2, 4, 2], [1, 2, 1]]) / 16,
    "SHARPEN": [[0, -1, 0], [-1, 5, -1], [0, -1, 0]],
    "LAPLACIAN": [[0, 1, 0], [1, -4, 1], [0, 1, 0]],
    "OUTLINE": [[-1, -1, -1], [-1, 8, -1], [-1, -1, -1]],
}

DERIVATIVES = [
    VERTICAL,
    HORIZONTAL,
    PREWITT_VERTICAL,
    PREWITT_HORIZONTAL,
    SOBEL_VERTICAL,
    SOBEL_HORIZONTAL,
    SCHARR_VERTICAL,
    SCHARR_HORIZONTAL,
    CENTRAL_VERTICAL,
    CENTRAL_HORIZONTAL,
    LAPLACIAN,
    OUTLINE,
]

# (vertical-edge kernel, 1-D smoothing factor down the rows)
SEPARABLE = [
    (VERTICAL, [1, 1, 1]),
    (PREWITT_VERTICAL, [1, 1, 1]),
    (SOBEL_VERTICAL, [1, 2, 1]),
    (SCHARR_VERTICAL, [3, 10, 3]),
    (CENTRAL_VERTICAL, [0, 1, 0]),
]


def test_every_kernel_is_checked():
    """The table of expected values covers every kernel constant of the module."""
    assert set(EXPECTED) == set(ALL_KERNELS)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_exact_values(name):
    """Each kernel constant holds exactly the documented weights, as 3x3 float64."""
    kernel = ALL_KERNELS[name]
    assert kernel.dtype == np.float64
    assert kernel.shape == (3, 3)
    assert_array_equal(kernel, np.asarray(EXPECTED[name], dtype=np.float64))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_constants_are_read_only(name):
    """Writing into a shared kernel constant raises instead of corrupting it."""
    kernel = ALL_KERNELS[name]
    assert not kernel.flags.writeable
    with pytest.raises(ValueError, match="read-only"):
        kernel[0, 0] = 99.0


def test_presets_mapping_is_read_only():
    """PRESETS cannot be changed by assigning a new entry."""
    with pytest.raises(TypeError):
        PRESETS["mine"] = np.zeros((3, 3))


@pytest.mark.parametrize(
    ("vertical", "horizontal"),
    [
        (VERTICAL, HORIZONTAL),
        (PREWITT_VERTICAL, PREWITT_HORIZONTAL),
        (SOBEL_VERTICAL, SOBEL_HORIZONTAL),
        (SCHARR_VERTICAL, SCHARR_HORIZONTAL),
        (CENTRAL_VERTICAL, CENTRAL_HORIZONTAL),
    ],
)
def test_horizontal_is_transpose_of_vertical(vertical, horizontal):
    """Each horizontal-edge kernel is the transpose of its vertical-edge kernel."""
    assert_array_equal(horizontal, vertical.T)


@pytest.mark.parametrize(("kernel", "smoothing"), SEPARABLE)
def test_edge_kernels_are_smoothing_times_derivative(kernel, smoothing):
    """A vertical-edge kernel is outer(smoothing, [1, 0, -1]), so it has rank 1."""
    assert_array_equal(kernel, np.outer(smoothing, [1, 0, -1]))
    assert np.linalg.matrix_rank(kernel) == 1


def test_sobel_is_smoothing_convolved_with_derivative():
    """Convolution is associative: Sobel is a column smoothing convolved with a row derivative."""
    smoothing = np.array([[1.0], [2.0], [1.0]])
    derivative = np.array([[1.0, 0.0, -1.0]])
    assert_array_equal(convolve2d(smoothing, derivative, mode="full"), SOBEL_VERTICAL)


@pytest.mark.parametrize("kernel", [BOX_BLUR, GAUSSIAN_BLUR])
def test_blurs_are_separable(kernel):
    """The blurs are outer products of a 1-D kernel with itself (rank 1)."""
    assert np.linalg.matrix_rank(kernel) == 1
    row = kernel.sum(axis=0)
    assert_allclose(np.outer(row, row), kernel, rtol=1e-15)


def test_laplacian_is_not_separable():
    """The Laplacian cannot be written as one outer product (rank 2)."""
    assert np.linalg.matrix_rank(LAPLACIAN) == 2


@pytest.mark.parametrize("kernel", DERIVATIVES)
def test_derivative_kernels_sum_to_zero(kernel):
    """Edge and second-derivative kernels sum to 0, so they give 0 on a flat image."""
    assert kernel.sum() == 0.0


@pytest.mark.parametrize("kernel", [IDENTITY, BOX_BLUR, GAUSSIAN_BLUR, SHARPEN])
def test_brightness_preserving_kernels_sum_to_one(kernel):
    """Blurs, identity and sharpen sum to 1, so they keep a flat image's brightness."""
    assert kernel.sum() == pytest.approx(1.0, abs=1e-15)


def test_identity_returns_the_image():
    """The identity preset in 'same' mode returns the image unchanged."""
    image = np.random.default_rng(1).random((7, 9))
    assert_array_equal(correlate2d(image, IDENTITY, mode="same"), image)


def test_presets_order_and_names():
    """PRESETS starts with the course's edge filters and its names are readable lowercase."""
    names = list(PRESETS)
    assert names[:3] == ["identity", "vertical", "horizontal"]
    assert all(name == name.lower() and "_" not in name for name in names)
    assert PRESETS["sobel vertical"] is SOBEL_VERTICAL


@pytest.mark.parametrize("name", list(PRESETS))
def test_get_kernel_returns_a_writable_copy(name):
    """_get_kernel gives an equal, writable array whose changes do not reach the preset."""
    kernel = _get_kernel(name)
    assert_array_equal(kernel, PRESETS[name])
    assert kernel.flags.writeable
    kernel[0, 0] = 123.0
    assert PRESETS[name][0, 0] != 123.0


@pytest.mark.parametrize("bad", ["Sobel vertical", "nope", 3, None])
def test_get_kernel_unknown_name_lists_the_names(bad):
    """An unknown preset name raises a ValueError naming the argument and listing the choices."""
    with pytest.raises(ValueError, match="name must be one of") as info:
        _get_kernel(bad)
    assert "'sobel vertical'" in str(info.value)
    assert "'gaussian blur'" in str(info.value)


# The course's reference numbers (COURSE.md), each as its own test.


def test_article_edge():
    """Bright-left step edge with the article's vertical filter: four rows of [0, 30, 30, 0]."""
    assert_array_equal(correlate2d(step_edge(), VERTICAL), [[0, 30, 30, 0]] * 4)


def test_article_edge_mirrored():
    """Dark-left step edge: the same band with the opposite sign, [0, -30, -30, 0]."""
    assert_array_equal(correlate2d(step_edge_mirrored(), VERTICAL), [[0, -30, -30, 0]] * 4)


def test_sobel_on_article_edge():
    """Sobel on the step edge: four rows of [0, 40, 40, 0]."""
    assert_array_equal(correlate2d(step_edge(), SOBEL_VERTICAL), [[0, 40, 40, 0]] * 4)


def test_scharr_on_article_edge():
    """Scharr on the step edge: four rows of [0, 160, 160, 0]."""
    assert_array_equal(correlate2d(step_edge(), SCHARR_VERTICAL), [[0, 160, 160, 0]] * 4)


def test_horizontal_filter_ignores_vertical_edge():
    """The transposed filter sees no horizontal edge in the step-edge image."""
    assert_array_equal(correlate2d(step_edge(), HORIZONTAL), np.zeros((4, 4)))


def test_classic_5x5():
    """The article's 5x5 image and X-shaped filter give [[4,3,4],[2,4,3],[2,3,4]]."""
    expected = [[4, 3, 4], [2, 4, 3], [2, 3, 4]]
    assert_array_equal(correlate2d(classic_5x5(), classic_5x5_kernel()), expected)


def test_checkerboard_horizontal():
    """The checkerboard with the horizontal filter gives the course's 4x4 table."""
    expected = [[0, 0, 0, 0], [30, 10, -10, -30], [30, 10, -10, -30], [0, 0, 0, 0]]
    assert_array_equal(correlate2d(checkerboard(), HORIZONTAL), expected)


def test_flip_example_correlation():
    """Correlation of the asymmetric pair gives [[12,12,17],[10,17,19],[9,6,14]]."""
    image, kernel = flip_example()
    assert_array_equal(correlate2d(image, kernel), [[12, 12, 17], [10, 17, 19], [9, 6, 14]])


def test_flip_example_convolution():
    """Convolution of the asymmetric pair gives [[18,20,19],[10,9,17],[11,8,14]]."""
    image, kernel = flip_example()
    assert_array_equal(convolve2d(image, kernel), [[18, 20, 19], [10, 9, 17], [11, 8, 14]])


@pytest.mark.parametrize(("kernel", "axis"), [(SOBEL_VERTICAL, 1), (SOBEL_HORIZONTAL, 0)])
def test_sign_is_opposite_to_scipy_sobel(kernel, axis):
    """On the interior, our Sobel response is minus scipy.ndimage.sobel's."""
    image = np.random.default_rng(7).random((12, 15))
    ours = correlate2d(image, kernel)
    theirs = ndimage.sobel(image, axis=axis)[1:-1, 1:-1]
    assert_allclose(ours, -theirs, rtol=1e-12, atol=1e-12)


def test_classic_kernel_is_fresh_and_symmetric_under_half_turn():
    """The classic filter looks the same turned 180 degrees (so it cannot show the flip)."""
    kernel = classic_5x5_kernel()
    assert_array_equal(kernel, kernel[::-1, ::-1])
    kernel[0, 0] = 7.0
    assert classic_5x5_kernel()[0, 0] == 1.0
