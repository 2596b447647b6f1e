"""Running a function the learner wrote on many inputs, and saying precisely what went wrong.

The first case (small inputs first) on which the learner's function and the reference
disagree gets two lines: what is wrong (a changed input, a time limit, the wrong shape or
values, or the known mistake it behaves like), and the input. If the function raises, the
learner sees the exception and the line of their code it came from, not a wall of traceback.
"""

from __future__ import annotations

import contextlib
import signal
import sysconfig
import threading
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np

from .answers import plain, read_array, read_number, shown
from .records import NO_ANSWER, NOT_YET, RIGHT, Exercise

# Where library code lives: a traceback frame from there is not the learner's line.
_LIBRARY_PATHS = (
    str(Path(__file__).resolve().parents[1]),
    str(Path(np.__file__).resolve().parents[1]),
    sysconfig.get_paths()["stdlib"],
)


class _TooSlow(BaseException):
    """Raised inside the learner's function when its time is up (not an Exception, so that
    a bare `except Exception` in the learner's code cannot swallow it)."""


def function_feedback(record: Exercise, candidate) -> str:
    """Feedback on a learner's function: RIGHT after every case agrees, else the first problem."""
    if not callable(candidate):
        return (
            f"{NOT_YET} the answer should be your function itself (its name, without "
            f"brackets), got {shown(candidate)}."
        )
    cases = record.cases()
    for args in cases:
        expected = record.answer(*_copies(args))
        given = _copies(args)
        try:
            with _time_limit(record.time_limit):
                result = candidate(*given)
        except _TooSlow:
            return _fails(
                f"too slow: it took more than {record.time_limit:g} s on one input "
                "(an infinite loop, or a loop over more than the output's positions?).",
                args,
            )
        except Exception as error:
            return _fails(f"your function raised {_error_line(error)}.", args)
        if result is None and args is cases[0]:
            return (
                f"{NO_ANSWER} your function returns None so far: write its body (and its "
                "return), then run the cell again."
            )
        for position, (before, after) in enumerate(zip(args, given, strict=True)):
            if isinstance(before, np.ndarray) and not np.array_equal(before, after, equal_nan=True):
                return _fails(
                    f"your function changed its input (argument {position + 1}): work on a "
                    "new array, or a copy, and leave the input as it was.",
                    args,
                )
        problem = _compare(record, expected, result)
        if problem:
            return _fails(
                _name_the_mistake(record, candidate, cases, result, args) or problem, args
            )
    return f"{RIGHT} your function agrees with helpers on all {len(cases)} inputs. {record.explain}"


def _name_the_mistake(record: Exercise, candidate, cases, result, args) -> str | None:
    """The hint of the known mistake the learner's function behaves like, if one fits.

    A mistake is named only if it gives the learner's result on every input (several
    mistakes can agree on one input: the absolute value and swapped signs both give +1
    on a dark-to-bright edge), so that a hint never names a slip the learner did not make.
    """
    if read_array(result) is None and read_number(result) is None:
        return None  # the wrong kind of answer: the generic line says so
    fitting = [(w, hint) for w, hint in record.mistakes if _same(record, w, args, result)]
    for other in cases:
        if not fitting:
            break
        if other is args:
            continue
        try:
            with _time_limit(record.time_limit):
                theirs = candidate(*_copies(other))
        except BaseException:
            continue
        fitting = [(w, hint) for w, hint in fitting if _same(record, w, other, theirs)]
    return fitting[0][1] if fitting else None


def _same(record: Exercise, wrong: Callable, args, result) -> bool:
    """Whether the known mistake ``wrong`` gives ``result`` on ``args``."""
    try:
        return _compare(record, wrong(*_copies(args)), result) is None
    except Exception:  # a mistake that cannot happen on this input
        return False


def wrapped(reference: Callable) -> Callable:
    """The known mistake of computing in the image's own integer type: results wrap around.

    ``wrapped(correlate2d)(image, kernel)`` is what a loop that adds products into an array of
    the image's dtype gives: for a uint8 image, -30 becomes 226.
    """

    def in_image_dtype(image, *rest):
        exact = np.asarray(reference(image, *rest))
        if not np.issubdtype(np.asarray(image).dtype, np.integer):
            return exact  # with a float image the slip does no harm
        return np.round(exact).astype(np.int64).astype(np.asarray(image).dtype)

    return in_image_dtype


