"""End-to-end tests of `citelint server` with pytest-lsp: a real client over stdio."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest
from lsphelpers import (
    FLAGSHIP,
    apply_edits,
    change,
    diagnostics,
    edits_of,
    mark,
    open_doc,
    position_of,
    raw_request,
    recorder,
    send_raw,
    start,
    uri_of,
    utf16,
    wait_until,
)
from lsprotocol import types as lsp
from pytest_lsp import LanguageClient

from citelint import engine
from citelint.config import Config
from citelint.lsp import RULES_URL, Settings
from citelint.packs import bundled_facts

pytestmark = pytest.mark.asyncio

GEMINI = "According to Similarweb, Gemini holds 21% of the global chatbot market."
CHATGPT = "According to Similarweb, ChatGPT holds 60% of the global chatbot market."
MATCHED = "MIT found that Chinese open models account for 17.1% of global downloads."
UNKNOWN = "Analysts count 4,800 AI startups in Shenzhen alone."


def draft(workspace: Path, name: str = "draft.md") -> tuple[Path, str]:
    path = workspace / name
    return path, uri_of(path)


def code_actions(client: LanguageClient, uri: str, text: str, needle: str, only=None):
    pos = position_of(text, needle)
    return client.text_document_code_action_async(
        lsp.CodeActionParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri),
            range=lsp.Range(start=pos, end=pos),
            context=lsp.CodeActionContext(diagnostics=[], only=only),
        )
    )


async def test_initialize_advertises_features(client: LanguageClient):
    result: lsp.InitializeResult = client.init_result  # type: ignore[attr-defined]
    assert result.server_info is not None and result.server_info.name == "citelint"
    caps = result.capabilities
    sync = caps.text_document_sync
    assert sync.change == lsp.TextDocumentSyncKind.Incremental
    assert sync.open_close and sync.save
    assert caps.hover_provider
    kinds = caps.code_action_provider.code_action_kinds
    assert lsp.CodeActionKind.QuickFix in kinds and "source.fixAll.citelint" in kinds
    assert caps.position_encoding == lsp.PositionEncodingKind.Utf16


async def test_flagship_diagnostic_on_open_has_exact_utf16_range(client, workspace):
    path, uri = draft(workspace)
    line = f"🚀 中文 — {FLAGSHIP}"  # astral emoji (2 UTF-16 units) and CJK before the claim
    text = f"# Draft 🧪\n\n{line}\n"
    open_doc(client, uri, text)
    found = await diagnostics(client, uri, version=1)
    assert [d.code for d in found] == ["CL103"]
    d = found[0]
    start = utf16(line[: line.index("41%")])
    assert d.range == lsp.Range(
        start=lsp.Position(line=2, character=start),
        end=lsp.Position(line=2, character=start + 3),
    )
    assert d.severity == lsp.DiagnosticSeverity.Error
    assert d.source == "citelint"
    assert "credited to MIT" in d.message
    assert d.code_description is not None
    assert d.code_description.href == RULES_URL.format(code="CL103")
    assert d.code_description.href.endswith("/docs/rules/CL103.md")
    assert d.data["fact"] == "cn-llm-download-share-past-year"
    assert d.data["source"] == "hf-spring-2026"
    assert d.data["rule"] == "misattribution"


async def test_utf8_positions_when_the_client_prefers_them(utf8_client, workspace):
    client = utf8_client
    assert client.init_result.capabilities.position_encoding == lsp.PositionEncodingKind.Utf8
    path, uri = draft(workspace)
    line = f"🚀 中文 — {FLAGSHIP}"
    text = f"# Draft\n\n{line}\n"
    open_doc(client, uri, text)
    (d,) = await diagnostics(client, uri, version=1)
    start = len(line[: line.index("41%")].encode("utf-8"))
    assert (d.range.start.character, d.range.end.character) == (start, start + 3)
    # An incremental edit in UTF-8 units lands where it should.
    at = lsp.Position(line=2, character=start)
    change(client, uri, 2, lsp.TextDocumentContentChangePartial(
        range=lsp.Range(start=at, end=lsp.Position(line=2, character=start + 3)),
        text="17.1%"))  # fmt: skip
    assert await diagnostics(client, uri, version=2) == []


async def test_diagnostics_follow_incremental_changes(client, workspace):
    path, uri = draft(workspace)
    text = f"# Draft\n\n{FLAGSHIP}\n"
    open_doc(client, uri, text)
    assert [d.code for d in await diagnostics(client, uri, version=1)] == ["CL103"]
    # Replace "41%" with the MIT figure: the finding goes away.
    pos = position_of(text, "41%")
    end = lsp.Position(line=pos.line, character=pos.character + 3)
    change(client, uri, 2, lsp.TextDocumentContentChangePartial(
        range=lsp.Range(start=pos, end=end), text="17.1%"))  # fmt: skip
    assert await diagnostics(client, uri, version=2) == []
    # Add a line with a wrong value: a CL102 appears on line 4 (0-based).
    change(client, uri, 3, lsp.TextDocumentContentChangePartial(
        range=lsp.Range(start=lsp.Position(line=3, character=0),
                        end=lsp.Position(line=3, character=0)),
        text=f"\n{GEMINI}\n"))  # fmt: skip
    found = await diagnostics(client, uri, version=3)
    assert [(d.code, d.range.start.line) for d in found] == [("CL102", 4)]
    # A full-text change is accepted too.
    change(client, uri, 4, lsp.TextDocumentContentChangeWholeDocument(text=f"{UNKNOWN}\n"))
    assert [d.code for d in await diagnostics(client, uri, version=4)] == ["CL101"]


async def test_rapid_changes_are_coalesced_and_the_last_version_wins(client, workspace):
    path, uri = draft(workspace)
    text = f"{FLAGSHIP}\n"
    open_doc(client, uri, text)
    await diagnostics(client, uri, version=1)
    before = mark(client)
    for version in range(2, 12):
        change(client, uri, version, lsp.TextDocumentContentChangeWholeDocument(
            text=f"{FLAGSHIP}\n\n{GEMINI if version % 2 else UNKNOWN}\n"))  # fmt: skip
    found = await diagnostics(client, uri, version=11, after=before)
    assert [d.code for d in found] == ["CL103", "CL102"]
    published = [p.version for p in recorder(client).published[before:] if p.uri == uri]
    # How many intermediate lints run depends on machine speed, so only behaviour is
    # asserted: versions are published in order, never a stale one, the last is 11.
    assert published == sorted(set(published)), published
    assert published[-1] == 11, published


async def test_save_lints(client, workspace):
    path, uri = draft(workspace)
    path.write_text(FLAGSHIP, encoding="utf-8")
    open_doc(client, uri, FLAGSHIP)
    await diagnostics(client, uri, version=1)
    before = mark(client)
    client.text_document_did_save(
        lsp.DidSaveTextDocumentParams(text_document=lsp.TextDocumentIdentifier(uri=uri))
    )
    assert [d.code for d in await diagnostics(client, uri, after=before)] == ["CL103"]


async def test_hover_on_a_matched_claim_shows_the_fact_and_its_provenance(client, workspace):
    path, uri = draft(workspace)
    text = f"# Draft\n\n{MATCHED}\n"
    open_doc(client, uri, text)
    await diagnostics(client, uri, version=1)
    hover = await client.text_document_hover_async(
        lsp.HoverParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri),
            position=position_of(text, "7.1%"),
        )
    )
    assert hover is not None
    value = hover.contents.value
    for expected in (
        "17.1%",  # what the draft says
        "cn-global-download-share",  # the fact it matched
        "The One-Year Anniversary of the DeepSeek Moment",  # source name
        "Hugging Face and MIT",  # publisher
        "https://huggingface.co/blog/",  # URL
        "2026-01",  # as of
        "> Chinese-developed open models now account for 17.1% of global downloads.",  # quote
    ):
        assert expected in value, (expected, value)
    start = position_of(text, "17.1%")
    assert hover.range == lsp.Range(
        start=start, end=lsp.Position(line=start.line, character=start.character + 5)
    )


async def test_hover_on_claims_that_match_nothing_says_why(client, workspace):
    path, uri = draft(workspace)
    text = f"{GEMINI}\n\n{UNKNOWN}\n\nNo numbers here.\n"
    open_doc(client, uri, text)
    await diagnostics(client, uri, version=1)

    async def hover(needle: str) -> lsp.Hover | None:
        return await client.text_document_hover_async(
            lsp.HoverParams(
                text_document=lsp.TextDocumentIdentifier(uri=uri),
                position=position_of(text, needle),
            )
        )

    near = (await hover("21%")).contents.value
    assert "No fact fits" in near
    assert "gemini-global-chatbot-share" in near and "18%" in near
    assert "CL102" in near
    nothing = (await hover("4,800")).contents.value
    assert "no fact for this metric" in nothing
    assert await hover("numbers") is None


async def test_code_actions_fix_and_disable(client, workspace):
    path, uri = draft(workspace)
    text = f"# Draft\n\n  {GEMINI}\n"
    open_doc(client, uri, text)
    await diagnostics(client, uri, version=1)
    actions = await code_actions(client, uri, text, "21%")
    titles = [a.title for a in actions]
    fix = next(a for a in actions if "Replace with 18%" in a.title)
    assert fix.kind == lsp.CodeActionKind.QuickFix and fix.is_preferred
    assert "(unsafe)" not in fix.title
    assert [d.code for d in fix.diagnostics] == ["CL102"]
    fixed = apply_edits(text, edits_of(fix, uri))
    assert fixed == text.replace("21%", "18%")

    disable = next(a for a in actions if a.title == "Disable CL102 for this line")
    assert not disable.is_preferred
    disabled = apply_edits(text, edits_of(disable, uri))
    assert disabled == f"# Draft\n\n  {GEMINI} <!-- citelint-disable-line CL102 -->\n", titles
    change(client, uri, 2, lsp.TextDocumentContentChangeWholeDocument(text=disabled))
    assert await diagnostics(client, uri, version=2) == []


async def test_unsafe_fix_is_offered_but_not_preferred(client, workspace):
    path, uri = draft(workspace)
    text = f"{FLAGSHIP}\n"
    open_doc(client, uri, text)
    await diagnostics(client, uri, version=1)
    actions = await code_actions(client, uri, text, "41%")
    fix = next(a for a in actions if "Replace with" in a.title)
    assert fix.title.endswith("(unsafe)")
    assert not fix.is_preferred
    assert apply_edits(text, edits_of(fix, uri)) == text.replace("41%", "17.1%")
    # fix-all never applies unsafe fixes
    fix_all = await code_actions(client, uri, text, "41%", only=["source.fixAll"])
    assert not fix_all


async def test_fix_all_applies_every_safe_fix(client, workspace):
    path, uri = draft(workspace)
    text = f"{GEMINI}\n\n{FLAGSHIP}\n\n{GEMINI.replace('21%', '25%')}\n"
    open_doc(client, uri, text)
    await diagnostics(client, uri, version=1)
    actions = await code_actions(client, uri, text, "According", only=["source.fixAll"])
    assert [a.kind for a in actions] == ["source.fixAll.citelint"]
    fixed = apply_edits(text, edits_of(actions[0], uri))
    right = GEMINI.replace("21%", "18%")
    assert fixed == f"{right}\n\n{FLAGSHIP}\n\n{right}\n"
    quick = await code_actions(client, uri, text, "According", only=["quickfix"])
    assert all(a.kind == lsp.CodeActionKind.QuickFix for a in quick)


async def test_configuration_reload_on_watched_file_change(client, workspace):
    await wait_until(client, lambda: recorder(client).registrations)
    registration = recorder(client).registrations[0]
    assert registration.method == lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES
    globs = [w["globPattern"] for w in registration.register_options["watchers"]]
    assert {"**/citelint.toml", "**/.citelint.toml", "**/pyproject.toml"} <= set(globs)

    path, uri = draft(workspace)
    open_doc(client, uri, f"{FLAGSHIP}\n")
    assert [d.code for d in await diagnostics(client, uri, version=1)] == ["CL103"]
    # The fact table in use is watched too.
    await wait_until(
        client,
        lambda: any(
            "facts.yaml" in str(w["globPattern"])
            for r in recorder(client).registrations
            for w in r.register_options["watchers"]
        ),
    )

    config = workspace / "citelint.toml"
    config.write_text('facts = ["facts.yaml"]\nignore = ["CL103"]\n', encoding="utf-8")
    before = mark(client)
    client.workspace_did_change_watched_files(
        lsp.DidChangeWatchedFilesParams(
            changes=[lsp.FileEvent(uri=uri_of(config), type=lsp.FileChangeType.Changed)]
        )
    )
    assert await diagnostics(client, uri, after=before) == []


async def test_invalid_fact_table_is_reported_on_the_table_and_drafts_wait(client, workspace):
    table = workspace / "facts.yaml"
    good = table.read_text(encoding="utf-8")
    lines = good.splitlines()
    bad_line = next(i for i, line in enumerate(lines) if "value: 17.1" in line)
    lines[bad_line] = "    value: seventeen-ish"
    table.write_text("\n".join(lines) + "\n", encoding="utf-8")

    path, uri = draft(workspace)
    open_doc(client, uri, f"{FLAGSHIP}\n")
    assert await diagnostics(client, uri, version=1) == []
    problems = await diagnostics(client, uri_of(table))
    assert problems and all(d.code == "CL901" for d in problems)
    assert problems[0].severity == lsp.DiagnosticSeverity.Error
    assert problems[0].range.start.line == bad_line
    assert "value" in problems[0].message

    table.write_text(good, encoding="utf-8")
    before = mark(client)
    client.workspace_did_change_watched_files(
        lsp.DidChangeWatchedFilesParams(
            changes=[lsp.FileEvent(uri=uri_of(table), type=lsp.FileChangeType.Changed)]
        )
    )
    assert [d.code for d in await diagnostics(client, uri, after=before)] == ["CL103"]
    assert await diagnostics(client, uri_of(table), after=before) == []


def configure(client: LanguageClient, settings) -> None:
    client.workspace_did_change_configuration(lsp.DidChangeConfigurationParams(settings=settings))


# Each didChangeConfiguration carries the client's whole configuration: a setting it
# leaves out, or sets to null, is back at its default.
@pytest.mark.parametrize(
    "removed",
    [{"citelint": {"facts": None}}, {"citelint": {}}, {}],
    ids=["null", "absent", "no-citelint-key"],
)
async def test_removing_the_facts_setting_returns_to_the_configured_table(
    client, workspace, removed
):
    path, uri = draft(workspace)
    open_doc(client, uri, f"{FLAGSHIP}\n")
    assert [d.code for d in await diagnostics(client, uri, version=1)] == ["CL103"]
    missing = uri_of(workspace / "nope.yaml")

    before = mark(client)
    configure(client, {"citelint": {"facts": ["nope.yaml"]}})
    assert await diagnostics(client, uri, after=before) == []
    [problem] = await diagnostics(client, missing, after=before)
    assert (problem.code, problem.message) == ("CL901", "file not found")

    before = mark(client)
    configure(client, removed)
    assert [d.code for d in await diagnostics(client, uri, after=before)] == ["CL103"]
    assert await diagnostics(client, missing, after=before) == []  # the stale CL901 goes


async def test_removed_settings_return_to_their_defaults(client, workspace):
    path, uri = draft(workspace)
    open_doc(client, uri, f"{FLAGSHIP}\n")
    await diagnostics(client, uri, version=1)

    before = mark(client)
    configure(client, {"citelint": {"rulesUrl": "https://example.org/{name}"}})
    [d] = await diagnostics(client, uri, after=before)
    assert d.code_description.href == "https://example.org/misattribution"

    before = mark(client)
    configure(client, {"citelint": {"maxDocumentSize": 10}})  # rulesUrl is gone
    assert await diagnostics(client, uri, after=before) == []  # too large to check

    before = mark(client)
    configure(client, {"citelint": {"maxDocumentSize": None}})
    [d] = await diagnostics(client, uri, after=before)
    assert d.code_description.href == RULES_URL.format(code="CL103")


async def test_settings_left_out_or_invalid_take_their_defaults():
    assert Settings.read({"citelint": {"debounce": 300, "facts": "a.yaml"}}) == (
        Settings(debounce=0.3, facts=("a.yaml",)),
        [],
    )
    assert Settings.read({"citelint": {"debounce": None}}) == (Settings(), [])
    assert Settings.read({}) == (Settings(), [])
    assert Settings.read({"citelint": {"debounce": -1, "facts": [3]}}) == (
        Settings(),
        [
            "debounce: -1 is not valid; using the default",
            "facts: [3] is not valid; using the default",
        ],
    )


BROKEN_TABLE = """{
  "version": 1,
  "sources": [{"id": "src", "name": "S"}],
  "facts": [
    {"id": "f1", "source": "src", "value": 1, "unit": "percent", "metric": "m"},
    {"id": "f1", "source": "nope", "value": "ten", "unit": "furlongs",
     "metric": "m", "superseded_by": "zz"}
  ]
}
"""


async def test_broken_table_message_names_file_line_and_how_many_problems(bare_client, workspace):
    client = bare_client
    (workspace / "bad.json").write_text(BROKEN_TABLE, encoding="utf-8")
    await start(client, workspace, options={"facts": [str(workspace / "bad.json")]})
    path, uri = draft(workspace)
    open_doc(client, uri, f"{FLAGSHIP}\n")
    assert await diagnostics(client, uri, version=1) == []
    problems = await diagnostics(client, uri_of(workspace / "bad.json"))
    assert len(problems) == 5
    [message] = client.messages
    assert message.type == lsp.MessageType.Error
    assert message.message.startswith(
        "citelint: bad.json:6: facts[1].value: not a number: 'ten' "
    ), message.message
    assert message.message.endswith(
        " (and 4 more problems; see the diagnostics on bad.json)"
        " — drafts are not checked until it is fixed"
    ), message.message


async def test_missing_table_message_names_the_path(bare_client, workspace, tmp_path):
    client = bare_client
    outside = tmp_path / "elsewhere" / "facts.yaml"
    await start(client, workspace, options={"facts": ["missing.yaml", str(outside)]})
    path, uri = draft(workspace)
    open_doc(client, uri, f"{FLAGSHIP}\n")
    assert await diagnostics(client, uri, version=1) == []
    # A table in the workspace by its relative path, one outside it in full.
    assert [m.message for m in client.messages] == [
        "citelint: missing.yaml: file not found — drafts are not checked until it is fixed",
        f"citelint: {outside}: file not found — drafts are not checked until it is fixed",
    ]


async def test_server_survives_what_clients_send(client, workspace):
    path, uri = draft(workspace)
    text = f"{FLAGSHIP}\n"
    # Edits to a document that is not open, and closing it, are ignored.
    change(client, uri_of(workspace / "ghost.md"), 2,
           lsp.TextDocumentContentChangeWholeDocument(text="x"))  # fmt: skip
    client.text_document_did_close(
        lsp.DidCloseTextDocumentParams(text_document=lsp.TextDocumentIdentifier(uri=uri))
    )
    # Unknown methods: an error for a request, silence for a notification.
    with pytest.raises(Exception, match="not found|Method Not Found|-32601"):
        await client.protocol.send_request_async("citelint/noSuchMethod", {"x": 1})
    client.protocol.notify("citelint/noSuchNotification", {"x": 1})
    # Malformed params get an error, not silence; a body that is not JSON is dropped.
    bad = raw_request(client, 9001, lsp.TEXT_DOCUMENT_HOVER, {"textDocument": {"uri": 42}})
    with pytest.raises(Exception, match="[Ii]nvalid"):
        await asyncio.wait_for(bad, 10)
    send_raw(client, b"{this is not json")
    send_raw(client, json.dumps({"jsonrpc": "2.0", "method": lsp.TEXT_DOCUMENT_DID_CHANGE,
                                 "params": {"textDocument": None}}).encode())  # fmt: skip
    # A document that is not Markdown gets no findings.
    py = uri_of(workspace / "script.py")
    open_doc(client, py, "x = 41  # 41% of global downloads\n", language="python")
    # A huge document is not linted, but the server keeps answering.
    huge = uri_of(workspace / "huge.md")
    open_doc(client, huge, ("Lorem ipsum dolor sit amet. " * 40 + "\n") * 2500)
    assert await diagnostics(client, huge, version=1) == []
    # Edits with positions past the end are clamped.
    open_doc(client, uri, text)
    await diagnostics(client, uri, version=1)
    far = lsp.Position(line=999, character=999)
    change(client, uri, 2, lsp.TextDocumentContentChangePartial(
        range=lsp.Range(start=far, end=far), text=f"\n{GEMINI}\n"))  # fmt: skip
    change(client, uri, 3, lsp.TextDocumentContentChangePartial(
        range=lsp.Range(start=lsp.Position(line=0, character=500),
                        end=lsp.Position(line=0, character=9999)),
        text=""))  # fmt: skip
    found = await diagnostics(client, uri, version=3)
    assert sorted(d.code for d in found) == ["CL102", "CL103"]
    # Closed twice: fine.
    for _ in range(2):
        client.text_document_did_close(
            lsp.DidCloseTextDocumentParams(text_document=lsp.TextDocumentIdentifier(uri=uri))
        )
    # Requests about closed or unknown documents answer null.
    hover = await client.text_document_hover_async(
        lsp.HoverParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri),
            position=lsp.Position(line=0, character=0),
        )
    )
    assert hover is None
    # ... and the server still works.
    again = uri_of(workspace / "again.md")
    open_doc(client, again, f"{FLAGSHIP}\n")
    assert [d.code for d in await diagnostics(client, again, version=1)] == ["CL103"]
    assert not [p for p in recorder(client).published if p.uri == py and p.diagnostics]


async def test_shutdown_and_exit(client, workspace):
    assert await client.shutdown_async(None) is None
    client.exit(None)
    server = client._server
    assert await asyncio.wait_for(server.wait(), 10) == 0
    client.capabilities = None  # the fixture must not shut it down again


async def test_bundled_pack_flags_the_flagship_sentence(client, workspace):
    (workspace / "citelint.toml").unlink()  # no configuration: the bundled pack is used
    path, uri = draft(workspace)
    text = f"# Draft\n\n{FLAGSHIP}\n"
    open_doc(client, uri, text)
    found = await diagnostics(client, uri, version=1)
    cl103 = [d for d in found if d.code == "CL103"]
    assert len(cl103) == 1, found
    start = position_of(text, "41%")
    assert cl103[0].range == lsp.Range(
        start=start, end=lsp.Position(line=start.line, character=start.character + 3)
    )


def linted(text: str, path: Path) -> list[lsp.Diagnostic]:
    """What a whole-document lint of `text` should publish (UTF-16 positions)."""

    def position(offset: int) -> lsp.Position:
        start = text.rfind("\n", 0, offset) + 1
        return lsp.Position(line=text.count("\n", 0, offset), character=utf16(text[start:offset]))

    severity = {"error": 1, "warning": 2, "info": 3}
    return [
        lsp.Diagnostic(
            range=lsp.Range(start=position(d.start), end=position(d.end)),
            message=d.message,
            severity=lsp.DiagnosticSeverity(severity[d.severity]),
            code=d.code,
            code_description=lsp.CodeDescription(href=RULES_URL.format(code=d.code)),
            source="citelint",
            data={
                "fact": d.fact,
                "source": d.source,
                "rule": d.rule,
                "fix": d.fix.applicability.value if d.fix else None,
            },
        )
        for d in engine.analyse(text, bundled_facts(), Config(), str(path)).diagnostics
    ]


async def test_published_diagnostics_equal_a_whole_document_lint(client, workspace):
    (workspace / "citelint.toml").unlink()  # the bundled pack: many kinds of finding
    path, uri = draft(workspace)
    example = (Path(__file__).parents[2] / "examples" / "draft.md").read_text(encoding="utf-8")
    text = f"# Draft 🧪\n\n🚀 中文 — {FLAGSHIP}\n\n{example}"
    open_doc(client, uri, text)
    first = await diagnostics(client, uri, version=1)
    assert len(first) > 5 and first == linted(text, path)
    # An edit above every finding moves them all down a line.
    change(client, uri, 2, lsp.TextDocumentContentChangePartial(
        range=lsp.Range(start=lsp.Position(line=1, character=0),
                        end=lsp.Position(line=1, character=0)),
        text=f"{UNKNOWN}\n"))  # fmt: skip
    text = text.replace("\n\n", f"\n{UNKNOWN}\n\n", 1)
    second = await diagnostics(client, uri, version=2)
    assert second == linted(text, path)
    # Code actions name the diagnostics as published.
    actions = await code_actions(client, uri, text, "41% of global downloads")
    named = [d for a in actions for d in a.diagnostics or []]
    assert named and all(d in second for d in named)


async def test_toml_syntax_error_is_reported_at_its_line(client, workspace):
    config = workspace / "citelint.toml"
    config.write_text('facts = ["facts.yaml"]\nselect = ["CL1"\n', encoding="utf-8")
    path, uri = draft(workspace)
    open_doc(client, uri, f"{FLAGSHIP}\n")
    assert await diagnostics(client, uri, version=1) == []
    [problem] = await diagnostics(client, uri_of(config))
    assert problem.message == "invalid TOML: Unclosed array"  # the file is where it is shown
    assert problem.range.start.line == 1  # 0-based: line 2


async def test_invalid_configuration_is_reported_on_the_config_file(client, workspace):
    config = workspace / "citelint.toml"
    config.write_text('facts = ["facts.yaml"]\nselectt = ["CL1"]\n', encoding="utf-8")
    path, uri = draft(workspace)
    open_doc(client, uri, f"{FLAGSHIP}\n")
    assert await diagnostics(client, uri, version=1) == []
    problems = await diagnostics(client, uri_of(config))
    assert len(problems) == 1 and "selectt" in problems[0].message

    config.write_text('facts = ["facts.yaml"]\n', encoding="utf-8")
    before = mark(client)
    client.text_document_did_save(  # a client without file watchers: saving is enough
        lsp.DidSaveTextDocumentParams(text_document=lsp.TextDocumentIdentifier(uri=uri_of(config)))
    )
    assert [d.code for d in await diagnostics(client, uri, after=before)] == ["CL103"]
    assert await diagnostics(client, uri_of(config), after=before) == []
