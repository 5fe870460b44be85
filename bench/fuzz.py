"""Coverage-guided fuzzing of the whole citelint pipeline.

    python bench/fuzz.py --seconds 600             # atheris (libFuzzer) when installed
    python bench/fuzz.py --seconds 60 --engine hypothesis
    python bench/fuzz.py --replay CRASH_FILE       # run one saved input again

Every input is raw bytes. The first byte picks what they are fed to:

* a Markdown file: `files.decode` (UTF-8, UTF-8/16/32 with BOM, binary, bad bytes),
  then `engine.analyse` with the bundled fact table, then the fixes (`--fix`,
  `--unsafe-fixes`, `--diff`) applied in memory;
* a fact table: the bytes are written to a `.yaml`, `.json`, `.toml` or `.csv`
  file and loaded with `facttable.load_facts`; a table that loads is then used
  to lint a short draft.

A crash is any exception other than the two that mean "bad input, reported"
(`InputError` from decoding, `FactTableError` from loading), and any broken
invariant: every reported span lies inside the text, its text is the source
slice, its line and column agree with its offsets, fixes change nothing outside
their edits, and decoding then encoding gives back the same bytes.

With atheris (libFuzzer) the run is coverage-guided over citelint and mistune,
seeded with the labelled drafts, the CommonMark spec examples, the bundled
sources and the fact tables in the repository, and a dictionary of Markdown
and statistic tokens. Without atheris, or with `--engine hypothesis`, a
Hypothesis-driven random loop (structured Markdown plus raw bytes) runs for the
same time. Both exit 0 when nothing crashed and 1 otherwise; libFuzzer saves
a crashing input as `crash-*` in `--artifacts` (default: the current folder).
A run leaves no temporary folder behind, except the libFuzzer corpus when
`--corpus` is not given: its path is printed, to pass as `--corpus` next time.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path("/work/shared")
FORMATS = (".yaml", ".json", ".toml", ".csv")

# Tokens libFuzzer splices into inputs: Markdown syntax, every SPEC §1 number form,
# qualifiers, attribution cues and source names from the bundled pack.
DICTIONARY = [
    "41%", "17.1%", "41 percent", "41 per cent", "forty-one percent", "6,200", "6,200+",
    "10 billion", "10bn", "10B", "1.2 trillion yuan", "¥1.2 trillion", "RMB 1.2tn",
    "$165 billion", "US$619m", "$558M", "USD 619 million", "619 million dollars",
    "0.7 billion", "four in ten", "nearly nine in ten", "one in six", "two-fifths",
    "one-seventh", "15.8 percentage points", "15.8pp", "10 billion+", "more than ",
    "at least ", "less than ", "up to ", "about ", "~", "nearly ", "almost ", "topped ",
    "according to ", "per ", " found ", " said ", "'s report", "(MIT, 2026)", "— MIT",
    "MIT", "Hugging Face", "Hugging Face's", "HuggingFace", "MIT Technology Review",
    "[^mit]", "[^mit]: ", "[@hfmit2026]", "[MIT](https://huggingface.co/blog/x)",
    "<https://huggingface.co/>", "https://huggingface.co/blog/", "[a]: http://x\n",
    "```\n", "~~~\n", "`", "``", "    ", "\t", "> ", "- ", "* ", "+ ", "1. ", "1) ",
    "# ", "## ", "===\n", "---\n", "+++\n", "| a | b |\n", "|---|---|\n", "| Source |",
    "<!-- citelint-disable CL101 -->", "<!-- citelint-enable -->",
    "<!-- citelint-disable-next-line -->", "<!-- citelint-disable-line CL201 -->",
    "<!-- citelint-disable-file -->", "<!--", "-->", "<div>\n", "</div>", "<b>", "&amp;",
    "&#36;", "\\$", "\\*", "$$", "$x$", "*", "**", "_", "~~", "[", "](", ")", "![", "\\",
    "\r\n", "\r", "\n\n", "\ufeff", "\u00a0", "\ufffc", "\u2028", "Chinese models",
    "global downloads", "share", "V4", "R1", "Qwen3.5", "#41", "2026", "13:02",
    "version: 1\n", "sources:\n", "facts:\n", "  - id: a\n", "    value: ", "unit: percent",
    "superseded_by: ", "&anchor", "*anchor", "<<: ", "!!python/object", "{", "}", "[]",
    '"value": ', "[[facts]]", "id,source,value,unit,metric\n",
]  # fmt: skip


# --------------------------------------------------------------------------- the target


class Checker:
    """Runs one input through the pipeline and checks the invariants."""

    def __init__(self, workdir: Path) -> None:
        from citelint import engine, files, fixes
        from citelint.facttable import load_facts
        from citelint.model import FactTableError
        from citelint.packs import bundled_facts

        self.engine, self.files, self.fixes = engine, files, fixes
        self.load_facts, self.FactTableError = load_facts, FactTableError
        self.table = bundled_facts()
        self.workdir = workdir
        self.runs = 0

    def __call__(self, data: bytes) -> None:
        self.runs += 1
        if not data:
            self.markdown(b"")
            return
        selector, body = data[0], data[1:]
        if selector < 0xE0:
            self.markdown(body)
        else:
            self.fact_table(body, FORMATS[selector % len(FORMATS)])

    def markdown(self, raw: bytes) -> None:
        try:
            source = self.files.decode(raw, "fuzz.md")
        except self.files.InputError as err:
            assert str(err).startswith("fuzz.md: "), err
            return
        assert self.files.encode(source, source.text) == raw, "decode/encode round trip"
        self.text(source.text)

    def text(self, text: str, table=None) -> None:
        analysis = self.engine.analyse(text, table or self.table, path="fuzz.md")
        doc = analysis.document
        for claim in analysis.claims:
            span = claim.span
            assert 0 <= span.start <= span.end <= len(text), ("span outside", span)
            assert text[span.start : span.end] == claim.text, ("claim text", claim, span)
            assert doc.position(span.start) == (span.line, span.column), ("position", span)
            if span.end > span.start:
                end = doc.position(span.end - 1)
                assert end == (span.end_line, span.end_column), ("end position", span)
        for diagnostic in analysis.diagnostics:
            assert 0 <= diagnostic.start <= diagnostic.end <= len(text), diagnostic
            assert diagnostic.line >= 1 and diagnostic.column >= 1, diagnostic
        for unsafe in (False, True):
            edits = self.fixes.applicable(list(analysis.diagnostics), unsafe)
            fixed = self.fixes.apply(text, edits)
            last = 0
            for edit in edits:  # everything between the edits is unchanged
                assert 0 <= edit.start <= edit.end <= len(text), edit
                assert edit.start >= last, ("overlapping edits", edits)
                last = edit.end
            if not edits:
                assert fixed == text
            self.fixes.unified_diff("fuzz.md", text, fixed)

    def fact_table(self, raw: bytes, suffix: str) -> None:
        path = self.workdir / f"table{suffix}"
        path.write_bytes(raw)
        try:
            table = self.load_facts([path])
        except self.FactTableError as err:
            for problem in err.problems:
                assert problem.path == str(path), problem
                assert problem.line >= 0, problem
                assert isinstance(problem.field, str) and problem.message, problem
            return
        self.text("MIT found that 41% of downloads, about $1.2 billion, per the report.\n", table)


# --------------------------------------------------------------------------- seeds


def seed_inputs() -> list[bytes]:
    """Real inputs to start from: drafts, sources, spec examples and fact tables."""
    seeds: list[bytes] = []
    markdown = [
        *sorted((SHARED / "eval" / "dev").glob("*.md")),
        *sorted((SHARED / "sources").glob("*.md")),
        *sorted((ROOT / "tests" / "fixtures").rglob("*.md")),
    ]
    for path in markdown:
        data = path.read_bytes()
        for start in range(0, len(data), 4096):  # libFuzzer likes small inputs
            seeds.append(b"\x00" + data[start : start + 4096])
    spec = SHARED / "corpus" / "commonmark" / "spec.json"
    if spec.exists():
        for example in json.loads(spec.read_text(encoding="utf-8")):
            seeds.append(b"\x01" + example["markdown"].encode("utf-8"))
    tables = [
        *sorted((SHARED / "eval").glob("*.yaml")),
        *sorted((SHARED / "eval" / "dev").glob("*.*")),
        *sorted((ROOT / "tests" / "fixtures" / "facts").rglob("*.*")),
    ]
    for path in tables:
        if path.suffix in FORMATS:
            selector = 0xE0 + FORMATS.index(path.suffix)  # 0xE0 % 4 == 0
            seeds.append(bytes([selector]) + path.read_bytes()[:16384])
    seeds.append(b"\x00\xff\xfeM\x00I\x00T\x00 \x004\x001\x00%\x00")  # UTF-16 with BOM
    seeds.append(b"\x00\xef\xbb\xbfMIT found 41%\r\n")  # UTF-8 BOM, CRLF
    return seeds


# --------------------------------------------------------------------------- engines


def run_atheris(args: argparse.Namespace) -> int:
    import atheris

    with atheris.instrument_imports(include=["citelint", "mistune"]):
        import citelint.engine  # noqa: F401
        import citelint.facttable  # noqa: F401
        import citelint.facttable.csv_format  # noqa: F401  (loaded lazily otherwise)
        import citelint.facttable.json_format  # noqa: F401
        import citelint.facttable.toml_format  # noqa: F401
        import citelint.facttable.yaml_format  # noqa: F401
        import citelint.fixes  # noqa: F401

    workdir = Path(tempfile.mkdtemp(prefix="citelint-fuzz-"))
    checker = Checker(workdir)
    corpus = Path(args.corpus) if args.corpus else workdir / "corpus"
    corpus.mkdir(parents=True, exist_ok=True)
    if not any(corpus.iterdir()):
        for number, seed in enumerate(seed_inputs()):
            (corpus / f"seed-{number:05d}").write_bytes(seed)
    dictionary = workdir / "tokens.dict"
    dictionary.write_text("".join(f'"{_dict_escape(token)}"\n' for token in DICTIONARY))
    artifacts = Path(args.artifacts).resolve()
    artifacts.mkdir(parents=True, exist_ok=True)
    argv = [
        sys.argv[0],
        str(corpus),
        f"-max_total_time={args.seconds}",
        f"-timeout={args.timeout}",
        f"-max_len={args.max_len}",
        f"-rss_limit_mb={args.rss_limit_mb}",
        f"-dict={dictionary}",
        f"-artifact_prefix={artifacts}/",
        "-print_final_stats=1",
    ]
    if args.seed is not None:
        argv.append(f"-seed={args.seed}")
    print(f"fuzz: atheris for {args.seconds}s, corpus {corpus}", file=sys.stderr, flush=True)
    atheris.Setup(argv, checker)
    atheris.Fuzz()  # exits the process: 0 when the time ran out without a crash
    return 0


def _dict_escape(token: str) -> str:
    """A libFuzzer dictionary entry: printable ASCII as is, other bytes as \\xNN."""
    out = []
    for byte in token.encode("utf-8"):
        char = chr(byte)
        if char in '\\"' or not 0x20 <= byte < 0x7F:
            out.append(f"\\x{byte:02x}")
        else:
            out.append(char)
    return "".join(out)


def run_hypothesis(args: argparse.Namespace) -> int:
    with tempfile.TemporaryDirectory(prefix="citelint-fuzz-") as workdir:
        return _hypothesis_loop(args, Checker(Path(workdir)))


def _hypothesis_loop(args: argparse.Namespace, checker: Checker) -> int:
    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis import strategies as st

    seeds = seed_inputs()
    token = st.sampled_from([t.encode("utf-8") for t in DICTIONARY])
    text_piece = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40).map(
        lambda s: s.encode("utf-8")
    )
    spliced = st.lists(st.one_of(token, token, text_piece), max_size=60).map(b"".join)
    mutated = st.tuples(
        st.sampled_from(seeds), st.integers(0, 4096), st.integers(0, 64), spliced
    ).map(lambda t: t[0][: t[1]] + t[3] + t[0][t[1] + t[2] :])
    inputs = st.one_of(
        st.tuples(st.integers(0, 255), spliced).map(lambda t: bytes([t[0]]) + t[1]),
        mutated,
        st.binary(max_size=2048),
    )
    stop = time.monotonic() + args.seconds

    class Stop(Exception):
        pass

    @settings(
        max_examples=10**9,
        deadline=None,
        database=None,
        phases=[Phase.generate],
        derandomize=args.seed is not None,
        suppress_health_check=list(HealthCheck),
    )
    @given(inputs)
    def loop(data: bytes) -> None:
        if time.monotonic() > stop:
            raise Stop
        try:
            checker(data)
        except Exception:
            crash = Path(args.artifacts) / f"crash-hypothesis-{int(time.time())}"
            crash.parent.mkdir(parents=True, exist_ok=True)
            crash.write_bytes(data)
            print(f"fuzz: crashing input saved to {crash}", file=sys.stderr)
            raise

    print(f"fuzz: hypothesis loop for {args.seconds}s", file=sys.stderr, flush=True)
    started = time.monotonic()
    try:
        loop()
    except Stop:
        pass
    except Exception as err:  # a crash: report and fail
        print(f"fuzz: CRASH after {checker.runs} runs: {err!r}", file=sys.stderr)
        return 1
    elapsed = time.monotonic() - started
    print(
        f"fuzz: done {checker.runs} runs in {elapsed:.0f} s, no crash", file=sys.stderr, flush=True
    )
    return 0


def replay(path: str) -> int:
    with tempfile.TemporaryDirectory(prefix="citelint-fuzz-") as workdir:
        Checker(Path(workdir))(Path(path).read_bytes())
    print(f"fuzz: {path} ran without a crash", file=sys.stderr)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=60, help="how long to fuzz")
    parser.add_argument("--engine", choices=("auto", "atheris", "hypothesis"), default="auto")
    parser.add_argument("--corpus", help="libFuzzer corpus folder (kept between runs)")
    parser.add_argument("--artifacts", default=".", help="where crashing inputs are saved")
    parser.add_argument("--seed", type=int, help="random seed, for a reproducible run")
    parser.add_argument("--timeout", type=int, default=30, help="seconds one input may take")
    parser.add_argument("--max-len", type=int, default=16384, help="largest input, in bytes")
    parser.add_argument("--rss-limit-mb", type=int, default=3072)
    parser.add_argument("--replay", help="run one saved input and exit")
    args = parser.parse_args(argv)
    if args.replay:
        return replay(args.replay)
    engine = args.engine
    if engine == "auto":
        try:
            import atheris  # noqa: F401
        except ImportError:
            print("fuzz: atheris is not installed; using the Hypothesis loop", file=sys.stderr)
            engine = "hypothesis"
        else:
            engine = "atheris"
    if engine == "atheris":
        return run_atheris(args)
    return run_hypothesis(args)


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    sys.exit(main())
