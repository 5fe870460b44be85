"""citelint's benchmark: one command, every number in bench/results.md.

    python bench/run.py            # the full run (about 15 minutes on 2 busy cores)
    python bench/run.py --quick    # a smoke run of every section on tiny inputs

Sections (see bench/README.md for what each measures and why):

1. floor      reading the files and parsing them with mistune 3, one Python process
2. check      `citelint check` with the bundled pack, one process and --jobs 2
3. peers      pymarkdownlnt, proselint, markdownlint-cli2 (and Vale, when it can run offline)
4. startup    one small file vs `python -c "import mistune"` and `python -c pass`
5. scale      fact tables of 100, 10,000 and 100,000 facts: load, index, per-claim cost, memory
6. lsp        didChange -> publishDiagnostics on a 2,000-line draft, median of 50 edits

Every external command is timed as a child process: wall time (perf_counter) and
CPU time and peak memory (wait4's rusage, children included). The machine is
shared, so wall times are noisy; medians, minima and CPU times are all reported.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import queue
import re
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
OUT = BENCH / "out"
# citelint's cache folder during the bench (XDG_CACHE_HOME), and its results cache
CACHE = OUT / "cache"
RESULTS = CACHE / "citelint" / "results"
RERUN = "citelint check, files unchanged (results cache)"
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"
PY = sys.executable
PLUGINS = ("table", "footnotes", "strikethrough", "url")  # what citelint's parser enables

sys.path.insert(0, str(BENCH))
import corpus as generate  # noqa: E402

# --------------------------------------------------------------------------- timing


@dataclass
class Timing:
    """Several runs of one command."""

    walls: list[float] = field(default_factory=list)
    cpus: list[float] = field(default_factory=list)
    rss_mb: list[float] = field(default_factory=list)
    note: str = ""  # "> cap", "failed: ...", "skipped: ..."

    @property
    def ok(self) -> bool:
        return bool(self.walls) and not self.note

    def median(self) -> float:
        return statistics.median(self.walls)

    def best(self) -> float:
        return min(self.walls)

    def cpu(self) -> float:
        return statistics.median(self.cpus)

    def to_json(self) -> dict:
        return {"walls": self.walls, "cpus": self.cpus, "rss_mb": self.rss_mb, "note": self.note}


def run_once(
    cmd: list[str], cap: float, cwd: Path | None = None, ok_codes: tuple[int, ...] = (0, 1)
) -> tuple[float, float, float, str]:
    """(wall, cpu, peak RSS in MB, note) of one run; the note says why it failed."""
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(
            cmd,
            cwd=cwd,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=err,
            start_new_session=True,
        )
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() - start > cap:
                os.killpg(proc.pid, signal.SIGKILL)
                os.wait4(proc.pid, 0)
                return cap, 0.0, 0.0, f"> {cap:.0f} s"
            time.sleep(0.005)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        cpu = usage.ru_utime + usage.ru_stime
        rss = usage.ru_maxrss / 1024
        if proc.returncode not in ok_codes:
            err.seek(0)
            tail = err.read().decode("utf-8", "replace").strip().splitlines()[-1:]
            return wall, cpu, rss, f"failed (exit {proc.returncode}): {' '.join(tail)[:120]}"
        return wall, cpu, rss, ""


def measure(
    cmd: list[str],
    runs: int,
    cap: float,
    cwd: Path | None = None,
    ok_codes: tuple[int, ...] = (0, 1),
    warmup: int = 0,
    before=None,
) -> Timing:
    """Runs of `cmd`; `before`, when given, is called (untimed) before each."""
    timing = Timing()
    for number in range(warmup + runs):
        if before is not None:
            before()
        wall, cpu, rss, note = run_once(cmd, cap, cwd, ok_codes)
        if note:
            timing.note = note
            timing.walls.append(wall)
            timing.cpus.append(cpu)
            return timing
        if number >= warmup:
            timing.walls.append(wall)
            timing.cpus.append(cpu)
            timing.rss_mb.append(rss)
        if wall > cap / 2:  # a slow command gets one run
            break
    return timing


# --------------------------------------------------------------------------- workers


def _markdown_files(paths: list[str]) -> list[Path]:
    """The files `citelint check` would read: *.md / *.markdown under each path, sorted."""
    found: list[Path] = []
    for given in paths:
        path = Path(given)
        if path.is_file():
            found.append(path)
            continue
        for folder, dirs, files in os.walk(path):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            found += [
                Path(folder, name)
                for name in sorted(files)
                if name.lower().endswith((".md", ".markdown"))
            ]
    return found


def worker_floor(paths: list[str]) -> None:
    """The floor: read every file and parse it with mistune 3 (citelint's plugins), nothing else."""
    import mistune

    markdown = mistune.create_markdown(renderer=None, plugins=list(PLUGINS))
    for path in _markdown_files(paths):
        markdown(path.read_bytes().decode("utf-8"))


def _peak_rss_mb() -> float:
    """This process's peak resident memory so far. On Linux the high-water mark of its own
    memory (VmHWM): `ru_maxrss` keeps the parent's peak across fork and exec, so a worker
    started by a bench process that had grown to 340 MB reported 340 MB from its start."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def worker_scale(table_path: str, drafts_dir: str, limit: int) -> None:
    """Load a fact table, build its indexes, then check drafts; print JSON timings."""
    import gc

    base_rss = _peak_rss_mb()
    from citelint import document, engine
    from citelint.facttable import load_facts

    texts = [p.read_text(encoding="utf-8") for p in _markdown_files([drafts_dir])[:limit]]
    import_rss = _peak_rss_mb()
    clock = time.process_time
    start = clock()
    table = load_facts([table_path])
    load = clock() - start
    start = clock()
    engine.indexes(table)
    index = clock() - start
    gc.collect()
    gc.freeze()  # as `citelint check` does once its tables are loaded and indexed
    table_rss = _peak_rss_mb()

    start = clock()
    for text in texts:
        document.parse(text)
    parse = clock() - start

    spent = [0.0]
    gather = engine.gather

    def timed_gather(*args, **kwargs):
        begin = clock()
        try:
            return gather(*args, **kwargs)
        finally:
            spent[0] += clock() - begin

    engine.gather = timed_gather
    claims = 0
    start = clock()
    for text in texts:
        claims += len(engine.analyse(text, table).evidence)
    analyse = clock() - start
    engine.gather = gather
    result = {
        "facts": len(table.facts),
        "sources": len(table.sources),
        "drafts": len(texts),
        "claims": claims,
        "load_s": load,
        "index_s": index,
        "parse_s": parse,
        "analyse_s": analyse,
        "gather_s": spent[0],
        "rss_base_mb": base_rss,
        "rss_import_mb": import_rss,
        "rss_table_mb": table_rss,
        "rss_peak_mb": _peak_rss_mb(),
    }
    print(json.dumps(result))


def worker_gather(table_path: str, drafts_dir: str, limit: int) -> None:
    """Check drafts with `engine.gather` called through `itertools.starmap`, so that
    callgrind's `--toggle-collect=starmap_next` counts gather's instructions alone (no
    code of citelint or mistune calls starmap); print the number of claims."""
    import gc
    import itertools

    from citelint import engine
    from citelint.facttable import load_facts

    texts = [p.read_text(encoding="utf-8") for p in _markdown_files([drafts_dir])[:limit]]
    table = load_facts([table_path])
    engine.indexes(table)
    gc.collect()
    gc.freeze()
    for text in texts[:5]:  # modules imported on first use are not gather's cost
        engine.analyse(text, table)
    gather = engine.gather

    def call(args: tuple, kwargs: dict):
        return gather(*args, **kwargs)

    engine.gather = lambda *a, **k: next(itertools.starmap(call, ((a, k),)))
    print(sum(len(engine.analyse(text, table).evidence) for text in texts))


# --------------------------------------------------------------------------- sections


@dataclass
class Corpus:
    name: str
    path: Path
    files: int
    bytes: int


def corpora(quick: bool, drafts: int) -> list[Corpus]:
    stats = generate.stats_corpus(OUT / ("stats-dense-quick" if quick else "stats-dense"), drafts)
    if quick:  # a slice of each real corpus, copied so that every tool sees the same files
        small = OUT / "quick" / "tldr-small"
        large = OUT / "quick" / "prose-large"
        if not small.exists():
            small.mkdir(parents=True)
            for path in sorted((CORPUS / "tldr-small").glob("*.md"))[:40]:
                shutil.copy(path, small / path.name)
        if not large.exists():
            large.mkdir(parents=True)
            text = (CORPUS / "prose-large" / "rust-book.md").read_text(encoding="utf-8")
            (large / "rust-book-part.md").write_text(text[:60_000], encoding="utf-8")
        paths = [("tldr-small", small), ("prose-large", large), ("stats-dense", stats)]
    else:
        paths = [
            ("tldr-small", CORPUS / "tldr-small"),
            ("prose-large", CORPUS / "prose-large"),
            ("stats-dense", stats),
        ]
    out = []
    for name, path in paths:
        files = _markdown_files([str(path)])
        out.append(Corpus(name, path, len(files), sum(f.stat().st_size for f in files)))
    return out


def forget_results() -> None:
    """Empty citelint's results cache: the next check is a first one (the bench's own
    cache folder, `main` sets XDG_CACHE_HOME; the pack's cache stays)."""
    shutil.rmtree(RESULTS, ignore_errors=True)


def citelint_cmd() -> list[str]:
    """The console script next to this interpreter (what users run), else `python -m citelint`."""
    script = Path(PY).parent / "citelint"
    return [str(script)] if script.exists() else [PY, "-m", "citelint"]


def section_throughput(cs: list[Corpus], runs: int, cap: float, log) -> dict:
    results: dict[str, dict[str, dict]] = {}
    for c in cs:
        log(f"  {c.name}: {c.files} files, {c.bytes / 1e6:.2f} MB")
        rows = {}
        rows["floor (mistune only)"] = measure(
            [PY, __file__, "--worker", "floor", str(c.path)], runs, cap
        )
        check = [*citelint_cmd(), "check", str(c.path)]
        # First runs (nothing kept from a previous check), as in CI or on new files.
        rows["citelint check"] = measure(check, runs, cap, before=forget_results)
        rows["citelint check --jobs 2"] = measure(
            [*citelint_cmd(), "check", "--jobs", "2", str(c.path)], runs, cap,
            before=forget_results,
        )  # fmt: skip
        # Again over unchanged files: the findings kept by the run before (results cache).
        run_once(check, cap)
        rows[RERUN] = measure(check, runs, cap)
        for name, timing in rows.items():
            log(f"    {name:<28} {_fmt_timing(timing)}")
        results[c.name] = {k: v.to_json() for k, v in rows.items()}
    return results


def install_peers(log) -> dict[str, list[str] | str]:
    """Install the peers into bench/out/peers (a venv, an npm prefix): commands, or why not."""
    peers_dir = OUT / "peers"
    venv = peers_dir / "venv"
    npm_prefix = peers_dir / "npm"
    found: dict[str, list[str] | str] = {}
    bindir = venv / "bin"
    if not (bindir / "python").exists():
        log("  creating bench/out/peers/venv")
        subprocess.run([PY, "-m", "venv", str(venv)], check=False, capture_output=True)
    for package, script in (("pymarkdownlnt", "pymarkdown"), ("proselint", "proselint")):
        if not (bindir / script).exists():
            log(f"  pip install {package}")
            subprocess.run(
                [str(bindir / "python"), "-m", "pip", "install", "-q", package],
                check=False,
                capture_output=True,
                timeout=600,
            )
        found[package] = (
            [str(bindir / script)]
            if (bindir / script).exists()
            else f"`pip install {package}` failed"
        )
    cli2 = npm_prefix / "node_modules" / ".bin" / "markdownlint-cli2"
    if not cli2.exists() and shutil.which("npm"):
        log("  npm install markdownlint-cli2")
        npm_prefix.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            ["npm", "install", "--prefix", str(npm_prefix), "--no-audit", "--no-fund",
             "markdownlint-cli2"],
            check=False,
            capture_output=True,
            timeout=600,
        )  # fmt: skip
    found["markdownlint-cli2"] = (
        [str(cli2)] if cli2.exists() else "npm is missing or `npm install` failed"
    )
    found["vale"] = _vale(bindir, log)
    return found


