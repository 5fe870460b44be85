"""`python -m citelint` runs the command line."""

from .cli import entry

entry()
