"""didChange -> publishDiagnostics on a 2,000-line draft: one `analyse` per change.

The bound asserted here is loose (CI machines vary); the median is printed so that
`pytest tests/lsp/test_latency.py -s` shows the figure.
"""

from __future__ import annotations

import statistics
import time

import pytest
from lsphelpers import FLAGSHIP, change, diagnostics, mark, open_doc, uri_of
from lsprotocol import types as lsp

pytestmark = pytest.mark.asyncio

PARAGRAPHS = [
    "## Section {n}\n",
    "The open-model market changed quickly over the past year, and analysts keep "
    "arguing about what the figures mean for developers, for labs and for policy.\n",
    f"{FLAGSHIP}\n",
    "Most of the discussion is about licences, hardware and the cost of inference,\n"
    "and only some of it about benchmarks.\n",
    "- a list item without numbers\n- another item, with `inline code 42%`\n",
    "MIT found that Chinese open models account for 17.1% of global downloads.\n",
    "```text\ncode block with 99% and 6,200 inside\n```\n",
    "According to Similarweb, Gemini holds 21% of the global chatbot market.\n",
]


def long_draft(lines: int = 2000) -> str:
    out: list[str] = []
    n = 0
    while sum(p.count("\n") + 1 for p in out) < lines:
        out.append(PARAGRAPHS[n % len(PARAGRAPHS)].format(n=n // len(PARAGRAPHS)))
        n += 1
    return "\n".join(out)


async def test_change_to_diagnostics_latency_on_a_2000_line_draft(client, workspace):
    text = long_draft()
    assert text.count("\n") >= 1999  # 2,000 lines
    uri = uri_of(workspace / "long.md")
    open_doc(client, uri, text)
    await diagnostics(client, uri, version=1, after=0)
    times = []
    for version in range(2, 22):
        line = 2 + 10 * version
        before = mark(client)
        start = time.perf_counter()
        change(client, uri, version, lsp.TextDocumentContentChangePartial(
            range=lsp.Range(start=lsp.Position(line=line, character=0),
                            end=lsp.Position(line=line, character=0)),
            text="x"))  # fmt: skip
        await diagnostics(client, uri, version=version, after=before)
        times.append(time.perf_counter() - start)
    median = statistics.median(times)
    print(f"\ndidChange -> publishDiagnostics, {text.count(chr(10))}-line draft: "
          f"median {median * 1000:.0f} ms, max {max(times) * 1000:.0f} ms")  # fmt: skip
    assert median < 3.0
