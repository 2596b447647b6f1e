"""Instant feedback for the exercises in the notebooks.

Each exercise is described once, as an :class:`Exercise` record: what kind of answer it
expects (a number, an array, a letter, or a function the learner writes), the right answer
or reference function computed by the tested helpers (never typed in), the tolerance, the
known mistakes with the hint each deserves, and the explanation shown when the answer is
right. One runner, :func:`feedback`, turns any answer into one line of feedback (two for a
function: what went wrong, and the small input it went wrong on). It never raises, whatever
it is given, so a learner's cell always shows feedback rather than a traceback.

Each chapter's exercises live in ``helpers.checks.chNN``, each record built (once, when first
needed) by a function decorated with :func:`exercise`, which makes it the checker the
notebook calls: ``ch03.check_output_size(28)`` prints the line and returns None. Chapter
01's checkers are re-exported here.
"""

from .ch01 import check_conv_weights, check_dense_memory, check_dense_weights
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
