"""TOML fact tables: `tomllib` parses; lines come from the `[[facts]]` headers.

Item n of a section is the n-th `[[section]]` header; a field's line is the
first `key =` line after it, looked for only when a problem needs it.
"""

from __future__ import annotations

import re
import tomllib

from .. import regexes
from .document import Document, ReadError, Where

_HEADER = regexes.compile(r"^[ \t]*\[\[[ \t]*[\"']?([A-Za-z0-9_-]+)[\"']?[ \t]*\]\]", re.MULTILINE)
_AT = regexes.compile(r" \(at (?:line (\d+), column (\d+)|end of document)\)$")


class _Layout:
    """The lines of the text and of each section's `[[...]]` headers."""

    def __init__(self, text: str):
        self.text = text
        self._lines: list[str] | None = None
        self.headers: dict[str, list[int]] = {}
        line, last = 1, 0
        for match in _HEADER.finditer(text):
            line += text.count("\n", last, match.start())
            last = match.start()
            self.headers.setdefault(match[1], []).append(line)

    def line(self, where: Where) -> int:
        if not where or not isinstance(where[0], str):
            return 1
        headers = self.headers.get(where[0], [])
        if len(where) > 1 and isinstance(where[1], int) and where[1] < len(headers):
            header = headers[where[1]]
            if len(where) > 2 and isinstance(where[2], str):
                return self._key_line(header, where[2]) or header
            return header
        return self._key_line(0, where[0]) or (headers[0] if headers else 1)

    def _key_line(self, after: int, key: str) -> int | None:
        """The line of `key =` among the lines after line `after`, up to the next table."""
        if self._lines is None:
            self._lines = self.text.splitlines()
        for number in range(after, len(self._lines)):
            text = self._lines[number].lstrip()
            if text.startswith("["):
                break
            for written in (key, f'"{key}"', f"'{key}'"):
                if text.startswith(written) and text[len(written) :].lstrip().startswith("="):
                    return number + 1
        return None


def parse(path: str, text: str) -> Document:
    """Parse TOML text into a Document; raise ReadError when it is not valid TOML."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        at = _AT.search(message)
        if at is None:
            raise ReadError(0, f"invalid TOML: {message}") from None
        if at[1] is None:
            line = text.count("\n") + 1
            raise ReadError(
                line, f"invalid TOML: {message[: at.start()]} (at end of file)"
            ) from None
        raise ReadError(
            int(at[1]), f"invalid TOML: {message[: at.start()]} (column {at[2]})"
        ) from None
    return Document(path, data, _Layout(text).line)
