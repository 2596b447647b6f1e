"""Tests for helpers.images: fresh deterministic arrays, the photograph, grayscale conversion."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from numpy.testing import assert_allclose, assert_array_equal

from helpers.images import (
    IMAGE_NAMES,
    _to_grayscale,
    book_on_table,
    checkerboard,
    classic_5x5,
    flip_example,
    named_images,
    photograph,
    photograph_uint8,
    radial_gradient,
    radial_pattern,
    step_edge,
    step_edge_mirrored,
)

# Every function that returns one image, called with small arguments to keep tests quick.
SINGLE_IMAGES = {
    "step_edge": step_edge,
    "step_edge_mirrored": step_edge_mirrored,
    "classic_5x5": classic_5x5,
    "checkerboard": checkerboard,
    "book_on_table": lambda: book_on_table(32),
    "radial_pattern": lambda: radial_pattern(9),
    "photograph": lambda: photograph(8),
    "photograph_uint8": lambda: photograph_uint8(8),
}


def _all_arrays(result):
    """The arrays a factory returned, whether one or a tuple."""
    return list(result) if isinstance(result, tuple) else [result]


@pytest.mark.parametrize(
    "factory",
    [*SINGLE_IMAGES.values(), flip_example, lambda: radial_gradient(9)],
    ids=[*SINGLE_IMAGES, "flip_example", "radial_gradient"],
)
def test_each_call_returns_fresh_arrays(factory):
    """Changing a returned array in place does not change what the next call returns."""
    first = _all_arrays(factory())
    expected = [array.copy() for array in _all_arrays(factory())]
    for array in first:
        assert array.flags.writeable
        array[...] = 1
    for again, before in zip(_all_arrays(factory()), expected, strict=True):
        assert_array_equal(again, before)


@pytest.mark.parametrize("name", [name for name in SINGLE_IMAGES if name != "photograph_uint8"])
def test_images_are_float64(name):
    """Every example image is float64 (only photograph_uint8 is not)."""
    assert SINGLE_IMAGES[name]().dtype == np.float64


def test_step_edges():
    """The step edge is six rows of [10,10,10,0,0,0]; the mirrored one is flipped left-right."""
    assert_array_equal(step_edge(), [[10, 10, 10, 0, 0, 0]] * 6)
    assert_array_equal(step_edge_mirrored(), [[0, 0, 0, 10, 10, 10]] * 6)


def test_checkerboard_blocks():
    """The checkerboard is 10 in the top-left and bottom-right 3x3 blocks and 0 elsewhere."""
    board = checkerboard()
    assert board.shape == (6, 6)
    assert_array_equal(board[:3, :3], 10)
    assert_array_equal(board[3:, 3:], 10)
    assert_array_equal(board[:3, 3:], 0)
    assert_array_equal(board[3:, :3], 0)


def test_flip_example_kernel_is_asymmetric():
    """The flip example's kernel changes under a half turn, so it can show the flip."""
    image, kernel = flip_example()
    assert image.shape == (5, 5)
    assert kernel.shape == (3, 3)
    assert not np.array_equal(kernel, kernel[::-1, ::-1])


@pytest.mark.parametrize("size", [16, 64, 128, 129])
def test_book_on_table_shape_and_range(size):
    """The synthetic scene is size x size float64 with values in [0, 1]."""
    scene = book_on_table(size)
    assert scene.shape == (size, size)
    assert scene.dtype == np.float64
    assert scene.min() >= 0.0
    assert scene.max() <= 1.0


def test_book_on_table_is_deterministic():
    """The same seed gives the same image, bit for bit."""
    assert_array_equal(book_on_table(64, seed=3), book_on_table(64, seed=3))


def test_book_on_table_seed_changes_texture_not_book():
    """Different seeds give different images, but the book is in the same place."""
    a, b = book_on_table(128, seed=0), book_on_table(128, seed=1)
    assert not np.array_equal(a, b)
    # The book is the bright region; it should cover the same pixels in both.
    assert_array_equal(a > 0.65, b > 0.65)


def test_book_on_table_has_a_bright_book_and_a_shadow():
    """The book is brighter than the table, and the table is darker in the shadow below-right."""
    scene = book_on_table(128)
    book = scene[40:80, 40:80].mean()
    table_far = scene[5:15, 5:15].mean()
    shadow = scene[98:101, 60:80].mean()  # just below the book, offset down and right
    assert book > table_far + 0.2
    assert shadow < table_far - 0.1


@pytest.mark.parametrize("size", [15, 0, -1, 16.0, "128", True, None])
def test_book_on_table_rejects_bad_size(size):
    """A size that is not an integer >= 16 raises a ValueError naming `size`."""
    with pytest.raises(ValueError, match="size"):
        book_on_table(size)


