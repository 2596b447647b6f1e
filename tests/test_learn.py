"""Tests for helpers.learn: the loss, its gradient, and learning a kernel back."""

import re

import numpy as np
import pytest
from scipy.signal import correlate2d as scipy_correlate2d

from helpers.kernels import SCHARR_VERTICAL, SOBEL_VERTICAL, VERTICAL
from helpers.learn import (
    finite_difference_gradient,
    largest_stable_rate,
    learn_kernel,
    loss,
    loss_gradient,
    make_training_pairs,
    predict,
)

TRUE_KERNELS = {"vertical": VERTICAL, "sobel": SOBEL_VERTICAL, "scharr": SCHARR_VERTICAL}


def scipy_loss(xs, ys, k):
    """Independent mean squared error through scipy's correlation."""
    errors = [scipy_correlate2d(x, k, mode="valid") - y for x, y in zip(xs, ys, strict=True)]
    return sum(float(np.sum(e**2)) for e in errors) / sum(e.size for e in errors)


def central_differences(xs, ys, k, h=1e-6):
    """Independent numerical gradient of scipy_loss."""
    k = np.array(k, dtype=float)
    out = np.zeros_like(k)
    for index in np.ndindex(k.shape):
        up, down = k.copy(), k.copy()
        up[index] += h
        down[index] -= h
        out[index] = (scipy_loss(xs, ys, up) - scipy_loss(xs, ys, down)) / (2 * h)
    return out


def test_loss_matches_scipy_reference():
    """The loss equals an independent mean squared error computed with scipy."""
    rng = np.random.default_rng(1)
    xs, ys = rng.random((3, 9, 7)), rng.random((3, 7, 5))
    k = rng.standard_normal((3, 3))
    assert loss(xs, ys, k) == pytest.approx(scipy_loss(xs, ys, k), rel=1e-12)


@pytest.mark.parametrize("shape", [(3, 3), (2, 3), (1, 1), (4, 2)])
def test_gradient_matches_central_differences(shape):
    """dL/dK from the correlation formula equals central finite differences."""
    rng = np.random.default_rng(2)
    xs = [rng.random((8, 9)), rng.random((8, 9))]
    ys = [rng.standard_normal((8 - shape[0] + 1, 9 - shape[1] + 1)) for _ in xs]
    k = rng.standard_normal(shape)
    analytic = loss_gradient(xs, ys, k)
    numeric = central_differences(xs, ys, k)
    assert analytic.shape == shape
    np.testing.assert_allclose(analytic, numeric, rtol=1e-6, atol=1e-8)
    np.testing.assert_allclose(finite_difference_gradient(xs, ys, k), numeric, rtol=1e-6)


def test_gradient_handles_images_of_different_sizes():
    """A list of differently sized images is one batch, averaged over all pixels."""
    rng = np.random.default_rng(3)
    xs = [rng.random((6, 6)), rng.random((9, 5))]
    ys = [rng.random((4, 4)), rng.random((7, 3))]
    k = rng.standard_normal((3, 3))
    np.testing.assert_allclose(loss_gradient(xs, ys, k), central_differences(xs, ys, k), rtol=1e-6)


def test_gradient_is_zero_at_the_true_kernel():
    """The true kernel makes every error, hence the gradient, zero."""
    xs, ys = make_training_pairs(SOBEL_VERTICAL)
    assert loss(xs, ys, SOBEL_VERTICAL) < 1e-25
    np.testing.assert_allclose(loss_gradient(xs, ys, SOBEL_VERTICAL), 0, atol=1e-12)


@pytest.mark.parametrize("name", TRUE_KERNELS)
@pytest.mark.parametrize("init", ["zeros", "random"])
def test_learning_recovers_the_true_kernel(name, init):
    """Gradient descent from zeros or a seeded random start finds the kernel to 1e-3."""
    true = TRUE_KERNELS[name]
    xs, ys = make_training_pairs(true)
    result = learn_kernel(xs, ys, steps=40, learning_rate=2.0, init=init, seed=0)
    assert not result.diverged
    assert np.abs(result.kernel - true).max() < 1e-3
    assert result.losses.shape == (41,)
    assert np.all(np.diff(result.losses) < 0)


def test_learning_is_deterministic():
    """Same arguments, same result, bit for bit."""
    xs, ys = make_training_pairs(SCHARR_VERTICAL)
    a = learn_kernel(xs, ys, steps=10, learning_rate=2.0, init="random", seed=5)
    b = learn_kernel(xs, ys, steps=10, learning_rate=2.0, init="random", seed=5)
    assert np.array_equal(a.kernel, b.kernel) and np.array_equal(a.losses, b.losses)


