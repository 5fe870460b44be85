"""Claims: which numbers are statistics, their intervals, and their exact positions."""

from pathlib import Path

import pytest

import citelint
from citelint.packs import bundled_facts

FACTS = citelint.load_facts  # resolved lazily in the fixture below


@pytest.fixture(scope="module")
def facts():
    return citelint.load_facts(Path(__file__).parent / "fixtures" / "rules" / "facts.yaml")


def only(text, facts=None):
    claims = citelint.extract_claims(text, facts)
    assert len(claims) == 1, [c.text for c in claims]
    return claims[0]


@pytest.mark.parametrize(
    ("text", "qualifier", "low", "high"),
    [
        ("Chinese models hold 41% of downloads.", "=", 40.5, 41.5),
        ("Chinese models hold 17.0% of downloads.", "=", 16.95, 17.05),
        ("Chinese models hold more than 20% of downloads.", ">", 20, None),
        ("Chinese models hold over 20% of downloads.", ">", 20, None),
        ("Chinese models hold at least 20% of downloads.", ">=", 20, None),
        ("Downloads topped 10 billion.", ">", 1e10, None),
        ("Downloads passed 10 billion.", ">", 1e10, None),
        ("China has 6,200+ AI companies.", ">=", 6200, None),
        ("Chinese models hold less than 20% of downloads.", "<", None, 20),
        # a qualifier may follow the number
        ("Chinese models hold 17% or more of downloads.", ">=", 17, None),
        ("China has 6,200 or more AI companies.", ">=", 6200, None),
        ("Chinese models hold 20% or less of downloads.", "<=", None, 20),
        ("Chinese models hold 17% or so of downloads.", "~", 16.15, 17.85),
        ("Chinese models hold up to 20% of downloads.", "<=", None, 20),
        # "about" widens by 5% of the value, and by at least three quarters of a written
        # step: never as far as the neighbours as written ("about 5%" is not 6%)
        ("Chinese models hold about 17% of downloads.", "~", 16.15, 17.85),
        ("Chinese models hold ~17% of downloads.", "~", 16.15, 17.85),
        ("Open models hold about 5% of enterprise spend.", "~", 4.25, 5.75),
        ("Chinese models hold nearly 90% of downloads.", "~", 81, 90.5),
        ("Open models hold nearly 7% of enterprise spend.", "~", 6.25, 7.5),
        # A fraction in words is its value: "nearly" stays below it.
        ("Chinese models hold nearly one-fifth of downloads.", "~", 16.25, 20),
        # inside quote marks or brackets, the qualifier still qualifies
        ('That makes "about 17%" a fair shorthand for the Chinese share.', "~", 16.15, 17.85),
        ("Chinese models hold “nearly 90%” of downloads.", "~", 81, 90.5),
        ("Chinese models hold [more than 20%] of downloads.", ">", 20, None),
        # "a third" is 30% to 36.7% (nearer 1/3 than 2/5), "about" widens it by half: not
        # 40% (two-fifths), nor 41%
        ("Roughly a third of downloads came from Chinese models.", "~", 85 / 3, 115 / 3),
        ("About four in ten downloads are of Chinese models.", "~", 32.5, 47.5),
        ("Nearly nine in ten downloads are of Chinese models.", "~", 81, 90),
        # Past "the", the number is what the claim is compared with, not its bound ...
        ("Chinese models surpassed the 16% share held by US developers.", "=", 15.5, 16.5),
        ("Chinese models took more than the 15.8% held by US developers.", "=", 15.75, 15.85),
        # ... unless it is a threshold the claim passed.
        ("Downloads passed the 10 billion mark.", ">", 1e10, None),
        ("Gemini's share rose above the 20 percent threshold.", ">", 20, None),
    ],
)
def test_qualifier_sets_interval(text, qualifier, low, high):
    claim = only(text)
    assert claim.qualifier == qualifier
    assert claim.low == pytest.approx(low) if low is not None else claim.low is None
    assert claim.high == pytest.approx(high) if high is not None else claim.high is None


@pytest.mark.parametrize(
    ("text", "qualifiers"),
    [
        ("Downloads rose 41% and up to 50% were Chinese.", ("=", "<=")),
        ("Estimates say 17% or more than 20% of downloads.", ("=", ">")),
    ],
)
def test_words_after_a_number_that_qualify_the_next_are_no_qualifier_of_it(text, qualifiers):
    assert tuple(c.qualifier for c in citelint.extract_claims(text)) == qualifiers


