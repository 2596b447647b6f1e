"""The benchmark script runs and reports every row (timings themselves live in `make bench`)."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_benchmark_script_reports_every_target():
    """benchmarks/run.py prints each time ratio, the loop contrast and the memory table."""
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "run.py"), "--size", "64", "--repeat", "1"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode in (0, 1), result.stderr  # 1 = a target missed at this toy size
    out = result.stdout
    for row in ("scipy.ndimage.correlate", "scipy.signal.correlate2d", "fftconvolve"):
        assert row in out
    assert "correlate2d_loops" in out
    assert out.count("x  (") == 11, "one memory row per kernel size and mode, and two strided"
    assert out.count("stride") >= 4, "two strided time rows and two strided memory rows"
