"""Example images for the course, all deterministic and offline.

Every function returns a **new** float64 array on each call (except
:func:`photograph_uint8`, which returns a new uint8 array), so a learner who
changes one result in place cannot change what the next call returns.

Coordinates
-----------
Rows are numbered downwards and columns to the right, as when an image is
shown. Where an image samples a formula, ``x`` grows along the columns (to
the right) and ``y`` along the rows (**downwards**). The same orientation is
used by :mod:`helpers.edges`.
"""

from __future__ import annotations

import functools

import numpy as np

from ._validate import as_real_2d, check_choice, check_int, check_positive

__all__ = [
    "IMAGE_NAMES",
    "block_mean",
    "book_on_table",
    "checkerboard",
    "classic_5x5",
    "edge_examples",
    "flip_example",
    "named_images",
    "photograph",
    "photograph_channels",
    "photograph_uint8",
    "radial_gradient",
    "radial_pattern",
    "step_edge",
    "step_edge_mirrored",
]

# ITU-R BT.601 luma weights for red, green and blue (also used by PIL's "L" mode).
_LUMA_WEIGHTS = np.array([0.299, 0.587, 0.114])


def step_edge() -> np.ndarray:
    """The article's 6x6 image: bright (10) on the left half, dark (0) on the right.

    See Also
    --------
    step_edge_mirrored : the same edge, dark on the left.

    Examples
    --------
    >>> step_edge()[0]
    array([10., 10., 10.,  0.,  0.,  0.])
    """
    return np.tile([10.0, 10.0, 10.0, 0.0, 0.0, 0.0], (6, 1))


def step_edge_mirrored() -> np.ndarray:
    """The step edge flipped left to right: dark on the left, bright on the right.

    Examples
    --------
    >>> step_edge_mirrored()[0]
    array([ 0.,  0.,  0., 10., 10., 10.])
    """
    return step_edge()[:, ::-1].copy()


def classic_5x5() -> np.ndarray:
    """The 5x5 binary image of the article's worked example.

    See Also
    --------
    helpers.kernels.classic_5x5_kernel : the 3x3 filter that goes with it.

    Examples
    --------
    >>> classic_5x5()
    array([[1., 1., 1., 0., 0.],
           [0., 1., 1., 1., 0.],
           [0., 0., 1., 1., 1.],
           [0., 0., 1., 1., 0.],
           [0., 1., 1., 0., 0.]])
    """
    return np.array(
        [
            [1, 1, 1, 0, 0],
            [0, 1, 1, 1, 0],
            [0, 0, 1, 1, 1],
            [0, 0, 1, 1, 0],
            [0, 1, 1, 0, 0],
        ],
        dtype=np.float64,
    )


def flip_example() -> tuple[np.ndarray, np.ndarray]:
    """A 5x5 image and an asymmetric 3x3 kernel on which correlation and convolution differ.

    From Dumoulin & Visin, "A guide to convolution arithmetic for deep
    learning" (2016).

    Examples
    --------
    >>> from helpers.conv import convolve2d, correlate2d
    >>> image, kernel = flip_example()
    >>> correlate2d(image, kernel)
    array([[12., 12., 17.],
           [10., 17., 19.],
           [ 9.,  6., 14.]])
    >>> convolve2d(image, kernel)
    array([[18., 20., 19.],
           [10.,  9., 17.],
           [11.,  8., 14.]])
    """
    image = np.array(
        [
            [3, 3, 2, 1, 0],
            [0, 0, 1, 3, 1],
            [3, 1, 2, 2, 3],
            [2, 0, 0, 2, 2],
            [2, 0, 0, 0, 1],
        ],
        dtype=np.float64,
    )
    kernel = np.array([[0, 1, 2], [2, 2, 0], [0, 1, 2]], dtype=np.float64)
    return image, kernel


def checkerboard() -> np.ndarray:
    """A 6x6 image of four 3x3 squares: 10 top-left and bottom-right, 0 elsewhere.

    Examples
    --------
    >>> checkerboard()[[0, 5]]
    array([[10., 10., 10.,  0.,  0.,  0.],
           [ 0.,  0.,  0., 10., 10., 10.]])
    """
    return 10.0 * np.kron([[1.0, 0.0], [0.0, 1.0]], np.ones((3, 3)))


