"""Helpers for the convolution course: every function the notebooks rely on, tested."""

from .conv import MODES, convolve2d, correlate2d, correlate2d_loops, output_shape

__all__ = ["MODES", "convolve2d", "correlate2d", "correlate2d_loops", "output_shape"]
