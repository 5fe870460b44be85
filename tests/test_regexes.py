"""The compiled-pattern cache gives exactly what re.compile gives, from the cache when
it can, and falls back to re.compile whenever the cache cannot be used."""

import os
import re
import subprocess
import sys

import pytest

from citelint import regexes
from citelint.regexes import ProgramCache

PATTERNS = [
    (r"(?P<num>\d{1,3}(?:,\d{3})+|\d+)(?:\s?(?P<unit>%|percent))?", 0),
    (r"\b(?:according to|per|says)\b", re.IGNORECASE),
    (r"""(?x) (?P<a>ı|İ|ſ|K) \s* (?P=a)""", re.IGNORECASE | re.VERBOSE),
    (r"^\s*#+\s*(.*?)\s*#*\s*$", re.MULTILINE),
]
TEXT = "According to X, 41 percent said 1,200 — ıı, KK, ## Title ##"


def _warm(path):
    cache = ProgramCache(path)
    for pattern, flags in PATTERNS:
        cache.compile(pattern, flags)
    cache.save()


@pytest.mark.parametrize(("pattern", "flags"), PATTERNS)
def test_a_cached_pattern_equals_re_compile_and_matches_alike(
    tmp_path, monkeypatch, pattern, flags
):
    _warm(tmp_path / "programs.marshal")
    cache = ProgramCache(tmp_path / "programs.marshal")
    monkeypatch.setattr(regexes.re, "compile", None)  # served from the file, or this fails
    compiled = cache.compile(pattern, flags)
    monkeypatch.undo()
    expected = re.compile(pattern, flags)
    assert compiled == expected
    assert [m.groupdict() or m.group() for m in compiled.finditer(TEXT)] == [
        m.groupdict() or m.group() for m in expected.finditer(TEXT)
    ]


def test_the_first_run_compiles_and_writes_the_cache(tmp_path):
    path = tmp_path / "deep" / "programs.marshal"
    cache = ProgramCache(path)
    assert cache.compile(*PATTERNS[0]) == re.compile(*PATTERNS[0])
    assert not path.exists()  # written once, at exit
    cache.save()
    assert path.stat().st_size > 0


def test_a_damaged_cache_file_falls_back_to_re_compile(tmp_path):
    path = tmp_path / "programs.marshal"
    path.write_bytes(b"\x00not marshal data")
    cache = ProgramCache(path)
    for pattern, flags in PATTERNS:
        assert cache.compile(pattern, flags) == re.compile(pattern, flags)
    cache.save()  # replaced by a good one
    assert ProgramCache(path).compile(*PATTERNS[1]) == re.compile(*PATTERNS[1])


def test_a_cached_program_the_engine_rejects_is_compiled_afresh(tmp_path):
    import marshal

    path = tmp_path / "programs.marshal"
    _warm(path)
    programs = marshal.loads(path.read_bytes())
    key = (PATTERNS[0][0], PATTERNS[0][1])
    flags, code, *rest = programs[key]
    programs[key] = (flags, code[: len(code) // 2], *rest)  # truncated: invalid SRE code
    path.write_bytes(marshal.dumps(programs))
    assert ProgramCache(path).compile(*PATTERNS[0]) == re.compile(*PATTERNS[0])


def test_an_unwritable_cache_folder_costs_only_time(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    cache = ProgramCache(blocker / "programs.marshal")
    assert cache.compile(*PATTERNS[2]) == re.compile(*PATTERNS[2])
    cache.save()  # no exception
    assert blocker.read_text() == "not a folder"


def test_every_citelint_pattern_from_a_warm_cache_equals_re_compile(tmp_path):
    """All module-level patterns, in a process whose cache an earlier process wrote; the
    later process, with another hash seed, finds every pattern there (a pattern built
    from a set in hash order would miss, and the cache would grow at every run)."""
    script = """
import importlib, pkgutil, re, sys
import citelint
names = [m.name for m in pkgutil.walk_packages(citelint.__path__, "citelint.")
         if m.name.split(".")[-1] not in {"lsp", "__main__"}]
count = 0
for name in names:
    module = importlib.import_module(name)
    for value in vars(module).values():
        if isinstance(value, re.Pattern):
            assert value == re.compile(value.pattern, value.flags), (name, value.pattern)
            count += 1
print(count)
"""

    def run(seed: str) -> subprocess.CompletedProcess:
        env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path), "PYTHONHASHSEED": seed}
        return subprocess.run(
            [sys.executable, "-c", script], env=env, capture_output=True, text=True
        )

    first = run("1")
    assert first.returncode == 0, first.stderr
    [cache] = tmp_path.glob("citelint/regexes-*.marshal")
    written = cache.read_bytes()
    second = run("2")
    assert second.returncode == 0, second.stderr
    assert int(second.stdout) == int(first.stdout) > 50
    assert cache.read_bytes() == written  # nothing compiled afresh, nothing written
