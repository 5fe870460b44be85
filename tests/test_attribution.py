"""Attribution: who the text credits for each claim (SPEC §2)."""

from pathlib import Path

import pytest

import citelint
from citelint.engine import analyse

FACTS = Path(__file__).parent / "fixtures" / "rules" / "facts.yaml"


@pytest.fixture(scope="module")
def facts():
    return citelint.load_facts(FACTS)


def credited(text, facts):
    evidence = analyse(text, facts).evidence
    assert evidence, "no claim found"
    return sorted(evidence[-1].attribution.sources), evidence[-1].attribution.how


def each_credited(text, facts):
    """The sources credited for each claim of `text`, in order."""
    return [sorted(ev.attribution.sources) for ev in analyse(text, facts).evidence]


@pytest.mark.parametrize(
    ("text", "sources", "how"),
    [
        ("Chinese models hold 17.1% of global downloads.[^m]\n\n[^m]: MIT study, 2026.",
         ["hf-mit-deepseek-moment"], "footnote"),
        ("Chinese models hold 17.1% of global downloads [per CGTN](https://news.cgtn.com/a).",
         ["cn-official-2026-04"], "link"),
        ("Chinese models hold [17.1%](https://huggingface.co/blog/x) of global downloads.",
         ["hf-mit-deepseek-moment"], "link"),
        ("Chinese models hold [17.1%](https://huggingface.co/papers/x) of global downloads.",
         ["hf-spring-2026"], "link"),
        ("Chinese models hold [17.1%][r] of global downloads.\n\n[r]: https://www.similarweb.com/x",
         ["similarweb-2026-01"], "link"),
        ("Chinese models hold 17.1% of global downloads [@hfmit2026].",
         ["hf-mit-deepseek-moment"], "citation"),
        ("According to Similarweb, ChatGPT holds 68% of the global chatbot market.",
         ["similarweb-2026-01"], "cue"),
        ("ChatGPT holds 68% of the global chatbot market, Similarweb said.",
         ["similarweb-2026-01"], "cue"),
        ("Similarweb's data puts ChatGPT at 68% of the global chatbot market.",
         ["similarweb-2026-01"], "cue"),
        ("ChatGPT holds 68% of the global chatbot market (Similarweb, 2026).",
         ["similarweb-2026-01"], "cue"),
        ("A study by MIT and Hugging Face finds Chinese models at 17.1% of global downloads.",
         ["hf-mit-deepseek-moment"], "cue"),
        ("MIT Technology Review reports Chinese models at 17.1% of global downloads.",
         ["mit-tr-2026-02"], "cue"),
        ("According to Hugging Face, 41% of LLM downloads came from Chinese models.",
         ["hf-mit-deepseek-moment", "hf-spring-2026"], "cue"),
        ("HuggingFace's report says 41% of LLM downloads came from Chinese models.",
         ["hf-spring-2026"], "cue"),
        ("HuggingFace says 41% of LLM downloads came from Chinese models.",
         ["hf-mit-deepseek-moment", "hf-spring-2026"], "cue"),
        # a reference's author and year credit the figures of its title (the sentence
        # after them)
        ('3. CGTN (2026). "China open-source AI models surpass 10 billion downloads", '
         "28 April 2026.", ["cn-official-2026-04"], "paragraph"),
        # initials with periods are the name without them
        ("According to M.I.T., Chinese models hold 17.1% of global downloads.",
         ["hf-mit-deepseek-moment"], "cue"),
        ("A new MIT analysis looks at downloads. It finds Chinese models at 17.1%.",
         ["hf-mit-deepseek-moment"], "paragraph"),
        # an interview's answer takes the credit its question names ("X's number")
        ("**Q: Is that Similarweb's number?** A: Yes. Gemini holds 18% of the global "
         "chatbot market.", ["similarweb-2026-01"], "paragraph"),
        # a writer's outlet, an interviewer, a year in brackets, "is the source"
        ("Writing in MIT Technology Review, the authors put Chinese models at 17.1%.",
         ["mit-tr-2026-02"], "cue"),
        ("Speaking to CGTN, officials said China has more than 6,200 AI companies.",
         ["cn-official-2026-04"], "cue"),
        ("In an interview with CGTN, officials said China has more than 6,200 AI companies.",
         ["cn-official-2026-04"], "cue"),
        ("Microsoft (2026) found that DeepSeek holds 89% of the market within China.",
         ["microsoft-research-2026"], "cue"),
        ("In Microsoft's telling, DeepSeek holds 89% of the market within China.",
         ["microsoft-research-2026"], "cue"),
        # "in X's reading" credits X as "in X's telling" does, and so do "view" and
        # "by X's measure".
        ("In Microsoft's reading, DeepSeek holds 89% of the market in China.",
         ["microsoft-research-2026"], "cue"),
        ("In Similarweb's view, ChatGPT holds 68% of the global chatbot market.",
         ["similarweb-2026-01"], "cue"),
        ("By Similarweb's measure, Gemini holds 18% of the global chatbot market.",
         ["similarweb-2026-01"], "cue"),
        ("Similarweb is the source for ChatGPT's 68% of the global chatbot market.",
         ["similarweb-2026-01"], "cue"),
        ("More than 40% of models uploaded to Hugging Face each month are Qwen derivatives.",
         [], "none"),
        ("| Metric | Value | Source |\n|---|---|---|\n| ChatGPT share | 68% | Similarweb |",
         ["similarweb-2026-01"], "table"),
        # A Source cell's footnote reference or citation key credits as in a sentence.
        ("| Metric | Value | Source |\n|---|---|---|\n| ChatGPT share | 68% | [^s] |\n\n"
         "[^s]: Similarweb, January 2026.", ["similarweb-2026-01"], "table"),
        ("| Metric | Value | Source |\n|---|---|---|\n"
         "| Chinese share of global downloads | 17.1% | [@hfmit2026] |",
         ["hf-mit-deepseek-moment"], "table"),
        # Without a Source column, a cue in the cell's column header credits the cell.
        ("| Chatbot | Share of the global chatbot market (Similarweb) |\n|---|---|\n"
         "| ChatGPT | 68% |", ["similarweb-2026-01"], "cue"),
        ("| Chatbot | Market share in China, per Microsoft |\n|---|---|\n| DeepSeek | 89% |",
         ["microsoft-research-2026"], "cue"),
        ("| Chatbot | Share of the global chatbot market |\n|---|---|\n| ChatGPT | 68% |",
         [], "none"),
        ("Microsoft estimates DeepSeek's share in China.\n\nThat January report puts "
         "DeepSeek's market share within China at 89%.", ["microsoft-research-2026"], "previous"),
        ("Microsoft estimates DeepSeek's share in China.\n\nThe same report puts it at 89%.",
         ["microsoft-research-2026"], "previous"),
        ("Microsoft estimates DeepSeek's share in China.\n\nThis study puts it at 89%.",
         ["microsoft-research-2026"], "previous"),
        # A cue in the claim's own sentence wins over an earlier one in the paragraph,
        # also when the sentence is a parenthesised aside or opens with an emoji.
        ("According to Similarweb, ChatGPT holds 68% of the global chatbot market. "
         "(MIT found Chinese models hold 17.1% of global downloads.)",
         ["hf-mit-deepseek-moment"], "cue"),
        ("According to Similarweb, ChatGPT holds 68% of the global chatbot market. "
         "😀 MIT found Chinese models hold 17.1% of global downloads.",
         ["hf-mit-deepseek-moment"], "cue"),
        ("ChatGPT holds 68% of the global chatbot market (Similarweb).",
         ["similarweb-2026-01"], "cue"),
        # Only a sentence that points back is credited beyond its paragraph, and never
        # across a heading (the section's own heading is read).
        ("MIT published a big study on downloads.\n\n## Another section\n\n"
         "The same study puts Chinese models at 17.1% of global downloads.", [], "none"),
        ("MIT published a big study on downloads.\n\n## Another section\n\n"
         "Chinese models hold 17.1% of global downloads, according to the data.", [], "none"),
        ("Chinese models hold 17.1% of global downloads, per the MIT study.\n\n"
         "Chinese models hold 17.1% of global downloads, according to the data.", [], "none"),
        ("MIT published a big study on downloads.\n\n"
         "The study found Chinese models hold 17.1% of global downloads.", [], "none"),
        ("Microsoft estimates DeepSeek's share in China.\n\n## The same report puts it at 89%",
         [], "none"),
        ("## What the MIT study found\n\n"
         "The same study puts Chinese models at 17.1% of global downloads.",
         ["hf-mit-deepseek-moment"], "previous"),
        ("According to Microsoft, DeepSeek holds 89% in China.\n\n## What MIT found\n\n"
         "Some text.\n\nThe same report puts Chinese models at 17.1% of global downloads.",
         ["hf-mit-deepseek-moment"], "previous"),
        # A paragraph that credits two sources in turn leaves "the same study" unclear:
        # it is credited to neither.
        ("According to MIT and Hugging Face, Chinese models hold 17.1% of global downloads. "
         "CGTN reported more than 10 billion downloads.\n\n"
         "The same study puts US models at 15.8% of global downloads.", [], "none"),
        # "The former" and "the latter": the first and the last source the nearest
        # sentence crediting several names.
        ("Two datasets get quoted: Similarweb's traffic figures and Microsoft's research "
         "report. The former puts ChatGPT at 68% of the global chatbot market.",
         ["similarweb-2026-01"], "paragraph"),
        ("Two datasets get quoted: Similarweb's traffic figures and Microsoft's research "
         "report. The latter puts DeepSeek's market share within China at 89%.",
         ["microsoft-research-2026"], "paragraph"),
        # ... named without a credit of their own
        ("Microsoft looked at chatbot adoption, and so did Similarweb. The latter found "
         "DeepSeek with 4% of the global chatbot market.", ["similarweb-2026-01"], "paragraph"),
        # A say verb before its speaker credits it as one after it does.
        ("ChatGPT holds 68% of the global chatbot market, says Similarweb.",
         ["similarweb-2026-01"], "cue"),
        ("“ChatGPT holds 68% of the global chatbot market,” said Similarweb.",
         ["similarweb-2026-01"], "cue"),
        ("CGTN valued China's core AI industry at more than 1.2 trillion yuan in 2025.",
         ["cn-official-2026-04"], "cue"),
        # A capitalised word before a name is not read as a typo of it ("Per Microsoft
        # research" is "Per" + the alias): the cue before the name still counts.
        ("Per Microsoft research, DeepSeek holds 89% market share within China.",
         ["microsoft-research-2026"], "cue"),
        # After "in", "from", "on": a name that owns a report credits it, a bare
        # name is a place.
        ("In Microsoft's estimate, DeepSeek's market share within China is 89%.",
         ["microsoft-research-2026"], "cue"),
        ("Qwen derivatives are 40% of the models uploaded to Hugging Face's hub each month.",
         [], "none"),
        # "Per" for each is no credit: "per Hugging Face user".
        ("Qwen derivatives are 40% of new models, or 54 downloads per Hugging Face user.",
         [], "none"),
        # A platform the figure's things are on, browsed or hosted by it, is no credit.
        ("Browse Hugging Face and you will find that Qwen derivatives are 40% of new models.",
         [], "none"),
        ("The Hugging Face hub lists Qwen derivatives as 40% of new models each month.",
         [], "none"),
        ("Chinese models, which Hugging Face hosts in large numbers, hold 17.1% of global "
         "downloads.", [], "none"),
        ("Models on Hugging Face number more than 2 million.", [], "none"),
        # A source's possessive on the figure itself credits it ("Microsoft's 89%"), also
        # when another name in the sentence is credited too; a bare name before a figure
        # does not.
        ("Microsoft's 89% for DeepSeek within China is high.",
         ["microsoft-research-2026"], "cue"),
        ("Microsoft’s 89% for DeepSeek sits beside the 4% global chatbot share Similarweb reports.",
         ["microsoft-research-2026", "similarweb-2026-01"], "cue"),
        ("Between Microsoft 89% and nothing, DeepSeek leads within China.", [], "none"),
        # "by X's reckoning" names X's figures as "by X's count" does.
        ("DeepSeek's slice of the global chatbot market is 4%, by Similarweb's reckoning.",
         ["similarweb-2026-01"], "cue"),
        ("Microsoft's calculations give DeepSeek 89% of the market within China.",
         ["microsoft-research-2026"], "cue"),
        # A name that heads its sentence with a colon credits what follows; elsewhere
        # a colon after a name is no cue of its own.
        ("Similarweb: ChatGPT holds 68% of the global chatbot market.",
         ["similarweb-2026-01"], "cue"),
        ("Visits counted on Similarweb: ChatGPT holds 68% of the global chatbot market.",
         [], "none"),
        # A speaker past an appositive set off by commas still credits; a name past one
        # that "released its" report leaves the credit to the report it names.
        ("Microsoft, the software company, said DeepSeek holds 89% of the market in China.",
         ["microsoft-research-2026"], "cue"),
        ("DeepSeek holds 89% of the market in China, Microsoft, the software company, "
         "estimates.", ["microsoft-research-2026"], "cue"),
        ("Hugging Face, the largest open-source AI community, released its Spring 2026 "
         "report: 41% of LLM downloads came from Chinese models.", ["hf-spring-2026"], "cue"),
        # ... also past an aside in brackets inside the appositive, or between the name and
        # its verb, or set off by dashes
        ("Microsoft, which tracks chatbots (and app stores), said DeepSeek holds 89% of the "
         "market in China.", ["microsoft-research-2026"], "cue"),
        ("Similarweb (whose traffic data I leaned on for slide 9) says DeepSeek holds 89% of "
         "the market in China.", ["similarweb-2026-01"], "cue"),
        ("Microsoft — yes, that Microsoft — estimates that DeepSeek holds an 89% market share "
         "within China.", ["microsoft-research-2026"], "cue"),
        # A passive "is said to" names no one who says it; a source's product that
        # "has recorded" downloads is no one telling them.
        ("Hugging Face is also said to host more than 2 million public models.", [], "none"),
        ("Alibaba's Qwen family has recorded 700 million downloads on Hugging Face.", [],
         "none"),
        # A panel, a monitor: a source's work, which "It" then carries.
        ("Similarweb's panel covers desktop and mobile web traffic. It puts Gemini at 18% "
         "of the global chatbot market.", ["similarweb-2026-01"], "paragraph"),
        # A note's reference after the last full stop and a space.
        ("US-developed models took 15.8% of global downloads. [^m]\n\n[^m]: MIT study, 2026.",
         ["hf-mit-deepseek-moment"], "footnote"),
        # A pronoun after the clause that names the source: "When X looked …, they found".
        ("When MIT and Hugging Face looked back on the year, they found that Chinese models "
         "had reached 17.1% of global downloads.", ["hf-mit-deepseek-moment"], "cue"),
        # Someone "from" or "of" a source speaks for it: an employer, not a place.
        ("A speaker from Similarweb said Gemini had 18% of the global chatbot market.",
         ["similarweb-2026-01"], "cue"),
        ("“DeepSeek holds an 89% market share within China,” said Tom Reyes of Microsoft.",
         ["microsoft-research-2026"], "cue"),
        # Newsroom words for a source's document or its way of saying so credit it as
        # "report" and "said" do.
        ("CGTN's April round-up leads with industry size. The round-up also says DeepSeek "
         "holds 89% of the market within China.", ["cn-official-2026-04"], "paragraph"),
        ("In Microsoft's findings, DeepSeek holds 89% of the market within China.",
         ["microsoft-research-2026"], "cue"),
        ("Similarweb's rankings give ChatGPT 68% of the global chatbot market.",
         ["similarweb-2026-01"], "cue"),
        ("Similarweb reckons ChatGPT holds 68% of the global chatbot market.",
         ["similarweb-2026-01"], "cue"),
        ("CGTN described China's core AI industry as worth more than $165 billion.",
         ["cn-official-2026-04"], "cue"),
        ("CGTN cited more than 6,200 AI companies in China.", ["cn-official-2026-04"], "cue"),
        ("ChatGPT holds 68% of the global chatbot market, as noted by Similarweb.",
         ["similarweb-2026-01"], "cue"),
        ("Drawing on Similarweb traffic data, ChatGPT holds 68% of the global chatbot market.",
         ["similarweb-2026-01"], "cue"),
        ("Qwen derivatives are 40% of the models uploaded to Hugging Face by researchers.",
         [], "none"),
        # "(via X)", ", via X" and "[X]" credit as "(X)" does; a dated parenthetical
        # may give the month ("(X, January 2026)").
        ("ChatGPT holds 68% of the global chatbot market (via Similarweb).",
         ["similarweb-2026-01"], "cue"),
        ("ChatGPT holds 68% of the global chatbot market, via Similarweb.",
         ["similarweb-2026-01"], "cue"),
        ("ChatGPT holds 68% of the global chatbot market [Similarweb].",
         ["similarweb-2026-01"], "cue"),
        ("ChatGPT holds 68% of the global chatbot market (Similarweb, 8 January 2026).",
         ["similarweb-2026-01"], "cue"),
        ("Qwen derivatives are 40% of the models downloaded via Hugging Face each month.",
         [], "none"),
        # A Source column may be named "Data source", "Source(s)", "Source (date)",
        # "Attribution"; a "Source: …" line right under a table credits its rows.
        ("| Metric | Value | Data source |\n|---|---|---|\n| ChatGPT share | 68% | Similarweb |",
         ["similarweb-2026-01"], "table"),
        ("| Metric | Value | Source(s) |\n|---|---|---|\n| ChatGPT share | 68% | Similarweb |",
         ["similarweb-2026-01"], "table"),
        ("| Metric | Value | Source (date) |\n|---|---|---|\n"
         "| ChatGPT share | 68% | Similarweb (Jan 2026) |", ["similarweb-2026-01"], "table"),
        ("| Metric | Value | Attribution |\n|---|---|---|\n| ChatGPT share | 68% | Similarweb |",
         ["similarweb-2026-01"], "table"),
        ("| Metric | Value | Open source |\n|---|---|---|\n| ChatGPT share | 68% | No |",
         [], "none"),
        ("| Metric | Value |\n|---|---|\n| ChatGPT share | 68% |\n\n"
         "*Source: Similarweb, January 2026.*", ["similarweb-2026-01"], "table"),
        ("| Metric | Value |\n|---|---|\n| ChatGPT share | 68% |\n\n"
         "| Metric | Value |\n|---|---|\n| Gemini share | 18% |\n\nSource: Similarweb.",
         ["similarweb-2026-01"], "table"),
        ("| Metric | Value |\n|---|---|\n| ChatGPT share | 68% |\n\nSimilarweb tracks chatbots.",
         [], "none"),
        # Names written onto each other are one source, in a sentence, a Source cell or
        # a footnote alike: "MIT / Hugging Face" is the joint study, not every HF source.
        ("41% of LLM downloads came from Chinese models, according to Hugging Face/MIT.",
         ["hf-mit-deepseek-moment"], "cue"),
        ("41% of LLM downloads came from Chinese models, an MIT-Hugging Face study found.",
         ["hf-mit-deepseek-moment"], "cue"),
        ("| Metric | Value | Source |\n|---|---|---|\n"
         "| Chinese share of LLM downloads | 41% | MIT / Hugging Face |",
         ["hf-mit-deepseek-moment"], "table"),
        ("41% of LLM downloads came from Chinese models.[^a]\n\n[^a]: MIT / Hugging Face, 2026.",
         ["hf-mit-deepseek-moment"], "footnote"),
        ("| Metric | Value | Source |\n|---|---|---|\n"
         "| Chinese share of LLM downloads | 41% | Similarweb, Hugging Face |",
         ["hf-mit-deepseek-moment", "hf-spring-2026", "similarweb-2026-01"], "table"),
        # A citation key or handle no source lists credits the source it names.
        ("h/t @Similarweb: DeepSeek holds 89% of the market within China.",
         ["similarweb-2026-01"], "citation"),
        ("DeepSeek holds 89% of the market within China [@similarweb].",
         ["similarweb-2026-01"], "citation"),
        # A key that names no source is a broken reference: nothing is credited.
        ("DeepSeek holds 89% of the market within China [@smith04].", [], "none"),
        # ... a name glued to a year, as BibTeX keys are; and a source's id is its key.
        ("DeepSeek holds 89% of the market within China [@similarweb2026].",
         ["similarweb-2026-01"], "citation"),
        ("Chinese models took 41% of LLM downloads over the past year [@hf-spring-2026, p. 4].",
         ["hf-spring-2026"], "citation"),
        # Author-year citations as essays write them: a list of works credits each, a
        # year may carry a letter, a citation may open with "e.g." or "cf." and give no
        # date or its year in brackets.
        ("DeepSeek holds 89% of the market within China (Similarweb, 2026; Microsoft, 2026).",
         ["microsoft-research-2026", "similarweb-2026-01"], "cue"),
        ("China holds about 60% of AI patents (MIT Technology Review, 2026; CGTN, 2026a; "
         "Similarweb, 2025).", ["cn-official-2026-04", "mit-tr-2026-02", "similarweb-2026-01"],
         "cue"),
        ("Chinese models took 41% of LLM downloads over the past year (Hugging Face, 2026a).",
         ["hf-mit-deepseek-moment", "hf-spring-2026"], "cue"),
        ("DeepSeek holds 89% of the market within China (e.g., Microsoft, 2026).",
         ["microsoft-research-2026"], "cue"),
        ("DeepSeek holds 89% of the market within China (cf. Microsoft, 2026).",
         ["microsoft-research-2026"], "cue"),
        ("DeepSeek holds 89% of the market within China (Microsoft, n.d.).",
         ["microsoft-research-2026"], "cue"),
        ("DeepSeek holds 89% of the market within China (Microsoft [2026]).",
         ["microsoft-research-2026"], "cue"),
        # A post or a thread that says a figure credits no source of the table, nor the
        # one named before it: what it says is its own.
        ("A thread claims to sum up the MIT study. Here is what the thread says, word for "
         "word:\n\n> 1. Chinese models hold 17.1% of global downloads.\n", [], "paragraph"),
        ("The MIT study is out. A viral post claimed Chinese models hold 17.1% of global "
         "downloads.", [], "cue"),
        # "Your report" names no one: the interviewer's "your" is no source's name.
        ("Your report says Chinese models now hold 17% of global downloads.", [], "none"),
        # Whose a figure is, said of it: "… is X's".
        ("MIT found China's share was 17.1%. The 68% figure is Similarweb's: ChatGPT holds "
         "68% of the global chatbot market.", ["similarweb-2026-01"], "cue"),
        # "in this paper" is the writer's own; "in that report" points back.
        ("CGTN counted more than 6,200 AI companies.\n\nA separate estimate puts China's "
         "share of AI patents at 38.6%, a figure not used in this paper.", [], "none"),
        ("CGTN counted more than 6,200 AI companies.\n\nIn that report, China's share of AI "
         "patents is 38.6%.", ["cn-official-2026-04"], "previous"),
        # "per X" past what X is described as.
        ("Per New York-listed Similarweb, ChatGPT holds 68% of the global chatbot market.",
         ["similarweb-2026-01"], "cue"),
        ("Per the Boston-based CGTN, there are more than 6,200 AI companies in China.",
         ["cn-official-2026-04"], "cue"),
        ("ChatGPT holds 68% of the global chatbot market, per the U.S.-based Similarweb.",
         ["similarweb-2026-01"], "cue"),
        # A name with a year in brackets is an author-year citation, whatever follows it.
        ("The first measures diffusion, and MIT (2026) remains the reference point: it puts "
         "the Chinese share of global downloads at 17.1%.", ["hf-mit-deepseek-moment"], "cue"),
        ("In Similarweb (2026, p. 4), ChatGPT holds 68% of the global chatbot market.",
         ["similarweb-2026-01"], "cue"),
        # "Quoting X", "X's remarks": the speaker quotes the source.
        ("Quoting CGTN's remarks, the speaker said there are more than 6,200 AI companies "
         "in China.", ["cn-official-2026-04"], "cue"),
        # A link without a scheme (a GFM `www.` autolink) credits by URL prefix too.
        ("Chinese models hold 17.1% of global downloads (see www.similarweb.com/x).",
         ["similarweb-2026-01"], "link"),
    ],
)  # fmt: skip
def test_claim_is_credited_to(text, sources, how, facts):
    assert credited(text, facts) == (sources, how)


