"""Source documents: articles and reports read as sources of facts.

A source document is a Markdown, plain-text or HTML file. Its metadata (title,
URL, date, publisher or outlet, author) comes from YAML or TOML front matter,
or for HTML from `<title>`, `<meta>` and `<link rel="canonical">`; its id is
the file stem. `citelint facts extract` turns the statistics in it into a
draft fact table (see `extract`); `citelint check --sources DIR` uses each
document in DIR directly as a source whose facts are the figures it states,
so a draft can be checked against the documents it credits with no curated
table.

HTML is reduced to text with the standard library's `html.parser`: block
elements become paragraphs; scripts, styles and the like are dropped. Plain
text becomes one paragraph per line (a blank line also ends a paragraph), with
Markdown's special characters escaped so the text is read exactly as written.
"""

from __future__ import annotations

import datetime
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from . import regexes
from .files import InputError, decode

#: File suffixes read as source documents, and how each is read.
SUFFIXES = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
}

#: How `--sources DIR` travels in a tuple of fact-table specs (see `runner.load_table`).
PREFIX = "sources:"

_FRONT_MATTER = regexes.compile(
    r"\A\ufeff?(---|\+\+\+)[ \t]*\r?\n(.*?)(?:\r?\n)?^\1[ \t]*$\r?\n?", re.S | re.M
)
_ID_CHARS = regexes.compile(r"[^A-Za-z0-9._:-]+")
_MARKDOWN_SPECIAL = regexes.compile(r"([\\`*_\[\]<>|~#!])")
# Brackets become entities, not escapes: `\[…\]` would be read as LaTeX display math.
_ESCAPES = {"[": "&#91;", "]": "&#93;"}
_LINE_START_SPECIAL = regexes.compile(r"^(\s*)([-+=>]|\d+[.)])(?=\s|$)")
_MAX_BYTES = 16 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class SourceDocument:
    """One source document: its Markdown to read, and what it says about itself."""

    path: str  # as given (or found in a folder): what messages show
    id: str  # the file stem, made a valid fact-table id
    kind: str  # markdown | text | html
    markdown: str  # the body as Markdown, ready for `document.parse`
    meta: dict[str, str] = field(default_factory=dict)
    # For text and HTML: lines[n] is the line of the original file that line n (1-based)
    # of `markdown` comes from. Empty for Markdown, whose lines are the file's own.
    lines: tuple[int, ...] = ()

    def source_line(self, line: int) -> int:
        """The line of the original file for a line of `markdown`."""
        if not self.lines:
            return line
        return self.lines[min(max(line, 0), len(self.lines) - 1)]

    @property
    def title(self) -> str | None:
        return self.meta.get("title") or self.meta.get("name")

    @property
    def url(self) -> str | None:
        return self.meta.get("url") or self.meta.get("link") or self.meta.get("canonical")

    @property
    def published(self) -> str | None:
        for key in ("published", "date", "pubdate", "datePublished"):
            value = self.meta.get(key)
            if value:
                match = re.match(r"\d{4}(?:-\d{2}(?:-\d{2})?)?", value)
                if match:
                    return match.group()
        return None

    @property
    def publisher(self) -> str | None:
        return self.meta.get("publisher") or self.meta.get("outlet") or self.meta.get("site_name")

    @property
    def file_name(self) -> str:
        return os.path.basename(self.path)

    @property
    def stem(self) -> str:
        return Path(self.path).stem


# -- reading ----------------------------------------------------------------------------------


def source_id(stem: str) -> str:
    """A valid fact-table id from a file stem: `MIT study (2025)` -> `MIT-study-2025`."""
    cleaned = _ID_CHARS.sub("-", stem).strip("-._:")
    return cleaned or "source"


def is_source_file(path: str | os.PathLike[str]) -> bool:
    return Path(path).suffix.lower() in SUFFIXES


def discover(paths: Iterable[str]) -> list[str]:
    """The source documents under `paths` (files as given; folders walked, sorted).

    Raises InputError for a path that does not exist or a folder with no documents."""
    found: list[str] = []
    seen: set[str] = set()
    for given in paths:
        path = Path(given)
        if path.is_dir():
            inside = []
            for folder, dirs, names in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                inside += [
                    os.path.join(folder, name)
                    for name in sorted(names)
                    if is_source_file(name) and not name.startswith(".")
                ]
            if not inside:
                raise InputError(
                    f"{given}: no source documents (.md, .markdown, .txt, .html) in this folder"
                )
            candidates = inside
        elif path.exists():
            candidates = [given]
        else:
            raise InputError(f"{given}: no such file or directory")
        for candidate in candidates:
            key = os.path.realpath(candidate)
            if key not in seen:
                seen.add(key)
                found.append(candidate)
    return found


