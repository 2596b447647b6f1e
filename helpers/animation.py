"""The course's animated GIFs: drawn the same way every run, written by one function.

Chapters 03 and 07 each have an animation that plays without a kernel (on GitHub, on the
static site). ``make notebooks`` writes both with :func:`write_course_figures`, and a test
checks that the committed files are what it writes.
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

__all__ = ["COURSE_FIGURES", "default_style", "write_course_figures"]

# Colours in the one palette that all frames of a GIF share.
_GIF_COLOURS = 64
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


def _save_gif(path, frames, *, duration_ms: int, final_ms: int) -> Path:
    """Write RGBA frames of one size as a looping GIF, the last held ``final_ms``; return path.

    All frames share one palette of ``_GIF_COLOURS`` colours, chosen from every frame
    together without dithering, so flat cells stay flat and the file small. Nothing
    time-dependent is written (no date, no software version), so the bytes only change when
    the picture does.
    """
    duration_ms = check_int(duration_ms, "duration_ms", 1)
    final_ms = check_int(final_ms, "final_ms", 1)
    frames = list(frames)
    if not frames:
        raise ValueError("frames must hold at least one picture")
    rgb = [np.ascontiguousarray(frame[..., :3]) for frame in frames]
    palette = Image.fromarray(np.concatenate(rgb, axis=0)).quantize(
        colors=_GIF_COLOURS, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE
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
        duration=[duration_ms] * (len(frames) - 1) + [final_ms],
        loop=0,
    )
    path = Path(path)
    path.write_bytes(buffer.getvalue())
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
    written = [_save_gif(sliding, frames, duration_ms=900, final_ms=2700)]
    inputs, targets = make_training_pairs(SOBEL_VERTICAL, count=4, size=16, seed=0)
    run = learn_kernel(inputs, targets, steps=40, learning_rate=2.0, snapshot_every=1)
    steps = (0, 1, 2, 3, 4, 5, 6, 8, 10, 12, 15, 20, 30, 40)  # dense while it moves fast
    frames = learning_frames(run, SOBEL_VERTICAL, steps)
    written.append(_save_gif(learning, frames, duration_ms=500, final_ms=2500))
    return written
