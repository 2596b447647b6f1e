"""Edge strength and direction from a pair of 3x3 filters, and how well they handle rotation.

A pair of filters gives two responses at each pixel: one to vertical edges
(left-right changes) and one to horizontal edges (top-bottom changes). With
the course's signs (see :mod:`helpers.kernels`), for a filter pair whose 1-D
smoothing weights sum to ``s``,

* the vertical-edge response is about ``-2 * s * dI/dx``: positive where
  brightness *decreases* to the right;
* the horizontal-edge response is about ``-2 * s * dI/dy``, with ``y``
  growing **down** the rows: positive where brightness decreases downwards.

``2 * s`` is 2 for central differences, 6 for Prewitt, 8 for Sobel and 32
for Scharr. The gradient itself, pointing towards brighter pixels, is minus
the responses; :func:`orientation` takes care of that.
"""

from __future__ import annotations

from types import MappingProxyType

import numpy as np

from ._validate import as_real_2d, check_int
from .conv import correlate2d
from .images import radial_gradient, radial_pattern
from .kernels import (
    CENTRAL_HORIZONTAL,
    CENTRAL_VERTICAL,
    PREWITT_HORIZONTAL,
    PREWITT_VERTICAL,
    SCHARR_HORIZONTAL,
    SCHARR_VERTICAL,
    SOBEL_HORIZONTAL,
    SOBEL_VERTICAL,
)

__all__ = [
    "PAIRS",
    "edge_strength",
    "gradients",
    "magnitude",
    "mean_rotation_error",
    "orientation",
    "rotation_error",
    "rotation_error_map",
]

# Named filter pairs, (vertical-edge kernel, horizontal-edge kernel), all 3x3
# so that their responses line up pixel for pixel.
PAIRS = MappingProxyType(
    {
        "central": (CENTRAL_VERTICAL, CENTRAL_HORIZONTAL),
        "prewitt": (PREWITT_VERTICAL, PREWITT_HORIZONTAL),
        "sobel": (SOBEL_VERTICAL, SOBEL_HORIZONTAL),
        "scharr": (SCHARR_VERTICAL, SCHARR_HORIZONTAL),
    }
)


def gradients(image, pair="sobel", mode: str = "valid") -> tuple[np.ndarray, np.ndarray]:
    """Responses of an image to a vertical-edge and a horizontal-edge filter.

    Parameters
    ----------
    image : array_like, shape (H, W)
        Real numbers of any dtype; computed in float64, so uint8 input
        neither wraps nor loses its negative responses. Never modified.
    pair : {"central", "prewitt", "sobel", "scharr"} or (kernel, kernel), default "sobel"
        A name from :data:`PAIRS` (kernels from :mod:`helpers.kernels`), or two kernels of
        the same shape: ``(vertical_edge_kernel, horizontal_edge_kernel)``.
    mode : {"valid", "same", "full"}, default "valid"
        As in :func:`helpers.conv.correlate2d`.

    Returns
    -------
    g_vertical : numpy.ndarray of float64
        Response to vertical edges: positive where the brighter side is on the left.
    g_horizontal : numpy.ndarray of float64
        Response to horizontal edges: positive where the brighter side is on top.

    Raises
    ------
    TypeError, ValueError
        If ``pair`` is an unknown name (the message lists the names) or two kernels of
        different shapes, or as :func:`helpers.conv.correlate2d`.

    See Also
    --------
    magnitude, orientation : edge strength and direction from the two responses.

    Examples
    --------
    The article's step edge, bright on the left:

    >>> from helpers.images import step_edge
    >>> g_vertical, g_horizontal = gradients(step_edge(), "sobel")
    >>> g_vertical
    array([[ 0., 40., 40.,  0.],
           [ 0., 40., 40.,  0.],
           [ 0., 40., 40.,  0.],
           [ 0., 40., 40.,  0.]])
    >>> bool((g_horizontal == 0).all())
    True
    """
    kernel_v, kernel_h = _kernel_pair(pair)
    return correlate2d(image, kernel_v, mode), correlate2d(image, kernel_h, mode)


def magnitude(g_vertical, g_horizontal) -> np.ndarray:
    """Edge strength: the length ``sqrt(gv**2 + gh**2)`` of the response pair.

    Parameters
    ----------
    g_vertical, g_horizontal : array_like, shape (H, W)
        The two responses from :func:`gradients`.

    Returns
    -------
    numpy.ndarray of float64, shape (H, W)
        Never negative; the same whichever side of an edge is brighter.

    Raises
    ------
    TypeError, ValueError
        If an input is not a 2-D array of real numbers, or their shapes differ.

    Examples
    --------
    >>> magnitude([[3.0, -30.0]], [[4.0, 0.0]])
    array([[ 5., 30.]])
    """
    v, h = _response_pair(g_vertical, g_horizontal)
    return np.hypot(v, h)