@pytest.mark.parametrize(
    "text",
    [
        "Similarweb, separately, gives DeepSeek 4% of the global chatbot market.",
        "Similarweb, in its January snapshot, shows DeepSeek at 4% of the global chatbot market.",
        "Qwen passed 600 million downloads, MIT found; Similarweb, for its part, gave DeepSeek "
        "4% of the global chatbot market.",
    ],
)
def test_a_source_that_gives_or_shows_a_figure_past_an_aside_credits_it(text, facts):
    assert credited(text, facts) == (["similarweb-2026-01"], "cue")


@pytest.mark.parametrize(
    "bracket",
    [
        "(MIT/Hugging Face)",
        "(MIT / Hugging Face)",
        "(MIT & Hugging Face)",
        "(MIT/Hugging Face, 2026)",
    ],
)
def test_a_bracket_of_names_written_onto_each_other_credits_their_joint_source(bracket, facts):
    text = f"Chinese models hold 17.1% of global downloads {bracket}."
    assert credited(text, facts) == (["hf-mit-deepseek-moment"], "cue")


def test_names_written_onto_each_other_that_head_a_sentence_with_a_colon_credit_it(facts):
    text = "**MIT/Hugging Face:** Chinese models hold 17.1% of global downloads."
    assert credited(text, facts) == (["hf-mit-deepseek-moment"], "cue")


