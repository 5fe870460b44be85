"""What `citelint check` and `citelint claims` do with files: find them, pick their
configuration and fact table, check them, fix them, and report."""

import gc
import importlib
import sys
from functools import lru_cache
from pathlib import Path
from typing import BinaryIO, NamedTuple, TextIO

import click

from . import collection, resultcache
from .config import Config, ConfigError, find_config, load_config
from .files import InputError, SourceFile, decode, discover, encode, read
from .indexing import indexes
from .model import Applicability, Diagnostic, FactTable, FactTableError, Problem, Severity
from .report import FileResult, sources_for
from .report.serialize import claim_data, number
from .wording import counted


class Failure(click.ClickException):
    """Ends the command with status 2 and a message on stderr."""

    exit_code = 2

    def show(self, file=None) -> None:
        click.echo(f"citelint: {self.message}", err=True)


class TableFailure(Failure):
    """A fact table that cannot be used: its CL901 problems, for the report formats.
    Unless a command reports them itself (`facts validate`), they go to stderr."""

    def __init__(self, problems: tuple[Problem, ...]):
        problems_found = counted(len(problems), "problem")
        super().__init__(f"invalid fact table ({problems_found}); nothing was checked")
        self.problems = problems

    def show(self, file=None) -> None:
        for problem in self.problems:
            field = f"{problem.field}: " if problem.field else ""
            click.echo(f"{_where(problem)}: CL901 [error] {field}{problem.message}", err=True)
        super().show(file)


class Options(NamedTuple):
    paths: list[str]
    facts: tuple[str, ...] = ()
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fail_on: str | None = None
    fix: bool = False
    unsafe_fixes: bool = False
    diff: bool = False
    stdin_filename: str | None = None
    config_path: str | None = None
    isolated: bool = False
    force_exclude: bool = False
    jobs: int = 1
    cache: bool = True  # `--no-cache`: check every file, keep nothing


# -- fact tables --------------------------------------------------------------------


@lru_cache(maxsize=16)
def load_table(specs: tuple[str, ...]) -> FactTable:
    """The fact tables named by `specs` (paths or pack:NAME), or the bundled pack.
    A bad table is reported as CL901 problems and ends the command (status 2)."""
    from .packs import bundled_facts, resolve

    try:
        if not specs:
            return bundled_facts()
        # Imported here: a check with the bundled pack needs neither.
        from .facttable import load_facts
        from .sourcedocs import split_specs

        specs, folders = split_specs(specs)
        if folders:  # `--sources DIR`: the documents in DIR are sources too
            return _with_sources(specs, folders)
        paths: list[Path] = []
        for spec in specs:
            paths += resolve(spec)
        return load_facts(paths)
    except FactTableError as err:
        raise TableFailure(err.problems) from None
    except (ValueError, LookupError, OSError) as err:
        raise Failure(str(err)) from None


def _with_sources(specs: list[str], folders: list[str]) -> FactTable:
    """The tables named by `specs` (none: no curated table) plus the source documents
    in `folders`. Raises FactTableError."""
    from . import sourcedocs
    from .facttable import load_facts
    from .packs import resolve

    table = load_facts([p for spec in specs for p in resolve(spec)]) if specs else FactTable()
    return sourcedocs.combine(table, sourcedocs.load(folders))


def _where(problem: Problem) -> str:
    return f"{problem.path}:{problem.line}" if problem.line else problem.path


def table_diagnostics(problems: tuple[Problem, ...]) -> tuple[Diagnostic, ...]:
    """CL901 findings located in the table, with file, line and field in the message too
    (SPEC §3): a reader of the message alone, or of a format that shows no path, sees them."""
    return tuple(
        Diagnostic(
            path=p.path, line=p.line, column=1, end_line=p.line, end_column=1, code="CL901",
            rule="invalid-fact-table", severity=Severity.ERROR,
            message=": ".join(filter(None, (_where(p), p.field, p.message))),
        )
        for p in problems
    )  # fmt: skip


