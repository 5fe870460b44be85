"""Regression tests for the bugs the robustness work found (see docs/reliability.md).

Speed fixes must not change results: the memoised attribution gives the same answer
whatever order claims are asked in, and the indexed CL401 the same findings as the
plain pairwise comparison it replaced.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from robusthelpers import PROPERTY_SETTINGS, check_positions

from citelint import document
from citelint.attribution import Attributor
from citelint.checks import cl401_inconsistent_statistic as cl401
from citelint.claims import extract
from citelint.engine import analyse, indexes, lint
from citelint.packs import bundled_facts

FACTS = bundled_facts()
EVAL = Path("/work/shared/eval/dev")


# -- numbers too large for a float ---------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "We have 1" + "0" * 400 + " users.",  # was OverflowError in the precision step
        "We have 1" + ",000" * 200 + " users.",
        "Revenue hit $" + "9" * 400 + " billion.",
        "Shares of " + "9" * 400 + "% were seen.",
    ],
    ids=["zeros", "comma-groups", "dollars", "percent"],
)
def test_numbers_beyond_float_range_are_not_claims(text: str) -> None:
    analysis = analyse(text, FACTS)
    assert analysis.claims == ()


def test_largest_float_numbers_still_work() -> None:
    text = "We have 1" + "0" * 300 + " users."
    analysis = analyse(text, FACTS)
    check_positions(text, analysis)
    assert [c.value for c in analysis.claims] == [1e300]


# -- attribution: caches do not change answers ----------------------------------------------


def _chunks() -> list[str]:
    chunks: list[str] = []
    for path in sorted(EVAL.glob("*.md")) + sorted(Path("/work/shared/sources").glob("*.md")):
        chunks += [c for c in path.read_text(encoding="utf-8").split("\n\n") if c.strip()]
    return chunks


CHUNKS = _chunks()
EXTRA = [
    "The same report says 41% of downloads.",
    "It found 17.1%. These models hold 41% of the market.",
    "| Share | Source |\n|---|---|\n| 41% | MIT |\n| 17.1% | [HF](https://huggingface.co/blog/x) |",
    "MIT [found 41%](https://huggingface.co/blog/x) and [^a] said 17.1% [@hfmit2026].\n\n"
    "[^a]: Hugging Face",
    "[" + "@a " * 20 + "41% of downloads",
]


@PROPERTY_SETTINGS
@given(st.lists(st.sampled_from(CHUNKS + EXTRA), min_size=1, max_size=12), st.randoms())
def test_attribution_does_not_depend_on_the_order_claims_are_asked(
    chunks: list[str], rnd: random.Random
) -> None:
    fact_index, name_index = indexes(FACTS)
    doc = document.parse("\n\n".join(chunks))
    claims = extract(doc, fact_index)
    forward = Attributor(doc, name_index)
    expected = [forward.attribute(c) for c in claims]
    order = list(range(len(claims)))
    rnd.shuffle(order)
    shuffled = Attributor(doc, name_index)
    got = {i: shuffled.attribute(claims[i]) for i in order}
    assert [got[i] for i in range(len(claims))] == expected
    fresh = [Attributor(doc, name_index).attribute(c) for c in claims]
    assert fresh == expected


# -- CL401: the index finds what the pairwise comparison found --------------------------------


def _pairwise(evidence):
    """CL401 for claims no fact speaks to, written plainly: every pair compared, each claim
    flagged against the first earlier one not flagged itself saying the same that it
    cannot agree with."""
    words = cl401.statements(evidence)

    def same(a, b) -> bool:
        return a.claim.unit == b.claim.unit and cl401._same(words[id(a)], words[id(b)])

    unjudged, out = [], []
    for ev in evidence:
        if ev.fits or ev.other_unit or ev.metric:
            continue
        first = next((u for u in unjudged if same(u, ev) and _disjoint(u, ev)), None)
        if first is None:
            unjudged.append(ev)
        else:
            out.append((id(ev), id(first)))
    return out


def _disjoint(a, b) -> bool:
    lo = max(x for x in (a.claim.low, b.claim.low, float("-inf")) if x is not None)
    hi = min(x for x in (a.claim.high, b.claim.high, float("inf")) if x is not None)
    return lo > hi


@PROPERTY_SETTINGS
@given(
    st.lists(st.sampled_from(CHUNKS + EXTRA), min_size=1, max_size=10),
    st.lists(st.sampled_from([0, 0, 1, 5, 23]), min_size=1, max_size=30),
)
def test_cl401_index_agrees_with_pairwise_comparison(chunks: list[str], bumps: list[int]) -> None:
    import re

    counter = iter(bumps * 1000)
    text = "\n\n".join(chunks + chunks[:3])
    text = re.sub(r"\d+", lambda m: str(int(m.group()) + next(counter)), text)
    evidence = list(analyse(text, FACTS).evidence)
    found = cl401.check_document(evidence, FACTS)
    unjudged = [(id(ev), f.message) for ev, f in found if f.fact is None]
    expected = _pairwise(evidence)
    assert [e for e, _ in unjudged] == [e for e, _ in expected]
    by_id = {id(ev): ev for ev in evidence}
    for (_, message), (_, first) in zip(unjudged, expected, strict=True):
        assert f"on line {by_id[first].claim.span.line}," in message


def test_cl401_repeated_statement_in_a_long_document() -> None:
    text = "".join(
        f"Survey: {30 + 2 * (i % 3)}% of developers use open models daily.\n\n" for i in range(3000)
    )
    findings = [d for d in lint(text, FACTS) if d.code == "CL401"]
    # Every 32% and 34% disagrees with the 30% on line 1; a flagged claim is not compared
    # with later, so each later 30% agrees with the document.
    assert len(findings) == 2000
    assert {d.message.split(" on line ")[1].split(",")[0] for d in findings} == {"1"}
    assert not any(d.message.startswith("30%") for d in findings)