@pytest.mark.parametrize(
    ("text", "sources", "names"),
    [
        ("ChatGPT holds 68% of the global chatbot market.\nSource: Similarweb, January 2026.",
         ["similarweb-2026-01"], ()),
        ("ChatGPT holds 68% of the global chatbot market. Source: [the data](https://www.similarweb.com/x)",
         ["similarweb-2026-01"], ()),
        ("ChatGPT holds 68% of the global chatbot market. Source: Gartner", [], ("Gartner",)),
        # Prose that runs on after the source, with no full stop between, is not part of it.
        ("ChatGPT holds 68% of the global chatbot market. 📌 Source: Acme News (www.acme.example) "
         "Later, Microsoft found more.", [], ("Acme News",)),
    ],
)  # fmt: skip
def test_a_source_line_closing_a_paragraph_credits_its_figures(text, sources, names, facts):
    [ev] = analyse(text, facts).evidence
    assert (sorted(ev.attribution.sources), ev.attribution.names) == (sources, names)


@pytest.mark.parametrize(
    "text",
    [
        "Per Microsoft [@ms26], Gemini has 18% of the global chatbot market.",
        "According to Microsoft, ChatGPT has 68% of the global chatbot market.[^note]\n\n"
        "[^note]: Our own reading of the traffic charts.",
    ],
)
def test_a_citation_naming_no_known_source_leaves_the_sentences_cue_to_credit(text, facts):
    ev = analyse(text, facts).evidence[0]
    assert ev.attribution.sources == {"microsoft-research-2026"}
    [d] = [d for d in citelint.lint(text, facts) if d.line == 1]
    assert d.code == "CL103"


