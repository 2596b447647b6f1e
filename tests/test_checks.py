"""Tests for helpers.checks: every exercise record, run through the one runner.

One parametrised test per property, over every exercise of every chapter:
the right answer (or the reference function) is accepted, each known mistake
gets its own hint, and any input at all gives one line of feedback (two for a
function: the problem and the input), never a traceback or a warning.
"""

import importlib
import math
import pkgutil
import time
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest

from helpers import checks
from helpers.checks import NO_ANSWER, NOT_YET, RIGHT, Exercise, feedback
from helpers.checks.answers import plain, read_array, read_number, shown
from helpers.checks.functions import image_kernel_cases

for module in pkgutil.iter_modules(checks.__path__):
    if module.name.startswith("ch"):
        importlib.import_module(f"helpers.checks.{module.name}")
EXERCISES = sorted(checks.REGISTRY.items())
IDS = [name.removeprefix("helpers.checks.") for name, _ in EXERCISES]
FUNCTIONS = [(n, c) for n, c in EXERCISES if c.record().kind == "function"]


class BadFloat:
    def __float__(self):
        raise RuntimeError("no float for you")


def raises(*args):
    raise ZeroDivisionError("oops")


def loops(*args):
    while True:
        pass


ANY_INPUT = [
    None,
    ...,
    "",
    "12",
    " b ",
    [1, 2],
    [[1, 2], [3]],
    [["a", "b"]],
    {"a": 1},
    1j,
    True,
    -5,
    float("nan"),
    float("inf"),
    10**400,
    10**5000,
    -1e308,
    Fraction(28),
    Decimal("24.1"),
    np.array(28),
    np.int64(6),
    np.ones((2, 2, 2)),
    np.full((3, 3), np.nan),
    np.ones((3, 3)) * 1j,
    BadFloat(),
    object(),
    raises,
    loops,
    len,
]


def run(check, answer, capsys) -> str:
    """Run a checker; return what it printed, after checking it printed feedback only."""
    assert check(answer) is None
    out = capsys.readouterr()
    assert out.err == "", "no warnings on stderr"
    assert out.out.startswith((RIGHT, NOT_YET, NO_ANSWER)), out.out
    return out.out


def test_every_chapter_from_02_has_a_write_it_yourself_exercise():
    """Chapters 02 to 08 each have at least one function exercise (and the registry is full)."""
    chapters = {name.split(".")[2] for name, _ in FUNCTIONS}
    assert {"ch02", "ch03", "ch04", "ch05", "ch06", "ch07", "ch08"} <= chapters
    assert len(EXERCISES) >= 40


@pytest.mark.parametrize(("name", "check"), EXERCISES, ids=IDS)
def test_the_right_answer_is_accepted(name, check, capsys):
    """The record's own answer (the reference function, for a function) gets RIGHT."""
    record = check.record()
    out = run(check, record.answer, capsys)
    assert out.startswith(RIGHT) and out.count("\n") == 1, out
    assert record.explain in out


@pytest.mark.parametrize(("name", "check"), EXERCISES, ids=IDS)
def test_each_known_mistake_gets_its_own_hint(name, check, capsys):
    """Every listed mistake (every wrong letter, for a choice) is told its own hint."""
    record = check.record()
    if record.kind == "choice":
        wrong = [(letter, why) for letter, why in record.options.items() if letter != record.answer]
    else:
        wrong = record.mistakes
    told = 0
    for mistake, hint in wrong:
        out = run(check, mistake, capsys)
        assert out.startswith(NOT_YET), (mistake, out)
        assert " ".join(hint.split()) in " ".join(out.split()), (hint, out)
        told += 1
    # Every array, choice and function exercise knows at least one typical slip.
    assert told or record.kind == "number"


