"""Fact-table packs: the bundled AI-industry pack and packs other packages provide.

A pack is named `pack:NAME` wherever a fact-table path is accepted. Packages
register packs in the `citelint.packs` entry-point group; each entry point is
a zero-argument callable returning the path of the pack's file (or folder).
"""

from __future__ import annotations

import functools
import os
from pathlib import Path

from . import indexing
from .cachefile import cache_folder, code_stamp
from .model import FactTable, FactTableError, Problem


def load_table(path: Path) -> FactTable:
    from .facttable import load_table as load  # imported when a table is really read

    return load(path)


GROUP = "citelint.packs"
BUNDLED = "ai-industry"
PREFIX = "pack:"


def _rules_dir() -> Path:
    """`citelint/rules` in an installed wheel, `<repo>/rules` in a source checkout."""
    installed = Path(__file__).with_name("rules")  # not importlib.resources: 6 ms to import
    if installed.is_dir():
        return installed
    return Path(__file__).resolve().parents[2] / "rules"


def ai_industry() -> Path:
    """The bundled AI-industry pack file."""
    return _rules_dir() / "ai-industry.yaml"


@functools.cache
def bundled_facts() -> FactTable:
    """The bundled pack, loaded once per process.

    Parsing the YAML (and importing the parser) is most of the time a one-file check
    takes, so the loaded table and its indexes are kept as a pickle in the user's
    cache folder, keyed by checksums of the pack's bytes, its path, the citelint and
    Python versions and the modules' stamps; any problem with the cache falls back to
    loading the YAML."""
    path = ai_industry()
    try:
        raw = path.read_bytes()
    except OSError:
        return load_table(path)
    import sys
    import zlib  # not hashlib: a cache key needs no cryptography, and hashlib takes 5 ms to import

    from . import __version__

    # One cache file per installation (the pack's path): installs sharing the cache
    # folder (a project's venv, pre-commit's) keep theirs; an install's stale versions go.
    install = f"pack-{BUNDLED}-{zlib.crc32(str(path).encode()):08x}-"
    stamp = f"|{__version__}|{sys.version}|{_code_stamp()}".encode()
    key = f"{zlib.crc32(raw):08x}{zlib.adler32(raw):08x}{len(raw):x}-{zlib.crc32(stamp):08x}"
    cached = cache_folder() / f"{install}{key}.pickle"
    try:
        try:  # CPython's unpickler alone: importing pickle.py too costs 1% of a one-file check
            from _pickle import loads
        except ImportError:
            from pickle import loads
        table, fact_index, name_index = loads(cached.read_bytes())
        if isinstance(table, FactTable):
            indexing.remember(table, fact_index, name_index)
            return table
    except Exception:  # noqa: BLE001 - missing, unreadable or stale: load the YAML
        pass
    table = load_table(path)
    try:
        import pickle

        # The indexes go with the table: building them costs more than reading them back.
        data = pickle.dumps((table, *indexing.indexes(table)), protocol=pickle.HIGHEST_PROTOCOL)
        cached.parent.mkdir(parents=True, exist_ok=True)
        temporary = cached.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_bytes(data)
        os.replace(temporary, cached)
        for stale in cached.parent.glob(f"{install}*.pickle"):
            if stale != cached:  # another version of this install's pack or code
                stale.unlink(missing_ok=True)
    except Exception:  # noqa: BLE001 - an unwritable cache (or index) only costs time
        pass
    return table


def _code_stamp() -> str:
    """The stamps of the modules that make what is pickled (the top-level ones: records,
    the name index; `matching`: the fact index; `facttable`: the loaded table): a pickle
    of objects whose classes or loading have changed since it was written must not be
    loaded."""
    here = Path(__file__).parent
    return code_stamp((here, here / "matching", here / "facttable"))


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
        from .facttable.readers import FORMATS

        tables = sorted(p for p in path.iterdir() if p.suffix.lower() in FORMATS and p.is_file())
        if not tables:  # an empty table would make every figure in every draft CL101
            message = f"no fact table in this folder (expected {', '.join(sorted(FORMATS))} files)"
            raise FactTableError([Problem(str(path), 0, "", message)])
        return tables
    return [path]
