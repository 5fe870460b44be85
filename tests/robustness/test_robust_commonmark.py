"""Every CommonMark spec example (shared/corpus/commonmark/spec.json): no exception,
exact positions with LF, CRLF and CR line endings, and no claim from code spans,
code blocks, URLs or attributes.

The spec's examples use "foo", "bar" and "baz" everywhere, in prose and in code
alike. Turned into "11%", "22%" and "33%" in both the Markdown and the reference
HTML, the HTML says where each can be prose: a claim citelint reports must appear
as text outside <code> in the reference rendering.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest
from robusthelpers import CORPUS, check_positions

from citelint.engine import analyse
from citelint.packs import bundled_facts

FACTS = bundled_facts()
SPEC = CORPUS / "commonmark" / "spec.json"
EXAMPLES = json.loads(SPEC.read_text(encoding="utf-8")) if SPEC.exists() else []
MARKERS = {"foo": "11%", "bar": "22%", "baz": "33%"}
# Examples the substitution itself changes: "11%" is not a valid HTML attribute name,
# so `<a foo="bar">` marked is no longer a tag but text (prose, rightly read).
CHANGED_BY_MARKING = {618}

pytestmark = pytest.mark.skipif(not EXAMPLES, reason="spec.json is not available")


class _Prose(HTMLParser):
    """The text of an HTML fragment outside <code> (and outside tags and attributes)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.code = 0
        self.prose: list[str] = []
        self.in_code: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "code":
            self.code += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "code" and self.code:
            self.code -= 1

    def handle_data(self, data: str) -> None:
        (self.in_code if self.code else self.prose).append(data)


def _marked(text: str) -> str:
    """The text with the markers in place of foo, bar and baz, in any case (link labels
    match case-insensitively: [FOO] must still name [foo])."""
    for word, marker in MARKERS.items():
        text = re.sub(word, marker, text, flags=re.IGNORECASE)
    return text


def test_every_example_with_every_line_ending() -> None:
    assert len(EXAMPLES) >= 600
    failures = []
    for example in EXAMPLES:
        for newline in ("\n", "\r\n", "\r"):
            text = example["markdown"].replace("\n", newline)
            try:
                check_positions(text, analyse(text, FACTS))
            except Exception as err:  # collect them all, then fail with the list
                failures.append((example["example"], repr(newline), repr(err)[:300]))
    assert not failures, failures[:20]


def test_no_claim_from_code_urls_or_attributes() -> None:
    checked = 0
    failures = []
    for example in EXAMPLES:
        if example["example"] in CHANGED_BY_MARKING:
            continue
        text = _marked(example["markdown"])
        html = _Prose()
        html.feed(_marked(example["html"]))
        html.close()
        prose = "".join(html.prose)
        for claim in analyse(text, FACTS).claims:
            if claim.text in MARKERS.values():
                checked += 1
                if claim.text not in prose:
                    failures.append((example["example"], example["section"], claim.text))
    assert checked > 300  # the markers are read as claims in a good share of the examples
    assert not failures, failures


def test_code_examples_yield_no_claims() -> None:
    """Examples whose reference rendering is only code hold no claim at all."""
    for example in EXAMPLES:
        html = _marked(example["html"]).strip()
        if html.startswith("<pre><code") and html.count("<pre>") == 1 and html.endswith("</pre>"):
            text = _marked(example["markdown"])
            assert analyse(text, FACTS).claims == (), example["example"]
