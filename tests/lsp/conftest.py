"""Fixtures for the language-server tests (the helpers live in lsphelpers.py)."""

from lsphelpers import bare_client, client, utf8_client, workspace  # noqa: F401