@pytest.mark.parametrize("answer", ANY_INPUT, ids=lambda a: type(a).__name__)
@pytest.mark.parametrize(("name", "check"), EXERCISES, ids=IDS)
def test_any_input_gives_feedback_never_a_traceback(name, check, answer, capsys):
    """Whatever a learner passes, the checker prints feedback and returns None."""
    record = check.record()
    if record.kind == "function" and answer is loops:
        record = Exercise(**{**record.__dict__, "time_limit": 0.2})
        out = feedback(record, answer)
        assert out.startswith(NOT_YET) and "too slow" in out
        return
    out = run(check, answer, capsys)
    assert out.count("\n") == (2 if "\n   on the input" in out else 1), out
    if answer is raises and record.kind == "function":
        assert "ZeroDivisionError: oops" in out and "line" in out


@pytest.mark.parametrize(
    ("answer", "value"),
    [
        (28, 28.0),
        (np.float32(0.25), 0.25),
        (np.array(28), 28.0),
        (Fraction(1, 4), 0.25),
        (Decimal("2.5"), 2.5),
        (10**5000, math.inf),
        (-(10**5000), -math.inf),
        ("28", None),
        (True, None),
        (1j, None),
        (BadFloat(), None),
        ([28], None),
    ],
    ids=lambda a: type(a).__name__,
)
def test_read_number(answer, value):
    """Python, numpy, 0-d, Fraction and Decimal numbers are numbers; the rest are not."""
    assert read_number(answer) == value


def test_read_array_shown_and_plain():
    """Arrays of numbers only; any object is shown in a line; numbers in plain notation."""
    np.testing.assert_array_equal(read_array([[Fraction(1, 2), 10**400]]), [[0.5, math.inf]])
    assert read_array([[1, 2], [3]]) is None and read_array(["1"]) is None
    assert shown(10**5000) == "an integer of 5001 digits" and shown(object()).startswith("<")
    assert plain(1228800.0) == "1,228,800" and plain(0.000123) == "0.000123"


def test_numbers_are_compared_with_a_relative_tolerance(capsys):
    """60.00000000000001 is 60 (before, an exact comparison called it too large)."""
    from helpers.checks import ch06

    expected = ch06.check_sobel_step.record().answer
    assert run(ch06.check_sobel_step, expected * (1 + 1e-15), capsys).startswith(RIGHT)
    assert run(ch06.check_sobel_step, expected * (1 + 1e-6), capsys).startswith(NOT_YET)


def test_a_function_answer_is_diagnosed_on_its_first_failing_input(capsys):
    """The first input that fails is printed with the problem, and it is a small one."""
    from helpers import correlate2d
    from helpers.checks import ch03

    def forgets_the_last_column(image, kernel):
        return correlate2d(image, kernel)[:, :-1]

    out = run(ch03.check_correlate, forgets_the_last_column, capsys)
    assert out.startswith(f"{NOT_YET} the output has shape (3, 2), it should be (3, 3).")
    assert out.splitlines()[1].startswith("   on the input [[0, 1, 2, 3, 4],")


def test_a_function_that_changes_its_input_is_told(capsys):
    from helpers import convolve2d
    from helpers.checks import ch02

    def scribbles(image, kernel):
        image[0, 0] = 99
        return convolve2d(image, kernel)

    assert "changed its input (argument 1)" in run(ch02.check_convolve, scribbles, capsys)


def test_image_kernel_cases_cover_the_shapes_that_catch_slips():
    """1x1 kernels, kernels as large as the image, non-square ones, integer and uint8 images."""
    cases = image_kernel_cases()
    assert any(k.shape == (1, 1) for _, k in cases)
    assert any(k.shape == x.shape for x, k in cases)
    assert any(k.shape[0] != k.shape[1] for _, k in cases)
    assert {x.dtype.kind for x, _ in cases} >= {"f", "i", "u"}
    assert all(k.shape[0] <= x.shape[0] and k.shape[1] <= x.shape[1] for x, k in cases)


def test_checkers_are_quick_on_right_answers():
    """Running every exercise's right answer takes well under a second each."""
    for _, check in EXERCISES:
        start = time.perf_counter()
        feedback(check.record(), check.record().answer)
        assert time.perf_counter() - start < 1.0
