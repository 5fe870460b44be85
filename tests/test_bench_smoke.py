"""The benchmark's smoke run works end to end (no timing is asserted)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def quick_bench(tmp_path: Path, sections: str) -> str:
    """The report of `bench/run.py --quick` over `sections`."""
    output = tmp_path / "results.md"
    subprocess.run(
        [sys.executable, str(ROOT / "bench" / "run.py"), "--quick",
         "--only", sections, "--output", str(output)],
        check=True, capture_output=True, timeout=900,
    )  # fmt: skip
    return output.read_text(encoding="utf-8")


@pytest.mark.skipif(not (ROOT.parent / "shared" / "corpus").is_dir(), reason="no shared corpus")
def test_quick_benchmark_writes_its_table(tmp_path):
    text = quick_bench(tmp_path, "throughput,startup,scale")
    assert "## Targets" in text
    assert "| corpus | tool |" in text
    assert "## 5. Fact-table scale" in text


@pytest.mark.skipif(not (ROOT.parent / "shared" / "corpus").is_dir(), reason="no shared corpus")
@pytest.mark.skipif(shutil.which("valgrind") is None, reason="valgrind is not installed")
def test_quick_instruction_counts_give_a_ratio_per_corpus(tmp_path):
    text = quick_bench(tmp_path, "instructions")
    assert "## 7. Instructions executed (callgrind)" in text
    for corpus in ("tldr-small", "prose-large", "stats-dense"):
        assert f"| citelint check on {corpus} ≤ 1.5× floor, in instructions" in text
    assert "| `citelint check one-small.md` |" in text
    # gather's instructions alone, at the quick bench's two table sizes
    assert "| gather alone at 1,000 facts ≤ 2× at 100, in instructions per claim |" in text
    assert "| 1,000 | 10 |" in text
