"""Tests for chapter 09's exercise checkers (from one filter to a layer)."""

import numpy as np
import pytest
from feedback import one_line
from scipy import signal

from helpers import checks
from helpers.checks import ch09


def test_channel_sum_answer_is_scipy_per_channel(capsys):
    """SciPy's valid correlation per channel, added up, plus the bias, is accepted."""
    x, w, b = ch09.EXERCISE_IMAGE, ch09.EXERCISE_FILTER, ch09.EXERCISE_BIAS
    answer = sum(signal.correlate2d(x[c], w[c], "valid") for c in range(3)) + b
    ch09.check_channel_sum(answer)
    assert one_line(capsys).startswith(checks.RIGHT)
    ch09.check_channel_sum(answer.tolist())
    assert one_line(capsys).startswith(checks.RIGHT)


def per_channel():
    x, w = ch09.EXERCISE_IMAGE, ch09.EXERCISE_FILTER
    return [signal.correlate2d(x[c], w[c], "valid") for c in range(3)]


@pytest.mark.parametrize(
    ("wrong", "words"),
    [
        (lambda: sum(per_channel()), ["Add the bias"]),
        (lambda: sum(per_channel()) + 3 * ch09.EXERCISE_BIAS, ["once, not once per channel"]),
        (lambda: per_channel()[0] + ch09.EXERCISE_BIAS, ["all three channels"]),
        (
            lambda: (
                sum(
                    signal.convolve2d(ch09.EXERCISE_IMAGE[c], ch09.EXERCISE_FILTER[c], "valid")
                    for c in range(3)
                )
                + ch09.EXERCISE_BIAS
            ),
            ["correlate2d"],
        ),
        (lambda: np.zeros((4, 4)), ["shape should be (2, 2)"]),
    ],
)
def test_channel_sum_slips_get_their_hint(wrong, words, capsys):
    """Forgetting the bias or channels, or convolving, gets a hint about that slip."""
    ch09.check_channel_sum(wrong())
    out = one_line(capsys)
    assert out.startswith(checks.NOT_YET)
    for word in words:
        assert word in out


@pytest.mark.parametrize(
    ("answer", "start", "words"),
    [
        ((9 * 32 + 1) * 64, checks.RIGHT, ["18,496"]),
        (9 * 32 * 64, checks.NOT_YET, ["one bias"]),
        ((9 + 1) * 64, checks.NOT_YET, ["32 input channels"]),
        (9 * 32 * 64 + 1, checks.NOT_YET, ["64 biases"]),
        (9 * 32 + 1, checks.NOT_YET, ["one filter"]),
        (5, checks.NOT_YET, ["(f x f x C_in + 1) x C_out"]),
    ],
)
def test_layer_weights(answer, start, words, capsys):
    """The count (f f C_in + 1) C_out, counted independently here, and its slips."""
    ch09.check_layer_weights(answer)
    out = one_line(capsys)
    assert out.startswith(start)
    for word in words:
        assert word in out