def _vale(bindir: Path, log) -> list[str] | str:
    """Vale is a Go binary; the `vale` PyPI package fetches it from GitHub on first use."""
    verdict = OUT / "peers" / "vale-verdict.txt"
    if verdict.exists():
        text = verdict.read_text()
        return json.loads(text) if text.startswith("[") else text
    if not (bindir / "vale").exists():
        log("  pip install vale")
        subprocess.run(
            [str(bindir / "python"), "-m", "pip", "install", "-q", "vale"],
            check=False,
            capture_output=True,
            timeout=600,
        )
    if not (bindir / "vale").exists():
        answer: list[str] | str = "the `vale` PyPI package cannot be installed"
    else:
        try:
            probe = subprocess.run(
                [str(bindir / "vale"), "--version"], capture_output=True, timeout=120, text=True
            )
            ok = probe.returncode == 0 and "vale" in probe.stdout.lower()
        except subprocess.TimeoutExpired:
            ok = False
        answer = (
            [str(bindir / "vale")]
            if ok
            else "the `vale` PyPI package downloads the Go binary from GitHub on first run, "
            "which this machine cannot reach (no offline build on PyPI or npm)"
        )
    verdict.write_text(json.dumps(answer) if isinstance(answer, list) else answer)
    return answer


def peer_command(name: str, base: list[str], c: Corpus) -> tuple[list[str], Path | None]:
    if name == "pymarkdownlnt":
        return [*base, "scan", "-r", str(c.path)], None
    if name == "proselint":
        return [*base, "check", str(c.path)], None
    if name == "markdownlint-cli2":  # globs are read relative to the working directory
        return [*base, "**/*.md"], c.path
    return [*base, str(c.path)], None


