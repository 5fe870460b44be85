"""One function from Markdown text to findings: what the CLI, the pre-commit hook
and the language server all call.

    document -> claims -> attribution -> matching -> rules -> diagnostics
"""

from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import partial
from typing import NamedTuple

from . import checks, document, wording
from .attribution import Attributor, is_credit
from .checks.base import Finding, Rule
from .claims import (
    extract,
    label_words,
    measure_words,
    names_a_figure_again,
    row_measure_words,
)
from .config import Config
from .indexing import indexes
from .matching import Evidence, FactIndex, gather
from .model import Attribution, Claim, Diagnostic, FactTable
from .names import NameIndex
from .suppressions import Suppressions
from .terms import TermsBefore, terms


class Analysis(NamedTuple):
    """A checked document: its claims, the evidence for each, and the findings."""

    path: str
    document: document.Document
    evidence: tuple[Evidence, ...]
    diagnostics: tuple[Diagnostic, ...]

    @property
    def claims(self) -> tuple[Claim, ...]:
        return tuple(ev.claim for ev in self.evidence)


def analyse(
    text: str,
    facts: FactTable | None = None,
    config: Config | None = None,
    path: str = "<string>",
) -> Analysis:
    """Parse, extract, attribute, match and judge every claim of one document."""
    if facts is None:
        from .packs import bundled_facts

        facts = bundled_facts()
    config = config or Config()
    fact_index, name_index = indexes(facts)
    doc = document.parse(text)
    claims = extract(doc, fact_index, config.tolerances)
    if not claims:  # every rule judges claims: most small pages end here
        return Analysis(path, doc, (), ())
    evidence = gather_evidence(doc, claims, Attributor(doc, name_index), fact_index, config)
    findings = [claim_findings(ev, facts) for ev in evidence]
    suppressions = Suppressions.from_document(doc)
    diagnostics = judge(evidence, findings, facts, config, path, suppressions)
    return Analysis(path, doc, tuple(evidence), tuple(diagnostics))


def gather_evidence(
    doc: document.Document,
    claims: Sequence[Claim],
    attributor: Attributor,
    fact_index: FactIndex,
    config: Config,
) -> list[Evidence]:
    """The evidence for each claim of the document (claims of one block in a row)."""
    name_index = attributor.names
    evidence = []
    before = _TextBefore(doc, fact_index)
    # Per sentence, not per claim: a sentence with thousands of numbers is read once.
    metric_texts: dict[str, str] = {}

    def without_names(sentence: str) -> str:
        metric_text = metric_texts.get(sentence)
        if metric_text is None:
            metric_text = metric_texts[sentence] = _without_names(sentence, name_index)
        return metric_text

    away = _paired_away(doc, claims, fact_index, without_names)

    def read(
        claim: Claim, attribution: Attribution, sentence: str, clause: str, row: bool
    ) -> Evidence:
        metric_text = without_names(sentence)
        return gather(
            fact_index,
            claim,
            attribution,
            sentence,
            clause,
            partial(before.words, claim.block, claim.sentence_range[0]),
            metric_text=metric_text,
            open_ended=config.tolerances.open_ended,
            measure=measure_words(doc.blocks[claim.block].text, claim)
            or (row_measure_words(sentence) if row else "")
            or _label_measure(doc.blocks[claim.block].text, claim, fact_index),
            row=row,
            away=frozenset() if row else away.get(id(claim), frozenset()),
        )

    for claim in claims:
        block = doc.blocks[claim.block]
        row = attributor.row_text(block)
        attribution = attributor.attribute(claim)
        sentence, clause = (claim.sentence, claim.context) if row is None else (row, block.text)
        found = read(claim, attribution, sentence, clause, row is not None)
        # A list item or table cell that says nothing a fact measures ("- Gemini: 21%")
        # reads on from its lead-in's last sentence ("Shares of the chatbot market:"); one
        # that names its own metric is read alone, not mixed with the lead-in's words.
        lead = attributor.lead_in(block.index)
        if lead is not None and not (found.fits or found.other_unit or found.metric):
            lead_block = doc.blocks[lead]
            start, end = lead_block.sentences[-1]
            found = read(
                claim, attribution, f"{lead_block.text[start:end]} {sentence}", clause, False
            )
        elif not (found.fits or found.other_unit or found.metric):
            # "The 41% figure comes from Microsoft": what the figure measures is what the
            # sentence that gave it before says.
            earlier = _given_before(evidence, claim, doc.blocks[claim.block].text)
            if earlier is not None:
                found = read(claim, attribution, f"{earlier.sentence} {sentence}", clause, False)
        evidence.append(found)
    return evidence


