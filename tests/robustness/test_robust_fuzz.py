"""bench/fuzz.py works: its target accepts every seed input, the Hypothesis fallback
runs and exits 0, and saved inputs replay (the inputs that crashed citelint before
its fixes are kept here as regression cases)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FUZZ = ROOT / "bench" / "fuzz.py"
sys.path.insert(0, str(FUZZ.parent))

import fuzz  # noqa: E402

# Inputs that crashed or hung citelint before the fixes listed in docs/reliability.md.
FOUND = {
    "overflow-digits": b"\x00We have 1" + b"0" * 400 + b" users.",
    "deep-json-table": b"\xe1" + b"[" * 50_000 + b"]" * 50_000,
    "deep-toml-table": b"\xe2a = " + b"[" * 50_000 + b"]" * 50_000,
    "pandoc-unclosed": b"\x00[" + b"@a " * 3000 + b"41%",
    "utf16-bom": b"\x00\xff\xfeM\x00I\x00T\x00 \x004\x001\x00%\x00",
}


@pytest.fixture(scope="module")
def checker(tmp_path_factory: pytest.TempPathFactory) -> fuzz.Checker:
    return fuzz.Checker(tmp_path_factory.mktemp("fuzz"))


def test_every_seed_passes_the_target(checker: fuzz.Checker) -> None:
    seeds = fuzz.seed_inputs()
    assert len(seeds) > 700
    for seed in seeds:
        checker(seed)


@pytest.mark.parametrize("data", FOUND.values(), ids=FOUND.keys())
def test_found_inputs(checker: fuzz.Checker, data: bytes) -> None:
    checker(data)


def test_replay_and_hypothesis_loop_leave_no_temporary_folder(tmp_path: Path) -> None:
    crash = tmp_path / "crash-overflow"
    crash.write_bytes(FOUND["overflow-digits"])
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    env = {**os.environ, "TMPDIR": str(scratch)}
    replay = subprocess.run(
        [sys.executable, str(FUZZ), "--replay", str(crash)], capture_output=True, timeout=120,
        env=env,
    )  # fmt: skip
    assert replay.returncode == 0, replay.stderr
    loop = subprocess.run(
        [sys.executable, str(FUZZ), "--engine", "hypothesis", "--seconds", "3", "--seed", "1",
         "--artifacts", str(tmp_path)],
        capture_output=True, text=True, timeout=300, env=env,
    )  # fmt: skip
    assert loop.returncode == 0, loop.stderr
    assert "no crash" in loop.stderr
    assert list(scratch.iterdir()) == []


def test_dictionary_entries_are_libfuzzer_syntax() -> None:
    for token in fuzz.DICTIONARY:
        entry = fuzz._dict_escape(token)
        assert entry.isascii() and entry.isprintable()
        assert '"' not in entry.replace("\\x22", "")