def section_peers(cs: list[Corpus], runs: int, cap: float, log) -> dict:
    peers = install_peers(log)
    results: dict[str, dict] = {
        "_installed": {k: v if isinstance(v, str) else "ok" for k, v in peers.items()}
    }
    for c in cs:
        rows = {}
        for name, base in peers.items():
            if isinstance(base, str):
                rows[name] = Timing(note=f"skipped: {base}").to_json()
                continue
            cmd, cwd = peer_command(name, base, c)
            timing = measure(cmd, runs, cap, cwd=cwd, ok_codes=tuple(range(0, 256)))
            log(f"    {c.name:<12} {name:<20} {_fmt_timing(timing)}")
            rows[name] = timing.to_json()
        results[c.name] = rows
    return results


def section_startup(small: Path, runs: int, log) -> dict:
    commands = {
        "python -c pass": [PY, "-c", "pass"],
        'python -c "import mistune"': [PY, "-c", "import mistune"],
        f"citelint check {small.name}": [*citelint_cmd(), "check", str(small)],
        f"citelint check {small.name} (unchanged: cached)": [*citelint_cmd(), "check", str(small)],
    }
    # The target row is a first check of the file (its findings are forgotten before
    # each run); the last row checks it again unchanged.
    forget = [PY, "-c", f"import shutil; shutil.rmtree({str(RESULTS)!r}, True)"]
    prepare = ["true", "true", " ".join(_quote(a) for a in forget), "true"]
    result: dict = {"file": str(small.relative_to(ROOT)), "tool": "", "rows": {}}
    # `pip install` compiles bytecode; an editable install under PYTHONDONTWRITEBYTECODE
    # never does, and compiling citelint's source on every start is not what users see.
    subprocess.run([PY, "-m", "compileall", "-q", str(ROOT / "src" / "citelint")], check=True)
    hyperfine = shutil.which("hyperfine")
    if hyperfine is None and os.geteuid() == 0 and shutil.which("apt-get"):
        log("  apt-get install hyperfine")
        subprocess.run(
            ["apt-get", "install", "-y", "-qq", "hyperfine"], capture_output=True, timeout=300
        )
        hyperfine = shutil.which("hyperfine")
    if hyperfine:
        export = OUT / "hyperfine.json"
        cmd = [hyperfine, "-N", "--warmup", "3", "--runs", str(runs), "-i", "--export-json",
               str(export), "--style", "none"]  # fmt: skip
        names = list(commands)
        for name in names:
            cmd += ["--command-name", name]
        for command in prepare:
            cmd += ["--prepare", command]
        cmd += [" ".join(_quote(a) for a in argv) for argv in commands.values()]
        subprocess.run(cmd, capture_output=True, timeout=600)
        data = json.loads(export.read_text())
        result["tool"] = f"hyperfine ({runs} runs, 3 warm-up, no shell)"
        for name, entry in zip(names, data["results"], strict=True):
            result["rows"][name] = {
                "walls": entry["times"],
                "cpus": [entry["user"] + entry["system"]],  # hyperfine reports means
                "rss_mb": [],
                "note": "",
            }
    else:
        result["tool"] = f"own timing ({runs} runs after 3 warm-up; hyperfine not installable)"
        for (name, argv), first in zip(commands.items(), (False, False, True, False), strict=True):
            before = forget_results if first else None
            result["rows"][name] = measure(argv, runs, 60, warmup=3, before=before).to_json()
    for name, row in result["rows"].items():
        log(f"    {name:<34} median {statistics.median(row['walls']) * 1000:7.1f} ms")
    result["importtime"] = importtime(small)
    return result