def read(path: str) -> SourceDocument:
    """Read one source document; raise InputError when it cannot be read."""
    try:
        with open(path, "rb") as file:
            raw = file.read(_MAX_BYTES + 1)
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory") from None
    except OSError as err:
        raise InputError(f"{path}: cannot read: {err.strerror or err}") from None
    if len(raw) > _MAX_BYTES:
        raise InputError(f"{path}: larger than {_MAX_BYTES // 2**20} MB; not read")
    text = decode(raw, path).text
    return from_text(text, path)


def from_text(text: str, path: str, kind: str | None = None) -> SourceDocument:
    """A source document from its text; `kind` defaults to what the suffix says."""
    kind = kind or SUFFIXES.get(Path(path).suffix.lower(), "text")
    meta: dict[str, str] = {}
    lines: tuple[int, ...] = ()
    if kind == "html":
        markdown, meta, lines = html_to_markdown(text)
    else:
        meta, body = front_matter(text)
        if kind == "markdown":
            markdown = text
        else:
            skipped = text[: len(text) - len(body)].count("\n")
            paragraphs = _text_paragraphs(body)
            markdown = _paragraphs_markdown([p for _, p in paragraphs])
            lines = _line_map([skipped + n for n, _ in paragraphs])
    return SourceDocument(path, source_id(Path(path).stem), kind, markdown, meta, lines)


def front_matter(text: str) -> tuple[dict[str, str], str]:
    """The front matter's scalar fields as text (lists joined by `; ` are kept as lists
    under `aliases`), and the body after it. Unreadable front matter is ignored."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    body = text[match.end() :]
    try:
        if match.group(1) == "---":
            import yaml

            data = yaml.safe_load(match.group(2))
        else:
            import tomllib

            data = tomllib.loads(match.group(2))
    except Exception:  # noqa: BLE001 - bad front matter is not a reason to fail
        return {}, body
    if not isinstance(data, dict):
        return {}, body
    meta: dict[str, str] = {}
    for key, value in data.items():
        if isinstance(value, datetime.datetime | datetime.date):
            meta[str(key)] = value.isoformat()[:10]
        elif isinstance(value, str | int | float) and not isinstance(value, bool):
            meta[str(key)] = str(value).strip()
        elif isinstance(value, list) and all(isinstance(v, str) for v in value):
            meta[str(key)] = "\n".join(v.strip() for v in value if v.strip())
    return meta, body


def text_to_markdown(text: str) -> str:
    """Plain text as Markdown that reads back as the same words: one paragraph per
    line, Markdown's special characters escaped."""
    return _paragraphs_markdown([p for _, p in _text_paragraphs(text)])