@pytest.mark.parametrize("seed", [-1, 1.5, "0", None])
def test_book_on_table_rejects_bad_seed(seed):
    """A seed that is not a non-negative integer raises a ValueError naming `seed`."""
    with pytest.raises(ValueError, match="seed"):
        book_on_table(seed=seed)


def test_radial_pattern_grid():
    """The pattern samples sin(x^2 + y^2) on linspace(-extent, extent, size) in both axes."""
    t = np.linspace(-10, 10, 255)
    expected = np.sin(t[:, None] ** 2 + t[None, :] ** 2)
    assert_array_equal(radial_pattern(), expected)
    assert radial_pattern(7, extent=2.0).shape == (7, 7)


def test_radial_gradient_orientation():
    """gy grows down the rows and gx to the right, each matching a finite difference."""
    size, extent = 801, 3.0
    pattern = radial_pattern(size, extent)
    gy, gx = radial_gradient(size, extent)
    spacing = 2 * extent / (size - 1)
    numeric_gy, numeric_gx = np.gradient(pattern, spacing)
    inner = (slice(1, -1), slice(1, -1))  # np.gradient is one-sided at the border
    assert_allclose(gy[inner], numeric_gy[inner], atol=2e-3 * np.abs(gy).max())
    assert_allclose(gx[inner], numeric_gx[inner], atol=2e-3 * np.abs(gx).max())
    # Below the centre (y > 0) and just outside it, brightness rises downwards.
    centre = size // 2
    assert gy[centre + 5, centre] > 0
    assert gx[centre, centre + 5] > 0


@pytest.mark.parametrize(
    ("size", "extent", "name"),
    [
        (2, 1.0, "size"),
        (9.5, 1.0, "size"),
        (9, 0.0, "extent"),
        (9, -1.0, "extent"),
        (9, float("inf"), "extent"),
        (9, "10", "extent"),
    ],
)
def test_radial_rejects_bad_arguments(size, extent, name):
    """Bad size or extent raise a ValueError naming the argument, for pattern and gradient."""
    with pytest.raises(ValueError, match=name):
        radial_pattern(size, extent)
    with pytest.raises(ValueError, match=name):
        radial_gradient(size, extent)


def test_photograph_loads_offline_with_known_shape():
    """matplotlib's bundled Grace Hopper photo loads as 600x512 grayscale in [0, 1]."""
    photo = photograph()
    assert photo.shape == (600, 512)
    assert photo.dtype == np.float64
    assert 0.0 <= photo.min() < 0.1
    assert 0.9 < photo.max() <= 1.0


def test_photograph_scale_halves_and_averages():
    """scale=2 halves both sides, each pixel the mean of a 2x2 block of the full photo."""
    full, half = photograph(), photograph(scale=2)
    assert half.shape == (300, 256)
    assert_allclose(half[10, 20], full[20:22, 40:42].mean(), rtol=1e-12)


