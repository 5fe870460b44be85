"""Merging a draft into a reviewed YAML table: its new sources and facts are appended to
the table's own text, which is otherwise kept as it is; figures already in the table
are skipped and figures that disagree with it are reported as conflicts, not added.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Fact, FactTable, Source
from .table import Draft
from .yaml_out import fact_yaml, source_yaml


@dataclass(frozen=True)
class MergeResult:
    text: str
    added_sources: tuple[Source, ...]
    added_facts: tuple[Fact, ...]
    kept: tuple[tuple[Fact, Fact], ...]  # (candidate, the entry already in the table)
    conflicts: tuple[tuple[Fact, Fact], ...]  # (candidate, the entry it disagrees with)


def _norm(text: str | None) -> str:
    return " ".join((text or "").lower().split())


def _same(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


def merge(into_text: str, into: FactTable, result: Draft) -> MergeResult:
    """Add the draft's new sources and facts to a reviewed YAML table's text.

    Entries already in the table are never changed: a source whose id is there is
    kept as it is; a candidate that is already there (same id, or same source — or a
    fact that lists the document in `quoted_in` — with the same value and unit and the
    same metric, quote or subject) is skipped; a candidate with
    the metric and subject of a fact in the table but another value is a
    conflict, reported and not added. The file's text, comments and order are kept;
    new entries are appended to its `sources` and `facts` lists."""
    known_sources = {s.id for s in into.sources}
    new_sources = tuple(s for s in result.sources if s.id not in known_sources)
    added: list[Fact] = []
    kept: list[tuple[Fact, Fact]] = []
    conflicts: list[tuple[Fact, Fact]] = []
    by_metric: dict[tuple[str, str], list[Fact]] = {}
    for fact in into.facts:
        by_metric.setdefault((_norm(fact.metric), _norm(fact.subject)), []).append(fact)
    for fact in result.facts:
        existing = into.fact(fact.id) or next(
            (
                f
                for f in into.facts
                if (f.source == fact.source or fact.source in f.quoted_in)
                and f.unit == fact.unit
                and _same(f.value, fact.value)
                and (
                    _norm(f.metric) == _norm(fact.metric)
                    or (f.quote and _norm(f.quote) == _norm(fact.quote))
                    or (f.subject and _norm(f.subject) == _norm(fact.subject))
                )
            ),
            None,
        )
        if existing is not None:
            kept.append((fact, existing))
            continue
        clash = next(
            (
                f
                for f in by_metric.get((_norm(fact.metric), _norm(fact.subject)), ())
                if f.unit == fact.unit and not _same(f.value, fact.value)
            ),
            None,
        )
        if clash is not None:
            conflicts.append((fact, clash))
            continue
        added.append(fact)
    text = into_text
    text = _append(text, "facts", "".join("\n" + fact_yaml(f, "{indent}") for f in added))
    text = _append(text, "sources", "".join(source_yaml(s, "{indent}") for s in new_sources))
    return MergeResult(text, new_sources, tuple(added), tuple(kept), tuple(conflicts))


def _append(text: str, section: str, items: str) -> str:
    """`text` with `items` (YAML list items, `{indent}` for their indentation) appended
    to the top-level block list `section`, or a new section at the end."""
    if not items:
        return text
    import yaml

    try:
        root = yaml.compose(text)
    except yaml.YAMLError:
        root = None
    node = None
    if isinstance(root, yaml.MappingNode):
        for key, value in root.value:
            if isinstance(key, yaml.ScalarNode) and key.value == section:
                node = value
    if isinstance(node, yaml.SequenceNode) and not node.flow_style and node.value:
        indent = " " * node.start_mark.column  # the column of the items' "-"
        block = items.replace("{indent}", indent)
        end = _last_scalar_end(node.value[-1])
        at = text.find("\n", end)
        at = len(text) if at < 0 else at + 1
        if text[end - 1 : end] == "\n":
            at = end
        prefix = text[:at] if text[:at].endswith("\n") or not text[:at] else text[:at] + "\n"
        return prefix + block + text[at:]
    block = items.replace("{indent}", "  ")
    if node is not None and isinstance(root, yaml.MappingNode):
        # An empty or flow-style list: replace it by a block list with the new items.
        start, end = node.start_mark.index, node.end_mark.index
        existing = ""
        if isinstance(node, yaml.SequenceNode) and node.value:
            existing = "".join(
                f"  - {text[item.start_mark.index : item.end_mark.index]}\n" for item in node.value
            )
        line_end = text.find("\n", end)
        line_end = len(text) if line_end < 0 else line_end
        return text[:start].rstrip(" ") + "\n" + existing + block + text[line_end + 1 :]
    separator = "" if text.endswith("\n") or not text else "\n"
    return text + separator + f"{section}:\n" + block


def _last_scalar_end(node) -> int:
    """Where the text of the last scalar inside a node ends (its last character)."""
    import yaml

    while isinstance(node, yaml.MappingNode | yaml.SequenceNode) and node.value:
        last = node.value[-1]
        node = last[1] if isinstance(last, tuple) else last
    return node.end_mark.index
