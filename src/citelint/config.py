"""Configuration: `[tool.citelint]` in pyproject.toml, or citelint.toml / .citelint.toml.

The file nearest to the checked file, searching upward, wins. Keys (all optional):

    facts = ["facts.yaml"]              # fact tables, relative to the config file
    select = ["CL1", "CL201"]           # codes, prefixes or rule names (default: all)
    ignore = ["inconsistent-statistic"]
    fail-on = "warning"                 # error | warning | info
    exclude = ["drafts/archive/**"]     # glob patterns, relative to the config file
    [severity]                          # per-rule severity (code, prefix or name)
    CL101 = "error"
    [per-file-ignores]
    "notes/*.md" = ["CL201"]
    [tolerance]                         # fractions of the claim's value (README: Tolerances)
    approximate = 0.05                  # "about X" admits X ± 5% of X
    nearly = 0.10                       # "nearly X" admits X - 10% of X .. X
    open-ended = 0.5                    # "more than X" fits facts up to X + 50%
"""

import fnmatch
import math
import os
import re
import stat
from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from . import regexes
from .claims import DEFAULT_TOLERANCES, Tolerances
from .model import Severity
from .selectors import codes, resolve, unknown

# Shared by every default, so never written to (a MappingProxyType would not pickle for --jobs).
_EMPTY: Mapping = {}

CONFIG_NAMES = ("citelint.toml", ".citelint.toml", "pyproject.toml")
# Table headers, and keys that can hold citelint's settings (an inline table is one line).
_HEADER_OR_KEY = regexes.compile(
    r"""^[ \t]*(?:\[\[?(?P<table>[^\[\]\n]*)\]"""
    r"""|(?P<key>(?:tool[ \t]*\.[ \t]*)?["']?citelint["']?)[ \t]*[.=])""",
    re.MULTILINE,
)
_QUOTES_AND_SPACE = regexes.compile(r"""[ \t"']""")


class ConfigError(Exception):
    """A configuration file that cannot be used; the message names the file and the
    key, or the line and column of a TOML syntax error."""

    def __init__(self, path: Path | str, detail: str, line: int = 0, column: int = 0):
        self.path, self.detail, self.line, self.column = str(path), detail, line, column
        where = f"{path}:{line}:{column}" if line else str(path)
        super().__init__(f"{where}: {detail}")


class Config(NamedTuple):
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fail_on: Severity = Severity.WARNING
    severity: Mapping[str, Severity] = _EMPTY
    facts: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    per_file_ignores: Mapping[str, tuple[str, ...]] = _EMPTY
    tolerances: Tolerances = DEFAULT_TOLERANCES
    root: str | None = None  # the folder of the config file
    path: str | None = None

    def enabled(self, code: str, file: str | None = None) -> bool:
        # As in ruff, the more specific of select and ignore wins (`select = ["CL101"]`
        # with `ignore = ["CL1"]` keeps CL101); at equal length, ignore does.
        selected = (
            max((len(s) for s in self.select if code.startswith(s)), default=-1)
            if self.select
            else 0
        )
        ignored = max((len(i) for i in self.ignore if code.startswith(i)), default=-1)
        if selected <= ignored:
            return False
        if file is not None and self.per_file_ignores:
            relative = self._relative(file)
            name = Path(relative).name
            for pattern, codes in self.per_file_ignores.items():
                # A pattern matches the path from the configuration's folder or, as in
                # ruff and `exclude`, the file's name (`"README.md" = [...]` anywhere).
                if (fnmatch.fnmatch(relative, pattern) or fnmatch.fnmatch(name, pattern)) and any(
                    code.startswith(c) for c in codes
                ):
                    return False
        return True

    def excluded(self, file: str) -> bool:
        if not self.exclude:
            return False
        relative = self._relative(file)
        return any(
            fnmatch.fnmatch(relative, p) or fnmatch.fnmatch(Path(relative).name, p)
            for p in self.exclude
        )

    def _relative(self, file: str) -> str:
        path = Path(file).resolve()
        if self.root:
            try:
                return path.relative_to(self.root).as_posix()
            except ValueError:
                pass
        return Path(file).as_posix()