def test_a_citation_naming_no_known_source_credits_none_of_the_tables_sources(facts):
    """A known figure credited only to a name the table lacks (a note of one's own, an
    outlet that repeated it) is told the table's source to cite, and what it credits."""
    text = "DeepSeek holds 4% of the global chatbot market.[^note]\n\n[^note]: Our reading."
    [ev] = [e for e in analyse(text, facts).evidence if e.claim.span.line == 1]
    assert (ev.attribution.sources, ev.attribution.names) == (frozenset(), ("Our reading.",))
    [d] = citelint.lint(text, facts)
    assert (d.code, d.fact) == ("CL201", "deepseek-global-chatbot-share")
    assert d.message.startswith(
        "4% is credited to Our reading., which is not in the table; it matches "
    )
    [d] = citelint.lint(
        "Reuters reported that DeepSeek holds 4% of the global chatbot market.", facts
    )
    assert (d.code, d.message[:55]) == (
        "CL201",
        "4% is credited to Reuters, which is not in the table; i",
    )


@pytest.mark.parametrize("cell", ["", "—", "-", "n/a", "None", "TBD", "?"])
def test_a_source_cell_that_names_nothing_credits_nothing(cell, facts):
    text = (
        "| # | Item | Source | Action |\n|---|---|---|---|\n"
        f"| 5 | Zhipu AI raised $558 million in its IPO | {cell} | add citation |\n"
    )
    [ev] = analyse(text, facts).evidence
    assert not ev.attribution.cited
    assert [d.code for d in citelint.lint(text, facts)] == ["CL201"]


def test_unknown_cue_name_counts_as_a_citation(facts):
    [ev] = analyse("According to Gartner, 23% of enterprises use Chinese models.", facts).evidence
    assert ev.attribution.names == ("Gartner",)
    assert ev.attribution.cited


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Reuters reported that MiniMax raised $619 million in its Hong Kong IPO.", "Reuters"),
        ("Per Bloomberg Intelligence, Zhipu AI raised $558 million in its IPO.",
         "Bloomberg Intelligence"),
        ("Counterpoint Research estimates that ChatGPT holds 68% of the global chatbot market.",
         "Counterpoint Research"),
        ("DeepSeek holds 4% of the global chatbot market, data from Sensor Tower show.",
         "Sensor Tower"),
        ("An IDC survey found that DeepSeek holds 89% of the market within China.", "IDC"),
        ("Analysts at Jefferies write that DeepSeek holds 4% of the global chatbot market.",
         "Jefferies"),
        ("The Qwen family has been downloaded more than 700 million times (via SCMP).", "SCMP"),
        ("DeepSeek holds 89% of the market within China (Counterpoint, 2026).", "Counterpoint"),
        ("In January Reuters said DeepSeek holds 89% of the market within China.", "Reuters"),
        # a report noun after a title's "The" is a publication, not economists in general
        ("The Economist reported that DeepSeek holds 89% of the market within China.",
         "The Economist"),
        ("Per The Economist, DeepSeek holds 89% of the market within China.", "The Economist"),
        # a numbered reference after the name's full stop is not part of it
        ("DeepSeek holds 89% of the market within China, according to Counterpoint.[2]\n\n"
         "[2]: https://example.com/x", "Counterpoint"),
        ("DeepSeek holds 89% of the market within China in a count led by Counterpoint.[2]"
         "\n\n[2]: https://example.com/x", "Counterpoint"),
    ],
)  # fmt: skip
def test_a_credit_to_a_name_no_source_has_cites_that_name(text, name, facts):
    [ev] = analyse(text, facts).evidence
    assert (ev.attribution.sources, ev.attribution.names) == (frozenset(), (name,))


@pytest.mark.parametrize(
    "text",
    [
        "A ministry spokesperson said China now has more than 6,200 AI companies.",
        "Officials told reporters that China has more than 6,200 AI companies.",
        "Analysts at a Beijing brokerage put DeepSeek's market share within China at 89%.",
        "The economists said DeepSeek holds 89% of the market within China.",
        # what the facts are about is no source: the company, its country
        "MiniMax's CEO told investors the company raised $619 million in its Hong Kong IPO.",
        "US officials said DeepSeek holds 89% of the market within China.",
        "DeepSeek holds 89% of the market within China, surpassing the United States.",
        # a participle after a sentence's first word: no one says anything
        "Visits counted on one tracker give ChatGPT 68% of the global chatbot market.",
    ],
)
def test_a_credit_without_a_name_or_to_a_subject_cites_nothing(text, facts):
    [ev] = analyse(text, facts).evidence
    assert not ev.attribution.cited


def test_a_sentence_opening_with_an_emoji_keeps_its_own_cue(facts):
    text = (
        "According to Similarweb, ChatGPT holds 72% of the global chatbot market. "
        "😀 MIT found Chinese models hold 17.0% of global downloads."
    )
    evidence = analyse(text, facts).evidence
    assert [(ev.claim.text, sorted(ev.attribution.sources)) for ev in evidence] == [
        ("72%", ["similarweb-2026-01"]),
        ("17.0%", ["hf-mit-deepseek-moment"]),
    ]


@pytest.mark.parametrize(
    ("note", "sources"),
    [
        # publisher and title, or two publishers of one work: the work they share
        ("Hugging Face, Spring 2026 report.", ["hf-spring-2026"]),
        ("MIT, Hugging Face.", ["hf-mit-deepseek-moment"]),
        # two works with nothing in common: both
        ("Similarweb; Microsoft, 2026.", ["microsoft-research-2026", "similarweb-2026-01"]),
    ],
)
def test_a_references_names_narrow_each_other_across_commas(note, sources, facts):
    text = f"Chinese models hold 17.1% of global downloads.[^a]\n\n[^a]: {note}"
    [ev] = analyse(text, facts).evidence
    assert sorted(ev.attribution.sources) == sources


