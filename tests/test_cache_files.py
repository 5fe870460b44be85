"""The files of compiled code (regular expressions, record methods) are named after the
installation's code: what an edit or an upgrade no longer compiles is not read by every
later start-up, and the file it replaces goes once the new one is written."""

import fnmatch

from citelint import cachefile
from citelint.cachefile import CacheFile, code_file


def test_other_code_gets_another_file_of_the_same_installation(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(cachefile, "_package_stamp", "model.py:1:2")
    before, replaces = code_file("regexes", "3.11.7|build")
    monkeypatch.setattr(cachefile, "_package_stamp", "model.py:1:3")
    after, replaces_after = code_file("regexes", "3.11.7|build")
    assert before != after and before.parent == after.parent == tmp_path / "citelint"
    assert replaces == replaces_after
    assert fnmatch.fnmatch(before.name, replaces) and fnmatch.fnmatch(after.name, replaces)
    assert not fnmatch.fnmatch(code_file("regexes", "3.12.0|build")[0].name, replaces)
    assert not fnmatch.fnmatch(code_file("records", "3.11.7|build")[0].name, replaces)


def test_writing_a_file_removes_the_ones_it_replaces_and_no_other(tmp_path):
    stale = tmp_path / "regexes-aa-bb-old.marshal"
    other_install = tmp_path / "regexes-aa-cc-old.marshal"
    other_kind = tmp_path / "records-aa-bb-old.marshal"
    for path in (stale, other_install, other_kind):
        path.write_bytes(b"kept until replaced")
    cache = CacheFile(tmp_path / "regexes-aa-bb-new.marshal", 10, "regexes-aa-bb-*.marshal")
    assert cache.get("pattern") is None
    cache.put("pattern", (1, 2, 3))
    cache.save()
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "records-aa-bb-old.marshal",
        "regexes-aa-bb-new.marshal",
        "regexes-aa-cc-old.marshal",
    ]
    assert CacheFile(cache.path, 10).get("pattern") == (1, 2, 3)


def test_a_file_that_cannot_be_written_removes_nothing(tmp_path):
    stale = tmp_path / "regexes-aa-bb-old.marshal"
    stale.write_bytes(b"still the only one")
    blocker = tmp_path / "regexes-aa-bb-new.marshal"
    blocker.mkdir()  # a folder where the file would go: os.replace fails
    cache = CacheFile(blocker, 10, "regexes-aa-bb-*.marshal")
    cache.put("pattern", (1,))
    cache.save()
    assert stale.read_bytes() == b"still the only one"
