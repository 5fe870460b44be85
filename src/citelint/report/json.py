"""`--format json`: one JSON array of findings (SPEC §5)."""

from __future__ import annotations

import json
from typing import TextIO

from . import FileResult
from .serialize import diagnostic_data


def render(results: list[FileResult], stream: TextIO, **_: object) -> None:
    data = [diagnostic_data(d) for r in results for d in r.diagnostics]
    # One write: json.dump would write each of its thousands of small pieces.
    stream.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