def orientation(g_vertical, g_horizontal) -> np.ndarray:
    """Direction in which brightness increases fastest, in radians.

    Parameters
    ----------
    g_vertical, g_horizontal : array_like, shape (H, W)
        As :func:`magnitude`, with the same errors.

    Returns
    -------
    numpy.ndarray of float64, shape (H, W)
        Angles in ``(-pi, pi]``, measured from the ``+x`` axis (to the right)
        towards ``+y`` (**down** the rows): 0 means brighter to the right,
        ``pi / 2`` brighter below, ``-pi / 2`` brighter above and ``pi``
        brighter to the left. Because ``y`` points down, positive angles turn
        clockwise on screen. Where both responses are 0 the direction is
        undefined and 0 is returned.

    See Also
    --------
    helpers.images.radial_gradient : an exact gradient to compare with,
        whose direction is ``numpy.arctan2(gy, gx)``.

    Examples
    --------
    Bright on the left, so brightness increases towards the left (``pi``):

    >>> from helpers.images import step_edge
    >>> orientation(*gradients(step_edge()))[0]
    array([0.        , 3.14159265, 3.14159265, 0.        ])
    """
    v, h = _response_pair(g_vertical, g_horizontal)
    # The gradient is minus the responses (see the module's notes).
    # 0.0 - x rather than -x: a response of exactly 0 must not become -0.0,
    # which arctan2 would turn into -pi instead of pi on a horizontal gradient.
    return np.arctan2(0.0 - h, 0.0 - v)


def _angle_error(estimated, exact, directed: bool = False) -> np.ndarray:
    """Absolute difference of two angles, modulo ``2 pi`` (directed) or ``pi`` (not)."""
    difference = np.asarray(estimated, dtype=np.float64) - np.asarray(exact, dtype=np.float64)
    error = np.abs(np.remainder(difference + np.pi, 2.0 * np.pi) - np.pi)
    if directed:
        return error
    return np.minimum(error, np.pi - error)


def rotation_error_map(
    pair="sobel", size: int = 255, extent: float = 10.0, directed: bool = False
) -> np.ndarray:
    """Angle error of a filter pair at each pixel of the ring pattern ``sin(x**2 + y**2)``.

    The pattern has edges at every angle, and its exact gradient is known
    (:func:`helpers.images.radial_gradient`), so it shows how a filter pair's
    estimate of the direction depends on the direction itself.

    Parameters
    ----------
    pair : str or (kernel, kernel), default "sobel"
        As in :func:`gradients`; the kernels must have odd sizes so that each
        response belongs to one pixel.
    size, extent
        As :func:`helpers.images.radial_pattern`.
    directed : bool, default False
        False compares **orientations**: an edge's line, whichever side is brighter, so
        angles that differ by ``pi`` count as equal and the error is at most ``pi / 2``.
        True compares **directions**: the error is at most ``pi``.

    Returns
    -------
    numpy.ndarray of float64, shape (size, size)
        The error of ``orientation(...)`` against ``arctan2(gy, gx)`` at each pixel, in
        radians. The outer ring, which a ``"valid"`` correlation cannot reach (1 pixel wide
        for 3x3 kernels), is NaN so that the map lines up with the pattern.

    Raises
    ------
    ValueError
        If ``pair`` is not valid, its kernels have an even size, or ``size``
        or ``extent`` are not valid (see :func:`helpers.images.radial_pattern`).

    See Also
    --------
    rotation_error : the mean of this map away from the border.

    Examples
    --------
    >>> errors = rotation_error_map("sobel", size=15, extent=1.0)
    >>> errors.shape
    (15, 15)
    >>> bool(np.isnan(errors[0]).all()), bool(np.isnan(errors[1:-1, 1:-1]).any())
    (True, False)
    """
    kernel_v, kernel_h = _kernel_pair(pair)
    if kernel_v.shape[0] % 2 == 0 or kernel_v.shape[1] % 2 == 0:
        raise ValueError(
            f"pair must hold kernels of odd height and width, got shape {kernel_v.shape}"
        )
    pattern = radial_pattern(size, extent)
    gy, gx = radial_gradient(size, extent)
    estimated = orientation(*gradients(pattern, (kernel_v, kernel_h), "valid"))
    # A "valid" result starts at the kernel's centre: crop the exact angles to match.
    dr, dc = kernel_v.shape[0] // 2, kernel_v.shape[1] // 2
    inner = (slice(dr, size - dr), slice(dc, size - dc))
    errors = np.full((size, size), np.nan)
    errors[inner] = _angle_error(estimated, np.arctan2(gy, gx)[inner], directed)
    return errors


