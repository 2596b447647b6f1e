"""The shared input checks of helpers._validate, seen through the helpers that use them."""

import math
import re
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest

from helpers._validate import as_real_values
from helpers.colours import picture_limit, signed_limit, unsigned_limits
from helpers.conv import correlate2d, output_shape
from helpers.images import edge_examples, radial_pattern, step_edge
from helpers.kernels import VERTICAL
from helpers.layers import conv2d, numerical_gradient
from helpers.learn import learn_kernel, predict
from helpers.padding import output_size, pad
from helpers.parameters import neighbour_correlation
from helpers.plotting import show_matrix
from helpers.render import (
    block_size,
    colour_bar_levels,
    draw_outline,
    signed_levels,
    unsigned_levels,
    upscale,
)
from helpers.windows import window_at

PICTURE = np.zeros((8, 8), dtype=np.uint8)
RAMP = np.add.outer(np.arange(4.0), np.arange(5.0))


@pytest.mark.parametrize(
    "bad", [0, -1.5, float("nan"), float("inf"), True, "1", 1j, Decimal(1), 10**400]
)
@pytest.mark.parametrize(
    "call, name",
    [
        (lambda v: radial_pattern(9, extent=v), "extent"),
        (
            lambda v: learn_kernel([np.ones((4, 4))], [np.ones((2, 2))], learning_rate=v),
            "learning_rate",
        ),
        (lambda v: numerical_gradient(np.sum, np.ones(2), step=v), "step"),
        (lambda v: signed_levels(np.ones((2, 2)), limit=v), "limit"),
    ],
)
def test_positive_numbers_take_one_rule(call, name, bad):
    """Rates, nudges, extents and colour limits refuse the same values with the same words."""
    with pytest.raises(ValueError, match=f"^{name} must be a positive finite number, got "):
        call(bad)


def test_none_is_refused_where_it_means_nothing():
    """None is the automatic colour limit, but no rate, nudge or extent."""
    for call, name in [
        (lambda: radial_pattern(9, extent=None), "extent"),
        (lambda: numerical_gradient(np.sum, np.ones(2), step=None), "step"),
    ]:
        with pytest.raises(ValueError, match=f"^{name} must be a positive finite number"):
            call()


@pytest.mark.parametrize("bad", [-0.1, float("nan"), float("inf"), True, "0"])
def test_noise_takes_the_same_rule_with_zero_allowed(bad):
    """A noise level may be 0, and otherwise takes the positive-number rule's words."""
    assert edge_examples(count=2, size=4, noise=0)[0].shape == (2, 1, 4, 4)
    with pytest.raises(ValueError, match=r"^noise must be a finite number >= 0, got "):
        edge_examples(count=2, size=4, noise=bad)


@pytest.mark.parametrize("bad", [True, False, 2.0, np.float64(1), Fraction(2), "2", 1j])
@pytest.mark.parametrize(
    "call, name",
    [
        (lambda v: output_size(v, 3), "n"),  # a size checked by check_int all along
        (lambda v: upscale(PICTURE, v), "block"),
        (lambda v: colour_bar_levels(v, 3), "length"),
        (lambda v: colour_bar_levels(5, v), "thickness"),
        (lambda v: block_size((6, 6), target=v), "target"),
        (lambda v: draw_outline(PICTURE.copy(), (0, 0, 1, 1), block=v), "block"),
        (lambda v: draw_outline(PICTURE.copy(), (0, 0, 1, 1), thickness=v), "thickness"),
        (lambda v: draw_outline(PICTURE.copy(), (0, 0, 1, 1), margin=v), "margin"),
        (lambda v: neighbour_correlation(RAMP, axis=v), "axis"),
        (lambda v: window_at(step_edge(), VERTICAL, v, 0), "row"),
        (lambda v: window_at(step_edge(), VERTICAL, 0, v), "col"),
    ],
)
def test_integer_arguments_take_one_rule(call, name, bad):
    """Every integer argument refuses bools, floats (even whole ones) and text alike."""
    with pytest.raises(ValueError, match=f"^{name} must be an integer"):
        call(bad)


@pytest.mark.parametrize(
    "bad", [(True, 0, 1, 1), (0, 0, 1.0, 1), (-1, 0, 1, 1), (0, 0, 0, 1), (0, 0, 1), "abcd", 5]
)
@pytest.mark.parametrize(
    "call, name",
    [
        (lambda v: show_matrix(np.zeros((3, 3)), window=v), "window"),
        (lambda v: draw_outline(PICTURE.copy(), v), "box"),
    ],
)
def test_boxes_of_cells_take_one_rule(call, name, bad):
    """A window to outline is four integers, the same ones in a figure and a widget picture."""
    with pytest.raises(ValueError, match=rf"^{name} must be four integers \(row, col, height, "):
        call(bad)


@pytest.mark.parametrize("bad", [(True, 4), (6.0, 6), (0, 6), (6,), 6, "66"])
def test_shapes_take_one_rule(bad):
    """block_size reads an image shape as output_shape does."""
    for call, name in [
        (lambda: block_size(bad), "shape"),
        (lambda: output_shape(bad, (1, 1)), "image_shape"),
    ]:
        with pytest.raises(ValueError, match=f"^{name} must be a pair of positive integers"):
            call()


def test_integer_arguments_still_take_numpy_integers():
    """np.int64 is an integer: accepted wherever an int is."""
    one, two = np.int64(1), np.int64(2)
    assert upscale(PICTURE, two).shape == (16, 16)
    assert colour_bar_levels(np.int64(5), two).shape == (2, 5)
    assert block_size((np.int64(6), 6)) == 40
    assert neighbour_correlation(RAMP, axis=one) == 1.0
    assert window_at(step_edge(), VERTICAL, one, two).row == 1
    assert show_matrix(np.zeros((3, 3)), window=np.array([0, 0, 2, 2])).window is not None


