"""The labelled drafts score perfectly with shared/eval/score.py, as the acceptance
tests score held-out drafts: shared/eval/dev, and fixtures/eval-extra (drafts of the
same six kinds, written from the same fact table with other sentences and Markdown
constructs, labelled by reading SPEC §1-§3), and fixtures/bundled-pack (newsletter
sentences paraphrasing the five source articles, faithful and drifted, checked against
the bundled pack). Every expected (line, code) is found and nothing else is reported."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

EVAL = Path("/work/shared/eval")
SCORE = EVAL / "score.py"
EXTRA = Path(__file__).parent / "fixtures" / "eval-extra"
BUNDLED = Path(__file__).parent / "fixtures" / "bundled-pack"


@pytest.mark.parametrize(
    ("drafts", "facts"),
    [
        (EVAL / "dev", EVAL / "facts.yaml"),
        (EXTRA, EXTRA / "facts.yaml"),
        (BUNDLED, "pack:ai-industry"),
    ],
    ids=["dev", "eval-extra", "bundled-pack"],
)
def test_labelled_drafts_score_f1_one_with_no_false_positive_or_negative(drafts, facts):
    if not SCORE.exists() or not drafts.exists():
        pytest.skip("shared/eval is not beside the checkout")
    proc = subprocess.run(
        [sys.executable, str(SCORE), "-v", "--facts", str(facts), "--cmd",
         f"{sys.executable} -m citelint", str(drafts)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    misses = [
        line.strip() for line in proc.stdout.splitlines() if line.strip()[:3] in ("FP ", "FN ")
    ]
    assert misses == []
    assert "precision 1.000 recall 1.000 F1 1.000" in proc.stdout
