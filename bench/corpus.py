"""Generated benchmark inputs: a statistics-dense corpus and synthetic fact tables.

Everything is deterministic (fixed seeds) and written under ``bench/out/``.

* ``stats_corpus(out, drafts)`` assembles drafts from the sentences of
  ``shared/sources/*.txt``, the labelled drafts in ``shared/eval/dev/`` and
  ``examples/``: headings, paragraphs of two to five sentences (most with a
  figure), lists, tables with a Source column, footnotes, inline code and code
  blocks, so that every part of the engine is exercised.
* ``fact_table(out, size)`` writes a table of ``size`` facts: the bundled
  AI-industry pack (79 facts) padded with synthetic facts whose units, values,
  metrics, subjects, keywords, sources and aliases follow the bundled pack's
  proportions. See ``bench/README.md`` for the distribution.
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
PACK = ROOT / "rules" / "ai-industry.yaml"

_EXPECT = re.compile(r"\s*<!--\s*expect:[^>]*-->")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"“])")
_DIGIT = re.compile(r"\d")


# --------------------------------------------------------------------------- sentences


def _prose_lines(text: str) -> list[str]:
    """Lines of a Markdown file that are plain prose (no headings, code, tables, front matter)."""
    out: list[str] = []
    fenced = front = False
    for number, line in enumerate(text.splitlines()):
        stripped = line.strip()
        if number == 0 and stripped == "---":
            front = True
            continue
        if front:
            front = stripped != "---"
            continue
        if stripped.startswith("```"):
            fenced = not fenced
            continue
        if fenced or not stripped or stripped[0] in "#|[<>-*":
            continue
        out.append(_EXPECT.sub("", stripped))
    return out


def _table_rows(text: str) -> list[str]:
    rows = []
    for line in text.splitlines():
        if line.startswith("|") and "---" not in line and _DIGIT.search(line):
            rows.append(_EXPECT.sub("", line.rstrip()))
    return rows


def sentence_pool() -> tuple[list[str], list[str], list[str]]:
    """(sentences with a figure, sentences without one, table rows with a Source column)."""
    sentences: list[str] = []
    rows: list[str] = []
    for path in sorted((SHARED / "sources").glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            sentences += _SENTENCE_END.split(line.strip())
    markdown = sorted((SHARED / "eval" / "dev").glob("*.md"))
    markdown += sorted((ROOT / "examples").rglob("*.md"))
    for path in markdown:
        text = path.read_text(encoding="utf-8")
        for line in _prose_lines(text):
            sentences += _SENTENCE_END.split(line)
        rows += [r for r in _table_rows(text) if r.count("|") == 4]
    sentences = [s.strip() for s in dict.fromkeys(sentences) if len(s.strip()) > 20]
    numeric = [s for s in sentences if _DIGIT.search(s) or " in ten" in s]
    plain = [s for s in sentences if s not in set(numeric)]
    return numeric, plain, list(dict.fromkeys(rows))


# --------------------------------------------------------------------------- drafts


_NUMBER = re.compile(
    r"(?<![\w.])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\w,])|(?<![\w.])\d+(?:\.\d+)?(?![\w.])"
)
_YEARLIKE = re.compile(r"(?:19|20)\d\d")
_TAILS = (
    "up from a year earlier",
    "analysts said",
    "in the latest quarter",
    "by one count",
    "a figure widely repeated since",
    "the highest on record",
    "down slightly from 2024",
    "according to people familiar with the data",
    "though estimates vary",
    "per the filing",
)


def _renumber(rng: random.Random, match: re.Match[str]) -> str:
    written = match.group()
    if _YEARLIKE.fullmatch(written) or rng.random() < 0.4:
        return written
    digits = written.replace(",", "")
    decimals = len(digits.split(".")[1]) if "." in digits else 0
    value = float(digits) * rng.uniform(0.6, 1.4)
    if decimals:
        return f"{value:.{decimals}f}"
    return f"{round(value):,}" if "," in written else str(max(1, round(value)))


def _vary(rng: random.Random, sentence: str) -> str:
    """The sentence with some figures changed and sometimes a clause added, so that drafts
    do not repeat each other word for word (caches keyed on text would flatter us)."""
    sentence = _NUMBER.sub(lambda m: _renumber(rng, m), sentence)
    if sentence.endswith(".") and rng.random() < 0.5:
        sentence = f"{sentence[:-1]}, {rng.choice(_TAILS)}."
    return sentence


def _draft(rng: random.Random, numeric: list[str], plain: list[str], rows: list[str]) -> str:
    parts = [f"# {rng.choice(plain)[:60].rstrip(' ,.')}\n"]
    footnotes: list[str] = []
    for section in range(rng.randint(2, 4)):
        parts.append(f"## Section {section + 1}\n")
        for _ in range(rng.randint(2, 4)):
            kind = rng.random()
            if kind < 0.70:
                size = rng.randint(2, 5)
                sentences = [
                    _vary(rng, rng.choice(numeric)) if rng.random() < 0.75 else rng.choice(plain)
                    for _ in range(size)
                ]
                if rng.random() < 0.2:
                    key = f"n{len(footnotes) + 1}"
                    sentences[-1] = sentences[-1] + f"[^{key}]"
                    footnotes.append(f"[^{key}]: {_vary(rng, rng.choice(numeric))}")
                if rng.random() < 0.15:
                    sentences.insert(1, "Run `pip install citelint==0.1.0` to check 41% of it.")
                parts.append(" ".join(sentences) + "\n")
            elif kind < 0.82:
                items = [f"- {_vary(rng, rng.choice(numeric))}" for _ in range(rng.randint(2, 5))]
                parts.append("\n".join(items) + "\n")
            elif kind < 0.92 and rows:
                body = [_vary(rng, rng.choice(rows)) for _ in range(rng.randint(2, 5))]
                parts.append(
                    "| Metric | Value | Source |\n| --- | --- | --- |\n" + "\n".join(body) + "\n"
                )
            else:
                parts.append("```text\nexample 17.1% and $619 million inside code\n```\n")
    if footnotes:
        parts.append("\n".join(footnotes) + "\n")
    return "\n".join(parts)


def stats_corpus(out: Path, drafts: int, seed: int = 2026) -> Path:
    """Write `drafts` statistics-dense Markdown files to `out` (reused when already there)."""
    marker = out / f".complete-{drafts}-{seed}-v2"
    if marker.exists():
        return out
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.md"):
        old.unlink()
    rng = random.Random(seed)
    numeric, plain, rows = sentence_pool()
    for number in range(drafts):
        (out / f"draft-{number:05d}.md").write_text(
            _draft(rng, numeric, plain, rows), encoding="utf-8"
        )
    for old in out.glob(".complete-*"):
        old.unlink()
    marker.touch()
    return out


# --------------------------------------------------------------------------- fact tables

# Word stock for synthetic metrics, subjects and sources. Subjects and source
# names are made of syllables so that they are distinct words, like real names.
_DOMAINS = (
    "open-model downloads",
    "chatbot market",
    "cloud revenue",
    "AI patent applications",
    "GPU shipments",
    "inference spending",
    "enterprise adoption",
    "model releases",
    "developer signups",
    "venture funding",
    "data-centre capacity",
    "token volume",
    "API calls",
    "smartphone assistants",
    "search queries",
    "paid subscribers",
    "training compute",
    "dataset uploads",
    "research papers",
    "benchmark submissions",
    "robotics deployments",
    "chip exports",
    "AI startups",
    "hiring of AI engineers",
    "energy use of data centres",
    "coding-assistant users",
    "government AI budgets",
    "academic citations",
    "hackathon entries",
    "app downloads",
)
_SHAPES = (
    ("share of global {d} held by {s}", "percent", ("share", "global")),
    ("{s}'s share of {d} in {y}", "percent", ("share",)),
    ("growth in {d} for {s}, {y} to {z}", "percent", ("growth", "year on year")),
    ("change in {s}'s share of {d}", "pp", ("percentage points", "change")),
    ("{d} attributed to {s} in {y}", "count", ("total",)),
    ("number of {d} reported by {s}", "count", ("number",)),
    ("revenue of {s} from {d} in {y}", "USD", ("revenue", "sales")),
    ("funding raised by {s} for {d}", "USD", ("funding", "raised", "round")),
    ("spending by {s} on {d} in {y}", "CNY", ("spending", "invested")),
    ("multiple of {s}'s {d} over {y}", "times", ("times", "fold")),
)
_TITLES = ("Annual Report", "Market Tracker", "Survey")
_UNIT_WEIGHTS = {"percent": 39, "count": 24, "times": 8, "USD": 6, "CNY": 2, "pp": 1}
_SYLLABLES = (
    "ka",
    "zen",
    "lo",
    "mir",
    "ta",
    "vex",
    "ri",
    "sol",
    "qu",
    "an",
    "tor",
    "bel",
    "nu",
    "xi",
    "dra",
    "po",
    "lem",
    "cy",
    "or",
    "fa",
    "gri",
    "hal",
    "ju",
    "mon",
    "pe",
    "sat",
    "ul",
    "wen",
    "bo",
    "cor",
    "di",
    "el",
    "fin",
    "ga",
    "hex",
    "im",
    "jo",
    "ku",
)


def _name(rng: random.Random, seen: set[str], parts: int = 2) -> str:
    while True:
        word = "".join(rng.choice(_SYLLABLES) for _ in range(parts + rng.randint(0, 2)))
        word = word.capitalize()
        if word.lower() not in seen:
            seen.add(word.lower())
            return word


def _value(rng: random.Random, unit: str) -> float | int:
    if unit == "percent":
        return round(rng.uniform(0.1, 99.9), rng.choice((0, 1, 1)))
    if unit == "pp":
        return round(rng.uniform(0.1, 30), 1)
    if unit == "times":
        return round(rng.uniform(1.1, 20), 1)
    if unit == "count":
        return int(rng.choice((1e3, 1e4, 1e6, 1e8, 1e9)) * rng.randint(1, 999) / 10)
    return int(rng.choice((1e6, 1e8, 1e9, 1e11)) * rng.randint(1, 999) / 10)  # money


def fact_table(out: Path, size: int, seed: int = 7) -> Path:
    """Write a fact table of `size` facts (the bundled pack padded with synthetic facts)."""
    path = out / f"facts-{size}.json"
    if path.exists():
        return path
    out.mkdir(parents=True, exist_ok=True)
    pack = yaml.safe_load(PACK.read_text(encoding="utf-8"))
    sources = [dict(s) for s in pack["sources"]]
    facts = [dict(f) for f in pack["facts"]][:size]
    real_subjects = sorted({f["subject"] for f in facts if f.get("subject")})
    rng = random.Random(seed)
    seen = {w.lower() for s in real_subjects for w in s.split()}
    extra = max(0, size - len(facts))
    # Depth like the bundled pack's: a new subject every ~4 facts and a new source every ~25,
    # and the real subjects get their share of the synthetic facts (China, Qwen, ...).
    subjects = real_subjects + [
        f"{_name(rng, seen)} {rng.choice(('AI', 'Labs', 'models', ''))}".strip()
        for _ in range(extra // 4)
    ]
    new_sources = []
    for number in range(max(1, extra // 25) if extra else 0):
        org = _name(rng, seen, 3)
        kind = rng.choice(("Research", "Analytics", "Insights", "Institute", "Data"))
        year = rng.choice((2024, 2025, 2026))
        new_sources.append(
            {
                "id": f"syn-{number}",
                "name": f"{org} {kind} {rng.choice(_TITLES)} {year}",
                "publisher": f"{org} {kind}",
                "aliases": [org, f"{org} report", f"{org} {kind} data"],
                "keys": [f"{org.lower()}{year}"],
                "url": f"https://{org.lower()}.example/{kind.lower()}/",
                "published": str(year),
            }
        )
    sources += new_sources
    source_ids = [s["id"] for s in sources]
    units = list(_UNIT_WEIGHTS)
    weights = list(_UNIT_WEIGHTS.values())
    for number in range(extra):
        unit = rng.choices(units, weights)[0]
        template, _, extra_keywords = rng.choice([s for s in _SHAPES if s[1] == unit])
        subject = rng.choice(subjects) if rng.random() > 0.025 else None
        domain = rng.choice(_DOMAINS)
        year = rng.choice((2023, 2024, 2025))
        metric = template.format(d=domain, s=subject or "the industry", y=year, z=year + 1)
        fact = {
            "id": f"syn-fact-{number}",
            "source": rng.choice(source_ids),
            "value": _value(rng, unit),
            "unit": unit,
            "metric": metric,
            "keywords": [domain, *rng.sample(extra_keywords, k=min(2, len(extra_keywords)))],
            "as_of": str(year),
        }
        if subject:
            fact["subject"] = subject
        facts.append(fact)
    table = {"version": 1, "name": f"bench-{size}", "sources": sources, "facts": facts}
    path.write_text(json.dumps(table, ensure_ascii=False, indent=1, default=str), encoding="utf-8")
    return path
