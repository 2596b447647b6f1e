"""Tests for helpers.checks._answers: reading answers safely and spotting typical slips."""

import warnings

import numpy as np
import pytest

from helpers import checks
from helpers.checks._answers import as_numbers, check_numbers, hint_for, matches


@pytest.mark.parametrize(
    "answer",
    [None, ..., "1", b"1", True, 1j, [1j], np.array([1j]), [[1, 2], [3]], [None], {"a": 1}, []],
)
def test_not_numbers_give_none_without_warning(answer):
    """Text, booleans, complex numbers, ragged and object lists are not numbers; no warning."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = as_numbers(answer)
    if isinstance(answer, list) and answer == []:
        assert result is not None and result.size == 0  # an empty list of numbers is numbers
    else:
        assert result is None


@pytest.mark.parametrize("answer", [3, 3.5, np.int64(3), np.uint8(3), [[1, 2]], (1, 2), np.nan])
def test_numbers_come_through_as_float64(answer):
    """ints, floats, NumPy scalars, lists and tuples become float64 arrays."""
    result = as_numbers(answer)
    assert result.dtype == np.float64
    assert result.shape == np.shape(answer)


def test_matches_needs_shape_and_values():
    """Shape and values must both agree; NaN matches nothing."""
    assert matches([0, -30], np.array([0.0, -30.0]))
    assert not matches([0, -30], [[0, -30]])
    assert not matches([0, -29], [0, -30])
    assert not matches(float("nan"), float("nan"))
    assert not matches("0", 0)


def test_hint_for_takes_the_first_match():
    """Mistakes are tried in order; an unknown answer gets the default."""
    mistakes = [(1, "first"), (1, "second"), ([1, 2], "list")]
    assert hint_for(1, mistakes, "default") == "first"
    assert hint_for([1, 2], mistakes, "default") == "list"
    assert hint_for("1", mistakes, "default") == "default"


@pytest.mark.parametrize(
    "answer", [["0", "30"], np.array([1j, 2j]), [[1, 2], [3]], {"a": 1}, "x" * 200]
)
def test_check_numbers_turns_away_non_numbers_in_one_line(answer, capsys):
    """Non-numbers get one 'not yet' line (long answers shortened), never a warning."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        check_numbers(answer, [0, 30], explain="", hint="h")
    out = capsys.readouterr().out
    assert out.startswith(checks.NOT_YET)
    assert out.count("\n") == 1
    assert len(out) < 160
