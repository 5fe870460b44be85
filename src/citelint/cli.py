"""The `citelint` command line: a thin shell over `engine.analyse`.

Exit status: 0 no finding at or above --fail-on, 1 findings, 2 usage,
configuration, fact-table or I/O error.
"""

from __future__ import annotations

import gc
import sys

import click

from .runner import Failure

FORMATS = ("text", "json", "sarif", "github", "html")


_SOURCES_HELP = (
    "Folder (or file) of source documents (.md, .txt, .html), each used as a source whose "
    "facts are the figures it states (repeatable). Without --facts, no fact table is used."
)


def _source_specs(sources: tuple[str, ...]) -> tuple[str, ...]:
    """`--sources DIR` travels with the fact-table specs as `sources:DIR`."""
    if not sources:
        return ()
    from .sourcedocs import PREFIX

    return tuple(PREFIX + path for path in sources)


def _codes(value: str | None) -> tuple[str, ...]:
    if not value:
        return ()
    return tuple(c.strip().upper() for c in value.replace(" ", ",").split(",") if c.strip())


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="citelint")
def main() -> None:
    """citelint: check every statistic in a Markdown draft against its source."""


@main.command()
@click.argument("paths", nargs=-1)
@click.option("--facts", "facts", multiple=True, help="Fact table (repeatable; pack:NAME for a pack). Replaces the bundled pack.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write the report to a file.")
@click.option("--select", help="Only these codes or prefixes (comma-separated).")
@click.option("--ignore", help="Skip these codes or prefixes (comma-separated).")
@click.option("--fail-on", type=click.Choice(["error", "warning", "info"]), help="Lowest severity that fails (default warning).")
@click.option("--fix", is_flag=True, help="Apply safe fixes in place.")
@click.option("--unsafe-fixes", is_flag=True, help="With --fix or --diff, include unsafe fixes.")
@click.option("--diff", is_flag=True, help="Show fixes as a unified diff; write nothing.")
@click.option("--stdin-filename", help="Name of the file read from stdin (for messages and configuration).")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Use this configuration file.")
@click.option("--isolated", is_flag=True, help="Ignore configuration files.")
@click.option("--force-exclude", is_flag=True, help="Apply the configuration's exclude patterns to paths given explicitly too.")
@click.option("--jobs", "-j", type=click.IntRange(1, 64), default=1, show_default=True, help="Check files in N processes.")
@click.option("--quiet", "-q", is_flag=True, help="Print findings only: no excerpts, no summary.")
@click.option("--sources", multiple=True, type=click.Path(exists=True), help=_SOURCES_HELP)
def check(paths, facts, fmt, output, select, ignore, fail_on, fix, unsafe_fixes, diff,
          stdin_filename, config_path, isolated, force_exclude, jobs, quiet, sources) -> None:  # fmt: skip
    """Check Markdown files or folders (default: the current folder; - reads stdin)."""
    from .runner import Options, run

    options = Options(
        paths=list(paths) or ["."],
        facts=tuple(facts) + _source_specs(sources),
        select=_codes(select),
        ignore=_codes(ignore),
        fail_on=fail_on,
        fix=fix,
        unsafe_fixes=unsafe_fixes,
        diff=diff,
        stdin_filename=stdin_filename,
        config_path=config_path,
        isolated=isolated,
        force_exclude=force_exclude,
        jobs=jobs,
    )
    stream = open(output, "w", encoding="utf-8") if output else sys.stdout  # noqa: SIM115
    try:
        status = run(options, fmt, stream, quiet=quiet, color=stream.isatty() and not output)
    finally:
        if output:
            stream.close()
    sys.exit(status)


@main.command()
@click.argument("paths", nargs=-1)
@click.option("--facts", "facts", multiple=True, help="Fact table (repeatable); default: the bundled pack.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--stdin-filename", help="Name of the file read from stdin.")
@click.option("--sources", multiple=True, type=click.Path(exists=True), help=_SOURCES_HELP)
def claims(paths, facts, fmt, stdin_filename, sources) -> None:
    """List every statistical claim found, with the sources it is credited to."""
    from .runner import list_claims

    specs = tuple(facts) + _source_specs(sources)
    sys.exit(list_claims(list(paths) or ["."], specs, fmt, sys.stdout, stdin_filename))