def find_config(start: Path) -> Path | None:
    """The nearest configuration file at or above `start` (a file or a folder)."""
    try:
        plain_file = stat.S_ISREG(os.lstat(start).st_mode)
    except (OSError, ValueError):
        plain_file = False
    if plain_file:  # not a link: its folder resolves alike for every file in it
        return _find_in(_resolved(start.parent))
    folder = start.resolve()
    if not folder.is_dir():
        folder = folder.parent
    return _find_in(folder)


@lru_cache(maxsize=1024)
def _resolved(folder: Path) -> Path:
    """`folder.resolve()`, once per folder: resolving is slow, and checking a folder of
    thousands of drafts asks for the same one for each."""
    return folder.resolve()


@lru_cache(maxsize=1024)
def _find_in(folder: Path) -> Path | None:
    for name in CONFIG_NAMES:
        candidate = folder / name
        if candidate.is_file():
            if name != "pyproject.toml" or _has_tool_section(candidate):
                return candidate
    return None if folder.parent == folder else _find_in(folder.parent)


def _has_tool_section(path: Path) -> bool:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    if not _may_configure(text):
        return False
    import tomllib

    try:
        return "citelint" in tomllib.loads(text).get("tool", {})
    except tomllib.TOMLDecodeError:
        return True  # it seems to: reading it reports the error rather than passing it over


def _may_configure(text: str) -> bool:
    """Whether pyproject.toml text can hold citelint's table: a `[tool.citelint…]` header,
    a `tool.citelint…` key before any header, or a `citelint…` key under `[tool]`. Most
    projects' files, those that depend on citelint or install its script included, then
    need no TOML parser."""
    table = ""
    for match in _HEADER_OR_KEY.finditer(text):
        if match["table"] is not None:
            table = _QUOTES_AND_SPACE.sub("", match["table"])
            if table == "tool.citelint" or table.startswith("tool.citelint."):
                return True
        elif table == ("" if match["key"].startswith("tool") else "tool"):
            return True
    return False


def forget_locations() -> None:
    """Look for configuration files afresh next time (one may have been created)."""
    _find_in.cache_clear()
    _resolved.cache_clear()


@lru_cache(maxsize=256)
def load_config(path: Path) -> Config:
    """Read one configuration file once per process; see read_config."""
    return read_config(path)


def read_config(path: Path) -> Config:
    """Read one configuration file; raise ConfigError naming the file and key."""
    import tomllib

    try:
        text = path.read_text(encoding="utf-8")
    except OSError as err:
        raise ConfigError(path, f"cannot read: {err.strerror or err}") from err
    except UnicodeDecodeError as err:
        raise ConfigError(path, f"not valid UTF-8 at byte {err.start}") from err
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise _syntax_error(path, text, err) from err
    # Besides pyproject.toml, a file whose only table is [tool.citelint] (a pyproject.toml
    # copied or renamed, given with --config) is read as one, not refused for its `tool` key.
    tool = data.get("tool")
    in_tool = path.name == "pyproject.toml" or (
        set(data) == {"tool"} and isinstance(tool, dict) and set(tool) == {"citelint"}
    )
    if in_tool:
        data = tool.get("citelint", {}) if isinstance(tool, dict) else {}
        if not isinstance(data, dict):
            raise ConfigError(path, "'tool.citelint' must be a table")
    return parse_config(data, path, in_tool)


