"""Words as the matcher compares them: stemmed, synonyms merged, the pronoun "us"
dropped but the country kept."""

import pytest

from citelint.terms import TermsBefore, stem, terms, tokens


def test_tokens_keep_the_country_and_drop_the_pronoun():
    text = "US and U.S.A. firms told us: Us too, Chinese downloads rose; MIT's studies"
    assert tokens(text) == [
        "us", "and", "us", "company", "told", "too", "china", "download", "rise", "mit", "study",
    ]  # fmt: skip


def test_terms_are_the_content_words_however_inflected():
    assert terms("The share of Chinese downloads rose") == terms("shares in China download; rose")
    assert {"china", "download", "rise"} < terms("The share of Chinese downloads rose")
    assert not terms("the of and it is")


def test_the_same_word_reads_the_same_everywhere():
    assert tokens("Downloads") == tokens("downloads") == tokens("downloaded") == ["download"]


def test_united_states_is_one_word_the_country():
    # As two words, "united" and "states" would weigh as a US fact's distinctive terms
    # and keep "US models hold 20%" from reaching that fact's metric.
    assert tokens("the United States and united\nstates") == ["the", "us", "and", "us"]
    assert terms("United States models") == terms("US models") == {"us", "model"}


def test_terms_before_growing_ends_add_up_to_the_terms_of_each_beginning():
    text = "Chinese firms. It rose in the U.S.A. and the United\nStates too; downloads rose"
    reader = TermsBefore(text)
    seen: set[str] = set()
    for end in range(len(text) + 1):
        new, cut = reader.until(end)
        seen |= new
        assert seen | cut == terms(text[:end]), end
    # A word cut by the end reads as its beginning does, for that call only.
    reader = TermsBefore("the U.S.A. and")
    assert reader.until(7) == (set(), frozenset({"u"}))  # "the U.S"
    assert reader.until(14) == ({"us"}, frozenset())


def test_an_ipos_proceeds_are_what_it_raised():
    assert terms("IPO proceeds") == terms("raised in its IPO") == terms("raising an IPO")
    assert terms("IPO brought in") == terms("IPO netted") == terms("IPO raised in")


def test_the_unit_word_percent_adds_nothing_and_a_percentage_is_a_share():
    # "41 percent" and "41%" are the same claim and must read the same context; the word
    # "percentage" was mapped to "share" while "share" itself stems to "shar".
    assert terms("Chinese models took 41 percent of downloads") == terms(
        "Chinese models took 41% of downloads"
    )
    assert terms("the percentage of downloads") == terms("the share of downloads")
    assert terms("a proportion of downloads") == terms("shares of downloads")


@pytest.mark.parametrize(
    ("words", "expected"),
    [(["rise", "rises", "rose", "risen", "rising"], "rise"),
     (["grow", "grows", "grew", "grown", "growing"], "grow"),
     (["fall", "falls", "fell", "fallen", "falling"], "fall")],
)  # fmt: skip
def test_irregular_verbs_of_change_share_their_stem(words, expected):
    assert {stem(w) for w in words} == {expected}


@pytest.mark.parametrize(
    ("adjective", "country"),
    [("Cuban", "Cuba"), ("Belarusian", "Belarus"), ("Russian", "Russia"), ("French", "France"),
     ("Japanese", "Japan"), ("Chinese", "China")],
)  # fmt: skip
def test_a_countrys_adjective_is_the_country(adjective, country):
    assert terms(f"the {adjective} market") == terms(f"the {country} market")


def test_a_currencys_letters_are_no_word_but_the_country_still_is():
    assert terms("roughly US$165bn, HK$4.8 billion or A$1bn") == {
        "roughly",
        "165bn",
        "4",
        "8",
        "billion",
        "1bn",
    }
    assert "us" in terms("against 15.8% for the US and US$619m")


@pytest.mark.parametrize("name", ["RMB", "renminbi", "CNY"])
def test_the_yuans_other_names_are_the_yuan(name):
    assert terms(f"topped {name} 1.2 trillion") == terms("topped 1.2 trillion yuan")


@pytest.mark.parametrize(
    ("word", "stem_of"),
    [("tagged", "tag"), ("shipping", "ship"), ("planned", "plan"), ("added", "add"),
     ("called", "call"), ("passed", "pass")],
)  # fmt: skip
def test_a_consonant_doubled_before_ed_or_ing_is_written_once(word, stem_of):
    assert terms(word) == terms(stem_of)
