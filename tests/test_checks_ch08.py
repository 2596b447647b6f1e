"""Tests for helpers.checks.ch08: chapter 08's exercise feedback is right, helpful, never raises."""

import math

import numpy as np
import pytest
import scipy.signal
from feedback import one_line

from helpers import checks
from helpers.checks import ch08

CHECKERS = [
    ch08.check_strided_size,
    ch08.check_same_padding,
    ch08.check_leftover_columns,
    ch08.check_border_edge_choice,
]


@pytest.mark.parametrize(
    ("checker", "right"),
    [
        (ch08.check_strided_size, 32),
        (ch08.check_strided_size, 32.0),
        (ch08.check_strided_size, np.int64(32)),
        (ch08.check_same_padding, 3),
        (ch08.check_leftover_columns, 1),
        (ch08.check_border_edge_choice, "c"),
        (ch08.check_border_edge_choice, " C "),
    ],
)
def test_right_answers_are_accepted(checker, right, capsys):
    """The worked answer gets the 'right' message, on one line, and the checker returns None."""
    assert checker(right) is None
    assert one_line(capsys).startswith(checks.RIGHT)


def test_expected_values_come_from_independent_references(capsys):
    """The exercises' settings, run through SciPy on padded arrays and plain counting, give
    the answers the checkers accept."""
    # Exercise 1: pad, correlate in valid mode, keep every s-th row.
    n, f, p, s = (ch08.STRIDED[key] for key in ("n", "f", "padding", "stride"))
    padded = np.pad(np.ones((n, n)), p)
    rows = scipy.signal.correlate2d(padded, np.ones((f, f)), mode="valid")[::s, ::s].shape[0]
    assert rows == math.floor((n + 2 * p - f) / s) + 1 == 32
    # Exercise 2: the only padding that keeps the size.
    n, f = ch08.SAME["n"], ch08.SAME["f"]
    keeps = [
        p
        for p in range(10)
        if scipy.signal.correlate2d(np.pad(np.ones((n, n)), p), np.ones((f, f)), "valid").shape
        == (n, n)
    ]
    assert keeps == [3]
    # Exercise 3: list the columns that some window reads.
    n, f, s = ch08.LEFTOVER["n"], ch08.LEFTOVER["f"], ch08.LEFTOVER["stride"]
    read = {c for start in range(0, n - f + 1, s) for c in range(start, start + f)}
    assert len(set(range(n)) - read) == 1
    # Exercise 4: the window at (1, 0) of the zero-padded step image.
    step = np.array([[10, 10, 10, 0, 0, 0]] * 6)
    vertical = np.array([[1, 0, -1]] * 3)
    first_column = scipy.signal.correlate2d(np.pad(step, 1), vertical, "valid")[:, 0]
    assert first_column.tolist() == [-20, -30, -30, -30, -30, -20]
    for checker, answer in [
        (ch08.check_strided_size, rows),
        (ch08.check_same_padding, keeps[0]),
        (ch08.check_leftover_columns, len(set(range(n)) - read)),
    ]:
        checker(answer)
        assert one_line(capsys).startswith(checks.RIGHT), checker.__name__


@pytest.mark.parametrize(
    ("checker", "wrong", "words"),
    [
        (ch08.check_strided_size, 33, ["too large", "round down"]),
        (ch08.check_strided_size, 64, ["too large", "stride 1"]),
        (ch08.check_strided_size, 31.5, ["too small", "whole number of steps"]),
        (ch08.check_strided_size, 31, ["too small", "Add 1", "2p"]),
        (ch08.check_strided_size, 7, ["too small", "floor((n + 2p - f) / s) + 1"]),
        (ch08.check_same_padding, 6, ["too large", "both sides", "56 wide"]),
        (ch08.check_same_padding, 7, ["too large", "58 wide"]),
        (ch08.check_same_padding, 0, ["too small", "44 wide", "shrinks"]),
        (ch08.check_same_padding, 2, ["too small", "50 + 2p - 7 + 1 = 50"]),
        (ch08.check_leftover_columns, 2, ["too large", "hang past the edge"]),
        (ch08.check_leftover_columns, 3, ["too large", "number of window positions"]),
        (ch08.check_leftover_columns, 0, ["too small", "List the columns"]),
        (ch08.check_leftover_columns, 10, ["too large", "index of the last column"]),
        (ch08.check_border_edge_choice, "a", ["(a) is not it", "same at every position"]),
        (ch08.check_border_edge_choice, "b", ["(b) is not it", "Stride 1"]),
        (ch08.check_border_edge_choice, "d", ["(d) is not it", "no edge"]),
        (ch08.check_border_edge_choice, "e", ["choose one of"]),
    ],
)
def test_wrong_answers_get_the_intended_hint(checker, wrong, words, capsys):
    """Typical slips are recognised and answered with a hint of their own, not the answer."""
    checker(wrong)
    out = one_line(capsys)
    assert out.startswith(checks.NOT_YET)
    for word in words:
        assert word in out


@pytest.mark.parametrize("checker", CHECKERS)
@pytest.mark.parametrize(
    "odd", [None, "", "thirty", [1, 2], [[1], [2, 3]], float("nan"), float("inf"), True, 1j, {}]
)
def test_odd_answers_never_raise(checker, odd, capsys):
    """Whatever a learner types, the checker prints one line and returns None."""
    assert checker(odd) is None
    out = one_line(capsys)
    assert out.startswith((checks.NOT_YET, checks.NO_ANSWER))


def test_unanswered_exercises_say_so(capsys):
    """Run as stored (answer = ...), every checker asks for an answer."""
    for checker in CHECKERS:
        checker(...)
        assert one_line(capsys).startswith(checks.NO_ANSWER)


@pytest.mark.parametrize(
    ("wrong", "words"),
    [(30, ["without dilation"]), (24, ["no gap"]), (25, ["add 1"]), (7, ["floor"])],
)
def test_dilated_size_hints(wrong, words, capsys):
    """The dilation exercise's usual slips get their own hint."""
    ch08.check_dilated_size(wrong)
    out = one_line(capsys)
    assert out.startswith(checks.NOT_YET)
    for word in words:
        assert word in out


def test_dilated_size_answer_is_scipy_with_the_stuffed_kernel(capsys):
    """SciPy's valid correlation with the zero-stuffed kernel has the accepted width."""
    n, f, d = ch08.DILATED["n"], ch08.DILATED["f"], ch08.DILATED["dilation"]
    stuffed = np.zeros((1, d * (f - 1) + 1))
    stuffed[0, ::d] = 1
    width = scipy.signal.correlate2d(np.ones((1, n)), stuffed, "valid").shape[1]
    ch08.check_dilated_size(width)
    assert one_line(capsys).startswith(checks.RIGHT)
