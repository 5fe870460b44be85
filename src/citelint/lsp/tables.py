"""Fact tables and configuration for the drafts the server checks, found as the CLI finds
them (the nearest configuration above the draft, its `facts`, else the bundled pack, or
the `facts` setting in their place) and re-read when a file changes on disk. Runs on the
lint thread only."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .. import config as configuration
from ..config import Config, ConfigError
from ..model import FactTable, FactTableError, Problem


@dataclass
class TableState:
    """A loaded fact table, or the problems that stop it loading."""

    table: FactTable | None
    problems: tuple[Problem, ...]
    stamps: tuple[tuple[str, int | None], ...]  # (file, mtime_ns) of what was read

    @property
    def paths(self) -> tuple[str, ...]:
        return tuple(p for p, _ in self.stamps)


def _stamp(path: str) -> int | None:
    try:
        stat = Path(path).stat()
    except OSError:
        return None
    return stat.st_mtime_ns ^ stat.st_size


class Resolver:
    """Configuration and fact tables for a document, found as the CLI finds them and
    re-read when a file's stamp changes. Used from the lint thread only."""

    def __init__(self) -> None:
        self._configs: dict[str, tuple[int | None, Config | ConfigError]] = {}
        self._tables: dict[tuple[str, ...], TableState] = {}

    def invalidate(self) -> None:
        """Forget everything: the next check re-reads configuration and tables."""
        self.rediscover()
        self._configs.clear()
        self._tables.clear()

    def rediscover(self) -> None:
        """Look for configuration files again (one may have been created or removed);
        loaded files stay cached and are re-read only when their stamp changes."""
        configuration.forget_locations()

    def config(self, start: Path | None) -> tuple[Config, Problem | None]:
        if start is None:
            return Config(), None
        try:
            found = configuration.find_config(start)
        except OSError:
            return Config(), None
        if found is None:
            return Config(), None
        key, stamp = str(found), _stamp(str(found))
        cached = self._configs.get(key)
        if cached is None or cached[0] != stamp:
            try:
                cached = (stamp, configuration.read_config(found))
            except ConfigError as err:
                cached = (stamp, err)
            self._configs[key] = cached
        value = cached[1]
        if isinstance(value, ConfigError):  # shown on the file, at the TOML error's line
            return Config(), Problem(str(found), value.line, "", value.detail)
        return value, None

    def table(self, specs: tuple[str, ...]) -> TableState:
        state = self._tables.get(specs)
        if state is not None and all(_stamp(p) == s for p, s in state.stamps):
            return state
        state = self._load(specs)
        self._tables[specs] = state
        return state

    def states_at(
        self, start: Path | None, facts: tuple[str, ...], folders: list[Path]
    ) -> tuple[Config | None, list[TableState]]:
        """The configuration for drafts under `start` (None when it is invalid) and the
        state of what it reads: the fact table first, then the configuration file.
        `facts` (the setting) replaces the configured tables when it names any."""
        config, problem = self.config(start)
        if problem is not None:
            path = problem.path
            return None, [TableState(None, (problem,), ((path, _stamp(path)),))]
        state = self.table(_specs(config, start, facts, folders))
        # A configuration that reads fine clears any problem shown on it before.
        read = [TableState(None, (), ((config.path, 0),))] if config.path else []
        return config, [state, *read]

    def _load(self, specs: tuple[str, ...]) -> TableState:
        from ..facttable import load_facts
        from ..packs import bundled_facts

        if not specs:
            try:
                return TableState(bundled_facts(), (), ())
            except FactTableError as err:
                return TableState(None, err.problems, ())
        paths: list[str] = []
        try:
            for spec in specs:
                paths += _resolve(spec)
            stamps = tuple((p, _stamp(p)) for p in paths)
            return TableState(load_facts([Path(p) for p in paths]), (), stamps)
        except FactTableError as err:
            stamps = tuple((p, _stamp(p)) for p in paths or specs)
            return TableState(None, err.problems, stamps)
        except (ValueError, LookupError, OSError) as err:
            where = paths[-1] if paths else specs[0]
            message = getattr(err, "strerror", None) or str(err)
            if isinstance(err, FileNotFoundError):
                message = "no such file"
            stamps = tuple((p, _stamp(p)) for p in (*paths, *specs))
            return TableState(None, (Problem(where, 0, "", message),), stamps)


def _resolve(spec: str) -> list[str]:
    """The files a fact-table spec names (a path, or pack:NAME)."""
    try:
        from ..packs import resolve
    except ImportError:  # pragma: no cover - an older packs module
        return [spec]
    return [str(p) for p in resolve(spec)]


def _specs(
    config: Config, start: Path | None, facts: tuple[str, ...], folders: list[Path]
) -> tuple[str, ...]:
    if not facts:
        return tuple(config.facts)
    base = folders[0] if folders else (start or Path.cwd())
    return tuple(
        s if s.startswith("pack:") or Path(s).is_absolute() else str((base / s).resolve())
        for s in facts
    )


def search_start(path: str | None, folders: list[Path]) -> Path | None:
    """Where the configuration search for a document starts."""
    return Path(path).parent if path else (folders[0] if folders else None)
