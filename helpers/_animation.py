"""Shared machinery for the course's animated GIFs (chapters 03 and 07).

Private to :mod:`helpers`: the frames are drawn by :mod:`helpers.windows` and
:mod:`helpers.learn_animation`; this module makes them deterministic and encodes them.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Iterator
from contextlib import contextmanager

import matplotlib as mpl
import numpy as np
from PIL import Image

GIF_COLOURS = 64


@contextmanager
def default_style() -> Iterator[None]:
    """Matplotlib's default rcParams inside the block, whatever the caller set; restored after."""
    with mpl.rc_context():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # some defaults are deprecated aliases
            mpl.rcdefaults()
        yield


def gif_bytes(frames, durations) -> bytes:
    """Encode RGBA frames as a looping GIF with one shared adaptive palette."""
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