def _sample(c: Corpus, quick: bool) -> Path:
    """A fixed slice of a corpus for counting instructions (valgrind runs ~50× slower):
    every k-th file of a folder of many, the smallest file of a few large ones."""
    files = _markdown_files([str(c.path)])
    target = OUT / ("instructions-quick" if quick else "instructions") / c.name
    if len(files) <= 10:
        picked = [min(files, key=lambda f: f.stat().st_size)]
    else:
        budget = 3 if quick else (300 if c.name == "tldr-small" else 60)
        picked = files[:: max(1, len(files) // budget)][:budget]
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    for k, path in enumerate(picked):
        shutil.copy(path, target / f"{k:04d}-{path.name}")
    return target


def count_instructions(argv: list[str], only: str | None = None) -> int | None:
    """Instructions executed by `argv` and its children (callgrind), hash seed fixed:
    the same count on a loaded machine as on an idle one. With `only`, those executed
    inside that C function (callgrind's `--toggle-collect`)."""
    return _callgrind(argv, only)[0]


def _callgrind(argv: list[str], only: str | None = None) -> tuple[int | None, str]:
    """`count_instructions`, and what the command printed."""
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    toggle = ["--collect-atstart=no", f"--toggle-collect={only}"] if only else []
    proc = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
         "--trace-children=yes", *toggle, *argv],
        capture_output=True, text=True, env=env, timeout=3600,
    )  # fmt: skip
    counts = re.findall(r"Collected : (\d+)", proc.stderr)
    return (sum(int(n) for n in counts) if counts else None), proc.stdout


def section_instructions(
    cs: list[Corpus], small: Path, quick: bool, log, sizes: list[int], drafts: int
) -> dict:
    """Ratios to the floor in executed instructions, on a fixed sample of each corpus;
    and gather's instructions per claim with fact tables of the smallest and largest
    `sizes`, checking `drafts` statistics-dense drafts."""
    if shutil.which("valgrind") is None and os.geteuid() == 0 and shutil.which("apt-get"):
        log("  apt-get install valgrind")
        subprocess.run(["apt-get", "install", "-y", "-qq", "valgrind"], capture_output=True)
    if shutil.which("valgrind") is None:
        return {"error": "valgrind is not installed"}
    results: dict = {"corpora": {}, "date": time.strftime("%Y-%m-%d %H:%M")}
    for c in cs:
        sample = _sample(c, quick)
        files = _markdown_files([str(sample)])
        subprocess.run([*citelint_cmd(), "check", str(sample)], capture_output=True)  # warm cache
        floor = count_instructions([PY, __file__, "--worker", "floor", str(sample)])
        forget_results()  # a first check, as the throughput target rows
        check = count_instructions([*citelint_cmd(), "check", str(sample)])
        results["corpora"][c.name] = {
            "files": len(files), "bytes": sum(f.stat().st_size for f in files),
            "floor": floor, "check": check,
        }  # fmt: skip
        log(f"  {c.name}: {len(files)} files, floor {floor:,} check {check:,} instructions")
    mistune = count_instructions([PY, "-c", "import mistune"])
    bare = count_instructions([PY, "-c", "pass"])
    forget_results()
    check = count_instructions([*citelint_cmd(), "check", str(small)])
    results["startup"] = {"python -c pass": bare, 'python -c "import mistune"': mistune,
                          f"citelint check {small.name}": check}  # fmt: skip
    log(f"  startup: mistune {mistune:,} check {check:,} instructions")
    results["gather"] = {}
    for size in (sizes[0], sizes[-1]):
        table = generate.fact_table(OUT, size)
        argv = [PY, __file__, "--worker", "gather", str(table), str(cs[2].path), str(drafts)]
        count, out = _callgrind(argv, only="starmap_next")
        claims = int(out.split()[-1]) if out.split() else 0
        results["gather"][str(size)] = {"instructions": count, "claims": claims, "drafts": drafts}
        log(f"  gather at {size:,} facts: {count or 0:,} instructions, {claims:,} claims")
    return results


def _quote(arg: str) -> str:
    return arg if re.fullmatch(r"[\w./=:+-]+", arg) else "'" + arg.replace("'", "'\\''") + "'"


