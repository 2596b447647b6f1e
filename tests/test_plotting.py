"""Tests for helpers.plotting: what each figure contains, not how it looks."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.patches import Rectangle

from helpers.colours import DIVERGING_CMAP, IMAGE_CMAP, MISSING_COLOUR, SEQUENTIAL_CMAP
from helpers.plotting import show_images, show_matrix, show_signed

EDGE_IMAGE = np.array([[10, 10, 10, 0, 0, 0]] * 6, dtype=float)
EDGE_RESPONSE = np.array([[0, 30, 30, 0]] * 4, dtype=float)
FLIPPED_RESPONSE = -EDGE_RESPONSE


@pytest.fixture(autouse=True)
def close_figures():
    """Close every figure a test opened, so tests stay independent and memory flat."""
    yield
    plt.close("all")


def texts_of(plot):
    return [text.get_text() for text in plot.texts]


# --- show_matrix ---------------------------------------------------------------------


def test_show_matrix_writes_one_text_per_cell_in_row_major_order():
    """Every cell gets exactly one text, whole numbers without decimals."""
    plot = show_matrix([[0, 30], [-30, 0.5]])
    assert texts_of(plot) == ["0", "30", "-30", "0.5"]
    assert len(plot.ax.texts) == 4


def test_show_matrix_texts_sit_at_cell_centres():
    """The text of cell (r, c) is drawn at x=c, y=r."""
    plot = show_matrix(np.arange(6).reshape(2, 3))
    positions = [text.get_position() for text in plot.texts]
    assert positions == [(c, r) for r in range(2) for c in range(3)]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (30.0, "30"),
        (-30.0, "-30"),
        (0.5, "0.5"),
        (-0.0, "0"),
        (1 / 3, "0.333"),
        (1e-5, "1e-05"),
        (1234.5, "1234"),
        (np.inf, "inf"),
    ],
)
def test_show_matrix_formats_numbers_compactly(value, expected):
    """Integer-valued floats print without decimals, others with three significant digits."""
    plot = show_matrix([[value, 1.0]])
    assert plot.texts[0].get_text() == expected


@pytest.mark.parametrize(
    ("fmt", "expected"),
    [(".2f", "0.50"), ("{:.0%}", "50%"), (lambda v: f"<{v}>", "<0.5>")],
)
def test_show_matrix_fmt_overrides_the_default_format(fmt, expected):
    """fmt accepts a format spec, a brace template or a function."""
    plot = show_matrix([[0.5]], fmt=fmt)
    assert texts_of(plot) == [expected]


def test_show_matrix_text_contrasts_with_the_cell():
    """Text is white on a dark cell and black on a light one."""
    plot = show_matrix([[10, 0]], cmap="Blues")  # 10 is dark blue, 0 near white
    assert [text.get_color() for text in plot.texts] == ["white", "black"]
    plot = show_matrix([[10, 0]])  # the default grey map: 10 is white, 0 black
    assert [text.get_color() for text in plot.texts] == ["black", "white"]


def test_show_matrix_highlights_the_window():
    """window=(row, col, height, width) outlines exactly those cells."""
    plot = show_matrix(EDGE_IMAGE, window=(1, 2, 3, 3))
    rectangles = [p for p in plot.ax.patches if isinstance(p, Rectangle)]
    assert rectangles == [plot.window]
    assert plot.window.get_xy() == (1.5, 0.5)
    assert (plot.window.get_width(), plot.window.get_height()) == (3, 3)
    assert not plot.window.get_fill()
    assert plot.window.get_linewidth() >= 3


def test_show_matrix_without_window_draws_no_rectangle():
    """No window means no highlight patch."""
    plot = show_matrix(EDGE_IMAGE)
    assert plot.window is None
    assert len(plot.ax.patches) == 0


@pytest.mark.parametrize(
    "window",
    [
        (0, 0, 4, 4),  # larger than the matrix
        (2, 2, 2, 1),  # runs off the bottom
        (-1, 0, 1, 1),  # negative start
        (0, 0, 0, 1),  # empty
        (0, 0, 1),  # too short
        (0.5, 0, 1, 1),  # not integers
        "abcd",
        5,
    ],
)
def test_show_matrix_rejects_a_bad_window(window):
    """A window that is not four integers inside the matrix raises a ValueError naming it."""
    with pytest.raises(ValueError, match="window"):
        show_matrix(np.zeros((3, 3)), window=window)


def test_show_matrix_accepts_a_window_covering_the_whole_matrix():
    """The window may touch every border."""
    plot = show_matrix(np.zeros((3, 4)), window=(0, 0, 3, 4))
    assert plot.window.get_xy() == (-0.5, -0.5)


def test_show_matrix_signed_data_gets_symmetric_limits_and_the_diverging_map():
    """Negative values switch to a diverging map centred at zero."""
    plot = show_matrix([[0, 30], [-10, 5]])
    assert plot.image.get_clim() == (-30.0, 30.0)
    assert plot.image.get_cmap().name == DIVERGING_CMAP


def test_show_matrix_unsigned_data_gets_the_sequential_map_from_zero():
    """Non-negative data runs on the sequential map from 0 to its maximum."""
    plot = show_matrix([[5, 30], [10, 20]])
    assert plot.image.get_clim() == (0.0, 30.0)
    assert plot.image.get_cmap().name == SEQUENTIAL_CMAP


def test_show_matrix_signed_can_be_forced():
    """signed=True centres non-negative data at zero; signed=False does not."""
    assert show_matrix(EDGE_RESPONSE, signed=True).image.get_clim() == (-30.0, 30.0)
    forced_off = show_matrix(FLIPPED_RESPONSE, signed=False)
    assert forced_off.image.get_clim() == (-30.0, 0.0)
    assert forced_off.image.get_cmap().name == SEQUENTIAL_CMAP


def test_show_matrix_custom_cmap():
    """An explicit cmap replaces the default one."""
    assert show_matrix([[1, 2]], cmap="cividis").image.get_cmap().name == "cividis"


def test_show_matrix_rejects_a_non_bool_signed():
    """signed must be True, False or None."""
    with pytest.raises(ValueError, match="signed"):
        show_matrix([[1, 2]], signed="yes")


def test_show_matrix_sets_title_labels_and_ticks():
    """Title, axis labels and one tick label per row and column are set."""
    plot = show_matrix(np.zeros((2, 3)), title="kernel")
    assert plot.ax.get_title() == "kernel"
    assert plot.ax.get_xlabel() == "column"
    assert plot.ax.get_ylabel() == "row"
    assert list(plot.ax.get_xticks()) == [0, 1, 2]
    assert list(plot.ax.get_yticks()) == [0, 1]


def test_show_matrix_draws_row_zero_at_the_top():
    """Rows go down the page, as in a printed matrix."""
    plot = show_matrix(np.zeros((3, 3)))
    bottom, top = plot.ax.get_ylim()
    assert bottom > top


def test_show_matrix_colorbar_only_when_asked():
    """colorbar=False (the default) adds none; True adds one."""
    assert show_matrix([[1, 2]]).colorbar is None
    plot = show_matrix([[1, 2]], colorbar=True)
    assert plot.colorbar is not None
    assert len(plot.fig.axes) == 2


def test_show_matrix_draws_into_a_given_axes():
    """With ax=..., the figure is ax's and no new figure is opened."""
    fig, (left, right) = plt.subplots(1, 2)
    plot = show_matrix([[1, 2]], ax=right)
    assert plot.ax is right
    assert plot.fig is fig
    assert plt.get_fignums() == [fig.number]
    assert len(left.texts) == 0


