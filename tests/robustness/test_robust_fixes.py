"""Fixes are safe: written atomically (temp file in the same folder, then rename),
in the file's own encoding, BOM, line endings and mode, changing only the claims'
characters, idempotent, never over a file that changed since it was read, and
`--diff` shows the same change without writing."""

from __future__ import annotations

import codecs
import difflib
import io
import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from robusthelpers import EVAL, cli

from citelint import fixes, runner
from citelint.files import InputError, read

FACTS = str(EVAL / "facts.yaml")
DRAFT = (
    "# Numbers\n"
    "\n"
    "The MIT and Hugging Face analysis put China's share of global downloads at 19.2%.\n"
    "\n"
    "According to Similarweb, ChatGPT commands 72% of the global chatbot market.\n"
    "\n"
    "MIT researchers found that 41% of global model downloads now come from Chinese developers.\n"
)
SAFE = DRAFT.replace("at 19.2%", "at 17.1%").replace("commands 72%", "commands 68%")
UNSAFE = SAFE.replace("that 41%", "that 17.1%")

ENCODINGS = [
    ("utf-8", b"", "\n"),
    ("utf-8", codecs.BOM_UTF8, "\n"),
    ("utf-8", b"", "\r\n"),
    ("utf-16-le", codecs.BOM_UTF16_LE, "\r\n"),
    ("utf-16-be", codecs.BOM_UTF16_BE, "\n"),
]
IDS = ["utf8", "utf8-bom", "crlf", "utf16le-bom-crlf", "utf16be-bom"]


def _bytes(text: str, encoding: str, bom: bytes, newline: str) -> bytes:
    return bom + text.replace("\n", newline).encode(encoding)


@pytest.mark.parametrize("encoding,bom,newline", ENCODINGS, ids=IDS)
@pytest.mark.parametrize("unsafe", [False, True], ids=["fix", "unsafe-fixes"])
def test_fix_keeps_encoding_bom_newlines_and_mode(
    tmp_path: Path, encoding: str, bom: bytes, newline: str, unsafe: bool
) -> None:
    draft = tmp_path / "draft.md"
    draft.write_bytes(_bytes(DRAFT, encoding, bom, newline))
    draft.chmod(0o640)
    inode = draft.stat().st_ino
    flags = ["--fix", "--unsafe-fixes"] if unsafe else ["--fix"]
    run = cli("check", "--isolated", "--facts", FACTS, *flags, "draft.md", cwd=tmp_path)
    assert "Traceback" not in run.stderr
    expected = UNSAFE if unsafe else SAFE
    assert draft.read_bytes() == _bytes(expected, encoding, bom, newline)
    assert stat.S_IMODE(draft.stat().st_mode) == 0o640
    assert draft.stat().st_ino != inode  # replaced by a rename, not rewritten in place
    assert sorted(p.name for p in tmp_path.iterdir()) == ["draft.md"]  # no temp file left
    # Idempotent: nothing left to fix, the file is not touched again.
    before = (draft.read_bytes(), draft.stat().st_ino)
    cli("check", "--isolated", "--facts", FACTS, *flags, "draft.md", cwd=tmp_path)
    assert (draft.read_bytes(), draft.stat().st_ino) == before


def test_fix_changes_only_the_claims(tmp_path: Path) -> None:
    draft = tmp_path / "draft.md"
    draft.write_text(DRAFT, encoding="utf-8")
    run = cli("check", "--isolated", "--format", "json", "--facts", FACTS, "draft.md", cwd=tmp_path)
    edits = sorted(
        (e["start"], e["end"], e["replacement"])
        for d in run.json()
        if d["fix"] and d["fix"]["applicability"] in ("safe", "unsafe")
        for e in d["fix"]["edits"]
    )
    claims = {(d["claim"]["text"]) for d in run.json()}
    cli(
        "check", "--isolated", "--facts", FACTS, "--fix", "--unsafe-fixes", "draft.md", cwd=tmp_path
    )
    after = draft.read_text(encoding="utf-8")
    # Outside the edits, character for character the same text.
    rebuilt, last = [], 0
    for start, end, replacement in edits:
        assert DRAFT[start:end].endswith(tuple(claims))  # an edit covers a claim (and qualifier)
        rebuilt += [DRAFT[last:start], replacement]
        last = end
    rebuilt.append(DRAFT[last:])
    assert after == "".join(rebuilt) == UNSAFE


def test_diff_shows_the_fix_and_writes_nothing(tmp_path: Path) -> None:
    draft = tmp_path / "draft.md"
    draft.write_text(DRAFT, encoding="utf-8")
    mtime = draft.stat().st_mtime_ns
    run = cli("check", "--isolated", "--facts", FACTS, "--diff", "draft.md", cwd=tmp_path)
    expected = "".join(
        difflib.unified_diff(
            DRAFT.splitlines(keepends=True),
            SAFE.splitlines(keepends=True),
            fromfile="a/draft.md",
            tofile="b/draft.md",
        )
    )
    assert (run.code, run.stdout) == (1, expected)  # only the diff: it can go to `patch`
    assert draft.read_text(encoding="utf-8") == DRAFT and draft.stat().st_mtime_ns == mtime
    unsafe = cli(
        "check", "--isolated", "--facts", FACTS, "--diff", "--unsafe-fixes", "draft.md",
        cwd=tmp_path,
    )  # fmt: skip
    assert "+MIT researchers found that 17.1% of global" in unsafe.stdout
    assert draft.read_text(encoding="utf-8") == DRAFT


