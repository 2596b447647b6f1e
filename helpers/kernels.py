"""Named 3x3 filters: the edge detectors of the course and a few presets for widgets.

Every kernel here is a read-only float64 array (``.copy()`` gives one you may change),
meant for :func:`helpers.conv.correlate2d` (cross-correlation, no flip).

Sign convention
---------------
Read as cross-correlation, a **vertical** edge filter gives a **positive**
response where the brighter side is on the **left**, and a **horizontal**
edge filter where the brighter side is on **top**. A dark-to-bright
transition gives the same number with a minus sign. So ``SOBEL_VERTICAL``
approximates ``-8`` times the brightness change per pixel to the right, and
``SOBEL_HORIZONTAL`` ``-8`` times the change per pixel downwards.

Other libraries
---------------
Chapter 06 (section 5) compares the same filters elsewhere. SciPy's and OpenCV's have the
opposite sign: on the interior of an image ``correlate2d(image, SOBEL_VERTICAL)`` equals
``-scipy.ndimage.sobel(image, axis=1)`` (checked in ``tests/test_kernels.py``), and SciPy's
output keeps the input dtype, so uint8 wraps. scikit-image's ``sobel_v`` is scaled by 1/4,
its ``sobel`` magnitude is ``sqrt((h**2 + v**2) / 2)`` and its Scharr smoothing
``[3,10,3]/16``. OpenCV reflects at the border (reflect-101) by default, and its 8-bit
output clamps negatives to 0.

Examples
--------
>>> from helpers.conv import correlate2d
>>> correlate2d([[10, 10, 10, 0, 0, 0]] * 3, SOBEL_VERTICAL)
array([[ 0., 40., 40.,  0.]])
"""

from __future__ import annotations

from types import MappingProxyType

import numpy as np

from ._validate import check_choice

__all__ = [
    "BOX_BLUR",
    "CENTRAL_HORIZONTAL",
    "CENTRAL_VERTICAL",
    "GAUSSIAN_BLUR",
    "HORIZONTAL",
    "IDENTITY",
    "LAPLACIAN",
    "OUTLINE",
    "PRESETS",
    "PREWITT_HORIZONTAL",
    "PREWITT_VERTICAL",
    "SCHARR_HORIZONTAL",
    "SCHARR_VERTICAL",
    "SHARPEN",
    "SOBEL_HORIZONTAL",
    "SOBEL_VERTICAL",
    "VERTICAL",
    "classic_5x5_kernel",
]


def _constant(values) -> np.ndarray:
    """A float64 copy that cannot be written to, so a shared constant stays intact."""
    array = np.array(values, dtype=np.float64)
    array.flags.writeable = False
    return array


# 1-D factors. A vertical edge filter smooths down the rows and differentiates
# across the columns: outer(smoothing, derivative). Its transpose does the
# same for horizontal edges.
_DERIVATIVE = np.array([1.0, 0.0, -1.0])  # left minus right: bright-left is positive
_PREWITT_SMOOTH = np.array([1.0, 1.0, 1.0])  # Prewitt (1970): plain average
_SOBEL_SMOOTH = np.array([1.0, 2.0, 1.0])  # Sobel & Feldman (1968): binomial weights
_SCHARR_SMOOTH = np.array([3.0, 10.0, 3.0])  # Scharr (2000): tuned for rotation invariance

# The article's filters: three rows of [1, 0, -1], and the transpose.
VERTICAL = _constant(np.outer(_PREWITT_SMOOTH, _DERIVATIVE))
HORIZONTAL = _constant(VERTICAL.T)

# Prewitt's operator is the article's filter under another name.
PREWITT_VERTICAL = _constant(VERTICAL)
PREWITT_HORIZONTAL = _constant(HORIZONTAL)

SOBEL_VERTICAL = _constant(np.outer(_SOBEL_SMOOTH, _DERIVATIVE))
SOBEL_HORIZONTAL = _constant(SOBEL_VERTICAL.T)

SCHARR_VERTICAL = _constant(np.outer(_SCHARR_SMOOTH, _DERIVATIVE))
SCHARR_HORIZONTAL = _constant(SCHARR_VERTICAL.T)

# A derivative with no smoothing, padded to 3x3 so that its response lines up
# pixel for pixel with the other 3x3 filters.
CENTRAL_VERTICAL = _constant(np.outer([0.0, 1.0, 0.0], _DERIVATIVE))
CENTRAL_HORIZONTAL = _constant(CENTRAL_VERTICAL.T)

# Presets for the widgets.
IDENTITY = _constant(np.outer([0.0, 1.0, 0.0], [0.0, 1.0, 0.0]))  # returns the image unchanged
BOX_BLUR = _constant(np.outer(_PREWITT_SMOOTH, _PREWITT_SMOOTH) / 9)  # mean of the 3x3 window
# Binomial weights approximate a Gaussian; /16 keeps the overall brightness.
GAUSSIAN_BLUR = _constant(np.outer(_SOBEL_SMOOTH, _SOBEL_SMOOTH) / 16)
# Discrete Laplacian (sum of second differences along rows and columns); not separable.
LAPLACIAN = _constant([[0, 1, 0], [1, -4, 1], [0, 1, 0]])
# Identity minus Laplacian: adds back how much a pixel differs from its neighbours.
SHARPEN = _constant(IDENTITY - LAPLACIAN)
# Eight times the pixel minus its eight neighbours: zero on flat areas, large at outlines.
OUTLINE = _constant(9 * IDENTITY - np.ones((3, 3)))

# Display order for a dropdown: the story of the course first (edges), then the rest.
PRESETS = MappingProxyType(
    {
        "identity": IDENTITY,
        "vertical": VERTICAL,
        "horizontal": HORIZONTAL,
        "sobel vertical": SOBEL_VERTICAL,
        "sobel horizontal": SOBEL_HORIZONTAL,
        "scharr vertical": SCHARR_VERTICAL,
        "scharr horizontal": SCHARR_HORIZONTAL,
        "laplacian": LAPLACIAN,
        "outline": OUTLINE,
        "sharpen": SHARPEN,
        "box blur": BOX_BLUR,
        "gaussian blur": GAUSSIAN_BLUR,
    }
)


def _get_kernel(name: str) -> np.ndarray:
    """A writable copy of the preset ``name``; an unknown name raises listing the known ones."""
    check_choice(name, "name", tuple(PRESETS))
    return PRESETS[name].copy()


def classic_5x5_kernel() -> np.ndarray:
    """The 3x3 filter of the article's worked 5x5 example (an "X" of ones), a new array.

    It looks the same after a half turn, so correlation and convolution agree
    on it; :func:`helpers.images.flip_example` shows where they differ. The
    image it goes with is :func:`helpers.images.classic_5x5`.

    Examples
    --------
    >>> classic_5x5_kernel()
    array([[1., 0., 1.],
           [0., 1., 0.],
           [1., 0., 1.]])
    """
    return np.array([[1, 0, 1], [0, 1, 0], [1, 0, 1]], dtype=np.float64)