def test_written_precision_decides_fit():
    seventeen = only("Chinese models hold 17% of global downloads.")
    seventeen_point_zero = only("Chinese models hold 17.0% of global downloads.")
    assert seventeen.contains(17.1)
    assert not seventeen_point_zero.contains(17.1)


@pytest.mark.parametrize(
    ("text", "value", "fits"),
    [
        ("Chinese models hold 17% of downloads.", 17.1, True),
        ("Chinese models hold 17.0% of downloads.", 17.1, False),
        ("Chinese models hold about 17% of downloads.", 17.8, True),
        ("Chinese models hold about 20% of downloads.", 17.1, False),
        ("Chinese models hold more than 20% of downloads.", 17.1, False),
        ("Chinese models hold nearly 17.2% of downloads.", 17.1, True),
        ("Chinese models hold up to 20% of downloads.", 17.1, True),
        ("Open models hold about 5% of enterprise spend.", 5.7, True),
        ("Open models hold about 5% of enterprise spend.", 6.0, False),
        ("Open models hold about 7% of enterprise spend.", 6.0, False),
        ("Open models hold nearly 7% of enterprise spend.", 6.0, False),
        ("Four in ten downloads are of Chinese models.", 41, True),
        ("About four in ten downloads are of Chinese models.", 46, True),
        ("About four in ten downloads are of Chinese models.", 50, False),
        ("Roughly a third of downloads came from Chinese models.", 40, False),
        ("One in six downloads is of a Chinese model.", 17.1, True),
        ("One-seventh of downloads are of Chinese models.", 17.1, False),
    ],
)
def test_interval_admits_what_the_wording_allows(text, value, fits):
    assert only(text).contains(value) is fits


def test_configured_tolerances_widen_the_interval():
    from citelint import document
    from citelint.claims import Tolerances, extract

    text = "Open models hold about 5% of enterprise spend; nearly 7% of budgets."
    about, nearly = extract(document.parse(text), None, Tolerances(approximate=0.2, nearly=0.2))
    assert (about.low, about.high) == pytest.approx((4, 6))
    assert (nearly.low, nearly.high) == pytest.approx((5.6, 7.5))


@pytest.mark.parametrize(
    "text",
    [
        "DeepSeek R1 arrived in January 2025 and V4 followed in April 2026.",
        "Qwen3.5 and GLM-5.1 shipped in between; Kimi K2.5 too.",
        "See issue #41 and page 12, or call +1 555 0100.",
        "Issue number 41 is on page 12.",
        "1) First point. 2) Second point.",
        "Posted 2026.04.28 13:02 GMT+8 · 4 min read",
        "The team of 12 spent 3 weeks on it.",
        "Set the temperature to 0.85 for best results.",
        "Version 2.0 ships in Q3.",
        "See [the 2026 report](https://example.org/reports/2026/41-percent).",
        "Inline code such as `17.1%` or `$1.2 trillion` is not prose.",
        "<!-- Draft note: check the 17.1% figure. -->",
        "```\nshare = 41%\n```",
        "    indented code 41%",
        "---\ntitle: 41% of downloads\n---\n\nNo numbers here.",
        "+++\ntitle = '41%'\n+++\n\nNo numbers here.",
        "The model scored 3.5 out of 5 in our review.",
        "The dataset was released 2026-04-28T13:02:00Z on the hub.",
        "See RFC 2616 and ISO 8601 for details.",
        "Your ticket ID 1234567890 was assigned.",
        "The ZIP code 94105 is in San Francisco.",
        "The Llama 3.1 405B model and Qwen 72B were popular.",
        "Math \\(41\\%\\) and \\[41\\%\\] here.",
        "- Rust Issue: [19469](https://github.com/rust-lang/rust/issues/19469)",
        "Pick any number between 1 and 1,000!",
        "It sets the constant to the value 10,800.",
        # a word after a number that is no noun: a port, a postal code, a setting
        "Start the server on port 8000 and bind it to 192.168.1.20.",
        "Write to Haidian District, Beijing 100080 and Palo Alto, CA 94301.",
        "If it fails, lower the limit to 32768 or use the 4-bit build.",
        # a "K" written onto a number names a format or a size
        "We shipped the 4K video frame decoder.",
        "It has a 128k context.",
        # a label's number and letter; a lower-case letter after a number is no magnitude
        # but for a fact of the table
        "The committee meets in Room 4B at Gate 12M.",
        "The track is 100m long.",
        # "k NOUN in k" shares nothing
        "Lawmakers will find three different answers in three different sources.",
        # a ticker's number with its exchange's code
        "Tickers: 2513.HK (Zhipu) and 0100.HK (MiniMax).",
        # chips and models by name and size
        "Procurement has secured Huawei Ascend 910B accelerators; Hunyuan 7B stays as well.",
        # the next numbers of a label's list, a port, a street address
        "The methodology is on pages 1,024 and 1,025 of our annual digest.",
        "Known problems are tracked as issues #1203 and 1207 on our tracker.",
        "Rooms 1201 and 1202 are booked.",
        "Use port 8443 for the streaming API.",
        "See the Form 10-K filed on 27 February 2026.",
        "The full scraper log is in thread 1716 if anyone wants it.",
        "Message 1716399123 was deleted; job 4471 failed on runner 12; alert 4471 fired.",
        "Order 20417 shipped yesterday. Error 1045 again.",
        "Paragraphs 17 and 18 of the paper, Option 4 and Row 18 of Annex C discuss it.",
        "Footnote 41 of the consultation paper cites it. We're live at Hall 4B.",
        "It was logged by monitoring build 4512 in every region.",
        "Our team is based at 2200 Harbor Parkway, San Mateo.",
        "Qwen models were downloaded many times.[3] Then came Kimi.",
        "**Offices:** 2200 Century Avenue, Shanghai · 1201 Nathan Road, Kowloon",
    ],
)
def test_hard_negative_is_not_a_claim(text):
    assert citelint.extract_claims(text) == []


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("The repository has 10k GitHub stars.", "10k"),
        ("The model supports 128k tokens of context.", "128k"),
        ("China has more than 6,200 of the world's AI companies.", "6,200"),
        # "number" as a verb: a grouped count after it is no label
        ("Qwen's derivatives now number 151,448.", "151,448"),
    ],
)
def test_a_count_in_thousands_of_things_is_a_claim(text, written):
    [claim] = citelint.extract_claims(text)
    assert (claim.text, claim.unit) == (written, "count")