def _report_table_problems(fmt: str, problems: tuple[Problem, ...], stream: TextIO) -> None:
    """The CL901 findings on `stream` in the formats machines read (text and html readers
    have them on stderr): no draft was checked, so there is nothing else to report."""
    diagnostics = table_diagnostics(problems)
    if fmt == "json":
        from .report.json import render
    elif fmt == "sarif":
        from .report.sarif import render
    elif fmt == "github":
        from .report.github import command, relative_path, workspace

        root = workspace()
        stream.write("".join(command(d, relative_path(d.path, root)) + "\n" for d in diagnostics))
        return
    else:
        return
    render([FileResult(diagnostics[0].path, "", diagnostics)], stream, successful=False)


# -- configuration --------------------------------------------------------------------


def config_for(path: str, options: Options) -> Config:
    if options.isolated:
        config = Config()
    elif options.config_path:
        config = load_config(Path(options.config_path))
    else:
        found = find_config(Path(path) if path != "-" else Path.cwd())
        config = load_config(found) if found else Config()
    if options.select:
        # As in ruff, `--select` on the command line starts the selection afresh: the
        # configuration's ignore no longer applies (its per-file-ignores still do).
        config = config._replace(select=options.select, ignore=())
    if options.ignore:
        config = config._replace(ignore=config.ignore + options.ignore)
    if options.fail_on:
        config = config._replace(fail_on=Severity(options.fail_on))
    return config


# -- check ------------------------------------------------------------------------------


class Job(NamedTuple):
    source: SourceFile
    specs: tuple[str, ...]
    config: Config
    # Every claim's evidence, for reports that show verified claims too (html); other
    # reports need only the findings, and a worker process need not send the rest back.
    evidence: bool = False
    stdin: bool = False  # read from stdin: `--fix` writes it to stdout, not to a file


def _check(job: Job) -> FileResult:
    from .engine import analyse

    table = load_table(job.specs)
    analysis = analyse(job.source.text, table, job.config, job.source.path)
    # What the file's reading left in cycles, if anything: the young objects only (`run`
    # pauses automatic collections).
    gc.collect(1)
    if any(spec.startswith("sources:") for spec in job.specs):  # --sources: quote both documents
        from .sourcedocs import explain

        diagnostics = explain(analysis.diagnostics, analysis.evidence, table)
        analysis = analysis._replace(diagnostics=diagnostics)
    return FileResult(
        job.source.path,
        job.source.text,
        analysis.diagnostics,
        len(analysis.evidence),
        evidence=analysis.evidence if job.evidence else (),
        # Only the HTML report names them; with a large table, finding them costs a pass
        # over hundreds of facts per claim, and they would be sent back and kept.
        sources=sources_for(table, analysis.evidence, analysis.diagnostics) if job.evidence else (),
    )


def _check_from_back(jobs: list[Job], ends, send, cache: resultcache.ResultCache | None) -> None:
    """A worker process's part of `_check_all`: the last job not yet taken, again and
    again, keeping each one's findings in `cache` (the parent, which prints the report,
    would otherwise write every entry after it); then every result, in one message,
    without the texts the parent has already."""
    done = []
    while True:
        with ends.get_lock():
            at = ends[1] - 1
            if at < ends[0]:
                break
            ends[1] = at
        result = _check(jobs[at])
        if cache:
            cache.put(jobs[at], result)
        done.append((at, result._replace(text="")))
    send.send(done)
    send.close()


def _parallel(jobs: list[Job], processes: int) -> bool:
    return processes > 1 and len(jobs) > 1


