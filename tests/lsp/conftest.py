"""Fixtures for the language-server tests (the helpers live in lsphelpers.py)."""

from lsphelpers import client, utf8_client, workspace  # noqa: F401