def test_bare_count_with_matching_fact_is_a_claim(facts):
    text = "Baidu went from zero to more than 100 releases on Hugging Face."
    assert citelint.extract_claims(text) == []
    claim = only(text, facts)
    assert (claim.text, claim.value, claim.unit, claim.qualifier) == ("100", 100, "count", ">")


@pytest.mark.parametrize(
    "text",
    [
        "Here are 4 takeaways on DeepSeek's share of the global chatbot market.",
        "Read our 18 charts on Gemini's share of the global chatbot market.",
        # the plural may come after other words of its noun phrase
        "Our survey of 40 portfolio companies found Chinese models in new models' stacks.",
        # nor is the size of a group, or a heading's label, a share
        "Lin's team of 40 now ships new models every 2 weeks.",
        "## Myth 4: DeepSeek's share of the global chatbot market",
    ],
)
def test_a_small_number_counting_a_plural_noun_is_no_share_a_fact_has(text, facts):
    assert citelint.extract_claims(text, facts) == []


def test_hundreds_in_words_are_a_count_for_a_fact_of_the_table(facts):
    text = "Baidu has gone from zero to more than one hundred model releases on Hugging Face."
    claim = only(text, facts)
    assert (claim.text, claim.value, claim.qualifier) == ("one hundred", 100, ">")
    assert citelint.extract_claims("We read a hundred reports and two hundred pages.", facts) == []


def test_a_sum_in_words_takes_the_currency_written_after_it(facts):
    claim = only("Zhipu AI raised five hundred and fifty-eight million dollars in its IPO.", facts)
    assert (claim.value, claim.unit) == (558e6, "USD")


def test_a_lower_case_magnitude_letter_reads_as_millions_for_a_fact_of_the_table(facts):
    claim = only("Qwen downloads have passed 600m, slide 15 adds.", facts)
    assert (claim.text, claim.value, claim.unit, claim.qualifier) == ("600m", 6e8, "count", ">")
    assert citelint.extract_claims("Qwen downloads have passed 600m.") == []


def test_a_bare_share_a_fact_has_is_still_a_claim_before_other_words(facts):
    text = "DeepSeek holds 4 of every 100 visits in the global chatbot market."
    assert only(text, facts).unit == "percent"


