"""The bundled AI-industry pack (rules/ai-industry.yaml) matches the sentences drafts
write about its facts: each sentence gets the one finding SPEC §3 gives it (or none),
against the fact named."""

from pathlib import Path

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
        # A figure credited by the sentence before, about no subject the sentence names,
        # is the credited source's when its figures for the metric have one subject.
        ("Li Lecheng said China's core AI industry exceeded RMB 1.2 trillion in 2025. The "
         "minister added that more than 6,200 enterprises operate in the field.", []),
        # (A subject the sentence's other clause names is not the claim's.)
        ("Li Lecheng said China's core AI industry exceeded RMB 1.2 trillion in 2025. The "
         "minister added that more than 6,200 enterprises operate in the field, and that more "
         "than 30% of large-scale manufacturing enterprises had applied AI technologies.", []),
        # A name ending in a report noun ("MIT researchers") credits its source whatever
        # its verb, as "A new MIT study looked at downloads" does; the rest of the
        # paragraph is credited to it.
        ("The MIT researchers point to firms such as DeepSeek and Alibaba. Alibaba's Qwen "
         "family makes up over 40 percent of all new open-source models uploaded to Hugging "
         "Face each month.", [("CL103", "qwen-share-new-derivatives")]),
        # A sentence's opening "Another" names no one: the credited source's US share.
        ("Another reading of the same MIT data puts the US share at 17–19%.",
         [("CL102", "us-download-share-year-to-aug-2025")]),
        # A possessive name after "in" owning its data, with words between: a credit.
        ("Grok overtook DeepSeek in Similarweb's January 16 data, 3.5% against 3.3%.", []),
        # A possessive credits a figure in percentage points; "visits" are traffic; whose
        # a figure is may follow what it counts; a gain is compared with a fact that is one.
        ("An earlier version described Microsoft's 1.2 percentage point rise in global "
         "generative AI adoption as a 1.2% increase.",
         [("CL104", "global-genai-adoption-2025-q4-change")]),
        ("Similarweb data put Gemini at one in four visits to AI chatbots worldwide.",
         [("CL102", "gemini-chatbot-traffic-share-malay-mail")]),
        ("Rounded the wrong way, the MIT study's numbers become 16% of global downloads for "
         "China and 17% for the US.", [("CL102", "cn-download-share-year-to-aug-2025"),
                                       ("CL102", "us-download-share-year-to-aug-2025")]),
        ("Zhipu's shares had gained nearly 400% since their debut by February 13, Bloomberg "
         "reported.", [("CL102", "zhipu-gain-since-debut-2026-02")]),
        # What the number counts is a noun of up to four words.
        ("CGTN also reported that 41% of large language model downloads came from Chinese "
         "models.", [("CL103", "cn-download-share-past-year")]),
        # "et al." keeps its period; data "give" a figure as they "gives" it.
        ("Longpre et al. report a dataset of 851,000 models and 2.2B downloads.", []),
        ("Similarweb's data give ChatGPT 68% of the global chatbot market.", []),
        # A report's title after "from" credits the report, as before the figure.
        ("China's 41% share of downloads over the past year comes from Hugging Face's "
         "Spring 2026 report.", []),
        ("China's 50% share of downloads over the past year comes from Hugging Face's "
         "Spring 2026 report.", [("CL102", "cn-download-share-past-year")]),
        # The share Chinese models surpassed is the US figure as written, not a lower bound
        # that China's 17.1% would fit.
        ("Chinese models took 17% of global downloads, surpassing the 12% share held by US "
         "developers, according to MIT and Hugging Face.",
         [("CL102", "us-download-share-year-to-aug-2025")]),
        # "One in six" is one-sixth (15-18.3%): not PPC Land's 22% for Gemini, but the
        # 18.2% Similarweb gave through Malay Mail.
        ("Gemini's share of global chatbot traffic was one in six on January 16, PPC Land "
         "reported.", [("CL103", "gemini-chatbot-traffic-share-malay-mail")]),
        # Hugging Face's chart gives US-developed models 36.5% over the past year: a draft
        # crediting the report with another US share is told that figure, not MIT's 15.8%.
        ("In the same window, according to the Spring 2026 report, US-developed models "
         "took 38.5% of downloads.", [("CL102", "us-download-share-past-year")]),
        ("The Spring 2026 report gives US-developed models a 38.5% share of downloads.",
         [("CL102", "us-download-share-past-year")]),
        # The model-size facts are about averages and medians, which drafts name without
        # "size"; a download count near 827M is not one of them.
        ("The average downloaded open model had 20.8B parameters in 2025.",
         [("CL201", "mean-downloaded-model-size-2025")]),
        ("The median downloaded open model had 460M parameters in 2025, per the Spring 2026 "
         "report.", [("CL102", "median-downloaded-model-size-2025")]),
        ("Qwen models range up to 235B parameters. These models have been downloaded over 802 "
         "million times.", [("CL101", None), ("CL102", "qwen-hf-downloads-2026-01")]),
        # Users are users: "grew to" says nothing of what grew.
        ("Hugging Face's monthly visits grew to 40 million in 2025, its Spring 2026 report "
         "says.", [("CL101", None)]),
        # The flagship, worded as little as possible: what the number counts ("of
        # downloads") is a keyword of the Spring report's 41%, or "share of downloads" one
        # in full, so the figure is that report's, not the MIT / Hugging Face analysis's.
        ("MIT and Hugging Face researchers say Chinese models now make up 41 percent of "
         "downloads.", [("CL103", "cn-download-share-past-year")]),
        ("The MIT/Hugging Face analysis puts China's share of downloads at forty-one percent.",
         [("CL103", "cn-download-share-past-year")]),
        # Share prices (with cents, of shares) are no IPO's proceeds.
        ("Zhipu's Hong Kong shares rose from HK$116.20 to HK$131.50 on debut.",
         [("CL101", None), ("CL101", None)]),
        # A platform's possessive ("Hugging Face's 151,448 Qwen-based derivatives") does
        # not take the figure from the subject it counts.
        ("Hugging Face's 151,448 Qwen-based derivatives outnumber Meta's, the Spring 2026 "
         "report found.", [("CL103", "qwen-derivatives-summer-2026")]),
        # "over the same period" names no other metric than the credited source's one.
        ("Moonshot AI recorded 45M downloads over the same period [@hfsummer2026].",
         [("CL102", "moonshot-downloads-jan-jul-2026")]),
        # "The same analysis" says who gives the figure, not another metric: the credited
        # source's US share is the figure it is checked against.
        ("The MIT and Hugging Face analysis put China's share of global downloads at 17.1%. "
         "The same analysis put the US share at 16.8%.",
         [("CL102", "us-download-share-year-to-aug-2025")]),
        # Views are nothing a fact counts: "some 480,000" is no loose 500,000 public
        # datasets of the report the thread sums up.
        ("A thread with some 480,000 views claims to sum up Hugging Face's Spring 2026 "
         "report in five numbers.", [("CL101", None)]),
        # The share a verb puts at a figure is what it measures: new derivatives, which
        # MIT Technology Review's figure is of, not Microsoft's.
        ("A Microsoft study, by contrast, put Qwen's share of new derivatives at roughly "
         "two-fifths.", [("CL103", "qwen-share-new-derivatives")]),
        # "the Cuban market" is Cuba's: Microsoft's figure for it, not for China.
        ("Microsoft estimates DeepSeek's Cuban market share at 49%.", []),
        ("DeepSeek also holds 56% of the Belarusian market, according to Microsoft.", []),
        ("DeepSeek's share of the Russian market was 34%, Microsoft says.",
         [("CL102", "deepseek-share-russia")]),
        # Its subject and a keyword of several words in full ("global downloads") make the
        # metric, however many other words the fact's metric and keywords have; credited
        # to a source without it, the figure is that source's to give.
        ("China holds roughly 25% of global downloads.",
         [("CL102", "cn-download-share-year-to-aug-2025")]),
        ("China holds roughly 25% of global downloads, per CGTN.",
         [("CL101", None)]),
        # A label opening the item says what its figures count; "vs" names nothing counted.
        ("- Downloads: Chinese models 41%, per MIT",
         [("CL103", "cn-download-share-past-year")]),
        ("- **Downloads:** Chinese models 41% vs US 36.5% (MIT/Hugging Face)",
         [("CL103", "cn-download-share-past-year"), ("CL103", "us-download-share-past-year")]),
        # "Qwen-tagged" says the keyword "tag Qwen".
        ("- Across all Qwen-tagged repositories the count is over 200,000 models.",
         [("CL201", "qwen-tagged-models-spring-2026")]),
        # A source that "had" the subject up by the figure credits it.
        ("MiniMax closed up 109% on its first day, Bloomberg reported. Reuters had MiniMax "
         "up 78% intraday on its debut.", []),
        # The credited paper's one figure for what the number counts, with another word of
        # its keywords ("dataset"); not without one.
        ("Longpre et al. report 2.5 billion downloads in their dataset.",
         [("CL102", "eoi-dataset-downloads")]),
        ("Longpre et al. report 2.5 billion downloads.", [("CL101", None)]),
        # A numbered reference after a sentence's full stop is that sentence's citation,
        # not the next one's: "Reuters … said" credits the 78%.
        ("MiniMax's shares closed up 109% on their first day of trading, Bloomberg "
         "reported.[1] Reuters said MiniMax shares rocketed 78% higher during the first day "
         "of trade.[2]\n\n[1]: https://www.thestar.com.my/business/minimax-shares-double\n"
         "[2]: https://example.org/minimax-soars", []),
        # "Li added" is the Li Lecheng the sentence before has for its subject.
        ("Li Lecheng spoke after the opening meeting of the National People's Congress.\n"
         "Domestic firms have released more than 300 humanoid robot models, Li added.", []),
        # "Rose" is the share-price gain the credited source gives for the subject.
        ("Zhipu shares rose 31.2% on their first day, according to Reuters.",
         [("CL102", "zhipu-ipo-first-day-close")]),
        # A link's text narrows its names as a sentence's do: "Hugging Face's spring
        # report" is the Spring 2026 report, not every Hugging Face source.
        ("As [Hugging Face's spring report](https://huggingface.co/blog/huggingface/"
         "state-of-os-hf-spring-2026) notes, 17.1% of global downloads went to Chinese "
         "models.", [("CL103", "cn-download-share-year-to-aug-2025")]),
        # A stretch of months names no other metric: the credited report's one figure for
        # the subject is quoted.
        ("Per the Hugging Face summer report, Moonshot recorded 73M downloads over the "
         "first seven months of 2026.", [("CL102", "moonshot-downloads-jan-jul-2026")]),
        # A bare figure of the subject fits its known one whatever stretch of time is said.
        ("Moonshot's downloads over the year were 37M.",
         [("CL201", "moonshot-downloads-jan-jul-2026")]),
        # RMB is the yuan: what the fact's keyword "yuan" says.
        ("China's AI industry topped RMB 1.2 trillion in 2025.",
         [("CL201", "cn-core-ai-industry-2025-cny")]),
        # (or a label before the figure's clause names it)
        ('A slide read "China: 21% of global downloads".',
         [("CL102", "cn-download-share-year-to-aug-2025")]),
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


