"""Source names in text: which sources a phrase like "MIT's analysis" or a URL names.

Names come from each source's name, publisher and aliases. Matching is by
token sequence, longest first (so "MIT Technology Review" is not "MIT"),
with near misses ("HuggingFace", "Hugging-Face", one typo) caught by
comparing the names with spaces removed, exactly and then with rapidfuzz.

`NearMisses` finds what a rapidfuzz scan of a whole vocabulary would, through a
q-gram index; matching uses it too.
"""

from __future__ import annotations

import gc
import math
import posixpath
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import NamedTuple
from urllib.parse import unquote, urlsplit

from . import regexes
from .model import FactTable

_TOKEN = regexes.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)?|[&/+]")
_REPORTISH = regexes.compile(
    r"\b(?:report|study|analysis|survey|paper|review|index|tracker|census|filings|blog|article)\b",
    re.IGNORECASE,
)
_FUZZY_MIN = 90
_MEMO_SIZE = 4096  # texts whose mentions are remembered, per index
_SCAN_ALL = 64  # near misses: a bucket of up to this many words is scored without an index


class Mention(NamedTuple):
    """A name in text and the sources it may stand for."""

    start: int
    end: int
    sources: frozenset[str]
    # Names a publication (its title, or an alias like "MIT study"), not an organisation.
    title: bool


def _norm(token: str) -> str:
    t = token.lower().replace("’", "'")
    return t[:-2] if t.endswith("'s") else t.rstrip("'")


