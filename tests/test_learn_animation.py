"""Tests for helpers.learn_animation: the frames of chapter 07's kernel being learned."""

import matplotlib.pyplot as plt
import numpy as np
import pytest

from helpers.kernels import SOBEL_VERTICAL, VERTICAL
from helpers.learn import learn_kernel, make_training_pairs
from helpers.learn_animation import learning_frames


@pytest.fixture(scope="module")
def small_run():
    x, y = make_training_pairs(SOBEL_VERTICAL, count=2, size=6)
    return learn_kernel(x, y, steps=3, learning_rate=2.0, snapshot_every=1)


def test_frames_one_per_step_same_size_and_no_pyplot_figure(small_run):
    """Every snapshot gives one RGBA frame of the same size; frames differ; pyplot is untouched."""
    frames = learning_frames(small_run, SOBEL_VERTICAL, dpi=30)
    assert len(frames) == 4
    assert {f.shape for f in frames} == {frames[0].shape} and frames[0].shape[2] == 4
    assert not np.array_equal(frames[0], frames[1])
    assert plt.get_fignums() == []


@pytest.mark.parametrize(
    ("kwargs", "words"),
    [
        ({"result": "not a result"}, "result must be a LearningResult"),
        ({"true_kernel": [[1, -1]]}, "true_kernel"),
        ({"steps": [0, 99]}, "steps"),
        ({"steps": []}, "steps"),
        ({"dpi": 0}, "dpi"),
    ],
)
def test_bad_arguments_raise_naming_them(small_run, kwargs, words):
    """Malformed arguments raise naming the argument."""
    arguments = {"result": small_run, "true_kernel": VERTICAL} | kwargs
    with pytest.raises((TypeError, ValueError), match=words):
        learning_frames(**arguments)