ARTICLES = Path(__file__).parents[1] / "examples" / "articles"

# What `citelint check examples/articles/` reports with the bundled pack, per article, and
# why. The articles quote the pack's own sources, so a figure they credit correctly gets
# nothing; a right figure they do not credit gets CL201.
ARTICLE_FINDINGS = {
    "aiinasia-outstrip-us.md": {
        # 17.1% / 15.8% (line 28) are credited to MIT and Hugging Face under a garbled title
        # that names both sources; Baidu's "over 100" releases fit; 89% is Microsoft's; 4%,
        # 68% and 18% are Similarweb's via Malay Mail: all fit, nothing reported.
        (38, "CL201"),  # Qwen's 700 million downloads: uncredited (Qwen team via Xinhua)
        (54, "CL201"),  # MiniMax's $619 million and Zhipu's $558 million: uncredited
    },
    "cgtn-10-billion-downloads.md": {
        # Line 11, the headline, is the CCID story's own title; line 23's 41% of "large
        # language model downloads" credits Hugging Face and fits its 41% (the narrowing to
        # LLMs is a wording slip, not a value SPEC §3 checks).
        (13, "CL201"),  # 10 billion downloads and around 60% of patent filings: uncredited
        (15, "CL201"),  # 6,200 companies, 1.2 trillion yuan, $165 billion: uncredited
    },
    "gogoai-10-billion-downloads.md": {
        (9, "CL201"),  # the headline's 10 billion
        (13, "CL201"),  # 10 billion
        # Line 15's 41% credits the Spring 2026 report by the articles' garbled title: fits.
        (21, "CL201"),  # 10 billion: "According to the Hugging Face report" is a paragraph before
        (23, "CL201"),  # 60% of AI patent applications
        (25, "CL201"),  # 6,200 companies and 1.2 trillion yuan
        # "While downloads have surpassed 10 billion": the sentence names no subject, so it
        # fits no fact (the fact is about China) and is reported as unsupported.
        (45, "CL101"),
        (51, "CL201"),  # 10 billion downloads
        (57, "CL201"),  # "from 10 billion toward the next 10 billion"
    },
    "hespress-surpasses-us.md": {
        # Line 13: 17 percent fits 17.1 as written, and "surpassing the 15.8 percent share"
        # is the US 15.8% (not a lower bound), both credited to MIT and Hugging Face.
        (15, "CL201"),  # Qwen's "over 40 percent" of new uploads: uncredited (MIT TR)
        (15, "CL301"),  # "over 600 million" downloads: superseded by the Qwen team's 700 million
    },
    "neuralstackly-overtake-us.md": {
        # One-seventh the price: MIT Technology Review is in the Sources list, not the sentence.
        (35, "CL201"),
    },
}


