"""docs/rules/CODE.md is exactly what `citelint rule CODE` prints (regenerate with
`for c in CL101 …; do citelint rule $c > docs/rules/$c.md; done`)."""

from pathlib import Path

import pytest
from click.testing import CliRunner

from citelint.checks import RULES
from citelint.cli import main

DOCS = Path(__file__).parents[1] / "docs" / "rules"


@pytest.mark.parametrize("code", sorted(RULES))
def test_rule_page_matches_the_rule_docstring(code):
    printed = CliRunner().invoke(main, ["rule", code]).output
    assert (DOCS / f"{code}.md").read_text(encoding="utf-8") == printed
