"""Inline control comments silence exactly the lines and codes they name."""

from __future__ import annotations

from pathlib import Path

import pytest

import citelint
from citelint.document import parse
from citelint.suppressions import Suppressions

CLAIM = "Chinese models hold 17.1% of downloads."
LINES = range(1, 10)
ALL = list(LINES)


def silenced(markdown: str, code: str, lines: range) -> list[int]:
    """The lines among ``lines`` on which ``code`` is switched off."""
    suppressions = Suppressions.from_document(parse(markdown))
    return [line for line in lines if suppressions.is_suppressed(code, line)]


CASES = [
    ("nothing to silence", f"{CLAIM}\n", "CL201", []),
    ("disable-line", f"{CLAIM} <!-- citelint-disable-line -->\n\n{CLAIM}\n", "CL201", [1]),
    ("disable-line names other code", f"{CLAIM} <!-- citelint-disable-line CL101 -->", "CL201", []),
    ("disable-next-line", f"<!-- citelint-disable-next-line CL201 -->\n{CLAIM}\n", "CL201", [2]),
    (
        "disable-next-line skips to the next prose line",
        f"<!-- citelint-disable-next-line -->\n\n```\ncode\n```\n\n{CLAIM}\n\n{CLAIM}\n",
        "CL201",
        [7],
    ),
    (
        "disable-next-line inline, prose on the next line",
        f"{CLAIM} <!-- citelint-disable-next-line -->\n{CLAIM}\n\n{CLAIM}",
        "CL101",
        [2],
    ),
    (
        "disable-next-line at the end",
        f"{CLAIM}\n\n<!-- citelint-disable-next-line -->\n",
        "CL201",
        [],
    ),
    (
        "disable then enable",
        f"{CLAIM}\n\n<!-- citelint-disable CL201 -->\n\n{CLAIM}\n\n"
        f"<!-- citelint-enable CL201 -->\n\n{CLAIM}",
        "CL201",
        [3, 4, 5, 6],
    ),
    (
        "disable all, enable one",
        f"<!-- citelint-disable -->\n\n{CLAIM}\n\n<!-- citelint-enable CL201 -->\n\n{CLAIM}",
        "CL201",
        [1, 2, 3, 4],
    ),
    (
        "disable all, enable another keeps this one off",
        f"<!-- citelint-disable -->\n\n{CLAIM}\n\n<!-- citelint-enable CL101 -->\n\n{CLAIM}",
        "CL201",
        ALL,
    ),
    (
        "prefix disabled, one code enabled again",
        f"<!-- citelint-disable CL2 -->\n{CLAIM}\n\n<!-- citelint-enable CL201 -->\n{CLAIM}",
        "CL201",
        [1, 2, 3],
    ),
    (
        "prefix disabled, its sibling stays off",
        f"<!-- citelint-disable CL2 -->\n{CLAIM}\n\n<!-- citelint-enable CL201 -->\n{CLAIM}",
        "CL202",
        ALL,
    ),
    (
        "a later broader enable wins",
        "<!-- citelint-disable CL201 -->\n\n<!-- citelint-enable -->\n\ntext",
        "CL201",
        [1, 2],
    ),
    (
        "disable and enable on one line: the last wins",
        f"{CLAIM} <!-- citelint-disable CL201 --> <!-- citelint-enable CL201 -->\n\n{CLAIM}",
        "CL201",
        [],
    ),
    ("disable-file anywhere", f"{CLAIM}\n\n<!-- citelint-disable-file CL201 -->\n", "CL201", ALL),
    (
        "disable-file with commas",
        f"<!-- citelint-disable-file CL101,CL201 -->\n{CLAIM}",
        "CL201",
        ALL,
    ),
    ("disable-file by prefix", f"<!-- citelint-disable-file CL2 -->\n{CLAIM}", "CL202", ALL),
    ("disable-file other code", f"<!-- citelint-disable-file CL101 -->\n{CLAIM}", "CL201", []),
    ("codes are case-insensitive", f"<!-- CITELINT-DISABLE-FILE cl201 -->\n{CLAIM}", "CL201", ALL),
    (
        "inside fenced code: not a directive",
        f"```\n<!-- citelint-disable-file -->\n```\n\n{CLAIM}",
        "CL201",
        [],
    ),
    (
        "inside a code span: not a directive",
        f"`<!-- citelint-disable-line -->` {CLAIM}",
        "CL201",
        [],
    ),
    (
        "in front matter: not a directive",
        f"---\nx: <!-- citelint-disable-file -->\n---\n{CLAIM}",
        "CL201",
        [],
    ),
    ("an unrelated comment", f"{CLAIM} <!-- expect: CL201 -->", "CL201", []),
    ("a longer word is not a directive", f"{CLAIM} <!-- citelint-disabled -->", "CL201", []),
    ("in a table cell", f"| a |\n|---|\n| {CLAIM} <!-- citelint-disable-line --> |", "CL201", [3]),
    ("in a block quote", f"> <!-- citelint-disable-next-line -->\n> {CLAIM}", "CL201", [2]),
    ("crlf", f"<!-- citelint-disable-next-line -->\r\n\r\n{CLAIM}\r\n", "CL201", [3]),
]


@pytest.mark.parametrize(
    ("markdown", "code", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_directive_silences_exactly_the_lines_and_codes_it_names(markdown, code, expected):
    assert silenced(markdown, code, LINES) == expected


def test_rule_names_work_like_codes():
    suppressions = Suppressions.from_document(
        parse(f"{CLAIM} <!-- citelint-disable-line Missing-Citation, CL101 -->")
    )
    codes = ("CL101", "CL102", "CL201", "CL202")
    assert [c for c in codes if suppressions.is_suppressed(c, 1)] == ["CL101", "CL201"]


@pytest.mark.parametrize(
    "tokens", ["CL999", "missing", "no-such-rule", "CL2011", "CL999 because the table is old"]
)
def test_tokens_that_name_no_rule_silence_nothing(tokens):
    """As in markdownlint: passed over, and not read as "every code" either."""
    markdown = f"<!-- citelint-disable {tokens} -->\n\n{CLAIM}\n"
    assert [c for c in ("CL101", "CL201", "CL401", "CL901") if silenced(markdown, c, ALL)] == []


def test_many_directives_stay_fast():
    markdown = "".join(
        f"<!-- citelint-disable CL{i} -->\n\ntext\n\n<!-- citelint-enable CL{i} -->\n\n"
        for i in range(2_000)
    )
    suppressions = Suppressions.from_document(parse(markdown))
    assert suppressions.is_suppressed("CL1999", 11_996)
    assert not suppressions.is_suppressed("CL1999", 11_999)


# --------------------------------------------------------------------------- end to end

FACTS = Path(__file__).parent / "fixtures" / "rules" / "facts.yaml"
BAD = "ChatGPT holds 68% of the global chatbot market."  # CL201 with the fixture table


@pytest.fixture(scope="module")
def facts():
    return citelint.load_facts(FACTS)


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
        (f"<!-- citelint-disable missing-citation -->\n{BAD}\n", []),
        (f"<!-- citelint-disable-next-line unsupported-statistic -->\n{BAD}\n", [(2, "CL201")]),
        (f"<!-- citelint-disable CL999 -->\n{BAD}\n", [(2, "CL201")]),
    ],
)  # fmt: skip
def test_lint_leaves_out_silenced_findings(text, expected, facts):
    assert [(d.line, d.code) for d in citelint.lint(text, facts=facts)] == expected