@pytest.mark.parametrize("name", sorted(ARTICLE_FINDINGS))
def test_source_articles_get_the_findings_their_citations_earn(name):
    text = (ARTICLES / name).read_text(encoding="utf-8")
    found = {(d.line, d.code) for d in citelint.lint(text)}
    assert found == ARTICLE_FINDINGS[name]


def test_hespress_us_share_is_read_as_written_not_as_a_lower_bound():
    text = (ARTICLES / "hespress-surpasses-us.md").read_text(encoding="utf-8")
    [us] = [c for c in citelint.extract_claims(text) if c.text == "15.8 percent"]
    assert (us.qualifier, us.low, us.high) == ("=", pytest.approx(15.75), pytest.approx(15.85))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Reuters said MiniMax's shares had been up 78% intraday.", []),
        ("Zhipu's stock was up 13.2% at the close of its first day, Reuters said.", []),
        # A change the credited fact does not speak of is no gain of its shares.
        ("Reuters said MiniMax's revenue rose 78% last year.", [("CL101", None)]),
        # A fall is no gain.
        ("Reuters said MiniMax's shares fell 78% on Friday.", [("CL101", None)]),
    ],
)  # fmt: skip
def test_a_change_credited_to_a_source_fits_its_fact_that_measures_a_gain(text, expected):
    found = [(d.code, d.fact) for d in citelint.lint(text) if d.code not in ("CL202", "CL401")]
    assert found == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("DeepSeek's dominance at home is real. Microsoft's report puts its share in China at "
         "89%.", []),
        ("DeepSeek's dominance at home is real. Microsoft's report puts its share in China at "
         "80%.", [("CL102", "deepseek-share-china")]),
    ],
)  # fmt: skip
def test_its_share_in_a_place_is_the_share_of_the_subject_named_before(text, expected):
    found = [(d.code, d.fact) for d in citelint.lint(text) if d.code not in ("CL202", "CL401")]
    assert found == expected


