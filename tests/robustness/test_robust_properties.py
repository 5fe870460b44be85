"""Property tests over generated Markdown: nested lists and quotes, tables, footnotes,
links, emphasis, code, HTML, front matter, and numbers in every SPEC §1 form.

For every document: no exception; every claim and finding lies inside the file, its
text is the source slice at its offsets and its line and column agree with them;
`lint` is deterministic; nothing is read from code, HTML, URLs or front matter
(those only ever hold numbers that prose never does: 7777, 8888, 6666, 5555).
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from robusthelpers import PROPERTY_SETTINGS, check_positions

from citelint.engine import analyse, lint
from citelint.packs import bundled_facts

FACTS = bundled_facts()
HIDDEN = ("7777", "8888", "6666", "5555")  # only in code, URLs, HTML, front matter

NUMBERS = [
    "41%", "41 percent", "41 per cent", "forty-one percent", "17.1", "6,200", "10 billion",
    "10bn", "10B", "1.2 trillion yuan", "¥1.2 trillion", "RMB 1.2tn", "$165 billion",
    "US$619m", "$558M", "USD 619 million", "619 million dollars", "0.7 billion",
    "four in ten", "nearly nine in ten", "one in six", "three in five", "two-fifths",
    "one-seventh", "15.8 percentage points", "15.8pp", "10 billion+", "6,200+", "17.1%",
    "€3.5bn", "£20m", "3x", "2.5×", "12", "2026", "V4", "R1", "Qwen3.5", "#41", "1)",
    "13:02", "3 weeks", "page 41",
]  # fmt: skip
QUALIFIERS = ["", "", "more than ", "over ", "at least ", "less than ", "up to ", "about ",
              "~", "nearly ", "almost ", "topped ", "roughly "]  # fmt: skip
WORDS = ["MIT", "Hugging Face", "Hugging Face's", "HuggingFace", "Chinese models", "downloads",
         "share", "global", "according to", "found", "said", "per", "the report", "It", "and",
         "of", "the", "ChatGPT", "market", "Similarweb", "DeepSeek", "funding", "raised", "—",
         "(MIT, 2026)", "these models", "the same report", "e.g.", "etc.", "U.S."]  # fmt: skip
PUNCT = [" ", " ", " ", ", ", ". ", "; ", ": ", " — ", "! ", "? ", " (", ") "]

number = st.builds(lambda q, n: q + n, st.sampled_from(QUALIFIERS), st.sampled_from(NUMBERS))
word = st.sampled_from(WORDS)
url = st.sampled_from(
    ["https://huggingface.co/blog/x", "https://example.com/8888", "http://mit.edu/", "/rel/8888"]
)


@st.composite
def inline(draw: st.DrawFn, depth: int = 0) -> str:
    kinds = ["word", "word", "number", "number", "punct", "code", "html", "autolink", "escape",
             "entity", "footref", "pandoc"]  # fmt: skip
    if depth < 2:
        kinds += ["emphasis", "strong", "link", "reflink", "strike"]
    kind = draw(st.sampled_from(kinds))
    if kind == "word":
        return draw(word)
    if kind == "number":
        return draw(number)
    if kind == "punct":
        return draw(st.sampled_from(PUNCT))
    if kind == "code":
        ticks = draw(st.sampled_from(["`", "``"]))
        return f"{ticks}x 7777% {ticks}"
    if kind == "html":
        return draw(st.sampled_from(['<span title="6666%">', "</span>", "<br/>", "<!-- 6666% -->"]))
    if kind == "autolink":
        return draw(st.sampled_from(["<https://example.com/8888%>", "https://x.org/8888%25"]))
    if kind == "escape":
        return draw(st.sampled_from(["\\*", "\\$", "\\[", "\\_", "\\\\"]))
    if kind == "entity":
        return draw(st.sampled_from(["&amp;", "&#36;", "&nbsp;", "&percnt;", "&bogus;"]))
    if kind == "footref":
        return draw(st.sampled_from(["[^mit]", "[^hf]", "[^none]"]))
    if kind == "pandoc":
        return draw(st.sampled_from(["[@hfmit2026]", "[see @unknown, p. 3]", "@hfmit2026"]))
    inner = " ".join(draw(st.lists(inline(depth + 1), min_size=1, max_size=3)))
    if kind == "emphasis":
        return f"*{inner}*"
    if kind == "strong":
        return f"**{inner}**"
    if kind == "strike":
        return f"~~{inner}~~"
    if kind == "link":
        return f"[{inner}]({draw(url)})"
    return f"[{inner}][ref]"


line = st.lists(inline(), min_size=1, max_size=10).map(lambda parts: " ".join(parts).strip())
paragraph = st.lists(line, min_size=1, max_size=3).map("\n".join)


@st.composite
def block(draw: st.DrawFn, depth: int = 0) -> str:
    kinds = ["paragraph", "paragraph", "heading", "setext", "table", "fence", "indented",
             "html", "footnote", "rule", "refdef"]  # fmt: skip
    if depth < 3:
        kinds += ["list", "ordered", "quote"]
    kind = draw(st.sampled_from(kinds))
    if kind == "paragraph":
        return draw(paragraph)
    if kind == "heading":
        return "#" * draw(st.integers(1, 6)) + " " + draw(line)
    if kind == "setext":
        return draw(line) + "\n" + draw(st.sampled_from(["===", "---"]))
    if kind == "table":
        cols = draw(st.integers(1, 4))
        header = ["Source" if i == cols - 1 and draw(st.booleans()) else draw(word)
                  for i in range(cols)]  # fmt: skip
        rows = draw(st.lists(st.lists(line, min_size=cols, max_size=cols), max_size=3))
        body = [["x" if "|" in c else c for c in row] for row in rows]
        return "\n".join(
            ["| " + " | ".join(header) + " |", "|" + "---|" * cols]
            + ["| " + " | ".join(r) + " |" for r in body]
        )
    if kind == "fence":
        fence = draw(st.sampled_from(["```", "~~~", "````"]))
        closed = draw(st.booleans())
        return f"{fence}python\nx = '7777%' # $7777 billion\n" + (fence if closed else "")
    if kind == "indented":
        # After an HTML comment, so that no list item above takes the lines as its own.
        return "<!-- code -->\n\n    7777% of code\n    $7777 billion"
    if kind == "html":
        return draw(st.sampled_from(["<div>\n6666% of html\n</div>", "<!--\n6666%\n-->",
                                     "<script>\nvar x = '6666%';\n</script>"]))  # fmt: skip
    if kind == "footnote":
        key = draw(st.sampled_from(["mit", "hf", "none"]))
        return f"[^{key}]: " + draw(paragraph)
    if kind == "rule":
        return draw(st.sampled_from(["---", "***", "___"]))
    if kind == "refdef":
        return f"[ref]: {draw(url)}"
    children = draw(st.lists(block(depth + 1), min_size=1, max_size=3))
    if kind == "quote":
        return "\n".join(
            "> " + ln if ln else ">" for c in children for ln in (c + "\n").split("\n")
        )
    marker = "- " if kind == "list" else "1. "
    pad = " " * len(marker)
    items = []
    for child in children:
        lines = child.split("\n")
        items.append(
            marker + lines[0] + "".join("\n" + pad + ln if ln else "\n" for ln in lines[1:])
        )
    return "\n".join(items)


@st.composite
def markdown(draw: st.DrawFn) -> str:
    blocks = draw(st.lists(block(), min_size=1, max_size=8))
    text = "\n\n".join(blocks) + "\n"
    front = draw(st.sampled_from(["", "", "---\nshare: 5555%\n---\n", "+++\nx = '5555%'\n+++\n"]))
    newline = draw(st.sampled_from(["\n", "\n", "\r\n", "\r"]))
    return (front + text).replace("\n", newline)


def _no_hidden(analysis) -> None:
    for claim in analysis.claims:
        assert not any(h in claim.text for h in HIDDEN), claim


@PROPERTY_SETTINGS
@given(markdown())
def test_structured_markdown(text: str) -> None:
    analysis = analyse(text, FACTS)
    check_positions(text, analysis)
    _no_hidden(analysis)


@PROPERTY_SETTINGS
@given(markdown())
def test_lint_is_deterministic(text: str) -> None:
    first = lint(text, FACTS)
    assert lint(text, FACTS) == first
    assert lint(text, FACTS, path="other.md") == [
        type(d)(**{**{f: getattr(d, f) for f in d.__dataclass_fields__}, "path": "other.md"})
        for d in first
    ]


@PROPERTY_SETTINGS
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400))
def test_any_text(text: str) -> None:
    check_positions(text, analyse(text, FACTS))


MARKDOWN_CHARS = st.sampled_from(
    list("\n\n  \t>-*+_`~#|[]()!<>&;:\\$%^@.,0123456789aBx\r") + NUMBERS
)


@PROPERTY_SETTINGS
@given(st.lists(MARKDOWN_CHARS, max_size=120).map("".join))
def test_markdown_punctuation_soup(text: str) -> None:
    check_positions(text, analyse(text, FACTS))
