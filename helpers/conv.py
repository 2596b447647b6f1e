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
``scipy.signal.convolve2d``. For ``"same"`` we choose the crop so that
convolution is exactly flipped correlation in every mode, even-sized kernels
included. That equals ``scipy.ndimage.correlate(mode="constant")`` for
correlation and ``scipy.signal.convolve2d(mode="same")`` for convolution.
``scipy.signal.correlate2d(mode="same")`` crops one pixel further for
even-sized kernels (it crops ``full`` of the convolution with the flipped
kernel, using the convolution's start index), so it is not used as the model.

Padding and stride
------------------
``padding=p`` surrounds the image with ``p`` zeros on every side (or ``(rows,
columns)``) before the mode applies; ``stride=s`` moves the window ``s``
pixels at a time (or ``(rows, columns)``), keeping the first position and every
``s``-th one after it. With ``mode="valid"`` this is what a CNN layer's
``padding`` and ``stride`` do, and the output has ``floor((n + 2p - f) / s) + 1``
positions per axis (:func:`helpers.padding.output_size`). When ``s`` does not
divide ``n + 2p - f`` the size is rounded down, as in PyTorch and TensorFlow, and
the last ``(n + 2p - f) mod s`` pixels are never read; check with
``output_size(..., exact=True)`` if that would be a bug.
"""

from __future__ import annotations

import numpy as np

from ._validate import as_real_2d, check_choice, check_pair, check_shape
from .padding import output_size, pad

MODES = ("valid", "same", "full")

# When the FFT path is used: a kernel with more taps than FFT_MIN_TAPS, and
# more than FFT_MIN_WORK multiply-adds (taps x output pixels) to do directly.
# Measured on this project's 2-core machine: on a 1000x1000 image 5x5 (25 taps)
# is faster directly and 7x7 (49 taps) through the FFT; below about 2 million
# multiply-adds the direct path takes a few milliseconds at most, so the small
# examples of the course keep exact arithmetic (integer images give integers).
FFT_MIN_TAPS = 40
FFT_MIN_WORK = 2_000_000

# Output rows computed together by the direct engine: a block of the output
# and the image rows under it stay in the CPU cache while all taps are added.
_BLOCK_BYTES = 256 * 1024
_FFT_SLAB_ROWS = 128

__all__ = ["MODES", "convolve2d", "correlate2d", "correlate2d_loops", "output_shape"]


def output_shape(
    image_shape, kernel_shape, mode: str = "valid", *, padding=0, stride=1
) -> tuple[int, int]:
    """Shape of the result of correlating an image with a kernel.

    Parameters
    ----------
    image_shape, kernel_shape : pair of int
        ``(rows, columns)`` of the image and of the kernel.
    mode : {"valid", "same", "full"}
        See :mod:`helpers.conv`.
    padding : int or (int, int), default 0
        Zeros added on each side of the image before the mode applies.
    stride : int or (int, int), default 1
        Step of the window, in pixels.

    Returns
    -------
    tuple of int
        Per axis, with ``m = n + 2p``: ``m - f + 1`` positions for ``"valid"``,
        ``m`` for ``"same"`` and ``m + f - 1`` for ``"full"``, of which the stride
        keeps every ``s``-th: ``(positions - 1) // s + 1``. For ``"valid"``
        that is ``floor((n + 2p - f) / s) + 1``.

    Raises
    ------
    ValueError
        If a shape is not a pair of positive integers, the mode is unknown,
        ``padding`` or ``stride`` is not a non-negative (positive for the
        stride) integer or pair, or the kernel is larger than the padded image
        in ``"valid"`` mode.

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
    """
    (rows, cols) = check_shape(image_shape, "image_shape")
    (krows, kcols) = check_shape(kernel_shape, "kernel_shape")
    check_choice(mode, "mode", MODES)
    pad_rows, pad_cols = check_pair(padding, "padding", 0)
    step_rows, step_cols = check_pair(stride, "stride", 1)
    padded_rows, padded_cols = rows + 2 * pad_rows, cols + 2 * pad_cols
    if mode == "valid" and (krows > padded_rows or kcols > padded_cols):
        if pad_rows or pad_cols:
            image = (
                f"image of shape {(rows, cols)} even once padded to {(padded_rows, padded_cols)}"
            )
            fix = "more padding"
        else:
            image, fix = f"image of shape {(rows, cols)}", "padding"
        raise ValueError(
            f"kernel of shape {(krows, kcols)} is larger than the {image}; 'valid' mode "
            f"needs the kernel to fit inside the image (use mode='same' or 'full', or {fix}, "
            "to pad with zeros)"
        )
    shape = []
    for n, f, p, s in ((rows, krows, pad_rows, step_rows), (cols, kcols, pad_cols, step_cols)):
        if mode == "valid":
            shape.append(output_size(n, f, p, s))
        else:
            positions = n + 2 * p + (f - 1 if mode == "full" else 0)
            shape.append((positions - 1) // s + 1)
    return shape[0], shape[1]


def correlate2d(image, kernel, mode: str = "valid", *, padding=0, stride=1) -> np.ndarray:
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
    padding : int or (int, int), default 0
        Zeros added around the image first, on every side (or ``(rows,
        columns)``). ``padding=1`` with a 3x3 kernel keeps the image's size.
    stride : int or (int, int), default 1
        Move the window this many pixels at a time; the output keeps the
        first position and every ``stride``-th one after it. When the stride
        does not divide ``n + 2p - f``, the last pixels are not read (the size
        is rounded down, as in CNN libraries); see :mod:`helpers.padding`.
        With ``mode="same"`` the border is fixed by the kernel alone, so a
        stride keeps every ``s``-th cell of the same-size output; TensorFlow's
        ``padding="SAME"`` chooses its border from the stride too, and can
        start one pixel later.

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
        If either is not 2-D or is empty, the mode is unknown, ``padding`` or
        ``stride`` is not a valid size, or the kernel is larger than the
        (padded) image in ``"valid"`` mode.

    See Also
    --------
    convolve2d : the same with the kernel turned by 180 degrees.
    correlate2d_loops : the readable loop version of ``"valid"`` mode.

    Notes
    -----
    Everything is computed in float64, so a uint8 photo through a Scharr
    filter neither overflows nor wraps, and negative responses survive.

    A NaN or infinity in the image spreads to every output pixel whose window
    covers it (even where the kernel weight there is 0, since
    ``0 * nan == nan``), as in ``scipy.signal``; an infinity gives infinities
    and NaN by the same IEEE rules. No warning is printed for either.

    Kernels are applied directly, one shifted slice of the image per weight,
    unless the kernel has more than ``FFT_MIN_TAPS`` weights and the direct
    work (weights x output pixels) exceeds ``FFT_MIN_WORK``: then the FFT is
    faster, and agrees to about 1e-12 relative to the largest value. Images
    with NaN or infinity always take the direct path. With a stride, only the
    kept positions are computed (one strided slice per weight), exactly.

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
    x, k, shape, stride = _prepare(image, kernel, mode, padding, stride)
    return _correlate(x, k, mode, shape, stride)


def convolve2d(image, kernel, mode: str = "valid", *, padding=0, stride=1) -> np.ndarray:
    """Convolve a 2-D image with a 2-D kernel: correlation with the kernel turned 180 degrees.

    Parameters
    ----------
    image : array_like, shape (H, W)
        Real numbers of any dtype or nested lists. Never modified.
    kernel : array_like, shape (kh, kw)
        The filter.
    mode : {"valid", "same", "full"}
        See :mod:`helpers.conv`.
    padding, stride : int or (int, int)
        As for :func:`correlate2d`.

    Returns
    -------
    numpy.ndarray of float64
        Equal to ``correlate2d(image, kernel[::-1, ::-1], mode, padding=...,
        stride=...)``.

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
    x, k, shape, stride = _prepare(image, kernel, mode, padding, stride)
    return _correlate(x, k[::-1, ::-1], mode, shape, stride)


def correlate2d_loops(image, kernel, *, padding=0, stride=1) -> np.ndarray:
    """Cross-correlate in ``"valid"`` mode with two plain loops: the readable version.

    It computes exactly what :func:`correlate2d` computes in ``"valid"`` mode,
    one window at a time, so it is easy to follow and hundreds of times
    slower. Use it to read; use :func:`correlate2d` to compute.

    Parameters
    ----------
    image : array_like, shape (H, W)
        Real numbers of any dtype or nested lists. Never modified.
    kernel : array_like, shape (kh, kw)
        The filter; it must fit inside the (padded) image.
    padding, stride : int or (int, int)
        As for :func:`correlate2d`: the image is padded with zeros first, and
        output cell ``(r, c)`` reads the window whose top-left pixel is
        ``(r * stride, c * stride)``.

    Returns
    -------
    numpy.ndarray of float64
        Shape ``floor((n + 2p - f) / s) + 1`` per axis; ``(H - kh + 1, W - kw + 1)``
        without padding and stride.

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
    x, k, shape, (step_rows, step_cols) = _prepare(image, kernel, "valid", padding, stride)
    kh, kw = k.shape
    out = np.zeros(shape)
    for r in range(out.shape[0]):
        for c in range(out.shape[1]):
            top, left = r * step_rows, c * step_cols
            window = x[top : top + kh, left : left + kw]
            out[r, c] = np.sum(window * k)
    return out


def _prepare(image, kernel, mode, padding, stride):
    """Validate all arguments; return the padded float64 image, kernel, output shape, stride."""
    x = as_real_2d(image, "image")
    k = as_real_2d(kernel, "kernel")
    shape = output_shape(x.shape, k.shape, mode, padding=padding, stride=stride)
    if check_pair(padding, "padding", 0) != (0, 0):
        x = pad(x, padding)
    return x, k, shape, check_pair(stride, "stride", 1)


def _start(mode: str, kernel_shape: tuple[int, int]) -> tuple[int, int]:
    """Index in the "full" result where the given mode's result starts."""
    kh, kw = kernel_shape
    if mode == "valid":
        return kh - 1, kw - 1
    if mode == "same":
        return (kh - 1) // 2, (kw - 1) // 2
    return 0, 0


def _correlate(x: np.ndarray, k: np.ndarray, mode: str, shape, stride=(1, 1)) -> np.ndarray:
    """Correlation of validated float64 arrays, choosing the faster engine."""
    start = _start(mode, k.shape)
    # Summing is a cheap finiteness test: it is only non-finite when the image
    # holds NaN or infinity (or its sum overflows, which merely costs speed).
    finite = bool(np.isfinite(x.sum()))
    if stride != (1, 1):
        with np.errstate(invalid="ignore", over="ignore"):
            return _correlate_strided(x, k, start, shape, stride, skip_zeros=finite)
    work = k.size * shape[0] * shape[1]
    if finite and k.size > FFT_MIN_TAPS and work > FFT_MIN_WORK:
        return _correlate_fft(x, k, start, shape)
    # inf * 0 and inf - inf give NaN as documented; numpy's warning about it would
    # only land on a learner's stderr.
    with np.errstate(invalid="ignore", over="ignore"):
        return _correlate_direct(x, k, start, shape, skip_zeros=finite)


def _correlate_direct(x, k, start, shape, *, skip_zeros: bool) -> np.ndarray:
    """Add one shifted copy of the image per kernel weight, in blocks of output rows.

    For a block of output rows we copy the image rows under it into a "slab"
    whose border is zero where the window pokes outside the image (modes
    "same" and "full"). In the slab, flattened, weight ``k[i, j]`` meets a
    contiguous run of pixels starting at ``i * slab_width + j``, so each weight
    costs one multiply and one add over contiguous memory, which numpy does
    fast. The run also covers ``kw - 1`` columns past the output's right edge;
    they are computed and dropped. The slab and accumulators fit in the CPU
    cache; extra memory is a few blocks, never an image-sized copy.
    """
    height, width = x.shape
    kh, kw = k.shape
    out_rows, out_cols = shape
    out = np.empty(shape)
    taps = [
        (i, j, w)
        for (i, j), w in np.ndenumerate(k)
        if not (skip_zeros and w == 0.0)  # 0 * finite adds nothing
    ]
    if not taps:
        out.fill(0.0)
        return out
    slab_cols = out_cols + kw - 1
    block = max(1, min(out_rows, _BLOCK_BYTES // (8 * slab_cols)))
    # kw - 1 spare elements: the last row's run reaches that far past the slab.
    slab = np.zeros((block + kh - 1) * slab_cols + kw - 1)
    acc = np.empty(block * slab_cols)
    tmp = np.empty_like(acc)
    row0, col0 = start[0] - (kh - 1), start[1] - (kw - 1)  # image index of slab (0, 0)
    ca, cb = max(0, col0), min(width, col0 + slab_cols)
    for r0 in range(0, out_rows, block):
        rows = min(block, out_rows - r0)
        top = r0 + row0
        ra, rb = max(0, top), min(height, top + rows + kh - 1)
        grid = slab[: (rows + kh - 1) * slab_cols].reshape(rows + kh - 1, slab_cols)
        grid.fill(0.0)
        if ra < rb and ca < cb:
            grid[ra - top : rb - top, ca - col0 : cb - col0] = x[ra:rb, ca:cb]
        n = rows * slab_cols
        a, t = acc[:n], tmp[:n]
        for number, (i, j, w) in enumerate(taps):
            run = slab[i * slab_cols + j : i * slab_cols + j + n]
            if number == 0:
                np.multiply(run, w, out=a)
            else:
                np.multiply(run, w, out=t)
                a += t
        out[r0 : r0 + rows] = a.reshape(rows, slab_cols)[:, :out_cols]
    return out


def _correlate_strided(x, k, start, shape, stride, *, skip_zeros: bool) -> np.ndarray:
    """Only the kept positions: one strided slice of the zero-bordered image per weight.

    Weight ``k[i, j]`` meets, at output cell ``(r, c)``, the bordered image's
    pixel ``(i + r * sr, j + c * sc)``: a slice with steps ``(sr, sc)``. The
    border is the zeros that ``start`` implies (none in ``"valid"`` mode) plus,
    at the far end, whatever the last window needs. Output rows go in blocks
    that stay in the CPU cache while every weight is added (1.5x faster than
    whole-image slices on this project's machine), and weights are added in
    the same order as in :func:`_correlate_direct`, so a stride's result equals
    the kept cells of the direct engine's stride-1 result exactly (and of the
    FFT engine's to rounding, about 1e-15 relative).
    """
    kh, kw = k.shape
    rows, cols = shape
    step_rows, step_cols = stride
    before = (kh - 1 - start[0], kw - 1 - start[1])
    after = (
        max(0, step_rows * (rows - 1) + kh - x.shape[0] - before[0]),
        max(0, step_cols * (cols - 1) + kw - x.shape[1] - before[1]),
    )
    if before != (0, 0) or after != (0, 0):
        x = np.pad(x, ((before[0], after[0]), (before[1], after[1])))
    taps = [(i, j, w) for (i, j), w in np.ndenumerate(k) if not (skip_zeros and w == 0.0)]
    out = np.zeros(shape)
    block = max(1, min(rows, _BLOCK_BYTES // (8 * cols)))
    scratch = np.empty((block, cols))
    for r0 in range(0, rows, block):
        n = min(block, rows - r0)
        acc, tmp = out[r0 : r0 + n], scratch[:n]
        for i, j, w in taps:
            top = i + r0 * step_rows
            window = x[
                top : top + step_rows * (n - 1) + 1 : step_rows,
                j : j + step_cols * (cols - 1) + 1 : step_cols,
            ]
            np.multiply(window, w, out=tmp)
            acc += tmp
    return out


def _fast_length(n: int) -> int:
    """Smallest 5-smooth number (only factors 2, 3, 5) >= n: fast FFT sizes."""
    best = 1 << max(0, (n - 1).bit_length())
    p5 = 1
    while p5 < best:
        p35 = p5
        while p35 < best:
            p = p35
            while p < n:
                p *= 2
            best = min(best, p)
            p35 *= 3
        p5 *= 5
    return best


def _correlate_fft(x, k, start, shape) -> np.ndarray:
    """Correlation through the FFT, in blocks of output rows (overlap-save).

    Each block of output rows needs a slab of ``block + kh - 1`` image rows
    (zero rows where the slab pokes outside the image). The circular
    convolution of the slab with the turned kernel is exact away from the
    first ``kh - 1`` rows and ``kw - 1`` columns, which is all we keep. Blocks
    bound the extra memory to a few slabs instead of several image-sized
    complex arrays.
    """
    height, width = x.shape
    kh, kw = k.shape
    out_rows, out_cols = shape
    slab_cols = out_cols + kw - 1
    n_cols = _fast_length(slab_cols)
    # Slabs of about 128 rows, at least four times the kernel height: small enough
    # to keep the extra memory under the output's size, large enough that the
    # kh - 1 rows each slab recomputes cost little (measured in benchmarks/run.py).
    n_rows = _fast_length(max(_FFT_SLAB_ROWS, 4 * kh))
    n_rows = min(n_rows, _fast_length(out_rows + kh - 1))
    block = n_rows - kh + 1
    kernel_fft = np.fft.rfft2(k[::-1, ::-1], s=(n_rows, n_cols))
    out = np.empty(shape)
    slab = np.zeros((n_rows, n_cols))
    # Column of the image that slab column 0 holds, and rows likewise.
    col0 = start[1] - (kw - 1)
    ca, cb = max(0, col0), min(width, col0 + slab_cols)
    for r0 in range(0, out_rows, block):
        r1 = min(r0 + block, out_rows)
        row0 = r0 + start[0] - (kh - 1)
        ra, rb = max(0, row0), min(height, row0 + (r1 - r0) + kh - 1)
        slab.fill(0.0)
        if ra < rb and ca < cb:
            slab[ra - row0 : rb - row0, ca - col0 : cb - col0] = x[ra:rb, ca:cb]
        product = np.fft.rfft2(slab)
        product *= kernel_fft
        full = np.fft.irfft2(product, s=(n_rows, n_cols))
        out[r0:r1] = full[kh - 1 : kh - 1 + (r1 - r0), kw - 1 : kw - 1 + out_cols]
    return out
