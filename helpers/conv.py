"""Two-dimensional cross-correlation and convolution, the operation behind CNNs.

Convention
----------
What deep-learning libraries call a "convolution layer" computes
**cross-correlation**: the kernel slides over the image as it is written,

.. math:: y[r, c] = \\sum_{i,j} k[i, j] \\, x[r + i, c + j].

True **convolution** turns the kernel by 180 degrees first,
``convolve2d(x, k) == correlate2d(x, k[::-1, ::-1])``, which makes it
commutative and associative. The two agree for kernels that look the same
after a half turn and differ for the others.

Modes
-----
``"valid"``
    Only positions where the kernel fits inside the image:
    ``(H - kh + 1, W - kw + 1)``. The course's default, as in the article.
``"full"``
    Every position where kernel and image overlap at all, the image padded
    with zeros: ``(H + kh - 1, W + kw - 1)``.
``"same"``
    The centre ``(H, W)`` crop of ``"full"``, starting at index
    ``(kh - 1) // 2, (kw - 1) // 2``.

``"valid"`` and ``"full"`` match ``scipy.signal.correlate2d`` and
``scipy.signal.convolve2d``. The ``"same"`` crop is chosen so that convolution is
exactly flipped correlation in every mode, even-sized kernels included, as in
``scipy.ndimage.correlate(mode="constant")`` and ``scipy.signal.convolve2d(mode="same")``;
``scipy.signal.correlate2d(mode="same")`` crops one pixel further for even-sized
kernels (it takes the convolution's crop of the flipped kernel), so it is not the model.

Padding, stride and dilation
----------------------------
Each is an int or a ``(rows, columns)`` pair. ``padding=p`` surrounds the image with
``p`` zeros before the mode applies; ``stride=s`` keeps the first position and every
``s``-th one after it; ``dilation=d`` spreads the kernel's weights ``d`` pixels apart,
which is correlating with :func:`dilate`'s kernel of size ``d (f - 1) + 1``, and every
mode treats it as a kernel of that size. With ``mode="valid"`` these are a CNN layer's
arguments, and the output has ``floor((n + 2p - d (f - 1) - 1) / s) + 1`` positions per
axis, rounded down as in PyTorch and TensorFlow: :mod:`helpers.padding` says which
pixels that leaves unread.
"""

from __future__ import annotations

import numpy as np

from ._validate import as_real_array, check_choice, check_pair, check_shape
from .padding import _check_padded_size

MODES = ("valid", "same", "full")

# Output rows computed together: a block of the output and the image rows under it
# stay in the CPU cache while every weight is added (measured in benchmarks/run.py).
_BLOCK_BYTES = 256 * 1024

__all__ = ["MODES", "convolve2d", "correlate2d", "correlate2d_loops", "dilate", "output_shape"]


def output_shape(
    image_shape, kernel_shape, mode: str = "valid", *, padding=0, stride=1, dilation=1
) -> tuple[int, int]:
    """Shape of the result of correlating an image with a kernel.

    Parameters
    ----------
    image_shape, kernel_shape : pair of int
        ``(rows, columns)`` of the image and of the kernel.
    mode, padding, stride, dilation
        As for :func:`correlate2d`.

    Returns
    -------
    tuple of int
        Per axis, with ``m = n + 2p`` and a kernel spanning ``e = d (f - 1) + 1``
        pixels: ``m - e + 1`` positions for ``"valid"``, ``m`` for ``"same"`` and
        ``m + e - 1`` for ``"full"``, of which the stride keeps every ``s``-th:
        ``(positions - 1) // s + 1``.

    Raises
    ------
    ValueError
        If a shape is not a pair of positive integers, the mode is unknown,
        ``padding``, ``stride`` or ``dilation`` is not a valid size, or the
        kernel is larger than the padded image in ``"valid"`` mode.

    Examples
    --------
    The article's 5x5 image with a 3x3 filter gives a 3x3 result:

    >>> output_shape((5, 5), (3, 3))
    (3, 3)
    >>> output_shape((5, 5), (3, 3), mode="full")
    (7, 7)

    One pixel of zero padding keeps the size; a stride of 2 halves it, rounding down:

    >>> output_shape((5, 5), (3, 3), padding=1)
    (5, 5)
    >>> output_shape((10, 7), (3, 3), stride=2)
    (4, 3)

    A dilation of 2 spreads a 3x3 kernel over 5x5 pixels:

    >>> output_shape((7, 7), (3, 3), dilation=2)
    (3, 3)
    """
    return _geometry(image_shape, kernel_shape, mode, padding, stride, dilation)[0]


