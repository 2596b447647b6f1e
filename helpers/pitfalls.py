"""Two ways 8-bit image arithmetic spoils an edge map, reproduced on purpose.

Half of an edge filter's answers are negative, and the ``uint8`` (0 to 255) of image files
cannot hold them: NumPy wraps around modulo 256 (:func:`uint8_difference`), and libraries
that write an 8-bit output (OpenCV, a web canvas) clamp them to 0 (:func:`clamp_negative`).
The course avoids both: :func:`helpers.conv.correlate2d` computes in float64.
"""

from __future__ import annotations

import numpy as np

from ._validate import as_real_2d

__all__ = ["clamp_negative", "uint8_difference"]


def uint8_difference(image) -> np.ndarray:
    """Left minus right neighbour (two columns apart), computed in uint8 as a beginner would.

    This is ``image[:, :-2] - image[:, 2:]``: one row of the article's
    vertical-edge filter ``[1, 0, -1]`` slid along each row, with NumPy's
    ``uint8`` arithmetic, which wraps around instead of going negative.

    Parameters
    ----------
    image : numpy.ndarray of uint8, shape (H, W)
        At least 3 columns. Never modified.

    Returns
    -------
    numpy.ndarray of uint8, shape (H, W - 2)
        The true difference modulo 256: right wherever the left pixel is at
        least as bright as the right one, and ``256 - d`` where the true
        difference is ``-d < 0``.

    Raises
    ------
    TypeError
        If ``image`` is not a NumPy array of dtype uint8 (the point is the
        8-bit arithmetic; other dtypes would not show it).
    ValueError
        If ``image`` is not 2-D or has fewer than 3 columns.

    See Also
    --------
    helpers.conv.correlate2d : the same difference in float64,
        ``correlate2d(image, [[1, 0, -1]])``, which keeps the sign.

    Examples
    --------
    >>> import numpy as np
    >>> row = np.array([[200, 0, 220, 90]], dtype=np.uint8)
    >>> uint8_difference(row)  # 200 - 220 and 0 - 90
    array([[236, 166]], dtype=uint8)
    """
    if not isinstance(image, np.ndarray) or image.dtype != np.uint8:
        dtype = image.dtype if isinstance(image, np.ndarray) else type(image).__name__
        raise TypeError(f"image must be a numpy array of dtype uint8, got {dtype}")
    if image.ndim != 2 or image.shape[1] < 3:
        raise ValueError(f"image must be 2-D with at least 3 columns, got shape {image.shape}")
    # Arrays (not NumPy scalars) wrap silently; this is the arithmetic being shown.
    return image[:, :-2] - image[:, 2:]


def clamp_negative(response) -> np.ndarray:
    """Set every negative response to 0, as an 8-bit image output does.

    Parameters
    ----------
    response : array_like, shape (H, W)
        A filter response, e.g. from :func:`helpers.conv.correlate2d`. Never modified.

    Returns
    -------
    numpy.ndarray of float64, shape (H, W)
        A new array: ``max(response, 0)`` entry by entry. With the course's
        sign convention, what is left of a vertical-edge response are only
        the edges whose brighter side is on the left.

    Raises
    ------
    TypeError, ValueError
        If ``response`` is not a non-empty 2-D array of real numbers.

    Notes
    -----
    Only the lower end is clamped: the point is the lost sign, and the course's responses
    on a ``[0, 1]`` photo never reach the 255 an 8-bit output also cuts at.

    Examples
    --------
    >>> clamp_negative([[0, 30, -30, 0]])
    array([[ 0., 30.,  0.,  0.]])
    """
    values = as_real_2d(response, "response")
    # + 0.0 turns -0.0 into 0.0, so a clamped map holds no negative zeros.
    return np.maximum(values, 0.0) + 0.0