def book_on_table(size: int = 128, seed: int = 0) -> np.ndarray:
    """A synthetic grayscale photo: a book with a soft shadow, lying on a wooden table.

    The book is a bright rectangle with straight, sharp sides (clear vertical
    and horizontal edges) and faint horizontal lines across it, like the edges
    of pages. Its shadow falls down and to the right. The table is darker,
    with wavy wood-grain stripes and a little noise.

    Parameters
    ----------
    size : int, default 128
        Height and width in pixels; at least 16.
    seed : int, default 0
        Seed for ``numpy.random.default_rng``: it sets the noise and the phase
        of the grain. The same seed always gives the same image.

    Returns
    -------
    numpy.ndarray of float64, shape (size, size)
        Brightness in ``[0, 1]``.

    Raises
    ------
    ValueError
        If ``size`` is not an integer >= 16, or ``seed`` not an integer >= 0.

    Examples
    --------
    >>> scene = book_on_table()
    >>> scene.shape, scene.dtype
    ((128, 128), dtype('float64'))
    >>> bool(scene.min() >= 0.0 and scene.max() <= 1.0)
    True
    >>> bool(scene[64, 64] > scene[5, 5])  # the book is brighter than the table
    True
    """
    size = check_int(size, "size", minimum=16)
    seed = check_int(seed, "seed", minimum=0)
    rng = np.random.default_rng(seed)
    # Fractions of the image height and width, so the scene scales with size.
    y = (np.arange(size)[:, None] + 0.5) / size
    x = (np.arange(size)[None, :] + 0.5) / size

    phase = rng.uniform(0.0, 2.0 * np.pi)
    grain = np.sin(2.0 * np.pi * 14.0 * (y + 0.03 * np.sin(2.0 * np.pi * 2.0 * x + phase)))
    scene = 0.42 + 0.05 * grain

    top, bottom, left, right = 0.20, 0.76, 0.26, 0.68  # a portrait-shaped book
    offset, blur = 0.04, 0.02  # light from the upper left; a soft penumbra
    shadow = _soft_box(y, x, top + offset, bottom + offset, left + offset, right + offset, blur)
    scene = scene * (1.0 - 0.6 * shadow)

    # Whole pixels for the book, so its sides are sharp steps.
    r0, r1 = round(top * size), round(bottom * size)
    c0, c1 = round(left * size), round(right * size)
    book = np.full((r1 - r0, c1 - c0), 0.80)
    book[2::4] -= 0.08  # page lines: a faint horizontal texture
    scene[r0:r1, c0:c1] = book

    scene += rng.normal(0.0, 0.015, scene.shape)
    return np.clip(scene, 0.0, 1.0)


def radial_pattern(size: int = 255, extent: float = 10.0) -> np.ndarray:
    """Rings of ``sin(x**2 + y**2)``: a test image with edges at every angle.

    Parameters
    ----------
    size : int, default 255
        Height and width in pixels; at least 3.
    extent : float, default 10.0
        ``x`` and ``y`` each run over ``numpy.linspace(-extent, extent, size)``,
        ``x`` along the columns and ``y`` down the rows. The defaults are the
        grid of scikit-image's edge-filter example,
        ``numpy.mgrid[-10:10:255j, -10:10:255j]``.

    Returns
    -------
    numpy.ndarray of float64, shape (size, size)
        Values in ``[-1, 1]``.

    Raises
    ------
    ValueError
        If ``size`` is not an integer >= 3, or ``extent`` not a positive finite number.

    See Also
    --------
    radial_gradient : its exact gradient on the same grid.

    Notes
    -----
    The rings get closer towards the corners: at radius ``r`` the phase
    changes by about ``2 * r * h`` per pixel, where the pixel spacing is
    ``h = 2 * extent / (size - 1)``. With the defaults that is about 1.6
    radians per pixel at ``r = 10``, not far below the 3.14 (two pixels per
    ring) that a grid can show at all, which is what strains 3x3 filters.

    Examples
    --------
    >>> pattern = radial_pattern(5, extent=1.0)
    >>> pattern.round(3)
    array([[0.909, 0.949, 0.841, 0.949, 0.909],
           [0.949, 0.479, 0.247, 0.479, 0.949],
           [0.841, 0.247, 0.   , 0.247, 0.841],
           [0.949, 0.479, 0.247, 0.479, 0.949],
           [0.909, 0.949, 0.841, 0.949, 0.909]])
    """
    y, x = _grid(size, extent)
    return np.sin(x**2 + y**2)


