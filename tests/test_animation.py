"""Tests for helpers.animation: the course's GIFs, written by one function, the same every run."""

import io
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageSequence

from helpers.animation import COURSE_FIGURES, _save_gif, write_course_figures
from helpers.images import classic_5x5
from helpers.kernels import classic_5x5_kernel
from helpers.windows import sliding_window_frames

FIGURES = Path(__file__).resolve().parents[1] / "notebooks" / "figures"
REGENERATE = "make notebooks (or helpers.animation.write_course_figures('notebooks/figures'))"
MAX_GIF_BYTES = 300_000


@pytest.fixture(scope="module")
def course_figures(tmp_path_factory):
    return write_course_figures(tmp_path_factory.mktemp("new") / "figures")


def test_committed_figures_are_current(course_figures):
    """notebooks/figures holds exactly what write_course_figures writes now."""
    assert [path.name for path in course_figures] == list(COURSE_FIGURES)
    for path in course_figures:
        committed = FIGURES / path.name
        assert committed.exists(), f"missing {committed}; regenerate with {REGENERATE}"
        assert committed.read_bytes() == path.read_bytes(), (
            f"{committed.name} is stale; regenerate with {REGENERATE}"
        )


@pytest.mark.parametrize(
    ("index", "frames", "first_ms", "last_ms"), [(0, 10, 900, 2700), (1, 14, 500, 2500)]
)
def test_gifs_loop_hold_their_last_frame_and_stay_small(
    course_figures, index, frames, first_ms, last_ms
):
    """Each GIF loops, holds its last frame longer, and stays small."""
    data = course_figures[index].read_bytes()
    assert data.startswith(b"GIF89a") and len(data) < MAX_GIF_BYTES
    gif = Image.open(io.BytesIO(data))
    assert gif.n_frames == frames and gif.info["loop"] == 0
    durations = [frame.info["duration"] for frame in ImageSequence.Iterator(gif)]
    assert durations == [first_ms] * (frames - 1) + [last_ms]


def test_save_gif_is_deterministic_and_shows_what_was_drawn(tmp_path):
    """Two writes give the same bytes; decoded frames are the drawn ones up to the palette."""
    drawn = sliding_window_frames(classic_5x5(), classic_5x5_kernel())
    a = _save_gif(tmp_path / "a.gif", drawn, duration_ms=900, final_ms=2700)
    b = _save_gif(tmp_path / "b.gif", drawn, duration_ms=900, final_ms=2700)
    assert a.read_bytes() == b.read_bytes()
    for frame, stored in zip(drawn, ImageSequence.Iterator(Image.open(a)), strict=True):
        decoded = np.asarray(stored.convert("RGB"), dtype=float)
        assert np.abs(decoded - frame[..., :3]).mean() < 2.0  # out of 255


@pytest.mark.parametrize(
    ("kwargs", "words"),
    [
        ({"duration_ms": 0}, "duration_ms"),
        ({"final_ms": 2.5}, "final_ms"),
        ({"frames": []}, "at least one"),
    ],
)
def test_save_gif_refuses_bad_arguments_before_writing(tmp_path, kwargs, words):
    """A duration that is not a positive integer, or no frames, is refused by name."""
    arguments = {"frames": [np.zeros((2, 2, 4), np.uint8)], "duration_ms": 1, "final_ms": 1}
    with pytest.raises(ValueError, match=words):
        _save_gif(tmp_path / "x.gif", **(arguments | kwargs))
    assert not (tmp_path / "x.gif").exists()
