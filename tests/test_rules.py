"""Each rule fires where its fixture says and nowhere else (fixtures/rules/CODE.md).

A fixture line that must be flagged ends with `<!-- expect: CODE … -->`; every
other line must get no finding at all. The meta-test fails when a rule has no
fixture, or a fixture has no line that fires or no claim that stays silent.
"""

import re
from pathlib import Path

import pytest

import citelint
from citelint.checks import RULES

FIXTURES = Path(__file__).parent / "fixtures" / "rules"
EXPECT = re.compile(r"<!--\s*expect:\s*([A-Z0-9 ,]+?)\s*-->")
CLAIM_CODES = sorted(code for code in RULES if code != "CL901")


@pytest.fixture(scope="module")
def facts():
    return citelint.load_facts(FIXTURES / "facts.yaml")


def expected(text: str) -> set[tuple[int, str]]:
    return {
        (n, code)
        for n, line in enumerate(text.splitlines(), 1)
        for m in EXPECT.finditer(line)
        for code in re.split(r"[ ,]+", m.group(1))
    }


@pytest.mark.parametrize("code", CLAIM_CODES)
def test_rule_fires_exactly_where_its_fixture_says(code, facts):
    text = (FIXTURES / f"{code}.md").read_text(encoding="utf-8")
    found = {(d.line, d.code) for d in citelint.lint(text, facts=facts)}
    assert found == expected(text)


@pytest.mark.parametrize("code", CLAIM_CODES)
def test_every_rule_has_examples_that_fire_and_stay_silent(code, facts):
    path = FIXTURES / f"{code}.md"
    assert path.exists(), f"{code} has no fixture"
    text = path.read_text(encoding="utf-8")
    assert any(c == code for _, c in expected(text)), f"{code}'s fixture never fires it"
    silent_lines = {n for n, line in enumerate(text.splitlines(), 1) if "stay silent" in line}
    claim_lines = {c.span.line for c in citelint.extract_claims(text, facts)}
    assert silent_lines & claim_lines, f"{code}'s fixture has no claim that must stay silent"


@pytest.mark.parametrize("code", sorted(RULES))
def test_rule_documents_what_why_example_and_fix_safety(code):
    doc = RULES[code].doc
    for heading in ("## What it does", "## Why is this bad?", "## Example", "## Fix safety"):
        assert heading in doc, f"{code} docstring lacks {heading!r}"


def test_a_claim_across_a_line_break_is_quoted_on_one_line(facts):
    """Messages are one line (`path:line:col: CODE message`); the claim and the fix's
    edit keep the text as written."""
    text = "According to Similarweb, ChatGPT commands 72\npercent of the global chatbot market.\n"
    [d] = citelint.lint(text, facts)
    assert (d.code, d.claim.text, d.fix.edits[0].replacement) == (
        "CL102",
        "72\npercent",
        "68\npercent",
    )
    assert d.message.startswith("72 percent does not match “Similarweb chatbot market share")
    assert d.fix.message == "Replace with 68 percent"


@pytest.mark.parametrize(
    ("text", "opening"),
    [
        ("ChatGPT commands more than 72% of the global chatbot market.", "more than 72%"),
        ("ChatGPT commands 72% or more of the global chatbot market.", "72% or more"),
        ("ChatGPT commands ~72% of the global chatbot market.", "~72%"),
        ("ChatGPT commands nearly 80% of the global chatbot market.", "nearly 80%"),
        # a verb is said by what it means
        ("ChatGPT's share of the global chatbot market topped 72%.", "more than 72%"),
        # an unqualified claim is quoted as written, as ever
        ("ChatGPT commands 72% of the global chatbot market.", "72%"),
    ],
)
def test_a_message_quotes_the_claim_with_its_qualifier(text, opening, facts):
    [d] = citelint.lint(f"According to Similarweb, {text}", facts)
    assert d.code == "CL102"
    assert d.message.startswith(f"{opening} does not match “Similarweb chatbot market share")


