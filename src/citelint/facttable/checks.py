"""Checks on a loaded fact table beyond its schema (`citelint facts validate`).

The schema says a table can be read; these say whether it is consistent:

* **conflict** (error): two facts of one source give different values for the
  same metric and subject (and unit and as-of date), and neither supersedes
  the other, directly or through a chain of `superseded_by`;
* **superseded-backwards** (error): `superseded_by` names a fact whose `as_of`
  is earlier than the superseded fact's;
* **shared-alias** (warning): one name (an alias or a source's name) belongs to
  several sources, so a draft crediting it is credited to all of them — often
  intended ("Hugging Face"), listed so that it is a choice;
* **unused** (warning): with `--unused-in DIR`, a fact that no claim in the
  drafts of DIR fits.

Each finding names the file, line and field, like the schema's problems.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from ..model import Fact, FactTable, Source


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing `facts validate` reports about a table that loads."""

    severity: str  # "error" | "warning"
    kind: str  # conflict | superseded-backwards | shared-alias | unused
    path: str
    line: int
    field: str
    message: str
    ids: tuple[str, ...] = ()  # the facts or sources concerned

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        field = f"{self.field}: " if self.field else ""
        return f"{where}: {self.severity}: {field}{self.message} [{self.kind}]"

    def data(self) -> dict[str, object]:
        return {
            "severity": self.severity,
            "kind": self.kind,
            "path": self.path,
            "line": self.line,
            "field": self.field,
            "message": self.message,
            "ids": list(self.ids),
        }


def check_table(table: FactTable) -> list[Finding]:
    """Conflicts, backwards `superseded_by` and shared aliases, in file order."""
    findings = conflicts(table) + superseded_backwards(table) + shared_aliases(table)
    return sorted(findings, key=_order(table))


def _order(table: FactTable):
    rank = {path: index for index, path in enumerate(table.paths)}
    return lambda f: (rank.get(f.path, len(rank)), f.line, f.kind)


def _where(record: Fact | Source) -> tuple[str, int]:
    origin = record.origin
    return (origin.path, origin.line) if origin else ("<table>", 0)


def _key(text: str | None) -> str:
    return " ".join(re.sub(r"[^\w%]+", " ", (text or "").lower()).split())


def _number(value: float) -> str:
    from ..wording import number

    return number(value)


# -- conflicts --------------------------------------------------------------------------------


def _successors(table: FactTable, fact: Fact) -> set[str]:
    """Every fact that `fact` is superseded by, following the chain."""
    seen: set[str] = set()
    current = fact.superseded_by
    while current and current not in seen:
        seen.add(current)
        following = table.fact(current)
        current = following.superseded_by if following else None
    return seen


def conflicts(table: FactTable) -> list[Finding]:
    """Facts of one source with one metric, subject, unit and as-of date but different
    values, neither superseding the other."""
    groups: dict[tuple[str, str, str, str, str], list[Fact]] = defaultdict(list)
    for fact in table.facts:
        key = (fact.source, _key(fact.metric), _key(fact.subject), fact.unit, fact.as_of or "")
        groups[key].append(fact)
    out: list[Finding] = []
    for facts in groups.values():
        if len(facts) < 2:
            continue
        for index, later in enumerate(facts):
            for earlier in facts[:index]:
                if abs(later.value - earlier.value) <= 1e-9 * max(1.0, abs(earlier.value)):
                    continue
                if later.id in _successors(table, earlier) or earlier.id in _successors(
                    table, later
                ):
                    continue
                path, line = _where(later)
                subject = f" for {later.subject}" if later.subject else ""
                out.append(
                    Finding(
                        "error",
                        "conflict",
                        path,
                        line,
                        "value",
                        f"fact {later.id!r} ({_number(later.value)} {later.unit}) conflicts with "
                        f"{earlier.id!r} ({_number(earlier.value)} {earlier.unit}, line "
                        f"{_where(earlier)[1]}): same source {later.source!r}, metric "
                        f"{later.metric!r}{subject}; correct one value, or mark the older "
                        "one superseded_by the newer",
                        (earlier.id, later.id),
                    )
                )
                break  # one finding per fact
    return out


# -- superseded chains ------------------------------------------------------------------------


def _date_key(date: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", date[:10]))


def _earlier(a: str, b: str) -> bool:
    """Whether date `a` is strictly before date `b` at the precision both give
    (2025-08 is not before 2025, nor 2025 before 2025-08)."""
    ka, kb = _date_key(a), _date_key(b)
    n = min(len(ka), len(kb))
    return ka[:n] < kb[:n]


def superseded_backwards(table: FactTable) -> list[Finding]:
    """`superseded_by` pointing to a fact whose as_of is earlier than the fact's own."""
    out: list[Finding] = []
    for fact in table.facts:
        newer = table.fact(fact.superseded_by) if fact.superseded_by else None
        if newer is None or not fact.as_of or not newer.as_of:
            continue
        if _earlier(newer.as_of, fact.as_of):
            path, line = _where(fact)
            out.append(
                Finding(
                    "error",
                    "superseded-backwards",
                    path,
                    line,
                    "superseded_by",
                    f"fact {fact.id!r} (as of {fact.as_of}) is superseded by {newer.id!r}, which "
                    f"is older (as of {newer.as_of}); the chain must go forward in time",
                    (fact.id, newer.id),
                )
            )
    return out


# -- aliases ----------------------------------------------------------------------------------


def _name_key(name: str) -> tuple[str, ...]:
    from ..names import _tokens

    return tuple(token for token, *_ in _tokens(name))


def shared_aliases(table: FactTable) -> list[Finding]:
    """Names (aliases, or a source's name) that several sources answer to."""
    owners: dict[tuple[str, ...], dict[str, str]] = defaultdict(dict)  # key -> id -> as written
    first: dict[tuple[str, ...], Source] = {}
    for source in table.sources:
        for name in (source.name, *source.aliases):
            key = _name_key(name)
            if key:
                owners[key].setdefault(source.id, name)
                first.setdefault(key, source)
    out: list[Finding] = []
    for key, ids in owners.items():
        if len(ids) < 2:
            continue
        written = next(iter(ids.values()))
        path, line = _where(first[key])
        out.append(
            Finding(
                "warning",
                "shared-alias",
                path,
                line,
                "aliases",
                f"{written!r} names {len(ids)} sources ({', '.join(ids)}): a draft crediting it "
                "is credited to all of them",
                tuple(ids),
            )
        )
    return out


# -- facts no draft uses ----------------------------------------------------------------------


def unused(table: FactTable, drafts: Iterable[tuple[str, str]]) -> list[Finding]:
    """Facts that no claim in `drafts` ((path, text) pairs) fits, nor any finding names."""
    from ..engine import analyse

    used: set[str] = set()
    count = 0
    for path, text in drafts:
        count += 1
        analysis = analyse(text, table, path=path)
        for ev in analysis.evidence:
            used.update(scored.fact.id for scored in ev.fits)
        used.update(d.fact for d in analysis.diagnostics if d.fact)
    out = []
    for fact in table.facts:
        if fact.id in used:
            continue
        path, line = _where(fact)
        out.append(
            Finding(
                "warning",
                "unused",
                path,
                line,
                "id",
                f"fact {fact.id!r} ({_number(fact.value)} {fact.unit}: {fact.metric}) is not "
                f"matched by any claim in the {count} draft(s) checked",
                (fact.id,),
            )
        )
    return out
