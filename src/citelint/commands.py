"""The commands other than `check`: listing claims, explaining rules, the fact-table
tools and the language server. `cli` imports this module only when one is named."""

from __future__ import annotations

import gc
import sys

import click

from .cli import SOURCES_HELP, input_paths, source_specs
from .runner import Failure


@click.command()
@click.argument("paths", nargs=-1)
@click.option(
    "--facts", "facts", multiple=True, help="Fact table (repeatable); default: the bundled pack."
)
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@click.option("--stdin-filename", help="Name of the file read from stdin.")
@click.option("--sources", multiple=True, type=click.Path(exists=True), help=SOURCES_HELP)
def claims(paths, facts, fmt, stdin_filename, sources) -> None:
    """List every statistical claim found, with the sources it is credited to."""
    from .runner import list_claims

    specs = tuple(facts) + source_specs(sources)
    paths = input_paths(paths, stdin_filename)
    sys.exit(list_claims(paths, specs, fmt, sys.stdout, stdin_filename))


@click.command()
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


@click.group()
def facts() -> None:
    """Validate, list, show and extract fact tables."""


@facts.command("validate")
@click.argument("paths", nargs=-1)
@click.option("--facts", "facts", multiple=True, help="Fact table (repeatable; the same as PATHS).")
@click.option(
    "--unused-in",
    "unused_in",
    type=click.Path(exists=True),
    multiple=True,
    help="Also warn about facts that no claim in the drafts of this folder fits.",
)
@click.option("--strict", is_flag=True, help="Exit 1 on warnings too.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
def facts_validate(paths, facts, unused_in, strict, fmt) -> None:  # fmt: skip
    """Check fact tables: the schema, then conflicting facts, superseded chains that go
    back in time, aliases several sources share, and (--unused-in) facts no draft uses.

    Exit status: 2 for errors, 1 for warnings with --strict, else 0."""
    from .runner import validate_facts

    sys.exit(validate_facts(tuple(paths) + tuple(facts), unused_in, strict, fmt, sys.stdout))


@facts.command("list")
@click.argument("paths", nargs=-1)
@click.option("--facts", "facts", multiple=True, help="Fact table (repeatable; the same as PATHS).")
@click.option("--source", "source_id", help="Only facts of this source id.")
@click.option("--subject", help="Only facts whose subject contains this text.")
@click.option("--grep", "text", help="Only facts whose id, metric or keywords contain this text.")
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json", "csv"]), default="text", show_default=True
)
def facts_list(paths, facts, source_id, subject, text, fmt) -> None:
    """List facts: source, id, value, unit, metric, as-of."""
    from .runner import list_facts, load_table

    table = load_table(tuple(paths) + tuple(facts))
    list_facts(table, source_id, subject, text, fmt, sys.stdout)


@facts.command("show")
@click.argument("fact_id")
@click.argument("paths", nargs=-1)
@click.option("--facts", "facts", multiple=True, help="Fact table (repeatable; the same as PATHS).")
@click.option(
    "--drafts",
    type=click.Path(exists=True),
    multiple=True,
    help="List the claims in the drafts of this folder (or file) it fits best.",
)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
def facts_show(fact_id, paths, facts, drafts, fmt) -> None:  # fmt: skip
    """Show one fact with its source and provenance (default table: the bundled pack)."""
    from .runner import load_table, show_fact

    table = load_table(tuple(paths) + tuple(facts))
    sys.exit(show_fact(table, fact_id, drafts, fmt, sys.stdout))


@facts.command("extract")
@click.argument("sources", nargs=-1, required=True, type=click.Path(exists=True))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, allow_dash=True),
    help="Write the table to this file (default: stdout; with --merge: INTO itself).",
)
@click.option("--source-id", help="The source's id (default: the file stem). One document only.")
@click.option("--name", help="The source's name (default: the title in its front matter).")
@click.option("--publisher", help="The source's publisher (default: publisher or outlet).")
@click.option("--url", help="The source's URL (default: url in its front matter).")
@click.option("--published", help="The source's publication date (default: front matter date).")
@click.option(
    "--merge",
    "into",
    type=click.Path(exists=True, dir_okay=False),
    help="Add to this YAML table, keeping its entries as they are; report conflicts.",
)
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


@click.command()
def server() -> None:
    """Run the language server on stdio."""
    gc.enable()  # `__main__.main` turned it off for a command that ends: this one lives on
    try:
        from .lsp import serve
    except ImportError as err:
        raise Failure(
            f"the language server needs pygls: pip install 'citelint[lsp]' ({err})"
        ) from None
    serve()