def test_a_bound_credited_to_the_wrong_source_names_the_figure_that_fits_it(facts):
    text = "According to Similarweb, more than 15% of global downloads came from Chinese models."
    [d] = citelint.lint(text, facts)
    assert (d.code, d.fact, d.source) == (
        "CL103",
        "cn-global-download-share",
        "hf-mit-deepseek-moment",
    )
    assert "which gives no figure for this metric" in d.message
    assert d.message.endswith(", which is more than 15% (as of 2026-01)")
    assert " gives 17.1% for " in d.message


def test_a_source_named_as_a_place_says_what_the_figure_measures(facts):
    """ "On Hugging Face" is where Baidu's models are, a word of the metric; "MIT found"
    says who reported a figure and is left out of its context."""
    text = "Baidu has published more than 100 models on Hugging Face."
    [d] = citelint.lint(text, facts)
    assert (d.code, d.fact) == ("CL201", "baidu-hf-releases")


def test_a_wrong_figure_is_offered_the_newest_of_its_metric_not_a_superseded_one(facts):
    """600 million (December) was superseded by 700 million (January): 800 million is
    told the current figure."""
    text = "Qwen has been downloaded 800 million times, according to MIT and Hugging Face."
    [d] = citelint.lint(text, facts)
    assert (d.code, d.fact) == ("CL102", "qwen-downloads-2026")
    assert "more than 700 million" in d.message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A subject word in what the number counts is no subject of the clause: "it" is
        # DeepSeek, named before.
        ("DeepSeek is another story. Microsoft estimates it holds 79% of the Chinese market.",
         [("CL102", "deepseek-china-share")]),
        # "They" saying what the share counted says are those counted: the China named
        # before is no subject of theirs.
        ("China's labs lead the download race.\n\nWhen I polled readers, about 30% said they "
         "run an open-weight model locally.", [("CL101", None)]),
        ("China's labs lead the download race.\n\nAbout 30 percent said they run an "
         "open-weight model locally.", [("CL101", None)]),
        # A figure right after a name the table lacks is that one's, not the other
        # clause's subject's.
        ("DeepSeek holds 4% of the global chatbot market and Claude 3%, Similarweb says.",
         [("CL101", None)]),
        ("DeepSeek holds 4% of the global chatbot market and Gemini 3%, Similarweb says.",
         [("CL102", "gemini-global-chatbot-share")]),
        # A subject's possessive right before the figure owns it, whatever other subject
        # the sentence names.
        ("Zhipu AI's $619 million IPO was bigger than MiniMax's, HKEX filings show.",
         [("CL102", "zhipu-ipo")]),
        ("Zhipu AI's $558 million IPO was smaller than MiniMax's $619 million, HKEX filings "
         "show.", []),
        # A sentence naming no subject but a keyword in full ("the core AI industry") is
        # about the credited source's one subject for it, whatever the value; a currency
        # code is no one's name; "per the same X" credits X.
        ("CGTN reported the core AI industry at more than 1.2 trillion yuan in 2025, or "
         "$156 billion.", [("CL102", "cn-core-ai-industry-usd")]),
        ("CGTN put the core AI industry at more than RMB 1.2tn in 2025, or more than $165bn.",
         []),
        ("Per the same MIT and Hugging Face work, Qwen has been downloaded more than 700 "
         "million times.", []),
        # With no subject named anywhere, the credited source's one subject with the value.
        ("## 2. 17.1% of global downloads (MIT and Hugging Face)", []),
        # "The correct Similarweb figure" points back to the subject named before.
        ("Issue 57 said ChatGPT held 72% of the global chatbot market. The correct "
         "Similarweb figure is 68%.", [("CL102", "chatgpt-global-chatbot-share")]),
        # A credit carried from the sentence before quotes the source's figure for the
        # subject named, as a credit in the sentence itself does.
        ("Similarweb has ChatGPT at 68% of the global chatbot market. Gemini is at 21%.",
         [("CL102", "gemini-global-chatbot-share")]),
        # So does "the family" (Qwen's), in the sentence after the one naming Qwen.
        ("Qwen has become the default base model. The same study says the family has been "
         "downloaded more than 900 million times, MIT and Hugging Face found.",
         [("CL102", "qwen-downloads-2026")]),
        # "The company" points back as "it" does.
        ("MiniMax listed in January. The company raised $690 million in the IPO, per HKEX.",
         [("CL102", "minimax-ipo")]),
        # "Businesses" are companies.
        ("CGTN said more than 7,000 AI businesses operate in China.",
         [("CL102", "cn-ai-companies")]),
        # A change's figure is no level, even the credited source's value for the subject.
        ("ChatGPT's weekly active users grew 68% over 2025, Similarweb says.", [("CL101", None)]),
        ("DeepSeek cut its API prices by 89% in February, Microsoft's report notes.",
         [("CL101", None)]),
        # The level a change reached is.
        ("ChatGPT's share of the global chatbot market rose to 68%, Similarweb says.", []),
        # The credited source's figure for the subject its clause names, whatever the
        # sentence's next clause says of another subject.
        ("According to MIT and Hugging Face, the Chinese share is 15%, against 15.8% for "
         "the US.", [("CL102", "cn-global-download-share")]),
        # A coordination pairs each figure with its own subject (Gemini's figure is 18%,
        # DeepSeek's 4%): neither fits the other subject's fact.
        ("Similarweb puts Gemini at 4% and DeepSeek at 18% of the global chatbot market.",
         [("CL102", "gemini-global-chatbot-share"), ("CL102", "deepseek-global-chatbot-share")]),
        ("Gemini holds 4% and DeepSeek 18% of the global chatbot market, Similarweb says.",
         [("CL102", "gemini-global-chatbot-share"), ("CL102", "deepseek-global-chatbot-share")]),
        ("Similarweb puts the global chatbot market at 4% for Gemini and 18% for DeepSeek.",
         [("CL102", "gemini-global-chatbot-share"), ("CL102", "deepseek-global-chatbot-share")]),
        # A figure whose subject follows what it counts ("41% of LLM downloads … came
        # from Chinese models") is paired with it: the next part's bound is Qwen's, which
        # the credited report does not give.
        ("The Spring 2026 report says 41% of LLM downloads over the past year came from "
         "Chinese models, and it puts Qwen derivatives at more than 40% of new models "
         "uploaded each month.", [("CL103", "qwen-share-new-models")]),
        # Paired right, they fit.
        ("Similarweb puts Gemini at 18% and DeepSeek at 4% of the global chatbot market.", []),
        ("ChatGPT holds 68% and DeepSeek 4% of the global chatbot market, Similarweb says.", []),
        # A part's "their" after its figure points nowhere before it: "$585 million" is
        # still Zhipu AI's figure (the fix offers its $558 million, not MiniMax's).
        ("MiniMax raised $619 million and Zhipu AI $585 million in their Hong Kong IPOs, "
         "HKEX filings show.", [("CL102", "zhipu-ipo")]),
        # A part about "its" share is about the subject named before, not the one it names.
        ("Similarweb gives DeepSeek 4% of the global chatbot market and Microsoft puts its "
         "share within China at 89%.", []),
        # A number that counts general things (models) measures a fact's metric only when
        # the sentence says more of it than those words: licences are measured by no fact.
        ("The MIT team also found that 41% of Chinese open models ship under the Apache 2.0 "
         "licence.", [("CL101", None)]),
        # An interview's "I" and "Q:" name no one the table lacks; a participle after the
        # figure ("quoted for") says where it was seen, not what it counts; "HKEX filings"
        # and "my notes" count nothing.
        ("**Q: I had $640 million for MiniMax's IPO in my notes.**",
         [("CL102", "minimax-ipo")]),
        ("I've also seen USD 585 million quoted for Zhipu's IPO.", [("CL102", "zhipu-ipo")]),
        ("A rival newsletter says HKEX filings show MiniMax raised $640 million.",
         [("CL102", "minimax-ipo")]),
        ("I've seen 50% quoted for the share of new models that are Qwen derivatives.",
         [("CL102", "qwen-share-new-models")]),
        # Uncited, a global share is the subject's global figure, whose keyword it names in
        # full, not the narrower figure that has its value: the flagship's 41% is no share
        # of global downloads, and 89% is DeepSeek's share within China only.
        ("Priya said Chinese models hold 41% of global downloads.",
         [("CL102", "cn-global-download-share")]),
        ("Dev said DeepSeek holds 89% of the global chatbot market.",
         [("CL102", "deepseek-global-chatbot-share")]),
        ("Chinese models hold 41 percent of downloads.",
         [("CL201", "cn-llm-download-share-past-year")]),
        # A share of "our readers" counts readers, which no fact does.
        ("Tom said 23% of our readers use Chinese open models.", [("CL101", None)]),
        # A rate that reached a figure is what the figure measures, and no fact measures
        # "The same panel" points back to a source, "this month" to a time: neither to a
        # subject named before, so the clause's own subject (Claude: no fact) or none.
        ("Similarweb puts ChatGPT at 68% of the global chatbot market.\n\nClaude accounts "
         "for 3% of the global chatbot market in the same Similarweb panel.", [("CL101", None)]),
        ("Qwen is popular.\n\nA start-up founder said her team's fine-tunes have been "
         "downloaded 3,400 times this month.", [("CL101", None)]),
        # "Of them" says nothing of what the share counts: the sentence does.
        ("According to the MIT study, Chinese models hold 17.1% of global downloads, and US "
         "models hold 19.8% of them.", [("CL102", "us-global-download-share")]),
        # Each clause's figure is its own subject's: "were of Chinese models", "are Qwen
        # derivatives" say whose.
        ("MIT found that four in ten LLM downloads over the past year were of Chinese "
         "models, and that two-fifths of new models uploaded each month are Qwen "
         "derivatives.", [("CL103", "cn-llm-download-share-past-year")]),
        # A figure set off by commas right after a name is that name's.
        ("Similarweb puts ChatGPT at 68% of the global chatbot market; Gemini, at 21%, is "
         "second.", [("CL102", "gemini-global-chatbot-share")]),
        # a newsletter's open rate, whichever model its issue was about.
        ("P.S. Our open rate hit 52% on the Qwen special.", [("CL101", None)]),
        ("Our click rate was 12% on the Gemini special.", [("CL101", None)]),
        # A share of something no fact speaks of is no share of downloads, whatever else
        # the sentence says of Chinese open-source models.
        ("MIT Technology Review says Kimi K2.5 runs at roughly one-seventh of the price of "
         "Claude, and Chinese open-source models are gaining.", [("CL101", None)]),
    ],
)  # fmt: skip
def test_a_figure_is_read_for_the_subject_and_metric_its_context_says(text, expected, facts):
    found = [(d.code, d.fact) for d in citelint.lint(text, facts) if d.code != "CL401"]
    assert found == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # CGTN's figures for AI companies are all about China: a sentence crediting CGTN
        # that names no subject speaks of China.
        ("According to CGTN, there are more than 6,200 AI companies.", []),
        ("There are more than 6,200 AI companies, CGTN said.", []),
        # (a quarter or a month is no one)
        ("As of Q1, according to CGTN, there were more than 6,200 AI companies.", []),
        ("In Jan. 2026, CGTN counted more than 6,200 AI companies.", []),
        # Only to fit: a wrong value is no sign of what it is about.
        ("According to CGTN, there are more than 7,000 AI companies.", [("CL101", None)]),
        ("According to CGTN, the core AI industry was worth more than 1.2 trillion yuan "
         "in 2025.", []),
        # Not when it names someone else, nor when nothing is credited, nor when the
        # source's figures for the metric are about several subjects.
        ("According to CGTN, Japan has more than 6,200 AI companies.", [("CL101", None)]),
        ("There are more than 6,200 AI companies.", [("CL101", None)]),
        ("Similarweb puts Claude at 3% of the global chatbot market.", [("CL101", None)]),
        ("Similarweb puts the share of the global chatbot market at 3%.", [("CL101", None)]),
        ("The top 200 models take 49.6% of all LLM downloads, the Hugging Face report says.",
         [("CL101", None)]),
    ],
)  # fmt: skip
def test_a_credited_source_s_one_subject_for_a_metric_is_the_unnamed_subject(text, expected, facts):
    assert [(d.code, d.fact) for d in citelint.lint(text, facts)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "The 41% figure" names the 41% the sentence before gave: Microsoft has no such
        # figure, the Spring 2026 report has (the first 41% is uncited: a later sentence
        # credits nothing before it).
        ("Chinese models took 41% of LLM downloads over the past year. The 41% figure comes "
         "from Microsoft.", [("CL201", "cn-llm-download-share-past-year"),
                             ("CL103", "cn-llm-download-share-past-year")]),
        ("DeepSeek holds 89% of the market in China. That 89% estimate comes from "
         "Similarweb.", [("CL201", "deepseek-china-share"), ("CL103", "deepseek-china-share")]),
        # Credited to its own source, it fits.
        ("Chinese models took 17.1% of global downloads. The 17.1% figure comes from MIT and "
         "Hugging Face.", [("CL201", "cn-global-download-share")]),
        # Named again with nothing before it, or as a figure of something else, it is read
        # alone.
        ("The 41% figure comes from Microsoft.", [("CL101", None)]),
        ("Chinese models took 41% of LLM downloads over the past year. The 41% share of "
         "revenue comes from Microsoft.", [("CL201", "cn-llm-download-share-past-year"),
                                           ("CL101", None)]),
    ],
)  # fmt: skip
def test_a_figure_named_again_measures_what_the_sentence_that_gave_it_says(text, expected, facts):
    assert [(d.code, d.fact) for d in citelint.lint(text, facts)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Gemini's share of the global chatbot market rose by 3% over the year, Similarweb "
         "said.", [("CL101", None)]),
        ("Chinese models lead US models by 1.3% in global downloads, MIT and Hugging Face "
         "found.", [("CL101", None)]),
        ("Chinese models lead US models by 1.3% in global downloads.", [("CL101", None)]),
        # What a share "made up" is its level, not a change.
        ("MIT and Hugging Face found Chinese models made up 18.5% of global downloads.",
         [("CL102", "cn-global-download-share")]),
    ],
)  # fmt: skip
def test_the_size_of_a_change_or_a_lead_is_no_wrong_value_for_the_metric(text, expected, facts):
    assert [(d.code, d.fact) for d in citelint.lint(text, facts)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("DeepSeek holds 5 to 10 percent of the global chatbot market, according to "
         "Similarweb.", [("CL102", "deepseek-global-chatbot-share")]),
        ("DeepSeek holds 3 to 5 percent of the global chatbot market, according to "
         "Similarweb.", []),
        ("DeepSeek holds anywhere from 3% to 5% of the global chatbot market, Similarweb "
         "says.", []),
    ],
)  # fmt: skip
def test_a_range_written_with_to_fits_a_fact_between_its_ends(text, expected, facts):
    assert [(d.code, d.fact) for d in citelint.lint(text, facts)] == expected


