"""The benchmark's smoke run works end to end (no timing is asserted)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.skipif(not (ROOT.parent / "shared" / "corpus").is_dir(), reason="no shared corpus")
def test_quick_benchmark_writes_its_table(tmp_path):
    output = tmp_path / "results.md"
    subprocess.run(
        [sys.executable, str(ROOT / "bench" / "run.py"), "--quick",
         "--only", "throughput,startup,scale", "--output", str(output)],
        check=True, capture_output=True, timeout=600,
    )  # fmt: skip
    text = output.read_text(encoding="utf-8")
    assert "## Targets" in text
    assert "| corpus | tool |" in text
    assert "## 5. Fact-table scale" in text
