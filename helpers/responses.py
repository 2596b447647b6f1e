"""Summaries of edge-filter responses: where the edges are, which way they run, their signs.

The functions read their inputs as float64 and never modify them. Responses are
the ``"valid"`` output of a 3x3 filter in chapters 04 and 05, so output column
``c`` is centred on image column ``c + 1``; these functions count in the
response's own rows and columns.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from ._validate import as_real_2d, check_int

__all__ = [
    "SignCounts",
    "sign_counts",
    "strongest_columns",
    "strongest_rows",
]


class SignCounts(NamedTuple):
    """How many entries of a response are positive, negative and exactly zero."""

    positive: int
    negative: int
    zero: int


def strongest_columns(response, count: int = 2) -> list[tuple[int, float]]:
    """The columns whose mean response is largest in size: where long vertical edges run.

    Averaging down a column adds up an edge that runs through many rows, while
    scattered responses (noise, texture) of both signs largely cancel.

    Parameters
    ----------
    response : array_like, shape (H, W)
        A filter response, typically to a vertical-edge filter; no NaN.
    count : int, default 2
        How many columns to return; at most ``W``.

    Returns
    -------
    list of (int, float)
        ``(column, mean)`` pairs, the mean keeping its sign, ordered by
        decreasing ``abs(mean)``; ties go to the smaller column index.

    Raises
    ------
    TypeError, ValueError
        If ``response`` is not a non-empty 2-D array of real numbers without NaN, or
        ``count`` is not an integer from 1 to ``W``.

    See Also
    --------
    strongest_rows : the same for horizontal edges.

    Examples
    --------
    The article's step edge gives its band of 30s in columns 1 and 2:

    >>> from helpers.conv import correlate2d
    >>> from helpers.images import step_edge
    >>> from helpers.kernels import VERTICAL
    >>> strongest_columns(correlate2d(step_edge(), VERTICAL), count=3)
    [(1, 30.0), (2, 30.0), (0, 0.0)]
    """
    values = _finite_response(response)
    return _strongest(values.mean(axis=0), count, values.shape[1], "columns")


def strongest_rows(response, count: int = 2) -> list[tuple[int, float]]:
    """The rows whose mean response is largest in size: where long horizontal edges run.

    As :func:`strongest_columns` (parameters, ``(row, mean)`` pairs, errors), with rows
    (``H``) in place of columns (``W``).

    Examples
    --------
    A dark band across the middle of a bright image: its upper boundary
    (bright above dark) gives positive rows, its lower one (dark above
    bright) negative rows.

    >>> from helpers.conv import correlate2d
    >>> from helpers.kernels import HORIZONTAL
    >>> image = [[9] * 5] * 2 + [[0] * 5] * 2 + [[9] * 5] * 2
    >>> strongest_rows(correlate2d(image, HORIZONTAL))
    [(0, 27.0), (1, 27.0)]
    >>> strongest_rows(correlate2d(image, HORIZONTAL), count=4)[2:]
    [(2, -27.0), (3, -27.0)]
    """
    values = _finite_response(response)
    return _strongest(values.mean(axis=1), count, values.shape[0], "rows")


def sign_counts(response) -> SignCounts:
    """Count the positive, negative and zero entries of a response.

    With the course's sign convention, a vertical-edge filter is positive
    where the brighter side is on the left and negative where it is on the
    right; these counts say how much of an edge map each direction makes up.

    Parameters
    ----------
    response : array_like, shape (H, W)
        As :func:`strongest_columns`, with the same errors.

    Returns
    -------
    SignCounts
        ``(positive, negative, zero)``, adding up to ``H * W``.

    Examples
    --------
    >>> sign_counts([[0, 30, 30, 0], [0, -30, -30, 0]])
    SignCounts(positive=2, negative=2, zero=4)
    """
    values = _finite_response(response)
    positive = int(np.count_nonzero(values > 0))
    negative = int(np.count_nonzero(values < 0))
    return SignCounts(positive, negative, values.size - positive - negative)


def _finite_response(response, name: str = "response") -> np.ndarray:
    """A 2-D float64 array without NaN, or an error naming the argument."""
    values = as_real_2d(response, name)
    if np.isnan(values).any():
        raise ValueError(f"{name} must not hold NaN")
    return values


def _strongest(means: np.ndarray, count, available: int, what: str) -> list[tuple[int, float]]:
    """The ``count`` largest means in size, as (index, mean), ties to the smaller index."""
    count = check_int(count, "count", minimum=1)
    if count > available:
        raise ValueError(f"count must be at most the number of {what} ({available}), got {count}")
    order = np.argsort(-np.abs(means), kind="stable")[:count]
    # + 0.0 turns a -0.0 mean into 0.0, so it prints without a sign.
    return [(int(i), float(means[i]) + 0.0) for i in order]
