"""A value fix writes the source's figure over the claim's and keeps the sentence whole:
a qualifier that is the sentence's verb ("surpassed") stays, and the fix is safe only
when the source's own qualifier says the same."""

from pathlib import Path

import pytest

import citelint
from citelint.fixes import apply

FACTS = citelint.load_facts(Path(__file__).parent / "fixtures" / "rules" / "facts.yaml")
CGTN = "According to CGTN, "


@pytest.mark.parametrize(
    ("sentence", "fixed", "applicability"),
    [
        # "more than 1.2 trillion yuan" is what the verb claims: only the number changes
        ("China's core AI industry surpassed 1.5 trillion yuan in 2025.",
         "China's core AI industry surpassed 1.2 trillion yuan in 2025.", "safe"),
        ("China's core AI industry topped 1.5 trillion yuan in 2025.",
         "China's core AI industry topped 1.2 trillion yuan in 2025.", "safe"),
        # a modifier is replaced with the source's own: still a sentence
        ("China's core AI industry was worth over 1.5 trillion yuan in 2025.",
         "China's core AI industry was worth more than 1.2 trillion yuan in 2025.", "safe"),
        # a qualifier after the number stays too: "or more" is not "more than"
        ("China's core AI industry was worth 1.5 trillion yuan or more in 2025.",
         "China's core AI industry was worth 1.2 trillion yuan or more in 2025.", "unsafe"),
        # "about 60%" cannot be put behind "passed": the number alone, and not safe
        ("China's share of global AI patent applications passed 70%.",
         "China's share of global AI patent applications passed 60%.", "unsafe"),
    ],
)  # fmt: skip
def test_a_value_fix_keeps_a_qualifying_verb(sentence, fixed, applicability):
    text = CGTN + sentence + "\n"
    [finding] = [d for d in citelint.lint(text, facts=FACTS) if d.fix is not None]
    assert finding.code == "CL102"
    assert finding.fix.applicability.value == applicability
    assert apply(text, list(finding.fix.edits)) == CGTN + fixed + "\n"


@pytest.mark.parametrize(
    ("sentence", "fixed"),
    [
        ("Per Similarweb, ChatGPT holds 70–75% of the global chatbot market.",
         "Per Similarweb, ChatGPT holds 68% of the global chatbot market."),
        ("Per Similarweb, ChatGPT holds between 70% and 75% of the global chatbot market.",
         "Per Similarweb, ChatGPT holds 68% of the global chatbot market."),
    ],
)  # fmt: skip
def test_a_value_fix_rewrites_a_range_whole(sentence, fixed):
    [finding] = citelint.lint(sentence + "\n", facts=FACTS)
    assert finding.code == "CL102"
    assert apply(sentence + "\n", list(finding.fix.edits)) == fixed + "\n"


@pytest.mark.parametrize(
    ("sentence", "code", "fixed"),
    [
        # the source's figure is a lower bound too: the "+" says it
        ("Qwen models have been downloaded 600 million+ times, MIT and Hugging Face found.",
         "CL301",
         "Qwen models have been downloaded 700 million+ times, MIT and Hugging Face found."),
        # an exact figure: no "+" left behind
        ("ChatGPT holds 70%+ of the global chatbot market, Similarweb says.", "CL102",
         "ChatGPT holds 68% of the global chatbot market, Similarweb says."),
    ],
)  # fmt: skip
def test_a_value_fix_of_a_figure_with_a_plus_states_one_qualifier(sentence, code, fixed):
    [finding] = citelint.lint(sentence + "\n", facts=FACTS)
    assert finding.code == code
    assert apply(sentence + "\n", list(finding.fix.edits)) == fixed + "\n"


def test_a_value_fix_keeps_the_numbers_grouping_space():
    text = "According to CGTN, China has more than 7\u202f000 AI companies.\n"
    [finding] = citelint.lint(text, facts=FACTS)
    assert finding.code == "CL102"
    fixed = apply(text, list(finding.fix.edits))
    assert fixed == "According to CGTN, China has more than 6\u202f200 AI companies.\n"


@pytest.mark.parametrize(
    ("sentence", "fixed"),
    [
        # a ratio in words before its noun is a determiner: digits need "of"
        ("Per Similarweb, nine in ten chatbot visits go to ChatGPT.",
         "Per Similarweb, 68% of chatbot visits go to ChatGPT."),
        # "two-fifths of" has its "of" already
        ("Per Similarweb, ChatGPT holds two-fifths of the global chatbot market.",
         "Per Similarweb, ChatGPT holds 68% of the global chatbot market."),
    ],
)  # fmt: skip
def test_a_value_fix_over_a_ratio_in_words_reads_as_a_sentence(sentence, fixed):
    [finding] = [d for d in citelint.lint(sentence + "\n", facts=FACTS) if d.fix is not None]
    assert apply(sentence + "\n", list(finding.fix.edits)) == fixed + "\n"


