"""The benchmark script runs, reports every row, and fails when a target is missed.

Timings are judged by `make bench` on full-size images, never here: at the toy size of a
test they are noise. Memory is deterministic, so its target is enforced here too, on the
benchmark's own 1000x1000 image (a tiny image would be all fixed-size buffers).
"""

import subprocess
import sys
from pathlib import Path

from benchmarks.run import MEMORY_CASES, STRIDES

ROOT = Path(__file__).resolve().parent.parent


def run_benchmark(*arguments):
    command = [sys.executable, str(ROOT / "benchmarks" / "run.py"), *arguments]
    return subprocess.run(command, capture_output=True, text=True, timeout=300)


def test_time_report_has_every_row():
    """Every kernel size and stride gets a ratio, and the loop version its contrast."""
    result = run_benchmark("--only", "time", "--size", "96", "--repeat", "1", "--no-time-targets")
    assert result.returncode == 0, result.stdout + result.stderr
    out = result.stdout
    assert out.count("scipy.ndimage.correlate, same size") == 4
    assert out.count("vs ndimage computing every position") == len(STRIDES)
    assert "correlate2d_loops" in out
    assert "vs SciPy doing the same channel sums" in out  # the conv2d layer row
    assert "all targets met (times not judged)" in out


def test_memory_target_is_met_for_every_mode_padding_stride_and_dtype():
    """Peak extra memory stays within 1.5x the output in every listed case, at 1000x1000,
    and for conv2d's 16 filters on a (3, 512, 512) image."""
    result = run_benchmark("--only", "memory")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count("x  (") == len(MEMORY_CASES) + 1  # and the conv2d layer
    assert "conv2d on (3, 512, 512), 16 3x3 filters" in result.stdout


def test_a_missed_target_is_reported_and_fails():
    """A target no engine can meet makes the script say MISSED and exit 1."""
    result = run_benchmark("--only", "memory", "--size", "64", "--memory-target", "0")
    assert result.returncode == 1
    assert "MISSED targets: memory" in result.stdout
