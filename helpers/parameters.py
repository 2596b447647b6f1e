"""Counting weights: why a dense layer cannot look at a real photograph.

A fully connected ("dense") layer gives every input number its own weight to
every hidden unit. A convolution layer slides one small filter over the image
and uses the same few weights at every position. These functions count both,
and the memory the weights would take, so the notebooks can compare them with
numbers instead of adjectives.
"""

from __future__ import annotations

import numpy as np

from ._validate import as_real_2d, check_int, check_pair
from .colours import format_number

__all__ = [
    "conv_weights",
    "dense_weights",
    "format_bytes",
    "neighbour_correlation",
    "weight_bytes",
]


def dense_weights(input_shape, hidden_units: int, bias: bool = False) -> int:
    """Number of weights of a dense layer that sees every input number.

    Parameters
    ----------
    input_shape : tuple of int
        Shape of one input, for example ``(1000, 1000, 3)`` for an RGB photo.
    hidden_units : int
        Units in the layer; each one has a weight for every input number.
    bias : bool
        Count one bias per unit too.

    Returns
    -------
    int
        ``prod(input_shape) * hidden_units`` (plus ``hidden_units`` with bias).

    Examples
    --------
    The article's photo, about 1000x1000 pixels with 3 colour channels, into
    1,000 hidden units:

    >>> dense_weights((1000, 1000, 3), 1000)
    3000000000
    """
    try:
        sizes = [check_int(n, "input_shape", minimum=1) for n in input_shape]
    except TypeError:
        raise ValueError(
            f"input_shape must be a tuple of positive integers, got {input_shape!r}"
        ) from None
    if not sizes:
        raise ValueError("input_shape must not be empty")
    units = check_int(hidden_units, "hidden_units", minimum=1)
    inputs = int(np.prod(sizes, dtype=object))  # Python ints: no overflow
    return inputs * units + (units if bias else 0)


def conv_weights(kernel_size, in_channels: int = 1, filters: int = 1, bias: bool = False) -> int:
    """Number of weights of a convolution layer: independent of the image size.

    Parameters
    ----------
    kernel_size : int or tuple of int
        ``f`` for an ``f x f`` filter, or ``(rows, columns)``.
    in_channels : int
        Channels of the input (3 for RGB); each filter spans all of them.
    filters : int
        How many filters the layer learns.
    bias : bool
        Count one bias per filter too.

    Returns
    -------
    int
        ``rows * columns * in_channels * filters`` (plus ``filters`` with bias).

    Examples
    --------
    >>> conv_weights(3)
    9
    >>> conv_weights(3, in_channels=3)
    27
    """
    rows, cols = check_pair(kernel_size, "kernel_size", 1, maximum=None)
    channels = check_int(in_channels, "in_channels", minimum=1)
    count = check_int(filters, "filters", minimum=1)
    return rows * cols * channels * count + (count if bias else 0)


def weight_bytes(count: int, dtype="float32") -> int:
    """Memory taken by ``count`` weights stored as ``dtype``.

    Examples
    --------
    >>> weight_bytes(3_000_000_000)
    12000000000
    >>> weight_bytes(9, "float64")
    72
    """
    count = check_int(count, "count", 0)
    try:
        itemsize = np.dtype(dtype).itemsize
    except TypeError:
        raise ValueError(f"dtype must be a numpy dtype such as 'float32', got {dtype!r}") from None
    return count * itemsize


def format_bytes(size: int) -> str:
    """A byte count in decimal units (kB, MB, GB, TB), as storage is sold.

    Examples
    --------
    >>> format_bytes(12_000_000_000)
    '12 GB'
    >>> format_bytes(36)
    '36 bytes'
    >>> format_bytes(1_500_000), format_bytes(999_999), format_bytes(5 * 10**15)
    ('1.5 MB', '1 MB', '5000 TB')
    """
    value, unit = float(check_int(size, "size", 0)), "bytes"
    for next_unit in ("kB", "MB", "GB", "TB"):
        if value < 999.5:  # a value that would be written 1000 moves up a unit
            break
        value, unit = value / 1000, next_unit
    return f"{format_number(value)} {unit}"


def neighbour_correlation(image, axis: int = 1) -> float:
    """Correlation between each pixel and its neighbour along ``axis``.

    Close to 1 for a photograph (neighbours look alike: the "spatial
    relationship" a filter exploits), close to 0 for the same pixels shuffled.

    Parameters
    ----------
    image : array_like, shape (H, W)
        A grayscale image, at least 2 pixels along ``axis``, not constant.
    axis : {0, 1}
        1 compares each pixel with the one to its right, 0 with the one below.

    Returns
    -------
    float
        Pearson correlation coefficient of the pixel pairs.

    Raises
    ------
    TypeError, ValueError
        If ``image`` is not a non-empty 2-D array of real numbers, ``axis`` is not the
        integer 0 or 1, or the image is constant or under 2 pixels along ``axis``.

    Examples
    --------
    >>> import numpy as np
    >>> ramp = np.add.outer(np.arange(4), np.arange(5))  # each pixel one more than its left
    >>> neighbour_correlation(ramp)
    1.0
    >>> stripes = np.indices((4, 4)).sum(axis=0) % 2  # each pixel the opposite of its left
    >>> neighbour_correlation(stripes)
    -1.0
    """
    x = as_real_2d(image, "image")
    axis = check_int(axis, "axis", 0, 1)
    if x.shape[axis] < 2:
        raise ValueError(f"image needs at least 2 pixels along axis {axis}, got shape {x.shape}")
    left = np.take(x, np.arange(x.shape[axis] - 1), axis=axis).ravel()
    right = np.take(x, np.arange(1, x.shape[axis]), axis=axis).ravel()
    if left.std() == 0 or right.std() == 0:
        raise ValueError("image must not be constant: a correlation needs variation")
    return round(float(np.corrcoef(left, right)[0, 1]), 12)  # 1.0, not 0.9999999999999998
