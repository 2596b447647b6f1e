"""Tests for helpers.checks.ch04: right answers pass, slips get their hint, nothing raises."""

import numpy as np
import pytest
from feedback import feedback

from helpers import checks
from helpers.checks import ch04
from helpers.conv import correlate2d
from helpers.kernels import HORIZONTAL, VERTICAL

CHECKERS = [
    ch04.check_step_row,
    ch04.check_horizontal_kernel,
    ch04.check_checkerboard_value,
    ch04.check_horizontal_boundary_filter,
]


@pytest.mark.parametrize(
    ("checker", "right"),
    [
        (ch04.check_step_row, [0, 45, 45, 0]),
        (ch04.check_step_row, np.array([0.0, 45.0, 45.0, 0.0])),
        (ch04.check_step_row, (0, 45, 45, 0)),
        (ch04.check_horizontal_kernel, [[1, 1, 1], [0, 0, 0], [-1, -1, -1]]),
        (ch04.check_horizontal_kernel, VERTICAL.T),
        (ch04.check_checkerboard_value, 40),
        (ch04.check_checkerboard_value, 40.0),
        (ch04.check_checkerboard_value, np.int64(40)),
        (ch04.check_horizontal_boundary_filter, "b"),
        (ch04.check_horizontal_boundary_filter, " B "),
    ],
)
def test_right_answers_are_accepted(checker, right, capsys):
    """The worked answer, in any reasonable form, gets the 'right' message."""
    assert feedback(checker, right, capsys).startswith(checks.RIGHT)


def test_expected_values_come_from_the_helpers():
    """The checkers' numbers are what correlate2d gives on the exercises' images."""
    assert correlate2d(ch04.step_image(), VERTICAL)[0].tolist() == [0, 45, 45, 0]
    assert correlate2d(ch04.board_image(), HORIZONTAL)[1, 1] == 40
    assert ch04.board_image().max() == ch04.BOARD_BRIGHTNESS


@pytest.mark.parametrize(
    ("checker", "wrong", "words"),
    [
        (ch04.check_step_row, [0, 15, 15, 0], ["one row of the window", "three rows"]),
        (ch04.check_step_row, [0, -45, -45, 0], ["sign", "left"]),
        (ch04.check_step_row, [0, 45, 0, 0], ["4 positions"]),
        (ch04.check_step_row, [[0, 45, 45, 0]] * 4, ["shape should be (4,)"]),
        (ch04.check_horizontal_kernel, VERTICAL, ["vertical-edge filter", "Transpose"]),
        (ch04.check_horizontal_kernel, -HORIZONTAL, ["sign", "top row"]),
        (ch04.check_horizontal_kernel, -VERTICAL, ["left with right"]),
        (ch04.check_horizontal_kernel, [[1, 1, 1], [-1, -1, -1]], ["shape should be (3, 3)"]),
        (ch04.check_horizontal_kernel, [[1, 1, 1], [0, 0, 0], [0, 0, 0]], ["VERTICAL.T"]),
        (ch04.check_checkerboard_value, 10, ["too small", "board of 10s"]),
        (ch04.check_checkerboard_value, -40, ["too small", "sign"]),
        (ch04.check_checkerboard_value, 120, ["too large", "straddles the corner"]),
        (ch04.check_checkerboard_value, 0, ["too small", "top row"]),
        (ch04.check_horizontal_boundary_filter, "a", ["left with right"]),
        (ch04.check_horizontal_boundary_filter, "c", ["Only one"]),
        (ch04.check_horizontal_boundary_filter, "d", ["top to bottom"]),
        (ch04.check_horizontal_boundary_filter, "e", ["choose one of"]),
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


def test_strings_of_digits_are_not_taken_for_numbers(capsys):
    """A list of digit strings is not silently converted: it is told to use numbers."""
    out = feedback(ch04.check_step_row, ["0", "45", "45", "0"], capsys)
    assert "should be numbers" in out
