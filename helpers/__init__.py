"""Helpers for the convolution course: every function the notebooks rely on, tested.

Each module does what its name says; :mod:`helpers.checks` gives instant feedback on the
exercises, one module per chapter. Everything public in the computing modules is
re-exported here, so ``from helpers import correlate2d`` works. The widgets are imported on
their own (``from helpers.widgets import KernelExplorer``): they need ipywidgets, which the
rest does not, and draw with :mod:`helpers.render` (fast array-to-PNG).
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
