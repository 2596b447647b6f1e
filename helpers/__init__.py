"""Helpers for the convolution course: every function the notebooks rely on, tested.

Modules, each doing what its name says:

- :mod:`helpers.conv`: ``correlate2d``, ``convolve2d``, the loop version, output shapes,
  ``dilate``.
- :mod:`helpers.kernels`: edge filters (vertical, Sobel, Scharr, Prewitt) and presets.
- :mod:`helpers.images`: the article's examples, synthetic scenes and a real photograph.
- :mod:`helpers.edges`: gradients, magnitude, orientation and rotation error.
- :mod:`helpers.windows`: one window taken apart (``window_at``), every step, coverage,
  the animation's frames.
- :mod:`helpers.padding`: zero padding, "same" padding, and the output-size formula
  with stride (``correlate2d`` takes ``padding`` and ``stride`` arguments).
- :mod:`helpers.layers`: a convolution layer (channels, filters, bias), ``conv2d``, and its
  backward pass ``conv2d_backward``.
- :mod:`helpers.learn`: learning a kernel from examples by gradient descent, and
  :mod:`helpers.learn_animation`, its animation's frames.
- :mod:`helpers.animation`: the course's GIFs, written by one function.
- :mod:`helpers.responses`: reading a filter response (strongest rows, signs, shares).
- :mod:`helpers.pitfalls`: what uint8 arithmetic and clamping do to edge responses.
- :mod:`helpers.colours`: colour maps, colour limits, text colour and ``format_number``,
  the one place every figure, widget picture and table takes them from.
- :mod:`helpers.plotting`: matrices with their numbers, images, signed responses.
- :mod:`helpers.parameters`: weight counts of dense and convolution layers.
- :mod:`helpers.checks`: instant feedback for the exercises (one module per chapter).
- :mod:`helpers.widgets`: the interactive kernel explorer, sliding-window stepper and
  edge comparer, drawn with :mod:`helpers.render` (fast array-to-PNG).

Everything public in the computing modules is re-exported here, so
``from helpers import correlate2d`` works. The widgets are imported on their own
(``from helpers.widgets import KernelExplorer``): they need ipywidgets, which
the rest does not.
"""

from . import (
    animation,
    checks,
    colours,
    conv,
    edges,
    images,
    kernels,
    layers,
    learn,
    learn_animation,
    padding,
    parameters,
    pitfalls,
    plotting,
    responses,
    windows,
)
from .animation import *  # noqa: F403
from .colours import *  # noqa: F403
from .conv import *  # noqa: F403
from .edges import *  # noqa: F403
from .images import *  # noqa: F403
from .kernels import *  # noqa: F403
from .layers import *  # noqa: F403
from .learn import *  # noqa: F403
from .learn_animation import *  # noqa: F403
from .padding import *  # noqa: F403
from .parameters import *  # noqa: F403
from .pitfalls import *  # noqa: F403
from .plotting import *  # noqa: F403
from .responses import *  # noqa: F403
from .windows import *  # noqa: F403

__version__ = "0.1.0"

__all__ = [
    "checks",
    *animation.__all__,
    *colours.__all__,
    *conv.__all__,
    *edges.__all__,
    *images.__all__,
    *kernels.__all__,
    *layers.__all__,
    *learn.__all__,
    *learn_animation.__all__,
    *padding.__all__,
    *parameters.__all__,
    *pitfalls.__all__,
    *plotting.__all__,
    *responses.__all__,
    *windows.__all__,
]