def _tokens(text: str) -> list[tuple[str, int, int, str]]:
    return [(_norm(m.group()), m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]


class NameIndex:
    """Every name of every source, for finding mentions in prose and resolving URLs."""

    def __init__(self, table: FactTable):
        with collection_paused():
            self._build(table)

    def _build(self, table: FactTable) -> None:
        names: dict[tuple[str, ...], set[str]] = defaultdict(set)
        titles: set[tuple[str, ...]] = set()
        exact_case: dict[tuple[str, ...], str] = {}
        for source in table.sources:
            candidates = [(source.name, True), *((a, False) for a in source.aliases)]
            if source.publisher:
                candidates.append((source.publisher, False))
            for raw, is_title in candidates:
                key = tuple(t for t, *_ in _tokens(raw))
                if not key:
                    continue
                names[key].add(source.id)
                if is_title or _REPORTISH.search(raw):
                    titles.add(key)
                # Short all-caps names ("MIT", "HF") must keep their case: "mit" is a word.
                if raw.isupper() and len(raw.replace(" ", "")) <= 4:
                    exact_case[key] = raw
        self._names = {k: frozenset(v) for k, v in names.items()}
        self._titles = titles
        self._exact_case = exact_case
        self._by_first: dict[str, list[tuple[str, ...]]] = defaultdict(list)
        for key in sorted(self._names, key=len, reverse=True):
            self._by_first[key[0]].append(key)
        self._compact = {"".join(k): k for k in self._names if len("".join(k)) >= 5}
        self._near_names = NearMisses(self._compact, _FUZZY_MIN)
        self._memo: dict[str, tuple[Mention, ...]] = {}
        self._near: dict[str, tuple[str, ...] | None] = {}
        self._keys = {key.lower(): source.id for source in table.sources for key in source.keys}
        # URL prefixes by host (a prefix can only match a URL of its host), longest first.
        self._urls: dict[str, list[tuple[str, str]]] = defaultdict(list)
        urls = ((_url_key(s.url), s.id) for s in table.sources if s.url)
        for prefix, source_id in sorted(urls, key=lambda item: len(item[0]), reverse=True):
            self._urls[prefix.split("/", 1)[0]].append((prefix, source_id))
        # Sources whose url is a local file (`refs/mit-study.md`): path segments.
        self._paths = [
            (tuple(path.split("/")), s.id)
            for s in table.sources
            if s.url and (path := local_path(s.url)) is not None
        ]

    def mentions(self, text: str) -> list[Mention]:
        """Source names in `text`, longest match first, left to right."""
        # A sentence is read for its cues and again for each claim in it: remember the
        # answers (Mention is immutable; each caller gets its own list).
        found = self._memo.get(text)
        if found is None:
            if len(self._memo) >= _MEMO_SIZE:
                self._memo.clear()
            found = self._memo[text] = tuple(self._find(text))
        return list(found)

    def _find(self, text: str) -> list[Mention]:
        toks = _tokens(text)
        norms = [t[0] for t in toks]
        found: list[Mention] = []
        i = 0
        while i < len(toks):
            key = self._match_at(toks, norms, i)
            if key is not None:
                j = i + len(key)
                found.append(
                    Mention(toks[i][1], toks[j - 1][2], self._names[key], key in self._titles)
                )
                i = j
                continue
            fuzzy = self._fuzzy_at(toks, norms, i)
            if fuzzy is not None:
                key, j = fuzzy
                found.append(
                    Mention(toks[i][1], toks[j - 1][2], self._names[key], key in self._titles)
                )
                i = j
                continue
            i += 1
        return found

    def _match_at(self, toks: list, norms: list[str], i: int) -> tuple[str, ...] | None:
        for key in self._by_first.get(norms[i], ()):
            n = len(key)
            if tuple(norms[i : i + n]) != key:
                continue
            raw = self._exact_case.get(key)
            written = "".join(t[3] for t in toks[i : i + n]).replace("'s", "").replace("’s", "")
            if raw and written != raw.replace(" ", ""):
                continue
            return key
        return None

    def _fuzzy_at(self, toks: list, norms: list[str], i: int) -> tuple[tuple[str, ...], int] | None:
        """Near misses: names written without spaces or with a typo, from a capital letter."""
        if not toks[i][3][:1].isupper():
            return None
        for n in (3, 2, 1):
            if i + n > len(toks):
                continue
            compact = "".join(norms[i : i + n])
            if len(compact) < 5:
                continue
            key = self._compact.get(compact)
            if key is None and self._compact:
                key = self._nearest(compact)
            if key is not None:
                return key, i + n
        return None

    def _nearest(self, compact: str) -> tuple[str, ...] | None:
        """The name closest to `compact` (rapidfuzz ratio ≥ 90), if any. Remembered: the
        same capitalised words recur in every draft, and the search grows with the table."""
        try:
            return self._near[compact]
        except KeyError:
            pass
        best = self._near_names.best(compact)
        if len(self._near) >= 8 * _MEMO_SIZE:
            self._near.clear()
        key = self._near[compact] = self._compact[best] if best else None
        return key

    def source_for_key(self, key: str) -> str | None:
        """The source a Pandoc citation key (`@hfmit2026`) names."""
        return self._keys.get(key.lower())

    def sources_for_url(self, url: str) -> frozenset[str]:
        """The source whose URL is the longest prefix of `url`; failing that, same-host sources.

        A link to a local file (`refs/mit-study.md`, `../refs/mit-study.md`, `./a.md`,
        `file:///…/a.md`) credits the source whose url is the same file: both paths are
        normalised (`.` and `..` resolved, leading `./`, `../` and `/` dropped, query and
        fragment ignored) and match when one ends with the other, segment by segment
        (`refs/mit-study.md` matches `/work/refs/mit-study.md`); the longest match wins.
        """
        path = local_path(url)
        if path is not None:
            return self._sources_for_path(tuple(path.split("/")))
        key = _url_key(url)
        same_host = self._urls.get(key.split("/", 1)[0], ())
        for prefix, source_id in same_host:
            if key.startswith(prefix):
                return frozenset({source_id})
        return frozenset(source_id for _, source_id in same_host)

    def _sources_for_path(self, link: tuple[str, ...]) -> frozenset[str]:
        best = 0
        found: set[str] = set()
        for path, source_id in self._paths:
            n = min(len(path), len(link))
            if n == 0 or path[-n:] != link[-n:]:
                continue
            if n > best:
                best, found = n, {source_id}
            elif n == best:
                found.add(source_id)
        return frozenset(found)


class NearMisses:
    """The words of a vocabulary whose rapidfuzz `fuzz.ratio` with a query reaches `cutoff`:
    exactly what a scan of the whole vocabulary finds, without scoring every word.

    Words are bucketed by length; only lengths that can reach the cutoff are looked at.
    In a bucket, a ratio of `cutoff` allows at most `edits` insertions and deletions. Cut
    the query into `edits + 1` disjoint q-grams: an edit touches at most one of them, so
    one survives in the word, moved by at most `edits` places. Only the words holding one
    of them near its place are scored. Small buckets, and queries too short to be cut so,
    score every word of the bucket.
    """

    def __init__(self, words: Iterable[str], cutoff: float):
        self._words = list(dict.fromkeys(words))  # order kept: on a tie, the first wins
        self._cutoff = cutoff
        self._by_length: dict[int, list[int]] = defaultdict(list)
        for i, word in enumerate(self._words):
            self._by_length[len(word)].append(i)
        # (length, q) -> (q-gram, its place) -> the words of that length holding it there.
        # Trigrams serve most queries: built now; bigrams (short queries) on first use.
        self._grams: dict[tuple[int, int], dict[tuple[str, int], list[int]]] = {}
        for length, ids in self._by_length.items():
            if len(ids) > _SCAN_ALL:
                self._index(length, 3)

    def all(self, query: str) -> frozenset[str]:
        """Every word within the cutoff."""
        choices = self._candidates(query)
        if not choices:
            return frozenset()
        from rapidfuzz import fuzz, process

        found = process.extract(
            query, choices, scorer=fuzz.ratio, score_cutoff=self._cutoff, limit=None
        )
        return frozenset(choice for choice, _, _ in found)

    def best(self, query: str) -> str | None:
        """The word with the highest ratio within the cutoff (the first of equals), if any."""
        choices = self._candidates(query)
        if not choices:
            return None
        from rapidfuzz import fuzz, process

        found = process.extractOne(query, choices, scorer=fuzz.ratio, score_cutoff=self._cutoff)
        return found[0] if found else None

    def _candidates(self, query: str) -> list[str]:
        """The words that may reach the cutoff, in vocabulary order."""
        size = len(query)
        found: list[int] = []
        # ratio ≤ 200 * shorter / (a + b): only lengths within this range can reach the cutoff
        shortest = math.floor(size * self._cutoff / (200 - self._cutoff))
        longest = math.ceil(size * (200 - self._cutoff) / self._cutoff)
        for length in range(max(shortest, 0), longest + 1):
            ids = self._by_length.get(length)
            if not ids or not _may_reach(size, length, self._cutoff):
                continue
            edits = _max_edits(size, length, self._cutoff)
            q = min(3, size // (edits + 1))
            if q < 2 or len(ids) <= _SCAN_ALL:
                found += ids
                continue
            grams = self._grams.get((length, q)) or self._index(length, q)
            hits: set[int] = set()
            for start in range(0, q * (edits + 1), q):
                gram = query[start : start + q]
                for at in range(max(0, start - edits), min(start + edits, length - q) + 1):
                    hits.update(grams.get((gram, at), ()))
            found += hits
        found.sort()
        return [self._words[i] for i in found]

    def _index(self, length: int, q: int) -> dict[tuple[str, int], list[int]]:
        grams: dict[tuple[str, int], list[int]] = defaultdict(list)
        with collection_paused():
            for i in self._by_length[length]:
                word = self._words[i]
                for at in range(length - q + 1):
                    grams[word[at : at + q], at].append(i)
        index = self._grams[length, q] = dict(grams)
        return index


@contextmanager
def collection_paused() -> Iterator[None]:
    """No cyclic garbage collection meanwhile: building an index makes many containers
    and no cycles, and each collection would walk the whole heap (a large table's)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _may_reach(a: int, b: int, cutoff: float) -> bool:
    """Whether strings of lengths a and b can have a ratio of `cutoff` (ratio =
    200 * LCS / (a + b), and LCS ≤ the shorter length)."""
    return a + b > 0 and 200 * min(a, b) / (a + b) >= cutoff - 1e-9


def _max_edits(a: int, b: int, cutoff: float) -> int:
    """The most insertions and deletions strings of lengths a and b can differ by and keep
    a ratio of `cutoff` (ratio = 100 * (1 - edits / (a + b)))."""
    return math.floor((100 - cutoff) * (a + b) / 100 + 1e-9)


_DOCUMENT_FILE = regexes.compile(
    r"\.(?:md|markdown|txt|text|html?|xhtml|pdf|rst|adoc)$", re.IGNORECASE
)
_SCHEME = regexes.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def local_path(url: str) -> str | None:
    """The normalised path a link to a local file names, or None for a web URL.

    `refs/a.md`, `./a.md`, `../refs/a.md`, `/abs/refs/a.md` and `file:///abs/a.md`
    are local; `https://…`, `//host/…`, `mailto:…`, `#anchor` and host-like text
    (`example.com/page`) are not. `../` and `./` are resolved and leading ones
    dropped, as is a leading `/`: `../refs/a.md` -> `refs/a.md`.
    """
    url = url.strip().replace("\\", "/")
    if not url or url.startswith(("#", "//", "?")):
        return None
    if url.lower().startswith("file:"):
        path = urlsplit(url).path
    elif re.match(r"[A-Za-z]:/", url):  # a Windows drive
        path = url[2:]
    elif "://" in url or _SCHEME.match(url):
        return None
    else:
        path = urlsplit(url).path
        first = path.lstrip("/").split("/", 1)[0]
        relative = path.startswith(("/", "./", "../"))
        if not relative and "." in first and not ("/" not in path and _DOCUMENT_FILE.search(first)):
            return None  # example.com/page: a host without a scheme
    path = posixpath.normpath(unquote(path))
    parts = [p for p in path.split("/") if p not in {"", ".", ".."}]
    return "/".join(parts) or None


def _url_key(url: str) -> str:
    """A URL without scheme and `www.`, host lower-cased: what prefixes are compared on."""
    parts = urlsplit(url.strip() if "://" in url else "//" + url.strip())
    host = parts.netloc.lower().removeprefix("www.")
    return host + (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