def test_show_matrix_does_not_modify_its_input():
    """The matrix passed in is unchanged, even a float64 array the plot could share."""
    matrix = np.array([[1.5, -2.0], [np.nan, 4.0]])
    before = matrix.copy()
    show_matrix(matrix, window=(0, 0, 1, 1), colorbar=True).fig.canvas.draw()
    np.testing.assert_array_equal(matrix, before)


def test_show_matrix_nan_cell_shows_nan_without_crashing():
    """A NaN cell reads "nan" on the missing-value colour; limits come from finite values."""
    plot = show_matrix([[1.0, np.nan], [-2.0, 0.0]])
    plot.fig.canvas.draw()
    assert texts_of(plot) == ["1", "nan", "-2", "0"]
    assert plot.image.get_clim() == (-2.0, 2.0)
    assert plot.image.get_cmap().get_bad() == pytest.approx(
        matplotlib.colors.to_rgba(MISSING_COLOUR)
    )


def test_show_matrix_all_zero_does_not_crash():
    """An all-zero matrix draws with non-degenerate limits, signed or not."""
    plot = show_matrix(np.zeros((3, 3)))
    plot.fig.canvas.draw()
    assert texts_of(plot) == ["0"] * 9
    assert plot.image.get_clim() == (0.0, 1.0)
    assert show_matrix(np.zeros((3, 3)), signed=True).image.get_clim() == (-1.0, 1.0)