def rotation_error(
    pair="sobel",
    size: int = 255,
    extent: float = 10.0,
    border: int = 5,
    directed: bool = False,
) -> float:
    """Mean angle error of a filter pair on the ring pattern, a measure of rotation behaviour.

    Parameters
    ----------
    pair, size, extent, directed
        As :func:`rotation_error_map`.
    border : int, default 5
        As :func:`mean_rotation_error`.

    Returns
    -------
    float
        Mean absolute error in radians, every pixel weighted equally.

    Raises
    ------
    ValueError
        As :func:`rotation_error_map` and :func:`mean_rotation_error`.

    See Also
    --------
    rotation_error_map : the error at each pixel, to look at.

    Notes
    -----
    The defaults, scikit-image's edge-filter example (orientations compared modulo ``pi``),
    give about 0.043 rad for central differences, 0.048 for Prewitt, 0.021 for Sobel and
    0.003 for Scharr. With ``directed=True`` the figures rise to about 0.046, 0.054, 0.026
    and 0.007: on the crests and troughs of the rings the exact gradient is nearly zero, and
    there a hundred or so pixels get a direction that is off by nearly ``pi``.

    Examples
    --------
    >>> round(rotation_error("sobel"), 3), round(rotation_error("scharr"), 3)
    (0.021, 0.003)
    """
    return mean_rotation_error(rotation_error_map(pair, size, extent, directed), border)


def mean_rotation_error(error_map, border: int = 5) -> float:
    """The mean of a :func:`rotation_error_map`, leaving out a border.

    :func:`rotation_error` is this mean of a map it computes; a widget that
    shows the map passes it here instead of computing it twice.

    Parameters
    ----------
    error_map : array_like, shape (size, size)
        From :func:`rotation_error_map`.
    border : int, default 5
        Pixels left out along each side of the pattern. At least the kernel's half-width
        (1 for 3x3 kernels): the map is NaN where no response exists.

    Raises
    ------
    ValueError
        If ``border`` is not a non-negative integer, leaves no pixels, or
        leaves some of the NaN border in.

    Examples
    --------
    >>> mean_rotation_error(rotation_error_map("sobel")) == rotation_error("sobel")
    True
    >>> mean_rotation_error(rotation_error_map("sobel"), border=0)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: border must be at least the kernel's half-width ...
    """
    border = check_int(border, "border", minimum=0)
    errors = as_real_2d(error_map, "error_map")
    interior = errors[border : errors.shape[0] - border, border : errors.shape[1] - border]
    if interior.size == 0:
        raise ValueError(
            f"border must leave some pixels of the {errors.shape} pattern, got {border}"
        )
    if np.isnan(interior).any():
        raise ValueError(
            f"border must be at least the kernel's half-width (a 'valid' correlation has no "
            f"response there), got {border}"
        )
    return float(interior.mean())


def edge_strength(image, pair="sobel") -> np.ndarray:
    """Gradient magnitude on a common scale: the brightness change per pixel, for any pair.

    A pair's raw magnitude carries its own gain ``2 * s`` (see the module's notes), the sum
    of its kernel's absolute weights; dividing by it lets one threshold suit every pair.

    Parameters
    ----------
    image : array_like, shape (H, W)
    pair : str or (kernel, kernel), default "sobel"
        As in :func:`gradients`.

    Returns
    -------
    numpy.ndarray of float64, shape (H - 2, W - 2) for 3x3 kernels
        ``magnitude(*gradients(image, pair)) / abs(vertical kernel).sum()``.

    Examples
    --------
    A ramp that brightens by 1 per pixel gives 1 with every pair:

    >>> ramp = np.tile(np.arange(6.0), (5, 1))
    >>> [float(edge_strength(ramp, name)[0, 0]) for name in ("central", "sobel", "scharr")]
    [1.0, 1.0, 1.0]
    """
    kernel_v, kernel_h = _kernel_pair(pair)
    return magnitude(*gradients(image, (kernel_v, kernel_h))) / float(np.abs(kernel_v).sum())


def _kernel_pair(pair) -> tuple[np.ndarray, np.ndarray]:
    """The two kernels of a named pair, or two validated kernels of the same shape."""
    if isinstance(pair, str) and pair in PAIRS:
        return PAIRS[pair]
    if isinstance(pair, (tuple, list)) and len(pair) == 2 and not isinstance(pair[0], str):
        kernel_v = as_real_2d(pair[0], "pair[0]")
        kernel_h = as_real_2d(pair[1], "pair[1]")
        if kernel_v.shape != kernel_h.shape:
            raise ValueError(
                "pair must hold two kernels of the same shape, got shapes "
                f"{kernel_v.shape} and {kernel_h.shape}"
            )
        return kernel_v, kernel_h
    names = ", ".join(repr(name) for name in PAIRS)
    raise ValueError(
        f"pair must be one of {names} or a (vertical, horizontal) pair of kernels; got {pair!r}"
    )


def _response_pair(g_vertical, g_horizontal) -> tuple[np.ndarray, np.ndarray]:
    """Both responses as 2-D float64 arrays of one shape, or an error naming the culprit."""
    v = as_real_2d(g_vertical, "g_vertical")
    h = as_real_2d(g_horizontal, "g_horizontal")
    if v.shape != h.shape:
        raise ValueError(
            f"g_vertical and g_horizontal must have the same shape, got {v.shape} and {h.shape}"
        )
    return v, h
