"""A convolution layer: many filters, each across every input channel, plus a bias.

A CNN layer does not apply one 2-D kernel to one grey image. Its input has
``C_in`` channels (3 for a colour photo), and it holds ``C_out`` filters, each a
stack of ``C_in`` kernels, one per input channel, and one bias. Output channel
``o`` is

.. math:: y_o = b_o + \\sum_{c} x_c \\star w_{o, c},

a sum of 2-D cross-correlations (:func:`helpers.conv.correlate2d`), one per
(output, input) channel pair. That is what ``torch.nn.functional.conv2d``
computes with ``groups=1``, with the weights stored as PyTorch stores them,
``(C_out, C_in, kh, kw)``.

:func:`conv2d_backward` gives the gradients of a loss through the layer, each one
again a 2-D operation of :mod:`helpers.conv` (the input's is a true convolution: the
180 degree flip of chapter 02 appears in backpropagation), and
:func:`numerical_gradient` checks them without calculus. Nothing here modifies its inputs.
"""

from __future__ import annotations

import numpy as np

from ._validate import as_real_array, as_real_values, check_pair, check_positive
from .conv import convolve2d, correlate2d, dilate, output_shape

__all__ = ["conv2d", "conv2d_backward", "numerical_gradient"]


def conv2d(x, weight, bias=None, *, stride=1, padding=0, dilation=1) -> np.ndarray:
    """A convolution layer's forward pass: every filter across every input channel, plus a bias.

    Parameters
    ----------
    x : array_like, shape (C_in, H, W) or (N, C_in, H, W)
        One image with ``C_in`` channels, or a batch of ``N`` of them.
        Channels come first, as in PyTorch. Never modified.
    weight : array_like, shape (C_out, C_in, kh, kw)
        ``C_out`` filters, each one kernel per input channel (PyTorch's
        layout; Keras stores the same numbers as ``(kh, kw, C_in, C_out)``).
    bias : array_like, shape (C_out,), optional
        One number added to every pixel of each output channel; none by default.
    stride, padding, dilation : int or (int, int)
        As for :func:`helpers.conv.correlate2d` (``"valid"`` mode, as CNN
        layers compute it).

    Returns
    -------
    numpy.ndarray of float64, shape (C_out, H', W') or (N, C_out, H', W')
        ``H' = floor((H + 2p - d (kh - 1) - 1) / s) + 1``, the same for ``W'``;
        batched exactly when ``x`` is.

    Raises
    ------
    TypeError
        If an argument holds complex or non-numeric values, or is a masked array.
    ValueError
        Naming the argument and the shapes involved: ``x`` is 2-D (add the
        channel axis) or not 3-D/4-D, ``weight`` is not 4-D, the channel
        counts of ``x`` and ``weight`` disagree, ``bias`` does not hold one
        number per filter, or the (dilated) kernel does not fit.

    See Also
    --------
    conv2d_backward : the gradients of a loss through this layer.

    Examples
    --------
    Two channels, one 1x1 filter that adds them, and a bias of 0.5:

    >>> import numpy as np
    >>> x = np.array([[[1, 2], [3, 4]], [[10, 20], [30, 40]]])
    >>> conv2d(x, np.ones((1, 2, 1, 1)), [0.5])
    array([[[11.5, 22.5],
            [33.5, 44.5]]])
    """
    images, weights, batched, shape = _check_layer(x, weight, padding, stride, dilation)
    biases = np.zeros(weights.shape[0]) if bias is None else _check_bias(bias, weights.shape)
    out = np.empty(shape)
    for n, image in enumerate(images):
        for o, kernels in enumerate(weights):
            # Output channel o: its bias, plus each input channel correlated with its kernel.
            out[n, o] = biases[o]
            for channel, kernel in zip(image, kernels, strict=True):
                out[n, o] += correlate2d(
                    channel, kernel, padding=padding, stride=stride, dilation=dilation
                )
    return out if batched else out[0]