def test_photograph_scale_crops_to_a_multiple():
    """A scale that does not divide the size drops the leftover rows and columns."""
    assert photograph(scale=7).shape == (600 // 7, 512 // 7)


@pytest.mark.parametrize("scale", [0, -2, 1.5, "2", True, 10_000])
def test_photograph_rejects_bad_scale(scale):
    """A scale that is not a usable positive integer raises a ValueError naming `scale`."""
    with pytest.raises(ValueError, match="scale"):
        photograph(scale)
    with pytest.raises(ValueError, match="scale"):
        photograph_uint8(scale)


def test_photograph_uint8_matches_float_version():
    """The uint8 photo is the float photo times 255, rounded, with the full 0..255 range used."""
    photo = photograph_uint8(scale=2)
    assert photo.dtype == np.uint8
    assert photo.shape == (300, 256)
    assert_array_equal(photo, np.round(photograph(scale=2) * 255))
    assert photo.min() < 20
    assert photo.max() > 235


def test_to_grayscale_uses_bt601_weights():
    """Pure red, green and blue map to the ITU-R BT.601 weights 0.299, 0.587, 0.114."""
    rgb = np.array([[[1.0, 0, 0], [0, 1.0, 0], [0, 0, 1.0]]])
    assert_allclose(_to_grayscale(rgb), [[0.299, 0.587, 0.114]], rtol=1e-15)


def test_to_grayscale_scales_uint8_and_drops_alpha():
    """uint8 input is divided by 255 and an alpha channel is ignored."""
    rgba = np.array([[[255, 255, 255, 0], [0, 0, 0, 255]]], dtype=np.uint8)
    assert_allclose(_to_grayscale(rgba), [[1.0, 0.0]], atol=1e-15)
    gray = np.array([[0, 255]], dtype=np.uint8)
    assert_array_equal(_to_grayscale(gray), [[0.0, 1.0]])


def test_to_grayscale_2d_float_is_a_copy():
    """A 2-D float image comes back equal but as a new array."""
    image = np.random.default_rng(0).random((4, 5))
    gray = _to_grayscale(image)
    assert_array_equal(gray, image)
    assert not np.shares_memory(gray, image)


@given(arrays(np.uint8, st.tuples(st.integers(1, 6), st.integers(1, 6), st.sampled_from([3, 4]))))
def test_to_grayscale_uint8_range_and_no_mutation(image):
    """Any uint8 RGB(A) image maps into [0, 1] as float64 and is left unchanged."""
    before = image.copy()
    gray = _to_grayscale(image)
    assert gray.dtype == np.float64
    assert gray.shape == image.shape[:2]
    assert np.all((gray >= 0.0) & (gray <= 1.0 + 1e-12))
    assert_array_equal(image, before)


@pytest.mark.parametrize(
    "image",
    [
        np.zeros(5),
        np.zeros((2, 2, 2)),
        np.zeros((2, 2, 5)),
        np.zeros((1, 2, 2, 3)),
        np.zeros((0, 4, 3)),
        np.zeros((0, 4)),
        [[1, 2], [3]],
    ],
)
def test_to_grayscale_rejects_bad_shapes(image):
    """Shapes other than (H, W), (H, W, 3), (H, W, 4), or empty: ValueError naming `image`."""
    with pytest.raises(ValueError, match="image"):
        _to_grayscale(image)


@pytest.mark.parametrize(
    "image",
    [
        np.zeros((2, 2), dtype=complex),
        np.zeros((2, 2, 3), dtype=complex),
        [["a", "b"]],
        np.array([[[object(), 1, 2]]], dtype=object),
    ],
)
def test_to_grayscale_rejects_non_real(image):
    """Complex or non-numeric values raise a TypeError naming `image`."""
    with pytest.raises(TypeError, match="image"):
        _to_grayscale(image)


def test_named_images_are_the_functions_images_in_the_order_asked():
    """Each widget image name gives what its function gives, fresh, in the order asked for."""
    images = named_images()
    assert list(images) == list(IMAGE_NAMES)
    assert_array_equal(images["step edge 6x6"], step_edge())
    assert_array_equal(images["photograph"], photograph(scale=2))
    assert_array_equal(images["book on a table"], book_on_table(256))
    assert list(named_images("photograph", "classic 5x5")) == ["photograph", "classic 5x5"]
    images["classic 5x5"][0, 0] = 99.0
    assert named_images("classic 5x5")["classic 5x5"][0, 0] == 1.0


@pytest.mark.parametrize("name", ["nothing", None, 3])
def test_named_images_refuse_unknown_names(name):
    """An unknown name gets a ValueError listing the names."""
    with pytest.raises(ValueError, match="name must be one of"):
        named_images(name)


def test_photograph_channels_mix_back_to_the_grey_photograph():
    """The colour channels (C, H, W) in [0, 1], mixed with the luma weights, give photograph()."""
    from helpers.images import photograph, photograph_channels

    rgb = photograph_channels(scale=4)
    assert rgb.shape == (3, 150, 128) and rgb.dtype == np.float64
    assert 0 <= rgb.min() and rgb.max() <= 1
    mixed = np.tensordot([0.299, 0.587, 0.114], rgb, axes=1)
    np.testing.assert_allclose(mixed, photograph(scale=4), atol=1e-12)
    with pytest.raises(ValueError, match="scale"):
        photograph_channels(scale=1000)


def test_edge_examples_are_labelled_straight_edges():
    """Half vertical (every row alike, label 1), half horizontal (every column alike),
    seeded, one channel; noise=0 leaves exactly two brightness levels."""
    from helpers.images import edge_examples

    images, labels = edge_examples(count=20, size=8, seed=3, noise=0.0)
    assert images.shape == (20, 1, 8, 8) and labels.tolist().count(1) == 10
    for image, label in zip(images[:, 0], labels, strict=True):
        alike = image if label == 1 else image.T
        assert (alike == alike[:1]).all()
        assert len(np.unique(image)) == 2
    again, _ = edge_examples(count=20, size=8, seed=3, noise=0.0)
    np.testing.assert_array_equal(images, again)
    noisy, _ = edge_examples(count=20, size=8, seed=3)
    assert 0.05 < np.std(noisy - images) < 0.2
    for bad in ({"count": 3}, {"size": 3}, {"noise": -1.0}, {"seed": -1}):
        with pytest.raises(ValueError):
            edge_examples(**bad)
