"""Learn a filter from examples by gradient descent, in plain numpy.

The model is one cross-correlation, ``y_hat = correlate2d(x, K)`` (valid mode), and the
loss the mean squared error over every output pixel of every example. Its gradient is
itself a cross-correlation (:func:`loss_gradient`; chapter 07, section 3, derives it).
Nothing here modifies its inputs.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from ._validate import (
    as_real_2d,
    as_real_values,
    check_choice,
    check_int,
    check_positive,
    check_shape,
)
from .conv import correlate2d
from .layers import numerical_gradient

__all__ = [
    "LearningResult",
    "finite_difference_gradient",
    "largest_stable_rate",
    "learn_kernel",
    "logistic_loss",
    "loss",
    "loss_gradient",
    "make_training_pairs",
    "predict",
    "shape_similarity",
    "sigmoid",
]


@dataclass(frozen=True)
class LearningResult:
    """What :func:`learn_kernel` found, and how it got there.

    Attributes
    ----------
    kernel : numpy.ndarray of float64, shape (kh, kw)
        The kernel after the last step taken.
    losses : numpy.ndarray of float64, shape (steps_taken + 1,)
        ``losses[t]`` is the loss after ``t`` steps (``losses[0]`` the starting kernel's).
    snapshots : dict of int to numpy.ndarray
        The kernel after 0 steps, every ``snapshot_every`` steps, and the last step taken.
    learning_rate : float
    diverged : bool
        True when learning stopped because the loss blew up (see :func:`learn_kernel`).
    stopped_at : int
        The number of steps taken (fewer than asked for if it diverged).
    """

    kernel: np.ndarray
    losses: np.ndarray
    snapshots: dict = field(repr=False)
    learning_rate: float
    diverged: bool
    stopped_at: int


def _as_batch(value, name: str) -> list[np.ndarray]:
    """A batch of 2-D float64 images: a 3-D array, one 2-D array, or a list of 2-D arrays."""
    if isinstance(value, (str, bytes)) or value is None:
        raise TypeError(f"{name} must be a list of 2-D arrays or a 3-D array, got {value!r}")
    try:
        array = as_real_values(value, name)
    except (TypeError, ValueError):  # images of different sizes, or one to name below
        array = None
    if array is not None and array.ndim in (2, 3):
        items = [array] if array.ndim == 2 else list(array)
    else:
        try:
            items = list(value)
        except TypeError:
            raise TypeError(
                f"{name} must be a list of 2-D arrays or a 3-D array, got {type(value).__name__}"
            ) from None
    if not items:
        raise ValueError(f"{name} must hold at least one image, got none")
    return [as_real_2d(item, f"{name}[{n}]") for n, item in enumerate(items)]


def _check_pairs(inputs, targets, kernel_shape) -> tuple[list, list]:
    """Read inputs and targets, checking each target is the valid output's size."""
    xs = _as_batch(inputs, "inputs")
    ys = _as_batch(targets, "targets")
    if len(xs) != len(ys):
        raise ValueError(
            f"inputs and targets must hold as many images, got {len(xs)} and {len(ys)}"
        )
    _check_fit(xs, kernel_shape, "inputs")
    kh, kw = kernel_shape
    for n, (x, y) in enumerate(zip(xs, ys, strict=True)):
        wanted = (x.shape[0] - kh + 1, x.shape[1] - kw + 1)
        if y.shape != wanted:
            raise ValueError(
                f"targets[{n}] must have the valid output shape {wanted} for inputs[{n}] "
                f"of shape {x.shape} and a {kh}x{kw} kernel, got {y.shape}"
            )
    return xs, ys


def _check_fit(xs, kernel_shape, name: str) -> None:
    """Raise naming ``name[n]`` if an image is smaller than the kernel."""
    for n, x in enumerate(xs):
        if x.shape[0] < kernel_shape[0] or x.shape[1] < kernel_shape[1]:
            raise ValueError(
                f"{name}[{n}] of shape {x.shape} is smaller than the kernel {kernel_shape}"
            )


def predict(inputs, kernel) -> list[np.ndarray]:
    """The model's outputs: each input correlated (valid mode) with ``kernel``.

    Parameters
    ----------
    inputs : array_like, shape (N, H, W), or a list of 2-D arrays
        The example images. One 2-D array counts as a batch of one.
    kernel : array_like, shape (kh, kw)

    Examples
    --------
    >>> [y.tolist() for y in predict([[[10, 10, 0, 0]]], [[1, 0, -1]])]
    [[[10.0, 10.0]]]
    """
    k = as_real_2d(kernel, "kernel")
    return [correlate2d(x, k) for x in _as_batch(inputs, "inputs")]


def loss(inputs, targets, kernel) -> float:
    """Mean squared error between ``predict(inputs, kernel)`` and ``targets``.

    The mean runs over every output pixel of every example together.

    Parameters
    ----------
    inputs : array_like, shape (N, H, W), or a list of 2-D arrays
        The example images.
    targets : array_like, shape (N, H - kh + 1, W - kw + 1), or a list of 2-D arrays
        The wanted outputs, one per input.
    kernel : array_like, shape (kh, kw)

    Returns
    -------
    float
        The loss; 0 exactly when the kernel reproduces every target.

    Raises
    ------
    TypeError, ValueError
        Naming the argument: not numbers, not 2-D images, a different number
        of inputs and targets, or a target of the wrong shape.

    Examples
    --------
    >>> x = [[[10, 10, 0, 0]]]
    >>> loss(x, [[[10, 10]]], [[1, 0, -1]]), loss(x, [[[12, 10]]], [[1, 0, -1]])
    (0.0, 2.0)
    """
    k = as_real_2d(kernel, "kernel")
    xs, ys = _check_pairs(inputs, targets, k.shape)
    squared = sum(float(np.sum((correlate2d(x, k) - y) ** 2)) for x, y in zip(xs, ys, strict=True))
    return squared / sum(y.size for y in ys)


def loss_gradient(inputs, targets, kernel) -> np.ndarray:
    """The gradient dL/dK of :func:`loss`, computed as a cross-correlation.

    Parameters
    ----------
    inputs, targets, kernel
        As for :func:`loss`.

    Returns
    -------
    numpy.ndarray of float64, shape (kh, kw)
        ``sum_n correlate2d(x_n, G_n)`` with ``G_n = 2 (y_hat_n - y_n) / M``
        the gradient of the loss with respect to the n-th output, and ``M``
        the number of output pixels in the batch.

    See Also
    --------
    finite_difference_gradient : the same gradient, estimated numerically.

    Examples
    --------
    >>> x = [[[10, 10, 0, 0]]]
    >>> loss_gradient(x, [[[10, 10]]], [[1, 0, -1]]).tolist()
    [[0.0, 0.0, 0.0]]
    >>> loss_gradient(x, [[[12, 10]]], [[1, 0, -1]]).tolist()  # output 0 too small
    [[-20.0, -20.0, 0.0]]
    """
    k = as_real_2d(kernel, "kernel")
    xs, ys = _check_pairs(inputs, targets, k.shape)
    return _loss_and_gradient(xs, ys, k)[1]


def _loss_and_gradient(xs, ys, k) -> tuple[float, np.ndarray]:
    """The engine: loss and gradient together, on already checked float64 data."""
    count = sum(y.size for y in ys)
    squared = 0.0
    gradient = np.zeros(k.shape)
    for x, y in zip(xs, ys, strict=True):
        error = correlate2d(x, k) - y
        squared += float(np.sum(error**2))
        gradient += correlate2d(x, 2.0 * error / count)
    return squared / count, gradient


def finite_difference_gradient(inputs, targets, kernel, step: float = 1e-5) -> np.ndarray:
    """Estimate dL/dK by central differences: nudge each weight up and down.

    ``(L(K + h e_ij) - L(K - h e_ij)) / (2 h)`` for each weight; slow (two
    losses per weight) but independent of any derivation, so it checks
    :func:`loss_gradient`.

    Parameters
    ----------
    inputs, targets, kernel
        As for :func:`loss`.
    step : float, default 1e-5
        The nudge ``h``; positive.

    Examples
    --------
    >>> x = [[[10, 10, 0, 0]]]
    >>> np.round(finite_difference_gradient(x, [[[12, 10]]], [[1, 0, -1]]), 6).tolist()
    [[-20.0, -20.0, 0.0]]
    """
    k = as_real_2d(kernel, "kernel")
    xs, ys = _check_pairs(inputs, targets, k.shape)
    return numerical_gradient(lambda candidate: loss(xs, ys, candidate), k, step)


def largest_stable_rate(inputs, shape=(3, 3)) -> float:
    """The learning rate above which gradient descent on :func:`loss` diverges.

    The loss is quadratic in the kernel, with a constant Hessian
    ``H = (2 / M) P^T P`` (``P`` holds every input window as a row). Gradient
    descent with rate ``lr`` multiplies the error along each eigenvector of
    ``H`` by ``1 - lr * lambda``, so it converges exactly when
    ``lr < 2 / lambda_max``, the number returned.

    Parameters
    ----------
    inputs : array_like, shape (N, H, W), or a list of 2-D arrays
        The example images (the targets do not matter).
    shape : tuple of int, default (3, 3)
        The kernel's shape.

    Examples
    --------
    >>> round(largest_stable_rate([[[1, 0, 0, 1]]], shape=(1, 1)), 6)  # H = 2 * (1 + 1) / 4
    2.0
    """
    kh, kw = check_shape(shape, "shape")
    xs = _as_batch(inputs, "inputs")
    _check_fit(xs, (kh, kw), "inputs")
    patches = np.concatenate(
        [np.lib.stride_tricks.sliding_window_view(x, (kh, kw)).reshape(-1, kh * kw) for x in xs]
    )
    hessian = 2.0 * patches.T @ patches / len(patches)
    return float(2.0 / np.linalg.eigvalsh(hessian)[-1])


def make_training_pairs(kernel, images=None, *, count: int = 4, size: int = 16, seed: int = 0):
    """Examples for learning: images and what a known kernel makes of them.

    Parameters
    ----------
    kernel : array_like, shape (kh, kw)
        The "true" filter that the learner should rediscover.
    images : array_like or list of 2-D arrays, optional
        The inputs to use. By default ``count`` random images of
        ``size x size`` pixels, brightness uniform in [-0.5, 0.5), drawn from
        ``numpy.random.default_rng(seed)``.
    count : int, default 4
        Number of random images (ignored when ``images`` is given).
    size : int, default 16
        Side of each random image; at least the kernel's larger side.
    seed : int, default 0
        Seed of the random images.

    Returns
    -------
    inputs : numpy.ndarray of float64, shape (N, H, W), or a list of them
        The images (a copy: changing them does not touch ``images``). A
        3-D array when every image has the same shape, else a list.
    targets : same kind as ``inputs``
        ``correlate2d(x, kernel)`` for each input ``x``.

    Examples
    --------
    >>> inputs, targets = make_training_pairs([[1, 0, -1]], count=2, size=5)
    >>> inputs.shape, targets.shape
    ((2, 5, 5), (2, 5, 3))
    """
    k = as_real_2d(kernel, "kernel")
    if images is None:
        count = check_int(count, "count", 1)
        size = check_int(size, "size", max(k.shape))
        seed = check_int(seed, "seed", 0)
        rng = np.random.default_rng(seed)
        xs = list(rng.random((count, size, size)) - 0.5)
    else:
        xs = [x.copy() for x in _as_batch(images, "images")]
        _check_fit(xs, k.shape, "images")
    ys = [correlate2d(x, k) for x in xs]
    if all(x.shape == xs[0].shape for x in xs):
        return np.stack(xs), np.stack(ys)
    return xs, ys


def learn_kernel(
    inputs,
    targets,
    shape=(3, 3),
    *,
    steps: int = 200,
    learning_rate: float = 0.1,
    init: str = "zeros",
    seed: int = 0,
    snapshot_every: int = 10,
) -> LearningResult:
    """Find the kernel that maps ``inputs`` to ``targets`` by gradient descent.

    Each step moves the kernel against :func:`loss_gradient`:
    ``K <- K - learning_rate * dL/dK``. Everything is deterministic.

    Parameters
    ----------
    inputs, targets
        As for :func:`loss`.
    shape : tuple of int, default (3, 3)
        Shape of the kernel to learn.
    steps : int, default 200
        Number of gradient steps (0 allowed: just the start).
    learning_rate : float, default 0.1
        Step size; a positive number.
    init : {"zeros", "random"}, default "zeros"
        Start from all zeros, or from standard-normal weights drawn from
        ``numpy.random.default_rng(seed)``.
    seed : int, default 0
        Seed of the random start.
    snapshot_every : int, default 10
        Keep a copy of the kernel every this many steps.

    Returns
    -------
    LearningResult

    Raises
    ------
    TypeError, ValueError
        Naming the argument, for malformed data or settings. Divergence is
        not an error: it is reported in the result.

    Notes
    -----
    Learning counts as diverged, and stops, when the loss becomes NaN or
    infinite, or when it has grown three steps in a row and is above the
    starting loss. On this quadratic loss that happens exactly when
    ``learning_rate`` is above :func:`largest_stable_rate` (given enough steps).

    Examples
    --------
    >>> inputs, targets = make_training_pairs([[1, 0, -1]], count=2, size=8)
    >>> result = learn_kernel(inputs, targets, shape=(1, 3), steps=60, learning_rate=2.0)
    >>> (np.round(result.kernel, 3) + 0.0).tolist(), result.diverged  # + 0.0: no "-0.0"
    ([[1.0, 0.0, -1.0]], False)
    """
    kh, kw = check_shape(shape, "shape")
    xs, ys = _check_pairs(inputs, targets, (kh, kw))
    steps = check_int(steps, "steps", 0)
    seed = check_int(seed, "seed", 0)
    snapshot_every = check_int(snapshot_every, "snapshot_every", 1)
    check_choice(init, "init", ("zeros", "random"))
    rate = check_positive(learning_rate, "learning_rate")

    if init == "zeros":
        k = np.zeros((kh, kw))
    else:
        k = np.random.default_rng(seed).standard_normal((kh, kw))
    snapshots = {0: k.copy()}
    diverged = False
    growing = 0
    with np.errstate(over="ignore", invalid="ignore"):
        current, gradient = _loss_and_gradient(xs, ys, k)
        losses = [current]
        for step in range(1, steps + 1):
            k = k - rate * gradient
            current, gradient = _loss_and_gradient(xs, ys, k)
            losses.append(current)
            if step % snapshot_every == 0:
                snapshots[step] = k.copy()
            growing = growing + 1 if current > losses[-2] else 0
            if not math.isfinite(current) or (growing >= 3 and current > losses[0]):
                diverged = True
                break
    taken = len(losses) - 1
    snapshots[taken] = k.copy()
    return LearningResult(
        kernel=k,
        losses=np.array(losses),
        snapshots=snapshots,
        learning_rate=rate,
        diverged=diverged,
        stopped_at=taken,
    )


# --- classification: a filter discovered from labels (chapter 07, section 9) ------------


def sigmoid(z) -> np.ndarray:
    """The logistic function ``1 / (1 + exp(-z))``: a score turned into a probability.

    Computed without overflow for scores of any size.

    Examples
    --------
    >>> sigmoid([0.0, 2.0, -800.0])
    array([0.5       , 0.88079708, 0.        ])
    """
    z = np.asarray(z, dtype=np.float64)
    return np.exp(-np.logaddexp(0.0, -z))


def logistic_loss(z, labels) -> float:
    """Mean cross-entropy of scores ``z`` against labels 1 and 0 (logistic regression's loss).

    ``-log(sigmoid(z))`` for a label 1 and ``-log(1 - sigmoid(z))`` for a label 0,
    averaged; its gradient with respect to each score is ``(sigmoid(z) - label) / N``.

    Parameters
    ----------
    z : array_like, shape (N,)
        The scores; positive means "label 1 is more likely".
    labels : array_like of 0 and 1, shape (N,)

    Raises
    ------
    ValueError
        If the shapes differ or a label is not 0 or 1.

    Examples
    --------
    >>> round(logistic_loss([0.0, 0.0], [1, 0]), 6)  # a coin toss: log 2
    0.693147
    """
    z = np.asarray(z, dtype=np.float64)
    t = np.asarray(labels)
    if z.shape != t.shape:
        raise ValueError(f"z and labels must have the same shape, got {z.shape} and {t.shape}")
    if not np.isin(t, (0, 1)).all():
        raise ValueError("labels must be 0 or 1")
    return float(np.mean(np.where(t == 1, np.logaddexp(0.0, -z), np.logaddexp(0.0, z))))


def shape_similarity(a, b) -> float:
    """How alike two kernels are in pattern, ignoring scale and sign: ``|cos|`` of the angle.

    ``|sum(a * b)| / (|a| |b|)``: 1 when one kernel is a multiple of the other
    (a learned filter is only known up to its scale, and up to its sign when the
    model takes an absolute value), 0 when they are orthogonal.

    Examples
    --------
    >>> from helpers.kernels import HORIZONTAL, VERTICAL
    >>> shape_similarity(-2 * VERTICAL, VERTICAL), shape_similarity(VERTICAL, HORIZONTAL)
    (1.0, 0.0)
    """
    x, y = as_real_2d(a, "a"), as_real_2d(b, "b")
    if x.shape != y.shape:
        raise ValueError(f"a and b must have the same shape, got {x.shape} and {y.shape}")
    norms = float(np.linalg.norm(x) * np.linalg.norm(y))
    if norms == 0:
        raise ValueError("a and b must not be all zeros: an all-zero kernel has no pattern")
    return round(abs(float(np.sum(x * y))) / norms, 15)
