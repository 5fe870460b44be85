"""What `citelint check` and `citelint claims` do with files: find them, pick their
configuration and fact table, check them, fix them, and report."""

from __future__ import annotations

import csv
import importlib
import json
import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import TextIO

import click

from .config import Config, ConfigError, find_config, load_config
from .files import InputError, SourceFile, decode, discover, read
from .model import FactTable, FactTableError, Severity
from .report import FileResult, sources_for
from .report.serialize import claim_data, number


class Failure(click.ClickException):
    """Ends the command with status 2 and a message on stderr."""

    exit_code = 2

    def show(self, file=None) -> None:
        click.echo(f"citelint: {self.message}", err=True)


@dataclass(frozen=True)
class Options:
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


# -- fact tables --------------------------------------------------------------------


@lru_cache(maxsize=16)
def load_table(specs: tuple[str, ...]) -> FactTable:
    """The fact tables named by `specs` (paths or pack:NAME), or the bundled pack.
    A bad table is reported as CL901 problems and ends the command (status 2)."""
    from .facttable import load_facts
    from .packs import bundled_facts, resolve

    try:
        if not specs:
            return bundled_facts()
        paths: list[Path] = []
        for spec in specs:
            paths += resolve(spec)
        return load_facts(paths)
    except FactTableError as err:
        for problem in err.problems:
            where = f"{problem.path}:{problem.line}" if problem.line else problem.path
            field = f"{problem.field}: " if problem.field else ""
            click.echo(f"{where}: CL901 [error] {field}{problem.message}", err=True)
        raise Failure(f"invalid fact table ({len(err.problems)} problem(s)); nothing was checked") from None
    except (ValueError, LookupError, OSError) as err:
        raise Failure(str(err)) from None


def table_error_data(err: FactTableError) -> list[dict]:
    return [
        {"path": p.path, "line": p.line, "column": 1, "end_line": p.line, "end_column": 1,
         "code": "CL901", "rule": "invalid-fact-table", "severity": "error",
         "message": f"{p.field}: {p.message}" if p.field else p.message,
         "claim": None, "fact": None, "source": None, "fix": None}
        for p in err.problems
    ]  # fmt: skip


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
        config = replace(config, select=options.select)
    if options.ignore:
        config = replace(config, ignore=config.ignore + options.ignore)
    if options.fail_on:
        config = replace(config, fail_on=Severity(options.fail_on))
    return config


# -- check ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Job:
    source: SourceFile
    specs: tuple[str, ...]
    config: Config


def _check(job: Job) -> FileResult:
    from .engine import analyse

    table = load_table(job.specs)
    analysis = analyse(job.source.text, table, job.config, job.source.path)
    return FileResult(
        job.source.path,
        job.source.text,
        analysis.diagnostics,
        len(analysis.evidence),
        evidence=analysis.evidence,
        sources=sources_for(table, analysis.evidence, analysis.diagnostics),
    )


