"""Tests for the exercise checkers of notebook 10 (the widget playground)."""

import numpy as np
import pytest

from helpers import checks
from helpers.checks import ch10
from helpers.conv import convolve2d, correlate2d
from helpers.edges import edge_strength
from helpers.images import radial_pattern, step_edge
from helpers.kernels import SOBEL_VERTICAL


@pytest.mark.parametrize(
    ("checker", "right"),
    [
        (ch10.check_checkerboard_pixel, -10),
        (ch10.check_correlation_for_convolution, [[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]]),
        (ch10.check_correlation_for_convolution, -SOBEL_VERTICAL),
        (ch10.check_stepper_value, 3),
        (ch10.check_why_sobel_marks_fewer, "b"),
    ],
)
def test_worked_answers_pass(checker, right, capsys):
    """The notebook's solutions are accepted."""
    assert checker(right) is None
    assert capsys.readouterr().out.startswith(checks.RIGHT)


@pytest.mark.parametrize(
    ("checker", "wrong", "words"),
    [
        (ch10.check_checkerboard_pixel, 10, ["wrong sign"]),
        (ch10.check_checkerboard_pixel, 30, ["column 0"]),
        (ch10.check_checkerboard_pixel, 0, ["row 0"]),
        (ch10.check_checkerboard_pixel, -30, ["row 1, column 2"]),
        (ch10.check_correlation_for_convolution, SOBEL_VERTICAL, ["as written"]),
        (ch10.check_correlation_for_convolution, SOBEL_VERTICAL.T, ["transpose"]),
        (ch10.check_correlation_for_convolution, np.ones((3, 3)), ["180 degrees"]),
        (ch10.check_correlation_for_convolution, ["a", "b"], ["numbers"]),
        (ch10.check_stepper_value, 4, ["position 5"]),
        (ch10.check_stepper_value, 2, ["position 7"]),
        (ch10.check_stepper_value, 9, ["row by row"]),
        (ch10.check_why_sobel_marks_fewer, "a", ["sum of its absolute weights"]),
        (ch10.check_why_sobel_marks_fewer, "c", ["3x3"]),
        (ch10.check_why_sobel_marks_fewer, "d", ["correlates"]),
    ],
)
def test_typical_mistakes_get_the_intended_hint(checker, wrong, words, capsys):
    """Common wrong answers are told what to reconsider, on one line."""
    checker(wrong)
    out = capsys.readouterr().out
    assert out.startswith(checks.NOT_YET)
    assert out.count("\n") == 1
    for word in words:
        assert word in out


def test_turned_sobel_with_correlation_equals_convolution():
    """The expected kernel really does what the exercise says."""
    turned = SOBEL_VERTICAL[::-1, ::-1]
    image = np.random.default_rng(0).normal(size=(8, 9))
    np.testing.assert_array_equal(correlate2d(image, turned), convolve2d(image, SOBEL_VERTICAL))
    np.testing.assert_array_equal(correlate2d(step_edge(), turned)[0], [0, -40, -40, 0])


def test_the_choice_exercise_states_a_fact():
    """On the rings: Sobel and Scharr agree at the centre, Sobel is weaker near the corners."""
    rings = radial_pattern()
    sobel, scharr = edge_strength(rings, "sobel"), edge_strength(rings, "scharr")
    centre = (slice(100, 153), slice(100, 153))
    assert sobel[centre].mean() == pytest.approx(scharr[centre].mean(), rel=0.01)
    assert sobel[:40, :40].mean() < 0.9 * scharr[:40, :40].mean()
