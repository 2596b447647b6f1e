"""helpers.render: levels, palettes and PNG bytes match what matplotlib and Pillow would draw."""

import io
import warnings

import matplotlib as mpl
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from PIL import Image

from helpers.colours import DIVERGING_CMAP, HIGHLIGHT_COLOUR, MISSING_COLOUR
from helpers.render import (
    GRID,
    HIGHLIGHT,
    LEVELS,
    MISSING,
    ZERO_LEVEL,
    block_size,
    colour_bar_levels,
    draw_outline,
    palette,
    png_bytes,
    signed_levels,
    unsigned_levels,
    upscale,
)


@pytest.fixture(autouse=True)
def no_warnings():
    """Every test here fails on any warning (overflow, invalid cast, ...)."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        yield


def decode(data: bytes) -> Image.Image:
    return Image.open(io.BytesIO(data))


def reference_levels(values, limit):
    """Independent model of the signed scale: the middle level plus x / limit half-scales,
    rounded half away from zero (so that v and -v are mirrored)."""
    x = np.clip(np.asarray(values, dtype=float) / limit, -1.0, 1.0) * ((LEVELS - 1) / 2)
    return ((LEVELS - 1) // 2 + np.sign(x) * np.floor(np.abs(x) + 0.5)).astype(int)


# --- palette ----------------------------------------------------------------------


@pytest.mark.parametrize("cmap", [DIVERGING_CMAP, "gray", "magma"])
def test_palette_samples_the_colour_map_end_to_end(cmap):
    """Row 0 is the map's low end, row LEVELS - 1 its high end, the middle its centre."""
    table = palette(cmap)
    colour_map = mpl.colormaps[cmap]
    for level, where in ((0, 0.0), (ZERO_LEVEL, 0.5), (LEVELS - 1, 1.0)):
        expected = np.rint(np.array(colour_map(where)[:3]) * 255)
        assert np.abs(table[level].astype(int) - expected).max() <= 1


def test_palette_reserves_the_last_three_bytes():
    """NaN grey, grid grey and the course's highlight orange sit at 253, 254, 255."""
    table = palette()
    assert table.shape == (256, 3) and table.dtype == np.uint8
    assert MISSING == 253 and GRID == 254 and HIGHLIGHT == 255
    to_bytes = lambda colour: np.rint(np.array(mpl.colors.to_rgb(colour)) * 255)  # noqa: E731
    assert np.array_equal(table[MISSING], to_bytes(MISSING_COLOUR))
    assert np.array_equal(table[HIGHLIGHT], to_bytes(HIGHLIGHT_COLOUR))


def test_palette_is_cached_and_read_only():
    """The table is computed once per colour map and cannot be changed by accident."""
    assert palette("magma") is palette("magma")
    with pytest.raises(ValueError):
        palette("magma")[0, 0] = 1


def test_palette_rejects_unknown_colour_maps():
    """An unknown name says which argument was wrong."""
    with pytest.raises(ValueError, match="cmap"):
        palette("no such map")


# --- signed levels ----------------------------------------------------------------


def test_signed_levels_put_zero_in_the_middle_and_the_limits_at_the_ends():
    """0 is ZERO_LEVEL, -m is 0, +m is LEVELS - 1, with m the largest absolute value."""
    levels, limit = signed_levels([[-30.0, 0.0, 30.0, 15.0]])
    assert limit == 30.0
    assert levels.tolist() == [[0, ZERO_LEVEL, LEVELS - 1, reference_levels(15, 30)]]


def test_signed_levels_of_an_all_zero_array_do_not_divide_by_zero():
    """An all-zero output (an all-zero kernel) is drawn in the zero colour, on a scale of ±1."""
    levels, limit = signed_levels(np.zeros((4, 4)))
    assert limit == 1.0
    assert (levels == ZERO_LEVEL).all()


@pytest.mark.parametrize("big", [1e308, np.finfo(float).max, 5e-324])
def test_signed_levels_survive_extreme_magnitudes(big):
    """Values near the float limits (or subnormal) map to the ends without overflow."""
    levels, limit = signed_levels([[-big, 0.0, big]])
    assert limit == big
    assert levels.tolist() == [[0, ZERO_LEVEL, LEVELS - 1]]


