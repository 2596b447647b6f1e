"""Tests for helpers.checks.ch05: right answers pass, slips get their hint, nothing raises."""

import numpy as np
import pytest
from feedback import feedback

from helpers import checks
from helpers.checks import ch05
from helpers.conv import correlate2d
from helpers.kernels import VERTICAL

CHECKERS = [
    ch05.check_mirrored_row,
    ch05.check_sign_meaning,
    ch05.check_uint8_difference,
    ch05.check_why_float64,
]


@pytest.mark.parametrize(
    ("checker", "right"),
    [
        (ch05.check_mirrored_row, [0, -75, -75, 0]),
        (ch05.check_mirrored_row, np.array([0.0, -75.0, -75.0, 0.0])),
        (ch05.check_sign_meaning, "c"),
        (ch05.check_uint8_difference, 236),
        (ch05.check_uint8_difference, np.uint8(236)),
        (ch05.check_uint8_difference, 236.0),
        (ch05.check_why_float64, "b"),
    ],
)
def test_right_answers_are_accepted(checker, right, capsys):
    """The worked answer, in any reasonable form, gets the 'right' message."""
    assert feedback(checker, right, capsys).startswith(checks.RIGHT)


def test_solution_computed_with_numpy_arrays_is_accepted(capsys):
    """The notebook's solution, uint8 arrays subtracted, gives 236 and passes, silently."""
    left, right = (np.array([v], dtype=np.uint8) for v in ch05.UINT8_PAIR)
    assert feedback(ch05.check_uint8_difference, int((left - right)[0]), capsys).startswith(
        checks.RIGHT
    )


def test_expected_values_come_from_the_helpers():
    """The mirrored exercise row is what correlate2d gives; the article's 10s give -30."""
    assert correlate2d(ch05.mirrored_image(), VERTICAL)[0].tolist() == [0, -75, -75, 0]
    assert correlate2d(ch05.mirrored_image(10), VERTICAL)[0].tolist() == [0, -30, -30, 0]


@pytest.mark.parametrize(
    ("checker", "wrong", "words"),
    [
        (ch05.check_mirrored_row, [0, 75, 75, 0], ["sign", "right side is the bright one"]),
        (ch05.check_mirrored_row, [0, -25, -25, 0], ["one row of the window"]),
        (ch05.check_mirrored_row, [0, -30, -30, 0], ["article's image", "25"]),
        (ch05.check_mirrored_row, [0, -75, 0, 0], ["4 positions"]),
        (ch05.check_mirrored_row, [[0, -75, -75, 0]], ["shape should be (4,)"]),
        (ch05.check_sign_meaning, "a", ["not a brightness"]),
        (ch05.check_sign_meaning, "b", ["No edge gives 0"]),
        (ch05.check_sign_meaning, "d", ["positive", "left minus right"]),
        (ch05.check_sign_meaning, "e", ["horizontal edge"]),
        (ch05.check_uint8_difference, -20, ["too small", "true difference"]),
        (ch05.check_uint8_difference, 0, ["too small", "clamping"]),
        (ch05.check_uint8_difference, 20, ["too small", "left minus right"]),
        (ch05.check_uint8_difference, 235, ["too small", "Close"]),
        (ch05.check_uint8_difference, 300, ["too large", "modulo 256"]),
        (ch05.check_why_float64, "a", ["not faster"]),
        (ch05.check_why_float64, "c", ["8-bit integers"]),
        (ch05.check_why_float64, "d", ["does not change the values"]),
    ],
)
def test_typical_slips_get_their_hint(checker, wrong, words, capsys):
    """Each typical wrong answer is told what went wrong, without being given the answer."""
    out = feedback(checker, wrong, capsys)
    assert out.startswith(checks.NOT_YET)
    for word in words:
        assert word in out
    assert "✓" not in out


def test_unanswered_cell_says_so(capsys):
    """The exercise cell as shipped (answer = ...) prints the 'no answer yet' line."""
    for checker in CHECKERS:
        assert feedback(checker, ..., capsys).startswith(checks.NO_ANSWER)
