""" "… according to MIT and Similarweb respectively": each figure of the sentence is
credited to its own name, in order, when there are as many figures as names."""

import json
import os
import subprocess
from pathlib import Path

import pytest
from clihelpers import citelint_exe
from test_attribution import each_credited

import citelint

FACTS = Path(__file__).parent / "fixtures" / "eval-extra" / "facts.yaml"
MIT = ["hf-mit-deepseek-moment"]
SW = ["similarweb-2026-01"]
MS = ["microsoft-research-2026"]


@pytest.fixture(scope="module")
def facts():
    return citelint.load_facts(FACTS)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Chinese models hold 17.1% of global downloads and ChatGPT 68% of the global chatbot "
         "market, according to MIT and Similarweb respectively.", [MIT, SW]),
        ("Chinese models and ChatGPT hold 17.1% and 68%, per MIT and Similarweb, respectively.",
         [MIT, SW]),
        ("ChatGPT holds 68% of the global chatbot market and Chinese models 17.1% of global "
         "downloads, according to Similarweb and MIT respectively.", [SW, MIT]),
        ("According to Similarweb and MIT respectively, ChatGPT holds 68% of the global chatbot "
         "market and Chinese models 17.1% of global downloads.", [SW, MIT]),
    ],
)  # fmt: skip
def test_two_figures_are_credited_to_two_names_in_order(text, expected, facts):
    assert each_credited(text, facts) == expected


def test_three_figures_are_credited_to_a_listed_three_names_in_order(facts):
    text = (
        "ChatGPT, Gemini and DeepSeek hold 68%, 18% and 89% of their markets, according to "
        "Similarweb, Similarweb and Microsoft respectively."
    )
    assert each_credited(text, facts) == [SW, SW, MS]


@pytest.mark.parametrize(
    "text",
    [
        # three figures, two names: each figure is credited to both, as without the word
        "Chinese and US models took 17.1%, 15.8% and 68% of their markets, according to MIT "
        "and Similarweb respectively.",
        # "respectively" pairs the models with the figures, not the figures with the names
        "Chinese and US models took 17.1% and 15.8% of global downloads respectively, "
        "according to MIT and Similarweb.",
    ],
)
def test_without_a_figure_for_each_name_every_figure_is_credited_to_all(text, facts):
    credited = each_credited(text, facts)
    assert credited and all(sources == sorted(MIT + SW) for sources in credited)


def run_json(path):
    result = subprocess.run(
        [*citelint_exe(), "check", "--facts", str(FACTS), "--format", "json", str(path)],
        capture_output=True, text=True, env={**os.environ, "NO_COLOR": "1"}, timeout=120,
    )  # fmt: skip
    return json.loads(result.stdout)


def test_the_cli_passes_a_correct_pair_and_flags_a_swapped_one_as_misattributed(tmp_path):
    right = tmp_path / "right.md"
    right.write_text(
        "Chinese models hold 17.1% of global downloads and ChatGPT 68% of the global chatbot "
        "market, according to MIT and Similarweb respectively.\n",
        encoding="utf-8",
    )
    swapped = tmp_path / "swapped.md"
    swapped.write_text(
        "ChatGPT holds 68% of the global chatbot market and Chinese models 17.1% of global "
        "downloads, according to MIT and Similarweb respectively.\n",
        encoding="utf-8",
    )
    assert run_json(right) == []
    found = [(d["code"], d["claim"]["text"]) for d in run_json(swapped)]
    assert found == [("CL103", "68%"), ("CL103", "17.1%")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # As many subjects before the figures as figures: each figure is its own subject's.
        ("ChatGPT and Gemini hold 68% and 18% of the global chatbot market, respectively, "
         "according to Similarweb.", []),
        ("According to Similarweb, ChatGPT and Gemini hold 18% and 68% of the global chatbot "
         "market, respectively.", [("CL102", "chatgpt-global-chatbot-share"),
                                   ("CL102", "gemini-global-chatbot-share")]),
        ("US and Chinese open-source models took 17.1% and 15.8% of global downloads, "
         "respectively.", [("CL102", "us-global-download-share"),
                           ("CL102", "cn-global-download-share")]),
        ("MiniMax and Zhipu AI raised $558 million and $619 million in their IPOs, "
         "respectively, HKEX filings show.", [("CL102", "minimax-ipo"), ("CL102", "zhipu-ipo")]),
        ("ChatGPT, Gemini and DeepSeek hold 68%, 21% and 4% of the global chatbot market "
         "respectively, Similarweb data show.", [("CL102", "gemini-global-chatbot-share")]),
        # Not as many subjects as figures: nothing is paired (each fits a subject named).
        ("ChatGPT, Gemini and DeepSeek hold 18% and 68% of the global chatbot market, "
         "respectively, according to Similarweb.", []),
    ],
)  # fmt: skip
def test_respectively_pairs_the_figures_with_the_subjects_listed_before_them(text, expected, facts):
    assert [(d.code, d.fact) for d in citelint.lint(text, facts)] == expected
