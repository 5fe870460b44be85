"""Findings as LSP diagnostics: each finding's range in the negotiated encoding, its
severity, rule link and data, in the JSON form publishDiagnostics sends (built directly,
and reused across edits that leave a finding where it was on screen); and a fact-table or
configuration problem as a diagnostic on that file."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from lsprotocol import types as lsp

from .. import config as configuration
from ..checks import RULES
from ..model import Diagnostic, Problem, Severity
from ..report.sarif import RULES_DOC_URI
from .positions import LineIndex

SOURCE = "citelint"
#: `codeDescription.href` of each rule (`{code}` and `{name}` are filled in): the
#: rule's page in the repository's docs/rules/, the same URL SARIF's helpUri uses.
RULES_URL = f"{RULES_DOC_URI}/{{code}}.md"
_SEVERITY = {
    Severity.ERROR: lsp.DiagnosticSeverity.Error,
    Severity.WARNING: lsp.DiagnosticSeverity.Warning,
    Severity.INFO: lsp.DiagnosticSeverity.Information,
}


@dataclass(frozen=True, slots=True)
class Converter:
    """Converts for the session as it is now: its position encoding, its `rulesUrl`
    setting and its protocol's converter from JSON to lsprotocol objects."""

    encoding: str
    rules_url: str | None
    structure: Callable[[Any, type[lsp.Diagnostic]], lsp.Diagnostic]

    def rule_href(self, code: str) -> str:
        rule = RULES.get(code)
        name = rule.name if rule else code.lower()
        template = self.rules_url or RULES_URL
        try:
            return template.format(code=code, name=name)
        except (KeyError, IndexError, ValueError):
            return RULES_URL.format(code=code)

    def published(
        self, findings: list[Diagnostic], index: LineIndex, before: dict[tuple, dict[str, Any]]
    ) -> tuple[list[dict[str, Any]], dict[tuple, dict[str, Any]]]:
        """Findings as publishDiagnostics sends them (the JSON form of `diagnostic`),
        and what to pass as `before` next time. An edit moves most findings in the
        text but not on screen, so those in `before` are reused."""
        now: dict[tuple, dict[str, Any]] = {}
        out = []
        for d in findings:
            start = index.line_character(d.start, self.encoding)
            end = index.line_character(d.end, self.encoding)
            fix = d.fix.applicability.value if d.fix else None
            key = (start, end, d.code, d.message, d.severity, d.fact, d.source, d.rule, fix)
            converted = now.get(key) or before.get(key) or self._json(d, start, end, fix)
            now[key] = converted
            out.append(converted)
        return out, now

    def diagnostic(self, d: Diagnostic, index: LineIndex) -> lsp.Diagnostic:
        start = index.line_character(d.start, self.encoding)
        end = index.line_character(d.end, self.encoding)
        data = self._json(d, start, end, d.fix.applicability.value if d.fix else None)
        return self.structure(data, lsp.Diagnostic)

    def _json(
        self, d: Diagnostic, start: tuple[int, int], end: tuple[int, int], fix: str | None
    ) -> dict[str, Any]:
        """What pygls's converter makes of the lsp.Diagnostic for a finding, built
        directly: converting hundreds of attrs objects would delay the publish."""
        return {
            "range": {
                "start": {"line": start[0], "character": start[1]},
                "end": {"line": end[0], "character": end[1]},
            },
            "message": d.message,
            "severity": _SEVERITY.get(d.severity, lsp.DiagnosticSeverity.Warning).value,
            "code": d.code,
            "codeDescription": {"href": self.rule_href(d.code)},
            "source": SOURCE,
            "data": {"fact": d.fact, "source": d.source, "rule": d.rule, "fix": fix},
        }

    def problem(self, problem: Problem, text: str) -> lsp.Diagnostic:
        """A fact-table (CL901) or configuration problem, on its whole line of `text`
        (the file's text)."""
        line = max(problem.line - 1, 0)
        index = LineIndex(text)
        if line >= len(index.starts):
            line = len(index.starts) - 1
        start = index.starts[line]
        table_problem = not problem.path.endswith(configuration.CONFIG_NAMES)
        message = f"{problem.field}: {problem.message}" if problem.field else problem.message
        link = lsp.CodeDescription(href=self.rule_href("CL901")) if table_problem else None
        return lsp.Diagnostic(
            range=index.range(start, index.line_end(line), self.encoding),
            message=message,
            severity=lsp.DiagnosticSeverity.Error,
            code="CL901" if table_problem else None,
            code_description=link,
            source=SOURCE,
        )
