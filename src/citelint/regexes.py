"""Regular expressions compiled once per Python installation, not once per process.

Checking one small draft used to spend more time compiling citelint's patterns (the
number, currency, cue and qualifier alternations) than parsing the draft, and CPython
keeps nothing compiled from one process to the next. So `compile` keeps each
pattern's program (what `re` hands its C engine) in a file in the user's cache
folder, keyed by the pattern's text and flags, one file per Python build and
citelint's code (`cachefile.code_file`). The engine validates a cached program as
it does any other. A pattern not in the cache (the first run, a changed pattern),
an unreadable or damaged file, or a Python whose `re` internals differ all get
`re.compile`; a program is stored only after it was shown to give a pattern equal
to `re.compile`'s (same flags, same code).
"""

from __future__ import annotations

import _sre
import atexit
import re
import sys
from collections.abc import Iterable
from pathlib import Path

from .cachefile import CacheFile, code_file

_LIMIT = 400  # programs kept past a save that used fewer; citelint compiles about 150


class ProgramCache:
    """Compiled programs read from, and written back to, one cache file."""

    def __init__(self, path: Path, replaces: str | None = None):
        self._programs = CacheFile(path, _LIMIT, replaces)

    def compile(self, pattern: str, flags: int = 0) -> re.Pattern[str]:
        key = (pattern, int(flags))
        program = self._programs.get(key)
        if program is not None:
            try:
                return _sre.compile(pattern, *program)
            except Exception:  # noqa: BLE001 - damaged, or other internals: compile afresh
                self._programs.discard(key)
        compiled = re.compile(pattern, flags)
        # A miss compiles twice more (the program, then the check): once per pattern and
        # installation, not once per process.
        program = _program(pattern, key[1])
        if program is not None and _sre.compile(pattern, *program) == compiled:
            self._programs.put(key, program)
        return compiled

    def save(self) -> None:
        """Write the programs back if this process compiled any afresh; an unwritable
        cache only costs time."""
        self._programs.save()


def _program(pattern: str, flags: int) -> tuple | None:
    """What `re.compile` passes `_sre.compile` after the pattern: final flags, code,
    group count, group names both ways (as in CPython 3.11 to 3.13's re._compiler)."""
    try:
        parsed = re._parser.parse(pattern, flags)
        code = [int(op) for op in re._compiler._code(parsed, flags)]
        state = parsed.state
        indexgroup = [None] * state.groups
        for name, index in state.groupdict.items():
            indexgroup[index] = name
        return (
            int(flags | state.flags),
            code,
            state.groups - 1,
            dict(state.groupdict),
            tuple(indexgroup),
        )
    except Exception:  # noqa: BLE001 - internals this version does not have
        return None


_cache = ProgramCache(
    *code_file("regexes", f"{sys.version}|{_sre.MAGIC}|{_sre.CODESIZE}|{sys.maxunicode}")
)


def compile(pattern: str, flags: int = 0) -> re.Pattern[str]:  # noqa: A001 - as re.compile
    """`re.compile(pattern, flags)`, from the cache when it holds the program."""
    return _cache.compile(pattern, flags)


atexit.register(_cache.save)


def alternation(words: Iterable[str]) -> str:
    """Words as one alternation, escaped and longest first ("billion|bn|b"), so that no
    word is cut short by a shorter one it begins with."""
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


def backwards(alternation: str) -> str:
    """An alternation of words, each written backwards: "per|sources?" ->
    "rep|s?ecruos". A word is literal characters, escapes ("\\."), classes ("[sz]")
    and "?" after any of those; nothing else. For matching, once and at its start, the
    reversed text before a position instead of searching for a pattern anchored at
    its end (which `re` tries at every position)."""
    reversed_words = []
    for word in alternation.split("|"):
        items = _ITEM.findall(word)
        if "".join(items) != word:
            raise ValueError(f"not a plain word: {word!r}")
        reversed_words.append("".join(reversed(items)))
    return "|".join(reversed_words)


# One item of a plain word, with its "?": an escape, a class, or a literal character.
_ITEM = compile(r"(?:\\.|\[[^\]]*\]|[^\\\[.^$*+{}()|?])\??")
