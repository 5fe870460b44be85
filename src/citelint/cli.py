"""The `citelint` command line: a thin shell over `engine.analyse`.

Exit status: 0 no finding at or above --fail-on, 1 findings, 2 usage,
configuration, fact-table or I/O error.
"""

from __future__ import annotations

import sys

import click

from .runner import Failure

FORMATS = ("text", "json", "sarif", "github", "html")


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
def check(paths, facts, fmt, output, select, ignore, fail_on, fix, unsafe_fixes, diff,
          stdin_filename, config_path, isolated, force_exclude, jobs, quiet) -> None:  # fmt: skip
    """Check Markdown files or folders (default: the current folder; - reads stdin)."""
    from .runner import Options, run

    options = Options(
        paths=list(paths) or ["."],
        facts=tuple(facts),
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
def claims(paths, facts, fmt, stdin_filename) -> None:
    """List every statistical claim found, with the sources it is credited to."""
    from .runner import list_claims

    sys.exit(list_claims(list(paths) or ["."], tuple(facts), fmt, sys.stdout, stdin_filename))


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
    """Validate, list and extract fact tables."""


@facts.command("validate")
@click.argument("paths", nargs=-1)
def facts_validate(paths) -> None:
    """Check fact tables against the schema (default: the bundled pack)."""
    from .runner import load_table

    table = load_table(tuple(paths))
    click.echo(
        f"ok: {len(table.facts)} facts from {len(table.sources)} sources in "
        f"{', '.join(table.paths) or 'the bundled pack'}"
    )


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


@main.command()
def server() -> None:
    """Run the language server on stdio."""
    try:
        from .lsp import serve
    except ImportError as err:
        raise Failure(f"the language server needs pygls: pip install 'citelint[lsp]' ({err})") from None
    serve()


if __name__ == "__main__":  # pragma: no cover
    main()
