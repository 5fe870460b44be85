"""`records.record` makes ordinary frozen dataclasses, and compiles their generated
methods once per installation: a later process takes the code from the cache file."""

from __future__ import annotations

import dataclasses
import marshal
import types

import pytest

from citelint import records
from citelint.cachefile import CacheFile


def _define(**options):
    @records.record(**options)
    class Point:
        x: int
        y: int = 0

    return Point


def _plain(**options):
    @dataclasses.dataclass(**options)
    class Point:
        x: int
        y: int = 0

    return Point


@pytest.fixture
def cache(tmp_path, monkeypatch):
    path = tmp_path / "records.marshal"
    monkeypatch.setattr(records, "_codes", CacheFile(path, limit=200))
    return path


def test_a_record_behaves_as_the_same_dataclass(cache):
    Point, Plain = _define(frozen=True, slots=True), _plain(frozen=True, slots=True)
    p = Point(1, 2)
    assert dataclasses.is_dataclass(p)
    assert [f.name for f in dataclasses.fields(Point)] == ["x", "y"]
    assert repr(p).replace("_define.<locals>.", "") == repr(Plain(1, 2)).replace(
        "_plain.<locals>.", ""
    )
    assert p == Point(1, 2) and p != Point(1, 3) and hash(p) == hash(Point(1, 2))
    assert dataclasses.replace(p, y=5) == Point(1, 5)
    with pytest.raises(dataclasses.FrozenInstanceError):
        p.x = 3  # type: ignore[misc]
    assert not hasattr(dataclasses, "exec")  # the builtin is dataclasses' own again


def test_a_later_process_takes_the_methods_code_from_the_cache(cache, monkeypatch):
    _define(frozen=True, slots=True)
    records._codes.save()
    assert cache.stat().st_size > 0
    monkeypatch.setattr(records, "_codes", CacheFile(cache, limit=200))
    monkeypatch.setattr(records, "compile", None, raising=False)  # a miss would fail here
    Point = _define(frozen=True, slots=True)
    assert Point(4) == Point(4, 0)


def test_a_damaged_cache_file_compiles_afresh(cache):
    cache.write_bytes(b"\x00not marshal data")
    Point = _define(frozen=True)
    assert Point(1).y == 0
    records._codes.save()  # replaced by a good one
    codes = marshal.loads(cache.read_bytes())
    assert codes and all(isinstance(code, types.CodeType) for code in codes.values())


def test_a_failing_definition_leaves_dataclasses_as_it_was(cache):
    with pytest.raises(TypeError):

        @records.record(frozen=True)
        class Bad:
            x: int = 0
            y: int  # a field without a default after one with

    assert not hasattr(dataclasses, "exec")


def test_a_record_pickles_as_a_call_of_its_class_with_the_fields_in_order(cache):
    import pickle

    from citelint.model import Claim, Diagnostic, Severity, Span

    Point = _define(frozen=True, slots=True)
    assert Point(1, 2).__reduce__() == (Point, (1, 2))

    @records.record(frozen=True, slots=True)
    class Single:
        x: int

    assert Single(4).__reduce__() == (Single, (4,))
    span = Span(0, 3, 1, 1, 1, 3)
    claim = Claim("41%", 41.0, "percent", "=", 40.5, 41.5, span, "41% of x.", "41% of x", 0)
    found = Diagnostic("a.md", 1, 1, 1, 3, "CL101", "unsupported-statistic",
                       Severity.WARNING, "m", claim)  # fmt: skip
    for obj in (claim, found):
        assert pickle.loads(pickle.dumps(obj)) == obj


def test_a_record_with_a_field_outside_init_pickles_as_dataclasses_does():
    import pickle

    from citelint.model import FactTable, Source

    assert "__reduce__" not in vars(FactTable)  # its lookups are not constructor arguments
    table = FactTable(sources=(Source("s", "S"),), paths=("t.yaml",))
    copy = pickle.loads(pickle.dumps(table))
    assert copy == table and copy.source("s") == Source("s", "S")
