"""Source names in text: which sources a phrase like "MIT's analysis" or a URL names.

Names come from each source's name, publisher and aliases. Matching is by
token sequence, longest first (so "MIT Technology Review" is not "MIT"),
with near misses ("HuggingFace", "Hugging-Face", one typo) caught by
comparing the names with spaces removed, exactly and then with rapidfuzz.
Case is ignored except where it tells a name from a word: a short all-caps
name ("MIT", not "mit") and the word after a name's "The" ("The Information",
not "the information").

`NearMisses` finds what a rapidfuzz scan of a whole vocabulary would, through a
q-gram index; matching uses it too.
"""

import math
import posixpath
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from itertools import accumulate, chain, compress, count, repeat
from operator import itemgetter, or_
from typing import NamedTuple
from urllib.parse import unquote, urlsplit

from . import collection, regexes
from .model import FactTable

# A word, or initials with periods ("M.I.T.", read as "MIT").
_TOKEN = regexes.compile(r"(?:[A-Z]\.){2,}|[A-Za-z0-9]+(?:['’][A-Za-z]+)?|[&/+]")
# The same tokens, as re.split keeps them: [gap, token, gap, token, ..., gap].
_TOKEN_SPLIT = regexes.compile(r"((?:[A-Z]\.){2,}|[A-Za-z0-9]+(?:['’][A-Za-z]+)?|[&/+])")
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


def _norms(tokens: list[str]) -> list[str]:
    """Each token lower-cased, with ’ as ' and a final 's dropped ("MIT’s" -> "mit"):
    a few passes over all of them joined (tokens hold no space), not a call per token."""
    if not tokens:
        return []
    joined = (" ".join(tokens) + " ").lower().replace("’", "'").replace("'s ", " ").replace(".", "")
    return joined.split(" ")[:-1]


def _tokens(text: str) -> list[tuple[str, int, int, str]]:
    """(normalised, start, end, as written) for each token of `text`."""
    matches = list(_TOKEN.finditer(text))
    norms = _norms([m.group() for m in matches])
    return [(norm, m.start(), m.end(), m.group()) for norm, m in zip(norms, matches, strict=True)]


