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


LINK_MARK = "<!-- link: CL202 -->"


def test_bundled_pack_drafts_get_cl202_exactly_on_the_lines_marked_for_it():
    """CL202 is not scored by score.py: the bundled-pack drafts mark the lines whose cited
    link belongs to another source than the figure's with `<!-- link: CL202 -->`."""
    import citelint

    for draft in sorted(BUNDLED.glob("*.md")):
        text = draft.read_text(encoding="utf-8")
        marked = {n for n, line in enumerate(text.splitlines(), 1) if LINK_MARK in line}
        found = {d.line for d in citelint.lint(text) if d.code == "CL202"}
        assert found == marked, draft.name
