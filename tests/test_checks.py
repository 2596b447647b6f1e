"""Tests for helpers.checks: exercise feedback is right, helpful, and never raises."""

import importlib
import inspect
import pkgutil

import numpy as np
import pytest

from helpers import checks

CHECKERS = [checks.check_dense_weights, checks.check_conv_weights, checks.check_dense_memory]
ODD_ANSWERS = [None, ..., "12", [1, 2], np.array([1, 2]), {"a": 1}, 1j, float("nan"), True, -5]


@pytest.mark.parametrize(
    ("checker", "right"),
    [
        (checks.check_dense_weights, 64 * 64 * 3 * 100),
        (checks.check_conv_weights, 5 * 5 * 3 * 16 + 16),
        (checks.check_dense_memory, 24),
        (checks.check_dense_memory, 24.1),  # within the 1% tolerance
    ],
)
def test_right_answers_are_accepted(checker, right, capsys):
    """The worked answer gets the 'right' message and nothing else is shown."""
    assert checker(right) is None
    out = capsys.readouterr().out
    assert out.startswith(checks.RIGHT)
    assert out.count("\n") == 1


@pytest.mark.parametrize(
    ("checker", "wrong", "words"),
    [
        (checks.check_dense_weights, 64 * 64 * 100, ["too small", "channels"]),
        (checks.check_conv_weights, 5 * 5 * 16, ["too small", "bias"]),
        (checks.check_conv_weights, 5 * 5 * 3 * 16, ["too small", "bias"]),
        (checks.check_dense_memory, 12, ["too small", "8 bytes"]),
        (checks.check_dense_memory, 24_000_000_000, ["too large", "1 GB"]),
    ],
)
def test_wrong_answers_get_a_hint(checker, wrong, words, capsys):
    """A wrong answer says which way it is off and gives a hint, not the answer."""
    checker(wrong)
    out = capsys.readouterr().out
    assert out.startswith(checks.NOT_YET)
    for word in words:
        assert word in out


@pytest.mark.parametrize("answer", ODD_ANSWERS)
@pytest.mark.parametrize("checker", CHECKERS)
def test_checkers_never_raise(checker, answer, capsys):
    """Whatever a learner types, the checker prints one line of feedback and returns None."""
    assert checker(answer) is None
    out = capsys.readouterr().out
    assert out.startswith((checks.NOT_YET, checks.NO_ANSWER))
    assert out.count("\n") == 1


def test_numpy_scalars_are_numbers(capsys):
    """An answer computed with numpy (np.int64) is accepted like a Python int."""
    checks.check_dense_weights(np.int64(64) * 64 * 3 * 100)
    assert capsys.readouterr().out.startswith(checks.RIGHT)


@pytest.mark.parametrize("answer", [*ODD_ANSWERS, [[1, 2], [3]], [["a", "b"]], np.ones((2, 2, 2))])
def test_check_array_never_raises(answer, capsys):
    """check_array prints one line of feedback for any input, ragged or not numeric included."""
    assert checks.check_array(answer, [[1, 0, -1]] * 3, explain="", hint="h") in (True, False)
    assert capsys.readouterr().out.count("\n") == 1


def test_check_array_accepts_lists_and_arrays(capsys):
    """A right kernel passes as nested lists, as ints or as a float array."""
    expected = np.array([[1, 0, -1]] * 3)
    for answer in ([[1, 0, -1]] * 3, expected.astype(int), expected.astype(float)):
        assert checks.check_array(answer, expected, explain="ok", hint="")
    assert capsys.readouterr().out.count(checks.RIGHT) == 3


def test_check_array_points_at_the_first_wrong_entry(capsys):
    """A wrong entry is located by row and column, and the count of wrong entries is given."""
    checks.check_array([[1, 0, -1], [1, 0, 1]], [[1, 0, -1], [1, 0, -1]], explain="", hint="")
    assert "1 of 6 entries differ, the first at row 1, column 2" in capsys.readouterr().out


@pytest.mark.parametrize("answer", [*ODD_ANSWERS, "", " b ", "B", "c"])
def test_check_choice_never_raises(answer, capsys):
    """check_choice prints one line for any input; case and spaces do not matter."""
    options = {"a": "no, because a", "b": "", "c": "no, because c"}
    result = checks.check_choice(answer, "b", options=options, explain="yes")
    assert result is (isinstance(answer, str) and answer.strip().lower() == "b")
    out = capsys.readouterr().out
    assert out.count("\n") == 1
    if isinstance(answer, str) and answer == "c":
        assert "no, because c" in out


def chapter_checkers():
    """Every exercise checker of every chapter module helpers.checks.chNN."""
    found = []
    for module_info in pkgutil.iter_modules(checks.__path__):
        if module_info.name.startswith("ch"):
            module = importlib.import_module(f"helpers.checks.{module_info.name}")
            found += [
                pytest.param(function, id=f"{module_info.name}.{name}")
                for name, function in inspect.getmembers(module, inspect.isfunction)
                if name.startswith("check_") and function.__module__ == module.__name__
            ]
    return found


ANY_INPUT = [
    *ODD_ANSWERS,
    "",
    [[1, 2], [3]],
    [["a", "b"]],
    np.ones((2, 2, 2)),
    np.full((3, 3), np.nan),
    np.ones((3, 3)) * 1j,
    10**400,
    -1e308,
    object(),
]


def test_every_chapter_has_checkers():
    """Chapter checkers are discovered (so the test below cannot pass by finding none)."""
    assert len(chapter_checkers()) >= 3


@pytest.mark.parametrize("answer", ANY_INPUT, ids=lambda a: type(a).__name__)
@pytest.mark.parametrize("checker", chapter_checkers())
def test_every_checker_survives_any_input(checker, answer, capsys):
    """Every exercise checker prints exactly one line and returns None, whatever it is given."""
    assert checker(answer) is None
    captured = capsys.readouterr()
    assert captured.err == "", "no warnings on stderr"
    assert captured.out.count("\n") == 1, captured.out
    assert captured.out.startswith((checks.RIGHT, checks.NOT_YET, checks.NO_ANSWER))
