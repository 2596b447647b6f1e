"""Tests for chapter 07's exercise checkers (learning a filter)."""

import pytest

from helpers import checks
from helpers.checks import ch07


@pytest.mark.parametrize(
    ("checker", "right"),
    [
        (ch07.check_one_weight_gradient, -12),
        (ch07.check_one_weight_gradient, -12.0),
        (ch07.check_gradient_shape, (5, 5)),
        (ch07.check_gradient_shape, [5, 5]),
        (ch07.check_converging_rate, 2.0),
        (ch07.check_converging_rate, 5),
    ],
)
def test_worked_answers_pass(checker, right, capsys):
    """The notebook's solutions (and equivalent forms) are accepted."""
    assert checker(right) is None
    assert capsys.readouterr().out.startswith(checks.RIGHT)


@pytest.mark.parametrize(
    ("checker", "wrong", "words"),
    [
        (ch07.check_one_weight_gradient, 12, ["sign"]),
        (ch07.check_one_weight_gradient, -6, ["factor 2"]),
        (ch07.check_one_weight_gradient, -4, ["pixel", "(3)"]),
        (ch07.check_one_weight_gradient, 0, ["dL/dy"]),
        (ch07.check_gradient_shape, (28, 28), ["dL/dY"]),
        (ch07.check_gradient_shape, (32, 32), ["input's shape"]),
        (ch07.check_gradient_shape, (3, 3), ["How many weights"]),
        (ch07.check_converging_rate, 0.1, ["slow", "larger rate"]),
        (ch07.check_converging_rate, 10, ["overshoot", "smaller rate"]),
        (ch07.check_converging_rate, 11, ["diverged", "smaller rate", "10.47"]),
        (ch07.check_converging_rate, 1e6, ["diverged"]),
        (ch07.check_converging_rate, -1, ["positive number"]),
        (ch07.check_converging_rate, 0, ["positive number"]),
    ],
)
def test_typical_mistakes_get_the_intended_hint(checker, wrong, words, capsys):
    """Common wrong answers are told what to reconsider."""
    checker(wrong)
    out = capsys.readouterr().out
    assert out.startswith(checks.NOT_YET)
    for word in words:
        assert word in out


@pytest.mark.parametrize(
    "checker",
    [ch07.check_one_weight_gradient, ch07.check_gradient_shape, ch07.check_converging_rate],
)
@pytest.mark.parametrize(
    "odd",
    [None, ..., "abc", "", [[1], [2, 3]], float("nan"), float("inf"), True, 1j, [], {"a": 1}],
)
def test_odd_answers_never_raise(checker, odd, capsys, recwarn):
    """Anything a learner might type prints one line and raises nothing, with no warning."""
    assert checker(odd) is None
    out = capsys.readouterr().out
    assert out.count("\n") == 1
    assert not out.startswith(checks.RIGHT)
    assert len(recwarn) == 0


def test_unanswered_says_no_answer_yet(capsys):
    """The exercise cell as shipped (answer = ...) says there is no answer yet."""
    for checker in (
        ch07.check_one_weight_gradient,
        ch07.check_gradient_shape,
        ch07.check_converging_rate,
    ):
        checker(...)
        assert capsys.readouterr().out.startswith(checks.NO_ANSWER)


def test_input_gradient_exercise_against_scipy_and_finite_differences(capsys):
    """The accepted dL/dx equals scipy.signal.convolve2d(ones, K, 'full') and central
    differences of sum(correlate(x, K)); the unflipped correlation is told to flip."""
    import numpy as np
    from scipy import signal

    image, kernel, grad_out = ch07.input_gradient_example()
    by_scipy = signal.convolve2d(grad_out, kernel, "full")
    nudged = np.zeros_like(image)
    for u, v in np.ndindex(image.shape):
        up, down = image.copy(), image.copy()
        up[u, v] += 1e-6
        down[u, v] -= 1e-6
        total = signal.correlate2d(up, kernel, "valid") - signal.correlate2d(down, kernel, "valid")
        nudged[u, v] = total.sum() / 2e-6
    np.testing.assert_allclose(by_scipy, nudged, atol=1e-5)
    ch07.check_input_gradient(by_scipy)
    assert capsys.readouterr().out.startswith(checks.RIGHT)
    ch07.check_input_gradient(signal.correlate2d(grad_out, kernel, "full"))
    assert "not turned" in capsys.readouterr().out
    ch07.check_input_gradient(signal.convolve2d(grad_out, kernel, "valid"))
    assert "shape should be (5, 5)" in capsys.readouterr().out
