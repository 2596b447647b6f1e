"""Tests for chapter 06's exercise checkers (Sobel and Scharr)."""

import pytest

from helpers import checks
from helpers.checks import ch06
from helpers.kernels import SCHARR_HORIZONTAL, SCHARR_VERTICAL


@pytest.mark.parametrize(
    ("checker", "right"),
    [
        (ch06.check_sobel_step, 60),
        (ch06.check_scharr_horizontal, SCHARR_HORIZONTAL.tolist()),
        (ch06.check_sobel_scale, 8),
        (ch06.check_why_scharr, "c"),
    ],
)
def test_worked_answers_pass(checker, right, capsys):
    """The notebook's solutions are accepted."""
    assert checker(right) is None
    assert capsys.readouterr().out.startswith(checks.RIGHT)


@pytest.mark.parametrize(
    ("checker", "wrong", "words"),
    [
        (ch06.check_sobel_step, 45, ["too small", "1, 2, 1"]),
        (ch06.check_sobel_step, -60, ["too small"]),
        (ch06.check_scharr_horizontal, SCHARR_VERTICAL.tolist(), ["transpose"]),
        (ch06.check_scharr_horizontal, (-SCHARR_HORIZONTAL).tolist(), ["top row"]),
        (ch06.check_sobel_scale, 4, ["too small", "drops by exactly 1"]),
        (ch06.check_why_scharr, "a", ["direction", "does not change"]),
        (ch06.check_why_scharr, "d", ["cross-correlation"]),
    ],
)
def test_typical_mistakes_get_the_intended_hint(checker, wrong, words, capsys):
    """Common wrong answers are told what to reconsider."""
    checker(wrong)
    out = capsys.readouterr().out
    assert out.startswith(checks.NOT_YET)
    for word in words:
        assert word in out