def test_a_multiple_is_a_claim_only_when_the_table_has_it_named(facts):
    text = "Qwen derivatives grew 3x in a year, MIT and Hugging Face found."
    assert citelint.extract_claims(text, facts) == []
    from citelint.packs import bundled_facts

    claim = only("The average model size saw a 17x increase.", bundled_facts())
    assert (claim.text, claim.value, claim.unit) == ("17x", 17, "times")


def test_large_bare_count_tied_to_a_noun_is_a_claim():
    claim = only("China now has 6,200 AI companies.")
    assert (claim.value, claim.unit) == (6200, "count")


@pytest.mark.parametrize(
    ("text", "written", "value", "qualifier"),
    [
        ("Downloads hit 10,000,000,000.", "10,000,000,000", 1e10, "="),
        ("Downloads hit 1,000,000.", "1,000,000", 1e6, "="),
        ("Chinese AI companies now number more than 6,200!", "6,200", 6200, ">"),
        ("Downloads rose to nearly 12,000.", "12,000", 12000, "~"),
        ("The total was 4,512", "4,512", 4512, "="),
    ],
)
def test_large_bare_count_ending_a_sentence_is_tied_to_its_subject(text, written, value, qualifier):
    claim = only(text)
    assert (claim.text, claim.value, claim.unit, claim.qualifier) == (
        written,
        value,
        "count",
        qualifier,
    )


@pytest.mark.parametrize(
    ("text", "written", "value", "unit"),
    [
        ("A 41-percent share of LLM downloads came from China.", "41-percent", 41, "percent"),
        ("A 41-per-cent share of LLM downloads came from China.", "41-per-cent", 41, "percent"),
        ("Share was one hundred percent of downloads.", "one hundred percent", 100, "percent"),
        ("Share was 41‰ of downloads.", "41‰", 4.1, "percent"),
        ("Industry worth 1.2 trillion Chinese yuan.", "1.2 trillion Chinese yuan", 1.2e12, "CNY"),
        ("The Kimi K2 model has 1T parameters.", "1T", 1e12, "count"),
    ],
)
def test_number_form_is_a_claim_with_its_unit(text, written, value, unit):
    claim = only(text)
    assert (claim.text, claim.value, claim.unit) == (written, value, unit)


@pytest.mark.parametrize(
    ("text", "line", "column", "end_column", "written"),
    [
        ("According to a study by MIT and Hugging Face, Chinese open models now account "
         "for 41% of global downloads.", 1, 83, 85, "41%"),
        ("---\ntitle: x\n---\n\nChinese models hold 41% of downloads.", 5, 21, 23, "41%"),
        ("# Title\r\n\r\nChinese models hold **41%** of downloads.\r\n", 3, 23, 25, "41%"),
        ("Les modèles chinois 中文 détiennent 41% des téléchargements.", 1, 35, 37, "41%"),
        ("| Metric | Value |\n| --- | --- |\n| Chinese share | $619 million |", 3, 19, 30,
         "$619 million"),
        # a comment past the last cell does not move the cell's text
        ("| Metric | Value |\n| --- | --- |\n| Chinese share | $619 million | <!-- n -->", 3,
         19, 30, "$619 million"),
        ("Chinese models hold [41% of downloads](https://example.org/x).", 1, 22, 24, "41%"),
        ("> Quoted: Chinese models hold 41% of downloads.", 1, 31, 33, "41%"),
        ("- item\n  - nested: China has 6,200 AI companies", 2, 23, 27, "6,200"),
        ("Text.[^a]\n\n[^a]: A note saying 41% of downloads.", 3, 21, 23, "41%"),
        # an escape's backslash is markup, as emphasis is: the claim starts at the "$"
        ("MiniMax raised \\$690 million in its IPO.", 1, 17, 28, "$690 million"),
    ],
)  # fmt: skip
def test_claim_position_is_exact(text, line, column, end_column, written):
    claim = only(text)
    assert (claim.span.line, claim.span.column, claim.span.end_column) == (line, column, end_column)
    assert claim.text == written
    assert text[claim.span.start : claim.span.end] == written