def radial_gradient(size: int = 255, extent: float = 10.0) -> tuple[np.ndarray, np.ndarray]:
    """The exact gradient of :func:`radial_pattern`, on the same grid.

    Parameters
    ----------
    size, extent
        As :func:`radial_pattern`, with the same errors.

    Returns
    -------
    gy : numpy.ndarray of float64, shape (size, size)
        ``d/dy sin(x**2 + y**2) = 2 * y * cos(x**2 + y**2)``, ``y`` growing
        **down** the rows. Positive where brightness increases downwards.
    gx : numpy.ndarray of float64, shape (size, size)
        ``d/dx sin(x**2 + y**2) = 2 * x * cos(x**2 + y**2)``, ``x`` growing
        to the right. Positive where brightness increases to the right.

    Notes
    -----
    Rows first, as from ``numpy.gradient``; per unit of ``x`` and ``y`` (per pixel, multiply
    by the spacing ``2 * extent / (size - 1)``). ``numpy.arctan2(gy, gx)`` is the direction
    that :func:`helpers.edges.orientation` estimates.

    Examples
    --------
    On the horizontal line through the centre ``y = 0``, so ``gy`` vanishes:

    >>> gy, gx = radial_gradient(5, extent=1.0)
    >>> gy[2]
    array([0., 0., 0., 0., 0.])
    >>> gx[2].round(3)
    array([-1.081, -0.969,  0.   ,  0.969,  1.081])
    """
    y, x = _grid(size, extent)
    common = 2.0 * np.cos(x**2 + y**2)
    return common * y, common * x


def photograph(scale: int = 1) -> np.ndarray:
    """A real photograph (Grace Hopper, shipped with matplotlib) in grayscale.

    The file is read from matplotlib's own sample data, so nothing is
    downloaded. It is decoded once per session and cached.

    Parameters
    ----------
    scale : int, default 1
        Shrink by this factor: each ``scale x scale`` block of pixels becomes
        its mean. Rows and columns that do not fill a whole block are dropped.

    Returns
    -------
    numpy.ndarray of float64, shape (600 // scale, 512 // scale)
        Brightness in ``[0, 1]``: the luma ``0.299 R + 0.587 G + 0.114 B`` (ITU-R BT.601).

    Raises
    ------
    ValueError
        If ``scale`` is not a positive integer, or leaves no pixels.

    See Also
    --------
    photograph_uint8 : the same picture as 8-bit integers.

    Examples
    --------
    >>> photo = photograph()
    >>> photo.shape, photo.dtype
    ((600, 512), dtype('float64'))
    >>> photograph(scale=4).shape
    (150, 128)
    """
    return block_mean(_photograph_gray(), scale, "scale")


def photograph_channels(scale: int = 1) -> np.ndarray:
    """The same photograph in colour, channels first: red, green and blue.

    Parameters
    ----------
    scale : int, default 1
        As :func:`photograph`, with the same errors.

    Returns
    -------
    numpy.ndarray of float64, shape (3, 600 // scale, 512 // scale)
        Each channel's brightness in ``[0, 1]``, in the ``(C, H, W)`` layout a
        convolution layer takes (:func:`helpers.layers.conv2d`); their luma is
        :func:`photograph`.

    Examples
    --------
    >>> photograph_channels(scale=4).shape
    (3, 150, 128)
    """
    return np.moveaxis(block_mean(_photograph_rgb()[:, :, :3], scale, "scale") / 255.0, -1, 0)