def conv2d_backward(x, weight, grad_out, *, stride=1, padding=0, dilation=1):
    """Gradients of ``loss = sum(grad_out * conv2d(x, weight, bias, ...))`` for every argument.

    Parameters
    ----------
    x, weight, stride, padding, dilation
        As for :func:`conv2d`.
    grad_out : array_like, shape of ``conv2d``'s output
        ``dL/dy``, the gradient of the loss with respect to the layer's output.

    Returns
    -------
    grad_x : numpy.ndarray of float64, shape of ``x``
        ``dL/dx``: for each input channel, the sum over output channels of
        ``grad_out`` (spread by the stride) fully *convolved* with the kernel
        (spread by the dilation), with the padding cut off again.
    grad_weight : numpy.ndarray of float64, shape of ``weight``
        ``dL/dw``: for each (output, input) channel pair, the input *correlated*
        with ``grad_out``, summed over the batch: ``correlate2d(x[n, c],
        grad_out[n, o], padding=p, stride=d, dilation=s)``, its first ``kh x kw``.
    grad_bias : numpy.ndarray of float64, shape (C_out,)
        ``dL/db``: every pixel of ``grad_out`` in the channel, added up.

    Raises
    ------
    TypeError, ValueError
        As :func:`conv2d`, and ValueError naming both shapes if ``grad_out``
        does not have the shape of the layer's output.

    Notes
    -----
    Chapter 07 derives ``dL/dx = convolve2d(g, w, "full")`` for one channel: pixel
    ``(u, v)`` meets weight ``(i, j)`` from output ``(u - i, v - j)``, indices running
    against each other (convolution) over every output that saw it (``"full"``).
    A stride puts output ``r`` over input row ``r * s``, so ``g`` is first spread
    with ``s - 1`` zeros between its entries; a dilation spreads the kernel.

    Examples
    --------
    One channel, a 1x2 kernel, every output's gradient 1:

    >>> import numpy as np
    >>> x = np.array([[[1.0, 2.0, 3.0]]])
    >>> w = np.array([[[[1.0, -1.0]]]])
    >>> grad_x, grad_w, grad_b = conv2d_backward(x, w, np.ones((1, 1, 2)))
    >>> grad_x  # the kernel, flipped, slid over [1, 1] in full mode
    array([[[ 1.,  0., -1.]]])
    >>> grad_w, grad_b
    (array([[[[3., 5.]]]]), array([2.]))
    """
    images, weights, batched, expected = _check_layer(x, weight, padding, stride, dilation)
    expected = expected if batched else expected[1:]
    g = as_real_array(grad_out, "grad_out", ndim=(3, 4)).astype(np.float64, copy=False)
    if g.shape != expected:
        shown = images.shape if batched else images.shape[1:]
        raise ValueError(
            f"grad_out must have the shape of the layer's output, {expected} for x of shape "
            f"{shown} and weight of shape {weights.shape}; got shape {g.shape}"
        )
    g = g if batched else g[np.newaxis]
    kh, kw = weights.shape[2:]
    height, width = images.shape[2:]
    pad_rows, pad_cols = check_pair(padding, "padding", 0)
    grad_x = np.zeros(images.shape)
    grad_weight = np.zeros(weights.shape)
    for n, image in enumerate(images):
        for o, kernels in enumerate(weights):
            spread = dilate(g[n, o], stride)  # output r sat over input row r * stride
            for c, kernel in enumerate(kernels):
                # dL/dw: the input correlated with dL/dy; the roles of stride and dilation swap.
                grad_weight[o, c] += correlate2d(
                    image[c], g[n, o], padding=padding, stride=dilation, dilation=stride
                )[:kh, :kw]
                # dL/dx: dL/dy fully convolved with the kernel, on the padded input's grid.
                full = convolve2d(spread, kernel, "full", dilation=dilation)
                crop = full[pad_rows : pad_rows + height, pad_cols : pad_cols + width]
                grad_x[n, c, : crop.shape[0], : crop.shape[1]] += crop  # unread pixels: 0
    grad_bias = g.sum(axis=(0, 2, 3))
    return (grad_x if batched else grad_x[0]), grad_weight, grad_bias


def numerical_gradient(function, value, step: float = 1e-6) -> np.ndarray:
    """Estimate the gradient of a number-valued function by central differences.

    Each entry is nudged up and down by ``step``:
    ``(f(v + h e_i) - f(v - h e_i)) / (2 h)``. Slow (two calls per entry), but
    it needs no derivation, so it checks one.

    Parameters
    ----------
    function : callable
        Takes an array of ``value``'s shape and returns a real number.
    value : array_like
        Where to take the gradient. Never modified.
    step : float, default 1e-6
        The nudge ``h``; positive and finite.

    Returns
    -------
    numpy.ndarray of float64, shape of ``value``

    Examples
    --------
    >>> import numpy as np
    >>> np.round(numerical_gradient(lambda v: float(np.sum(v**2)), [[1.0, -2.0]]), 6)
    array([[ 2., -4.]])
    """
    step = check_positive(step, "step")
    v = as_real_values(value, "value").astype(np.float64)  # a copy: nudged in place below
    estimate = np.zeros(v.shape)
    for index in np.ndindex(v.shape):
        saved = v[index]
        v[index] = saved + step
        up = function(v)
        v[index] = saved - step
        down = function(v)
        v[index] = saved
        estimate[index] = (up - down) / (2 * step)
    return estimate


def _check_layer(x, weight, padding, stride, dilation):
    """``x`` as (N, C_in, H, W), ``weight`` as float64 (C_out, C_in, kh, kw), whether ``x``
    came batched, and the (N, C_out, H', W') output shape; errors name the argument and both
    shapes."""
    images = as_real_array(x, "x", ndim=(2, 3, 4))
    if images.ndim == 2:
        raise ValueError(
            f"x must have a channel axis, shape (C_in, H, W) or (N, C_in, H, W); got a 2-D "
            f"image of shape {images.shape}. For one grey image add the axis: x[np.newaxis] "
            f"has shape {(1, *images.shape)}"
        )
    w = as_real_array(weight, "weight", ndim=4).astype(np.float64, copy=False)
    batched = images.ndim == 4
    images = images if batched else images[np.newaxis]
    if images.shape[1] != w.shape[1]:
        raise ValueError(
            f"x has {images.shape[1]} input channel(s) (shape {images.shape[int(not batched) :]}"
            f" reads as {'(N, C_in, H, W)' if batched else '(C_in, H, W)'}) but weight of "
            f"shape {w.shape} expects C_in = {w.shape[1]} (it is (C_out, C_in, kh, kw))"
        )
    shape = output_shape(
        images.shape[2:], w.shape[2:], padding=padding, stride=stride, dilation=dilation
    )
    return images, w, batched, (images.shape[0], w.shape[0], *shape)


def _check_bias(bias, weight_shape) -> np.ndarray:
    """``bias`` as float64 (C_out,), or a ValueError naming both shapes."""
    array = as_real_values(bias, "bias")
    if array.shape != (weight_shape[0],):
        raise ValueError(
            f"bias must hold one number per filter: weight of shape {tuple(weight_shape)} has "
            f"C_out = {weight_shape[0]}, so bias needs shape ({weight_shape[0]},); "
            f"got shape {array.shape}"
        )
    return array.astype(np.float64)
