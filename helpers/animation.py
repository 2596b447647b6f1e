"""The course's animated GIFs: drawn the same way every run, written by one function.

Two chapters have an animation that plays without a kernel (on GitHub, on the
static site): the sliding window of chapter 03 (:func:`helpers.windows.sliding_window_frames`)
and the kernel being learned in chapter 07 (:func:`helpers.learn_animation.learning_frames`).
:func:`write_course_figures` draws both and writes them into ``notebooks/figures``
(``make notebooks`` calls it, and a test checks that the committed files are
what it writes); :func:`save_gif` is the one encoder, deterministic byte for byte.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import matplotlib as mpl
import numpy as np
from PIL import Image

from ._validate import check_int

__all__ = [
    "COURSE_FIGURES",
    "GIF_COLOURS",
    "default_style",
    "gif_bytes",
    "save_gif",
    "write_course_figures",
]

#: Colours in the one palette that all frames of a GIF share.
GIF_COLOURS = 64
#: The figure files of the course, inside ``notebooks/figures``.
COURSE_FIGURES = ("03-sliding-window.gif", "07-learning.gif")


@contextmanager
def default_style() -> Iterator[None]:
    """Matplotlib's default rcParams inside the block, whatever the caller set; restored after."""
    with mpl.rc_context():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # some defaults are deprecated aliases
            mpl.rcdefaults()
        yield


def gif_bytes(frames, durations) -> bytes:
    """Encode RGBA frames as a looping GIF with one shared adaptive palette.

    All frames share one palette of :data:`GIF_COLOURS` colours, chosen from
    every frame together without dithering, so flat cells stay flat and the
    file small. Nothing time-dependent is written (no date, no software
    version), so the bytes only change when the picture does.
    """
    rgb = [np.ascontiguousarray(frame[..., :3]) for frame in frames]
    palette = Image.fromarray(np.concatenate(rgb, axis=0)).quantize(
        colors=GIF_COLOURS, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE
    )
    pictures = [
        Image.fromarray(frame).quantize(palette=palette, dither=Image.Dither.NONE) for frame in rgb
    ]
    buffer = io.BytesIO()
    pictures[0].save(
        buffer,
        format="GIF",
        save_all=True,
        append_images=pictures[1:],
        duration=durations,
        loop=0,
    )
    return buffer.getvalue()


def save_gif(path, frames, *, duration_ms: int, final_ms: int) -> Path:
    """Write frames as a looping GIF, the last one held longer; the same bytes on every run.

    Parameters
    ----------
    path : str or pathlib.Path
        Where to write; the folder must exist. Overwritten if present.
    frames : sequence of numpy.ndarray of uint8, shape (height, width, 4)
        RGBA pictures of one size, such as :func:`helpers.windows.sliding_window_frames`
        draws.
    duration_ms : int
        Milliseconds each frame stays on screen.
    final_ms : int
        Milliseconds for the last frame before the loop starts again.

    Returns
    -------
    pathlib.Path
        ``path``.

    Raises
    ------
    ValueError
        If a duration is not a positive integer or there are no frames.

    Examples
    --------
    >>> import tempfile
    >>> frames = [np.zeros((4, 4, 4), np.uint8), np.full((4, 4, 4), 255, np.uint8)]
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     save_gif(Path(folder) / "a.gif", frames, duration_ms=100, final_ms=500).read_bytes()[:6]
    b'GIF89a'
    """
    duration_ms = check_int(duration_ms, "duration_ms", 1)
    final_ms = check_int(final_ms, "final_ms", 1)
    frames = list(frames)
    if not frames:
        raise ValueError("frames must hold at least one picture")
    durations = [duration_ms] * (len(frames) - 1) + [final_ms]
    path = Path(path)
    path.write_bytes(gif_bytes(frames, durations))
    return path


def write_course_figures(directory) -> list[Path]:
    """Draw and write every figure file of the course, :data:`COURSE_FIGURES`, into ``directory``.

    * ``03-sliding-window.gif``: the classic 5x5 example, one frame per window
      position, then the finished output.
    * ``07-learning.gif``: chapter 07's run (Sobel examples from
      ``make_training_pairs``, 40 steps at learning rate 2 from zeros), the
      kernel next to the true one and the loss so far.

    Parameters
    ----------
    directory : str or pathlib.Path
        Folder to write into; created if missing.

    Returns
    -------
    list of pathlib.Path
        The files written, in the order of :data:`COURSE_FIGURES`.
    """
    # Imported here: both modules draw with this one's helpers.
    from .images import classic_5x5
    from .kernels import SOBEL_VERTICAL, classic_5x5_kernel
    from .learn import learn_kernel, make_training_pairs
    from .learn_animation import learning_frames
    from .windows import sliding_window_frames

    folder = Path(directory)
    folder.mkdir(parents=True, exist_ok=True)
    sliding, learning = (folder / name for name in COURSE_FIGURES)
    frames = sliding_window_frames(classic_5x5(), classic_5x5_kernel())
    written = [save_gif(sliding, frames, duration_ms=900, final_ms=2700)]
    inputs, targets = make_training_pairs(SOBEL_VERTICAL, count=4, size=16, seed=0)
    run = learn_kernel(inputs, targets, steps=40, learning_rate=2.0, snapshot_every=1)
    steps = (0, 1, 2, 3, 4, 5, 6, 8, 10, 12, 15, 20, 30, 40)  # dense while it moves fast
    frames = learning_frames(run, SOBEL_VERTICAL, steps)
    written.append(save_gif(learning, frames, duration_ms=500, final_ms=2500))
    return written