def _syntax_error(path: Path, text: str, err: Exception) -> ConfigError:
    """tomllib's message with its position as `path:line:column` (Python 3.11 and 3.12
    give it only in the message, as "(at line 3, column 9)" or "(at end of document)")."""
    message = str(err)
    m = re.search(r" \((?:at line (\d+), column (\d+)|at end of document)\)$", message)
    if m is None:
        return ConfigError(path, f"invalid TOML: {message}")
    if m[1]:
        line, column = int(m[1]), int(m[2])
    else:
        lines = text.splitlines() or [""]
        line, column = len(lines), len(lines[-1]) + 1
    return ConfigError(path, f"invalid TOML: {message[: m.start()]}", line, column)


def parse_config(data: dict, path: Path, in_tool: bool = False) -> Config:
    section = "[tool.citelint]: " if in_tool else ""
    known = {"facts", "select", "ignore", "fail-on", "severity", "exclude", "per-file-ignores",
             "tolerance", "extend-exclude"}  # fmt: skip

    def fail(detail: str) -> ConfigError:
        return ConfigError(path, section + detail)

    for key in data:
        if key not in known:
            raise fail(f"unknown key '{key}' (expected one of {', '.join(sorted(known))})")

    def strings(key: str) -> tuple[str, ...]:
        value = data.get(key, [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise fail(f"'{key}' must be a list of strings")
        return tuple(value)

    def selectors(tokens: Iterable[str], key: str) -> tuple[str, ...]:
        """Codes, prefixes or rule names, as code prefixes; an unknown one is an error."""
        out = []
        for token in tokens:
            code = resolve(token.strip())
            if code is None:
                raise fail(f"'{key}': {unknown(token)}")
            out.append(code)
        return tuple(out)

    def severity(value: object, key: str) -> Severity:
        try:
            return Severity(str(value).lower())
        except ValueError:
            raise fail(f"'{key}' must be error, warning or info, not {value!r}") from None

    severities = data.get("severity", {})
    if not isinstance(severities, dict):
        raise fail("'severity' must be a table of CODE = level")
    ignores = data.get("per-file-ignores", {})
    if not isinstance(ignores, dict) or not all(
        isinstance(v, list) and all(isinstance(c, str) for c in v) for v in ignores.values()
    ):
        raise fail("'per-file-ignores' must map patterns to lists of codes")
    tolerances = _tolerances(data.get("tolerance", {}), fail)
    # A prefix or a name sets each code it stands for; the longer prefix wins (CL2 = "info"
    # with CL202 = "error" makes CL201 info and CL202 an error), whatever the order.
    chosen = sorted(
        (prefix, severity(value, f"severity.{key}"))
        for key, value in severities.items()
        for prefix in selectors([key], "severity")
    )
    levels = {code: level for prefix, level in chosen for code in codes(prefix)}
    root = path.parent.resolve()
    return Config(
        select=selectors(strings("select"), "select"),
        ignore=selectors(strings("ignore"), "ignore"),
        fail_on=severity(data.get("fail-on", "warning"), "fail-on"),
        severity=levels,
        facts=tuple(str((root / f).resolve()) for f in strings("facts")),
        exclude=strings("exclude") + strings("extend-exclude"),
        per_file_ignores={k: selectors(v, f"per-file-ignores.{k}") for k, v in ignores.items()},
        tolerances=tolerances,
        root=str(root),
        path=str(path),
    )


def _tolerances(table: object, fail) -> Tolerances:
    """`[tolerance]`: each key a fraction of the claim's value, a finite number of 0 or more."""
    if not isinstance(table, dict):
        raise fail("'tolerance' must be a table of NAME = fraction")
    known = [name.replace("_", "-") for name in Tolerances._fields]
    values = {}
    for key, value in table.items():
        if key not in known:
            raise fail(f"unknown key 'tolerance.{key}' (expected one of {', '.join(known)})")
        # bool is an int to Python, but `approximate = true` is a mistake, not 1.0
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise fail(f"'tolerance.{key}' must be a number, not {value!r}")
        if not math.isfinite(value) or value < 0:
            raise fail(f"'tolerance.{key}' must be a finite number of 0 or more, not {value!r}")
        values[key.replace("-", "_")] = float(value)
    return Tolerances(**values)
