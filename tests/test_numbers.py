"""Every number form of SPEC §1 parses to the right value and unit; look-alikes do not."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from citelint import numbers
from citelint.numbers import find_numbers, fraction_words

FORMS = [
    ("41%", "41%", 41, "percent"),
    ("41 percent", "41 percent", 41, "percent"),
    ("41 per cent", "41 per cent", 41, "percent"),
    ("forty-one percent", "forty-one percent", 41, "percent"),
    ("6,200 companies", "6,200", 6200, "count"),
    ("10 billion", "10 billion", 1e10, "count"),
    ("10bn", "10bn", 1e10, "count"),
    ("10B", "10B", 1e10, "count"),
    ("1.2 trillion yuan", "1.2 trillion yuan", 1.2e12, "CNY"),
    ("¥1.2 trillion", "¥1.2 trillion", 1.2e12, "CNY"),
    ("RMB 1.2tn", "RMB 1.2tn", 1.2e12, "CNY"),
    ("$165 billion", "$165 billion", 1.65e11, "USD"),
    ("US$619m", "US$619m", 6.19e8, "USD"),
    ("$558M", "$558M", 5.58e8, "USD"),
    ("USD 619 million", "USD 619 million", 6.19e8, "USD"),
    ("619 million dollars", "619 million dollars", 6.19e8, "USD"),
    ("0.7 billion", "0.7 billion", 7e8, "count"),
    # a lower-case m or b without a currency, when it counts something
    ("downloaded 700m times", "700m", 7e8, "count"),
    ("over 2b downloads", "2b", 2e9, "count"),
    ("ten billion downloads", "ten billion", 1e10, "count"),
    ("seven hundred million downloads", "seven hundred million", 7e8, "count"),
    ("a hundred and twenty thousand users", "a hundred and twenty thousand", 1.2e5, "count"),
    ("two thousand five hundred startups", "two thousand five hundred", 2500, "count"),
    ("four in ten", "four in ten", 40, "percent"),
    ("nearly nine in ten", "nine in ten", 90, "percent"),
    ("one in six", "one in six", 100 / 6, "percent"),
    ("one in every six downloads", "one in every six", 100 / 6, "percent"),
    ("41 out of every 100 downloads", "41 out of every 100", 41, "percent"),
    ("three in five", "three in five", 60, "percent"),
    # a noun between the two numbers of "k in n"
    ("one download in six went", "one download in six", 100 / 6, "percent"),
    (
        "one Hugging Face download in every six",
        "one Hugging Face download in every six",
        100 / 6,
        "percent",
    ),
    ("one download out of every six", "one download out of every six", 100 / 6, "percent"),
    ("two downloads in five", "two downloads in five", 40, "percent"),
    # fractions in words, spaced ones before "of" and a noun phrase
    ("half of all downloads", "half", 50, "percent"),
    ("one half of the downloads", "one half", 50, "percent"),
    ("a third of downloads", "a third", 100 / 3, "percent"),
    ("three quarters of the downloads", "three quarters", 75, "percent"),
    ("two-fifths", "two-fifths", 40, "percent"),
    ("one-seventh the price", "one-seventh", 100 / 7, "percent"),
    ("15.8 percentage points", "15.8 percentage points", 15.8, "pp"),
    ("15.8 pp", "15.8 pp", 15.8, "pp"),
    ("10 billion+", "10 billion+", 1e10, "count"),
    ("6,200+ firms", "6,200+", 6200, "count"),
    ("a 17x increase", "17x", 17, "times"),
    ("HK$4.8 billion", "HK$4.8 billion", 4.8e9, "HKD"),
    ("€3.5 million", "€3.5 million", 3.5e6, "EUR"),
    ("prices fell -0.5% in May", "-0.5%", -0.5, "percent"),
    ("profits rose 25pc", "25pc", 25, "percent"),
    ("a cut of 50 basis points", "50 basis points", 50, "bp"),
    ("Rs 500 crore", "Rs 500 crore", 5e9, "INR"),
    ("R$3 billion", "R$3 billion", 3e9, "BRL"),
    ("CHF 100 million", "CHF 100 million", 1e8, "CHF"),
    ("5 billion pounds", "5 billion pounds", 5e9, "GBP"),
    ("£2.3bn", "£2.3bn", 2.3e9, "GBP"),
    ("$1,234.56", "$1,234.56", 1234.56, "USD"),
    ("12.5 bln", "12.5 bln", 1.25e10, "count"),
    ("25 %", "25 %", 25, "percent"),
    ("a 41-percent share", "41-percent", 41, "percent"),
    ("a 41-per-cent share", "41-per-cent", 41, "percent"),
    ("a 17.1-percent share", "17.1-percent", 17.1, "percent"),
    ("a 15.8-percentage-point gap", "15.8-percentage-point", 15.8, "pp"),
    ("a 50-basis-point cut", "50-basis-point", 50, "bp"),
    ("forty-one per-cent", "forty-one per-cent", 41, "percent"),
    ("one hundred percent", "one hundred percent", 100, "percent"),
    ("a hundred per cent", "a hundred per cent", 100, "percent"),
    ("1.2 trillion Chinese yuan", "1.2 trillion Chinese yuan", 1.2e12, "CNY"),
    ("CN¥1.2 trillion", "CN¥1.2 trillion", 1.2e12, "CNY"),
    ("JP¥500 billion", "JP¥500 billion", 5e11, "JPY"),
    ("seven hundred million times", "seven hundred million", 7e8, "count"),
    ("a hundred million users", "a hundred million", 1e8, "count"),
    ("41‰ of downloads", "41‰", 4.1, "percent"),
    ("$72B", "$72B", 7.2e10, "USD"),
    ("72B downloads", "72B", 7.2e10, "count"),
    ("2B model downloads", "2B", 2e9, "count"),
    ("Downloads hit 10B.", "10B", 1e10, "count"),
    ("6,200-plus AI companies", "6,200-plus", 6200, "count"),
    ("downloaded 700 million-plus times", "700 million-plus", 7e8, "count"),
    ("a 40%-plus share", "40%-plus", 40, "percent"),
    ("worth RMB1.2 trillion", "RMB1.2 trillion", 1.2e12, "CNY"),
    ("raised USD619 million", "USD619 million", 6.19e8, "USD"),
    ("HKD4.8bn", "HKD4.8bn", 4.8e9, "HKD"),
    ("CHINA HAS 6200 AI COMPANIES", "6200", 6200, "count"),
    ("up 15.8 percentage-points", "15.8 percentage-points", 15.8, "pp"),
    ("up fifteen percentage points", "fifteen percentage points", 15, "pp"),
    ("seventeen point one percent", "seventeen point one percent", 17.1, "percent"),
    ("fifteen point eight percentage points", "fifteen point eight percentage points", 15.8, "pp"),
    # scripts without spaces: a number after an ideograph is not inside a word
    ("中国模型占下载量的17.1%。", "17.1%", 17.1, "percent"),
]


@pytest.mark.parametrize(("text", "written", "value", "unit"), FORMS)
def test_number_form_parses_to_value_and_unit(text, written, value, unit):
    [n] = find_numbers(text)
    assert text[n.start : n.end] == written
    assert n.value == pytest.approx(value)
    assert n.unit == unit


LOOKALIKES = [
    "in 2025",
    "DeepSeek V4 and R1",
    "Qwen3.5",
    "GLM-5.1",
    "Kimi K2.5",
    "issue #41",
    "see page 12",
    "the appendix starts on page 1,204",  # grouped, still a page
    "the glossary is on p. 1,388",
    "call +1 555 0100",
    "2026.04.28 13:02",
    "released on 20 January 2025",
    "launched on March 27, 2026",
    "Version 2.0",
    "ships in Q3",
    "a 5m run",
    "the 100m race was run",
    "700m was spent on it",
    "Claude Opus 4.6",
    "the 2nd time",
    "3D printing",
    "Qwen3.5-397B-A17B",
    "DeepSeek-R1-0528",
    "released 2026-04-28T13:02:00Z on the hub",
    "See RFC 2616 and ISO 8601 for details",
    "IEEE 754 floats",
    "Your ticket ID 1234567890 was assigned",
    "The ZIP code 94105",
    "The Llama 3.1 405B model and Qwen 72B were popular",
    "Llama 3 70B, Qwen2.5 72B and DeepSeek V3 671B",
    "last year's No. 1 was a 7B model that beat a 70B-parameter rival",
    "the 14B and 32B variants, a 32B dense model and a 1T-parameter sibling",
    "a 7B distilled model and a 70B open-weight model",
    "trained on RTX 4090 GPUs",
    "a GTX 1080 card",
    "the lab holds ISO 27001 certification",
    "the xusd5 and abcrmb1200 tokens",
    "signed with RS256 or ES384, not USD1000",
    "Qwen 3.5 and DeepSeek 4 shipped",
    "the Qwen2-to-3 upgrade",
    "Llama 3.1 and Kimi 2 too",
]


@pytest.mark.parametrize("text", LOOKALIKES)
def test_lookalike_is_not_a_quantity(text):
    # (a lower-case magnitude letter is read as one only for a fact of the table: claims)
    quantities = [n for n in find_numbers(text) if n.value > 12 and not n.needs_fact]
    assert [text[n.start : n.end] for n in quantities] == []


@pytest.mark.parametrize(
    ("text", "needs_fact"),
    [("a 5m run", True), ("passed 600m.", True), ("700m downloads", False), ("$5m", False)],
)
def test_a_lower_case_magnitude_letter_is_marked_when_nothing_says_it_is_one(text, needs_fact):
    [mention] = find_numbers(text)
    assert (mention.has_magnitude, mention.needs_fact) == (True, needs_fact)


@pytest.mark.parametrize("post", ["4/", "4/n"])
def test_a_post_number_opening_a_thread_is_not_a_quantity(post):
    text = f"{post} DeepSeek holds 4% of the global chatbot market."
    assert [text[n.start : n.end] for n in find_numbers(text)] == ["4%"]


def test_a_plus_after_the_number_is_a_lower_bound_and_part_of_the_claim():
    [n] = find_numbers("China has 6,200-plus AI companies.")
    assert (n.start, n.end, n.plus) == (10, 20, True)
    assert find_numbers("a 1,000-plus-page filing and a 3-plus-1 plan") == []  # words


def test_a_size_before_a_noun_that_is_no_model_is_a_count():
    [n] = find_numbers("10B downloads across models")
    assert (n.value, n.unit) == (1e10, "count")


def test_a_size_before_a_model_family_or_a_fine_tune_is_no_quantity():
    text = "a 70B Llama fine-tune, a 7B Qwen and a 32B DeepSeek distill; 10B Qwen downloads"
    assert [text[n.start : n.end] for n in find_numbers(text)] == ["10B"]


@pytest.mark.parametrize("text", ["moved to 4 pm", "at 4 p.m. HKT", "at 4 PM", "at 4 o'clock"])
def test_a_time_of_day_is_no_number(text):
    assert find_numbers(text) == []


def test_a_keycap_emoji_numbering_a_list_is_no_number():
    text = "5\ufe0f\u20e3 Qwen passed 41%; 3\u20e3 more to come"
    assert [(n.value, n.unit) for n in find_numbers(text)] == [(41, "percent")]


@pytest.mark.parametrize("text", ["ranked No. 1 in 40 countries", "ranked #1 in 40 countries"])
def test_a_rank_is_no_share_of_what_follows_it(text):
    assert [(n.value, n.unit) for n in find_numbers(text)] == [(40, "count")]


def test_a_rating_with_a_decimal_is_not_read_from_inside_the_decimal():
    found = find_numbers("The model scored 3.5 out of 5 in our review.")
    assert [(n.value, n.unit) for n in found] == [(3.5, "count"), (5, "count")]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # a noun of time or place after "one X in n" says how often or where
        ("one release in six weeks", []),
        ("two labs in 20 countries", ["20"]),
        ("Alibaba released two models in 2025", []),
        ("two thousand downloads in ten", ["two thousand"]),
        ("one of six models", []),
        # a fraction in words is a share of a noun phrase after "of", nothing else
        ("in the second half of 2025", []),
        ("the second half of the downloads", []),
        ("in the first quarter of 2026", []),
        ("a quarter of 2026", []),
        ("three quarters of 2025", []),
        ("half of the year", []),
        ("a quarter of a century", []),
        ("a year and a half of work", []),
        ("half the downloads", []),
        ("both halves of the branch", []),
        ("the half-life of a model", []),
        ("a third model arrived in Q3", []),
    ],
)
def test_words_that_look_like_a_share_in_words_are_none(text, found):
    assert [text[n.start : n.end] for n in find_numbers(text)] == found


def test_one_seventh_does_not_stand_for_seventeen_percent():
    [n] = find_numbers("One-seventh of downloads")
    assert not n.value - n.tolerance <= 17.1 <= n.value + n.tolerance
    assert n.value - n.tolerance <= 14.3 <= n.value + n.tolerance


@pytest.mark.parametrize(
    ("text", "tolerance"),
    [
        ("17%", 0.5),
        ("17.1%", 0.05),
        ("17.0%", 0.05),
        ("$620 million", 5e6),
        ("7,000 firms", 50),
        ("seven hundred million", 5e6),  # as "700 million"
        ("41‰", 0.05),
        ("four in ten", 5),  # what rounds to four tenths
        # numbers in words are as precise as their digits would be ("700 million")
        ("seven hundred million", 5e6),
        ("two thousand five hundred people", 50),
        ("seventeen point one percent", 0.05),
        # "k in n" is the fraction k/n, named: one in six is one-sixth (1/5, 1/7)
        ("one in six", 50 * (1 / 5 - 1 / 6)),
        ("three in five", 50 * (2 / 3 - 3 / 5)),
        ("nine in ten", 5),
        # half the gap to the nearest fraction as simple (fifths at least): 1/6, 1/3, 4/5
        ("one-seventh", 50 * (1 / 6 - 1 / 7)),
        ("two-fifths", 50 * (2 / 5 - 1 / 3)),
        ("three-quarters", 50 * (4 / 5 - 3 / 4)),
        # thirds and halves are measured against fifths too (2/5, 3/5), not only against
        # each other: "a third" is not anything nearer 1/3 than 1/2
        ("a third of downloads", 50 * (2 / 5 - 1 / 3)),
        ("half of downloads", 50 * (3 / 5 - 1 / 2)),
        ("one in three", 50 * (2 / 5 - 1 / 3)),
        ("one in two", 50 * (3 / 5 - 1 / 2)),
    ],
)
def test_written_precision_sets_tolerance(text, tolerance):
    [n] = find_numbers(text)
    assert n.tolerance == pytest.approx(tolerance)


# The two big patterns are only tried where a match can start; that must find exactly
# what scanning every position finds.
_PIECES = [
    "one", "two", "forty", "-", " ", "a", "third", "thirds", "fifths", "in", "ten", "out of",
    "percent", "per cent", "million", "billion", "bn", "m", "$", "US$", "¥", "%", "x", "+",
    "1", "41", "6,200", "0.5", ".", ",", "K", "İ", "ſ", "Ten", "ONE", "twenty", "seven",
    "quarter", "half", "(", "e", "bone", "often", "pp", "yuan", "\u00a0", "2026",
    "a third", "a-fifth", " of", "four in ten", "1 out of 5", "twenty-one",
    "usd", "USD ", "rs", "Rs.", "€", "₹", "HK$", "−", "years", "_", "nt$", "IN", " OUT OF ",
    "hundred", "a hundred", "per-cent", "‰", "T", "3.5", "1,5", "B", "chinese yuan", "-percent",
    "RMB", "rmb1", "-plus", "plus", "xusd", " every ", "every",
    "download", " models ", "weeks", " half of all", "second ", " of 2025", "Hugging Face",
]  # fmt: skip
_TEXTS = st.lists(st.sampled_from(_PIECES), max_size=30).map("".join)


@settings(max_examples=3000, deadline=None)
@given(_TEXTS)
def test_wordy_matches_equal_a_full_scan(text):
    runs = [m.span() for m in numbers._DIGITS.finditer(text)]
    found = [m.span() for m in numbers._wordy_matches(text, numbers._lowered(text), runs)]
    assert found == [m.span() for m in numbers._WORDY.finditer(text)]


@settings(max_examples=3000, deadline=None)
@given(_TEXTS)
def test_numeric_matches_equal_a_full_scan(text):
    runs = [m.span() for m in numbers._DIGITS.finditer(text)]
    found = [m.span() for m in numbers._numeric_matches(text, numbers._lowered(text), runs)]
    assert found == [m.span() for m in numbers._NUMERIC.finditer(text)]


@pytest.mark.parametrize(
    ("text", "written", "low", "value", "unit"),
    [
        ("at 15–20% of downloads", "15–20%", 15, 20, "percent"),
        ("at 15-20% of downloads", "15-20%", 15, 20, "percent"),
        ("at 10%-20% of closures", "10%-20%", 10, 20, "percent"),
        ("in the 6–8 billion range", "6–8 billion", 6e9, 8e9, "count"),
        ("raised $600–650 million", "$600–650 million", 6e8, 6.5e8, "USD"),
        ("between 20% and 25% of downloads", "between 20% and 25%", 20, 25, "percent"),
        ("between 85 and 90 percent", "between 85 and 90 percent", 85, 90, "percent"),
        ("2-4x the dump size", "2-4x", 2, 4, "times"),
        # bare counts from 1,000 up, each a claim on its own
        ("between 6,000 and 6,500 AI companies", "between 6,000 and 6,500", 6000, 6500, "count"),
        ("6,000–6,500 AI companies", "6,000–6,500", 6000, 6500, "count"),
        # "to" between two ends of one figure
        ("DeepSeek holds 5 to 10 percent of", "5 to 10 percent", 5, 10, "percent"),
        ("DeepSeek holds 5 to 10% of", "5 to 10%", 5, 10, "percent"),
        ("holds 5% to 10% of", "5% to 10%", 5, 10, "percent"),
        ("raised $1 to $2 billion", "$1 to $2 billion", 1e9, 2e9, "USD"),
        ("anywhere from 5 to 10 percent", "5 to 10 percent", 5, 10, "percent"),
        ("estimates ranging from 5% to 10%", "5% to 10%", 5, 10, "percent"),
        # "to" hyphenated, as an adjective
        ("took 5-to-10 percent of", "5-to-10 percent", 5, 10, "percent"),
        ("took 35-to-45 per cent of", "35-to-45 per cent", 35, 45, "percent"),
        ("took 2.5-to-4.5% of", "2.5-to-4.5%", 2.5, 4.5, "percent"),
        ("took 5–10 per cent of", "5–10 per cent", 5, 10, "percent"),
    ],
)  # fmt: skip
def test_a_range_is_one_quantity_with_its_first_value_as_low(text, written, low, value, unit):
    [n] = numbers.with_ranges(text, find_numbers(text))
    assert (text[n.start : n.end], n.low, n.value, n.unit) == (written, low, value, unit)


@pytest.mark.parametrize(
    "text",
    [
        "rose from 15% to 20% of downloads",  # a change
        "set sink 1 to 75%",  # a setting
        "rated from 0 to 100%",  # a scale
        "went from 5 to 10 percent",  # a change
        "rose 5-to-10 percent",  # a change, hyphenated
        "went from 30% to 41%",  # a change
        "grew 15% to 18% of downloads",  # a change
        "grew from 6,000 to 6,500 companies",  # a change
        "grew from more than 600 million to 700 million",  # a change, from a bound
        "68% and 18% of the market",  # two figures
        "20%–15% of downloads",  # not ascending
        "Listing 2-4 won't compile",  # a label
        "any number between 1 and 1,000!",  # a small count at one end
    ],
)
def test_two_numbers_that_are_no_range_stay_apart(text):
    assert all(n.low is None for n in numbers.with_ranges(text, find_numbers(text)))


@pytest.mark.parametrize(
    ("percent", "words"),
    [(14.29, "one-seventh"), (40, "two-fifths"), (50, "half"), (25, "one-quarter"),
     (66.67, "two-thirds"), (12.5, "one-eighth"), (33.3, None), (17.1, None)],
)  # fmt: skip
def test_fraction_words_names_the_simple_fraction_a_percentage_is_to_two_decimals(percent, words):
    assert fraction_words(percent) == words


def test_a_currency_after_a_figure_with_its_own_is_the_next_figures():
    """A struck-out figure and its correction: "~~USD 1.2 trillion~~ RMB 1.2tn"."""
    text = "exceeded USD 1.2 trillion RMB 1.2tn in 2025"
    found = [(text[m.start : m.end], m.unit) for m in find_numbers(text)]
    assert found == [("USD 1.2 trillion", "USD"), ("RMB 1.2tn", "CNY")]
