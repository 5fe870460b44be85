"""citelint: a citation-aware Markdown linter.

The public API:

    import citelint
    facts = citelint.load_facts("my-facts.yaml")        # or citelint.bundled_facts()
    for d in citelint.lint(markdown_text, facts=facts):  # list[Diagnostic]
        print(d.line, d.column, d.code, d.message)
    claims = citelint.extract_claims(markdown_text)     # list[Claim]

Everything else is private. Heavy modules are imported on first use so that
`import citelint` stays instant.
"""

from __future__ import annotations

from os import PathLike
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .config import Config
    from .model import (
        Applicability,
        Attribution,
        Claim,
        Diagnostic,
        Edit,
        Fact,
        FactTable,
        FactTableError,
        Fix,
        Severity,
        Source,
        Span,
    )

__version__ = "0.1.0"

# The public types, each imported on first use (`__getattr__`): importing the package
# imports nothing else, so the command line starts before any of its modules
# (`__main__.main`).
_TYPES = {
    "Config": "config",
    **dict.fromkeys(
        "Applicability Attribution Claim Diagnostic Edit Fact FactTable FactTableError Fix "
        "Severity Source Span".split(),
        "model",
    ),
}


def __getattr__(name: str) -> object:
    module = _TYPES.get(name)
    if module is None:
        raise AttributeError(f"module 'citelint' has no attribute {name!r}")
    from importlib import import_module

    return getattr(import_module(f".{module}", __name__), name)


def lint(
    text: str, facts: FactTable | None = None, config: Config | None = None, path: str = "<string>"
) -> list[Diagnostic]:
    """Every finding for one Markdown document (the bundled pack when `facts` is None)."""
    from .engine import lint as _lint

    return _lint(text, facts, config, path)


def extract_claims(text: str, facts: FactTable | None = None) -> list[Claim]:
    """Every statistical claim in a Markdown document, with span, value, unit and interval."""
    from .engine import extract_claims as _extract

    return _extract(text, facts)


def load_facts(*paths: str | PathLike[str]) -> FactTable:
    """Load and merge fact tables (YAML, TOML, JSON or CSV); raises FactTableError."""
    from .facttable import load_facts as _load

    flat = [p for item in paths for p in (item if isinstance(item, list | tuple) else [item])]
    return _load(flat)


def bundled_facts() -> FactTable:
    """The bundled AI-industry fact pack."""
    from .packs import bundled_facts as _bundled

    return _bundled()


__all__ = [
    "Applicability", "Attribution", "Claim", "Config", "Diagnostic", "Edit", "Fact",
    "FactTable", "FactTableError", "Fix", "Severity", "Source", "Span",
    "bundled_facts", "extract_claims", "lint", "load_facts",
]  # fmt: skip