def test_an_irregular_verb_names_the_change_its_fact_measures():
    """ "rose" is the "rise" of the fact's metric: the figure in percent is that rise in
    percentage points."""
    text = "Generative AI adoption rose 1.2% quarter-on-quarter, Microsoft said."
    found = [(d.code, d.fact) for d in citelint.lint(text)]
    assert found == [("CL104", "global-genai-adoption-2025-q4-change")]


def test_a_misattribution_is_offered_no_fix_of_a_weakly_matched_figure_of_another_size():
    """The summer report's best match for a derivatives row is its Qwen download count
    (2.061 billion): CL103 names it, but writing it over 180,000 would be wrong."""
    text = (
        "| Count | Qwen derivatives | As of | Source |\n| --- | --- | --- | --- |\n"
        "| Summer report, misread | 180,000 | July 2026 | Hugging Face summer report |\n"
    )
    [d] = citelint.lint(text)
    assert (d.code, d.fix) == ("CL103", None)
    # A figure of the same size keeps its fix: the flagship is offered MIT's 17.1%.
    [d] = citelint.lint(
        "MIT and Hugging Face found that 41% of global downloads came from Chinese models."
    )
    assert (d.code, d.fix.message) == ("CL103", "Replace with 17.1%")


def test_a_unit_mismatch_names_no_figure_of_another_kind_in_the_claims_unit():
    """A rise in percentage points written in percent: the report's adoption level in
    percent is no figure for the rise, so the message does not offer it."""
    text = (
        "- Rise in global generative AI adoption from the previous quarter: 1.2% ([Microsoft]"
        "(https://www.microsoft.com/en-us/corporate-responsibility/topics/ai-economy-institute"
        "/reports/global-ai-adoption-2025/))"
    )
    [d] = citelint.lint(text)
    assert d.code == "CL104"
    assert "in percent it gives" not in d.message
    # A figure for the same thing in the claim's unit is named.
    [d] = citelint.lint("CGTN valued China's core AI industry at more than $1.2 trillion.")
    assert d.code == "CL104" and "in US dollars (USD) it gives" in d.message
