"""Sentences: where one ends and the next starts (`sentences.split_sentences`)."""

import re

import pytest

from citelint.sentences import coordinated_parts, split_sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It rose. MIT found more.", ["It rose.", "MIT found more."]),
        ("It rose. (MIT found more.)", ["It rose.", "(MIT found more.)"]),
        ("It rose. 😀 MIT found more.", ["It rose.", "😀 MIT found more."]),
        ("It rose. ✅ 41% agree.", ["It rose.", "✅ 41% agree."]),
        ("It rose. → Next.", ["It rose.", "→ Next."]),
        ("It rose. $165 billion was raised.", ["It rose.", "$165 billion was raised."]),
        ("It rose. €5bn was raised.", ["It rose.", "€5bn was raised."]),
        ("It rose. and then fell.", ["It rose. and then fell."]),
        ("It rose, e.g. 😀 here.", ["It rose, e.g. 😀 here."]),
        ("It rose (Microsoft, 2026, p. 4) and pp. 5-6 say why.",
         ["It rose (Microsoft, 2026, p. 4) and pp. 5-6 say why."]),
        ("It rose (cf. Microsoft, n.d. Table 2) again.",
         ["It rose (cf. Microsoft, n.d. Table 2) again."]),
        # A note marker left as text (no footnote defines it), or a numbered one, after
        # the full stop still ends the sentence, and belongs to it.
        ("It rose.[^mit] MIT found more.", ["It rose.[^mit]", "MIT found more."]),
        ("It rose.[3] MIT found more.", ["It rose.[3]", "MIT found more."]),
        ("It rose.[^a][^b] MIT found more.", ["It rose.[^a][^b]", "MIT found more."]),
        ("It rose.[see note] MIT found more.", ["It rose.[see note] MIT found more."]),
        # inline HTML (a comment, a tag) stands as U+FFFC after the full stop
        ("It rose. \ufffc MIT found more.", ["It rose. \ufffc", "MIT found more."]),
        ("It rose.\ufffc MIT found more.", ["It rose.\ufffc", "MIT found more."]),
    ],
)  # fmt: skip
def test_sentences_start_at_a_capital_digit_currency_sign_or_symbol(text, expected):
    assert [text[a:b] for a, b in split_sentences(text)] == expected


@pytest.mark.parametrize(
    "text",
    [
        "Per U.S. Commerce Dept. data, ChatGPT holds 68%.",
        "Gov. Newsom and Sen. Padilla said so.",
        "The Univ. of Tokyo study, by Smith Jr. and Lee, found 41%.",
    ],
)
def test_title_and_office_abbreviations_do_not_end_a_sentence(text):
    assert [text[a:b] for a, b in split_sentences(text)] == [text]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Similarweb puts Gemini at 4% and DeepSeek at 18% of the market.",
         ["Similarweb puts Gemini at 4% ", " DeepSeek at 18% of the market."]),
        ("The market splits 4% for Gemini, 18% for DeepSeek.",
         ["The market splits 4% for Gemini", "18% for DeepSeek."]),
        # Not coordinated: a range, and figures the sentence scan ran together.
        ("ChatGPT fell from 87% to 68% in a year.", [None, None]),
        ("DeepSeek holds 89%.[^ms] While Gemini holds 18% and ChatGPT 68%.",
         [None, "Gemini holds 18% ", " ChatGPT 68%."]),
    ],
)  # fmt: skip
def test_coordinated_figures_each_have_their_own_part_of_the_sentence(text, expected):
    figures = [m.span() for m in re.finditer(r"\d+%", text)]
    parts = coordinated_parts(text, figures)
    assert [None if p is None else text[p[0] : p[1]] for p in parts] == expected