def test_fix_through_a_symlink_keeps_the_link(tmp_path: Path) -> None:
    (tmp_path / "real.md").write_text(DRAFT, encoding="utf-8")
    (tmp_path / "link.md").symlink_to("real.md")
    cli("check", "--isolated", "--facts", FACTS, "--fix", "link.md", cwd=tmp_path)
    assert (tmp_path / "link.md").is_symlink()
    assert (tmp_path / "real.md").read_text(encoding="utf-8") == SAFE


def test_fix_from_stdin_writes_to_stdout(tmp_path: Path) -> None:
    run = cli(
        "check", "--isolated", "--facts", FACTS, "--fix", "-", cwd=tmp_path,
        stdin=DRAFT.encode("utf-8"),
    )  # fmt: skip
    assert run.stdout == SAFE  # the text only: what remains is reported on stderr
    assert "CL103" in run.stderr and "CL102" not in run.stderr


@pytest.mark.parametrize("encoding,bom,newline", ENCODINGS, ids=IDS)
def test_fix_from_stdin_keeps_encoding_bom_and_newlines(
    tmp_path: Path, encoding: str, bom: bytes, newline: str
) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "citelint", "check", "--isolated", "--facts", FACTS, "--fix", "-"],
        input=_bytes(DRAFT, encoding, bom, newline), capture_output=True, cwd=tmp_path,
        timeout=120,
    )  # fmt: skip
    assert proc.stdout == _bytes(SAFE, encoding, bom, newline)
    assert proc.returncode == 1  # the unsafe CL103 remains


# -- in process: the file changing under the fixer, failures while writing -----------------


def _run(tmp_path: Path, **options: object) -> tuple[int, list[dict]]:
    stream = io.StringIO()
    opts = runner.Options(paths=["draft.md"], facts=(FACTS,), isolated=True, **options)
    code = runner.run(opts, "json", stream)
    return code, json.loads(stream.getvalue())


def test_fix_refuses_a_file_changed_since_it_was_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    draft = tmp_path / "draft.md"
    draft.write_text(DRAFT, encoding="utf-8")
    edited = DRAFT + "\nA line the author added meanwhile.\n"
    real = fixes.write_atomically

    def edit_then_write(source, text):  # the author saves between our read and write
        draft.write_text(edited, encoding="utf-8")
        return real(source, text)

    monkeypatch.setattr(fixes, "write_atomically", edit_then_write)
    monkeypatch.chdir(tmp_path)
    code, _ = _run(tmp_path, fix=True)
    assert code == 2
    assert "draft.md: changed on disk since it was read; not fixed" in capsys.readouterr().err
    assert draft.read_text(encoding="utf-8") == edited
    assert sorted(p.name for p in tmp_path.iterdir()) == ["draft.md"]


def test_write_atomically_checks_the_bytes_it_read(tmp_path: Path) -> None:
    draft = tmp_path / "draft.md"
    draft.write_text(DRAFT, encoding="utf-8")
    source = read(str(draft))
    draft.write_text(DRAFT.replace("19.2%", "19.3%"), encoding="utf-8")
    with pytest.raises(InputError, match="changed on disk since it was read"):
        fixes.write_atomically(source, SAFE)
    assert "19.3%" in draft.read_text(encoding="utf-8")
    draft.unlink()
    with pytest.raises(InputError, match="cannot fix"):
        fixes.write_atomically(source, SAFE)


@pytest.mark.parametrize("failing", ["mkstemp", "replace", "fsync"])
def test_a_failed_write_leaves_the_file_whole(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    failing: str,
) -> None:
    draft = tmp_path / "draft.md"
    draft.write_text(DRAFT, encoding="utf-8")

    def fail(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    target = fixes.tempfile if failing == "mkstemp" else fixes.os
    monkeypatch.setattr(target, failing, fail)
    monkeypatch.chdir(tmp_path)
    code, _ = _run(tmp_path, fix=True)
    assert code == 2
    assert "draft.md: cannot fix: No space left on device" in capsys.readouterr().err
    assert draft.read_text(encoding="utf-8") == DRAFT
    assert sorted(p.name for p in tmp_path.iterdir()) == ["draft.md"]


def test_fix_in_a_read_only_folder(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root writes into read-only folders (covered in process above)")
    folder = tmp_path / "ro"
    folder.mkdir()
    (folder / "draft.md").write_text(DRAFT, encoding="utf-8")
    folder.chmod(0o555)
    try:
        run = cli("check", "--isolated", "--facts", FACTS, "--fix", "ro/draft.md", cwd=tmp_path)
    finally:
        folder.chmod(0o755)
    assert run.code == 2 and "cannot fix" in run.stderr and "Traceback" not in run.stderr
