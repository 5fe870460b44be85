"""Files as they come: encodings, binary and empty files, and everything that can go
wrong on the way to them (missing, unreadable, folders without Markdown, a path
given twice, symlink loops, stdin closed early). Every case runs the real CLI:
a clear message naming the file, the right exit status (SPEC §5: 0 clean,
1 findings, 2 I/O error), and the other files are still checked."""

from __future__ import annotations

import codecs
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from robusthelpers import cli

from citelint.files import InputError, decode

CLAIM = "MIT found that 41% of downloads came from China.\n"  # one CL101 finding
TEXT = "# Title\n\n" + CLAIM


def _claims(run) -> list[tuple[str, int, int, str]]:
    return [(c["path"], c["line"], c["column"], c["text"]) for c in run.json()]


# -- encodings -------------------------------------------------------------------------

ENCODED = [
    ("utf8.md", TEXT.encode("utf-8")),
    ("utf8-bom.md", codecs.BOM_UTF8 + TEXT.encode("utf-8")),
    ("utf16le.md", codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le")),
    ("utf16be.md", codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be")),
    ("utf32le.md", codecs.BOM_UTF32_LE + TEXT.encode("utf-32-le")),
    ("crlf.md", TEXT.replace("\n", "\r\n").encode("utf-8")),
    ("utf16-crlf.md", codecs.BOM_UTF16_LE + TEXT.replace("\n", "\r\n").encode("utf-16-le")),
]


@pytest.mark.parametrize("name,data", ENCODED, ids=[n for n, _ in ENCODED])
def test_unicode_encodings_are_decoded_with_exact_positions(
    tmp_path: Path, name: str, data: bytes
) -> None:
    (tmp_path / name).write_bytes(data)
    run = cli("claims", "--format", "json", name, cwd=tmp_path)
    assert run.code == 0, run.stderr
    assert _claims(run) == [(name, 3, 16, "41%")]  # the BOM is not a column


def test_non_utf8_file_is_reported_and_the_others_are_checked(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(TEXT, encoding="utf-8")
    (tmp_path / "latin1.md").write_bytes("Caf\u00e9 au lait: 41% of downloads.\n".encode("latin-1"))
    (tmp_path / "z.md").write_text(TEXT, encoding="utf-8")
    run = cli("check", "--format", "json", "a.md", "latin1.md", "z.md", cwd=tmp_path)
    assert run.code == 2
    assert "latin1.md: not valid UTF-8 at byte 3" in run.stderr
    assert sorted({d["path"] for d in run.json()}) == ["a.md", "z.md"]


@pytest.mark.parametrize(
    "data,message",
    [
        (b"\x00\x01\x02binary\xff", "bin.md: binary file (NUL byte at byte 0); not checked"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "bin.md: binary file (NUL byte at byte 8)"),
        (b"ok so far \xc3\x28 then bad", "bin.md: not valid UTF-8 at byte 10"),
        (b"truncated \xe2\x82", "bin.md: not valid UTF-8 at byte 10"),
        (codecs.BOM_UTF16_LE + b"a\x00b", "bin.md: not valid UTF-16-LE at byte 4"),
        (codecs.BOM_UTF16_LE + b"\x00\xd8a\x00", "bin.md: not valid UTF-16-LE at byte 2"),
    ],
    ids=["nul", "png", "bad-utf8", "truncated-utf8", "odd-utf16", "lone-surrogate"],
)
def test_undecodable_files_get_a_message_with_the_byte(
    tmp_path: Path, data: bytes, message: str
) -> None:
    (tmp_path / "bin.md").write_bytes(data)
    (tmp_path / "ok.md").write_text(TEXT, encoding="utf-8")
    run = cli("check", "--format", "json", "bin.md", "ok.md", cwd=tmp_path)
    assert run.code == 2
    assert message in run.stderr
    assert [d["path"] for d in run.json()] == ["ok.md"]


@pytest.mark.parametrize(
    "data", [b"", codecs.BOM_UTF8, codecs.BOM_UTF16_LE, b"\n\n\n", b"   \t  ", b"\r\n\r"]
)
def test_empty_files_are_clean(tmp_path: Path, data: bytes) -> None:
    (tmp_path / "empty.md").write_bytes(data)
    run = cli("check", "--format", "json", "empty.md", cwd=tmp_path)
    assert (run.code, run.json(), run.stderr) == (0, [], "")


def test_decode_round_trips_every_supported_encoding() -> None:
    for name, data in ENCODED:
        source = decode(data, name)
        assert "41%" in source.text and "\ufeff" not in source.text
        from citelint.files import encode

        assert encode(source, source.text) == data, name
    with pytest.raises(InputError, match=r"^x\.md: not valid UTF-8 at byte 1$"):
        decode(b"a\xff", "x.md")


# -- paths -----------------------------------------------------------------------------


def test_missing_file_is_reported_and_the_others_are_checked(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(TEXT, encoding="utf-8")
    run = cli("check", "--format", "json", "nope.md", "a.md", "gone/", cwd=tmp_path)
    assert run.code == 2
    assert "nope.md: no such file or directory" in run.stderr
    assert "gone/: no such file or directory" in run.stderr
    assert [d["path"] for d in run.json()] == ["a.md"]


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads files chmod 000"
)
def test_unreadable_file_is_reported_and_the_others_are_checked(tmp_path: Path) -> None:
    locked = tmp_path / "locked.md"
    locked.write_text(TEXT, encoding="utf-8")
    (tmp_path / "a.md").write_text(TEXT, encoding="utf-8")
    locked.chmod(0)
    try:
        run = cli("check", "--format", "json", "locked.md", "a.md", cwd=tmp_path)
    finally:
        locked.chmod(0o644)
    assert run.code == 2
    assert "locked.md: cannot read: Permission denied" in run.stderr
    assert [d["path"] for d in run.json()] == ["a.md"]


def test_unreadable_path_even_as_root(tmp_path: Path) -> None:
    """A Markdown name that is not a readable file (here a FIFO nobody writes to would
    block, so a dangling symlink) is reported, whoever runs the check."""
    (tmp_path / "dangling.md").symlink_to(tmp_path / "missing-target.md")
    (tmp_path / "a.md").write_text(TEXT, encoding="utf-8")
    run = cli("check", "--format", "json", "dangling.md", "a.md", cwd=tmp_path)
    assert run.code == 2
    assert "dangling.md: no such file or directory" in run.stderr
    assert [d["path"] for d in run.json()] == ["a.md"]


def test_folder_without_markdown_is_a_warning(tmp_path: Path) -> None:
    """As in ruff and markdownlint-cli2: nothing to check is not a failure (a path that
    does not exist is)."""
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "readme.txt").write_text("41% of nothing", encoding="utf-8")
    run = cli("check", "notes", cwd=tmp_path)
    assert run.code == 0
    assert run.stderr == "citelint: warning: no Markdown files found in notes\n"
    assert run.stdout == "All checks passed: 0 files, 0 claims checked.\n"
    missing = cli("check", "notes", "nowhere", cwd=tmp_path)
    assert missing.code == 2
    assert missing.stderr == "citelint: nowhere: no such file or directory\n"
    # Beside a folder that has Markdown it is simply empty: nothing to report.
    (tmp_path / "a.md").write_text(TEXT, encoding="utf-8")
    run = cli("check", "--format", "json", "notes", "a.md", cwd=tmp_path)
    assert (run.code, [d["path"] for d in run.json()]) == (1, ["a.md"])


def test_a_path_given_twice_is_checked_once(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.md").write_text(TEXT, encoding="utf-8")
    run = cli(
        "check", "--format", "json", "docs/a.md", "docs/a.md", "./docs/a.md", "docs",
        cwd=tmp_path,
    )  # fmt: skip
    assert run.code == 1, run.stderr
    assert [d["path"] for d in run.json()] == ["docs/a.md"]


def test_symlink_loops_end(tmp_path: Path) -> None:
    root = tmp_path / "root"
    (root / "sub").mkdir(parents=True)
    (root / "sub" / "a.md").write_text(TEXT, encoding="utf-8")
    (root / "sub" / "loop").symlink_to(root)  # root/sub/loop/sub/loop/...
    (root / "self").symlink_to(root / "self")  # a link to itself
    run = cli("check", "--format", "json", "root", cwd=tmp_path, timeout=60)
    assert run.code == 1, run.stderr
    assert [d["path"] for d in run.json()] == ["root/sub/a.md"]


def test_stdin_is_read_and_named(tmp_path: Path) -> None:
    run = cli(
        "check", "--format", "json", "--stdin-filename", "draft.md", "-",
        cwd=tmp_path, stdin=TEXT.encode("utf-8"),
    )  # fmt: skip
    assert run.code == 1
    assert [(d["path"], d["line"], d["column"]) for d in run.json()] == [("draft.md", 3, 16)]


def test_stdin_closed_is_an_empty_document(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "citelint", "check", "--format", "json", "-"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        cwd=tmp_path,
        timeout=60,
    )
    assert (proc.returncode, proc.stdout.strip(), proc.stderr) == (0, b"[]", b"")


def test_stdin_not_open_at_all(tmp_path: Path) -> None:
    """`citelint check - <&-`: no file descriptor 0, so Python has no sys.stdin."""
    (tmp_path / "a.md").write_text(TEXT, encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "citelint", "check", "--format", "json", "-", "a.md"],
        capture_output=True,
        cwd=tmp_path,
        timeout=60,
        preexec_fn=lambda: os.close(0),
    )
    stderr = proc.stderr.decode("utf-8", "replace")
    assert proc.returncode == 2, stderr
    assert "-: cannot read stdin: it is closed" in stderr and "Traceback" not in stderr
    assert [d["path"] for d in json.loads(proc.stdout)] == ["a.md"]


def test_stdin_not_utf8_is_reported(tmp_path: Path) -> None:
    run = cli("check", "-", cwd=tmp_path, stdin=b"caf\xe9 41%\n")
    assert run.code == 2
    assert "-: not valid UTF-8 at byte 3" in run.stderr


def test_stdout_closed_early_does_not_crash(tmp_path: Path) -> None:
    """`citelint check | head -1`: the reader goes away before the report is written."""
    for number in range(40):
        (tmp_path / f"f{number:02d}.md").write_text(TEXT * 20, encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-m", "citelint", "check", "."],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.readline()
    proc.stdout.close()  # like `head -1` exiting
    stderr = proc.stderr.read().decode("utf-8", "replace")
    code = proc.wait(timeout=120)
    assert "Traceback" not in stderr, stderr
    assert code in (1, 2, -signal.SIGPIPE, 128 + signal.SIGPIPE)


def test_unreadable_file_in_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The chmod 000 case whoever runs the tests (root reads anything): reading the
    file raises EACCES."""
    import io
    import json

    from citelint import runner

    (tmp_path / "locked.md").write_text(TEXT, encoding="utf-8")
    (tmp_path / "a.md").write_text(TEXT, encoding="utf-8")
    real = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self.name == "locked.md":
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    monkeypatch.chdir(tmp_path)
    stream = io.StringIO()
    code = runner.run(runner.Options(paths=["locked.md", "a.md"], isolated=True), "json", stream)
    assert code == 2
    assert "locked.md: cannot read: Permission denied" in capsys.readouterr().err
    assert [d["path"] for d in json.loads(stream.getvalue())] == ["a.md"]