# None is no number either, but it is the automatic colour limit.
NOT_REAL = [True, np.bool_(False), "10", Decimal("1.5"), 1j, np.array(1.0), 10**400]


@pytest.mark.parametrize("bad", [*NOT_REAL, math.inf, -math.inf, math.nan])
@pytest.mark.parametrize(
    "call, name",
    [
        (lambda v: unsigned_levels(RAMP, low=v), "low"),
        (lambda v: unsigned_levels(RAMP, high=v), "high"),
    ],
)
def test_finite_real_numbers_take_one_rule(call, name, bad):
    """Colour limits refuse what is not one finite real number, with the same words."""
    with pytest.raises(ValueError, match=rf"^{name} must be (a finite real number|within)"):
        call(bad)


@pytest.mark.parametrize("bad", [*NOT_REAL, None])
def test_a_fill_value_takes_the_same_rule_but_may_be_infinite(bad):
    """pad's value refuses the same non-numbers as the colour limits, but NaN and inf fill."""
    with pytest.raises(ValueError, match=r"^value must be (a real number|within)"):
        pad(np.ones((2, 2)), 1, value=bad)
    assert np.isinf(pad(np.ones((2, 2)), 1, value=-math.inf)[0, 0])
    assert np.isnan(pad(np.ones((2, 2)), 1, value=math.nan)[0, 0])


@pytest.mark.parametrize("good", [2, np.int64(2), np.float32(2), Fraction(2), 2.0])
def test_every_kind_of_real_number_is_taken_alike(good):
    """Python and numpy ints and floats and Fractions pass every one-number check."""
    assert pad(np.ones((1, 1)), 1, value=good)[0, 0] == 2.0
    assert unsigned_levels(RAMP, low=0, high=good)[0, 2] == unsigned_levels(RAMP, 0, 2.0)[0, 2]
    assert signed_levels(RAMP, limit=good)[1] == 2.0
    assert numerical_gradient(np.sum, np.ones(2), step=good).shape == (2,)


NOT_REAL_ARRAYS = {
    "text": [["1", "2"]],
    "None": [[1, None]],
    "complex": np.ones((2, 2)) * 1j,
    "complex photo": np.full((30, 30), 1 + 2j),  # past picture_limit's small-matrix shortcut
    "masked": np.ma.masked_array(np.ones((2, 2)), mask=[[True, False], [False, False]]),
}


@pytest.mark.parametrize("bad", NOT_REAL_ARRAYS.values(), ids=NOT_REAL_ARRAYS.keys())
@pytest.mark.parametrize(
    "call, name",
    [
        (lambda v: correlate2d(v, [[1]]), "image"),  # as_real_array, the rule all along
        (signed_limit, "values"),
        (picture_limit, "values"),
        (unsigned_limits, "values"),
        (lambda v: conv2d(np.ones((1, 2, 2)), np.ones((2, 1, 1, 1)), v), "bias"),
        (lambda v: predict(v, [[1]]), "inputs[0]"),
    ],
)
def test_arrays_of_real_numbers_take_one_rule(call, name, bad):
    """Colour limits, a bias and a batch refuse the arrays an image is refused for, alike."""
    words = rf"^{re.escape(name)} (must hold real numbers|is a masked array)"
    with pytest.raises(TypeError, match=words):
        call(bad)


def test_fractions_are_real_numbers_everywhere():
    """What correlate2d takes as an image, the limits, a bias and a batch take too."""
    halves = [[Fraction(1, 2), Fraction(-3, 2)]]
    assert signed_limit(halves) == picture_limit(halves) == 1.5
    assert unsigned_limits(halves) == (-1.5, 0.5)
    out = conv2d(np.ones((1, 1, 1)), np.ones((1, 1, 1, 1)), [Fraction(1, 2)])
    assert out.tolist() == [[[1.5]]]
    np.testing.assert_array_equal(predict(halves, [[1]])[0], correlate2d(halves, [[1]]))


def test_real_arrays_are_not_copied():
    """The widgets' colour limits read a float64 output in place (benchmarks/widgets.py)."""
    output = np.ones((300, 300))
    assert as_real_values(output, "values") is output


def test_integers_beyond_float64_are_refused_alike():
    for call, name in [
        (lambda v: correlate2d(v, [[1]]), "image"),
        (signed_limit, "values"),
        (unsigned_limits, "values"),
        (lambda v: conv2d(np.ones((1, 1, 1)), np.ones((2, 1, 1, 1)), v), "bias"),
    ]:
        with pytest.raises(ValueError, match=rf"^{name} holds an integer too large"):
            call([[10**400, 1]])


@pytest.mark.parametrize("argument", ["padding", "stride", "dilation"])
def test_sizes_per_axis_and_per_image_take_the_same_limits(argument):
    """output_size (one axis, chapter 08's formula) refuses what output_shape refuses."""
    from helpers.conv import output_shape
    from helpers.padding import output_size

    too_big = 2**21
    with pytest.raises(ValueError, match=f"^{argument} must be at most") as per_image:
        output_shape((5, 5), (3, 3), **{argument: too_big})
    with pytest.raises(ValueError, match=f"^{argument} must be at most") as per_axis:
        output_size(5, 3, **{argument: too_big})
    assert str(per_axis.value) == str(per_image.value)