def test_the_credited_sources_own_figure_is_offered_for_the_same_metric_only(facts):
    """The flagship: MIT / Hugging Face's figure for global downloads is 17.1%, and the
    fix writes it. Microsoft's 89% is DeepSeek's share within China, which the words
    "global chatbot market" do not fit as well as Similarweb's 4%: it is named, and
    writing it in would make the sentence wrong another way."""
    flagship = (
        "According to a study by MIT and Hugging Face, Chinese open models now account for "
        "41% of global downloads."
    )
    [d] = citelint.lint(flagship, facts)
    assert (d.code, d.fix.edits[0].replacement) == ("CL103", "17.1%")
    assert "whose figure for this metric is 17.1%" in d.message
    other = "According to Microsoft, DeepSeek's share of the global chatbot market is 4%."
    [d] = citelint.lint(other, facts)
    assert (d.code, d.fact, d.fix) == ("CL103", "deepseek-global-chatbot-share", None)
    assert (
        "which gives no figure for this metric (its figure for DeepSeek's market share "
        "within China is 89%)" in d.message
    )
    # The other way round: the words say "chatbot market" as Similarweb's global figure
    # does, but "in China" is where Microsoft's 89% is from, and the world is not named.
    china = "According to Similarweb, DeepSeek holds 89% of the chatbot market in China."
    [d] = citelint.lint(china, facts)
    assert (d.code, d.fact, d.fix) == ("CL103", "deepseek-china-share", None)
    assert (
        "which gives no figure for this metric (its figure for DeepSeek's share of the "
        "global chatbot market is 4%)" in d.message
    )
    # Nor when another clause of the sentence speaks of the world, or the place is named
    # by its people ("the Chinese market").
    both = (
        "Microsoft put DeepSeek's share of global chatbot traffic at 3%, while Similarweb "
        "put its share of the market within China at 89%."
    )
    [d] = [d for d in citelint.lint(both, facts) if d.code == "CL103"]
    assert (d.column, d.fact, d.fix) == (126, "deepseek-china-share", None)
    chinese = "According to Similarweb, DeepSeek holds 89% of the Chinese chatbot market."
    [d] = citelint.lint(chinese, facts)
    assert (d.code, d.fact, d.fix) == ("CL103", "deepseek-china-share", None)