def _compare(record: Exercise, expected, result) -> str | None:
    """What is wrong with ``result``, or None if it agrees with ``expected``."""
    wanted = np.asarray(expected, dtype=np.float64)
    # Where a number is wanted, read one first: a sequence is not a number.
    given = read_array(result if wanted.ndim else read_number(result))
    if given is None:
        kind = "an array of numbers" if wanted.ndim else "a number"
        return f"it returned {shown(result)}, not {kind}. {record.hint}"
    if given.shape != wanted.shape:
        return f"the output has shape {given.shape}, it should be {wanted.shape}. {record.hint}"
    tolerance = record.tolerance
    wrong = ~np.isclose(given, wanted, rtol=tolerance, atol=tolerance, equal_nan=True)
    if not wrong.any():
        return None
    first = tuple(int(i) for i in np.argwhere(wrong)[0])
    where = f" at {first}" if first else ""
    return (
        f"the output differs from helpers{where}: {plain(float(given[first]))} instead of "
        f"{plain(float(wanted[first]))}. {record.hint}"
    )


def _fails(problem: str, args) -> str:
    return f"{NOT_YET} {' '.join(problem.split())}\n   on the input {_describe(args)}"


def _describe(args) -> str:
    """The arguments in one line: small arrays in full, larger ones by shape and dtype."""
    parts = []
    for value in args:
        if not isinstance(value, np.ndarray):
            parts.append(shown(value))
            continue
        dtype = "" if value.dtype == np.float64 else f" ({value.dtype})"
        if value.size > 30:
            parts.append(f"an array of shape {value.shape}{dtype}")
            continue
        whole = value.dtype.kind == "f" and np.all(np.mod(value, 1) == 0)
        numbers = value.astype(np.int64) if whole else np.round(value, 3)
        text = " ".join(np.array2string(numbers, separator=", ", max_line_width=10**4).split())
        parts.append(text + dtype)
    return ", ".join(parts)


def _copies(args) -> tuple:
    return tuple(a.copy() if isinstance(a, np.ndarray) else a for a in args)


def _error_line(error: BaseException) -> str:
    """``ValueError: ... (line 4: total += window)``: the last frame of the learner's code.

    Frames inside ``helpers``, numpy or Python's own library are skipped, so the line
    shown is the learner's call that went wrong, not the check that refused it.
    """
    frames = traceback.extract_tb(error.__traceback__)
    frames = [f for f in frames if not f.filename.startswith(_LIBRARY_PATHS)] or frames
    where = ""
    if frames:
        frame = frames[-1]
        code = (frame.line or "").strip()
        where = f" (line {frame.lineno}: {code})" if code else f" (line {frame.lineno})"
    message = " ".join(str(error).split())
    message = message if len(message) <= 120 else message[:119] + "…"
    return f"{type(error).__name__}: {message}{where}"


@contextlib.contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    """Interrupt the block after ``seconds`` (Unix main thread; elsewhere no limit)."""
    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return

    def stop(signum, frame):
        raise _TooSlow

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def image_kernel_cases(seed: int = 0, count: int = 20) -> list[tuple[np.ndarray, np.ndarray]]:
    """Seeded (image, kernel) pairs for checking a learner's sliding-window function.

    Small ones first, so the first failure is easy to read: an asymmetric 3x3 kernel on a 5x5
    image, a 1x1 kernel, a kernel as large as its image, non-square images and kernels,
    integer and uint8 images, then random ones.

    Examples
    --------
    >>> cases = image_kernel_cases()
    >>> len(cases), cases[0][0].shape, cases[0][1].shape
    (20, (5, 5), (3, 3))
    """
    rng = np.random.default_rng(seed)
    cases = [
        (np.arange(25.0).reshape(5, 5) % 7, np.arange(1.0, 10.0).reshape(3, 3)),
        (np.array([[1.0, 2.0], [3.0, 4.0]]), np.array([[2.0]])),
        (np.arange(12.0).reshape(3, 4), np.arange(12.0).reshape(3, 4)[::-1]),
        (rng.integers(0, 9, size=(4, 6)), rng.integers(-2, 3, size=(2, 3))),
        (rng.integers(0, 256, size=(6, 5)).astype(np.uint8), np.array([[1, 0, -1]] * 3)),
    ]
    while len(cases) < count:
        rows, cols = (int(n) for n in rng.integers(1, 10, size=2))
        krows, kcols = int(rng.integers(1, rows + 1)), int(rng.integers(1, cols + 1))
        cases.append((rng.normal(size=(rows, cols)), rng.normal(size=(krows, kcols))))
    return cases