class NameIndex:
    """Every name of every source, for finding mentions in prose and resolving URLs."""

    def __init__(self, table: FactTable):
        with collection.paused():
            self._build(table)

    def _build(self, table: FactTable) -> None:
        names: dict[tuple[str, ...], set[str]] = defaultdict(set)
        titles: set[tuple[str, ...]] = set()
        exact_case: dict[tuple[str, ...], str] = {}
        capitalised: set[tuple[str, ...]] = set()
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
                    exact_case[key] = raw.replace(" ", "")
                # "The Information", "The Verge": after its "The" a name's capital is what
                # tells it from a common word ("the information shows").
                written = [w for *_, w in _tokens(raw)]
                if len(key) > 1 and key[0] == "the" and written[1][0].isupper():
                    capitalised.add(key)
        self._names = {k: frozenset(v) for k, v in names.items()}
        self._titles = titles
        # What the facts are about ("DeepSeek", "Chinese", "Hong Kong"): a capitalised
        # name made only of these words is a subject, never a source the table lacks.
        # Read once per distinct text: a large table repeats its subjects and keywords, and
        # tokens of all of them at once took 200 MB at 100,000 facts.
        about = {t for f in table.facts for t in (f.subject or "", *f.keywords)}
        self.subject_words = frozenset(_norms([w for t in about for w in _TOKEN.findall(t)]))
        self._exact_case = exact_case
        self._capitalised = capitalised
        # A name's first token -> the lengths (in tokens) of the names it starts, longest first.
        lengths: dict[str, set[int]] = defaultdict(set)
        for key in self._names:
            lengths[key[0]].add(len(key))
        self._lengths = {first: sorted(ns, reverse=True) for first, ns in lengths.items()}
        self._compact = {"".join(k): k for k in self._names if len("".join(k)) >= 5}
        self._near_names = NearMisses(self._compact, _FUZZY_MIN)
        self._memo: dict[str, tuple[Mention, ...]] = {}
        self._near: dict[str, tuple[str, ...] | None] = {}
        # A source's id is its citation key too, when no source lists it as a key.
        self._keys = {source.id.lower(): source.id for source in table.sources}
        self._keys.update(
            (key.lower(), source.id) for source in table.sources for key in source.keys
        )
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
        parts = _TOKEN_SPLIT.split(text)
        tokens = parts[1::2]
        norms = _norms(tokens)
        found: list[Mention] = []
        offsets: list[int] = []  # where each part starts: made for the first name found
        taken = 0  # tokens before this one are part of a name found
        for i in self._starts(tokens, norms):
            if i < taken:
                continue
            match = self._match_at(tokens, norms, i)
            if match is None:
                match = self._fuzzy_at(tokens, norms, i)
                # A near miss must not swallow the word before an exact name: "Per
                # Microsoft research" is "Microsoft research", not a typo of it.
                if match is None or any(
                    self._match_at(tokens, norms, j) for j in range(i + 1, match[1])
                ):
                    continue
            key, taken = match
            if not offsets:
                offsets = list(accumulate(map(len, parts), initial=0))
            start, end = offsets[2 * i + 1], offsets[2 * taken]
            found.append(Mention(start, end, self._names[key], key in self._titles))
        return found

    def _starts(self, tokens: list[str], norms: list[str]) -> Iterator[int]:
        """The tokens a name can start at: a name's first token, or a capitalised one (a
        near miss). Picked out without a Python call per token: most tokens are neither."""
        is_first = map(self._lengths.__contains__, norms)
        is_capital = map(str.isupper, map(itemgetter(0), tokens))
        return compress(count(), map(or_, is_first, is_capital))

    def _match_at(
        self, tokens: list[str], norms: list[str], i: int
    ) -> tuple[tuple[str, ...], int] | None:
        left = len(norms) - i
        for n in self._lengths.get(norms[i], ()):
            if n > left:
                continue
            key = tuple(norms[i : i + n])
            if key not in self._names:
                continue
            exact = self._exact_case.get(key)
            written = "".join(tokens[i : i + n]).replace("'s", "").replace("’s", "")
            if exact and written.replace(".", "") != exact:
                continue
            if key in self._capitalised and not tokens[i + 1][0].isupper():
                continue
            return key, i + n
        return None

    def _fuzzy_at(
        self, tokens: list[str], norms: list[str], i: int
    ) -> tuple[tuple[str, ...], int] | None:
        """Near misses: names written without spaces or with a typo, from a capital letter."""
        if not tokens[i][0].isupper():
            return None
        for n in (3, 2, 1):
            if i + n > len(norms):
                continue
            compact = "".join(norms[i : i + n])
            if len(compact) < 5:
                continue
            key = self._compact.get(compact)
            if key is None and self._compact:
                key = self._nearest(compact)
            if key is not None:
                if n > 1 and key in self._capitalised and not tokens[i + 1][0].isupper():
                    return None  # "The information shows": not "The Information"
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
        """The source a Pandoc citation key (`@hfmit2026`) names: one of its `keys`, or
        its id."""
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
    Between a query and a word of such a length, a ratio of `cutoff` allows at most `edits`
    insertions and deletions. Cut the word into disjoint q-grams, its pieces: an edit
    touches at most one piece, so one of the first `edits + 1` is in the query whole,
    moved by at most as many places as there are insertions (to the left) or deletions
    (to the right), which the two lengths bound. Only the words with such a piece are
    scored. Small buckets, and words too short to cut into as many pieces as the longest
    query allows edits, score every word of the bucket.
    """

    def __init__(self, words: Iterable[str], cutoff: float):
        self._words = list(dict.fromkeys(words))  # order kept: on a tie, the first wins
        self._cutoff = cutoff
        self._by_length: dict[int, list[int]] = defaultdict(list)
        for i, word in enumerate(self._words):
            self._by_length[len(word)].append(i)
        # Both made on first use (or by `prepare`): a query length's look-ups, and a word
        # length's pieces.
        self._plans: dict[int, _Plan] = {}
        self._pieces: dict[int, _Pieces | None] = {}

    def prepare(self) -> None:
        """Make the look-ups of every query length that can reach a word now rather than on
        first use: a large vocabulary's first queries would otherwise pay for them. Not
        for a vocabulary too small to index (all scanned), whose look-ups cost little and
        would only make the pack cache bigger."""
        if all(len(ids) <= _SCAN_ALL for ids in self._by_length.values()):
            return
        longest = max(self._by_length)
        for size in range(1, math.ceil(longest * (200 - self._cutoff) / self._cutoff) + 1):
            if size not in self._plans:
                self._plan(size)

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
        plan = self._plans.get(len(query)) or self._plan(len(query))
        if not plan.places:
            return plan.scanned_words
        # Each look-up is a piece's index and a slice of the query: all done in C.
        grams = map(query.__getitem__, plan.slices)
        hits = chain.from_iterable(map(dict.get, plan.places, grams, repeat(())))
        return [self._words[i] for i in sorted({*plan.scanned, *hits})]

    def _plan(self, size: int) -> "_Plan":
        """The look-ups for a query of `size` characters: the same for every such query."""
        scanned: list[int] = []
        places: list[dict[str, list[int]]] = []
        slices: list[slice] = []
        for length in _near_lengths(size, self._cutoff):
            if length not in self._by_length:
                continue
            pieces = self._pieces_of(length)
            if pieces is None:
                scanned += self._by_length[length]
                continue
            grown = length - size  # insertions - deletions
            edits = _max_edits(size, length, self._cutoff)
            edits -= (edits - grown) % 2  # insertions + deletions: of the same parity
            insertions, deletions = (edits + grown) // 2, (edits - grown) // 2
            q = pieces.q
            for k in range(edits + 1):
                lowest, highest = max(0, k * q - insertions), min(k * q + deletions, size - q)
                for start in range(lowest, highest + 1):
                    places.append(pieces.places[k])
                    slices.append(slice(start, start + q))
        scanned.sort()
        words = [self._words[i] for i in scanned]
        plan = self._plans[size] = _Plan(scanned, words, places, slices)
        return plan

    def _pieces_of(self, length: int) -> "_Pieces | None":
        """The pieces of the words of `length`, or None if the bucket is scored whole."""
        if length in self._pieces:
            return self._pieces[length]
        ids = self._by_length[length]
        # As many pieces as the query lengths that can reach the cutoff allow edits.
        sizes = _near_lengths(length, self._cutoff)
        most = max(_max_edits(size, length, self._cutoff) for size in sizes)
        q = min(3, length // (most + 1))
        pieces = None
        if q >= 2 and len(ids) > _SCAN_ALL:
            with collection.paused():
                pieces = _Pieces(q, [self._index(ids, k * q, q) for k in range(most + 1)])
        self._pieces[length] = pieces
        return pieces

    def _index(self, ids: list[int], at: int, q: int) -> dict[str, list[int]]:
        """The q-gram at `at` of each of the words `ids` -> the words with it there."""
        index: dict[str, list[int]] = defaultdict(list)
        grams = map(itemgetter(slice(at, at + q)), map(self._words.__getitem__, ids))
        for i, gram in zip(ids, grams, strict=True):
            index[gram].append(i)
        return index


class _Pieces(NamedTuple):
    """The words of one length cut into q-grams: per piece, q-gram -> the words with it."""

    q: int
    places: list[dict[str, list[int]]]


class _Plan(NamedTuple):
    """What the candidates for queries of one length are made of."""

    scanned: list[int]  # the words of the buckets scored whole, in vocabulary order
    scanned_words: list[str]
    # Look-ups: a query's q-gram at slices[n] in the piece index places[n].
    places: list[dict[str, list[int]]]
    slices: list[slice]


def _near_lengths(n: int, cutoff: float) -> list[int]:
    """The lengths of the strings that can have a ratio of `cutoff` with one of length n."""
    # ratio ≤ 200 * shorter / (a + b): only lengths within this range can reach the cutoff
    shortest = math.floor(n * cutoff / (200 - cutoff))
    longest = math.ceil(n * (200 - cutoff) / cutoff)
    return [m for m in range(max(shortest, 0), longest + 1) if _may_reach(n, m, cutoff)]


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