def _check_all(
    jobs: list[Job], processes: int, cache: resultcache.ResultCache | None = None
) -> tuple[list[FileResult], list[bool]]:
    """Each job's findings, in order, and whether a worker process checked it (and kept
    its findings in `cache`)."""
    if not _parallel(jobs, processes):
        return [_check(job) for job in jobs], [False] * len(jobs)
    import multiprocessing  # 20 ms of imports: only for --jobs

    # This process checks files from the front while processes - 1 workers take them
    # from the back, one at a time through a shared pair of places: none waits for
    # another until the two ends meet, and what this process finds is not sent through
    # a pipe. Where the platform forks, workers start with each table loaded and indexed
    # (by `run`) and the cache's groups worked out (by its look-ups).
    context = multiprocessing.get_context("fork" if sys.platform == "linux" else None)
    ends = context.Array("l", [0, len(jobs)])
    workers = []
    for _ in range(processes - 1):
        receive, send = context.Pipe(duplex=False)
        # (a daemon: ended with this process, should this one fail while it works)
        worker = context.Process(
            target=_check_from_back, args=(jobs, ends, send, cache), daemon=True
        )
        worker.start()
        send.close()
        workers.append((worker, receive))
    results: list[FileResult | None] = [None] * len(jobs)
    by_worker = [False] * len(jobs)
    while True:
        with ends.get_lock():
            at = ends[0]
            if at >= ends[1]:
                break
            ends[0] = at + 1
        results[at] = _check(jobs[at])
    for worker, receive in workers:
        try:
            for at, result in receive.recv():
                results[at] = result._replace(text=jobs[at].source.text)
                by_worker[at] = True
        except EOFError:  # the worker died: what it took is checked here
            pass
        worker.join()
    for at, result in enumerate(results):
        if result is None:
            results[at] = _check(jobs[at])
    return results, by_worker  # type: ignore[return-value] - every place is filled


def run(
    options: Options,
    fmt: str,
    stream: TextIO,
    quiet: bool = False,
    color: bool = False,
    fixed_out: BinaryIO | None = None,
) -> int:
    """Check, fix and report. With `--fix`, a document read from stdin is written, fixed
    or not, to `fixed_out` (default: stdout), so the report belongs on another stream."""
    errors: list[str] = []
    jobs = _plan(options, errors)
    if fmt == "html":
        jobs = [job._replace(evidence=True) for job in jobs]
    # Files unchanged since a check against the same tables and configuration keep
    # their findings; only the others are checked (and their tables loaded).
    cache = resultcache.ResultCache() if resultcache.enabled(options.cache) else None
    kept = [cache.get(job) for job in jobs] if cache else [None] * len(jobs)
    todo = [job for job, found in zip(jobs, kept, strict=True) if found is None]
    for specs in dict.fromkeys(job.specs for job in todo):
        try:
            with collection.paused():  # a table and its indexes: long-lived, no garbage
                table = load_table(specs)
                indexes(table)  # built once here: forked workers start with them
        except TableFailure as failure:
            _report_table_problems(fmt, failure.problems, stream)
            raise
    # The modules, tables and indexes outlive every claim: the collections made while
    # checking need not walk them (with 100,000 facts, a full one took ~0.5 s).
    # Nor the memo caches that grow while checking: no automatic collection walks them
    # (~10% of the time on statistics-dense drafts); `_check` collects after each file.
    frozen_before = gc.get_freeze_count()
    gc.freeze()
    try:
        with collection.paused():
            checked, by_worker = _check_all(todo, options.jobs, cache) if todo else ([], [])
    finally:
        if not frozen_before:  # a caller's own freeze is theirs to undo
            gc.unfreeze()
    in_order = iter(checked)
    results = [next(in_order) if found is None else found for found in kept]
    # What this process checked is kept once the report is out: the reader need not wait
    # for it. Workers have kept theirs already.
    fresh = [
        (job, r) for job, r, theirs in zip(todo, checked, by_worker, strict=True) if not theirs
    ]
    if options.diff:
        status = _show_diff(options, jobs, results, errors, stream, quiet)
        _keep(cache, fresh, stream)
        return status
    if options.fix:
        results = _apply_fixes(options, jobs, results, errors, fixed_out)
    renderer = _renderer(fmt)
    # Not `successful` when some input could not be read or configured: no report may
    # then say that all checks passed.
    renderer(results, stream, quiet=quiet, color=color, successful=not errors)
    _keep(cache, fresh, stream)
    for message in errors:
        click.echo(f"citelint: {message}", err=True)
    if errors:
        return 2
    fail_on = {job.source.path: job.config.fail_on for job in jobs}
    failed = any(d.severity.rank >= fail_on[r.path].rank for r in results for d in r.diagnostics)
    return 1 if failed else 0


def _keep(
    cache: resultcache.ResultCache | None, checked: list[tuple[Job, FileResult]], stream: TextIO
) -> None:
    if cache and checked:
        stream.flush()
        for job, result in checked:
            cache.put(job, result)