@main.command()
@click.argument("code", required=False)
@click.option("--all", "show_all", is_flag=True, help="Explain every rule.")
def rule(code, show_all) -> None:
    """Explain a rule: what it does, why, an example, and how its fix behaves."""
    from .checks import BY_NAME, RULES

    if show_all:
        for r in RULES.values():
            click.echo(f"# {r.code} {r.name} ({r.severity.value})\n\n{r.doc}\n")
        return
    if not code:
        for r in RULES.values():
            click.echo(f"{r.code}  {r.name:<24} {r.severity.value:<8} {r.summary}")
        return
    found = RULES.get(code.upper()) or BY_NAME.get(code.lower())
    if found is None:
        raise Failure(f"unknown rule '{code}' (see `citelint rule` for the list)")
    click.echo(f"# {found.code} {found.name} ({found.severity.value})\n\n{found.doc}")


@main.group()
def facts() -> None:
    """Validate, list, show and extract fact tables."""


@facts.command("validate")
@click.argument("paths", nargs=-1)
@click.option("--unused-in", "unused_in", type=click.Path(exists=True), multiple=True,
              help="Also warn about facts that no claim in the drafts of this folder fits.")
@click.option("--strict", is_flag=True, help="Exit 1 on warnings too.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
def facts_validate(paths, unused_in, strict, fmt) -> None:  # fmt: skip
    """Check fact tables: the schema, then conflicting facts, superseded chains that go
    back in time, aliases several sources share, and (--unused-in) facts no draft uses.

    Exit status: 2 for errors, 1 for warnings with --strict, else 0."""
    from .runner import validate_facts

    sys.exit(validate_facts(tuple(paths), unused_in, strict, fmt, sys.stdout))


@facts.command("list")
@click.argument("paths", nargs=-1)
@click.option("--source", "source_id", help="Only facts of this source id.")
@click.option("--subject", help="Only facts whose subject contains this text.")
@click.option("--grep", "text", help="Only facts whose id, metric or keywords contain this text.")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "csv"]), default="text", show_default=True)
def facts_list(paths, source_id, subject, text, fmt) -> None:
    """List facts: source, id, value, unit, metric, as-of."""
    from .runner import list_facts, load_table

    table = load_table(tuple(paths))
    list_facts(table, source_id, subject, text, fmt, sys.stdout)


@facts.command("show")
@click.argument("fact_id")
@click.argument("paths", nargs=-1)
@click.option("--facts", "facts", multiple=True, help="Fact table (repeatable; the same as PATHS).")
@click.option("--drafts", type=click.Path(exists=True), multiple=True,
              help="List the claims in the drafts of this folder (or file) it fits best.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
def facts_show(fact_id, paths, facts, drafts, fmt) -> None:  # fmt: skip
    """Show one fact with its source and provenance (default table: the bundled pack)."""
    from .runner import load_table, show_fact

    table = load_table(tuple(paths) + tuple(facts))
    sys.exit(show_fact(table, fact_id, drafts, fmt, sys.stdout))


@facts.command("extract")
@click.argument("sources", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True),
              help="Write the table to this file (default: stdout; with --merge: INTO itself).")
@click.option("--source-id", help="The source's id (default: the file stem). One document only.")
@click.option("--name", help="The source's name (default: the title in its front matter).")
@click.option("--publisher", help="The source's publisher (default: publisher or outlet).")
@click.option("--url", help="The source's URL (default: url in its front matter).")
@click.option("--published", help="The source's publication date (default: front matter date).")
@click.option("--merge", "into", type=click.Path(exists=True, dir_okay=False),
              help="Add to this YAML table, keeping its entries as they are; report conflicts.")
def facts_extract(
    sources, output, source_id, name, publisher, url, published, into
) -> None:  # fmt: skip
    """Draft a fact table from source documents (Markdown, text, HTML): one candidate
    fact per statistic, with its sentence as quote and suggested metric, subject and
    keywords. Review it before use."""
    from .extract import SourceFields
    from .runner import extract_facts

    given = SourceFields(source_id, name, publisher, url, published)
    sys.exit(extract_facts(list(sources), given, output, into, sys.stdout))


@main.command()
def server() -> None:
    """Run the language server on stdio."""
    try:
        from .lsp import serve
    except ImportError as err:
        raise Failure(f"the language server needs pygls: pip install 'citelint[lsp]' ({err})") from None
    serve()


def entry() -> None:
    """The console script (and `python -m citelint`): `main` in a process of its own."""
    try:
        main()
    finally:
        # What is left is freed at exit anyway: frozen, it is not walked again by
        # CPython's last collection (~6% of the time a one-file check takes).
        gc.freeze()


if __name__ == "__main__":  # pragma: no cover
    entry()