def _geometry(image_shape, kernel_shape, mode, padding, stride, dilation):
    """Check every size; return the output shape, the zeros before the image, the stride and
    the dilation, each a (rows, columns) pair.

    Output cell ``(r, c)`` reads the window whose top-left pixel is image pixel
    ``(r * stride - before)``, per axis; in ``"same"`` mode an even-sized kernel's extra
    pixel of border goes before the image.
    """
    rows, cols = check_shape(image_shape, "image_shape")
    krows, kcols = check_shape(kernel_shape, "kernel_shape")
    check_choice(mode, "mode", MODES)
    pads = check_pair(padding, "padding", 0)
    steps = check_pair(stride, "stride", 1)
    dils = check_pair(dilation, "dilation", 1)
    padded = (rows + 2 * pads[0], cols + 2 * pads[1])
    span = (dils[0] * (krows - 1) + 1, dils[1] * (kcols - 1) + 1)
    if mode == "valid" and (span[0] > padded[0] or span[1] > padded[1]):
        image, fix = f"image of shape {(rows, cols)}", "padding"
        if pads != (0, 0):
            image, fix = f"{image} even once padded to {padded}", "more padding"
        kernel = f"kernel of shape {(krows, kcols)}"
        if dils != (1, 1):
            kernel += f" spread by dilation {dils} over {span}"
        raise ValueError(
            f"{kernel} is larger than the {image}; 'valid' mode "
            f"needs the kernel to fit inside the image (use mode='same' or 'full', or {fix}, "
            "to pad with zeros)"
        )
    shape, before = [], []
    for m, e, s, p in zip(padded, span, steps, pads, strict=True):
        positions = {"valid": m - e + 1, "same": m, "full": m + e - 1}[mode]
        shape.append((positions - 1) // s + 1)
        before.append(p + {"valid": 0, "same": e // 2, "full": e - 1}[mode])
    return tuple(shape), tuple(before), steps, dils


def correlate2d(
    image, kernel, mode: str = "valid", *, padding=0, stride=1, dilation=1
) -> np.ndarray:
    """Cross-correlate a 2-D image with a 2-D kernel (what CNN layers compute).

    Parameters
    ----------
    image : array_like, shape (H, W)
        Real numbers of any dtype (bool, uint8, int, float32, ...) or nested
        lists. Never modified.
    kernel : array_like, shape (kh, kw)
        The filter; any size up to the image's in ``"valid"`` mode.
    mode : {"valid", "same", "full"}
        Which output positions to compute; see :mod:`helpers.conv`.
    padding, stride, dilation : int or (int, int), default 0, 1, 1
        Zeros around the image, the window's step and the weights' spacing, as
        the module's notes say: ``padding=1`` with a 3x3 kernel keeps the image's
        size, and weight ``(i, j)`` meets the pixel ``(i * d, j * d)`` from the
        window's corner. With ``mode="same"`` the border is fixed by the kernel
        alone, so a stride keeps every ``s``-th cell of the same-size output;
        TensorFlow's ``padding="SAME"`` chooses its border from the stride too,
        and can start one pixel later.

    Returns
    -------
    numpy.ndarray of float64
        ``out[r, c] = sum(kernel * window)``, the window being the patch of
        the image under the kernel at that position. Shape from
        :func:`output_shape`.

    Raises
    ------
    TypeError
        If ``image`` or ``kernel`` is complex or not numeric.
    ValueError
        If either is not 2-D or is empty, the mode is unknown, ``padding``,
        ``stride`` or ``dilation`` is not a valid size, or the kernel is larger
        than the (padded) image in ``"valid"`` mode.

    See Also
    --------
    convolve2d : the same with the kernel turned by 180 degrees.
    correlate2d_loops : the readable loop version of ``"valid"`` mode.

    Notes
    -----
    Everything is computed in float64, so a uint8 photo through a Scharr
    filter neither overflows nor wraps, and negative responses survive; an
    image of integers gives exact integers while the sums stay below 2**53.

    A NaN or infinity, in the image or in the kernel, gives what IEEE
    arithmetic gives, as in SciPy: it spreads to every output pixel whose
    window meets it (even where the other factor is 0, since
    ``0 * inf == nan``), and an overflowing sum is an infinity. No warning is
    printed for either.

    Only the kept positions are computed, and no padded or converted copy of
    the whole image is made (the engine, ``_correlate``, says how).

    Examples
    --------
    The article's edge example: bright on the left, dark on the right.

    >>> import numpy as np
    >>> image = np.array([[10, 10, 10, 0, 0, 0]] * 6)
    >>> kernel = [[1, 0, -1]] * 3
    >>> correlate2d(image, kernel)
    array([[ 0., 30., 30.,  0.],
           [ 0., 30., 30.,  0.],
           [ 0., 30., 30.,  0.],
           [ 0., 30., 30.,  0.]])

    With one pixel of zero padding the output keeps the 6x6 size; the border
    of zeros next to the bright left side reads as a dark-to-bright edge
    (negative). A stride of 2 keeps every other position:

    >>> correlate2d(image, kernel, padding=1)[1]
    array([-30.,   0.,  30.,  30.,   0.,   0.])
    >>> correlate2d(image, kernel, padding=1, stride=2)
    array([[-20.,  20.,   0.],
           [-30.,  30.,   0.],
           [-30.,  30.,   0.]])
    """
    x, k, shape, before, stride, dilation = _prepare(image, kernel, mode, padding, stride, dilation)
    return _correlate(x, k, shape, before, stride, dilation)


def convolve2d(
    image, kernel, mode: str = "valid", *, padding=0, stride=1, dilation=1
) -> np.ndarray:
    """Convolve a 2-D image with a 2-D kernel: correlation with the kernel turned 180 degrees.

    Parameters
    ----------
    image, kernel, mode, padding, stride, dilation
        As for :func:`correlate2d`.

    Returns
    -------
    numpy.ndarray of float64
        Equal to ``correlate2d(image, kernel[::-1, ::-1], mode, padding=...,
        stride=..., dilation=...)``.

    Raises
    ------
    TypeError, ValueError
        As :func:`correlate2d`.

    See Also
    --------
    correlate2d : what deep-learning libraries call convolution.

    Notes
    -----
    Unlike correlation, convolution is commutative in ``"full"`` mode
    (``convolve2d(a, b, "full") == convolve2d(b, a, "full")``) and
    associative, which is why a Sobel kernel can be built by convolving a
    smoothing kernel with a derivative kernel. NaN spreads as in
    :func:`correlate2d`.

    Examples
    --------
    An asymmetric kernel shows the flip:

    >>> import numpy as np
    >>> image = np.arange(9).reshape(3, 3)
    >>> kernel = [[1, 0], [0, 0]]
    >>> correlate2d(image, kernel)  # picks the top-left pixel of each window
    array([[0., 1.],
           [3., 4.]])
    >>> convolve2d(image, kernel)  # the kernel's 1 moves to the bottom-right
    array([[4., 5.],
           [7., 8.]])
    """
    x, k, shape, before, stride, dilation = _prepare(image, kernel, mode, padding, stride, dilation)
    return _correlate(x, k[::-1, ::-1], shape, before, stride, dilation)


def correlate2d_loops(image, kernel, *, padding=0, stride=1, dilation=1) -> np.ndarray:
    """Cross-correlate in ``"valid"`` mode with two plain loops: the readable version.

    It computes exactly what :func:`correlate2d` computes in ``"valid"`` mode,
    one window at a time with :func:`helpers.windows.window_at`, so it is easy
    to follow and hundreds of times slower. Use it to read; use
    :func:`correlate2d` to compute.

    Parameters
    ----------
    image, kernel, padding, stride, dilation
        As for :func:`correlate2d`: output cell ``(r, c)`` reads the window
        whose top-left pixel is ``(r * stride - padding, c * stride - padding)``,
        zeros where it hangs over the image's edge, every ``dilation``-th pixel.

    Returns
    -------
    numpy.ndarray of float64
        Shape ``floor((n + 2p - d (f - 1) - 1) / s) + 1`` per axis;
        ``(H - kh + 1, W - kw + 1)`` without padding, stride and dilation.

    Raises
    ------
    TypeError, ValueError
        As :func:`correlate2d`.

    Examples
    --------
    The classic 5x5 example:

    >>> image = [[1, 1, 1, 0, 0], [0, 1, 1, 1, 0], [0, 0, 1, 1, 1],
    ...          [0, 0, 1, 1, 0], [0, 1, 1, 0, 0]]
    >>> kernel = [[1, 0, 1], [0, 1, 0], [1, 0, 1]]
    >>> correlate2d_loops(image, kernel)
    array([[4., 3., 4.],
           [2., 4., 3.],
           [2., 3., 4.]])
    >>> correlate2d_loops(image, kernel, stride=2)
    array([[4., 4.],
           [2., 4.]])
    """
    from .windows import window_at  # windows builds on this module

    x, k, shape, *_ = _prepare(image, kernel, "valid", padding, stride, dilation)
    out = np.zeros(shape)
    for r in range(shape[0]):
        for c in range(shape[1]):
            step = window_at(x, k, r, c, padding=padding, stride=stride, dilation=dilation)
            out[r, c] = step.total
    return out


def _prepare(image, kernel, mode, padding, stride, dilation):
    """The image in its own dtype, the kernel in float64, then :func:`_geometry`'s pairs."""
    x = as_real_array(image, "image")
    k = as_real_array(kernel, "kernel").astype(np.float64, copy=False)
    geometry = _geometry(x.shape, k.shape, mode, padding, stride, dilation)
    _check_padded_size(x.shape, padding)  # refuse outputs that would not fit in memory
    return x, k, *geometry


def dilate(kernel, dilation) -> np.ndarray:
    """The kernel with ``dilation - 1`` zeros between neighbouring weights.

    ``correlate2d(image, kernel, dilation=d)`` equals ``correlate2d(image,
    dilate(kernel, d))`` in every mode; the engine never builds this array, it
    only reads every ``d``-th pixel. The same spreading of an output gradient by
    the stride appears in :func:`helpers.layers.conv2d_backward`.

    Parameters
    ----------
    kernel : array_like, shape (kh, kw)
        Real numbers. Never modified.
    dilation : int or (int, int)
        The spacing ``d``, at least 1 (1 returns a float64 copy).

    Returns
    -------
    numpy.ndarray of float64, shape (d (kh - 1) + 1, d (kw - 1) + 1)

    Examples
    --------
    >>> dilate([[1, 2], [3, 4]], 2)
    array([[1., 0., 2.],
           [0., 0., 0.],
           [3., 0., 4.]])
    >>> dilate([[1, -1]], (1, 3)).tolist()
    [[1.0, 0.0, 0.0, -1.0]]
    """
    k = as_real_array(kernel, "kernel").astype(np.float64)
    dr, dc = check_pair(dilation, "dilation", 1)
    out = np.zeros((dr * (k.shape[0] - 1) + 1, dc * (k.shape[1] - 1) + 1))
    out[::dr, ::dc] = k
    return out


def _correlate(x, k, shape, before, stride, dilation=(1, 1)) -> np.ndarray:
    """The one engine: every weight adds one contiguous run of numbers into a block of rows.

    Weight ``k[i, j]`` meets, at output cell ``(r, c)``, the pixel
    ``(i * dr + r * sr - br, j * dc + c * sc - bc)`` of the image, ``(br, bc)``
    being the zeros before it (``before``) and ``(dr, dc)`` the dilation. Below,
    ``(i, j)`` stands for that offset ``(i * dr, j * dc)``. For a block of output
    rows, the image rows under it are dealt into ``sr * sc`` "phases", converted to float64, with
    zeros wherever the windows hang over the image's edge: phase ``(p, q)``
    holds every ``sr``-th row from ``p`` and every ``sc``-th column from ``q``
    (with stride 1 there is one phase, the rows themselves). Weight ``k[i, j]``
    then reads phase ``(i % sr, j % sc)`` from row ``i // sr`` and column
    ``j // sc`` on, one step at a time: flattened, one contiguous run per
    weight (it also covers a few columns past the output's right edge,
    computed and dropped). One multiply and one add over contiguous memory is
    what numpy does fastest. The phases and the accumulators stay in the CPU
    cache; extra memory is a few blocks, never an image-sized copy, whatever
    the padding, stride or input dtype. Weights are added in the same order at
    every position, so a strided result equals the kept cells of the stride-1
    result exactly.
    """
    dil_rows, dil_cols = dilation
    # The rows and columns of image the kernel spans: only its first and last weights matter.
    kh, kw = dil_rows * (k.shape[0] - 1) + 1, dil_cols * (k.shape[1] - 1) + 1
    rows, cols = shape
    step_rows, step_cols = stride
    with np.errstate(all="ignore"):  # IEEE results (inf, nan) are the answer, not a warning
        # A zero weight adds nothing to a finite image, so it can be skipped. The sum
        # is a cheap finiteness test; if it overflows we merely keep the zeros.
        finite = x.dtype.kind != "f" or bool(np.isfinite(x.sum()))
        taps = [
            (i * dil_rows, j * dil_cols, w)
            for (i, j), w in np.ndenumerate(k)
            if not (finite and w == 0.0)
        ]
        out = np.zeros(shape)
        if not taps:
            return out
        # Columns of a phase: enough for the output plus the widest kernel offset.
        phase_cols = cols + (kw - 1) // step_cols
        # All phases of a block together take about _BLOCK_BYTES.
        block = max(1, min(rows, _BLOCK_BYTES // (8 * phase_cols * step_cols * step_rows)))
        phase_rows = block + (kh - 1) // step_rows
        # One flat buffer per phase, with a spare row: the last run reaches past the end.
        phases = np.zeros((step_rows * step_cols, (phase_rows + 1) * phase_cols))
        acc = np.empty(block * phase_cols)
        tmp = np.empty_like(acc)
        for r0 in range(0, rows, block):
            n = min(block, rows - r0)
            top = r0 * step_rows - before[0]  # image row of the block's first window
            for p in range(step_rows):
                for q in range(step_cols):
                    grid = phases[p * step_cols + q, : phase_rows * phase_cols]
                    _deal(x, grid.reshape(phase_rows, phase_cols), top + p, q - before[1], stride)
            a, t = acc[: n * phase_cols], tmp[: n * phase_cols]
            for number, (i, j, w) in enumerate(taps):
                start = (i // step_rows) * phase_cols + j // step_cols
                phase = phases[(i % step_rows) * step_cols + j % step_cols]
                run = phase[start : start + n * phase_cols]
                if number == 0:
                    np.multiply(run, w, out=a)
                else:
                    np.multiply(run, w, out=t)
                    a += t
            out[r0 : r0 + n] = a.reshape(n, phase_cols)[:, :cols]
    return out


def _deal(x, grid, first_row, first_col, stride) -> None:
    """Fill ``grid[m, c]`` with ``x[first_row + m * sr, first_col + c * sc]``, 0 outside ``x``."""
    (row_a, row_b), (col_a, col_b) = (
        _inside(first, step, count, size)
        for first, step, count, size in zip(
            (first_row, first_col), stride, grid.shape, x.shape, strict=True
        )
    )
    if row_a > 0 or row_b < grid.shape[0] or col_a > 0 or col_b < grid.shape[1]:
        grid.fill(0.0)
    if row_a < row_b and col_a < col_b:
        r, c = first_row + row_a * stride[0], first_col + col_a * stride[1]
        grid[row_a:row_b, col_a:col_b] = x[
            r : r + (row_b - row_a - 1) * stride[0] + 1 : stride[0],
            c : c + (col_b - col_a - 1) * stride[1] + 1 : stride[1],
        ]


def _inside(first: int, step: int, count: int, size: int) -> tuple[int, int]:
    """The range of ``m`` in ``[0, count)`` for which ``first + m * step`` lies in ``[0, size)``."""
    start = 0 if first >= 0 else (-first + step - 1) // step
    stop = (size - first + step - 1) // step if size > first else 0
    start, stop = min(start, count), min(stop, count)
    return start, max(start, stop)
