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