def run(options: Options, fmt: str, stream: TextIO, quiet: bool = False, color: bool = False) -> int:
    errors: list[str] = []
    jobs = _plan(options, errors)
    for specs in dict.fromkeys(job.specs for job in jobs):
        try:
            load_table(specs)
        except Failure:
            if fmt == "json":
                _dump_table_errors(specs, stream)
            raise
    if options.jobs > 1 and len(jobs) > 1:
        with ProcessPoolExecutor(max_workers=options.jobs) as pool:
            results = list(pool.map(_check, jobs, chunksize=max(1, len(jobs) // (4 * options.jobs))))
    else:
        results = [_check(job) for job in jobs]
    if options.fix or options.diff:
        results = _apply_fixes(options, jobs, results, errors, stream)
    renderer = _renderer(fmt)
    renderer(results, stream, quiet=quiet, color=color)
    for message in errors:
        click.echo(f"citelint: {message}", err=True)
    if errors:
        return 2
    fail_on = {job.source.path: job.config.fail_on for job in jobs}
    failed = any(
        d.severity.rank >= fail_on[r.path].rank for r in results for d in r.diagnostics
    )
    return 1 if failed else 0


def _dump_table_errors(specs: tuple[str, ...], stream: TextIO) -> None:
    from .facttable import load_facts
    from .packs import resolve

    try:
        load_facts([p for spec in specs for p in resolve(spec)])
    except FactTableError as err:
        json.dump(table_error_data(err), stream, indent=2)
        stream.write("\n")
    except (ValueError, LookupError, OSError):
        pass


def _plan(options: Options, errors: list[str]) -> list[Job]:
    jobs: list[Job] = []
    try:
        found = list(_discover(options.paths, errors))
    except OSError as err:
        raise Failure(str(err)) from None
    for path, explicit in found:
        try:
            config = config_for(options.stdin_filename or path if path == "-" else path, options)
        except ConfigError as err:
            raise Failure(str(err)) from None
        display = (options.stdin_filename or "-") if path == "-" else path
        if config.excluded(display) and (not explicit or options.force_exclude):
            continue
        try:
            source = _read(path, display)
        except InputError as err:
            errors.append(str(err))
            continue
        specs = options.facts or config.facts
        jobs.append(Job(source, tuple(specs), config))
    # Files that were all excluded are fine (a hook run on archived drafts only).
    if not found and not errors and options.paths != ["-"]:
        errors.append(f"no Markdown files found in {', '.join(options.paths)}")
    return jobs


def _discover(paths: list[str], errors: list[str]):
    for given in paths:
        try:
            yield from discover([given])
        except InputError as err:
            errors.append(str(err))


def _read(path: str, display: str) -> SourceFile:
    if path == "-":
        try:
            raw = sys.stdin.buffer.read()
        except (OSError, ValueError) as err:
            raise InputError(f"{display}: cannot read stdin: {err}") from None
        return replace(decode(raw, display), path=display)
    return read(path)


def _renderer(fmt: str):
    try:
        module = importlib.import_module(f".report.{fmt}", __package__)
    except ImportError as err:
        raise Failure(f"format '{fmt}' is not available: {err}") from None
    return module.render


def _apply_fixes(options, jobs, results, errors, stream) -> list[FileResult]:
    from . import fixes

    out = []
    for job, result in zip(jobs, results, strict=True):
        edits = fixes.applicable(list(result.diagnostics), options.unsafe_fixes)
        if not edits:
            out.append(result)
            continue
        fixed = fixes.apply(job.source.text, edits)
        if options.diff:
            stream.write(fixes.unified_diff(job.source.path, job.source.text, fixed))
            out.append(result)
            continue
        if job.source.path == (options.stdin_filename or "-") and options.paths == ["-"]:
            stream.write(fixed)
            out.append(result)
            continue
        try:
            fixes.write_atomically(job.source, fixed)
        except InputError as err:
            errors.append(str(err))
            out.append(result)
            continue
        out.append(_check(Job(replace(job.source, text=fixed), job.specs, job.config)))
    return out


# -- claims ---------------------------------------------------------------------------


def list_claims(
    paths: list[str], specs: tuple[str, ...], fmt: str, stream: TextIO, stdin_filename: str | None
) -> int:
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
        for row in rows:
            low, high = row["interval"]
            credited = ", ".join(row["sources"]) or "(uncredited)"
            stream.write(
                f"{row['path']}:{row['line']}:{row['column']}: {row['text']!s}  "
                f"= {number(row['value'])} {row['unit']} {row['qualifier']} "
                f"[{low}, {high}]  credited: {credited}  fact: {row['fact'] or '-'}\n"
            )
    for message in errors:
        click.echo(f"citelint: {message}", err=True)
    return 2 if errors else 0


# -- facts list -------------------------------------------------------------------------


def list_facts(
    table: FactTable, source_id: str | None, subject: str | None, text: str | None,
    fmt: str, stream: TextIO,
) -> None:  # fmt: skip
    facts = [
        f
        for f in table.facts
        if (not source_id or f.source == source_id)
        and (not subject or subject.lower() in (f.subject or "").lower())
        and (not text or text.lower() in " ".join((f.id, f.metric, *f.keywords)).lower())
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
        from .wording import fact_value

        for f in facts:
            stream.write(f"{f.source:<28} {f.id:<36} {fact_value(f):<24} {f.as_of or '':<10} {f.metric}\n")
        stream.write(f"{len(facts)} of {len(table.facts)} facts\n")