@pytest.mark.parametrize(
    ("text", "written", "low", "high"),
    [
        ("MIT put the Chinese share of global downloads at 15–20%.", "15–20%", 14.5, 20.5),
        ("Chinese models took between 20% and 25% of global downloads.",
         "between 20% and 25%", 19.5, 25.5),
        ("Downloads are in the 6–8 billion range.", "6–8 billion", 5.5e9, 8.5e9),
        ("DeepSeek holds 5 to 10 percent of the global chatbot market.", "5 to 10 percent",
         4.5, 10.5),
        ("Estimates of the Chinese share range from 15% to 20%.", "15% to 20%", 14.5, 20.5),
        ("MiniMax raised $1 to $2 billion.", "$1 to $2 billion", 0.5e9, 2.5e9),
        ("Chinese models took 5-to-10 percent of downloads.", "5-to-10 percent", 4.5, 10.5),
        ("Chinese models took 5–10 per cent of downloads.", "5–10 per cent", 4.5, 10.5),
        ("Chinese models took between 5 and 10 percent of downloads.",
         "between 5 and 10 percent", 4.5, 10.5),
    ],
)  # fmt: skip
def test_a_range_is_one_claim_whose_interval_spans_it(text, written, low, high):
    claim = only(text)
    assert (claim.text, claim.low, claim.high) == (written, low, high)
    assert claim.span.column == text.index(written) + 1
    assert claim.span.end_column == text.index(written) + len(written)


def test_a_hyphenated_range_is_one_claim_at_its_exact_position():
    claim = only("# Shares\n\nChinese models took 35-to-45 per cent of downloads.\n")
    assert (claim.span.line, claim.span.column, claim.span.end_line, claim.span.end_column) == (
        3, 21, 3, 37
    )  # fmt: skip
    assert (claim.text, claim.value, claim.low, claim.high) == ("35-to-45 per cent", 45, 34.5, 45.5)


def test_a_change_from_one_figure_to_another_is_two_claims_not_a_range():
    text = "The Chinese share of downloads went from 30% to 41% last year."
    claims = citelint.extract_claims(text)
    assert [(c.text, c.span.column, c.span.end_column, c.low, c.high) for c in claims] == [
        ("30%", 42, 44, 29.5, 30.5),
        ("41%", 49, 51, 40.5, 41.5),
    ]


def test_a_table_cell_count_is_tied_to_the_noun_in_its_row(facts):
    text = "| Indicator | 2025 value |\n| --- | --- |\n| AI companies in China | 6,200+ |\n"
    claim = only(text, facts)
    assert (claim.text, claim.value, claim.unit) == ("6,200+", 6200, "count")
    assert (claim.span.line, claim.span.column) == (3, 27)


@pytest.mark.parametrize(
    ("text", "qualifier"),
    [("# Talking to a Qwen maintainer about 700 million downloads", "="),
     ("A story about 700 million downloads", "="),
     ("Qwen has about 700 million downloads.", "~")],
)  # fmt: skip
def test_about_after_a_verb_of_talking_says_what_is_talked_of(text, qualifier):
    assert only(text).qualifier == qualifier


def test_a_small_count_with_a_plus_in_a_cell_is_tied_to_the_noun_in_its_row(facts):
    text = "| Indicator | 2025 value |\n| --- | --- |\n| Baidu model releases | 100+ |\n"
    claim = only(text, facts)
    assert (claim.text, claim.value, claim.qualifier) == ("100+", 100, ">=")
    assert (claim.span.line, claim.span.column) == (3, 26)


def test_a_small_number_heading_a_row_is_not_tied_to_the_row(facts):
    text = (
        "| # | Sentence |\n| --- | --- |\n"
        "| 17 | Microsoft estimates DeepSeek has a 67% market share in China. |\n"
    )
    assert [c.text for c in citelint.extract_claims(text, facts)] == ["67%"]


def test_one_noun_in_six_is_the_share_one_in_six_at_its_exact_position():
    text = "# Shares\n\nNearly one download in every six went to Chinese models.\n"
    claim = only(text)
    assert (claim.span.line, claim.span.column, claim.span.end_column) == (3, 8, 32)
    assert (claim.text, claim.value, claim.unit, claim.qualifier) == (
        "one download in every six", pytest.approx(100 / 6), "percent", "~"
    )  # fmt: skip


def test_half_of_is_a_share_in_a_sentence_about_what_a_fact_measures(facts):
    text = "# Shares\n\nHalf of all LLM downloads in the past year went to Chinese models.\n"
    claim = only(text, facts)
    assert (claim.span.line, claim.span.column, claim.span.end_column) == (3, 1, 4)
    assert (claim.text, claim.low, claim.high) == ("Half", pytest.approx(45), pytest.approx(55))


def test_half_of_in_a_sentence_about_nothing_the_table_measures_is_no_claim(facts):
    assert citelint.extract_claims("The cache uses half of the system's memory.", facts) == []