def importtime(small: Path) -> dict:
    """`python -X importtime` of one small check: the slowest imports, self and cumulative."""
    proc = subprocess.run(
        [PY, "-X", "importtime", "-c",
         "import sys; from citelint.cli import main; sys.argv = ['citelint', 'check', "
         f"{str(small)!r}]; main()"],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    rows = []
    for line in proc.stderr.splitlines():
        m = re.match(r"import time:\s+(\d+) \|\s+(\d+) \| (\s*)(\S+)", line)
        if m:
            rows.append((int(m.group(1)), int(m.group(2)), len(m.group(3)) // 2, m.group(4)))
    top_level = sorted((r for r in rows if r[2] == 0), key=lambda r: -r[1])[:12]
    by_self = sorted(rows, key=lambda r: -r[0])[:12]
    return {
        "total_ms": sum(r[0] for r in rows) / 1000,
        "cumulative": [(name, cum / 1000) for _, cum, _, name in top_level],
        "self": [(name, own / 1000) for own, _, _, name in by_self],
    }


def section_scale(sizes: list[int], drafts_dir: Path, limit: int, log, rounds: int = 3) -> dict:
    """Each table size in its own process, `rounds` times with the sizes interleaved (a
    load change on the machine then touches every size alike); the per-claim costs are
    the best of the rounds, the peak memory the highest."""
    results: dict[str, dict] = {}
    for _ in range(rounds):
        for size in sizes:
            if "error" in results.get(str(size), {}):
                continue
            table = generate.fact_table(OUT, size)
            proc = subprocess.run(
                [PY, __file__, "--worker", "scale", str(table), str(drafts_dir), str(limit)],
                capture_output=True,
                text=True,
                timeout=3600,
            )
            if proc.returncode != 0:
                results[str(size)] = {"error": proc.stderr.strip().splitlines()[-1:]}
                log(f"    {size:>7} facts: failed {proc.stderr.strip()[-300:]}")
                continue
            data = json.loads(proc.stdout.strip().splitlines()[-1])
            timings = {k: data[k] for k in ("analyse_s", "parse_s", "gather_s")}
            kept = results.setdefault(str(size), {**data, "runs": []})
            kept["runs"].append(timings)
            kept["rss_peak_mb"] = max(kept["rss_peak_mb"], data["rss_peak_mb"])
            log(
                f"    {size:>7} facts: load {data['load_s']:.2f} s, index {data['index_s']:.2f} s, "
                f"{_per_claim(data) * 1e3:.3f} ms/claim "
                f"({_gather_per_claim(data) * 1e3:.3f} gather), peak {data['rss_peak_mb']:.0f} MB"
            )
    return results


def _per_claim(data: dict) -> float:
    """Per-claim cost of everything the table is used for: analyse minus parsing (the
    best of the rounds)."""
    runs = data.get("runs") or [data]
    return min(r["analyse_s"] - r["parse_s"] for r in runs) / max(1, data["claims"])


def _gather_per_claim(data: dict) -> float:
    runs = data.get("runs") or [data]
    return min(r["gather_s"] for r in runs) / max(1, data["claims"])


# --------------------------------------------------------------------------- language server


def lsp_draft(lines: int) -> str:
    """A long draft made of the statistics-dense drafts, hard-wrapped at 80 columns."""
    out: list[str] = []
    source = OUT / "stats-dense-lsp"
    drafts = _markdown_files([str(generate.stats_corpus(source, 200, seed=99))])
    for path in drafts:
        fenced = False
        for line in path.read_text(encoding="utf-8").splitlines():
            fenced ^= line.startswith("```")
            if fenced or line.startswith(("|", "```", "[^")) or len(line) <= 80:
                out.append(line)
            else:
                out += textwrap.wrap(line, 80, break_long_words=False, break_on_hyphens=False)
        out.append("")
        if len(out) >= lines:
            break
    return "\n".join(out[:lines]) + "\n"


class _Rpc:
    """Raw JSON-RPC over a child's stdio (Content-Length framing)."""

    def __init__(self, argv: list[str], cwd: Path):
        self.proc = subprocess.Popen(
            argv, cwd=cwd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        self.inbox: queue.Queue = queue.Queue()
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        stream = self.proc.stdout
        while True:
            length = None
            while True:
                line = stream.readline()
                if not line:
                    self.inbox.put(None)
                    return
                line = line.strip()
                if not line:
                    break
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            body = stream.read(length or 0)
            self.inbox.put((time.perf_counter(), json.loads(body)))

    def send(self, message: dict) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode()
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def request(self, method: str, params: dict) -> int:
        self.next_id += 1
        self.send({"id": self.next_id, "method": method, "params": params})
        return self.next_id

    def notify(self, method: str, params: dict) -> None:
        self.send({"method": method, "params": params})

    def wait(self, match, timeout: float = 60.0) -> tuple[float, dict]:
        """The first message `match` accepts; answers the server's own requests on the way."""
        deadline = time.perf_counter() + timeout
        while True:
            item = self.inbox.get(timeout=max(0.01, deadline - time.perf_counter()))
            if item is None:
                raise RuntimeError("the language server exited")
            at, message = item
            if "method" in message and "id" in message:  # a request to the client
                result = None
                if message["method"] == "workspace/configuration":
                    result = [None] * len(message.get("params", {}).get("items", []))
                self.send({"id": message["id"], "result": result})
                continue
            if match(message):
                return at, message

    def close(self) -> None:
        try:
            self.request("shutdown", {})
            self.notify("exit", {})
            self.proc.wait(timeout=10)
        except Exception:  # noqa: BLE001 - best effort
            self.proc.kill()


def section_lsp(lines: int, edits: int, log) -> dict:
    try:
        import pygls  # noqa: F401
    except ImportError:
        return {"error": "pygls is not installed (pip install 'citelint[lsp]')"}
    folder = OUT / "lsp"
    folder.mkdir(parents=True, exist_ok=True)
    text = lsp_draft(lines)
    path = folder / "long-draft.md"
    path.write_text(text, encoding="utf-8")
    uri = path.as_uri()
    rpc = _Rpc([*citelint_cmd(), "server"], folder)
    try:
        init = rpc.request(
            "initialize",
            {
                "processId": os.getpid(),
                "rootUri": folder.as_uri(),
                "capabilities": {
                    "textDocument": {"publishDiagnostics": {"versionSupport": True}},
                    "general": {"positionEncodings": ["utf-16"]},
                },
                "workspaceFolders": [{"uri": folder.as_uri(), "name": "bench"}],
            },
        )
        rpc.wait(lambda m: m.get("id") == init)
        rpc.notify("initialized", {})

        def published(version: int):
            return lambda m: (
                m.get("method") == "textDocument/publishDiagnostics"
                and m["params"]["uri"] == uri
                and m["params"].get("version") == version
            )

        start = time.perf_counter()
        rpc.notify(
            "textDocument/didOpen",
            {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}},
        )
        at, first = rpc.wait(published(1), timeout=300)
        open_s = at - start
        prose = [
            n for n, line in enumerate(text.splitlines()) if line[:1].isalpha() and "%" in line
        ] or [0]
        times = []
        for number in range(edits):
            version = number + 2
            line = prose[(number * 7) % len(prose)]
            time.sleep(0.25)  # past the server's debounce: each edit is a fresh one
            start = time.perf_counter()
            rpc.notify(
                "textDocument/didChange",
                {
                    "textDocument": {"uri": uri, "version": version},
                    "contentChanges": [
                        {
                            "range": {
                                "start": {"line": line, "character": 0},
                                "end": {"line": line, "character": 0},
                            },
                            "text": "x",
                        }
                    ],
                },
            )
            at, _ = rpc.wait(published(version), timeout=120)
            times.append(at - start)
    finally:
        rpc.close()
    result = {
        "lines": text.count("\n"),
        "bytes": len(text.encode()),
        "diagnostics": len(first["params"]["diagnostics"]),
        "open_s": open_s,
        "edits": times,
    }
    log(
        f"    {result['lines']} lines, {result['bytes'] / 1e3:.0f} kB, "
        f"{result['diagnostics']} diagnostics: open {open_s * 1e3:.0f} ms, "
        f"edit median {statistics.median(times) * 1e3:.0f} ms"
    )
    return result


# --------------------------------------------------------------------------- report


def _fmt_timing(t: Timing) -> str:
    if not t.walls:
        return t.note
    text = f"median {t.median():7.2f} s  min {t.best():7.2f} s  cpu {t.cpu():7.2f} s"
    return f"{text}  {t.note}" if t.note else text


def _t(data: dict) -> Timing:
    return Timing(data["walls"], data["cpus"], data["rss_mb"], data["note"])


def _ms(seconds: float) -> str:
    return f"{seconds * 1e3:.1f}"


def report(results: dict) -> str:
    meta = results["meta"]
    lines = [
        "# citelint benchmark results",
        "",
        f"Generated by `python bench/run.py{' --quick' if meta['quick'] else ''}` on "
        f"{meta['date']} ({meta['machine']}). "
        + meta.get(
            "merged",
            "Every figure of sections 1-6 is from this one run (section 7 says when it was "
            "counted); ",
        )
        + "see `bench/README.md` for what is measured and how.",
        "",
        f"Load average when the run started: {meta['load_start']}; when it ended: "
        f"{meta.get('load_end', '?')}. The machine is shared: wall times are noisy, so the "
        "ratios use the *minimum* wall time of the runs, with the CPU-time ratio beside "
        "it as a cross-check.",
        "",
    ]
    lines += _targets(results)
    if "throughput" in results:
        lines += ["## 1-3. Throughput: floor, citelint check, peers", ""]
        lines += [
            "| corpus | tool | median s | min s | CPU s | MB/s (min) "
            "| × floor (min) | × floor (CPU) |",
            "|---|---|---:|---:|---:|---:|---:|---:|",
        ]
        for c in results["corpora"]:
            rows = dict(results["throughput"][c["name"]])
            rows.update(results.get("peers", {}).get(c["name"], {}))
            floor = _t(rows["floor (mistune only)"])
            for name, data in rows.items():
                t = _t(data)
                label = f"{c['name']} ({c['files']} files, {c['bytes'] / 1e6:.2f} MB)"
                if not t.ok:
                    lines.append(f"| {label} | {name} | {t.note or 'n/a'} | | | | | |")
                    continue
                mbs = c["bytes"] / 1e6 / t.best()
                lines.append(
                    f"| {label} | {name} | {t.median():.2f} | {t.best():.2f} | {t.cpu():.2f} | "
                    f"{mbs:.2f} | {t.best() / floor.best():.2f} | {t.cpu() / floor.cpu():.2f} |"
                )
        lines.append("")
        if "peers" in results:
            skipped = {k: v for k, v in results["peers"]["_installed"].items() if v != "ok"}
            for name, why in skipped.items():
                lines.append(f"* {name}: not run: {why}.")
            if skipped:
                lines.append("")
    if "startup" in results:
        s = results["startup"]
        lines += ["## 4. Startup", "", f"File: `{s['file']}`; timing: {s['tool']}.", ""]
        lines += ["| command | median ms | min ms | CPU ms |", "|---|---:|---:|---:|"]
        for name, data in s["rows"].items():
            t = _t(data)
            lines.append(f"| `{name}` | {_ms(t.median())} | {_ms(t.best())} | {_ms(t.cpu())} |")
        it = s["importtime"]
        lines += [
            "",
            f"`python -X importtime` of that check: {it['total_ms']:.0f} ms of imports in all.",
            "",
            "| slowest top-level imports (cumulative) | ms | slowest single modules (self) | ms |",
            "|---|---:|---|---:|",
        ]
        for (a, ta), (b, tb) in zip(it["cumulative"], it["self"], strict=False):
            lines.append(f"| {a} | {ta:.1f} | {b} | {tb:.1f} |")
        lines.append("")
    if "scale" in results:
        lines += [
            "## 5. Fact-table scale",
            "",
            "Synthetic tables (the bundled pack padded with generated facts; see README) "
            "checking the statistics-dense drafts in one process. CPU seconds. *Per claim* "
            "is (analyse − parse) / claims: everything the table is used for. *Gather* is the "
            "matching step alone (`matching.gather`).",
            "",
            "| facts | sources | load s | index s | drafts | claims | per claim ms "
            "| gather ms/claim | RSS after table MB | peak RSS MB |",
            "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for size, d in results["scale"].items():
            if "error" in d:
                lines.append(f"| {size} | failed: {d['error']} | | | | | | | | |")
                continue
            lines.append(
                f"| {d['facts']:,} | {d['sources']:,} | {d['load_s']:.2f} | {d['index_s']:.2f} | "
                f"{d['drafts']} | {d['claims']:,} | {_per_claim(d) * 1e3:.3f} | "
                f"{_gather_per_claim(d) * 1e3:.3f} | {d['rss_table_mb']:.0f} | "
                f"{d['rss_peak_mb']:.0f} |"
            )
        lines.append("")
    if "lsp" in results:
        d = results["lsp"]
        lines += ["## 6. Language server", ""]
        if "error" in d:
            lines += [f"Not measured: {d['error']}.", ""]
        else:
            e = d["edits"]
            lines += [
                f"`citelint server` over stdio (raw JSON-RPC), a {d['lines']:,}-line draft "
                f"({d['bytes'] / 1e3:.0f} kB, {d['diagnostics']} diagnostics). Time from sending "
                "`didChange` (one character typed at the start of a prose line, each edit "
                "0.25 s after the last publish) to receiving its `publishDiagnostics`.",
                "",
                "| | ms |",
                "|---|---:|",
                f"| didOpen → first publish | {_ms(d['open_s'])} |",
                f"| edit median ({len(e)} edits) | {_ms(statistics.median(e))} |",
                f"| edit min | {_ms(min(e))} |",
                f"| edit max | {_ms(max(e))} |",
                "",
            ]
    lines += _instructions_report(results.get("instructions"))
    history = BENCH / "history.md"
    if history.exists() and not meta["quick"]:
        lines += [history.read_text(encoding="utf-8").rstrip(), ""]
    return "\n".join(lines)


def _instructions_report(d: dict | None) -> list[str]:
    if d is None:
        return []
    lines = ["## 7. Instructions executed (callgrind)", ""]
    if "error" in d:
        return [*lines, f"Not measured: {d['error']}.", ""]
    lines += [
        "Wall times on this shared machine vary by ±20% from run to run; the number of "
        "instructions a command executes does not (valgrind's callgrind, hash seed fixed, "
        "children included). Each corpus is sampled (every k-th file, or the smallest of a "
        "few large files: `bench/out/instructions/`) because valgrind runs ~50× slower. "
        "Start-up is included in every count, so small samples weigh it more than the "
        f"whole corpus does. Counted on {d.get('date', '?')}.",
        "",
        "| sample | files | kB | floor (mistune only) | citelint check | × floor |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for name, c in d["corpora"].items():
        ratio = c["check"] / c["floor"] if c["floor"] and c["check"] else float("nan")
        lines.append(
            f"| {name} | {c['files']} | {c['bytes'] / 1e3:.0f} | {c['floor'] / 1e6:,.0f} M | "
            f"{c['check'] / 1e6:,.0f} M | {ratio:.2f}× |"
        )
    start = d["startup"]
    names = list(start)
    lines += [
        "",
        "| start-up command | instructions | × `import mistune` |",
        "|---|---:|---:|",
        *(
            f"| `{n}` | {start[n] / 1e6:,.0f} M | {start[n] / start[names[1]]:.2f}× |"
            for n in names
        ),
        "",
    ]
    gathered = d.get("gather", {})
    if gathered:
        lines += [
            "Gather alone (`matching.gather`, the step a large table costs), counted inside "
            "it only, over the first statistics-dense drafts after five drafts of warm-up:",
            "",
            "| facts | drafts | claims | instructions | per claim |",
            "|---:|---:|---:|---:|---:|",
            *(
                f"| {int(size):,} | {g['drafts']} | {g['claims']:,} | "
                f"{(g['instructions'] or 0) / 1e6:,.0f} M | {_gather_instructions(g):,.0f} |"
                for size, g in gathered.items()
            ),
            "",
        ]
    return lines


def _gather_instructions(g: dict) -> float:
    return (g["instructions"] or 0) / max(1, g["claims"])


def _targets(results: dict) -> list[str]:
    rows = []

    def verdict(ok: bool | None) -> str:
        return "n/a" if ok is None else ("met" if ok else "**not met**")

    if "throughput" in results:
        for c in results["corpora"]:
            rows_c = results["throughput"][c["name"]]
            floor = _t(rows_c["floor (mistune only)"])
            for name in ("citelint check", "citelint check --jobs 2"):
                t = _t(rows_c[name])
                if not (t.ok and floor.ok):
                    continue
                ratio = t.best() / floor.best()
                rows.append(
                    f"| {name} on {c['name']} ≤ 1.5× floor | {ratio:.2f}× "
                    f"(CPU {t.cpu() / floor.cpu():.2f}×) | {verdict(ratio <= 1.5)} |"
                )
            again = _t(rows_c[RERUN]) if RERUN in rows_c else None
            if again is not None and again.ok and floor.ok:
                ratio = again.best() / floor.best()
                rows.append(
                    f"| (for information: not the target) the same files checked again "
                    f"unchanged, on {c['name']} ≤ 1.5× floor | {ratio:.2f}× (CPU "
                    f"{again.cpu() / floor.cpu():.2f}×) | {verdict(ratio <= 1.5)} |"
                )
            peers = results.get("peers", {}).get(c["name"], {})
            ours = min(
                _t(rows_c[n]).best()
                for n in ("citelint check", "citelint check --jobs 2")
                if _t(rows_c[n]).ok
            )
            beaten, lost = [], []
            for name, data in peers.items():
                t = _t(data)
                if t.note.startswith("skipped"):
                    continue
                faster = ours < (t.best() if t.ok else float("inf"))
                (beaten if faster else lost).append(name)
            if beaten or lost:
                rows.append(
                    f"| faster than every peer on {c['name']} | "
                    f"faster than {', '.join(beaten) or 'none'}"
                    f"{'; slower than ' + ', '.join(lost) if lost else ''} | {verdict(not lost)} |"
                )
    if "startup" in results:
        r = results["startup"]["rows"]
        names = list(r)
        ours, mistune = _t(r[names[2]]), _t(r[names[1]])
        ratio = ours.median() / mistune.median()
        rows.append(
            f'| one small file ≤ 2× `python -c "import mistune"` | {ratio:.2f}× '
            f"({_ms(ours.median())} vs {_ms(mistune.median())} ms, medians) | "
            f"{verdict(ratio <= 2)} |"
        )
    counted = results.get("instructions", {})
    for name, c in counted.get("corpora", {}).items():
        if c["floor"] and c["check"]:
            ratio = c["check"] / c["floor"]
            rows.append(
                f"| citelint check on {name} ≤ 1.5× floor, in instructions (sample of "
                f"{c['files']} files) | {ratio:.2f}× | {verdict(ratio <= 1.5)} |"
            )
    if "startup" in counted:
        start = list(counted["startup"].values())
        ratio = start[2] / start[1]
        rows.append(
            f'| one small file ≤ 2× `python -c "import mistune"`, in instructions | '
            f"{ratio:.2f}× | {verdict(ratio <= 2)} |"
        )
    gathered = [g for g in counted.get("gather", {}).items() if g[1]["instructions"]]
    if len(gathered) == 2:
        (small_size, small), (big_size, big) = gathered
        ratio = _gather_instructions(big) / _gather_instructions(small)
        rows.append(
            f"| gather alone at {int(big_size):,} facts ≤ 2× at {int(small_size):,}, in "
            f"instructions per claim | {ratio:.2f}× | {verdict(ratio <= 2)} |"
        )
    scale = results.get("scale", {})
    sizes = [s for s in scale if "error" not in scale[s]]
    if len(sizes) >= 2:
        small, big = scale[sizes[0]], scale[sizes[-1]]
        ratio = _per_claim(big) / _per_claim(small)
        gratio = _gather_per_claim(big) / _gather_per_claim(small)
        rows.append(
            f"| per-claim cost at {int(sizes[-1]):,} facts ≤ 2× at {int(sizes[0]):,} | "
            f"{ratio:.2f}× (gather alone {gratio:.2f}×) | {verdict(ratio <= 2 and gratio <= 2)} |"
        )
        rows.append(
            f"| peak memory at {int(sizes[-1]):,} facts ≤ 300 MB | {big['rss_peak_mb']:.0f} MB | "
            f"{verdict(big['rss_peak_mb'] <= 300)} |"
        )
    lsp = results.get("lsp", {})
    if "edits" in lsp:
        median = statistics.median(lsp["edits"])
        rows.append(
            f"| language server ≤ 100 ms median, {lsp['lines']:,}-line draft | "
            f"{_ms(median)} ms | {verdict(median <= 0.1)} |"
        )
    if not rows:
        return []
    return ["## Targets", "", "| target | measured | verdict |", "|---|---|---|", *rows, ""]


# --------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="tiny inputs, one run each")
    parser.add_argument("--runs", type=int, help="runs per command (default 5, quick 1)")
    parser.add_argument("--cap", type=float, help="seconds before a command is stopped")
    parser.add_argument("--drafts", type=int, help="statistics-dense drafts to generate")
    parser.add_argument(
        "--only",
        help="comma-separated sections: throughput,peers,startup,scale,lsp,instructions "
        "(default: all)",
    )
    parser.add_argument("--output", default=str(BENCH / "results.md"))
    parser.add_argument(
        "--render", action="store_true", help="rewrite the report from bench/out/results.json"
    )
    parser.add_argument("--worker", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.render:
        results = json.loads((OUT / "results.json").read_text())
        Path(args.output).write_text(report(results) + "\n", encoding="utf-8")
        return 0
    if args.worker:
        kind, *rest = args.worker
        if kind == "floor":
            worker_floor(rest)
        elif kind == "scale":
            worker_scale(rest[0], rest[1], int(rest[2]))
        elif kind == "gather":
            worker_gather(rest[0], rest[1], int(rest[2]))
        return 0

    quick = args.quick
    runs = args.runs or (1 if quick else 5)
    cap = args.cap or (60 if quick else 180)
    drafts = args.drafts or (20 if quick else 600)
    sections = (
        set(args.only.split(","))
        if args.only
        else ({"throughput", "startup", "scale", "lsp", "instructions"} if quick else
              {"throughput", "peers", "startup", "scale", "lsp", "instructions"})
    )  # fmt: skip
    OUT.mkdir(parents=True, exist_ok=True)
    # The bench's own cache folder for citelint: it empties the results cache between
    # runs, and must not empty the user's.
    os.environ["XDG_CACHE_HOME"] = str(CACHE)

    def log(message: str) -> None:
        print(message, flush=True)

    results: dict = {
        "meta": {
            "quick": quick,
            "date": time.strftime("%Y-%m-%d %H:%M"),
            "machine": f"{os.cpu_count()} cores, Python {platform.python_version()}, "
            f"{platform.system()} {platform.machine()}",
            "load_start": " ".join(f"{x:.1f}" for x in os.getloadavg()),
        }
    }
    cs = corpora(quick, drafts)
    results["corpora"] = [c.__dict__ | {"path": str(c.path)} for c in cs]
    if "throughput" in sections:
        log("1-2. floor and citelint check")
        results["throughput"] = section_throughput(cs, runs, cap, log)
    if "peers" in sections:
        log("3. peers")
        results["peers"] = section_peers(cs, min(runs, 3), cap, log)
    if "startup" in sections:
        log("4. startup")
        small = OUT / "one-small.md"
        shutil.copy(ROOT / "examples" / "draft.md", small)
        results["startup"] = section_startup(small, 5 if quick else 30, log)
    sizes = [100, 1_000] if quick else [100, 10_000, 100_000]
    if "scale" in sections:
        log("5. fact-table scale")
        results["scale"] = section_scale(
            sizes, cs[2].path, 10 if quick else 300, log, rounds=1 if quick else 3
        )
    if "instructions" in sections:
        log("7. instructions (callgrind)")
        small = OUT / "one-small.md"
        shutil.copy(ROOT / "examples" / "draft.md", small)
        results["instructions"] = section_instructions(
            cs, small, quick, log, sizes, 10 if quick else 100
        )
    if "lsp" in sections:
        log("6. language server")
        try:
            results["lsp"] = section_lsp(200 if quick else 2000, 3 if quick else 50, log)
        except Exception as err:  # noqa: BLE001 - report it and keep the other sections
            results["lsp"] = {"error": f"{type(err).__name__}: {err}"}
            log(f"    failed: {err}")
    results["meta"]["load_end"] = " ".join(f"{x:.1f}" for x in os.getloadavg())
    (OUT / ("results-quick.json" if quick else "results.json")).write_text(
        json.dumps(results, indent=1)
    )
    text = report(results)
    output = Path(args.output)
    if quick and args.output == str(BENCH / "results.md"):
        output = OUT / "results-quick.md"  # a smoke run never overwrites the real results
    output.write_text(text + "\n", encoding="utf-8")
    print(f"\nwrote {output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
