"""Padding and stride: the two knobs that set the size of a correlation's output.

:func:`helpers.conv.correlate2d` and its relatives take ``padding`` and ``stride``
arguments; this module pads explicitly and gives the output-size formula.

What happens when the stride does not fit
-----------------------------------------
With ``n = 10``, ``f = 3``, ``p = 0`` and ``s = 2`` the formula gives
``(10 - 3) / 2 + 1 = 4.5`` positions. There is no half position: the window starts at
0, 2, 4 and 6, and one more step would start at 8 and hang past the edge. Like the
convolution layers of PyTorch (``Conv2d``) and TensorFlow (``padding="VALID"``),
:func:`output_size` rounds down and the last pixel is never looked at; :func:`leftover`
counts such pixels. Pass ``exact=True`` to get an error instead, which is what you want
when a silent loss of a border column would be a bug. ``exact`` asks for the formula to
come out whole: it also refuses a layout whose unread pixels are only padding zeros.
"""

from __future__ import annotations

import numpy as np

from ._validate import MAX_SIZE, as_real_2d, check_choice, check_int, check_pair, check_real

__all__ = ["PAD_MODES", "leftover", "output_size", "pad", "same_padding"]

PAD_MODES = ("constant", "edge", "reflect")
# The largest padded image pad() builds (2 GiB of float64): a padding beyond it is a slip,
# and refusing it gives a message instead of numpy's allocation error.
MAX_PADDED_PIXELS = 1 << 28


def pad(image, padding, value: float = 0.0, mode: str = "constant") -> np.ndarray:
    """Surround a 2-D image with a border: zeros by default, or copies of its own pixels.

    Parameters
    ----------
    image : array_like, shape (H, W)
        Real numbers of any dtype or nested lists. Never modified.
    padding : int or (int, int)
        Width of the border: the same on all four sides, or ``(rows, columns)``:
        ``rows`` above and below, ``columns`` left and right. 0 adds nothing.
    value : float, default 0.0
        What the border is filled with in ``"constant"`` mode (the other modes
        take their border from the image and refuse a non-zero ``value``).
    mode : {"constant", "edge", "reflect"}, default "constant"
        ``"constant"`` fills the border with ``value``; ``"edge"`` repeats the
        outermost row or column (PyTorch calls it "replicate"); ``"reflect"``
        mirrors the image about its outermost pixels, which it does not repeat
        (so the border can be at most the image's size minus 1).

    Returns
    -------
    numpy.ndarray of float64, shape (H + 2 * rows, W + 2 * columns)
        A new array; the image sits in the middle.

    Raises
    ------
    TypeError
        If ``image`` is complex or not numeric.
    ValueError
        If ``value`` is not one real number (an int, float or Fraction, not a bool; NaN
        and infinities are fine), ``image`` is not 2-D or is empty, ``padding`` is not a
        valid size or would give more than :data:`MAX_PADDED_PIXELS` pixels, ``mode`` is
        unknown, a ``value`` is given for a mode other than ``"constant"``, or a
        ``"reflect"`` border is as wide as the image or wider.

    Examples
    --------
    >>> pad([[1, 2], [3, 4]], 1)
    array([[0., 0., 0., 0.],
           [0., 1., 2., 0.],
           [0., 3., 4., 0.],
           [0., 0., 0., 0.]])
    >>> pad([[1, 2]], (0, 2)).tolist()
    [[0.0, 0.0, 1.0, 2.0, 0.0, 0.0]]
    >>> pad([[1, 2, 3]], (0, 2), mode="edge").tolist()
    [[1.0, 1.0, 1.0, 2.0, 3.0, 3.0, 3.0]]
    >>> pad([[1, 2, 3]], (0, 2), mode="reflect").tolist()
    [[3.0, 2.0, 1.0, 2.0, 3.0, 2.0, 1.0]]
    """
    x = as_real_2d(image, "image")
    rows, cols = check_pair(padding, "padding", 0)
    check_choice(mode, "mode", PAD_MODES)
    fill = check_real(value, "value", finite=False)
    if mode != "constant" and fill != 0:
        raise ValueError(
            f"value={value!r} only applies to mode='constant'; mode={mode!r} copies the "
            "border from the image itself"
        )
    if mode == "reflect" and (rows >= x.shape[0] or cols >= x.shape[1]):
        raise ValueError(
            f"padding {(rows, cols)} is too wide to reflect an image of shape {x.shape}: "
            "a reflected border must be narrower than the image (use mode='edge' or "
            "'constant')"
        )
    _check_padded_size(x.shape, padding)
    constant = {"constant_values": fill} if mode == "constant" else {}
    return np.pad(x, ((rows, rows), (cols, cols)), mode=mode, **constant)


def _check_padded_size(shape, padding) -> None:
    """Raise a ValueError if padding an image of ``shape`` would pass MAX_PADDED_PIXELS."""
    rows, cols = check_pair(padding, "padding", 0)
    padded = (shape[0] + 2 * rows, shape[1] + 2 * cols)
    if padded[0] * padded[1] > MAX_PADDED_PIXELS:
        raise ValueError(
            f"padding {padding!r} would turn the image of shape {tuple(shape)} into {padded}, "
            f"more than {MAX_PADDED_PIXELS:,} pixels; use a smaller padding"
        )


