"""The bundled AI-industry pack (rules/ai-industry.yaml) matches the sentences drafts
write about its facts: each sentence gets the one finding SPEC §3 gives it (or none),
against the fact named."""

import pytest

import citelint

SPRING = "\n\n[^s]: Hugging Face, State of Open Source on Hugging Face: Spring 2026."


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The Qwen team's 700 million is the current cumulative count: written plainly or
        # as a lower bound it fits, and a wrong count is told 700 million, not the older
        # 600 million it superseded.
        ("Qwen has 700 million downloads.", [("CL201", "qwen-hf-downloads-2026-01")]),
        ("Qwen has over 700 million downloads.", [("CL201", "qwen-hf-downloads-2026-01")]),
        ("Qwen has been downloaded 800 million times.",
         [("CL102", "qwen-hf-downloads-2026-01")]),
        ("Qwen models have been downloaded 600 million times.",
         [("CL301", "qwen-hf-downloads-600m")]),
        # The top 200 models' 49.6% is about the top models, not about Hugging Face: a
        # sentence citing the report needs not name the platform, and a sentence naming
        # it is not about them.
        ("The top 200 most downloaded models take 49.6% of all downloads.[^s]" + SPRING, []),
        ("Hugging Face's Spring 2026 report says 50% of downloads in the past year came "
         "from Chinese models.", [("CL102", "cn-download-share-past-year")]),
        # The share Chinese models surpassed is the US figure as written, not a lower bound
        # that China's 17.1% would fit.
        ("Chinese models took 17% of global downloads, surpassing the 12% share held by US "
         "developers, according to MIT and Hugging Face.",
         [("CL102", "us-download-share-year-to-aug-2025")]),
        # "the summer report" names Hugging Face's Summer 2026 report.
        ("Qwen recorded 2,061M downloads across all repositories in 2026, the summer report "
         "says.", []),
    ],
)  # fmt: skip
def test_bundled_pack_sentence_gets(text, expected):
    found = [(d.code, d.fact) for d in citelint.lint(text) if d.code not in ("CL202", "CL401")]
    assert found == expected


def test_a_wrong_qwen_download_count_is_offered_the_current_figure():
    [finding] = citelint.lint("Qwen has been downloaded 800 million times.")
    assert finding.fix is not None and "700 million" in str(finding.fix)
