"""citelint: a citation-aware Markdown linter."""
