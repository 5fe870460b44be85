"""A table's column header gives the bare numbers of its cells their unit: "Share (%)"
over "21" is 21%, "IPO proceeds (US$ million)" over "585" is US$585 million."""

from pathlib import Path

import pytest

import citelint
from citelint.column_units import ColumnUnit, column_unit

EVAL_FACTS = Path("/work/shared/eval/facts.yaml")


@pytest.fixture(scope="module")
def facts():
    if not EVAL_FACTS.exists():
        pytest.skip("shared/eval is not beside the checkout")
    return citelint.load_facts(EVAL_FACTS)


@pytest.mark.parametrize(
    ("header", "unit"),
    [
        ("Share (%)", ColumnUnit("percent", 1.0)),
        ("Global chatbot market share (%)", ColumnUnit("percent", 1.0)),
        ("Share, %", ColumnUnit("percent", 1.0)),
        ("% of downloads", ColumnUnit("percent", 1.0)),
        ("Gap (pp)", ColumnUnit("pp", 1.0)),
        ("IPO proceeds (US$ million)", ColumnUnit("USD", 1e6)),
        ("Raised ($m)", ColumnUnit("USD", 1e6)),
        ("Price (HK$)", ColumnUnit("HKD", 1.0)),
        ("Value in RMB bn", ColumnUnit("CNY", 1e9)),
        ("Output (billion yuan)", ColumnUnit("CNY", 1e9)),
        ("Downloads to date (millions)", ColumnUnit("count", 1e6)),
        # no unit: a lone letter is a model's size as often as billions, or metres
        ("Params (B)", None),
        ("Downloads (m)", None),
        ("Rank", None),
        ("Year (2025)", None),
        ("Company, country", None),
        ("Growth (x)", None),
    ],
)
def test_a_header_gives_the_unit_written_at_its_end(header, unit):
    assert column_unit(header) == unit


TABLE = """\
| Company | IPO proceeds (US$ million) | Source |
|---|---|---|
| Zhipu AI | 585 | HKEX |

| Assistant | Share (%) | Rank (#) | Source |
|---|---|---|---|
| Gemini | 21 | 2 | Similarweb |
| DeepSeek | 4 | 5 | Microsoft |

| Family | Downloads to date (millions) | Source |
|---|---|---|
| Qwen | 600+ | MIT/HF |
"""


def test_cells_in_a_headers_unit_are_checked_as_written_with_it(facts):
    found = [(d.line, d.column, d.code) for d in citelint.lint(TABLE, facts)]
    assert found == [(3, 14, "CL102"), (7, 12, "CL102"), (8, 14, "CL103"), (12, 10, "CL301")]


def test_the_fix_of_a_cell_keeps_the_headers_unit_out_of_the_cell(facts):
    fixes = {d.line: d.fix.replacement for d in citelint.lint(TABLE, facts) if d.fix}
    assert fixes[3] == "558"  # US$ million, as the header says
    assert fixes[7] == "18"


def test_a_cells_claim_has_the_headers_unit_and_magnitude(facts):
    claims = {c.text: c for c in citelint.extract_claims(TABLE, facts)}
    assert (claims["585"].unit, claims["585"].value) == ("USD", 585e6)
    assert (claims["21"].unit, claims["21"].value) == ("percent", 21)
    assert (claims["600+"].unit, claims["600+"].low) == ("count", 600e6)
    assert "2" not in claims and "5" not in claims  # ranks: no unit, no claim


def test_a_cell_with_its_own_unit_keeps_it_and_a_lone_letter_gives_none(facts):
    text = "| Sector | Value (US$ million) |\n|---|---|\n| Core AI | 1.2 trillion yuan |\n"
    assert [(c.unit, c.value) for c in citelint.extract_claims(text, facts)] == [("CNY", 1.2e12)]
    text = "| Model | Params (B) | Source |\n|---|---|---|\n| Qwen | 72 | Alibaba |\n"
    assert citelint.extract_claims(text, facts) == []


def test_a_cells_amount_with_its_magnitude_takes_the_headers_currency():
    text = (
        "| Figure | Value (CNY) | Value (USD) | Share (%) |\n|---|---|---|---|\n"
        "| Core AI | more than 1.2 trillion | 165 billion | 12 million |\n"
    )
    claims = [(c.text, c.unit, c.value) for c in citelint.extract_claims(text)]
    # (a percent column gives no unit to a count in millions)
    assert claims == [
        ("1.2 trillion", "CNY", 1.2e12),
        ("165 billion", "USD", 165e9),
        ("12 million", "count", 12e6),
    ]
