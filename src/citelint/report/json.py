"""`--format json`: one JSON array of findings (SPEC §5)."""

from __future__ import annotations

import json
from typing import TextIO

from . import FileResult
from .serialize import diagnostic_data


def render(results: list[FileResult], stream: TextIO, **_: object) -> None:
    data = [diagnostic_data(d) for r in results for d in r.diagnostics]
    json.dump(data, stream, indent=2, ensure_ascii=False)
    stream.write("\n")
