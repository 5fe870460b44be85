"""The bundled pack's on-disk cache: used when the pack is unchanged, rebuilt and
pruned when it changes, and never trusted when it is unreadable."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from citelint import packs

GOOD = Path(__file__).parent / "fixtures" / "facts" / "good" / "table.yaml"


@pytest.fixture
def pack(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private copy of a pack and a private cache folder."""
    path = tmp_path / "pack.yaml"
    shutil.copy(GOOD, path)
    monkeypatch.setattr(packs, "ai_industry", lambda: path)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    packs.bundled_facts.cache_clear()
    yield path
    packs.bundled_facts.cache_clear()


def _cached(tmp_path: Path) -> list[Path]:
    return sorted((tmp_path / "cache" / "citelint").glob("pack-*.pickle"))


def test_first_load_writes_one_cache_file(pack: Path, tmp_path: Path) -> None:
    table = packs.bundled_facts()
    assert len(table.facts) == 6
    assert len(_cached(tmp_path)) == 1


def test_unchanged_pack_is_read_from_the_cache(
    pack: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = packs.bundled_facts()
    packs.bundled_facts.cache_clear()

    def no_yaml(path: Path):
        raise AssertionError("the YAML was parsed although the cache is valid")

    monkeypatch.setattr(packs, "load_table", no_yaml)
    assert packs.bundled_facts() == first


def test_changed_pack_is_reloaded_and_the_stale_cache_removed(pack: Path, tmp_path: Path) -> None:
    packs.bundled_facts()
    [old] = _cached(tmp_path)
    text = pack.read_text(encoding="utf-8")
    pack.write_text(text.replace("value: 17.1%", "value: 17.2%", 1), encoding="utf-8")
    packs.bundled_facts.cache_clear()
    table = packs.bundled_facts()
    assert 17.2 in {fact.value for fact in table.facts}
    [new] = _cached(tmp_path)
    assert new != old


def test_corrupt_cache_falls_back_to_the_yaml(pack: Path, tmp_path: Path) -> None:
    expected = packs.bundled_facts()
    [cached] = _cached(tmp_path)
    cached.write_bytes(b"not a pickle")
    packs.bundled_facts.cache_clear()
    assert packs.bundled_facts() == expected


def test_changed_citelint_code_invalidates_the_cache(
    pack: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    packs.bundled_facts()
    [old] = _cached(tmp_path)
    monkeypatch.setattr(packs, "_code_stamp", lambda: "model.py:1:2")
    packs.bundled_facts.cache_clear()
    packs.bundled_facts()
    [new] = _cached(tmp_path)
    assert new != old


def test_the_code_stamp_covers_the_modules_that_make_the_pickle() -> None:
    """The indexes come from top-level modules and the matching package, the table from
    the facttable package: editing any of them (a development checkout) must change the key."""
    stamp = packs._code_stamp()
    for name in ("names.py", "model.py"):
        assert f"citelint/{name}:" in stamp
    for name in ("index.py", "scoring.py"):
        assert f"matching/{name}:" in stamp
    for name in ("yaml_format.py", "schema.py", "values.py"):
        assert f"facttable/{name}:" in stamp


def test_another_installation_keeps_its_own_cache(
    pack: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    packs.bundled_facts()
    [first] = _cached(tmp_path)
    elsewhere = tmp_path / "other-install" / "pack.yaml"
    elsewhere.parent.mkdir()
    shutil.copy(pack, elsewhere)
    monkeypatch.setattr(packs, "ai_industry", lambda: elsewhere)
    packs.bundled_facts.cache_clear()
    packs.bundled_facts()
    assert first in _cached(tmp_path)
    assert len(_cached(tmp_path)) == 2


def test_the_indexes_are_read_back_with_the_pack(
    pack: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from citelint import engine, indexing, matching, names

    text = "MIT and Hugging Face found Chinese models hold 17.1% of global downloads."
    built = engine.analyse(text, packs.bundled_facts())
    packs.bundled_facts.cache_clear()
    indexing._BUILT.clear()

    def no_build(self, table):
        raise AssertionError("an index was built although the cache holds it")

    monkeypatch.setattr(matching.FactIndex, "__init__", no_build)
    monkeypatch.setattr(names.NameIndex, "__init__", no_build)
    table = packs.bundled_facts()
    read_back = engine.analyse(text, table)
    assert read_back.evidence == built.evidence
    assert read_back.diagnostics == built.diagnostics


def test_an_index_that_cannot_be_pickled_leaves_no_cache_file(
    pack: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from citelint import indexing

    table = packs.bundled_facts()
    packs.bundled_facts.cache_clear()
    for path in _cached(tmp_path):
        path.unlink()
    fact_index, name_index = indexing.indexes(table)
    monkeypatch.setattr(name_index, "_memo", lambda: None, raising=False)  # not picklable
    monkeypatch.setattr(indexing, "indexes", lambda _: (fact_index, name_index))
    assert packs.bundled_facts() == table
    assert _cached(tmp_path) == []
    assert list((tmp_path / "cache" / "citelint").glob("*.tmp")) == []