def test_signed_levels_mark_nan_and_send_infinities_to_the_ends():
    """NaN is MISSING; infinities are left out of the limit and drawn at the ends."""
    levels, limit = signed_levels([[np.nan, -np.inf, np.inf, 2.0, -1.0]])
    assert limit == 2.0
    assert levels.tolist() == [[MISSING, 0, LEVELS - 1, LEVELS - 1, reference_levels(-1, 2)]]
    levels, limit = signed_levels([[np.nan, np.nan]])
    assert limit == 1.0 and (levels == MISSING).all()


def test_signed_levels_with_a_given_limit_clip_beyond_it():
    """A fixed limit keeps the scale steady; larger values saturate at the ends."""
    levels, limit = signed_levels([[-100.0, 5.0, 100.0]], limit=10.0)
    assert limit == 10.0
    assert levels.tolist() == [[0, reference_levels(5, 10), LEVELS - 1]]


@pytest.mark.parametrize("limit", [-1.0, 0.0, np.nan, np.inf, "ten"])
def test_signed_levels_reject_a_bad_limit(limit):
    """Zero, negative, NaN, infinite or non-numeric limits are refused by name."""
    with pytest.raises((ValueError, TypeError), match="limit"):
        signed_levels([[1.0]], limit=limit)


@settings(max_examples=200, deadline=None)
@given(
    arrays(
        np.float64,
        st.tuples(st.integers(1, 6), st.integers(1, 6)),
        elements=st.floats(allow_nan=True, allow_infinity=True, width=64),
    )
)
def test_signed_levels_properties(values):
    """Mirror symmetry, agreement with the reference scale, NaN marking; never a warning."""
    original = values.copy()
    levels, limit = signed_levels(values)
    np.testing.assert_array_equal(values, original)  # input untouched
    assert levels.dtype == np.uint8 and levels.shape == values.shape
    nan = np.isnan(values)
    assert (levels[nan] == MISSING).all()
    assert (levels[~nan] < LEVELS).all()
    negated, same_limit = signed_levels(-values)
    assert same_limit == limit
    np.testing.assert_array_equal(negated[~nan], (LEVELS - 1) - levels[~nan].astype(int))
    finite = np.isfinite(values)
    if limit > 0:
        np.testing.assert_array_equal(levels[finite], reference_levels(values[finite], limit))


# --- unsigned levels --------------------------------------------------------------


def test_unsigned_levels_span_the_finite_values():
    """The darkest pixel gets level 0 and the brightest LEVELS - 1."""
    levels = unsigned_levels([[0.2, 0.6, 1.0]])
    assert levels.tolist() == [[0, ZERO_LEVEL, LEVELS - 1]]


def test_unsigned_levels_of_a_flat_image_are_level_zero():
    """No division by a zero span."""
    assert (unsigned_levels(np.full((3, 3), 7.0)) == 0).all()


def test_unsigned_levels_with_a_span_that_overflows():
    """-1e308 .. 1e308 spans more than a float holds; the scale still works, silently."""
    levels = unsigned_levels([[-1e308, 0.0, 1e308]])
    assert levels.tolist() == [[0, ZERO_LEVEL, LEVELS - 1]]


def test_unsigned_levels_mark_nan_and_clip_to_given_limits():
    """NaN is MISSING; values outside (low, high) go to the nearer end."""
    levels = unsigned_levels([[np.nan, -1.0, 0.5, 9.0]], low=0.0, high=1.0)
    assert levels.tolist() == [[MISSING, 0, ZERO_LEVEL, LEVELS - 1]]


# --- upscale, outline, colour bar, block size -------------------------------------


def test_upscale_repeats_pixels_without_blurring():
    """Each pixel becomes a block of identical bytes (nearest neighbour)."""
    small = np.arange(6, dtype=np.uint8).reshape(2, 3)
    big = upscale(small, 5)
    assert big.shape == (10, 15)
    np.testing.assert_array_equal(big[::5, ::5], small)
    np.testing.assert_array_equal(big[4::5, 4::5], small)


def test_upscale_grid_lines_surround_every_block():
    """With grid=True the first and last row and column of each block are GRID."""
    big = upscale(np.zeros((2, 2), dtype=np.uint8), 8, grid=True)
    assert (big[[0, 7, 8, 15], :] == GRID).all()
    assert (big[:, [0, 7, 8, 15]] == GRID).all()
    assert (big[1:7, 1:7] == 0).all()
    assert not (upscale(np.zeros((2, 2), dtype=np.uint8), 2, grid=True) == GRID).any()


