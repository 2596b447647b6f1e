"""The shared input checks of helpers._validate, seen through the helpers that use them."""

import numpy as np
import pytest

from helpers.images import edge_examples, radial_pattern
from helpers.layers import numerical_gradient
from helpers.learn import learn_kernel
from helpers.render import signed_levels


@pytest.mark.parametrize("bad", [0, -1.5, float("nan"), float("inf"), True, "1", 1j])
@pytest.mark.parametrize(
    "call, name",
    [
        (lambda v: radial_pattern(9, extent=v), "extent"),
        (
            lambda v: learn_kernel([np.ones((4, 4))], [np.ones((2, 2))], learning_rate=v),
            "learning_rate",
        ),
        (lambda v: numerical_gradient(np.sum, np.ones(2), step=v), "step"),
        (lambda v: signed_levels(np.ones((2, 2)), limit=v), "limit"),
    ],
)
def test_positive_numbers_take_one_rule(call, name, bad):
    """Rates, nudges, extents and colour limits refuse the same values with the same words."""
    with pytest.raises(ValueError, match=f"^{name} must be a positive finite number, got "):
        call(bad)


def test_none_is_refused_where_it_means_nothing():
    """None is the automatic colour limit, but no rate, nudge or extent."""
    for call, name in [
        (lambda: radial_pattern(9, extent=None), "extent"),
        (lambda: numerical_gradient(np.sum, np.ones(2), step=None), "step"),
    ]:
        with pytest.raises(ValueError, match=f"^{name} must be a positive finite number"):
            call()


@pytest.mark.parametrize("bad", [-0.1, float("nan"), float("inf"), True, "0"])
def test_noise_takes_the_same_rule_with_zero_allowed(bad):
    """A noise level may be 0, and otherwise takes the positive-number rule's words."""
    assert edge_examples(count=2, size=4, noise=0)[0].shape == (2, 1, 4, 4)
    with pytest.raises(ValueError, match=r"^noise must be a finite number >= 0, got "):
        edge_examples(count=2, size=4, noise=bad)
