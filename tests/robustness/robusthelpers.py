"""Shared helpers for the robustness tests: the real CLI in a subprocess, the bundled
fact table, a Hypothesis profile that is fast and reproducible, and a timing helper
that compares growth instead of wall-clock limits."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from hypothesis import HealthCheck, settings

#: Bounded and derandomized so CI runs the same examples every time, quickly.
PROPERTY_SETTINGS = settings(
    max_examples=200,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

CORPUS = Path("/work/shared/corpus")
EVAL = Path("/work/shared/eval")


@dataclass(frozen=True)
class Run:
    code: int
    stdout: str
    stderr: str

    def json(self) -> list[dict]:
        return json.loads(self.stdout)


def cli(
    *args: str | os.PathLike[str],
    cwd: str | os.PathLike[str] | None = None,
    stdin: bytes | None = None,
    timeout: float = 120,
) -> Run:
    """Run `python -m citelint ARGS` and return its status and output."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "NO_COLOR": "1"}
    proc = subprocess.run(
        [sys.executable, "-m", "citelint", *map(str, args)],
        cwd=cwd,
        input=stdin if stdin is not None else b"",
        capture_output=True,
        timeout=timeout,
        env=env,
    )
    return Run(
        proc.returncode,
        proc.stdout.decode("utf-8", "replace"),
        proc.stderr.decode("utf-8", "replace"),
    )


def best_time(func: Callable[[], object], repeat: int = 3) -> float:
    """The fastest of `repeat` runs: the least noisy estimate on a busy machine."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        best = min(best, time.perf_counter() - start)
    return best


def growth(func: Callable[[str], object], make: Callable[[int], str], n: int) -> float:
    """How much longer `func` takes on `make(4n)` than on `make(n)` (best of a few runs).

    Linear work gives about 4, quadratic about 16. A floor on the small time keeps
    timer noise on tiny inputs from inflating the ratio.
    """
    small, large = make(n), make(4 * n)
    func(small)  # warm caches and lazy imports
    t_small = best_time(lambda: func(small))
    t_large = best_time(lambda: func(large))
    return t_large / max(t_small, 0.002)


def check_positions(text: str, analysis) -> None:
    """Every claim and finding of an Analysis lies inside `text`, its text is the source
    slice at its offsets, and its 1-based line and column agree with those offsets."""
    starts = [0, *(m.end() for m in re.finditer(r"\r\n?|\n", text))]

    def position(offset: int) -> tuple[int, int]:
        from bisect import bisect_right

        line = bisect_right(starts, offset) - 1
        return line + 1, offset - starts[line] + 1

    for claim in analysis.claims:
        span = claim.span
        assert 0 <= span.start < span.end <= len(text), (claim.text, span)
        assert text[span.start : span.end] == claim.text, (claim.text, span)
        assert position(span.start) == (span.line, span.column), (claim.text, span)
        assert position(span.end - 1) == (span.end_line, span.end_column), (claim.text, span)
    for d in analysis.diagnostics:
        assert 0 <= d.start <= d.end <= len(text), d
        if d.claim is not None:
            assert (d.line, d.column) == position(d.start), d