@pytest.mark.parametrize(
    ("matrix", "error"),
    [([1, 2, 3], ValueError), ([[]], ValueError), ([[1j]], TypeError), ([["a"]], TypeError)],
)
def test_show_matrix_rejects_bad_matrices_naming_the_argument(matrix, error):
    """Non-2-D, empty or non-real input raises an error that names matrix."""
    with pytest.raises(error, match="matrix"):
        show_matrix(matrix)


def test_show_matrix_repr_has_no_memory_address():
    """The returned plot's repr is stable, so stored notebook outputs do not change."""
    assert repr(show_matrix(np.zeros((2, 3)))) == "<MatrixPlot of a 2x3 matrix>"


# --- show_images ---------------------------------------------------------------------


def test_show_images_makes_one_axes_per_image_with_titles():
    """One panel per image, titled in order."""
    fig, axes = show_images(
        [EDGE_IMAGE, EDGE_RESPONSE, FLIPPED_RESPONSE], titles=["image", "edge", "flipped"]
    )
    assert len(axes) == 3
    assert [ax.get_title() for ax in axes] == ["image", "edge", "flipped"]
    assert all(ax.figure is fig for ax in axes)


def test_show_images_signed_panels_are_centred_with_colorbars():
    """Signed images get the diverging map, limits (-m, m) and a colour bar."""
    _, axes = show_images([EDGE_IMAGE, FLIPPED_RESPONSE])
    image, response = (ax.images[0] for ax in axes)
    assert response.get_cmap().name == DIVERGING_CMAP
    assert response.get_clim() == (-30.0, 30.0)
    assert response.colorbar is not None
    assert image.get_cmap().name == IMAGE_CMAP
    assert image.get_clim() == (0.0, 10.0)


def test_show_images_colorbar_false_adds_none():
    """colorbar=False leaves only the image panels."""
    fig, axes = show_images([EDGE_IMAGE, FLIPPED_RESPONSE], colorbar=False)
    assert len(fig.axes) == 2
    assert all(ax.images[0].colorbar is None for ax in axes)


def test_show_images_signed_can_be_set_per_image():
    """signed=[None, True] auto-detects the first and centres the second."""
    _, axes = show_images([EDGE_IMAGE, EDGE_RESPONSE], signed=[None, True])
    assert axes[0].images[0].get_cmap().name == IMAGE_CMAP
    assert axes[1].images[0].get_cmap().name == DIVERGING_CMAP
    assert axes[1].images[0].get_clim() == (-30.0, 30.0)


def test_show_images_signed_false_uses_cmap_for_all():
    """signed=False draws every image on the given cmap."""
    _, axes = show_images([EDGE_IMAGE, FLIPPED_RESPONSE], signed=False, cmap="cividis")
    assert [ax.images[0].get_cmap().name for ax in axes] == ["cividis", "cividis"]


def test_show_images_hides_ticks_and_keeps_aspect():
    """Panels have no ticks and square pixels."""
    _, axes = show_images([np.zeros((4, 8)), np.ones((8, 4))])
    for ax in axes:
        assert len(ax.get_xticks()) == 0
        assert len(ax.get_yticks()) == 0
        assert ax.get_aspect() == 1.0


