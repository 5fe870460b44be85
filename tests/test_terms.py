"""Words as the matcher compares them: stemmed, synonyms merged, the pronoun "us"
dropped but the country kept."""

from citelint.terms import terms, tokens


def test_tokens_keep_the_country_and_drop_the_pronoun():
    text = "US and U.S.A. firms told us: Us too, Chinese downloads rose; MIT's studies"
    assert tokens(text) == [
        "us", "and", "us", "company", "told", "too", "china", "download", "rose", "mit", "study",
    ]  # fmt: skip


def test_terms_are_the_content_words_however_inflected():
    assert terms("The share of Chinese downloads rose") == terms("shares in China download; rose")
    assert {"china", "download", "rose"} < terms("The share of Chinese downloads rose")
    assert not terms("the of and it is")


def test_the_same_word_reads_the_same_everywhere():
    assert tokens("Downloads") == tokens("downloads") == tokens("downloaded") == ["download"]