def test_snapshots_every_few_steps():
    """Snapshots are kept at 0, every snapshot_every steps and at the end."""
    xs, ys = make_training_pairs(VERTICAL)
    result = learn_kernel(xs, ys, steps=7, learning_rate=2.0, snapshot_every=3)
    assert sorted(result.snapshots) == [0, 3, 6, 7]
    assert np.array_equal(result.snapshots[0], np.zeros((3, 3)))
    assert np.array_equal(result.snapshots[7], result.kernel)


def test_too_large_learning_rate_is_reported_as_divergence():
    """Above 2 / lambda_max the loss grows; learning stops and says so, without raising."""
    xs, ys = make_training_pairs(VERTICAL)
    limit = largest_stable_rate(xs)
    bad = learn_kernel(xs, ys, steps=200, learning_rate=1.1 * limit)
    assert bad.diverged and bad.stopped_at < 200
    assert bad.losses[-1] > bad.losses[0]
    good = learn_kernel(xs, ys, steps=200, learning_rate=0.9 * limit)
    assert not good.diverged and good.losses[-1] < 1e-6 * good.losses[0]


def test_overflow_is_reported_not_raised():
    """A huge learning rate ends in divergence quietly, with no warning."""
    xs, ys = make_training_pairs(VERTICAL)
    with np.errstate(all="raise"):
        result = learn_kernel(xs, ys, steps=500, learning_rate=1e150)
    assert result.diverged


def test_largest_stable_rate_matches_hessian():
    """2 / lambda_max from an independently built Hessian (finite differences of the gradient)."""
    xs, ys = make_training_pairs(VERTICAL, count=2, size=6)
    columns = []
    for index in np.ndindex(3, 3):
        e = np.zeros((3, 3))
        e[index] = 1
        columns.append((loss_gradient(xs, ys, e) - loss_gradient(xs, ys, 0 * e)).ravel())
    hessian = np.array(columns).T
    expected = 2 / np.linalg.eigvalsh((hessian + hessian.T) / 2)[-1]
    assert largest_stable_rate(xs) == pytest.approx(expected, rel=1e-9)


def test_make_training_pairs_from_given_images():
    """Targets are the valid correlation of the given images; the images are copied."""
    images = [np.arange(30.0).reshape(5, 6), np.ones((4, 4))]
    xs, ys = make_training_pairs(VERTICAL, images)
    assert isinstance(xs, list)
    np.testing.assert_allclose(ys[0], scipy_correlate2d(images[0], VERTICAL, mode="valid"))
    xs[0][0, 0] = -1
    assert images[0][0, 0] == 0


def test_make_training_pairs_random_is_seeded():
    """Random examples depend only on the seed, are centred, and have the valid size."""
    xs, ys = make_training_pairs(SOBEL_VERTICAL, count=3, size=10, seed=4)
    again, _ = make_training_pairs(SOBEL_VERTICAL, count=3, size=10, seed=4)
    assert xs.shape == (3, 10, 10) and ys.shape == (3, 8, 8)
    assert np.array_equal(xs, again)
    assert xs.min() >= -0.5 and xs.max() < 0.5


def test_inputs_are_not_modified():
    """No function writes into its arguments."""
    xs, ys = make_training_pairs(SCHARR_VERTICAL, count=2, size=6)
    k = np.ones((3, 3))
    saved = xs.copy(), ys.copy(), k.copy()
    predict(xs, k)
    loss(xs, ys, k)
    loss_gradient(xs, ys, k)
    finite_difference_gradient(xs, ys, k)
    largest_stable_rate(xs)
    learn_kernel(xs, ys, steps=3, learning_rate=1.0)
    for before, after in zip(saved, (xs, ys, k), strict=True):
        assert np.array_equal(before, after)


