"""A bare figure for a subject: "Gemini has 18%." credits no source and names no
metric, but its clause names a subject of the table. The subject's fact with the
number as written is the one meant (CL201, not CL101). A wrong value is judged
against the subject's figure (CL102) only when all its figures in the unit measure
one metric; a sentence naming another metric, counting things the table does not, or
speaking of a change is left alone. A model's versioned name ("Qwen3") names its
family.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import citelint

FACTS = Path(__file__).parent / "fixtures" / "eval-extra" / "facts.yaml"


@pytest.fixture(scope="module")
def facts():
    return citelint.load_facts(FACTS)


def found(text: str, facts=None) -> list[tuple[str, str | None]]:
    return [(d.code, d.fact) for d in citelint.lint(text, facts) if d.code != "CL401"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Gemini has 18%.", [("CL201", "gemini-global-chatbot-share")]),
        # A year or a stretch of time names no other metric.
        ("Gemini has 18% since 2025.", [("CL201", "gemini-global-chatbot-share")]),
        ("ChatGPT holds 68%.", [("CL201", "chatgpt-global-chatbot-share")]),
        ("ChatGPT holds 68% to Gemini's 18%.",
         [("CL201", "chatgpt-global-chatbot-share"), ("CL201", "gemini-global-chatbot-share")]),
        # Gemini's one percent figure is its chatbot share: a wrong value is told 18%.
        ("Gemini has 25%.", [("CL102", "gemini-global-chatbot-share")]),
        ("ChatGPT's share is 72%.", [("CL102", "chatgpt-global-chatbot-share")]),
        # DeepSeek has two percent figures, of two metrics: each value fits its own, and
        # another value is no known figure.
        ("DeepSeek has 4%.", [("CL201", "deepseek-global-chatbot-share")]),
        ("DeepSeek has 89%.", [("CL201", "deepseek-china-share")]),
        ("DeepSeek has 50%.", [("CL101", None)]),
        # Another metric, things the table does not count, a change, another subject.
        ("Gemini's app has 18% of Android installs.", [("CL101", None)]),
        ("Gemini grew 18% last quarter.", [("CL101", None)]),
        ("Claude holds 3%.", [("CL101", None)]),
        # The claim's interval: "more than 15%" fits 18%.
        ("Gemini has more than 15%.", [("CL201", "gemini-global-chatbot-share")]),
        # A credited source that is not in the table: CL101 says so.
        ("Gemini has 18%, according to Gartner.", [("CL101", None)]),
    ],
)  # fmt: skip
def test_a_bare_figure_for_a_named_subject_is_its_known_figure(text, expected, facts):
    assert found(text, facts) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "people use" Hugging Face: its users.
        ("Some 13 million people use Hugging Face.", [("CL201", "hf-users-2025")]),
        # 2 million is Hugging Face's count of public models, not of people.
        ("Some 2 million people use Hugging Face.", [("CL101", None)]),
        # "Qwen3" and "Qwen3.5" name the Qwen family.
        ("Qwen3 models have been downloaded 700 million times.",
         [("CL201", "qwen-hf-downloads-2026-01")]),
        ("Qwen3.5 models have been downloaded 600 million times.",
         [("CL301", "qwen-hf-downloads-600m")]),
    ],
)  # fmt: skip
def test_bundled_pack_bare_figures(text, expected):
    assert found(text) == expected


def test_a_bare_figure_in_a_unit_the_table_lacks_is_unsupported(facts):
    # The table has no euro figures: nothing to fit, and no crash looking.
    assert found("Hugging Face €3.5bn\n", facts) == [("CL101", None)]
