"""Settings: what a client may set in `initializationOptions` or
`workspace/didChangeConfiguration`, each value checked by its own parser so one bad
value falls back to its default without losing the others."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Settings:
    """What the client may set in `initializationOptions` or, under a `citelint`
    key, in `workspace/didChangeConfiguration`. Each message carries the client's
    whole configuration, so a setting it leaves out (or sets to null) is back at its
    default: removing `facts` in the editor returns to the configured table."""

    debounce: float = 0.2  # seconds
    rules_url: str | None = None  # template with {code} / {name}
    facts: tuple[str, ...] = ()  # fact tables that replace the configured ones
    max_size: int = 2_000_000  # characters; larger documents are not linted

    @classmethod
    def read(cls, options: object) -> tuple[Settings, list[str]]:
        """The settings `options` give, and a note for each value that is not valid
        (that setting keeps its default)."""
        if not isinstance(options, dict):
            return cls(), []
        if "citelint" in options:
            options = options["citelint"] if isinstance(options["citelint"], dict) else {}
        values: dict[str, Any] = {}
        invalid: list[str] = []
        for key, attr, convert in _SETTINGS:
            raw = options.get(key)
            if raw is None:
                continue
            value = convert(raw)
            if value is None:
                invalid.append(f"{key}: {raw!r} is not valid; using the default")
            else:
                values[attr] = value
        return cls(**values), invalid


def _debounce(raw: object) -> float | None:
    if isinstance(raw, bool) or not isinstance(raw, int | float) or raw < 0:
        return None
    return raw / 1000 if raw > 10 else float(raw)  # milliseconds, or seconds when ≤ 10


def _rules_url(raw: object) -> str | None:
    return raw if isinstance(raw, str) else None  # "" is the default


def _facts(raw: object) -> tuple[str, ...] | None:
    if isinstance(raw, str):
        raw = [raw]
    if isinstance(raw, list) and all(isinstance(f, str) and f for f in raw):
        return tuple(raw)
    return None


def _max_size(raw: object) -> int | None:
    return raw if isinstance(raw, int) and not isinstance(raw, bool) and raw > 0 else None


#: (client key, Settings field, converter returning None for an invalid value)
_SETTINGS: tuple[tuple[str, str, Callable[[object], Any]], ...] = (
    ("debounce", "debounce", _debounce),
    ("rulesUrl", "rules_url", _rules_url),
    ("facts", "facts", _facts),
    ("maxDocumentSize", "max_size", _max_size),
)