def test_upscale_rejects_a_block_below_one():
    with pytest.raises(ValueError, match="block"):
        upscale(np.zeros((2, 2), dtype=np.uint8), 0)


def test_draw_outline_frames_the_window_cells():
    """The outline lies on the window's outer pixels and nowhere else."""
    picture = np.zeros((60, 60), dtype=np.uint8)
    draw_outline(picture, (1, 2, 3, 3), block=10, thickness=2)
    inside = picture[10:40, 20:50]
    assert (inside[:2] == HIGHLIGHT).all() and (inside[-2:] == HIGHLIGHT).all()
    assert (inside[:, :2] == HIGHLIGHT).all() and (inside[:, -2:] == HIGHLIGHT).all()
    assert (inside[2:-2, 2:-2] == 0).all()
    assert (picture == HIGHLIGHT).sum() == (inside == HIGHLIGHT).sum()


def test_draw_outline_with_margin_stays_inside_the_picture():
    """A window in a corner of a large picture: the margin is clipped, nothing raises."""
    picture = np.zeros((20, 20), dtype=np.uint8)
    draw_outline(picture, (0, 0, 3, 3), thickness=1, margin=3)
    # The window covers pixels 0-2; 3 pixels of room put the line on pixel 6.
    assert picture[0, 0] == HIGHLIGHT and picture[6, 6] == HIGHLIGHT
    assert picture[5, 5] == 0 and picture[7, 7] == 0


def test_colour_bar_runs_through_every_level():
    """The bar starts at level 0, ends at LEVELS - 1 and rises monotonically."""
    bar = colour_bar_levels(300, 4)
    assert bar.shape == (4, 300)
    assert bar[0, 0] == 0 and bar[0, -1] == LEVELS - 1
    assert (np.diff(bar[0].astype(int)) >= 0).all()
    vertical = colour_bar_levels(50, 3, vertical=True)
    assert vertical.shape == (50, 3) and vertical[0, 0] == LEVELS - 1
    with pytest.raises(ValueError):
        colour_bar_levels(1, 3)


@pytest.mark.parametrize(
    ("shape", "block"), [((6, 6), 40), ((5, 5), 48), ((1, 1), 48), ((300, 256), 1), ((60, 30), 4)]
)
def test_block_size(shape, block):
    """Small images are blown up to about 240 pixels, large ones left alone."""
    assert block_size(shape) == block


# --- PNG --------------------------------------------------------------------------


def test_png_round_trip_gives_back_levels_and_palette():
    """Pillow reads back the same bytes and the same 256-colour palette."""
    rng = np.random.default_rng(0)
    levels = rng.integers(0, 256, size=(37, 53), dtype=np.uint8)
    picture = decode(png_bytes(levels, "magma"))
    assert picture.format == "PNG" and picture.mode == "P" and picture.size == (53, 37)
    np.testing.assert_array_equal(np.asarray(picture), levels)
    stored = np.array(picture.getpalette()[: 256 * 3], dtype=np.uint8).reshape(256, 3)
    np.testing.assert_array_equal(stored, palette("magma"))


def test_png_colours_match_matplotlib_normalisation():
    """Decoded colours equal matplotlib's map at Normalize(-m, m) of each value (within a level)."""
    values = np.linspace(-7.0, 7.0, 29).reshape(1, -1)
    levels, limit = signed_levels(values)
    data = png_bytes(levels)
    rgb = np.asarray(decode(data).convert("RGB"), dtype=int)[0]
    norm = mpl.colors.Normalize(-limit, limit)
    expected = np.rint(mpl.colormaps[DIVERGING_CMAP](norm(values[0]))[:, :3] * 255)
    # One colour level of the 253 is at most a few units of 255 in any channel.
    assert np.abs(rgb - expected).max() <= 4


@pytest.mark.parametrize("bad", [np.zeros((0, 3), dtype=np.uint8), np.zeros(5, dtype=np.uint8)])
def test_png_bytes_rejects_empty_or_1d(bad):
    with pytest.raises(ValueError, match="levels"):
        png_bytes(bad)


def test_png_is_deterministic():
    """The same levels always give the same bytes (nothing time-stamped)."""
    levels = np.arange(256, dtype=np.uint8).reshape(16, 16)
    assert png_bytes(levels) == png_bytes(levels.copy())