def same_padding(kernel_size) -> int:
    """The zero border ``p = (f - 1) / 2`` that keeps the output the size of the input.

    Parameters
    ----------
    kernel_size : int
        The kernel's size ``f`` along one axis; it must be odd.

    Returns
    -------
    int
        ``(f - 1) // 2``: with stride 1, ``n + 2p - f + 1 = n``.

    Raises
    ------
    ValueError
        If ``kernel_size`` is not a positive integer, or it is even: then no
        border of the same width on both sides keeps the size. ``mode="same"``
        in :func:`helpers.conv.correlate2d` pads ``f // 2`` before the image and
        ``(f - 1) // 2`` after, as ``scipy.ndimage`` does (PyTorch's and
        TensorFlow's "same" put the extra pixel after instead).

    Examples
    --------
    >>> [same_padding(f) for f in (1, 3, 5, 7)]
    [0, 1, 2, 3]
    """
    f = check_int(kernel_size, "kernel_size", 1)
    if f % 2 == 0:
        raise ValueError(
            f"kernel_size {f} is even: keeping the size needs f - 1 = {f - 1} pixels of "
            f"padding, which cannot be split evenly between the two sides "
            f"(use mode='same', which puts {f // 2} before and {(f - 1) // 2} after)"
        )
    return (f - 1) // 2


def output_size(n, f, padding=0, stride=1, dilation=1, *, exact: bool = False) -> int:
    """Number of window positions along one axis: ``floor((n + 2p - d (f - 1) - 1) / s) + 1``.

    Without dilation (``d = 1``) that is ``floor((n + 2p - f) / s) + 1``.

    Parameters
    ----------
    n, f : int
        The input's and the kernel's size along the axis.
    padding, stride, dilation : int, default 0, 1, 1
        ``p``, ``s`` and ``d``, as for :func:`helpers.conv.correlate2d`: the
        kernel spans ``e = d (f - 1) + 1`` pixels, and ``e`` takes the place of ``f``.
    exact : bool, default False
        If true, raise when ``s`` does not divide ``n + 2p - e`` instead of
        rounding down.

    Returns
    -------
    int
        The output's size along the axis.

    Raises
    ------
    ValueError
        If ``n``, ``f``, ``stride`` or ``dilation`` is not a positive integer,
        ``padding`` is not an integer >= 0, the (dilated) kernel is larger than
        the padded input, or (with ``exact=True``) the last step does not fit.

    See Also
    --------
    leftover : how many pixels the rounding down leaves out.

    Examples
    --------
    The reference cases: a 7-pixel input with a 3-pixel kernel, then stride 2;
    AlexNet's first layer (227 pixels, 11x11 kernels, stride 4):

    >>> output_size(7, 3), output_size(7, 3, stride=2), output_size(227, 11, stride=4)
    (5, 3, 55)

    "Same" padding keeps the size:

    >>> output_size(7, 3, padding=1)
    7

    When the stride does not fit, the size is rounded down, or refused:

    >>> output_size(10, 3, stride=2)
    4
    >>> output_size(10, 3, stride=2, exact=True)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: (n + 2p - f) / s = (10 + 0 - 3) / 2 = 3.5 is not a whole number: ...

    A dilation of 2 spreads a 3-wide kernel over 5 pixels:

    >>> output_size(7, 3, dilation=2), output_size(7, 3, padding=2, dilation=2)
    (3, 7)
    """
    n = check_int(n, "n", 1)
    f = check_int(f, "f", 1)
    # The same limits as correlate2d's padding, stride and dilation (check_pair's).
    p = check_int(padding, "padding", 0, MAX_SIZE)
    s = check_int(stride, "stride", 1, MAX_SIZE)
    d = check_int(dilation, "dilation", 1, MAX_SIZE)
    e = d * (f - 1) + 1  # the pixels the kernel spans
    span = n + 2 * p - e
    kernel = f"f = {f}" if d == 1 else f"f = {f} spread by d = {d} over d (f - 1) + 1 = {e}"
    if span < 0:
        raise ValueError(
            f"the kernel ({kernel}) is larger than the padded input (n + 2p = {n + 2 * p}): "
            "no window position fits; pad more or use a smaller kernel"
        )
    if exact and span % s:
        shown = "f" if d == 1 else "e"
        raise ValueError(
            f"(n + 2p - {shown}) / s = ({n} + {2 * p} - {e}) / {s} = {span / s:g} is not a whole "
            f"number: one more step would hang {s - span % s} pixel(s) past the edge, and "
            f"rounding down leaves the last {span % s} pixel(s) of the padded input unread; "
            f"choose n, p and s so that s divides n + 2p - {shown}"
        )
    return span // s + 1


def leftover(n, f, padding=0, stride=1, dilation=1) -> int:
    """Pixels at the far edge of the padded input that no window reaches.

    Parameters
    ----------
    n, f, padding, stride, dilation : int
        As for :func:`output_size`.

    Returns
    -------
    int
        ``(n + 2p - d (f - 1) - 1) mod s``: 0 when the stride fits exactly. These are
        padded-input positions, counted from the far end; with padding some
        of them may be zeros of the border rather than image pixels.

    Raises
    ------
    ValueError
        As :func:`output_size`.

    Examples
    --------
    >>> leftover(10, 3, stride=2)  # windows start at 0, 2, 4, 6: pixel 9 is never read
    1
    >>> leftover(7, 3, stride=2)
    0
    """
    output_size(n, f, padding, stride, dilation)  # validates, refuses a kernel that does not fit
    span = int(dilation) * (int(f) - 1) + 1
    return (int(n) + 2 * int(padding) - span) % int(stride)
