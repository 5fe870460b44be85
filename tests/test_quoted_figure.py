"""A source's figure for a subject, quoted with few words of its metric.

"Similarweb puts ChatGPT's share at 72%" says little of the metric (the context
score of Similarweb's ChatGPT fact stays under METRIC_MIN), but when the text credits
a source explicitly and names a subject in the claim's clause (or row), and that
source's figures in the claim's unit about the subject all measure one metric, that
metric is the claim's: a wrong value is CL102 (SPEC §3), not CL101. Nothing changes
when the sentence says more than those facts do, names another source's metric of the
subject, leaves the source or the subject out, or the source has figures for several
metrics of the subject.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import citelint

FACTS = Path(__file__).parent / "fixtures" / "eval-extra" / "facts.yaml"


@pytest.fixture(scope="module")
def facts():
    return citelint.load_facts(FACTS)


def found(text: str, facts) -> list[tuple[str, str | None]]:
    return [(d.code, d.fact) for d in citelint.lint(text, facts)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The source's one ChatGPT figure, in a sentence, a row and a clause.
        (
            "Similarweb puts ChatGPT's share at 72%.",
            [("CL102", "chatgpt-global-chatbot-share")],
        ),
        (
            "| Chatbot | Share | Source |\n| --- | --- | --- |\n| ChatGPT | 72% | Similarweb |\n",
            [("CL102", "chatgpt-global-chatbot-share")],
        ),
        (
            "ChatGPT holds 72% of the market, Similarweb says.",
            [("CL102", "chatgpt-global-chatbot-share")],
        ),
        ("Similarweb puts ChatGPT at 72%.", [("CL102", "chatgpt-global-chatbot-share")]),
        ("Microsoft puts DeepSeek's share at 85%.", [("CL102", "deepseek-china-share")]),
        # The sentence names what the credited source's figure is not about (global
        # share; share in China): only another source measures that, and CL102 compares
        # with the credited source's own figures (SPEC §3), so nothing is wrong that the
        # table can tell.
        ("Microsoft puts DeepSeek's global share at 5%.", []),
        ("Similarweb puts DeepSeek's share in China at 85%.", []),
        # ... or names a place or someone the table has no word for.
        (
            "Microsoft's report also puts DeepSeek at 56% in Belarus and 43% in Russia.",
            [("CL101", None), ("CL101", None)],
        ),
        # The claim's own "US$" names no subject, nor what the figure measures.
        ("MiniMax's offering raised US$691m, HKEX data show.", [("CL102", "minimax-ipo")]),
        ("Similarweb puts ChatGPT's share of weekly users at 72%.", [("CL101", None)]),
        ("Similarweb puts ChatGPT's share of new uploads at 72%.", [("CL101", None)]),
        # When a figure was given names no other metric: still Similarweb's ChatGPT share.
        (
            "Similarweb puts ChatGPT's share at 72% this month.",
            [("CL102", "chatgpt-global-chatbot-share")],
        ),
        # Units differ: Similarweb has no counts.
        ("Similarweb counted 72 million ChatGPT users.", [("CL101", None)]),
        # No subject named in the claim's clause (nothing credited: test_bare_figure).
        ("Similarweb puts the share at 72%.", [("CL101", None)]),
        ("ChatGPT leads, and Similarweb puts the share at 72%.", [("CL101", None)]),
        # "Hugging Face" credits two sources with Chinese-model figures of two metrics.
        ("Hugging Face puts Chinese models' share at 30%.", [("CL101", None)]),
    ],
)
def test_a_credited_sources_figure_for_the_named_subject_is_the_claims_metric(
    text, expected, facts
):
    assert found(text, facts) == expected


def test_figures_of_one_metric_from_several_credited_sources_name_the_newest():
    # The bundled pack: "Similarweb" credits three sources with four ChatGPT figures of
    # one metric; the superseded one and the older snapshots come after the newest.
    [diagnostic] = citelint.lint("Similarweb puts ChatGPT's share at 72%.")
    assert (diagnostic.code, diagnostic.fact) == (
        "CL102",
        "chatgpt-chatbot-traffic-share-2026-01-16",
    )


def test_each_clause_quotes_the_figure_for_the_subject_it_names():
    text = "MIT and Hugging Face put the Chinese share at about 12%, against 21.2% for the US."
    assert [(d.code, d.fact) for d in citelint.lint(text)] == [
        ("CL102", "cn-download-share-year-to-aug-2025"),
        ("CL102", "us-download-share-year-to-aug-2025"),
    ]


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        # The head noun of what the number counts is the fact's keyword of one word
        # ("companies"), though every word of it is general.
        ("China's AI industry has more than 6,900 companies, according to MIIT.",
         "cn-ai-companies-2025"),
        ("China's AI industry has more than 6,500 companies, CGTN reported.",
         "cn-ai-companies-2025"),
        # "recorded" says how the figure was told, not what it measures; the subject's
        # one figure is the metric, credited or not.
        ("Hugging Face's summer report says Moonshot recorded 73M downloads over the year.",
         "moonshot-downloads-jan-jul-2026"),
        ("For contrast, Moonshot recorded 47M downloads over the year.",
         "moonshot-downloads-jan-jul-2026"),
    ],
)  # fmt: skip
def test_a_wrong_figure_for_the_subjects_one_metric_is_a_value_mismatch(text, fact):
    [diagnostic] = citelint.lint(text)
    assert (diagnostic.code, diagnostic.fact) == ("CL102", fact)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "per" past the owner's name of an alias ("AI Economy Institute" is Microsoft's)
        ("And per MSFT's AI Economy Institute, ChatGPT has 68% of the global chatbot market.",
         "CL103"),
        # the value of the subject's figure in dollars, written in yuan
        ("China's AI industry is worth ¥165 billion, per ECNS.", "CL104"),
        # past a bound, a verb of change names the level crossed, not the size of a change
        ("Llama's share of new derivatives uploaded each month has fallen below 10 percent, "
         "MIT Technology Review reports.", "CL102"),
        # "a 24% share of" what a keyword names in full
        ("A widely shared slide deck gives China a 24% share of global downloads.", "CL102"),
        # "manufacturers" are what the table's "manufacturing enterprises" count
        ("More than 35% of large-scale manufacturers had applied AI, MIIT said.", "CL102"),
        # of a source's figures for two metrics whose words hold "derivatives", the one
        # whose keyword it is; "found" says how it was told
        ("In some retellings, the Spring 2026 report found 140,000 Qwen derivatives.",
         "CL102"),
        # "accounts for" is a share's verb, past an aside
        ("Llama, by contrast, accounts for about 25% of new derivatives, according to MIT "
         "Technology Review.", "CL102"),
        # a figure a fact's keyword writes is not a wrong value of that fact
        ("The top 200 most downloaded models, just 0.01% of all models, took 49.6% of all "
         "downloads, Hugging Face's Spring 2026 report found.", "CL101"),
    ],
)  # fmt: skip
def test_the_metric_of_the_bundled_pack_is_found_however_the_figure_is_worded(text, expected):
    assert [d.code for d in citelint.lint(text)] == [expected]


def test_a_month_after_a_sum_is_when_it_was_raised_not_what_it_is(facts):
    text = "Zhipu AI raised $600 million in January, according to the Hong Kong Stock Exchange."
    assert [d.code for d in citelint.lint(text, facts)] == ["CL102"]
