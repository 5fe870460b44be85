"""Sentences: where one ends and the next starts (`sentences.split_sentences`)."""

import pytest

from citelint.sentences import split_sentences


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
