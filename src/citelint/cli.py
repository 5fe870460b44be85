"""The `citelint` command line: a thin shell over `engine.analyse`.

Exit status: 0 no finding at or above --fail-on, 1 findings, 2 usage,
configuration, fact-table or I/O error.
"""

from __future__ import annotations

import gc
import sys

import click

FORMATS = ("text", "json", "sarif", "github", "html")


SOURCES_HELP = (
    "Folder (or file) of source documents (.md, .txt, .html), each used as a source whose "
    "facts are the figures it states (repeatable). Without --facts, no fact table is used."
)


def source_specs(sources: tuple[str, ...]) -> tuple[str, ...]:
    """`--sources DIR` travels with the fact-table specs as `sources:DIR`."""
    if not sources:
        return ()
    from .sourcedocs import PREFIX

    return tuple(PREFIX + path for path in sources)


def _codes(value: str | None, option: str) -> tuple[str, ...]:
    """The code prefixes a `--select` / `--ignore` value names (codes, prefixes or rule
    names); an unknown one is a usage error (status 2), as in ruff."""
    if not value:
        return ()
    from .selectors import resolve, unknown

    out = []
    for token in filter(None, (c.strip() for c in value.replace(" ", ",").split(","))):
        code = resolve(token)
        if code is None:
            raise click.BadParameter(unknown(token), param_hint=f"'{option}'")
        out.append(code)
    return tuple(out)


def input_paths(paths: tuple[str, ...], stdin_filename: str | None) -> list[str]:
    """The paths to read: `--stdin-filename` alone reads stdin, as in ruff; with other
    paths it needs `-` among them. No paths: the current folder."""
    if stdin_filename is None or "-" in paths:
        return list(paths) or ["."]
    if paths:
        raise click.UsageError(
            "--stdin-filename names the document read from stdin: add '-' to the paths "
            f"({' '.join(paths)}) or drop them"
        )
    return ["-"]


class _Commands(click.Group):
    """`check` is defined here; the other commands, in `commands`, are imported only
    when named or listed: defining their options is start-up a check does not need."""

    elsewhere = ("claims", "facts", "rule", "server")

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.elsewhere})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.elsewhere:
            from . import commands

            return getattr(commands, cmd_name)
        return super().get_command(ctx, cmd_name)


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="citelint")
def main() -> None:
    """citelint: check every statistic in a Markdown draft against its source."""


@main.command()
@click.argument("paths", nargs=-1)
@click.option(
    "--facts",
    "facts",
    multiple=True,
    help="Fact table (repeatable; pack:NAME for a pack). Replaces the bundled pack.",
)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write the report to a file.")
@click.option("--select", help="Only these codes, prefixes or rule names (comma-separated).")
@click.option("--ignore", help="Skip these codes, prefixes or rule names (comma-separated).")
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "info"]),
    help="Lowest severity that fails (default warning).",
)
@click.option("--fix", is_flag=True, help="Apply safe fixes in place.")
@click.option("--unsafe-fixes", is_flag=True, help="With --fix or --diff, include unsafe fixes.")
@click.option(
    "--diff",
    is_flag=True,
    help="Print fixes as a unified diff, and nothing else, on stdout; write nothing. "
    "Exit 1 when there is something to fix.",
)
@click.option(
    "--stdin-filename", help="Name of the file read from stdin (for messages and configuration)."
)
@click.option(
    "--config", "config_path", type=click.Path(dir_okay=False), help="Use this configuration file."
)
@click.option("--isolated", is_flag=True, help="Ignore configuration files.")
@click.option(
    "--force-exclude",
    is_flag=True,
    help="Apply the configuration's exclude patterns to paths given explicitly too.",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(1, 64),
    default=1,
    show_default=True,
    help="Check files in N processes.",
)
@click.option("--quiet", "-q", is_flag=True, help="Print findings only: no excerpts, no summary.")
@click.option("--sources", multiple=True, type=click.Path(exists=True), help=SOURCES_HELP)
@click.option(
    "--no-cache",
    is_flag=True,
    help="Check every file, even one unchanged since the last check (also CITELINT_NO_CACHE=1).",
)
def check(
    paths,
    facts,
    fmt,
    output,
    select,
    ignore,
    fail_on,
    fix,
    unsafe_fixes,
    diff,
    stdin_filename,
    config_path,
    isolated,
    force_exclude,
    jobs,
    quiet,
    sources,
    no_cache,
) -> None:
    """Check Markdown files or folders (default: the current folder; - reads stdin)."""
    from .runner import Options, run

    options = Options(
        paths=input_paths(paths, stdin_filename),
        facts=tuple(facts) + source_specs(sources),
        select=_codes(select, "--select"),
        ignore=_codes(ignore, "--ignore"),
        fail_on=fail_on,
        fix=fix,
        unsafe_fixes=unsafe_fixes,
        diff=diff,
        stdin_filename=stdin_filename,
        config_path=config_path,
        isolated=isolated,
        force_exclude=force_exclude,
        jobs=jobs,
        cache=not no_cache,
    )
    # `--fix` on stdin writes the document to stdout, as a filter does (ruff): the report
    # then goes to --output or stderr.
    fixes_stdin = fix and not diff and "-" in options.paths
    screen = sys.stderr if fixes_stdin else sys.stdout
    stream = open(output, "w", encoding="utf-8") if output else screen  # noqa: SIM115
    try:
        status = run(options, fmt, stream, quiet=quiet, color=stream.isatty() and not output)
    finally:
        if output:
            stream.close()
    sys.exit(status)


def entry() -> None:
    """`main` in a process of its own (`__main__.main`, the console script)."""
    try:
        main()
    finally:
        # What is left is freed at exit anyway: frozen, it is not walked again by
        # CPython's last collection (~6% of the time a one-file check takes).
        gc.freeze()


if __name__ == "__main__":  # pragma: no cover
    entry()
