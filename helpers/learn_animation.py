"""A static animation of a kernel being learned, for chapter 07.

Each frame shows the kernel after some number of gradient steps, the true kernel it is
heading for, and the loss curve so far; :func:`helpers.animation.write_course_figures`
writes the GIF.
"""

from __future__ import annotations

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from ._validate import as_real_2d, check_int
from .animation import default_style
from .colours import format_number
from .learn import LearningResult
from .plotting import show_matrix

__all__ = ["learning_frames"]


def learning_frames(result: LearningResult, true_kernel, steps=None, *, dpi: int = 80):
    """Pictures of the kernel as it is learned, one per chosen step.

    Parameters
    ----------
    result : LearningResult
        From :func:`helpers.learn.learn_kernel`; every step shown must have a
        snapshot (use ``snapshot_every=1``).
    true_kernel : array_like, shape (kh, kw)
        The kernel that made the examples, shown for comparison. Never modified.
    steps : sequence of int, optional
        Which steps to draw; by default every snapshot, in order.
    dpi : int, default 80
        Resolution of the frames.

    Returns
    -------
    list of numpy.ndarray of uint8, shape (height, width, 4)
        RGBA pictures, all the same size.

    Raises
    ------
    TypeError, ValueError
        If ``result`` is not a LearningResult, a step has no snapshot, the kernel shapes
        differ, or ``dpi`` is not a positive integer.

    Examples
    --------
    >>> from helpers.kernels import SOBEL_VERTICAL
    >>> from helpers.learn import learn_kernel, make_training_pairs
    >>> x, y = make_training_pairs(SOBEL_VERTICAL, count=2, size=6)
    >>> run = learn_kernel(x, y, steps=2, learning_rate=2.0, snapshot_every=1)
    >>> frames = learning_frames(run, SOBEL_VERTICAL, dpi=30)
    >>> len(frames), frames[0].dtype
    (3, dtype('uint8'))
    """
    if not isinstance(result, LearningResult):
        raise TypeError(f"result must be a LearningResult, got {type(result).__name__}")
    true = as_real_2d(true_kernel, "true_kernel")
    if true.shape != result.kernel.shape:
        raise ValueError(
            f"true_kernel must have the learned kernel's shape {result.kernel.shape}, "
            f"got {true.shape}"
        )
    dpi = check_int(dpi, "dpi", 1)
    chosen = sorted(result.snapshots) if steps is None else list(steps)
    missing = [step for step in chosen if step not in result.snapshots]
    if missing or not chosen:
        raise ValueError(
            f"steps must be snapshots of the result, {sorted(result.snapshots)}; "
            f"missing {missing if chosen else 'all'}"
        )
    with default_style():
        return [_draw_frame(result, true, step, dpi) for step in chosen]


def _draw_frame(result: LearningResult, true: np.ndarray, step: int, dpi: int) -> np.ndarray:
    """One frame as an RGBA array: learned kernel, true kernel, loss so far."""
    fig = Figure(figsize=(9, 3), dpi=dpi)
    FigureCanvasAgg(fig)
    grid = fig.add_gridspec(
        1, 3, width_ratios=[1, 1, 1.5], left=0.05, right=0.97, top=0.8, bottom=0.18, wspace=0.35
    )
    learned = result.snapshots[step]
    show_matrix(
        learned,
        ax=fig.add_subplot(grid[0]),
        title=f"kernel after {step} steps",
        decimals=1,
        signed=True,
    )
    show_matrix(true, ax=fig.add_subplot(grid[1]), title="true kernel", decimals=1, signed=True)
    ax = fig.add_subplot(grid[2])
    losses = result.losses
    ax.semilogy(losses, color="0.8", linewidth=1)
    ax.semilogy(np.arange(step + 1), losses[: step + 1], color="C0", linewidth=2)
    ax.plot([step], [losses[step]], "o", color="C3")
    ax.set(xlabel="gradient step", ylabel="loss (log scale)", title=f"loss {losses[step]:.1e}")
    error = float(np.abs(learned - true).max())
    fig.suptitle(f"Learning a filter from examples: max abs error {format_number(error, 3)}")
    fig.canvas.draw()
    return np.asarray(fig.canvas.buffer_rgba()).copy()