@pytest.mark.parametrize(
    "citation", ["[see @hfmit2026, ch. 3]", "[@hfmit2026, 3]", "[@hfmit2026, pp. 3-4]"]
)
def test_a_locator_in_a_pandoc_citation_is_no_claim(citation):
    """The page or chapter a citation points to is no share, though the sentence's other
    figures are percentages."""
    text = f"Chinese models hold 17.1% of global downloads {citation}.\n"
    assert [c.text for c in citelint.extract_claims(text, bundled_facts())] == ["17.1%"]


@pytest.mark.parametrize(
    "label", ["Slide 4:", "On slide 4,", "Page 4:", "**Exercise 4**", "In exercise 4,", "Task 4:",
              "Activity 4:", "Unit 4:", "# Policy brief 4:"],
)  # fmt: skip
def test_a_slide_or_page_number_is_no_claim(label):
    """A slide's number is a label, as a page's is, though the table has a figure of 4
    whose keyword ("global") the line names."""
    table = citelint.load_facts(Path(__file__).parent / "fixtures" / "eval-extra" / "facts.yaml")
    text = f"- {label} Chinese open models = 17.1% of global downloads (MIT/HF)\n"
    assert [c.text for c in citelint.extract_claims(text, table)] == ["17.1%"]


@pytest.mark.parametrize(
    ("text", "written", "value", "unit"),
    [
        # narrow no-break, no-break and thin spaces: inside a number, before its unit
        ("China has more than 6\u202f200 AI companies.", "6\u202f200", 6200, "count"),
        ("China has more than 6\u00a0200 AI companies.", "6\u00a0200", 6200, "count"),
        ("Chinese models hold 17.1\u202f% of global downloads.", "17.1\u202f%", 17.1, "percent"),
        ("Downloads topped 10\u2009billion.", "10\u2009billion", 1e10, "count"),
        ("The gap is 1.3\u202fpp.", "1.3\u202fpp", 1.3, "pp"),
        ("It was worth US$\u202f165\u202fbillion.", "US$\u202f165\u202fbillion", 1.65e11, "USD"),
        # non-breaking and soft hyphens in numbers in words
        ("Forty\u2011one percent of downloads were Chinese.", "Forty\u2011one percent", 41,
         "percent"),
        ("It costs one\u2011seventh as much.", "one\u2011seventh", 100 / 7, "percent"),
        ("Forty\u00adone percent of downloads were Chinese.", "Forty\u00adone percent", 41,
         "percent"),
    ],
)  # fmt: skip
def test_typeset_spaces_and_hyphens_are_read_as_plain_ones(text, written, value, unit):
    [claim] = citelint.extract_claims(text)
    assert (claim.text, claim.unit) == (written, unit)
    assert claim.value == pytest.approx(value)
    assert text[claim.span.start : claim.span.end] == written


@pytest.mark.parametrize(
    ("text", "qualifier"),
    [
        ("Chinese models took more than <b>15%</b> of global downloads.", ">"),
        ("Chinese models took <b>more than</b> 15% of global downloads.", ">"),
        ("Chinese models took <span>over 15%</span> of global downloads.", ">"),
    ],
)
def test_a_qualifier_reaches_its_number_across_inline_tags(text, qualifier):
    [claim] = citelint.extract_claims(text)
    assert (claim.text, claim.qualifier) == ("15%", qualifier)


@pytest.mark.parametrize(
    "text",
    [
        "Gemini holds 18% of the global chatbot market.<sup>4</sup>",
        'Gemini holds 18% of the global chatbot market.<sup><a href="#n4">4</a></sup>',
    ],
)
def test_a_note_number_in_tags_on_the_text_is_no_claim(text):
    facts = citelint.load_facts(Path(__file__).parent / "fixtures" / "rules" / "facts.yaml")
    assert [c.text for c in citelint.extract_claims(text, facts)] == ["18%"]


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("- **Agent start-ups funded in China, 2025:** 1,400 (IT Juzi)", "1,400"),
        ("Downloads: more than 7,000", "7,000"),
    ],
)
def test_a_count_after_a_label_naming_what_it_counts_is_a_claim(text, written):
    [claim] = citelint.extract_claims(text)
    assert claim.text == written


def test_a_count_after_a_label_that_counts_nothing_is_no_claim():
    assert citelint.extract_claims("- Default port: 8080") == []
