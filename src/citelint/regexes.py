"""Regular expressions compiled once per Python installation, not once per process.

Checking one small draft used to spend more time compiling citelint's patterns (the
number, currency, cue and qualifier alternations) than parsing the draft, and CPython
keeps nothing compiled from one process to the next. So `compile` keeps each
pattern's program (what `re` hands its C engine) in a file in the user's cache
folder, keyed by the pattern's text and flags, one file per Python build. The engine
validates a cached program as it does any other. A pattern not in the cache (the
first run, a changed pattern), an unreadable or damaged file, or a Python whose `re`
internals differ all get `re.compile`; a program is stored only after it was shown
to give a pattern equal to `re.compile`'s (same flags, same code).
"""

from __future__ import annotations

import _sre
import atexit
import contextlib
import marshal
import os
import re
import sys
import zlib
from pathlib import Path

# Programs of patterns no longer compiled pile up in a development checkout; past this
# many, a save keeps only the ones the saving process used.
_LIMIT = 400  # citelint compiles about 150


def cache_folder() -> Path:
    """$XDG_CACHE_HOME/citelint, else ~/.cache/citelint (platformdirs is not a dependency)."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "citelint"


class ProgramCache:
    """Compiled programs read from, and written back to, one cache file."""

    def __init__(self, path: Path):
        self.path = path
        self._programs: dict[tuple[str, int], tuple] | None = None  # read on first use
        self._used: set[tuple[str, int]] = set()
        self._added = False

    def compile(self, pattern: str, flags: int = 0) -> re.Pattern[str]:
        key = (pattern, int(flags))
        programs = self._programs if self._programs is not None else self._read()
        program = programs.get(key)
        if program is not None:
            try:
                compiled = _sre.compile(pattern, *program)
            except Exception:  # noqa: BLE001 - damaged, or other internals: compile afresh
                del programs[key]
            else:
                self._used.add(key)
                return compiled
        compiled = re.compile(pattern, flags)
        # A miss compiles twice more (the program, then the check): once per pattern and
        # installation, not once per process.
        program = _program(pattern, key[1])
        if program is not None and _sre.compile(pattern, *program) == compiled:
            programs[key] = program
            self._used.add(key)
            self._added = True
        return compiled

    def save(self) -> None:
        """Write the programs back if this process compiled any afresh; an unwritable
        cache only costs time."""
        if not self._added or self._programs is None:
            return
        programs = self._programs
        if len(programs) > _LIMIT:
            programs = {key: programs[key] for key in self._used}
        temporary = self.path.with_suffix(f".{os.getpid()}.tmp")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temporary.write_bytes(marshal.dumps(programs))
            os.replace(temporary, self.path)
            self._added = False
        except (OSError, ValueError):
            with contextlib.suppress(OSError):
                temporary.unlink(missing_ok=True)  # a full disk leaves no half-written file

    def _read(self) -> dict[tuple[str, int], tuple]:
        try:
            # loads, not load: marshal.load reads a file object in many small calls.
            programs = marshal.loads(self.path.read_bytes())
        except Exception:  # noqa: BLE001 - missing, unreadable or damaged
            programs = None
        self._programs = programs if isinstance(programs, dict) else {}
        return self._programs


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


def _cache_file() -> Path:
    build = f"{sys.version}|{_sre.MAGIC}|{_sre.CODESIZE}|{sys.maxunicode}".encode()
    return cache_folder() / f"regexes-{zlib.crc32(build):08x}.marshal"


_cache = ProgramCache(_cache_file())


def compile(pattern: str, flags: int = 0) -> re.Pattern[str]:  # noqa: A001 - as re.compile
    """`re.compile(pattern, flags)`, from the cache when it holds the program."""
    return _cache.compile(pattern, flags)


atexit.register(_cache.save)


def backwards(alternation: str) -> str:
    """An alternation of words, each written backwards: "per|sources?" ->
    "rep|s?ecruos". A word is literal characters, escapes ("\\."), classes ("[sz]")
    and "?" after any of those; nothing else. For matching, once and at its start, the
    reversed text before a position instead of searching for a pattern anchored at
    its end (which `re` tries at every position)."""
    return "|".join("".join(reversed(_items(word))) for word in alternation.split("|"))


def _items(word: str) -> list[str]:
    items: list[str] = []
    i = 0
    while i < len(word):
        if word[i] == "\\":
            item, i = word[i : i + 2], i + 2
        elif word[i] == "[":
            end = word.index("]", i + 1)
            item, i = word[i : end + 1], end + 1
        elif word[i] == "?":
            items[-1] += "?"
            i += 1
            continue
        elif word[i] in ".^$*+{}()|":
            raise ValueError(f"not a plain word: {word!r}")
        else:
            item, i = word[i], i + 1
        items.append(item)
    return items
