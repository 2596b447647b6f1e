"""Stateful tests: every widget control, set to anything its trait allows, in any order.

Hypothesis drives each widget as a restless learner (or a browser) would: any
menu choice or None, any number or non-number in a kernel cell, sent as a
Python assignment or as the message a browser sends, on custom images among
the usual ones. After every step nothing may have escaped (an exception, a
warning, or a "Could not" message, which means the widget's guard caught a
bug), and what the widget shows must agree with itself: the inspector's sum
is the shown output's cell, the stepper's output is the partial correlation.
"""

import warnings

import numpy as np
import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from helpers.conv import correlate2d
from helpers.images import radial_pattern, step_edge
from helpers.widgets import EdgeComparer, KernelExplorer, SlidingWindowStepper
from helpers.widgets.stepper import _partial_output

pytestmark = pytest.mark.filterwarnings("error")

SETTINGS = settings(
    max_examples=50,
    stateful_step_count=20,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)

# Anything a kernel cell might receive: numbers of every size, non-numbers, None.
ANY_CELL_VALUE = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(-(10**400), 10**400),
    st.sampled_from([None, "abc", "", "2.5", True, [1], 1e300, -1e300, 5e-324]),
)
RNG = np.random.default_rng(0)
CUSTOM_IMAGES = {
    "step edge 6x6": step_edge(),
    "tiny 3x4": RNG.integers(0, 9, size=(3, 4)),
    "large 1100x900": RNG.standard_normal((1100, 900)),
    "with a NaN": np.where(np.eye(8, dtype=bool), np.nan, 1.0),
    "uint8 ramp": np.tile(np.arange(0, 250, 10, dtype=np.uint8), (12, 1)),
}


class Quiet:
    """Base: a widget whose status line must never say that a handler failed."""

    widget = None

    def check_quiet(self):
        assert not self.widget.message.startswith("Could not"), self.widget.message


class ExplorerMachine(RuleBasedStateMachine, Quiet):
    @initialize(custom=st.booleans())
    def start(self, custom):
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            self.widget = KernelExplorer(images=CUSTOM_IMAGES if custom else None)

    @rule(name=st.sampled_from(["preset", "size", "image", "operation"]), data=st.data())
    def choose(self, name, data):
        control = self.widget.controls[name]
        control.value = data.draw(st.sampled_from([*control.options, None]))

    @rule(name=st.sampled_from(["mirror", "absolute"]), value=st.booleans())
    def toggle(self, name, value):
        self.widget.controls[name].value = value

    @rule(name=st.sampled_from(["row", "col"]), value=st.integers(-10, 2000))
    def inspect(self, name, value):
        self.widget.controls[name].value = value

    @rule(data=st.data(), value=ANY_CELL_VALUE, from_browser=st.booleans())
    def type_in_a_cell(self, data, value, from_browser):
        cells = [name for name in self.widget.controls if name.startswith("cell_")]
        cell = self.widget.controls[data.draw(st.sampled_from(cells))]
        if from_browser:
            cell.set_state({"value": value if isinstance(value, (float, str)) else None})
        else:
            cell.value = value

    @invariant()
    def agrees_with_itself(self):
        if self.widget is None:
            return
        self.check_quiet()
        explorer = self.widget
        output = explorer.output
        assert np.isfinite(output).all()
        row, col = explorer.controls["row"].value, explorer.controls["col"].value
        step = explorer.inspect()
        shown = output[row, col]
        assert (abs(step.total) if explorer._good["absolute"] else step.total) == shown
        expected = correlate2d(explorer.image, step.weights)[row, col]
        assert step.total == expected
        assert all(np.isfinite(cell.value) for cell in explorer._cells[0])


class StepperMachine(RuleBasedStateMachine, Quiet):
    @initialize(custom=st.booleans())
    def start(self, custom):
        examples = None
        if custom:
            examples = {
                "one position": (np.arange(9).reshape(3, 3), np.ones((3, 3))),
                "uneven": (RNG.integers(-5, 5, size=(7, 5)), RNG.integers(-2, 3, size=(2, 4))),
            }
        self.widget = SlidingWindowStepper(examples=examples)

    @rule(data=st.data())
    def choose_example(self, data):
        control = self.widget.controls["example"]
        control.value = data.draw(st.sampled_from([*control.options, None]))

    @rule(name=st.sampled_from(["position", "play"]), value=st.integers(-10, 100))
    def move(self, name, value):
        self.widget.controls[name].value = value

    @invariant()
    def agrees_with_itself(self):
        if self.widget is None:
            return
        self.check_quiet()
        stepper = self.widget
        position = stepper.controls["position"].value
        np.testing.assert_array_equal(
            stepper.output, _partial_output(stepper.image, stepper.kernel, position)
        )
        row, col = stepper.cell
        assert stepper.step.total == correlate2d(stepper.image, stepper.kernel)[row, col]


class ComparerMachine(RuleBasedStateMachine, Quiet):
    @initialize(custom=st.booleans())
    def start(self, custom):
        images = None
        if custom:
            images = {
                "radial pattern": radial_pattern(65),
                "flat": np.ones((20, 20)),
                "too small": np.ones((2, 2)),
                "uint8 ramp": CUSTOM_IMAGES["uint8 ramp"],
            }
        self.widget = EdgeComparer(images=images)

    @rule(data=st.data())
    def choose_image(self, data):
        control = self.widget.controls["image"]
        control.value = data.draw(st.sampled_from([*control.options, None]))

    @rule(value=st.floats(allow_nan=True, allow_infinity=True))
    def threshold(self, value):
        self.widget.controls["threshold"].value = value

    @invariant()
    def agrees_with_itself(self):
        if self.widget is None:
            return
        message = self.widget.message
        assert not message.startswith("Could not update"), message
        comparer = self.widget
        assert comparer.output.shape == comparer.edges.shape
        assert (comparer.output[~comparer.edges] == 0).all()


TestExplorerStates = ExplorerMachine.TestCase
TestExplorerStates.settings = SETTINGS
TestStepperStates = StepperMachine.TestCase
TestStepperStates.settings = SETTINGS
TestComparerStates = ComparerMachine.TestCase
TestComparerStates.settings = SETTINGS
