"""Tests for helpers.checks.ch03: chapter 03's exercise feedback is right, helpful, never raises."""

import numpy as np
import pytest
import scipy.signal
from feedback import one_line

from helpers import checks
from helpers.checks import ch03

CHECKERS = [
    ch03.check_output_value,
    ch03.check_output_size,
    ch03.check_pixel_uses,
    ch03.check_window,
    ch03.check_same_mode_choice,
]


@pytest.mark.parametrize(
    ("checker", "right"),
    [
        (ch03.check_output_value, 9),
        (ch03.check_output_value, 9.0),
        (ch03.check_output_value, np.int64(9)),
        (ch03.check_output_size, 28),
        (ch03.check_pixel_uses, 6),
        (ch03.check_window, [[1, 1, 0], [1, 1, 1], [1, 1, 0]]),
        (ch03.check_window, np.array([[1.0, 1, 0], [1, 1, 1], [1, 1, 0]])),
        (ch03.check_same_mode_choice, "b"),
        (ch03.check_same_mode_choice, " B "),
    ],
)
def test_right_answers_are_accepted(checker, right, capsys):
    """The worked answer gets the 'right' message, on one line, and the checker returns None."""
    assert checker(right) is None
    assert one_line(capsys).startswith(checks.RIGHT)


def test_expected_values_come_from_independent_references():
    """The exercises' answers agree with scipy and with a hand count, not only with helpers."""
    value = scipy.signal.correlate2d(ch03.EXERCISE_IMAGE, ch03.EXERCISE_KERNEL, mode="valid")
    assert value[ch03.EXERCISE_POSITION] == 9
    # Pixel (1, 2) of a 6x6 image: windows with top-left rows 0..1 and columns 0..2.
    corners = [(r, c) for r in range(4) for c in range(4) if r <= 1 <= r + 2 and c <= 2 <= c + 2]
    assert len(corners) == 6


def test_exercise_data_is_read_only():
    """A learner cannot change the exercise's image or kernel by accident."""
    for array in (ch03.EXERCISE_IMAGE, ch03.EXERCISE_KERNEL):
        with pytest.raises(ValueError, match="read-only"):
            array[0, 0] = 1


@pytest.mark.parametrize(
    ("checker", "wrong", "words"),
    [
        (ch03.check_output_value, 1, ["too small", "position (1, 0)", "row comes first"]),
        (ch03.check_output_value, -11, ["position (0, 0)"]),
        (ch03.check_output_value, -15, ["position (1, 1)"]),
        (ch03.check_output_value, 18, ["too large", "plain sum", "weight"]),
        (ch03.check_output_value, 14, ["too large", "middle weight is -4"]),
        (ch03.check_output_value, 13, ["too large", "middle pixel"]),
        (ch03.check_output_value, 10, ["too large", "top-left corner"]),
        (ch03.check_output_size, 27, ["too small", "add 1"]),
        (ch03.check_output_size, 32, ["too large", "shrinks"]),
        (ch03.check_output_size, 36, ["too large", "'full'"]),
        (ch03.check_output_size, 29, ["too large", "count from 0"]),
        (ch03.check_output_size, 26, ["too small", "0 to n - f"]),
        (ch03.check_pixel_uses, 9, ["too large", "border"]),
        (ch03.check_pixel_uses, 2, ["too small", "rows only"]),
        (ch03.check_pixel_uses, 3, ["too small", "columns only"]),
        (ch03.check_pixel_uses, 5, ["too small", "multiply"]),
        (ch03.check_pixel_uses, 1, ["too small", "top-left corners"]),
        (ch03.check_same_mode_choice, "a", ["(a) is not it", "same 3x3 weights"]),
        (ch03.check_same_mode_choice, "c", ["(c) is not it", "zeros of the padding"]),
        (ch03.check_same_mode_choice, "d", ["(d) is not it", "4 times", "6 times"]),
        (ch03.check_same_mode_choice, "e", ["choose one of"]),
    ],
)
def test_wrong_answers_get_the_intended_hint(checker, wrong, words, capsys):
    """Typical slips are recognised and answered with a hint of their own, not the answer."""
    checker(wrong)
    out = one_line(capsys)
    assert out.startswith(checks.NOT_YET)
    for word in words:
        assert word in out


@pytest.mark.parametrize(
    ("wrong", "words"),
    [
        ([[0, 1, 1], [0, 1, 1], [1, 1, 0]], ["position (2, 1)", "row comes first"]),
        ([[1, 1, 0], [1, 1, 1], [0, 1, 1]], ["centred on pixel (1, 2)", "top-left corner"]),
        ([[1, 1, 1], [1, 1, 1], [1, 1, 1]], ["2 of 9 entries differ", "take 3 rows"]),
        ([[1, 1], [1, 1]], ["shape should be (3, 3)"]),
    ],
)
def test_wrong_windows_get_the_intended_hint(wrong, words, capsys):
    """Swapped row and column, a centred window, wrong values and a wrong shape are told apart."""
    ch03.check_window(wrong)
    out = one_line(capsys)
    assert out.startswith(checks.NOT_YET)
    for word in words:
        assert word in out


def test_unanswered_exercises_say_so(capsys):
    """Run as stored (answer = ...), every checker asks for an answer."""
    for checker in CHECKERS:
        checker(...)
        assert one_line(capsys).startswith(checks.NO_ANSWER)
