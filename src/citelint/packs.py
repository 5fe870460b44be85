"""Fact-table packs: the bundled AI-industry pack and packs other packages provide.

A pack is named `pack:NAME` wherever a fact-table path is accepted. Packages
register packs in the `citelint.packs` entry-point group; each entry point is
a zero-argument callable returning the path of the pack's file (or folder).
"""

from __future__ import annotations

import functools
from pathlib import Path

from .facttable import load_table
from .facttable.readers import FORMATS
from .model import FactTable, FactTableError, Problem

GROUP = "citelint.packs"
BUNDLED = "ai-industry"
PREFIX = "pack:"


def _rules_dir() -> Path:
    """`citelint/rules` in an installed wheel, `<repo>/rules` in a source checkout."""
    from importlib.resources import files

    installed = files("citelint") / "rules"
    if isinstance(installed, Path) and installed.is_dir():
        return installed
    return Path(__file__).resolve().parents[2] / "rules"


def ai_industry() -> Path:
    """The bundled AI-industry pack file."""
    return _rules_dir() / "ai-industry.yaml"


@functools.cache
def bundled_facts() -> FactTable:
    """The bundled pack, loaded once per process."""
    return load_table(ai_industry())


def resolve(spec: str) -> list[Path]:
    """The fact-table files `spec` names: a file, a folder of tables, or `pack:NAME`.

    Raises FactTableError for a pack that no installed package provides or that fails to load.
    """
    if not spec.startswith(PREFIX):
        return _expand(Path(spec).expanduser())
    name = spec[len(PREFIX) :]
    if name == BUNDLED:  # no entry-point scan for the common case
        return [ai_industry()]
    from importlib.metadata import entry_points

    found = entry_points(group=GROUP, name=name)
    if not found:
        known = sorted({BUNDLED, *(ep.name for ep in entry_points(group=GROUP))})
        message = f"unknown pack {name!r} (installed packs: {', '.join(known)})"
        raise FactTableError([Problem(spec, 0, "", message)])
    try:
        path = Path(next(iter(found)).load()())
    except Exception as error:  # a broken plugin is a configuration problem, not a crash
        raise FactTableError(
            [Problem(spec, 0, "", f"pack {name!r} cannot be loaded: {error}")]
        ) from error
    return _expand(path)


def _expand(path: Path) -> list[Path]:
    """A folder stands for the fact tables directly in it, in name order."""
    if path.is_dir():
        return sorted(p for p in path.iterdir() if p.suffix.lower() in FORMATS and p.is_file())
    return [path]