def test_a_citation_key_that_names_no_source_leaves_the_figure_to_cite(facts):
    # The table has no such key, id or name: a broken reference, not a credit.
    text = "Chinese models hold 17.1% of global downloads [@foo2026]."
    assert [(d.code, d.fact) for d in citelint.lint(text, facts)] == [
        ("CL201", "cn-global-download-share")
    ]


def test_downloads_worldwide_are_global_downloads(facts):
    text = "MIT says Chinese models hold 19% of downloads worldwide."
    assert [(d.code, d.fact) for d in citelint.lint(text, facts)] == [
        ("CL102", "cn-global-download-share")
    ]


def test_a_count_ending_its_clause_is_tied_to_what_its_verb_counts(facts):
    text = (
        "Per CGTN, AI companies in China now number more than 7,500; per Similarweb, "
        "ChatGPT holds 68% of the global chatbot market."
    )
    assert [(d.code, d.fact) for d in citelint.lint(text, facts)] == [("CL102", "cn-ai-companies")]


def test_the_very_number_of_a_fact_its_words_say_too_little_of_is_no_wrong_value_of_it():
    """No fix could change it: "15.8%" is no wrong value of the US's 15.8%."""
    table = citelint.load_facts(Path(__file__).parent / "fixtures" / "eval-extra" / "facts.yaml")
    text = "It finds Chinese models at 18.5%, with the US at 15.8%, up from a year earlier."
    found = [(d.code, d.claim.text) for d in citelint.lint(text, table)]
    assert found == [("CL102", "18.5%"), ("CL201", "15.8%")]  # (the US's figure, uncited)


def test_a_misattributed_local_figure_is_not_offered_the_global_one_the_next_clause_names(facts):
    """The clause after it speaks of the global market; its own stretch, of China's."""
    text = (
        "Similarweb says DeepSeek holds 89% of the market share in China and ChatGPT holds "
        "70% of the global chatbot market."
    )
    first = citelint.lint(text, facts)[0]
    assert (first.code, first.fix) == ("CL103", None)
    assert "which gives no figure for this metric" in first.message


def test_a_misattributed_global_figure_is_not_offered_the_sources_local_one(facts):
    """Microsoft's 89% is DeepSeek's share within China, not of the global chatbot market."""
    text = (
        "Microsoft estimates DeepSeek's market share within China at 89%, and it puts "
        "DeepSeek's share of the global chatbot market at 4%."
    )
    last = citelint.lint(text, facts)[-1]
    assert (last.code, last.claim.text, last.fix) == ("CL103", "4%", None)
    assert "which gives no figure for this metric" in last.message