@pytest.mark.parametrize(
    ("call", "words"),
    [
        (lambda xs, ys: loss(xs, ys[:1], VERTICAL), "as many images"),
        (lambda xs, ys: loss(xs, ys[:, :-1], VERTICAL), "targets[0]"),
        (lambda xs, ys: loss(xs, ys, [1, 0, -1]), "kernel must be 2-D"),
        (lambda xs, ys: loss(None, ys, VERTICAL), "inputs"),
        (lambda xs, ys: loss("abc", ys, VERTICAL), "inputs"),
        (lambda xs, ys: loss([], ys, VERTICAL), "at least one"),
        (lambda xs, ys: loss(xs, ys, np.ones((20, 20))), "smaller than the kernel"),
        (lambda xs, ys: learn_kernel(xs, ys, learning_rate=0), "learning_rate"),
        (lambda xs, ys: learn_kernel(xs, ys, learning_rate=float("nan")), "learning_rate"),
        (lambda xs, ys: learn_kernel(xs, ys, steps=-1), "steps"),
        (lambda xs, ys: learn_kernel(xs, ys, init="ones"), "init"),
        (lambda xs, ys: learn_kernel(xs, ys, shape=(3,)), "shape"),
        (lambda xs, ys: learn_kernel(xs, ys, snapshot_every=0), "snapshot_every"),
        (lambda xs, ys: make_training_pairs(VERTICAL, count=0), "count"),
        (lambda xs, ys: make_training_pairs(VERTICAL, size=2), "size"),
        (lambda xs, ys: make_training_pairs(VERTICAL, [np.ones((2, 2))]), "images[0]"),
        (lambda xs, ys: finite_difference_gradient(xs, ys, VERTICAL, step=0), "step"),
    ],
)
def test_bad_arguments_raise_naming_them(call, words):
    """Malformed arguments raise TypeError or ValueError naming the argument."""
    xs, ys = make_training_pairs(VERTICAL, count=2, size=6)
    with pytest.raises((TypeError, ValueError), match=re.escape(words)):
        call(xs, ys)


def test_sigmoid_and_logistic_loss_match_scipy():
    """sigmoid is scipy.special.expit; the loss is the mean of -log p or -log(1 - p),
    computed with scipy, and stays finite for huge scores."""
    from scipy.special import expit

    from helpers.learn import logistic_loss, sigmoid

    z = np.array([-30.0, -2.0, 0.0, 0.5, 3.0, 30.0])
    labels = np.array([0, 1, 1, 0, 1, 1])
    np.testing.assert_allclose(sigmoid(z), expit(z), rtol=1e-12)
    p = expit(z)
    expected = -np.mean(np.where(labels == 1, np.log(p), np.log1p(-p)))
    assert logistic_loss(z, labels) == pytest.approx(expected, rel=1e-9)
    assert np.isfinite(logistic_loss([1e6, -1e6], [0, 1]))
    with pytest.raises(ValueError, match="0 or 1"):
        logistic_loss([0.0], [2])


def test_shape_similarity_ignores_scale_and_sign():
    """|cos| between kernels: 1 for multiples, 0 for orthogonal ones, refusing zeros."""
    from helpers.kernels import HORIZONTAL, SOBEL_VERTICAL, VERTICAL
    from helpers.learn import shape_similarity

    assert shape_similarity(-3 * SOBEL_VERTICAL, SOBEL_VERTICAL) == 1.0
    assert shape_similarity(VERTICAL, HORIZONTAL) == 0.0
    cos = np.sum(VERTICAL * SOBEL_VERTICAL) / np.sqrt(
        np.sum(VERTICAL**2) * np.sum(SOBEL_VERTICAL**2)
    )
    assert shape_similarity(VERTICAL, SOBEL_VERTICAL) == pytest.approx(cos)
    with pytest.raises(ValueError, match="zeros"):
        shape_similarity(np.zeros((3, 3)), VERTICAL)


def test_chapter_07_classifier_gradient_matches_finite_differences():
    """The chain rule of chapter 07's section 9 (logistic loss of mean |x * k| + b, through
    conv2d_backward) equals central differences of the loss, for the filter and the bias."""
    from helpers.images import edge_examples
    from helpers.layers import conv2d, conv2d_backward
    from helpers.learn import logistic_loss, sigmoid

    x, labels = edge_examples(count=8, size=6, seed=2)
    k, b = np.random.default_rng(3).normal(0.0, 0.3, size=(1, 1, 3, 3)), 0.1

    def loss_of(kernel, bias):
        return logistic_loss(np.abs(conv2d(x, kernel)).mean(axis=(1, 2, 3)) + bias, labels)

    h = conv2d(x, k)
    grad_z = (sigmoid(np.abs(h).mean(axis=(1, 2, 3)) + b) - labels) / len(labels)
    _, grad_k, _ = conv2d_backward(x, k, grad_z[:, None, None, None] * np.sign(h) / h[0].size)
    step = 1e-6
    for index in np.ndindex(k.shape):
        nudge = np.zeros_like(k)
        nudge[index] = step
        numeric = (loss_of(k + nudge, b) - loss_of(k - nudge, b)) / (2 * step)
        assert grad_k[index] == pytest.approx(numeric, abs=1e-7)
    numeric_b = (loss_of(k, b + step) - loss_of(k, b - step)) / (2 * step)
    assert grad_z.sum() == pytest.approx(numeric_b, abs=1e-7)
