"""The citelint language server (see `server`)."""

from .server import RULES_URL, LineIndex, Settings, _disable_line_edit, serve

__all__ = ["RULES_URL", "LineIndex", "Settings", "_disable_line_edit", "serve"]