def _label_measure(text: str, claim: Claim, index: FactIndex) -> str:
    """What the label opening the claim's block counts, when all its words are metric words
    of the table and none a subject's ("Downloads: Chinese models 41%"): "" otherwise
    ("Update: …", "Bonus number: …")."""
    label = label_words(text, claim)
    words = terms(label) if label else frozenset()
    if words and words <= index.metric_vocabulary and words.isdisjoint(index.subject_vocabulary):
        return label
    return ""


def _given_before(evidence: Sequence[Evidence], claim: Claim, text: str) -> Claim | None:
    """The nearest earlier claim of the same value and unit that `claim` names again."""
    if not names_a_figure_again(text, claim):
        return None
    for ev in reversed(evidence):
        if ev.claim.value == claim.value and ev.claim.unit == claim.unit:
            return ev.claim
    return None


def _paired_away(
    doc: document.Document,
    claims: Sequence[Claim],
    index: FactIndex,
    without_names: Callable[[str], str],
) -> dict[int, frozenset[str]]:
    """By claim id, the subject words a sentence names that the claim is not about, when
    the sentence pairs subjects with figures of one unit (`FactIndex.paired_away`). The
    sources it credits are no subjects ("Hugging Face's report says 41% …")."""
    figures: dict[tuple[int, tuple[int, int], str], list[Claim]] = {}
    for claim in claims:
        figures.setdefault((claim.block, claim.sentence_range, claim.unit), []).append(claim)
    away: dict[int, frozenset[str]] = {}
    for (block, (start, end), _), same in figures.items():
        raw = doc.blocks[block].text[start:end]
        start += len(raw) - len(raw.lstrip())  # where the claims' (stripped) sentence starts
        ranges = [(c.text_range[0] - start, c.text_range[1] - start) for c in same]
        sentence = without_names(same[0].sentence)
        words = index.paired_away(sentence, ranges) if len(same) > 1 else [frozenset()]
        for claim, (at, end), paired in zip(same, ranges, words, strict=True):
            # (else a possessive owning the figure: "Zhipu AI's $619 million")
            found = paired or index.possessor_away(sentence, at, end)
            if found:
                away[id(claim)] = found
    return away


class _TextBefore:
    """`gather`'s `previous` for the claims of one document. The text before a claim's
    sentence is the previous block's text, a space and the block's text up to the
    sentence; of its terms matching reads only the table's subject words and their near
    misses, which are gathered as the claims (in order) ask, each block read once: a
    paragraph's beginning is not read again for each of its sentences."""

    def __init__(self, doc: document.Document, index: FactIndex):
        self.doc = doc
        self.index = index
        self._block = -1
        self._reader: TermsBefore | None = None
        self._head = 0  # where the block's text starts in the reader's
        self._subject: set[str] = set()
        self._near: set[str] = set()
        self._asked: tuple[int, int] = (-1, -1)
        self._answer: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset())

    def words(self, block: int, start: int) -> tuple[frozenset[str], frozenset[str]]:
        """(subject words, near subject words) of the text before `start` in `block`."""
        if (block, start) == self._asked:  # the claims of a sentence ask in a row
            return self._answer
        reader = self._reader
        if reader is None or block != self._block or self._head + start < reader.end:
            # One text, as the whole text before was: a word may run across the space
            # ("United" ending one block, "States" starting the next).
            text = self.doc.blocks[block].text
            head = self.doc.blocks[block - 1].text + " " if block > 0 else ""
            self._block, self._head = block, len(head)
            self._subject, self._near = set(), set()
            reader = self._reader = TermsBefore(head + text if head else text)
        new, cut = reader.until(self._head + start)
        self._add(new)
        subject, near = frozenset(self._subject), frozenset(self._near)
        if cut:
            subject |= cut & self.index.subject_vocabulary
            near |= self.index.near_subjects(cut)
        self._asked, self._answer = (block, start), (subject, near)
        return self._answer

    def _add(self, words: set[str]) -> None:
        if words:
            self._subject |= words & self.index.subject_vocabulary
            self._near |= self.index.near_subjects(frozenset(words))