def _text_paragraphs(text: str) -> list[tuple[int, str]]:
    """(1-based line, text) of each non-blank line."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return [(n, line.strip()) for n, line in enumerate(lines, 1) if line.strip()]


def _paragraphs_markdown(paragraphs: list[str]) -> str:
    out = []
    for line in paragraphs:
        line = _MARKDOWN_SPECIAL.sub(_escape, line)
        line = _LINE_START_SPECIAL.sub(lambda m: m.group(1) + "\\" + m.group(2), line)
        out.append(line)
    return "\n\n".join(out) + "\n"


def _escape(m: re.Match[str]) -> str:
    char = m.group()
    return _ESCAPES.get(char) or "\\" + char


def _line_map(origins: list[int]) -> tuple[int, ...]:
    """Markdown line -> original line, paragraph k being on Markdown line 2k + 1."""
    mapping = [origins[0] if origins else 1]
    for origin in origins:
        mapping += [origin, origin]
    return tuple(mapping)


# -- HTML -------------------------------------------------------------------------------------

_BLOCK_TAGS = frozenset(
    "address article aside blockquote br caption dd details div dl dt figcaption figure footer "
    "form h1 h2 h3 h4 h5 h6 header hr li main ol p pre section summary table tbody tfoot "
    "thead tr ul".split()
)
_CELL_TAGS = frozenset({"td", "th"})  # a table row is one paragraph, its cells joined by "; "
_SKIP_TAGS = frozenset(
    "script style noscript template svg iframe object head button select nav".split()
)
_META_KEYS = {
    "og:title": "title",
    "twitter:title": "title",
    "citation_title": "title",
    "dc.title": "title",
    "og:url": "url",
    "og:site_name": "publisher",
    "publisher": "publisher",
    "citation_publisher": "publisher",
    "application-name": "publisher",
    "author": "author",
    "citation_author": "author",
    "article:author": "author",
    "article:published_time": "date",
    "citation_publication_date": "date",
    "citation_date": "date",
    "dc.date": "date",
    "date": "date",
    "pubdate": "date",
    "publish-date": "date",
    "description": "description",
}


class _HTMLText(HTMLParser):
    """Collects an HTML page's text as paragraphs, and its metadata."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self.starts: list[int] = []  # the line each paragraph starts on
        self.start_line = 1
        self.current: list[str] = []
        self.skip = 0
        self.in_title = False
        self.title: list[str] = []
        self.h1: list[str] | None = None
        self.meta: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k.lower(): (v or "") for k, v in attrs}
        if tag == "meta":
            key = (values.get("property") or values.get("name") or "").lower()
            if key in _META_KEYS and values.get("content") and _META_KEYS[key] not in self.meta:
                self.meta[_META_KEYS[key]] = values["content"].strip()
            return
        if tag == "link" and "canonical" in values.get("rel", "").lower().split():
            if values.get("href"):
                self.meta.setdefault("url", values["href"].strip())
            return
        if tag == "time" and values.get("datetime"):
            self.meta.setdefault("date", values["datetime"].strip())
        if tag == "title":
            self.in_title = True
            return
        if tag in _SKIP_TAGS:
            self.skip += 1
            return
        if tag in _BLOCK_TAGS:
            self._end_paragraph()
        if tag == "h1" and self.h1 is None:
            self.h1 = []

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag in _SKIP_TAGS:
            self.skip = max(0, self.skip - 1)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
            return
        if tag in _SKIP_TAGS:
            self.skip = max(0, self.skip - 1)
            return
        if tag in _BLOCK_TAGS:
            self._end_paragraph()
        elif tag in _CELL_TAGS and "".join(self.current).strip():
            self.current.append("; ")
        if tag == "h1" and self.h1 is not None and "title" not in self.meta:
            heading = " ".join("".join(self.h1).split())
            if heading:
                self.meta["h1"] = heading

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
        elif not self.skip:
            if not "".join(self.current).strip():
                self.start_line = self.getpos()[0] + data[: len(data) - len(data.lstrip())].count(
                    "\n"
                )
            self.current.append(data)
            if self.h1 is not None and "h1" not in self.meta:
                self.h1.append(data)

    def _end_paragraph(self) -> None:
        text = " ".join("".join(self.current).split())
        if text:
            self.paragraphs.append(text)
            self.starts.append(self.start_line)
        self.current = []

    def close(self) -> None:
        super().close()
        self._end_paragraph()


def html_to_markdown(html: str) -> tuple[str, dict[str, str], tuple[int, ...]]:
    """An HTML page's text as Markdown paragraphs, its metadata, and the line of the
    page each Markdown line comes from."""
    parser = _HTMLText()
    try:
        parser.feed(html)
        parser.close()
    except Exception:  # noqa: BLE001 - html.parser is lenient; keep whatever was read
        parser._end_paragraph()
    meta = dict(parser.meta)
    title = " ".join("".join(parser.title).split())
    if "title" not in meta and title:
        meta["title"] = title
    if "title" not in meta and meta.get("h1"):
        meta["title"] = meta["h1"]
    meta.pop("h1", None)
    return _paragraphs_markdown(parser.paragraphs), meta, _line_map(parser.starts)


# -- documents as sources (`--sources DIR`) ---------------------------------------------------


def document_source(doc: SourceDocument):
    """The Source a document stands for when drafts are checked against it.

    Its name is the title and the file (so messages identify the file), its URL
    is the path as given (a draft's relative link to the file resolves to it),
    and its aliases are the file name, the stem, the title and the publisher.
    """
    from .model import Location, Source

    path = Path(doc.path).as_posix()
    title = doc.title
    name = f"{title} ({path})" if title else path
    aliases = [doc.file_name, doc.stem, path]
    if title:
        aliases.append(title)
    for key in ("publisher", "outlet", "site_name", "author_org"):
        if doc.meta.get(key):
            aliases.append(doc.meta[key])
    aliases += [a for a in doc.meta.get("aliases", "").split("\n") if a.strip()]
    notes = f"source document {path}"
    if doc.url:
        notes += f"; published at {doc.url}"
    return Source(
        id=doc.id,
        name=name,
        publisher=doc.publisher,
        aliases=tuple(dict.fromkeys(a for a in aliases if a)),
        url=path,
        published=doc.published,
        notes=notes,
        origin=Location(doc.path, 1),
    )