def _plan(options: Options, errors: list[str]) -> list[Job]:
    jobs: list[Job] = []
    try:
        found = list(_discover(options.paths, errors))
    except OSError as err:
        raise Failure(str(err)) from None
    unconfigured: dict[str, list[str]] = {}  # a broken configuration: the files it governs
    for path, explicit in found:
        display = (options.stdin_filename or "-") if path == "-" else path
        try:
            config = config_for(options.stdin_filename or path if path == "-" else path, options)
        except ConfigError as err:
            unconfigured.setdefault(str(err), []).append(display)
            continue
        if config.excluded(display) and (not explicit or options.force_exclude):
            continue
        try:
            source = _read(path, display)
        except InputError as err:
            errors.append(str(err))
            continue
        specs = options.facts or config.facts
        jobs.append(Job(source, tuple(specs), config, stdin=path == "-"))
    for message, files in unconfigured.items():
        skipped = (
            f"{files[0]} was" if len(files) == 1 else f"the {len(files)} files it configures were"
        )
        errors.append(f"{message}; {skipped} not checked")
    # Files that were all excluded are fine (a hook run on archived drafts only); folders
    # with no Markdown at all are worth a warning, not a failure (ruff, markdownlint-cli2).
    if not found and not errors and options.paths != ["-"]:
        click.echo(
            f"citelint: warning: no Markdown files found in {', '.join(options.paths)}", err=True
        )
    return jobs


def _discover(paths: list[str], errors: list[str]):
    seen: set[str] = set()  # a file named twice, or also found in a folder, is checked once
    for given in paths:
        try:
            yield from discover([given], seen)
        except InputError as err:
            errors.append(str(err))


def _read(path: str, display: str) -> SourceFile:
    if path == "-":
        if sys.stdin is None:  # started with stdin closed (`citelint check - <&-`)
            raise InputError(f"{display}: cannot read stdin: it is closed")
        try:
            raw = sys.stdin.buffer.read()
        except (OSError, ValueError) as err:
            raise InputError(f"{display}: cannot read stdin: {err}") from None
        return decode(raw, display)._replace(path=display)
    return read(path)


def _renderer(fmt: str):
    try:
        module = importlib.import_module(f".report.{fmt}", __package__)
    except ImportError as err:
        raise Failure(f"format '{fmt}' is not available: {err}") from None
    return module.render


def _show_diff(options, jobs, results, errors, stream, quiet) -> int:
    """`--diff`, as in ruff: the fixes as a unified diff and nothing else on `stream`, so
    it can go to `patch`; how many findings they fix, and how many remain, on stderr.
    Status 1 when there is something to fix, 0 when not, 2 after an I/O error."""
    from . import fixes

    fixed = files = unsafe = total = 0
    for job, result in zip(jobs, results, strict=True):
        diagnostics = list(result.diagnostics)
        total += len(diagnostics)
        edits = fixes.applicable(diagnostics, options.unsafe_fixes)
        if not options.unsafe_fixes:
            unsafe += sum(
                1
                for d in diagnostics
                if d.fix and d.fix.edits and d.fix.applicability is Applicability.UNSAFE
            )
        if not edits:
            continue
        after = fixes.apply(job.source.text, edits)
        stream.write(fixes.unified_diff(job.source.path, job.source.text, after))
        files += 1
        fixed += _fixed_count(diagnostics, edits)
    if not quiet:
        summary = (
            f"would fix {counted(fixed, 'finding')} in {counted(files, 'file')}"
            if files
            else "nothing to fix"
        )
        if unsafe:
            summary += f" ({unsafe} more with --unsafe-fixes)"
        if total > fixed:
            others = counted(total - fixed, "other finding")
            summary += f"; {others}: run without --diff to see them"
        click.echo(f"citelint: {summary}", err=True)
    for message in errors:
        click.echo(f"citelint: {message}", err=True)
    if errors:
        return 2
    return 1 if files else 0