def _without_names(text: str, names: NameIndex) -> str:
    """The text with the source names that credit a figure blanked out (with as many
    spaces: the text's other words stay where they were): "MIT and Hugging Face found"
    says who reported a figure, not what it measures (though it may name the subject). A
    name that is a place stays: "100 models on Hugging Face" counts releases on the
    platform."""
    mentions = [m for m in names.mentions(text) if is_credit(text, m)]
    if not mentions:
        return text
    parts, last = [], 0
    for mention in mentions:  # in order, not overlapping
        parts += (text[last : mention.start], " " * (mention.end - mention.start))
        last = mention.end
    parts.append(text[last:])
    return "".join(parts)


def lint(
    text: str,
    facts: FactTable | None = None,
    config: Config | None = None,
    path: str = "<string>",
) -> list[Diagnostic]:
    """Every finding for one Markdown document, sorted by position."""
    return list(analyse(text, facts, config, path).diagnostics)


def extract_claims(text: str, facts: FactTable | None = None) -> list[Claim]:
    """Every statistical claim in a Markdown document. Without a fact table only
    numbers that are statistics by their form are found (no value look-ups)."""
    index = indexes(facts)[0] if facts is not None else None
    return extract(document.parse(text), index)


def claim_findings(ev: Evidence, table: FactTable) -> tuple[tuple[Rule, Finding], ...]:
    """What the claim rules say about one claim: the first claim finding, then extras."""
    found: list[tuple[Rule, Finding]] = []
    for rule in checks.CLAIM_RULES:
        finding = rule.check(ev, table)
        if finding is not None:
            found.append((rule, finding))
            break
    for rule in checks.EXTRA_RULES:
        finding = rule.check(ev, table)
        if finding is not None:
            found.append((rule, finding))
    return tuple(found)


def judge(
    evidence: Sequence[Evidence],
    findings: Sequence[tuple[tuple[Rule, Finding], ...]],
    table: FactTable,
    config: Config,
    path: str,
    suppressions: Suppressions,
) -> list[Diagnostic]:
    """The diagnostics of a document: each claim's ``findings`` and the document
    rules' findings, unless disabled or suppressed, sorted by position."""
    out: list[Diagnostic] = []
    enabled: dict[str, bool] = {}
    any_suppressed = bool(suppressions.file or suppressions.lines or suppressions.switches)

    def emit(rule: Rule, ev: Evidence, finding: Finding) -> None:
        claim = ev.claim
        on = enabled.get(rule.code)
        if on is None:
            on = enabled[rule.code] = config.enabled(
                rule.code, path if path != "<string>" else None
            )
        if not on:
            return
        if any_suppressed and suppressions.is_suppressed(rule.code, claim.span.line):
            return
        span = claim.span
        fix = finding.fix
        if fix is not None:  # the edits keep the text as written; the message is one line
            message = wording.one_line(fix.message)
            if message is not fix.message:
                fix = replace(fix, message=message)
        out.append(
            Diagnostic(
                path=path,
                line=span.line,
                column=span.column,
                end_line=span.end_line,
                end_column=span.end_column,
                code=rule.code,
                rule=rule.name,
                severity=config.severity.get(rule.code, rule.severity),
                message=wording.one_line(finding.message),
                claim=claim,
                fact=finding.fact,
                source=finding.source,
                fix=fix,
                start=span.start,
                end=span.end,
            )
        )

    for ev, found in zip(evidence, findings, strict=True):
        for rule, finding in found:
            emit(rule, ev, finding)
    for rule in checks.DOCUMENT_RULES:
        for ev, finding in checks.DOCUMENT_CHECKS[rule.code](evidence, table):
            emit(rule, ev, finding)
    out.sort(key=lambda d: (d.line, d.column, d.code))
    return out
