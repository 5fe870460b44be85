"""The noun next to a number decides which metric it is checked against.

A sentence or table row that names several metrics ("13 million users, more than 2
million public models and over 500,000 public datasets") holds the words of all of
them; SPEC §3 matches a claim's context "over the sentence or clause around the
number", and the words that name what one number measures are its own: `11 million
users` is about users, and `an issue price of HK$116.20` is a share price, not IPO
proceeds.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import citelint
from citelint import document
from citelint.claims import measure_words, row_measure_words


def measure_of(text: str, number: str) -> str:
    doc = document.parse(text)
    [claim] = [c for c in citelint.extract_claims(text) if c.text == number]
    return measure_words(doc.blocks[claim.block].text, claim)


@pytest.mark.parametrize(
    ("text", "number", "measure"),
    [
        ("Hugging Face grew to 11 million users, and more.", "11 million", "users"),
        ("Chinese models took 18% of global downloads.", "18%", "global downloads"),
        ("China has more than 6,200 AI companies.", "6,200", "AI companies"),
        # the share of what "is" the figure
        ("Per the MIT study, Llama's share of new derivatives is about 15%.", "15%",
         "derivatives"),
        ("China's share of global downloads reached 19.2%.", "19.2%", "global downloads"),
        # downloads a stretch of time says were the figure
        ("Per CCID, Moonshot's downloads over the year were 37M.", "37M", "downloads"),
        # nor a word that says only that it is an amount
        ("Zhipu raised a total of $600 million.", "$600 million", ""),
        ("MiniMax raised HK$5.8 billion in total.", "HK$5.8 billion", ""),
        # a verb right after the figure is not what it counts
        ("Less than 15% went to US models.", "15%", ""),
        # a plural's verb is not what it counts; a participle may be
        ("He said nearly 6,000 companies operate in China.", "6,000", "companies"),
        ("Qwen took 40% of new models uploaded monthly.", "40%", "models uploaded"),
        (
            "CGTN said 41% of large language model downloads were China's.",
            "41%",
            "large language model downloads",
        ),
        ("It gives an issue price of HK$116.20 and HK$4.17 billion.", "HK$116.20", "issue price"),
        ("Zhipu's issue price of HK$116.20 was set.", "HK$116.20", "issue price"),
        ("MiniMax raised $619 million in its Hong Kong IPO.", "$619 million", ""),
        ("Qwen was downloaded over 600 million times.", "600 million", ""),
        ("Downloads reached 700 million since January.", "700 million", "Downloads"),
        ("Gemini had 18% last year.", "18%", ""),
        # a sum "in" what it is; an amount a verb of quantity puts it at
        ("Start-ups raised US$9bn in venture funding in 2025.", "US$9bn", "venture funding"),
        ("Analysts expect MiniMax's revenue to reach US$185m.", "US$185m", "revenue"),
        ("They put the company's valuation at around HK$100 billion.", "HK$100 billion",
         "valuation"),
        ("They put China's share at 17%.", "17%", ""),
        ("MiniMax revenue came in at US$79m for 2025.", "US$79m", "revenue"),
    ],
)  # fmt: skip
def test_measure_words_are_the_noun_after_the_number_or_before_of(text, number, measure):
    assert measure_of(text, number) == measure


def findings(text: str) -> list[tuple[int, int, str, str | None]]:
    return [(d.line, d.column, d.code, d.fact) for d in citelint.lint(text)]


def test_a_count_in_a_row_naming_several_metrics_is_checked_against_its_own_noun():
    # PRIMARY.md's P05 row: the notes cell's "11 million users" is a users figure, not
    # one about the public datasets the metric cell also names.
    text = (
        "| id | value | unit | subject | notes |\n"
        "|---|---|---|---|---|\n"
        "| P05 | 13 million / >2 million | users / public models / public datasets | "
        'Hugging Face | Two Russian copies say "11 million users". |\n'
    )
    diagnostics = [d for d in citelint.lint(text) if d.code == "CL102"]
    assert [(d.line, d.column, d.fact) for d in diagnostics] == [(3, 116, "hf-users-2025")]
    assert diagnostics[0].message.startswith(
        "11 million does not match “State of Open Source on Hugging Face: Spring 2026”, "
        "which gives 13 million for number of Hugging Face users in 2025"
    )


def test_a_count_in_a_sentence_naming_several_metrics_is_checked_against_its_own_noun():
    text = (
        "In 2025, Hugging Face grew to 11 million users, more than 2 million public models, "
        "and over 500,000 public datasets.\n"
    )
    assert findings(text) == [
        (1, 31, "CL102", "hf-users-2025"),
        (1, 59, "CL201", "hf-public-models-2025"),
        (1, 93, "CL201", "hf-public-datasets-2025"),
    ]


def test_a_share_price_is_not_checked_against_ipo_proceeds():
    # PRIMARY.md's P23 notes: no fact measures an issue price, so it is unsupported.
    text = (
        "Coverage found gives an issue price of HK$116.20 and ≈HK$4.17 billion net proceeds "
        "for Zhipu's Hong Kong IPO.\n"
    )
    assert findings(text) == [
        (1, 40, "CL101", None),
        (1, 55, "CL201", "zhipu-ipo-proceeds-hkd"),
    ]


def test_proceeds_written_without_their_noun_are_still_checked_against_proceeds():
    assert findings("Reuters said Zhipu raised HK$4.5 billion in its Hong Kong IPO.\n") == [
        (1, 27, "CL102", "zhipu-ipo-proceeds-hkd")
    ]


def test_the_fact_naming_more_of_the_noun_comes_first():
    # "global downloads" names the Spring report's download share ("downloads", "global
    # downloads", "past year") more fully than the Data Provenance Initiative's.
    text = "Chinese models made up 14.7% of global downloads last year.\n"
    [d] = citelint.lint(text)
    assert (d.code, d.fact) == ("CL102", "cn-download-share-past-year")


@pytest.mark.parametrize(
    ("text", "code", "says"),
    [
        ("According to the MIT and Hugging Face study, Chinese models took 18% of global "
         "downloads.\n", "CL102",
         "which gives 17.1% for China's share of global open-model downloads"),
        # in another unit too
        ("MIT and Hugging Face found Chinese models took 17.1 percentage points of global "
         "downloads.\n", "CL104",
         "gives 17.1% in percent for China's share of global open-model downloads"),
    ],
)  # fmt: skip
def test_a_keyword_the_noun_names_in_full_makes_the_metric_however_little_else_matches(
    text, code, says
):
    # The fact's other keywords ("surpassed the US", "Chinese developers") carry most of its
    # weight: "global downloads", one of its keywords, is what the number measures.
    [d] = citelint.lint(text)
    assert (d.code, d.fact) == (code, "cn-download-share-year-to-aug-2025")
    assert says in d.message


def test_a_keyword_named_only_in_part_is_not_enough():
    # "downloads" alone is one word of "global downloads": the metric stays unknown.
    text = "Chinese models took 18% of downloads.\n"
    assert [d.code for d in citelint.lint(text)] == ["CL101"]


def test_a_credited_sources_only_figure_for_the_subject_is_the_metric_meant():
    # The keyword is still named in part, but MIT and Hugging Face have one figure for
    # Chinese models (`FactIndex.quoted`): that is the figure 18% misquotes.
    text = "According to the MIT and Hugging Face study, Chinese models took 18% of downloads.\n"
    [d] = citelint.lint(text)
    assert (d.code, d.fact) == ("CL102", "cn-download-share-year-to-aug-2025")


RULES_FACTS = Path(__file__).parent / "fixtures" / "rules" / "facts.yaml"


@pytest.mark.parametrize(
    "text",
    [
        "IDC counts 4.1 million AI servers shipped in China in 2025.",
        "Between 30% and 40% of US startups building on open models use Chinese ones.",
        "Chinese models now power 23% of enterprise AI deployments in China.",
    ],
)
def test_a_number_counting_things_no_fact_speaks_of_measures_no_known_metric(text):
    # Each names a subject of the table (China, US) and words its facts use ("AI",
    # "models"); what the number counts (servers, startups, deployments) no fact does.
    facts = citelint.load_facts(RULES_FACTS)
    assert [d.code for d in citelint.lint(text + "\n", facts)] == ["CL101"]


def test_an_amount_of_what_no_fact_measures_is_no_wrong_value_of_a_fact():
    # MiniMax's IPO proceeds are no figure for its revenue or its valuation.
    text = (
        "Analysts at one Hong Kong brokerage expect MiniMax's revenue to reach US$185m this "
        "year, and put the company's valuation at around HK$100 billion."
    )
    assert [d.code for d in citelint.lint(text)] == ["CL101", "CL101"]


@pytest.mark.parametrize(
    "text",
    [
        "Zhipu AI's IPO valued the company at $6.5 billion, HKEX filings show.",
        "MiniMax plans to spend $50 million of its IPO proceeds on compute, HKEX filings show.",
        "Baidu's models on Hugging Face have been downloaded more than 25 million times, the "
        "MIT study found.",
        "China's core AI industry works out at roughly $117 per resident, CGTN reported.",
        "Chinese open-source LLMs average about 2,000 downloads per model in their first week, "
        "CGTN reported.",
        # a stretch of time alone, another country's market
        "Qwen models were downloaded 80 million times in January alone, MIT and Hugging Face "
        "found.",
        "Gemini's share of the US chatbot market is 25%, Similarweb says.",
    ],
)
def test_an_amount_whose_own_words_name_another_kind_is_no_wrong_value_of_a_fact(text):
    # A valuation, spending, a figure per head or on average, or downloads of Baidu's
    # models, are no IPO's proceeds, industry's total or count of Baidu's releases.
    facts = citelint.load_facts(RULES_FACTS)
    assert [d.code for d in citelint.lint(text, facts)] == ["CL101"]


def test_a_figure_fitting_only_by_its_open_end_is_checked_against_the_fact_it_names():
    # Over 600,000 reaches the 851,000 models of a dataset, but names Hugging Face's
    # public datasets (more than 500,000), which it does not fit.
    [d] = citelint.lint("Hugging Face hosts over 600,000 public datasets.")
    assert (d.code, d.fact) == ("CL102", "hf-public-datasets-2025")


def test_a_verb_after_the_number_is_not_what_it_counts():
    # "comes" looks like a plural: the China share fact is still this number's metric.
    facts = citelint.load_facts(RULES_FACTS)
    text = "Per MIT and Hugging Face, 19% of global downloads comes from Chinese models.\n"
    [d] = citelint.lint(text, facts)
    assert (d.code, d.fact) == ("CL102", "cn-global-download-share")


def test_with_no_noun_next_to_the_number_a_keyword_its_clause_names_in_full_will_do():
    # "at 19.2%" says nothing of what it counts; "share of global downloads" before it
    # names the fact's keywords "global downloads" and "share of downloads".
    text = "The MIT and Hugging Face analysis put China's share of global downloads at 19.2%.\n"
    [d] = citelint.lint(text)
    assert (d.code, d.fact) == ("CL102", "cn-download-share-year-to-aug-2025")


@pytest.mark.parametrize(
    ("row", "measure"),
    [
        ("| Gartner | 35% | share of enterprises piloting Chinese open models |",
         "enterprises piloting Chinese open"),
        ("| Chinese share of global downloads | 16.7% | MIT / Hugging Face |",
         "global downloads"),
        ("| MIT | 17.1% | share of global downloads |", "global downloads"),
        ("| share of downloads | 17.1% | share of users |", ""),  # two: neither
        # a plural before "share": what it is a share of; not "market share"
        ("New derivatives share Llama about 15%", "derivatives"),
        ("Market share Gemini 18%", ""),
    ],
)  # fmt: skip
def test_a_table_row_says_what_its_figures_count_in_a_share_of_cell(row, measure):
    assert row_measure_words(row) == measure


def test_a_row_whose_figure_counts_what_no_fact_counts_is_unsupported():
    """As in prose ("35% of enterprises …, according to Gartner"): the row's "share of
    enterprises" is no share of downloads, whatever other words it shares with one."""
    text = (
        "| Reference | Figure | Claim |\n| --- | --- | --- |\n"
        "| Gartner | 35% | share of enterprises piloting Chinese open models |\n"
    )
    assert [d.code for d in citelint.lint(text, citelint.load_facts(RULES_FACTS))] == ["CL101"]
