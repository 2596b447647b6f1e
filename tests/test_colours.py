"""Tests for helpers.colours: one rule for colour limits, text colour and numbers, everywhere."""

from decimal import Decimal
from fractions import Fraction

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pytest

from helpers.colours import (
    format_number,
    signed_limit,
    symmetric_limits,
    text_colour,
    unsigned_limits,
)
from helpers.plotting import show_images, show_matrix, show_signed
from helpers.render import LEVELS, palette, signed_levels, unsigned_levels
from helpers.widgets import html_table


@pytest.mark.parametrize(
    ("array", "expected"),
    [
        ([[0, 30], [-10, 5]], 30.0),
        ([[0, -30], [10, 5]], 30.0),
        ([[0.0, np.nan], [-2.5, 1.0]], 2.5),
        ([[np.inf, -4.0], [-np.inf, 1.0]], 4.0),
        ([[0, 0], [0, 0]], 1.0),
        ([[np.nan, np.nan]], 1.0),
        ([[np.inf, -np.inf]], 1.0),
        ([3, -7], 7.0),
        (np.array([[200, 10]], dtype=np.uint8), 200.0),
        (np.array([[-128, 5]], dtype=np.int8), 128.0),
        (np.array([[True, False]]), 1.0),
        ([[1e-300, 0.0]], 1e-300),
    ],
)
def test_signed_limit(array, expected):
    """m is the largest finite |value|, ignoring NaN and infinities, and 1 when nothing is left."""
    assert signed_limit(array) == expected
    assert symmetric_limits(array) == (-expected, expected)
    assert all(type(v) is float for v in symmetric_limits(array))


def test_signed_limit_rejects_complex_input():
    """Complex values have no sign to centre, so they raise a TypeError."""
    with pytest.raises(TypeError, match="values"):
        signed_limit([[1j, 2]])


@pytest.mark.parametrize(
    "values",
    [
        np.zeros((3, 3)),
        np.array([[0.0, 30.0], [-10.0, 5.0]]),
        np.array([[np.nan, 0.0], [2.0, 0.0]]),
    ],
    ids=["all-zero", "signed", "nan"],
)
def test_figures_widget_pictures_and_tables_take_the_same_limits(values):
    """matplotlib figures, the widgets' PNG levels and the HTML tables use one limit rule."""
    m = signed_limit(values)
    assert show_matrix(values, signed=True).image.get_clim() == (-m, m)
    assert show_signed(values).image.get_clim() == (-m, m)
    _, limit = signed_levels(values)
    assert limit == m
    table = html_table(values, "t", colours=True)
    levels, _ = signed_levels(values, m)
    finite = np.isfinite(values)
    red, green, blue = palette()[levels[finite][0]]
    assert f"background:rgb({red},{green},{blue})" in table
    plt.close("all")


@pytest.mark.parametrize(
    "values",
    [
        np.array([[10.0, 20.0], [30.0, 40.0]]),
        np.full((3, 3), 7.0),
        np.array([[np.nan, 2.0], [np.inf, 5.0]]),
        np.array([[np.nan, np.nan]]),
    ],
    ids=["ramp", "flat", "non-finite", "all-nan"],
)
def test_unsigned_pictures_take_one_scale_in_figures_and_widgets(values):
    """A picture's grey scale runs over the same limits in a figure and in a widget's PNG."""
    low, high = unsigned_limits(values, from_zero=False)
    _, axes = show_images([values], signed=False)
    assert axes[0].images[0].get_clim() == (low, high)
    finite = values[np.isfinite(values)]
    levels = unsigned_levels(values)[np.isfinite(values)]
    # The widget's level of each finite value is its place between the same two limits.
    expected = np.floor((finite - low) / (high - low) * (LEVELS - 1) + 0.5)
    np.testing.assert_array_equal(levels, expected.astype(np.uint8))
    plt.close("all")


@pytest.mark.parametrize(
    ("colour", "expected"),
    [("white", "black"), ("black", "white"), ("#053061", "white"), ((0.97, 0.97, 0.97), "black")],
)
def test_text_colour_contrasts_with_the_cell(colour, expected):
    assert text_colour(colour) == expected


def test_text_colour_agrees_between_figures_and_tables():
    """A matplotlib cell and an HTML table cell of the same value get the same text colour."""
    values = np.array([[-30.0, -10.0, 0.0, 12.0, 30.0]])
    texts = show_matrix(values, signed=True).texts
    table = html_table(values, "t", colours=True)
    for cell, text in zip(table.split("<td ")[1:], texts, strict=True):
        assert f"color:{text.get_color()}" in cell
    plt.close("all")


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (30.0, "30"),
        (-0.0, "0"),
        (0.5, "0.5"),
        (1 / 3, "0.333"),
        (-2.5, "-2.5"),
        (1234.56, "1235"),
        (12345.678, "12346"),
        (2.5e7 + 0.5, "2.5e+07"),
        (1e-5, "1e-05"),
        (-1e308, "-1e+308"),
        (np.inf, "inf"),
        (-np.inf, "-inf"),
        (np.nan, "nan"),
        (np.float32(0.25), "0.25"),
        (np.int64(-7), "-7"),
        (np.array(3.0), "3"),
        (Fraction(1, 3), "0.333"),
        (Decimal("2.5"), "2.5"),
        (10**400, "1e+400"),
        (-25 * 10**400, "-2.5e+401"),
        (True, "1"),
    ],
)
def test_format_number(value, text):
    """Whole numbers plain, large ones whole, others with three significant digits, never -0."""
    assert format_number(value) == text


@pytest.mark.parametrize(("value", "text"), [(-0.04, "0.0"), (0.25, "0.2"), (1.96, "2.0")])
def test_format_number_with_fixed_decimals(value, text):
    """decimals=1 writes one decimal, rounding half to even, and never -0.0."""
    assert format_number(value, decimals=1) == text