def _apply_fixes(options, jobs, results, errors, fixed_out) -> list[FileResult]:
    """Apply the fixes and check each fixed file again: the report has what remains, and
    each result how many findings were fixed. A document from stdin goes to `fixed_out`
    (stdout), changed or not, as a filter's output does (ruff)."""
    from . import fixes

    out = []
    for job, result in zip(jobs, results, strict=True):
        edits = fixes.applicable(list(result.diagnostics), options.unsafe_fixes)
        text = fixes.apply(job.source.text, edits) if edits else job.source.text
        if job.stdin:
            _write_stdout(encode(job.source, text), fixed_out)
        if not edits:
            out.append(result)
            continue
        if not job.stdin:
            try:
                fixes.write_atomically(job.source, text)
            except InputError as err:
                errors.append(str(err))
                out.append(result)
                continue
        after = _check(job._replace(source=job.source._replace(text=text)))
        out.append(after._replace(fixed=_fixed_count(result.diagnostics, edits)))
    return out


def _fixed_count(diagnostics, edits) -> int:
    """How many of `diagnostics` the `edits` fix (all of a finding's edits applied)."""
    applied = set(edits)
    return sum(1 for d in diagnostics if d.fix and d.fix.edits and applied.issuperset(d.fix.edits))


def _write_stdout(data: bytes, fixed_out: BinaryIO | None) -> None:
    if fixed_out is None:
        sys.stdout.flush()
        fixed_out = sys.stdout.buffer
    fixed_out.write(data)
    fixed_out.flush()


# -- claims ---------------------------------------------------------------------------


def list_claims(
    paths: list[str], specs: tuple[str, ...], fmt: str, stream: TextIO, stdin_filename: str | None
) -> int:
    import json

    from .engine import analyse

    options = Options(paths=paths, facts=specs, stdin_filename=stdin_filename, isolated=False)
    errors: list[str] = []
    jobs = _plan(options, errors)
    rows = []
    for job in jobs:
        table = load_table(job.specs)
        analysis = analyse(job.source.text, table, job.config, job.source.path)
        for ev in analysis.evidence:
            claim = ev.claim
            fit = ev.credited(ev.fits) or ev.fits
            rows.append(
                {
                    "path": job.source.path,
                    "line": claim.span.line,
                    "column": claim.span.column,
                    "end_line": claim.span.end_line,
                    "end_column": claim.span.end_column,
                    **claim_data(claim),
                    "sources": sorted(ev.attribution.sources),
                    "attribution": ev.attribution.how,
                    "fact": fit[0].fact.id if fit else None,
                }
            )
    if fmt == "json":
        json.dump(rows, stream, indent=2, ensure_ascii=False)
        stream.write("\n")
    else:
        from .wording import one_line

        for row in rows:
            credited = ", ".join(row["sources"]) or "(uncredited)"
            stream.write(
                f"{row['path']}:{row['line']}:{row['column']}: {one_line(row['text'])}  "
                f"= {number(row['value'])} {row['unit']} {row['qualifier']} "
                f"{_interval(*row['interval'])}  credited: {credited}  "
                f"fact: {row['fact'] or '-'}\n"
            )
    for message in errors:
        click.echo(f"citelint: {message}", err=True)
    return 2 if errors else 0


def _interval(low: float | None, high: float | None) -> str:
    """An interval as a reader writes it: an open end is infinite, `[1.2e12, ∞)`."""
    left = "(-∞" if low is None else f"[{low}"
    right = "∞)" if high is None else f"{high}]"
    return f"{left}, {right}"


# -- facts list -------------------------------------------------------------------------


