"""`python -m citelint` and the `citelint` console script: the command line."""

import gc


def main() -> None:
    """The command line in a process of its own, without automatic garbage collection.

    Importing makes thousands of objects that live as long as the process, and checking
    makes the tables, indexes and memo caches that outlive every claim: the automatic
    collections they set off walk them all and free nothing (one in twenty of a one-file
    check's instructions). `runner.run` collects what each file's reading leaves itself;
    the language server, a process that lives on, turns collection back on."""
    gc.disable()
    from .cli import entry

    entry()


if __name__ == "__main__":
    main()
