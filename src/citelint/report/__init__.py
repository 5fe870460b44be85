"""Renderers: findings as text, JSON, SARIF, GitHub annotations or HTML.

Each renderer is a function `render(results, stream, **options)` where
`results` is a list of `FileResult` in the order the files were given.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Diagnostic


@dataclass(frozen=True, slots=True)
class FileResult:
    """One checked file: its text (for excerpts) and its findings."""

    path: str
    text: str
    diagnostics: tuple[Diagnostic, ...]
    claims: int = 0