def list_facts(
    table: FactTable, source_id: str | None, subject: str | None, text: str | None,
    fmt: str, stream: TextIO,
) -> None:  # fmt: skip
    import csv
    import json

    if source_id and table.source(source_id) is None:
        raise click.BadParameter(
            _unknown("source", source_id, [s.id for s in table.sources], table),
            param_hint="'--source'",
        )
    facts = [
        f
        for f in table.facts
        if (not source_id or f.source == source_id)
        and (not subject or subject.lower() in (f.subject or "").lower())
        and (
            not text
            or text.lower()
            in " ".join((f.id, f.metric, f.subject or "", f.quote or "", *f.keywords)).lower()
        )
    ]
    fields = ("source", "id", "value", "unit", "qualifier", "metric", "subject", "as_of")
    rows = [{k: getattr(f, k) for k in fields} for f in facts]
    for row in rows:
        row["value"] = number(row["value"])
    if fmt == "json":
        json.dump(rows, stream, indent=2, ensure_ascii=False)
        stream.write("\n")
    elif fmt == "csv":
        writer = csv.DictWriter(stream, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    else:
        from .wording import value as written

        def amount(f) -> str:  # 41, 17.1, 10 billion, 1.2 trillion: the unit has its column
            plain = f.unit in {"percent", "pp", "times"}
            return written(f.value, "score" if plain else "count")

        header = ("SOURCE", "ID", "VALUE", "UNIT", "AS OF", "METRIC")
        lines = [
            (f.source, f.id, " ".join(filter(None, (f.qualifier, amount(f)))), f.unit,
             f.as_of or "", f.metric)
            for f in facts
        ]  # fmt: skip
        widths = [max([len(header[i])] + [len(line[i]) for line in lines]) for i in range(5)]
        for line in [header, *lines]:
            cells = [
                line[i].rjust(widths[i]) if i == 2 else line[i].ljust(widths[i]) for i in range(5)
            ]
            stream.write("  ".join(cells) + "  " + line[5] + "\n")
        stream.write(f"{len(facts)} of {len(table.facts)} facts\n")


# -- facts validate ----------------------------------------------------------------------


def validate_facts(
    specs: tuple[str, ...], unused_in: tuple[str, ...], strict: bool, fmt: str, stream: TextIO
) -> int:
    """The schema (CL901, status 2), then the checks of `facttable.checks`: errors give
    status 2, warnings status 1 with `strict`, else 0."""
    import json

    from .facttable.checks import check_table, unused

    try:
        table = load_table(specs)
    except TableFailure as failure:
        return _report_schema_problems(specs, failure.problems, fmt, stream)
    findings = check_table(table)
    if unused_in:
        try:
            drafts = [read(path) for path, _ in discover(list(unused_in))]
        except InputError as err:
            raise Failure(str(err)) from None
        findings += unused(table, [(d.path, d.text) for d in drafts])
    errors = sum(f.severity == "error" for f in findings)
    warnings = len(findings) - errors
    where = ", ".join(table.paths) or "the bundled pack"
    if fmt == "json":
        data = {
            "ok": not errors,
            "paths": list(table.paths),
            "sources": len(table.sources),
            "facts": len(table.facts),
            "errors": errors,
            "warnings": warnings,
            "findings": [f.data() for f in findings],
        }
        json.dump(data, stream, indent=2, ensure_ascii=False)
        stream.write("\n")
    else:
        for finding in findings:
            stream.write(f"{finding}\n")
        counts = f"{len(table.facts)} facts from {len(table.sources)} sources in {where}"
        if errors:
            stream.write(f"{errors} error(s), {warnings} warning(s): {counts}\n")
        else:
            stream.write(f"ok: {counts}" + (f" ({warnings} warning(s))" if warnings else "") + "\n")
    if errors:
        return 2
    return 1 if strict and warnings else 0


def _report_schema_problems(
    specs: tuple[str, ...], problems: tuple[Problem, ...], fmt: str, stream: TextIO
) -> int:
    """A table that fails the schema, reported as `facts validate` reports a table that
    loads (same stream, same shape; kind `invalid-fact-table`, CL901): status 2. The
    consistency checks need a table that loads, so `sources` and `facts` are null."""
    import json

    from .facttable.checks import Finding

    findings = [
        Finding("error", "invalid-fact-table", p.path, p.line, p.field, p.message) for p in problems
    ]
    if fmt == "json":
        data = {
            "ok": False, "paths": list(specs), "sources": None, "facts": None,
            "errors": len(findings), "warnings": 0, "findings": [f.data() for f in findings],
        }  # fmt: skip
        stream.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    else:
        for finding in findings:
            stream.write(f"{finding}\n")
        where = ", ".join(specs) or "the bundled pack"
        stream.write(
            f"{len(findings)} error(s), 0 warning(s): the table in {where} cannot be used "
            "(CL901); the consistency checks run once it loads\n"
        )
    return 2


def _unknown(kind: str, given: str, ids: list[str], table: FactTable) -> str:
    """The message for an id the table lacks, with the closest ids (difflib), e.g.
    `no source 'x' in facts.yaml (did you mean ...?)`."""
    import difflib

    close = difflib.get_close_matches(given, ids, n=3, cutoff=0.5)
    hint = f" (did you mean {', '.join(close)}?)" if close else ""
    return f"no {kind} {given!r} in {', '.join(table.paths) or 'the table'}{hint}"


# -- facts show ----------------------------------------------------------------------------


def fact_citations(table: FactTable, fact_id: str, paths: tuple[str, ...]) -> list[dict]:
    """The claims in the drafts under `paths` whose best fit is the fact."""
    from .engine import analyse

    try:
        found = [read(path) for path, _ in discover(list(paths))]
    except InputError as err:
        raise Failure(str(err)) from None
    rows = []
    for source in found:
        analysis = analyse(source.text, table, path=source.path)
        codes: dict[tuple[int, int], list[str]] = {}
        for d in analysis.diagnostics:
            codes.setdefault((d.start, d.end), []).append(d.code)
        for ev in analysis.evidence:
            best = ev.credited(ev.fits) or ev.fits
            if not best or best[0].fact.id != fact_id:
                continue
            claim = ev.claim
            rows.append(
                {
                    "path": source.path,
                    "line": claim.span.line,
                    "column": claim.span.column,
                    "text": claim.text,
                    "sentence": claim.sentence,
                    "sources": sorted(ev.attribution.sources),
                    "codes": codes.get((claim.span.start, claim.span.end), []),
                }
            )
    return rows


def show_fact(
    table: FactTable, fact_id: str, drafts: tuple[str, ...], fmt: str, stream: TextIO
) -> int:
    import json

    from . import wording

    fact = table.fact(fact_id)
    if fact is None:
        raise Failure(_unknown("fact", fact_id, [f.id for f in table.facts], table))
    source = table.source(fact.source)
    supersedes = [f.id for f in table.facts if f.superseded_by == fact.id]
    citations = fact_citations(table, fact.id, drafts) if drafts else []
    if fmt == "json":
        data = {
            name: getattr(fact, name)
            for name in (
                "id", "source", "value", "unit", "qualifier", "metric", "subject", "keywords",
                "as_of", "superseded_by", "quote", "quoted_in", "quoted_from", "primary_url",
                "status", "notes",
            )
        }  # fmt: skip
        data["keywords"], data["quoted_in"] = list(fact.keywords), list(fact.quoted_in)
        data["supersedes"] = supersedes
        data["defined_at"] = str(fact.origin) if fact.origin else None
        data["source"] = (
            {
                name: getattr(source, name)
                for name in ("id", "name", "publisher", "url", "published", "notes")
            }
            | {"aliases": list(source.aliases), "keys": list(source.keys)}
            if source
            else {"id": fact.source}
        )
        if drafts:
            data["drafts"] = citations
        json.dump(data, stream, indent=2, ensure_ascii=False)
        stream.write("\n")
        return 0
    rows: list[tuple[str, str]] = [
        ("value", wording.fact_value(fact) + f"  ({number(fact.value)} {fact.unit})"),
        ("metric", fact.metric),
        ("subject", fact.subject or ""),
        ("keywords", ", ".join(fact.keywords)),
        ("as of", fact.as_of or ""),
        ("superseded by", fact.superseded_by or ""),
        ("supersedes", ", ".join(supersedes)),
    ]
    if source is not None:
        published = f" ({source.published})" if source.published else ""
        rows.append(("source", f"{source.id}: {wording.source_ref(source)}{published}"))
        rows.append(("source url", source.url or ""))
        rows.append(("source aliases", ", ".join(source.aliases)))
    else:
        rows.append(("source", f"{fact.source} (not in the table)"))
    rows += [
        ("quote", f"“{fact.quote}”" if fact.quote else ""),
        ("quoted in", ", ".join(fact.quoted_in)),
        ("quoted from", fact.quoted_from or ""),
        ("primary url", fact.primary_url or ""),
        ("status", fact.status or ""),
        ("notes", " ".join((fact.notes or "").split())),
        ("defined at", str(fact.origin) if fact.origin else ""),
    ]
    stream.write(f"{fact.id}\n")
    width = max(len(label) for label, _ in rows)
    for label, value in rows:
        if value:
            stream.write(f"  {label + ':':<{width + 1}} {value}\n")
    if drafts:
        stream.write(f"\nclaims in {', '.join(drafts)} that fit it best: {len(citations)}\n")
        for row in citations:
            credited = ", ".join(row["sources"]) or "uncredited"
            codes = f" [{', '.join(row['codes'])}]" if row["codes"] else ""
            stream.write(
                f"  {row['path']}:{row['line']}:{row['column']}: {row['text']} "
                f"(credited: {credited}){codes}\n      {row['sentence']}\n"
            )
    return 0


# -- facts extract -----------------------------------------------------------------------------


def extract_facts(
    sources: list[str], given, output: str | None, into: str | None, stream: TextIO
) -> int:
    """Write a draft fact table of the documents (or add it to `into`); status 0, or 2
    when a document or the table cannot be read."""
    import os
    import tempfile

    from . import extract, sourcedocs
    from .facttable import load_facts
    from .wording import fact_value

    try:
        paths = sourcedocs.discover(sources)
        docs = [sourcedocs.read(path) for path in paths]
    except InputError as err:
        raise Failure(str(err)) from None
    if len(docs) > 1 and (given.id or given.name or given.url):
        raise Failure("--source-id, --name and --url describe one document; give one SOURCE")
    from .facttable.schema import _ID
    from .facttable.values import is_date

    if given.id and not _ID.fullmatch(given.id):
        raise Failure(
            f"--source-id {given.id!r} is not a valid id (letters, digits, '.', '_', ':', '-')"
        )
    if given.published and not is_date(given.published):
        raise Failure(f"--published {given.published!r} is not a date such as 2026-01-21")
    ids: dict[str, str] = {}
    for doc in docs:
        sid = given.id or doc.id
        if sid in ids:
            raise Failure(f"{doc.path} and {ids[sid]} would both be source {sid!r}; rename one")
        ids[sid] = doc.path
    known = None
    into_text = ""
    if into:
        if os.path.splitext(into)[1].lower() not in {".yaml", ".yml"}:
            raise Failure(f"{into}: --merge adds to a YAML table (.yaml or .yml)")
        known = load_table((into,))
        with open(into, encoding="utf-8-sig") as file:
            into_text = file.read()
    result = extract.draft(docs, given, known)
    merged = None
    if into and known is not None:
        merged = extract.merge(into_text, known, result)
        text = merged.text
        target = output or into
    else:
        text = extract.render(result)
        target = output
    # The table must load: check it before anything is written.
    with tempfile.NamedTemporaryFile(
        "w", suffix=".yaml", delete=False, encoding="utf-8",
        dir=os.path.dirname(os.path.abspath(target)) if target and target != "-" else None,
    ) as tmp:  # fmt: skip
        tmp.write(text)
    try:
        load_facts([tmp.name])
    except FactTableError as err:
        os.unlink(tmp.name)
        raise Failure(f"the extracted table does not load (please report this): {err}") from None
    if target and target != "-":
        os.replace(tmp.name, target)
    else:
        os.unlink(tmp.name)
        stream.write(text)
    shown = target if target and target != "-" else "stdout"
    if merged is not None:
        click.echo(
            f"citelint: {shown}: added {len(merged.added_facts)} fact(s) and "
            f"{len(merged.added_sources)} source(s); kept {len(merged.kept)} already in "
            f"{into}; {len(merged.conflicts)} conflict(s)",
            err=True,
        )
        for candidate, existing in merged.conflicts:
            where = f"{existing.origin}" if existing.origin else into
            click.echo(
                f"{where}: conflict: {existing.id} says {fact_value(existing)} for "
                f"{existing.metric!r}"
                + (f" ({existing.subject})" if existing.subject else "")
                + f"; {candidate.source} now says {fact_value(candidate)}: “{candidate.quote}” "
                "(not added)",
                err=True,
            )
    else:
        click.echo(
            f"citelint: {shown}: {len(result.facts)} candidate fact(s) from {len(docs)} "
            "document(s); review them before use",
            err=True,
        )
    return 0