def edge_examples(count: int = 64, size: int = 12, seed: int = 0, noise: float = 0.1):
    """Labelled pictures of one straight edge each, vertical (label 1) or horizontal (0).

    Each picture has one step edge at a random place, bright on a random side,
    with a random contrast between 0.5 and 1, plus Gaussian noise. Half are
    vertical edges and half horizontal, in random order.

    Parameters
    ----------
    count : int, default 64
        Number of pictures; an even number at least 2.
    size : int, default 12
        Each picture is ``size x size``, at least 4.
    seed : int, default 0
        Seed of :func:`numpy.random.default_rng`: the same seed, the same pictures.
    noise : float, default 0.1
        Standard deviation of the noise added to each pixel, at least 0.

    Returns
    -------
    images : numpy.ndarray of float64, shape (count, 1, size, size)
        One channel per picture, ready for :func:`helpers.layers.conv2d`.
    labels : numpy.ndarray of int64, shape (count,)
        1 for a vertical edge, 0 for a horizontal one.

    Raises
    ------
    ValueError
        If ``count`` is not an even integer >= 2, ``size`` not an integer >= 4,
        ``seed`` not an integer >= 0, or ``noise`` not a finite number >= 0.

    Examples
    --------
    >>> images, labels = edge_examples(count=4, size=6, noise=0.0)
    >>> images.shape, labels.tolist()
    ((4, 1, 6, 6), [0, 0, 1, 1])
    >>> bool((images[2, 0] == images[2, 0, :1]).all())  # a vertical edge: every row alike
    True
    """
    count = check_int(count, "count", minimum=2)
    if count % 2:
        raise ValueError(f"count must be even (half vertical, half horizontal), got {count}")
    size = check_int(size, "size", minimum=4)
    seed = check_int(seed, "seed", minimum=0)
    noise = check_positive(noise, "noise", zero=True)
    rng = np.random.default_rng(seed)
    labels = rng.permutation(np.arange(count) % 2)
    images = np.empty((count, 1, size, size))
    for n, label in enumerate(labels):
        where = rng.integers(2, size - 1)  # the first column (or row) on the far side
        contrast = rng.uniform(0.5, 1.0) * rng.choice([-1.0, 1.0])
        profile = np.where(np.arange(size) < where, contrast / 2, -contrast / 2)
        edge = np.tile(profile, (size, 1))  # columns differ: a vertical edge
        images[n, 0] = (edge if label == 1 else edge.T) + noise * rng.standard_normal((size, size))
    return images, labels.astype(np.int64)


def photograph_uint8(scale: int = 1) -> np.ndarray:
    """The grayscale photograph as 8-bit integers 0..255, as image files store it.

    For :mod:`helpers.pitfalls`: computed in uint8, a filter wraps around instead of going
    negative.

    Parameters
    ----------
    scale : int, default 1
        As :func:`photograph`, with the same errors.

    Returns
    -------
    numpy.ndarray of uint8, shape (600 // scale, 512 // scale)
        ``round(255 * photograph(scale))``.

    Examples
    --------
    >>> photo = photograph_uint8(scale=2)
    >>> photo.shape, photo.dtype
    ((300, 256), dtype('uint8'))
    """
    return np.round(photograph(scale) * 255.0).astype(np.uint8)


_MAKERS = {
    "step edge 6x6": step_edge,
    "checkerboard 6x6": checkerboard,
    "classic 5x5": classic_5x5,
    "book on a table": lambda: book_on_table(256),
    "photograph": lambda: photograph(scale=2),
    "radial pattern": radial_pattern,
}
#: The images the widgets offer, by the name their menus show, in menu order.
IMAGE_NAMES = tuple(_MAKERS)