@pytest.mark.parametrize(
    ("note", "sources", "link_sources"),
    [
        ("<https://www.similarweb.com/report>", ["similarweb-2026-01"], ["similarweb-2026-01"]),
        ("MIT and Hugging Face, <https://www.similarweb.com/report>.",
         ["hf-mit-deepseek-moment", "similarweb-2026-01"], ["similarweb-2026-01"]),
        ("See [the data](https://huggingface.co/blog/x).",
         ["hf-mit-deepseek-moment"], ["hf-mit-deepseek-moment"]),
        ("MIT study, 2026.", ["hf-mit-deepseek-moment"], []),
    ],
)  # fmt: skip
def test_a_footnotes_links_are_cited_links_of_the_claim(note, sources, link_sources, facts):
    text = f"Chinese models hold 17.1% of global downloads.[^a]\n\n[^a]: {note}"
    [ev] = analyse(text, facts).evidence
    assert ev.attribution.how == "footnote"
    assert sorted(ev.attribution.sources) == sources
    assert sorted(ev.attribution.link_sources) == link_sources


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # each part of the sentence credits its own source
        ("According to Similarweb, ChatGPT holds 68% of the global chatbot market; "
         "MIT found Chinese models hold 17.1% of global downloads.",
         [["similarweb-2026-01"], ["hf-mit-deepseek-moment"]]),
        # a part without a cue takes the nearest one before it
        ("MIT found Chinese models hold 17.1% of global downloads; "
         "Similarweb puts ChatGPT at 68%; Gemini holds 18%.",
         [["hf-mit-deepseek-moment"], ["similarweb-2026-01"], ["similarweb-2026-01"]]),
        # one cue: it credits the whole sentence, whichever part it is in
        ("ChatGPT holds 68% of the global chatbot market; Gemini holds 18%, "
         "according to Similarweb.",
         [["similarweb-2026-01"], ["similarweb-2026-01"]]),
        # ", while", ", whereas" and ", but" part a sentence as a semicolon does
        ("Similarweb puts ChatGPT at 68% of the global chatbot market, while Microsoft says "
         "DeepSeek holds 4% of it.", [["similarweb-2026-01"], ["microsoft-research-2026"]]),
        ("MIT found Chinese models hold 17.1% of global downloads, but Similarweb puts "
         "ChatGPT at 68%.", [["hf-mit-deepseek-moment"], ["similarweb-2026-01"]]),
        ("ChatGPT holds 68% of the global chatbot market, whereas Gemini holds 18%, "
         "Similarweb says.", [["similarweb-2026-01"], ["similarweb-2026-01"]]),
        # so does an "and" between a figure and the next part's cue, comma or not ...
        ("Microsoft puts ChatGPT at 68% of the global chatbot market, and Similarweb says "
         "DeepSeek holds 89% of the market in China.",
         [["microsoft-research-2026"], ["similarweb-2026-01"]]),
        ("Similarweb puts ChatGPT at 68% of the global chatbot market and according to "
         "Microsoft DeepSeek holds 89% of the market in China.",
         [["similarweb-2026-01"], ["microsoft-research-2026"]]),
        # ... or a "while" without its comma ...
        ("MIT counts more than 6,200 AI companies in China while CGTN puts the Chinese "
         "share of global downloads at 17.1%.",
         [["hf-mit-deepseek-moment"], ["cn-official-2026-04"]]),
        # ... but not one joining the names of a cue, or figures before it
        ("ChatGPT holds 68% and Gemini 18% of the global chatbot market, Similarweb and "
         "Microsoft say.",
         [["microsoft-research-2026", "similarweb-2026-01"]] * 2),
        # a comma before a clause whose verb is left out, opening with its cue
        ("MIT's analysis puts the Chinese share of global downloads at 41%, Similarweb's "
         "tally at 17.1%.", [["hf-mit-deepseek-moment"], ["similarweb-2026-01"]]),
        # not a comma before a credit that closes the clause before it
        ("Similarweb puts ChatGPT at 68% of the market, and Qwen models were downloaded "
         "700 million times, MIT found, down from 2025.",
         [["hf-mit-deepseek-moment", "similarweb-2026-01"]] * 2),
        # a bracketed credit ends its figure's part
        ("Gemini holds 18% of the global chatbot market (Microsoft) and DeepSeek 89% of the "
         "market within China (Similarweb).",
         [["microsoft-research-2026"], ["similarweb-2026-01"]]),
        ("ChatGPT holds 68% of the global chatbot market (Similarweb, 2026) and Gemini 18%.",
         [["similarweb-2026-01"]] * 2),
    ],
)  # fmt: skip
def test_each_part_of_a_sentence_split_by_semicolons_credits_its_own_source(text, expected, facts):
    assert each_credited(text, facts) == expected


def test_a_source_that_has_a_subject_at_a_figure_credits_it(facts):
    text = (
        "The MIT study puts the US share of global downloads at 15.8%, and Similarweb has "
        "Gemini at 18% of the global chatbot market."
    )
    assert each_credited(text, facts) == [["hf-mit-deepseek-moment"], ["similarweb-2026-01"]]
    text = (
        "MIT and Hugging Face put China's share of global downloads at 17.1%, and Similarweb "
        "still has ChatGPT on 68% of the global chatbot market."
    )
    assert each_credited(text, facts) == [["hf-mit-deepseek-moment"], ["similarweb-2026-01"]]


@pytest.mark.parametrize(
    "text",
    [
        "Similarweb tracks chatbot traffic. The same data put Gemini at 18% of the global "
        "chatbot market.",
        # (in a footnote, after the reference it opens with)
        "Text.[^5]\n\n[^5]: Similarweb, January 2026. The same release puts Gemini at 18% "
        "of the global chatbot market.",
    ],
)
def test_the_same_work_says_for_the_source_the_sentence_before_opens_with(text, facts):
    assert credited(text, facts) == (["similarweb-2026-01"], "paragraph")


@pytest.mark.parametrize("opener", ["Now ", "So ", "Separately, ", "[04:55] GUEST: So "])
def test_it_found_credits_the_subject_the_sentence_before_opens_with_after_a_joining_word(
    opener, facts
):
    text = (
        f"{opener}Microsoft, the software giant, published a report in January. It found "
        "DeepSeek holds 89% market share within China."
    )
    assert credited(text, facts) == (["microsoft-research-2026"], "paragraph")


def test_a_closing_cue_whose_name_holds_a_year_credits_its_own_clause(facts):
    """ "per the Spring 2026 report" closes the second clause: its "2026" is no figure."""
    text = (
        "Per MIT, Chinese models hold 17.1% of global downloads; 41% of LLM downloads over "
        "the past year were Chinese, per the Spring 2026 report."
    )
    assert each_credited(text, facts) == [["hf-mit-deepseek-moment"], ["hf-spring-2026"]]


def test_a_source_with_a_year_and_an_aside_before_its_verb_credits_the_figure(facts):
    text = (
        "Hugging Face (2026) found that 41% of LLM downloads came from Chinese models. "
        "Microsoft (2026), in contrast, measures use, and puts DeepSeek's share within "
        "China at 89%."
    )
    assert each_credited(text, facts)[-1] == ["microsoft-research-2026"]


def test_the_next_sentence_carries_the_last_part_s_cue(facts):
    text = (
        "According to Similarweb, ChatGPT holds 68% of the global chatbot market; MIT found "
        "that downloads shifted. Chinese models hold 17.1% of global downloads."
    )
    assert each_credited(text, facts) == [["similarweb-2026-01"], ["hf-mit-deepseek-moment"]]


LEAD_IN = """\
According to Similarweb, shares of the global chatbot market stand at:

- ChatGPT: 68%
- **Gemini**: 21%

> Per CGTN:
>
> 1. DeepSeek holds 89% of the market in China.
> 2. China has more than 6,200 AI companies.

Shares of the global chatbot market, with no source:

- ChatGPT: 68%

A paragraph that ends without a colon.

- ChatGPT holds 68% of the global chatbot market.

Similarweb's January data show the following shares of the global chatbot market.

- ChatGPT: 68%

From the Similarweb tally —

- ChatGPT: 68%

Similarweb's January data are in.

- ChatGPT: 68%

According to Similarweb, shares of the global chatbot market stand at:

```text
a code block between
```

- ChatGPT: 68%
"""


def test_a_list_item_reads_on_from_the_lead_in_that_ends_with_a_colon_or_dash_or_as_follows(facts):
    evidence = analyse(LEAD_IN, facts).evidence
    assert [
        (ev.claim.span.line, ev.claim.text, sorted(ev.attribution.sources), ev.attribution.how)
        for ev in evidence
    ] == [
        (3, "68%", ["similarweb-2026-01"], "paragraph"),
        (4, "21%", ["similarweb-2026-01"], "paragraph"),
        (8, "89%", ["cn-official-2026-04"], "paragraph"),
        (9, "6,200", ["cn-official-2026-04"], "paragraph"),
        (13, "68%", [], "none"),
        (17, "68%", [], "none"),
        (21, "68%", ["similarweb-2026-01"], "paragraph"),
        (25, "68%", ["similarweb-2026-01"], "paragraph"),
        (29, "68%", [], "none"),
        (37, "68%", [], "none"),
    ]
    # The lead-in's words say what the items measure: "ChatGPT: 68%" alone names no metric.
    assert [d.code for d in citelint.lint(LEAD_IN, facts) if d.line in (3, 4, 13)] == [
        "CL102", "CL201",
    ]  # fmt: skip


SIGN_OFFS = """\
> "DeepSeek holds 89% of the market within China."
>
> — Similarweb, January 2026

> ChatGPT holds 68% of the global chatbot market.

— Microsoft

ChatGPT holds 68% of the global chatbot market.

— Microsoft, on a line of its own under a paragraph that is no quotation, credits nothing
"""


