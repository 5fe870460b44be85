"""Read a fact-table file: bytes, UTF-8 text, then the parser its extension names."""

from __future__ import annotations

import importlib
import os

from ..model import Problem
from .document import Document, ReadError

MAX_BYTES = 64 * 1024 * 1024

#: Extension -> module of this package whose `parse(path, text)` reads it.
FORMATS = {
    ".yaml": "yaml_format",
    ".yml": "yaml_format",
    ".json": "json_format",
    ".toml": "toml_format",
    ".csv": "csv_format",
}


def read(path: str) -> tuple[Document | None, list[Problem]]:
    """The parsed file, or None and the problems that stop it being parsed."""
    suffix = os.path.splitext(path)[1].lower()
    module = FORMATS.get(suffix)
    if module is None:
        message = (
            f"unknown fact-table format {suffix!r} (expected .yaml, .yml, .json, .toml or .csv)"
        )
        return None, [_problem(path, message)]
    try:
        with open(path, "rb") as file:
            raw = file.read(MAX_BYTES + 1)
    except FileNotFoundError:
        return None, [_problem(path, "file not found")]
    except IsADirectoryError:
        return None, [_problem(path, "is a directory, not a fact-table file")]
    except OSError as error:
        return None, [_problem(path, f"cannot read file: {error.strerror or error}")]
    if len(raw) > MAX_BYTES:
        return None, [_problem(path, f"file is larger than {MAX_BYTES // 2**20} MB")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        byte = raw[error.start]
        return None, [_problem(path, f"not valid UTF-8 (byte 0x{byte:02x})", line)]
    parse = importlib.import_module(f"{__package__}.{module}").parse
    try:
        return parse(path, text.removeprefix("\ufeff")), []
    except ReadError as error:
        return None, [
            Problem(path, line, field, message) for line, field, message in error.problems
        ]
    except RecursionError:  # json and tomllib recurse once per level of nesting
        return None, [_problem(path, "nested too deeply to read")]


def _problem(path: str, message: str, line: int = 0) -> Problem:
    return Problem(path, line, "", message)