def named_images(*names: str) -> dict[str, np.ndarray]:
    """Images by the names the widgets' menus show, each a new float64 array.

    Parameters
    ----------
    *names : str
        Names from :data:`IMAGE_NAMES`; all of them, in that order, by default.

    Returns
    -------
    dict of str to numpy.ndarray
        ``"step edge 6x6"`` (:func:`step_edge`), ``"checkerboard 6x6"``,
        ``"classic 5x5"``, ``"book on a table"`` (256x256), ``"photograph"``
        (300x256, the photo at half size) and ``"radial pattern"`` (255x255),
        in the order asked for.

    Raises
    ------
    ValueError
        If a name is not one of :data:`IMAGE_NAMES`.

    Examples
    --------
    >>> {name: image.shape for name, image in named_images("classic 5x5", "photograph").items()}
    {'classic 5x5': (5, 5), 'photograph': (300, 256)}
    """
    chosen = names or IMAGE_NAMES
    for name in chosen:
        check_choice(name, "name", IMAGE_NAMES)
    return {name: _MAKERS[name]() for name in chosen}


def _to_grayscale(image) -> np.ndarray:
    """A new 2-D float64 brightness array from grayscale, RGB or RGBA (uint8 scaled by 1/255)."""
    try:
        array = np.asarray(image)
    except ValueError as error:  # ragged nested lists
        raise ValueError(f"image must be a rectangular array: {error}") from None
    scale = 1.0 / 255.0 if array.dtype == np.uint8 else 1.0
    if array.ndim == 2:
        return as_real_2d(array, "image") * scale
    if array.ndim != 3 or array.shape[-1] not in (3, 4):
        raise ValueError(
            f"image must have shape (H, W), (H, W, 3) or (H, W, 4), got shape {array.shape}"
        )
    if array.size == 0:
        raise ValueError(f"image must not be empty, got shape {array.shape}")
    # One row per pixel: as_real_2d then checks the dtype as for any 2-D input.
    pixels = as_real_2d(array.reshape(-1, array.shape[-1]), "image")
    luma = pixels[:, :3] @ _LUMA_WEIGHTS
    return luma.reshape(array.shape[:2]) * scale


def block_mean(picture, factor, name: str = "factor") -> np.ndarray:
    """Each ``factor x factor`` block of pixels (of every channel) replaced by its mean.

    Rows and columns that do not fill a whole block are dropped. The photographs'
    ``scale`` and the explorer's downscaling of large images both come here; ``name``
    is the argument an error message names.

    Examples
    --------
    >>> block_mean(np.arange(16.0).reshape(4, 4), 2)
    array([[ 2.5,  4.5],
           [10.5, 12.5]])
    """
    factor = check_int(factor, name, minimum=1)
    rows, cols = picture.shape[0] // factor, picture.shape[1] // factor
    if rows == 0 or cols == 0:
        raise ValueError(
            f"{name} must leave at least one pixel of the {picture.shape[:2]} picture, got {factor}"
        )
    blocks = picture[: rows * factor, : cols * factor].reshape(
        rows, factor, cols, factor, *picture.shape[2:]
    )
    return blocks.mean(axis=(1, 3))


@functools.lru_cache(maxsize=1)
def _photograph_gray() -> np.ndarray:
    """The sample photo in grayscale, computed once; read-only, so the cache stays intact."""
    gray = _to_grayscale(_photograph_rgb())
    gray.flags.writeable = False
    return gray


@functools.lru_cache(maxsize=1)
def _photograph_rgb() -> np.ndarray:
    """Decode matplotlib's sample photo once, as stored (uint8, H x W x 3); read-only."""
    # Imported here so that ``import helpers`` does not pay for the image codecs.
    import matplotlib.cbook
    import matplotlib.image

    path = matplotlib.cbook.get_sample_data("grace_hopper.jpg", asfileobj=False)
    rgb = matplotlib.image.imread(path)
    rgb.flags.writeable = False
    return rgb


def _grid(size, extent) -> tuple[np.ndarray, np.ndarray]:
    """Open grid ``(y, x)`` over ``[-extent, extent]``: y down the rows, x along the columns."""
    size = check_int(size, "size", minimum=3)
    extent = check_positive(extent, "extent")
    t = np.linspace(-extent, extent, size)
    return t[:, None], t[None, :]


def _soft_box(y, x, top, bottom, left, right, blur) -> np.ndarray:
    """About 1 inside the rectangle, 0 outside, with edges blurred over ``blur``."""

    def step(t):
        return 0.5 * (1.0 + np.tanh(t / blur))

    return step(y - top) * step(bottom - y) * step(x - left) * step(right - x)
