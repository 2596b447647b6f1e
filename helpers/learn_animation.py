"""A static animation of a kernel being learned, for chapter 07.

Each frame shows the kernel after some number of gradient steps, the true
kernel it is heading for, and the loss curve so far on a log scale. The GIF
is written by :func:`save_learning_gif` with the same bytes on every run, so
the committed file can be checked against what the code draws.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from ._animation import default_style, gif_bytes
from ._validate import as_real_2d, check_int
from .kernels import SOBEL_VERTICAL
from .learn import LearningResult, learn_kernel, make_training_pairs
from .plotting import show_matrix

__all__ = [
    "LEARNING_GIF",
    "learning_frames",
    "render_learning_figure",
    "save_learning_gif",
]

LEARNING_GIF = "07-learning.gif"
_FRAME_DPI = 80
# Steps shown: every step while the kernel changes fast, then sparser.
_DEFAULT_STEPS = (0, 1, 2, 3, 4, 5, 6, 8, 10, 12, 15, 20, 30, 40)


def learning_frames(result: LearningResult, true_kernel, steps=None, *, dpi: int = _FRAME_DPI):
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
    TypeError
        If ``result`` is not a LearningResult.
    ValueError
        If a step has no snapshot, the kernel shapes differ, or ``dpi`` is
        not a positive integer.

    Examples
    --------
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


def save_learning_gif(
    path,
    result: LearningResult,
    true_kernel,
    steps=None,
    *,
    duration_ms: int = 500,
    final_ms: int = 2500,
    dpi: int = _FRAME_DPI,
) -> Path:
    """Write the learning animation as a looping GIF, the same bytes on every run.

    Parameters
    ----------
    path : str or pathlib.Path
        Where to write; the folder must exist. Overwritten if present.
    result, true_kernel, steps, dpi
        As for :func:`learning_frames`.
    duration_ms : int, default 500
        Milliseconds each frame stays on screen.
    final_ms : int, default 2500
        Milliseconds for the last frame before the loop starts again.

    Returns
    -------
    pathlib.Path
        ``path``.

    Examples
    --------
    >>> import tempfile
    >>> x, y = make_training_pairs(SOBEL_VERTICAL, count=2, size=6)
    >>> run = learn_kernel(x, y, steps=1, learning_rate=2.0, snapshot_every=1)
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     save_learning_gif(Path(folder) / "a.gif", run, SOBEL_VERTICAL, dpi=30).read_bytes()[:6]
    b'GIF89a'
    """
    duration_ms = check_int(duration_ms, "duration_ms", 1)
    final_ms = check_int(final_ms, "final_ms", 1)
    frames = learning_frames(result, true_kernel, steps, dpi=dpi)
    durations = [duration_ms] * (len(frames) - 1) + [final_ms]
    path = Path(path)
    path.write_bytes(gif_bytes(frames, durations))
    return path


def render_learning_figure(directory) -> list[Path]:
    """Write chapter 07's animation, :data:`LEARNING_GIF`, into ``directory``.

    The run is the chapter's: Sobel examples from ``make_training_pairs``,
    40 steps at learning rate 2 from zeros.

    Parameters
    ----------
    directory : str or pathlib.Path
        Folder to write into; created if missing.

    Returns
    -------
    list of pathlib.Path
        The files written.
    """
    folder = Path(directory)
    folder.mkdir(parents=True, exist_ok=True)
    inputs, targets = make_training_pairs(SOBEL_VERTICAL, count=4, size=16, seed=0)
    run = learn_kernel(inputs, targets, steps=40, learning_rate=2.0, snapshot_every=1)
    gif = save_learning_gif(folder / LEARNING_GIF, run, SOBEL_VERTICAL, _DEFAULT_STEPS)
    return [gif]


def _tenths(value: float) -> str:
    """One decimal, rounded first so that -0.04 shows as 0.0 rather than -0.0."""
    return f"{round(value, 1) + 0.0:.1f}"


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
        fmt=_tenths,
        signed=True,
    )
    show_matrix(true, ax=fig.add_subplot(grid[1]), title="true kernel", fmt=_tenths, signed=True)
    ax = fig.add_subplot(grid[2])
    losses = result.losses
    ax.semilogy(losses, color="0.8", linewidth=1)
    ax.semilogy(np.arange(step + 1), losses[: step + 1], color="C0", linewidth=2)
    ax.plot([step], [losses[step]], "o", color="C3")
    ax.set_xlabel("gradient step")
    ax.set_ylabel("loss (log scale)")
    ax.set_title(f"loss {losses[step]:.1e}")
    error = float(np.abs(learned - true).max())
    fig.suptitle(f"Learning a filter from examples: max abs error {error:.3f}")
    fig.canvas.draw()
    return np.asarray(fig.canvas.buffer_rgba()).copy()