def test_a_cue_in_another_cell_of_its_row_credits_a_cells_figure(facts):
    text = (
        "Working notes from the last triage call:\n\n"
        "| Claim | Value | Notes |\n|---|---|---|\n"
        "| ChatGPT share of the global chatbot market | 68% | per Microsoft, to verify |\n"
        "| DeepSeek share of the global chatbot market, per Similarweb | 4% | |\n"
        "| Gemini share of the global chatbot market | 18% | |\n"
    )
    # (the third row's 18% is no one's: "Working notes" names no source)
    assert each_credited(text, facts) == [["microsoft-research-2026"], ["similarweb-2026-01"], []]
    [evidence] = [ev for ev in analyse(text, facts).evidence if ev.claim.text == "18%"]
    assert evidence.attribution.names == ()


def test_a_quotations_sign_off_on_a_paragraph_of_its_own_credits_the_quotation(facts):
    evidence = analyse(SIGN_OFFS, facts).evidence
    assert [(ev.claim.span.line, sorted(ev.attribution.sources)) for ev in evidence] == [
        (1, ["similarweb-2026-01"]),
        (5, ["microsoft-research-2026"]),
        (9, []),
    ]
    # and so the first quotation is Microsoft's 89%, credited to Similarweb
    assert [(d.line, d.code) for d in citelint.lint(SIGN_OFFS, facts)][:1] == [(1, "CL103")]


def test_a_lead_in_opening_with_a_source_s_possessive_credits_its_list(facts):
    text = "Similarweb's January shares of the global chatbot market:\n\n- ChatGPT: 68%\n"
    assert credited(text, facts) == (["similarweb-2026-01"], "paragraph")


TABLE_LEAD_IN = """\
Similarweb's January shares of the global chatbot market:

| Chatbot | Share |
| --- | --- |
| ChatGPT | 68% |
| **DeepSeek** | 4% |

According to CGTN, the industry stands as follows.

| Measure | Source | Value |
| --- | --- | --- |
| DeepSeek share of the market in China | Microsoft | 89% |

Per CGTN:

| Measure | Value |
| --- | --- |
| DeepSeek share of the market in China | 89% |

Source: Microsoft research.

Per CGTN:

| Measure | Share of the market in China (Microsoft) | Share of the global chatbot market |
| --- | --- | --- |
| DeepSeek | 89% | 4% (Similarweb) |

| Chatbot | Share |
| --- | --- |
| ChatGPT | 68% |

Shares of the global chatbot market, with no source:

| Chatbot | Share |
| --- | --- |
| ChatGPT | 68% |

Similarweb's January data are in.

| Chatbot | Share |
| --- | --- |
| ChatGPT | 68% |

According to Similarweb, the shares stand at:

```text
a code block between
```

| Chatbot | Share |
| --- | --- |
| ChatGPT | 68% |
"""


def test_a_table_reads_on_from_its_lead_in_after_its_own_sources(facts):
    # A Source column, a caption line, a header's cue and a cell's own cue come first;
    # a table after another table, a lead-in that names no one, a paragraph that leads
    # into nothing and a lead-in cut off by a code block credit nothing.
    evidence = analyse(TABLE_LEAD_IN, facts).evidence
    assert [
        (ev.claim.span.line, ev.claim.text, sorted(ev.attribution.sources), ev.attribution.how)
        for ev in evidence
    ] == [
        (5, "68%", ["similarweb-2026-01"], "paragraph"),
        (6, "4%", ["similarweb-2026-01"], "paragraph"),
        (12, "89%", ["microsoft-research-2026"], "table"),
        (18, "89%", ["microsoft-research-2026"], "table"),
        (26, "89%", ["microsoft-research-2026"], "cue"),
        (26, "4%", ["similarweb-2026-01"], "cue"),
        (30, "68%", [], "none"),
        (36, "68%", [], "none"),
        (42, "68%", [], "none"),
        (52, "68%", [], "none"),
    ]
    assert [(d.line, d.code) for d in citelint.lint(TABLE_LEAD_IN, facts)] == [
        (30, "CL201"), (36, "CL201"), (42, "CL201"), (52, "CL201"),
    ]  # fmt: skip


def test_a_table_s_lead_in_says_what_its_cells_measure(facts):
    # "Gemini | 21%" alone names no metric; the lead-in's words do, so 21% is Similarweb's
    # 18% misquoted rather than a figure no fact measures.
    text = (
        "Similarweb's January shares of the global chatbot market:\n\n"
        "| Chatbot | Share |\n| --- | --- |\n| Gemini | 21% |\n"
    )
    assert [(d.line, d.code) for d in citelint.lint(text, facts)] == [(5, "CL102")]


@pytest.mark.parametrize(
    "body",
    [
        "| Measure | Value |\n| --- | --- |\n| US share of global downloads | 19.8% |",
        "- US share of global downloads: 19.8%",
    ],
)
def test_an_item_or_cell_naming_its_own_metric_is_not_read_with_the_lead_in_s_words(body, facts):
    # The lead-in's words about Qwen derivatives do not make 19.8% a Qwen figure.
    text = (
        "Per MIT and Hugging Face, Qwen derivatives among the new models uploaded to Hugging "
        f"Face each month, and more:\n\n{body}\n"
    )
    assert [(d.code, d.fact) for d in citelint.lint(text, facts)] == [
        ("CL102", "us-global-download-share")
    ]


@pytest.mark.parametrize(
    ("text", "sources"),
    [
        ("Microsoft also looked at chatbots. It found that ChatGPT holds 68% of the global "
         "chatbot market.", ["microsoft-research-2026"]),
        ("Similarweb tracked traffic in January. They also reported that Gemini held 18% of "
         "the global chatbot market.", ["similarweb-2026-01"]),
        ("MIT and Hugging Face looked at downloads. They found that Chinese models hold "
         "17.1% of global downloads.", ["hf-mit-deepseek-moment"]),
        # "Its data", "their report" point back as "it" does; to the subject of the last
        # clause that has one of its own, the nearest.
        ("Microsoft looked at China. Its report puts DeepSeek's market share within China "
         "at 89%.", ["microsoft-research-2026"]),
        ("Microsoft studied usage, and Similarweb tracked global traffic. Its data puts "
         "DeepSeek's market share within China at 89%.", ["similarweb-2026-01"]),
        ("Similarweb tracked traffic, and Microsoft studied usage. It found DeepSeek's share "
         "of the market within China was 89%.", ["microsoft-research-2026"]),
        # A sentence opening on "in its … data", "according to their report" likewise.
        ("Similarweb tracks chatbot traffic worldwide. In its January data, ChatGPT holds "
         "68% of the global chatbot market.", ["similarweb-2026-01"]),
        ("Microsoft looked at China. According to its report, DeepSeek's market share "
         "within China is 89%.", ["microsoft-research-2026"]),
        # ", the report adds" after the figure says it as "It found" before it does.
        ("Similarweb tracks chatbot traffic worldwide. DeepSeek's market share within China "
         "is 89%, the report adds.", ["similarweb-2026-01"]),
        # A platform is no one to have found anything, nor a name that qualifies a noun;
        # and "It is clear" is no one's finding.
        ("Microsoft's Azure cloud grew. It found that ChatGPT holds 68% of the global "
         "chatbot market.", []),
        ("Models uploaded to Hugging Face grew. It found that ChatGPT holds 68% of the "
         "global chatbot market.", []),
        ("Similarweb tracked chatbot traffic. It is clear that ChatGPT holds 68% of the "
         "global chatbot market.", []),
    ],
)  # fmt: skip
def test_it_found_credits_whom_the_sentence_before_named(text, sources, facts):
    assert credited(text, facts) == (sources, "paragraph" if sources else "none")


def test_a_source_cell_naming_no_known_source_credits_its_footnote_s_text(facts):
    text = (
        "| Metric | Value | Source |\n|---|---|---|\n| ChatGPT share | 68% | [^g] |\n\n"
        "[^g]: Gartner, 2026."
    )
    [ev] = analyse(text, facts).evidence
    assert ev.attribution.how == "table"
    assert ev.attribution.sources == frozenset()
    assert ev.attribution.names == ("Gartner, 2026.",)


def test_a_parenthetical_author_year_credits_a_name_ending_in_a_period():
    # "Longpre et al." is matched without its last period: "(Longpre et al., 2025)" is
    # still "(X, 2025)".
    from citelint.packs import bundled_facts

    for text in (
        "Chinese models took 17.1% of global downloads (Longpre et al., 2025).",
        "Chinese models took 17.1% of global downloads (Longpre et al. 2025).",
    ):
        [ev] = analyse(text, bundled_facts()).evidence
        assert (sorted(ev.attribution.sources), ev.attribution.how) == (
            ["economies-of-open-intelligence"],
            "cue",
        )