def load(folders: Iterable[str]):
    """A FactTable of the documents under `folders`: one source per document, one fact
    per statistic it states (the sentence as metric and quote).

    Raises FactTableError when a document cannot be read or two documents share an id."""
    from .extract import candidates, fact_id
    from .model import Fact, FactTable, FactTableError, Location, Problem

    problems: list[Problem] = []
    try:
        paths = discover(folders)
    except InputError as err:
        raise FactTableError(
            [Problem(str(err).split(":", 1)[0], 0, "", _after_path(err))]
        ) from None
    sources = []
    facts = []
    first_path: dict[str, str] = {}
    for path in paths:
        try:
            doc = read(path)
        except InputError as err:
            problems.append(Problem(path, 0, "", _after_path(err)))
            continue
        if doc.id in first_path:
            problems.append(
                Problem(path, 0, "", f"source id {doc.id!r} is also the id of {first_path[doc.id]}")
            )
            continue
        first_path[doc.id] = path
        sources.append(document_source(doc))
        ids: set[str] = set()
        seen: set[tuple[float, str, str]] = set()
        for candidate in candidates(doc):
            key = (candidate.value, candidate.unit, candidate.sentence)
            if key in seen:
                continue
            seen.add(key)
            fid = fact_id(doc.id, candidate, ids)
            facts.append(
                Fact(
                    id=fid,
                    source=doc.id,
                    value=candidate.value,
                    unit=candidate.unit,
                    metric=f"“{candidate.sentence}”",
                    qualifier=candidate.qualifier,
                    keywords=candidate.keywords,
                    quote=candidate.sentence,
                    quoted_from=candidate.quoted_from,
                    status=STATUS,
                    notes=f"{doc.path}, line {candidate.line}",
                    origin=Location(doc.path, candidate.line),
                )
            )
    if problems:
        raise FactTableError(problems)
    return FactTable(sources=tuple(sources), facts=tuple(facts), paths=tuple(paths))


STATUS = "source-document"


def explain(diagnostics, evidence, table):
    """CL103 findings about source documents, with the credited document's own
    sentence for the metric added: the message then quotes both documents."""
    from dataclasses import replace

    if not any(f.status == STATUS for f in table.facts):
        return tuple(diagnostics)
    by_span = {(ev.claim.span.start, ev.claim.span.end): ev for ev in evidence}
    out = []
    for d in diagnostics:
        ev = by_span.get((d.start, d.end))
        if d.code == "CL103" and ev is not None:
            own = [s.fact for s in ev.credited(ev.related) if s.fact.status == STATUS]
            if own and own[0].quote and own[0].quote not in d.message:
                where = (own[0].notes or own[0].source).split(",")[0]
                d = replace(d, message=f"{d.message}; {where} says: “{own[0].quote}”")
        out.append(d)
    return tuple(out)


def _after_path(err: Exception) -> str:
    message = str(err)
    return message.split(": ", 1)[1] if ": " in message else message


def split_specs(specs: Iterable[str]) -> tuple[list[str], list[str]]:
    """Fact-table specs and source-document folders (given as `sources:DIR`)."""
    tables: list[str] = []
    folders: list[str] = []
    for spec in specs:
        if spec.startswith(PREFIX):
            folders.append(spec[len(PREFIX) :])
        else:
            tables.append(spec)
    return tables, folders


def combine(table, documents):
    """A curated table and document sources as one table; a document whose id is
    also a source id of the table is an error (rename the file)."""
    from .model import FactTableError, Problem

    clashes = [s for s in documents.sources if table.source(s.id) is not None]
    if clashes:
        raise FactTableError(
            [
                Problem(
                    s.origin.path if s.origin else s.id,
                    0,
                    "",
                    f"source id {s.id!r} (the file stem) is also a source in the fact table; "
                    "a table extracted from these documents already holds their figures: "
                    "use --facts or --sources, or rename the file",
                )
                for s in clashes
            ]
        )
    fact_ids = {f.id for f in table.facts}
    if any(f.id in fact_ids for f in documents.facts):
        from dataclasses import replace

        documents = type(documents)(
            sources=documents.sources,
            facts=tuple(
                replace(f, id=f"doc:{f.id}") if f.id in fact_ids else f for f in documents.facts
            ),
            paths=documents.paths,
        )
    return table.merged(documents)
