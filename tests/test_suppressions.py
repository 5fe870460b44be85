"""Inline control comments silence exactly the lines and codes they name."""

from pathlib import Path

import pytest

import citelint

FACTS = Path(__file__).parent / "fixtures" / "rules" / "facts.yaml"
BAD = "ChatGPT holds 68% of the global chatbot market."  # CL201 with the fixture table


@pytest.fixture(scope="module")
def facts():
    return citelint.load_facts(FACTS)


def flagged(text, facts):
    return [(d.line, d.code) for d in citelint.lint(text, facts=facts)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"{BAD}\n", [(1, "CL201")]),
        (f"<!-- citelint-disable-next-line CL201 -->\n{BAD}\n\n{BAD}\n", [(4, "CL201")]),
        (f"<!-- citelint-disable-next-line -->\n\n\n{BAD}\n", []),
        (f"<!-- citelint-disable-next-line CL101 -->\n{BAD}\n", [(2, "CL201")]),
        (f"{BAD} <!-- citelint-disable-line -->\n\n{BAD}\n", [(3, "CL201")]),
        (f"<!-- citelint-disable CL201 -->\n\n{BAD}\n\n<!-- citelint-enable CL201 -->\n\n{BAD}\n",
         [(7, "CL201")]),
        (f"<!-- citelint-disable -->\n\n{BAD}\n\n<!-- citelint-enable -->\n\n{BAD}\n",
         [(7, "CL201")]),
        (f"{BAD}\n\n<!-- citelint-disable-file CL2 -->\n", []),
        (f"<!-- citelint-disable-file CL101, CL201 -->\n{BAD}\n", []),
        (f"```\n<!-- citelint-disable-file -->\n```\n\n{BAD}\n", [(5, "CL201")]),
        (f"`<!-- citelint-disable-line -->` {BAD}\n", [(1, "CL201")]),
    ],
)  # fmt: skip
def test_directive_silences_exactly_what_it_names(text, expected, facts):
    assert flagged(text, facts) == expected