@pytest.mark.parametrize(
    "sign_off",
    [
        "— an MIT researcher who worked on the study",
        "— a Microsoft researcher",
        "— MIT researcher",
        # a person's name, then the source
        "— Dana Okafor, Microsoft",
    ],
)
def test_a_researcher_of_a_source_signing_a_quotation_credits_the_source(sign_off, facts):
    text = f'> "Chinese models hold 17.1% of global downloads."\n> {sign_off}\n'
    [ev] = analyse(text, facts).evidence
    owner = "microsoft-research-2026" if "Microsoft" in sign_off else "hf-mit-deepseek-moment"
    assert sorted(ev.attribution.sources) == [owner]


def test_a_name_after_the_figure_in_its_own_bracket_credits_that_figure(facts):
    text = (
        "Gemini's share of the global chatbot market (18%, Microsoft) trails ChatGPT's "
        "(68%, Similarweb) and DeepSeek's (4%; Microsoft)."
    )
    assert each_credited(text, facts) == [
        ["microsoft-research-2026"],
        ["similarweb-2026-01"],
        ["microsoft-research-2026"],
    ]


@pytest.mark.parametrize(
    ("text", "sources"),
    [
        # Its own paragraph, an italic caption, "Sources: X; Y", "Data: X".
        ("- ChatGPT holds 68% of the global chatbot market.\n"
         "- Gemini holds 18% of the global chatbot market.\n\nSource: Similarweb",
         [["similarweb-2026-01"], ["similarweb-2026-01"]]),
        ("1. Chinese models hold 17.1% of global downloads.\n"
         "2. US models hold 15.8% of global downloads.\n\n*Source: MIT and Hugging Face*",
         [["hf-mit-deepseek-moment"], ["hf-mit-deepseek-moment"]]),
        ("- ChatGPT holds 68% of the global chatbot market.\n"
         "- DeepSeek holds 89% of the market within China.\n\nSources: Similarweb; Microsoft",
         [["microsoft-research-2026", "similarweb-2026-01"]] * 2),
        ("- Gemini holds 18% of the global chatbot market.\n\nData: Similarweb",
         [["similarweb-2026-01"]]),
        # Written flush left onto the last item, it is still under the list.
        ("- Gemini holds 18% of the global chatbot market.\n"
         "- ChatGPT holds 68% of the global chatbot market.\nSource: Similarweb",
         [["similarweb-2026-01"], ["similarweb-2026-01"]]),
        # Items with a paragraph of their own between them are one list.
        ("- Gemini holds 18% of the global chatbot market.\n\n  Google's assistant.\n\n"
         "- ChatGPT holds 68% of the global chatbot market.\n\nSource: Similarweb",
         [["similarweb-2026-01"], ["similarweb-2026-01"]]),
        # An item's own credit wins.
        ("- DeepSeek holds 89% of the market within China, according to Microsoft.\n"
         "- Gemini holds 18% of the global chatbot market.\n\nSource: Similarweb",
         [["microsoft-research-2026"], ["similarweb-2026-01"]]),
    ],
)  # fmt: skip
def test_a_source_line_under_a_list_credits_its_uncredited_items(text, sources, facts):
    assert each_credited(text, facts) == sources


@pytest.mark.parametrize(
    ("text", "sources"),
    [
        # Indented into the last item, it is that item's alone.
        ("- Gemini holds 18% of the global chatbot market.\n"
         "- ChatGPT holds 68% of the global chatbot market.\n\n  Source: Similarweb",
         [[], ["similarweb-2026-01"]]),
        # Only the list right above it: not a list or paragraph before that.
        ("ChatGPT holds 68% of the global chatbot market.\n\n"
         "- Gemini holds 18% of the global chatbot market.\n\nSource: Similarweb",
         [[], ["similarweb-2026-01"]]),
        ("- ChatGPT holds 68% of the global chatbot market.\n\nShares moved in January.\n\n"
         "Source: Similarweb", [[]]),
        # A code block between cuts the list off from it.
        ("- ChatGPT holds 68% of the global chatbot market.\n\n```\nx\n```\n\nSource: Similarweb",
         [[]]),
        # "Data:" that goes on as prose names no source; nor does a dateline that runs on.
        ("- ChatGPT holds 68% of the global chatbot market.\n\nData: what it shows is mixed.",
         [[]]),
        ("- ChatGPT holds 68% of the global chatbot market.\n\n"
         "Source: Acme News (acme.example) Later, shares moved.", [[]]),
    ],
)  # fmt: skip
def test_a_source_line_credits_only_what_stands_right_above_it(text, sources, facts):
    assert each_credited(text, facts) == sources


def test_a_source_paragraph_under_a_paragraph_credits_its_figures(facts):
    text = "DeepSeek holds 4% of the global chatbot market.\n\nSource: Similarweb, January 2026."
    assert credited(text, facts) == (["similarweb-2026-01"], "paragraph")


def test_a_table_cell_own_cue_wins_over_the_source_line_under_the_table(facts):
    text = (
        "| Model | Share |\n| --- | --- |\n"
        "| DeepSeek | 89% of the market within China, per Microsoft |\n"
        "| Gemini | 18% of the global chatbot market |\n\nData: Similarweb"
    )
    assert [
        (ev.claim.text, sorted(ev.attribution.sources), ev.attribution.how)
        for ev in analyse(text, facts).evidence
    ] == [
        ("89%", ["microsoft-research-2026"], "cue"),
        ("18%", ["similarweb-2026-01"], "table"),
    ]


NOTES = "\n\n## Notes\n\n¹ Hugging Face, Spring 2026 report\n² Similarweb, January 2026\n"


@pytest.mark.parametrize(
    ("text", "sources"),
    [
        ("Over the past year, 41%¹ of LLM downloads came from Chinese models." + NOTES,
         ["hf-spring-2026"]),
        ("ChatGPT holds 68%<sup>2</sup> of the global chatbot market." + NOTES,
         ["similarweb-2026-01"]),
        ("ChatGPT holds 68%^2^ of the global chatbot market." + NOTES, ["similarweb-2026-01"]),
        ("Chinese models hold 17.1¹% of global downloads." + NOTES, ["hf-spring-2026"]),
        # Numbered items under a Notes, Sources or References heading are notes too.
        ("ChatGPT holds 68%² of the global chatbot market.\n\n## Sources\n\n"
         "1. Hugging Face, Spring 2026 report\n2. Similarweb, January 2026\n",
         ["similarweb-2026-01"]),
        # A note's link credits by its URL.
        ("ChatGPT holds 68%¹ of the global chatbot market.\n\n"
         "¹ [January data](https://www.similarweb.com/x)\n", ["similarweb-2026-01"]),
    ],
)  # fmt: skip
def test_a_note_marker_credits_what_its_note_names_as_a_footnote_does(text, sources, facts):
    assert credited(text, facts) == (sources, "footnote")


@pytest.mark.parametrize(
    "text",
    [
        # A note that names no source is a remark: the sentence's own cue stands.
        "ChatGPT holds 68%¹ of the global chatbot market, Similarweb says.\n\n"
        "¹ Share of visits in the January snapshot.\n",
        # A marker with no note, or a numbered list that is not under a notes heading.
        "ChatGPT holds 68%³ of the global chatbot market, Similarweb says." + NOTES,
        "ChatGPT holds 68%² of the global chatbot market, Similarweb says.\n\n## Plans\n\n"
        "1. Hugging Face, Spring 2026 report\n2. Microsoft, 2026\n",
    ],
)
def test_a_note_marker_without_a_note_naming_a_source_leaves_the_sentence_cue(text, facts):
    assert credited(text, facts) == (["similarweb-2026-01"], "cue")


def test_a_unit_superscript_is_not_a_note_marker(facts):
    text = "ChatGPT holds 68% of the global chatbot market across 6,200 km² of halls." + NOTES
    assert [sorted(ev.attribution.sources) for ev in analyse(text, facts).evidence] == [[], []]


def test_a_note_marker_is_not_part_of_the_number(facts):
    text = "Chinese models hold 17.1¹% of global downloads, against 41%¹ for LLMs." + NOTES
    assert [
        (ev.claim.text, ev.claim.value, ev.claim.span.column, ev.claim.span.end_column)
        for ev in analyse(text, facts).evidence
    ] == [("17.1", 17.1, 21, 24), ("41%", 41, 57, 59)]


THE_INFORMATION = Path(__file__).parent / "fixtures" / "names" / "the-information.yaml"


