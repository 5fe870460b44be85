"""Frozen dataclasses that cost no compiling at start-up.

On CPython 3.11 `dataclass` writes the source of each method it adds (`__init__`,
`__repr__`, `__eq__`, `__hash__`, and `__setattr__` / `__delattr__` for frozen ones)
and compiles it with `exec`: for the records a check defines, 38M instructions of the
start-up of a one-file check, a sixth of `import mistune`. `record` is `dataclass`
with those sources compiled once per Python installation: the code objects are kept
in the cache folder (`cachefile`), keyed by their exact source, and executed as
`dataclass` would execute the source. The classes are ordinary dataclasses.
"""

from __future__ import annotations

import atexit
import dataclasses
import sys
import types
from collections.abc import Callable
from importlib.util import MAGIC_NUMBER
from operator import attrgetter
from typing import TypeVar

from .cachefile import CacheFile, code_file

T = TypeVar("T", bound=type)

_path, _replaces = code_file("records", f"{sys.version}|{MAGIC_NUMBER.hex()}")
_codes = CacheFile(_path, 200, _replaces)
atexit.register(_codes.save)


def record(**options) -> Callable[[T], T]:
    """`dataclasses.dataclass(**options)`, its methods' code from the cache."""

    def decorate(cls: T) -> T:
        # `dataclasses` calls `exec` by name: a module global of that name comes first.
        dataclasses.exec = _exec
        try:
            made = dataclasses.dataclass(**options)(cls)
        finally:
            del dataclasses.exec
        fields = dataclasses.fields(made)
        if options.get("slots") and all(f.init for f in fields):
            made.__reduce__ = _by_constructor(tuple(f.name for f in fields))
        return made

    return decorate


def _by_constructor(names: tuple[str, ...]) -> Callable[[object], tuple]:
    """Pickling as a call of the class with the fields in order: a slots dataclass is
    otherwise restored by a `__setstate__` that asks `dataclasses.fields` for every object
    (--jobs sends every finding back from a worker; the pack cache holds every fact)."""
    values = attrgetter(*names) if len(names) > 1 else (lambda obj: (getattr(obj, names[0]),))

    def reduce(obj: object) -> tuple:
        return type(obj), values(obj)

    return reduce


def _exec(source: str, globals: dict | None = None, locals: dict | None = None) -> None:  # noqa: A002 - as exec's
    code = _codes.get(source)
    if not isinstance(code, types.CodeType):
        # As exec compiles a string, without this module's `from __future__` flags.
        code = compile(source, "<string>", "exec", dont_inherit=True)
        _codes.put(source, code)
    exec(code, globals, locals)  # noqa: S102 - the code dataclasses wrote
