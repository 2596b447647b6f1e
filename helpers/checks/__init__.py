"""Instant feedback for the exercises in the notebooks.

Each exercise is described once, as an :class:`Exercise` record (its kind, the
right answer or reference function computed by the tested helpers, the
tolerance, the known mistakes with their hints, the explanation), and one
runner, :func:`feedback`, turns any answer into one line of feedback: what is
right, or what is wrong with a hint. It never raises, whatever it is given, so
a learner's cell always shows feedback rather than a traceback.

Each chapter's exercises live in ``helpers.checks.chNN``; each is a checker
that prints the line and returns None, e.g. ``ch03.check_output_size(28)``.
Chapter 01's checkers are re-exported here.
"""

from .records import KINDS, NO_ANSWER, NOT_YET, REGISTRY, RIGHT, Exercise, exercise, feedback

__all__ = [
    "KINDS",
    "NOT_YET",
    "NO_ANSWER",
    "REGISTRY",
    "RIGHT",
    "Exercise",
    "check_conv_weights",
    "check_dense_memory",
    "check_dense_weights",
    "exercise",
    "feedback",
]

# Chapter 01's checkers, kept importable as helpers.checks.check_... for its notebook.
from .ch01 import check_conv_weights, check_dense_memory, check_dense_weights