@pytest.mark.parametrize(
    ("text", "sources"),
    [
        ("The Information reported that OpenAI's revenue reached $13 billion in 2025.",
         ["the-information-2026-03"]),
        ("OpenAI's revenue reached $13 billion in 2025, according to The Information.",
         ["the-information-2026-03"]),
        ("OpenAI's revenue reached $13 billion in 2025, the Information said.",
         ["the-information-2026-03"]),
        ("The Information's analysis puts OpenAI's revenue at $13 billion in 2025.",
         ["the-information-2026-03"]),
        # The common word is no one's name.
        ("The information shows OpenAI's revenue reached $13 billion in 2025.", []),
        ("OpenAI's revenue reached $13 billion in 2025, information from insiders shows.", []),
        ("The data, per the information we have, puts OpenAI's revenue at $13 billion.", []),
    ],
)  # fmt: skip
def test_a_source_named_the_and_a_common_word_is_credited_only_when_capitalised(text, sources):
    assert credited(text, citelint.load_facts(THE_INFORMATION))[0] == sources


@pytest.mark.parametrize(
    ("text", "sources"),
    [
        ("A report in The Information put OpenAI's revenue at $13 billion in 2025.",
         ["the-information-2026-03"]),
        ("A study published in The Information puts OpenAI's revenue at $13 billion in 2025.",
         ["the-information-2026-03"]),
        ("OpenAI's revenue reached $13 billion in 2025, a paper in The Information found.",
         ["the-information-2026-03"]),
    ],
)  # fmt: skip
def test_a_report_or_study_in_a_publication_credits_the_publication(text, sources):
    assert credited(text, citelint.load_facts(THE_INFORMATION))[0] == sources


@pytest.mark.parametrize(
    "text",
    [
        "China's AI industry hit 1.5 trillion yuan, as told in a report in The Wall Street Journal",
        "55% of enterprises run an open model, going by a study published in Nature last year.",
    ],
)
def test_a_report_in_a_publication_no_source_has_cites_that_publication(text, facts):
    evidence = analyse(text, facts).evidence
    assert evidence and all(ev.attribution.cited for ev in evidence)


def test_data_in_a_platform_is_not_a_credit(facts):
    text = "Chinese models hold 17.1% of global downloads, by the data in Hugging Face."
    assert credited(text, facts)[0] == []


def _sources_by_line(text, facts):
    return {
        ev.claim.span.line: sorted(ev.attribution.sources) for ev in analyse(text, facts).evidence
    }


def test_a_nested_list_reads_on_from_its_parent_item_not_from_the_list_before(facts):
    text = (
        "Per CGTN, the official figures are:\n"
        "- more than 6,200 AI companies in China;\n"
        "- China's share of global AI patent applications at about 60%.\n"
        "\n"
        "* Download shares, per the MIT and Hugging Face analysis:\n"
        "  * Chinese models: 17.1% of global downloads\n"
        "* Chatbot shares, according to Similarweb:\n"
        "  * ChatGPT: 68% of the global chatbot market\n"
        "* Other figures:\n"
        "  * Gemini: 18% of the global chatbot market\n"
    )
    assert _sources_by_line(text, facts) == {
        2: ["cn-official-2026-04"],
        3: ["cn-official-2026-04"],
        6: ["hf-mit-deepseek-moment"],
        8: ["similarweb-2026-01"],
        10: [],  # its parent credits no one, and the "*" list has no lead-in of its own
    }


def test_a_nested_list_under_an_item_that_credits_no_one_reads_on_from_the_list_s_lead_in(
    facts,
):
    text = (
        "According to Similarweb:\n"
        "- Chatbots:\n"
        "  - ChatGPT: 68% of the global chatbot market\n"
        "  - Gemini: 18% of the global chatbot market\n"
    )
    assert _sources_by_line(text, facts) == {3: ["similarweb-2026-01"], 4: ["similarweb-2026-01"]}


@pytest.mark.parametrize(
    "title",
    [
        "**Key numbers, per Similarweb**",
        "**Key numbers, per Similarweb:**",
        "> **Key numbers, per Similarweb**\n>",
    ],
)
def test_a_bold_title_over_a_list_credits_its_items(title, facts):
    prefix = "> " if title.startswith(">") else ""
    text = f"{title}\n\n{prefix}- ChatGPT: 68% of the global chatbot market\n"
    [ev] = analyse(text, facts).evidence
    assert ev.attribution.sources == {"similarweb-2026-01"}
    assert citelint.lint(text, facts) == []


def test_a_small_count_with_its_qualifier_in_a_table_cell_is_read_with_its_row(facts):
    text = (
        "| Metric | Value | Source |\n|---|---|---|\n"
        "| Baidu model releases on Hugging Face | more than 100 | — |\n"
        "| 17 | Chinese share of global downloads | — |\n"
    )
    assert [(d.line, d.code) for d in citelint.lint(text, facts)] == [(3, "CL201")]


def test_a_sentence_after_an_html_comment_or_a_br_is_a_sentence_of_its_own(facts):
    text = (
        "Chinese models took 17.1% of global downloads. <!-- a note -->\n"
        "Similarweb reported that ChatGPT holds 68% of the global chatbot market.\n\n"
        "Chinese models took 17.1% of global downloads.<br>US models took 15.8% of global "
        "downloads, MIT found.\n"
    )
    assert [(d.line, d.code) for d in citelint.lint(text, facts)] == [(1, "CL201"), (4, "CL201")]


def test_the_figure_given_before_is_pointed_back_to_with_its_subject():
    text = (
        "Last week we wrote that ChatGPT's share of chatbot traffic had fallen to 46.5%, "
        "citing the Similarweb tracker. The tracker's figure was 64.5%.\n"
    )
    assert [(d.code, d.claim.text) for d in citelint.lint(text)] == [("CL102", "46.5%")]


def test_footnotes_after_each_figure_credit_their_own_figure(facts):
    """Two footnotes crediting different sources, each after its own figure's clause:
    each figure is credited to its own footnote's source; footnotes together after both
    figures credit both."""
    notes = "\n\n[^sw]: Similarweb, January 2026.\n[^mit]: MIT and Hugging Face.\n"
    text = (
        "Chinese models hold 17.1% of global downloads[^mit], and ChatGPT holds 68% of the "
        "global chatbot market[^sw]." + notes
    )
    assert each_credited(text, facts) == [["hf-mit-deepseek-moment"], ["similarweb-2026-01"]]
    swapped = text.replace("[^mit], and", "[^x], and").replace("[^sw].", "[^mit].")
    swapped = swapped.replace("[^x]", "[^sw]")
    assert [d.code for d in citelint.lint(swapped, facts)] == ["CL103", "CL103"]
    both = "Chinese models hold 17.1% and the US 15.8% of global downloads.[^mit][^sw]" + notes
    assert each_credited(both, facts) == [["hf-mit-deepseek-moment", "similarweb-2026-01"]] * 2


@pytest.mark.parametrize(
    "text",
    [
        "Li Lecheng spoke about adoption at the congress. He said China has more than 6,200 AI "
        "companies.",
        "Li Lecheng took that question at the same briefing. The minister said China has more "
        "than 6,200 AI companies.",
        # ("Li said" is Li Lecheng's, as the sentence before wrote him; so is the "He" after)
        "Li Lecheng opened the briefing. Li said the AI industry grew. He also said China has "
        "more than 6,200 AI companies.",
    ],
)
def test_he_or_the_minister_says_for_the_speaker_the_sentence_before_names(text):
    from citelint.packs import bundled_facts

    [ev] = analyse(text, bundled_facts()).evidence
    assert (sorted(ev.attribution.sources), ev.attribution.how) == (
        ["miit-li-lecheng-npc-2026-03"],
        "paragraph",
    )


def test_a_subject_a_figures_own_part_names_is_its_own_though_another_part_names_it_too(facts):
    text = (
        "Microsoft puts DeepSeek's market share within China at 89%, while Similarweb gives "
        "DeepSeek only 4% of the global chatbot market and ChatGPT 68%."
    )
    assert [d.code for d in citelint.lint(text, facts)] == []


@pytest.mark.parametrize(
    "text",
    [
        "Gemini holds 18% of the global chatbot market, Microsoft found, and ChatGPT holds 68% "
        "of it, according to Similarweb.",
        "Gemini holds 18% of the global chatbot market, according to Microsoft, and ChatGPT "
        "holds 68% of it, according to Similarweb.",
    ],
)
def test_a_credit_closing_its_clause_before_and_credits_that_clause_alone(text, facts):
    assert each_credited(text, facts) == [["microsoft-research-2026"], ["similarweb-2026-01"]]
    assert [d.code for d in citelint.lint(text, facts)] == ["CL103"]  # Microsoft has no 18%
