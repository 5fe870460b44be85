"""The draft table as YAML text: a version-1 fact table with a header that says where it
came from and that every fact is a suggestion, each entry written field by field and
each scalar plain when that reads back as the same text, else double-quoted.
"""

from __future__ import annotations

import json
import re

from .. import regexes
from ..model import Fact, Source
from .table import Draft

_PLAIN = regexes.compile(r"[A-Za-z][\w .,’'()/&%+-]*[\w.)%’']|[A-Za-z]")
_RESERVED = frozenset("yes no true false on off null y n ~".split())
_DATE_TEXT = regexes.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")


def scalar(value: object, flow: bool = False) -> str:
    """A YAML scalar: plain when that reads back as the same text, else double-quoted."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e18 else repr(value)
    text = str(value)
    if _DATE_TEXT.fullmatch(text) and not flow:
        return text
    plain = (
        _PLAIN.fullmatch(text)
        and text.lower() not in _RESERVED
        and ": " not in text
        and " #" not in text
        and not (flow and re.search(r"[,\[\]{}]", text))
    )
    return text if plain else json.dumps(text, ensure_ascii=False)


def _value_comment(fact: Fact) -> str:
    from ..wording import value as written

    if fact.unit in {"percent", "pp", "times"} or abs(fact.value) < 1e6:
        return ""
    return f"  # {written(fact.value, fact.unit)}"


def source_yaml(source: Source, indent: str = "  ") -> str:
    lines = [f"{indent}- id: {scalar(source.id)}", f"{indent}  name: {scalar(source.name)}"]
    if source.publisher:
        lines.append(f"{indent}  publisher: {scalar(source.publisher)}")
    if source.aliases:
        items = ", ".join(scalar(a, flow=True) for a in source.aliases)
        lines.append(f"{indent}  aliases: [{items}]")
    if source.keys:
        lines.append(f"{indent}  keys: [{', '.join(scalar(k, flow=True) for k in source.keys)}]")
    for name in ("url", "published", "notes"):
        value = getattr(source, name)
        if value:
            lines.append(f"{indent}  {name}: {scalar(value)}")
    return "\n".join(lines) + "\n"


def fact_yaml(fact: Fact, indent: str = "  ") -> str:
    lines = [
        f"{indent}- id: {scalar(fact.id)}",
        f"{indent}  source: {scalar(fact.source)}",
        f"{indent}  value: {scalar(fact.value)}{_value_comment(fact)}",
        f"{indent}  unit: {scalar(fact.unit)}",
    ]
    if fact.qualifier:
        lines.append(f"{indent}  qualifier: {scalar(fact.qualifier)}")
    lines.append(f"{indent}  metric: {scalar(fact.metric)}")
    if fact.subject:
        lines.append(f"{indent}  subject: {scalar(fact.subject)}")
    if fact.keywords:
        lines.append(
            f"{indent}  keywords: [{', '.join(scalar(k, flow=True) for k in fact.keywords)}]"
        )
    for name in ("as_of", "superseded_by", "quote", "quoted_from"):
        value = getattr(fact, name)
        if value:
            lines.append(f"{indent}  {name}: {scalar(value)}")
    if fact.quoted_in:
        lines.append(
            f"{indent}  quoted_in: [{', '.join(scalar(q, flow=True) for q in fact.quoted_in)}]"
        )
    for name in ("primary_url", "status", "notes"):
        value = getattr(fact, name)
        if value:
            lines.append(f"{indent}  {name}: {scalar(value)}")
    return "\n".join(lines) + "\n"


def render(result: Draft) -> str:
    """The draft as a version-1 YAML fact table."""
    header = [
        "# Draft fact table written by `citelint facts extract` from:",
        *(f"#   {path}" for path in result.documents),
        "# Every fact is a suggestion (status: unreviewed): check the value against the",
        "# source, correct metric, subject and keywords, and trace `quoted_from` figures",
        "# to the publication that first states them.",
        "version: 1",
        "",
        "sources:" if result.sources else "sources: []",
    ]
    body = "\n".join(header) + "\n"
    body += "".join(source_yaml(s) for s in result.sources)
    body += "\nfacts:" + ("\n" if result.facts else " []\n")
    for fact in result.facts:
        body += fact_yaml(fact) + "\n"
    return body.rstrip("\n") + "\n"