def test_show_images_grid_and_suptitle():
    """ncols wraps the panels, unused grid cells are removed and the suptitle is set."""
    fig, axes = show_images([EDGE_IMAGE] * 3, ncols=2, suptitle="three", colorbar=False)
    assert len(axes) == 3
    assert len(fig.axes) == 3
    assert fig.get_suptitle() == "three"
    rows = {ax.get_subplotspec().rowspan.start for ax in axes}
    assert rows == {0, 1}


@pytest.mark.parametrize("titles", [["only one"], ["a", "b", "c"], "ab"])
def test_show_images_rejects_titles_that_do_not_match(titles):
    """titles must have one entry per image."""
    with pytest.raises(ValueError, match="titles"):
        show_images([EDGE_IMAGE, EDGE_RESPONSE], titles=titles)


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [
        ({"images": []}, "images"),
        ({"images": EDGE_IMAGE}, "images"),
        ({"images": [EDGE_IMAGE, [1, 2]]}, r"images\[1\]"),
        ({"images": [EDGE_IMAGE], "signed": [True, False]}, "signed"),
        ({"images": [EDGE_IMAGE], "ncols": 0}, "ncols"),
    ],
)
def test_show_images_rejects_bad_arguments_naming_them(kwargs, name):
    """Empty or malformed inputs raise a ValueError that names the argument."""
    with pytest.raises(ValueError, match=name):
        show_images(**kwargs)


def test_show_images_does_not_modify_its_inputs():
    """The arrays passed in are unchanged."""
    images = [EDGE_IMAGE.copy(), np.array([[np.nan, -1.0], [2.0, 0.0]])]
    before = [image.copy() for image in images]
    show_images(images)[0].canvas.draw()
    for image, original in zip(images, before, strict=True):
        np.testing.assert_array_equal(image, original)


# --- show_signed ---------------------------------------------------------------------


def test_show_signed_centres_at_zero_with_a_labelled_colorbar():
    """The diverging map, symmetric limits, the title and the colour bar label are set."""
    plot = show_signed(EDGE_RESPONSE, title="edge", label="response")
    assert plot.image.get_cmap().name == DIVERGING_CMAP
    assert plot.image.get_clim() == (-30.0, 30.0)
    assert plot.ax.get_title() == "edge"
    assert plot.colorbar.ax.get_ylabel() == "response"


def test_show_signed_without_colorbar_and_into_a_given_axes():
    """colorbar=False adds none; ax=... is drawn into."""
    fig, ax = plt.subplots()
    plot = show_signed(FLIPPED_RESPONSE, ax=ax, colorbar=False)
    assert plot.colorbar is None
    assert plot.ax is ax
    assert fig.axes == [ax]


def test_show_signed_handles_nan_and_all_zero_without_modifying_input():
    """NaN and all-zero arrays draw, and the input is left as it was."""
    array = np.array([[np.nan, 0.0], [0.0, 0.0]])
    before = array.copy()
    plot = show_signed(array)
    plot.fig.canvas.draw()
    assert plot.image.get_clim() == (-1.0, 1.0)
    np.testing.assert_array_equal(array, before)


# --- rendering -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "draw",
    [
        lambda: show_matrix(EDGE_IMAGE, title="image", window=(0, 0, 3, 3), colorbar=True).fig,
        lambda: show_matrix([[np.nan, -1.5], [0.25, 0.0]]).fig,
        lambda: show_images([EDGE_IMAGE, EDGE_RESPONSE, FLIPPED_RESPONSE], ncols=2)[0],
        lambda: show_signed(np.zeros((5, 5)), title="zero", label="response").fig,
    ],
    ids=["show_matrix", "show_matrix_nan", "show_images", "show_signed"],
)
def test_every_function_renders(draw):
    """The whole figure, text and colour bars included, renders on the Agg canvas."""
    fig = draw()
    fig.canvas.draw()
    assert fig.canvas.buffer_rgba() is not None