@pytest.mark.parametrize(
    ("sentence", "fixed"),
    [
        ("According to MIT Technology Review, Kimi K2.5 costs roughly one-third of Claude "
         "Opus's price.",
         "According to MIT Technology Review, Kimi K2.5 costs roughly one-seventh of Claude "
         "Opus's price."),
        ("According to MIT Technology Review, Kimi K2.5 costs about a third of Claude "
         "Opus's price.",
         "According to MIT Technology Review, Kimi K2.5 costs roughly a seventh of Claude "
         "Opus's price."),
    ],
)  # fmt: skip
def test_a_value_fix_over_a_fraction_in_words_writes_the_sources_fraction(sentence, fixed):
    """The pack gives one-seventh as 14.29%: "roughly 14.29%" is a precision no one wrote."""
    [finding] = [d for d in citelint.lint(sentence + "\n") if d.code == "CL102"]
    assert apply(sentence + "\n", list(finding.fix.edits)) == fixed + "\n"


@pytest.mark.parametrize(
    ("sentence", "fixed"),
    [
        ("Qwen models have been downloaded more than 600 million times, MIT and Hugging Face "
         "found.", True),
        # a past reading, dated: true of its time, so nothing is written over it
        ("By the end of 2025, Qwen models had been downloaded more than 600 million times, "
         "MIT and Hugging Face found.", False),
        ("A year ago, Qwen models had been downloaded more than 600 million times, MIT and "
         "Hugging Face found.", False),
        # the start of a change: "700 million to 700 million" would say nothing
        ("Qwen downloads went from 600 million to 800 million, MIT and Hugging Face found.",
         False),
    ],
)  # fmt: skip
def test_a_stale_figure_is_offered_the_newer_one_unless_its_sentence_dates_it(sentence, fixed):
    [finding] = [d for d in citelint.lint(sentence + "\n", facts=FACTS) if d.code == "CL301"]
    assert (finding.fix is not None) == fixed


@pytest.mark.parametrize(
    ("sentence", "fact", "replacement"),
    [
        # the clause names its quarter: the figure of that quarter, not the newer one
        ("Microsoft's report put generative-AI adoption in the third quarter at 14.8% of the "
         "world's population.", "global-genai-adoption-2025-q3", "15.1%"),
        ("Microsoft's report put generative-AI adoption at 14.8% of the world's population.",
         "global-genai-adoption-2025-q4", "16.3%"),
    ],
)  # fmt: skip
def test_a_wrong_figure_whose_clause_names_its_time_is_offered_that_times_figure(
    sentence, fact, replacement
):
    [finding] = [d for d in citelint.lint(sentence + "\n") if d.code == "CL102"]
    assert (finding.fact, finding.fix.edits[0].replacement) == (fact, replacement)


@pytest.mark.parametrize(
    ("sentence", "fixed"),
    [
        # opening the sentence, the source's qualifier takes the capital
        ("Over 7,000 AI companies operate in China, CGTN said.",
         "More than 6,200 AI companies operate in China, CGTN said."),
        # a currency's capitals are not a sentence's: "US$" stays, "more than" is lower
        ("According to CGTN, China's core AI industry was worth US$200 billion in 2025.",
         "According to CGTN, China's core AI industry was worth more than US$165 billion in "
         "2025."),
    ],
)  # fmt: skip
def test_a_value_fix_opening_a_sentence_keeps_its_capital(sentence, fixed):
    [finding] = [d for d in citelint.lint(sentence + "\n", facts=FACTS) if d.fix is not None]
    assert apply(sentence + "\n", list(finding.fix.edits)) == fixed + "\n"


def test_a_value_fix_under_one_of_the_claims_magnitude_writes_the_figure_whole():
    """ "2 million AI companies" against "more than 6,200": not "0.0062 million"."""
    from citelint.model import Claim, Span
    from citelint.wording import replacement

    claim = Claim("2 million", 2e6, "count", "=", 1.95e6, 2.05e6, Span(0, 9, 1, 1, 1, 9))
    assert replacement(claim, 6200, "count") == "6,200"
    assert replacement(claim, 3.5e6, "count") == "3.5 million"


def test_what_no_fact_counts_is_no_wrong_value_of_a_fact_that_shares_its_words():
    text = (
        "CGTN also reported that 230 million people in China use generative AI tools.\n\n"
        "Chinese open-source models now serve 300 million monthly users worldwide.\n"
    )
    assert [d.code for d in citelint.lint(text, FACTS)] == ["CL101", "CL101"]
