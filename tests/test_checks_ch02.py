"""Tests for helpers.checks.ch02: the kernel-flip exercises are checked right and never raise."""

import numpy as np
import pytest
from feedback import one_line
from scipy import signal

from helpers import checks
from helpers.checks import ch02
from helpers.images import flip_example

CHECKERS = [
    ch02.check_flipped_kernel,
    ch02.check_top_left_convolution,
    ch02.check_why_libraries_skip_the_flip,
    ch02.check_correlation_swap,
]


def test_exercise_kernel_is_asymmetric_every_way():
    """Exercise 1's kernel differs from its half turn, both mirrors and its transpose."""
    k = ch02.EXERCISE_KERNEL
    variants = [k, k[::-1, ::-1], k[:, ::-1], k[::-1, :], k.T]
    for i, first in enumerate(variants):
        for second in variants[i + 1 :]:
            assert not np.array_equal(first, second)
    assert not k.flags.writeable


@pytest.mark.parametrize(
    ("checker", "right"),
    [
        (ch02.check_flipped_kernel, [[9, 8, 7], [6, 5, 4], [3, 2, 1]]),
        (ch02.check_flipped_kernel, np.rot90(ch02.EXERCISE_KERNEL, 2)),
        (ch02.check_top_left_convolution, 82),
        (ch02.check_top_left_convolution, 82.0),
        (ch02.check_top_left_convolution, np.float64(82)),
        (ch02.check_why_libraries_skip_the_flip, "c"),
        (ch02.check_why_libraries_skip_the_flip, " C "),
        (ch02.check_correlation_swap, "c"),
    ],
)
def test_right_answers_are_accepted(checker, right, capsys):
    """The worked answer gets the 'right' message on one line, and the checker returns None."""
    assert checker(right) is None
    assert one_line(capsys).startswith(checks.RIGHT)


def test_expected_top_left_matches_scipy(capsys):
    """The expected number is scipy's convolution too (an independent reference), not 68."""
    image, _ = flip_example()
    kernel = ch02.EXERCISE_KERNEL
    expected = signal.convolve2d(image, kernel, mode="valid")[0, 0]
    ch02.check_top_left_convolution(float(expected))
    assert one_line(capsys).startswith(checks.RIGHT)
    ch02.check_top_left_convolution(float(signal.correlate2d(image, kernel, "valid")[0, 0]))
    assert one_line(capsys).startswith(checks.NOT_YET)


def test_right_swap_letter_is_the_relation_that_holds():
    """Exactly one candidate relation holds on flip_example, per scipy: the half turn (c)."""
    a, b = flip_example()
    p = signal.correlate2d(a, b, mode="full")
    q = signal.correlate2d(b, a, mode="full")
    holds = [letter for letter, rel in ch02._relations().items() if rel(p, q)]
    assert holds == ["c"]


K = ch02.EXERCISE_KERNEL


@pytest.mark.parametrize(
    ("wrong", "words"),
    [
        (K, ["as written"]),
        (K[:, ::-1], ["reverses each row", "order of the rows"]),
        (K[::-1, :], ["order of the rows", "reverses each row"]),
        (K.T, ["transpose"]),
        (-K[::-1, ::-1], ["Turn the kernel by 180 degrees"]),
        ([[9, 8, 7], [6, 5, 4]], ["shape should be (3, 3)"]),
    ],
)
def test_flipped_kernel_slips_get_their_hint(wrong, words, capsys):
    """Each typical slip (no turn, one mirror, a transpose) is named in the feedback."""
    ch02.check_flipped_kernel(wrong)
    out = one_line(capsys)
    assert out.startswith(checks.NOT_YET)
    for word in words:
        assert word in out


@pytest.mark.parametrize(
    ("wrong", "words"),
    [
        (68, ["too small", "cross-correlation", "Turn it"]),
        (68.0, ["cross-correlation"]),
        (100, ["too large", "turned by 180 degrees"]),
        (0, ["too small", "window"]),
    ],
)
def test_top_left_wrong_numbers_get_a_hint(wrong, words, capsys):
    """Correlation's 68 is recognised; other wrong numbers get the general method."""
    ch02.check_top_left_convolution(wrong)
    out = one_line(capsys)
    assert out.startswith(checks.NOT_YET)
    for word in words:
        assert word in out


@pytest.mark.parametrize(
    ("checker", "letter", "words"),
    [
        (ch02.check_why_libraries_skip_the_flip, "a", ["not symmetric"]),
        (ch02.check_why_libraries_skip_the_flip, "b", ["12", "18"]),
        (ch02.check_why_libraries_skip_the_flip, "d", ["not commutative"]),
        (ch02.check_correlation_swap, "a", ["transpose"]),
        (ch02.check_correlation_swap, "b", ["sign"]),
        (ch02.check_correlation_swap, "d", ["both directions"]),
        (ch02.check_correlation_swap, "e", ["choose one of"]),
    ],
)
def test_wrong_choices_say_why(checker, letter, words, capsys):
    """Every wrong option is told why it is wrong, not just that it is."""
    checker(letter)
    out = one_line(capsys)
    assert out.startswith(checks.NOT_YET)
    for word in words:
        assert word in out


@pytest.mark.parametrize("checker", CHECKERS)
def test_unanswered_is_not_an_error(checker, capsys):
    """The exercise cell as shipped (answer = ...) asks for an answer."""
    checker(...)
    assert one_line(capsys).startswith(checks.NO_ANSWER)
