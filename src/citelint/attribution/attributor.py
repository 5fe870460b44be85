"""Who the text credits for a claim (SPEC §2).

In order, first hit wins: a citation in the claim's sentence (footnote, link,
Pandoc key); an attribution cue in the sentence or table row ("according to
X", "X found", "X's report", a Source column); the nearest attribution earlier
in the same paragraph; and, for a sentence that points back ("the same
report", "this study", "these figures"), the most recent attribution in an
earlier paragraph of the same section (the section's heading included; never
across a heading). A source named only as a place or platform ("uploaded to
Hugging Face") is not an attribution; one that owns a report there ("in
Microsoft's estimate") is.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING, Generic, NamedTuple, TypeVar

from .. import regexes
from ..model import Attribution, Claim, Span
from ..names import Mention, NameIndex

if TYPE_CHECKING:
    from ..document import Block, Document, Link

T = TypeVar("T")

_REPORT_NOUNS = (
    r"report|reports|study|studies|analysis|analyses|survey|research|researchers|paper|data|"
    r"dataset|figures|figure|estimate|estimates|tally|count|numbers|statistics|stats|poll|"
    r"filings?|analysts?|officials?|economists?|team|authors?|blog|post|article|chart|tracker|"
    r"index|dashboard|review|release|statement|spokesperson|executives?|ceo|minister|"
    r"reckoning|calculations?|assessment|projections?|forecasts?|findings|results|"
    r"round-?ups?|rundowns?|rankings?|leaderboards?|briefs?|briefings?|digests?|"
    r"newsletters?|updates?|bulletins?|memos?|notes?|summary|summaries|snapshots?|"
    r"overviews?|breakdowns?|audits?|census|white-?papers?|scorecards?|prospectus|"
    r"prospectuses|disclosures?|fact-?sheets?|telling|estimation"
)
_SAY_VERBS = (
    r"said|says|say|found|finds|find|reported|reports|report|estimates|estimated|estimate|"
    r"shows|showed|show|shown|puts|put|notes|noted|note|counts|counted|calculates|calculated|"
    r"wrote|writes|claims|claimed|stated|states|revealed|reveals|concluded|concludes|"
    r"valued|values|pegged|pegs|gives|gave|projects|projected|observed|observes|recorded|"
    r"records|tallied|tallies|told|tells|"
    r"published|publishes|released|releases|announced|announces|disclosed|discloses|"
    r"confirmed|confirms|suggests|suggested|indicates|indicated|measured|measures|documented|"
    r"documents|highlighted|highlights|ranked|ranks|lists|listed|attributes|attributed|"
    r"credits|credited|points|pointed|according|noting|putting|showing|finding|reckons|"
    r"reckoned|believes|believed|thinks|argues|argued|adds|added|explains|explained|"
    r"warns|warned|predicts|predicted|stresses|stressed|cautions|cautioned|described|"
    r"describes|cited|cites|logged|logs|forecast|forecasts"
)
# What comes just before a name that credits it ("according to", "a report by", "(see"):
# these patterns end at the name, so each is matched once at the start of the text
# before the name reversed (its words written backwards) rather than searched for at
# every position. Forwards, they read:
#   (?:\baccording\s+to\s+(?:[\w'’&/.-]+\s+){0,5}|\bper\s+(?:the\s+|a\s+)?
#   |\bciting\s+(?:the\s+|a\s+)?|\b(?:{_BY_VERBS})\s+by\s+(?:the\s+|a\s+)?
#   |\b(?:{_REPORT_NOUNS})(?:\s+[\w'’-]+){0,2}\s+(?:by|from|of|at)\s+(?:the\s+|a\s+)?
#   |\btold\s+(?:the\s+)?|\b(?:writing\s+in|speaking\s+(?:to|with)|interview\s+with
#   |sourced\s+from)\s+(?:the\s+)?|\b(?:{_INVERTED_SAY})\s+(?:the\s+)?
#   |\btitled\s+[\"“‘']?|\bsources?:\s*|(?:^|\s)(?:—|–|--|―)\s*|,\s*via\s+(?:the\s+)?
#   |[(\[]\s*(?:see\s+|via\s+)?)$
_BY_VERBS = (
    r"cited|reported|published|compiled|estimated|released|conducted|produced|"
    r"commissioned|written|authored|led|collected|tracked|measured|calculated|announced|"
    r"disclosed|issued|prepared|gathered|provided|analy[sz]ed|noted|shown|found|given|"
    r"documented|highlighted|quoted|stated|revealed|confirmed|counted|tallied|recorded|"
    r"computed|supplied"
)
# A say verb before its speaker ("68% of the market, said Similarweb").
_INVERTED_SAY = (
    r"said|says|reported|reports|wrote|writes|noted|notes|estimated|estimates|added|adds"
)
_FUNCTION_WORDS = r"by|of|at|in|on|to|for|from|with|and|or|as|each|every|the|a|an"
_ARTICLE_BACKWARDS = r"(?:\s+eht|\s+a)?"
_CUE_BEFORE_REVERSED = regexes.compile(
    r"\n?(?:(?:\s+[\w'’&/.-]+){0,5}\s+ot\s+gnidrocca\b"
    rf"|{_ARTICLE_BACKWARDS}\s+rep\b"
    rf"|{_ARTICLE_BACKWARDS}\s+gnitic\b"
    rf"|{_ARTICLE_BACKWARDS}\s+yb\s+(?:{regexes.backwards(_BY_VERBS)})\b"
    rf"|{_ARTICLE_BACKWARDS}\s+(?:yb|morf|fo|ta)\s+(?:[\w'’-]+\s+){{0,2}}"
    rf"(?:{regexes.backwards(_REPORT_NOUNS)})\b"
    r"|(?:\s+eht)?\s+dlot\b"
    r"|(?:\s+eht)?\s+(?:ni\s+gnitirw|(?:ot|htiw)\s+gnikaeps|htiw\s+weivretni|morf\s+decruos)\b"
    rf"|(?:\s+eht)?\s+(?:{regexes.backwards(_INVERTED_SAY)})\b"
    r"|[\"“‘']?\s+deltit\b"
    r"|\s*:s?ecruos\b"
    r"|\s*(?:—|–|--|―)(?:\s|\Z)"
    r"|(?:\s+eht)?\s+aiv\s*,"
    r"|(?:\s+ees|\s+aiv)?\s*[(\[])",
    re.IGNORECASE,
)
_CUE_AFTER = regexes.compile(
    # "Microsoft (2026) found": a year in brackets may stand between the name and its verb
    rf"^(?:['’]s?)?(?:\s*\((?:[a-z]+\s+)?(?:19|20)\d\d\))?\s*(?:(?:[\w-]+|[\"“”])\s+){{0,3}}?"
    rf"(?:{_REPORT_NOUNS}|{_SAY_VERBS})\b"
    r"|^\s+(?:is|was|are|were)\s+the\s+(?:original\s+|primary\s+)?sources?\b"
    # or a speaker past an appositive: "Li Lecheng, the industry minister, said". Not
    # "Hugging Face, the platform, released its Spring report": the report is the credit.
    r"|^\s*,[^,.;:!?()\n]{1,60},\s*(?:said|says|told|tells|added|adds|noted|notes|"
    r"estimated|estimates|wrote|writes|reported|reports|found|finds|stated|states|"
    r"explained|explains|puts|put|counted|counts)\b"
    # or one that has a subject at a figure: "Similarweb has Gemini at 18%"
    r"|^\s+(?:has|had|have)\s+(?:[\w'’-]+\s+){1,4}?at\s+(?:[a-z]+\s+){0,2}?(?:US)?[$€£¥]?\d",
    re.IGNORECASE,
)
# A source's possessive on a figure ("Microsoft's 89% for DeepSeek"): its figure.
_FIGURE_AFTER = regexes.compile(
    r"^(?:['’]s)?\s+(?:US\$|[$€£¥])?\d[\d,.]*\s*(?:%|percent\b|per\s+cent\b|[mb]illion\b)",
    re.IGNORECASE,
)
# A name that owns a report ("in Microsoft's estimate", "from the Similarweb data", "on
# Similarweb traffic data"); not one a report's preposition follows ("to Hugging Face by
# researchers").
_REPORT_AFTER = regexes.compile(
    rf"^(?:['’]s?\s*(?:[\w-]+\s+){{0,2}}?|\s+(?:(?!(?:{_FUNCTION_WORDS})\b)[\w-]+\s+)?)"
    rf"(?:{_REPORT_NOUNS})\b",
    re.IGNORECASE,
)
# "(MIT, 2026)", "(MIT, 8 January 2026)", "(MIT, Q1 2026)"; "(Longpre et al., 2025)", whose
# name is matched without its last period.
_PARENTHETICAL_YEAR = regexes.compile(
    r"^\.?\s*,?\s*(?:\d{1,2}\s+)?(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
    r"\s+(?:\d{1,2},?\s+)?|[qh][1-4]\s+)?(?:19|20)\d\d\b",
    re.IGNORECASE,
)
# r"\b(?:on|onto|to|into|at|across|in|within|inside|throughout|via|from|with)\s+(?:the\s+)?$",
# reversed as _CUE_BEFORE_REVERSED is.
_PLATFORM_BEFORE_REVERSED = regexes.compile(
    r"\n?(?:\s+eht)?\s+(?:"
    + regexes.backwards("on|onto|to|into|at|across|in|within|inside|throughout|via|from|with")
    + r")\b",
    re.IGNORECASE,
)
# A table column that credits its row: "Source", also "Data source", "Source(s)",
# "Source (date)", "Source / date", "Attribution".
_SOURCE_HEADER = regexes.compile(
    r"^\s*(?:(?:data|primary|main|original)\s+)?"
    r"(?:sources?|source\s*\(s\)|cited|citations?|references?|refs?\.?|according to|via|"
    r"reported by|attribution|credit)"
    r"(?:\s*\([^()]*\)|\s*[,/&]\s*[\w ]+|\s+and\s+[\w ]+)?\s*$",
    re.IGNORECASE,
)
# A table's source line: "Source: Similarweb, January 2026", "*Sources:* HKEX; CGTN".
_CAPTION = regexes.compile(r"\W*(?:data\s+)?sources?\W*:", re.IGNORECASE)
_EMPTY_PARENTHESES = regexes.compile(r"\s*\(\s*\)")
_RUN_ON = regexes.compile(r"\)\s+(?=[A-Z])")
# What joins two names into one ("Hugging Face/MIT", "MIT-Hugging Face", "MIT & HF").
_WRITTEN_ONTO = regexes.compile(r"\s*(?:/|&|-|–)\s*|\s+and\s+")
# What keeps two adjacent names apart ("MIT, and Hugging Face"): they name two sources.
_SEPARATES = regexes.compile(r"[,;:()]|\band\b")
_POSSESSIVE = regexes.compile(r"['’]s$")
# A bracketed group holding an @key (found by a lookahead, so an unclosed group full
# of "@" is scanned once rather than once per "@"), or a bare @key:
#   r"\[(?=[^\[\]]*@\w)[^\[\]]*\]|(?<![\w@])@[A-Za-z][\w:.-]*"
# written to start with its first character, so that `re` skips to the "[" and "@".
_PANDOC = regexes.compile(
    r"[\[@](?:(?<=\[)(?=[^\[\]]*@\w)[^\[\]]*\]|(?<=@)(?<![\w@]@)[A-Za-z][\w:.-]*)"
)
_PANDOC_KEY = regexes.compile(r"@([\w][\w:.#$%&+?<>~/-]*)")
# These two start with their first letter, matched without regard to case ("a" and
# "t" have no other case variants), and check the word boundary before it after it:
# r"\b(?i:according\s+to\s+(?:the\s+|a\s+|an\s+)?)(?P<name>(?:[A-Z][\w&.'’-]*\s*){1,5})"
_UNKNOWN_NAME = regexes.compile(
    r"[Aa](?<!\w[Aa])(?i:ccording\s+to\s+(?:the\s+|a\s+|an\s+)?)"
    r"(?P<name>(?:[A-Z][\w&.'’-]*\s*){1,5})"
)
# A name no source has, written as a credit: "Reuters reported", "Counterpoint Research
# estimates", "an IDC survey found", "Sensor Tower data show", "per Bloomberg
# Intelligence", "analysts at Jefferies", "(via SCMP)", "(Gartner, 2025)". It cites a
# work the table lacks, so the claim is not uncited; a credit without a name
# ("officials said", "analysts at a Beijing brokerage") cites nothing.
# A capitalised run of up to four words: where a name no source has may stand.
_NAME_RUN = regexes.compile(
    r"[A-Z](?<![\w/.'’-][A-Z])[\w&.'’-]*(?:[ \t]+(?:&[ \t]+)?[A-Z][\w&.'’-]*){0,3}"
)
# What before a name credits it: r"\b(?:per|via|citing|told|writing\s+in|speaking\s+(?:to|
# with)|interview\s+with|sourced\s+from|(?:{_BY_VERBS})\s+by|(?:{_REPORT_NOUNS})\s+(?:by|
# from|at))\s+(?:the\s+)?$", matched on the text before it reversed, as _CUE_BEFORE_REVERSED.
_UNKNOWN_BEFORE_REVERSED = regexes.compile(
    r"\s+(?:eht\s+)?(?:rep|aiv|gnitic|dlot|ni\s+gnitirw|(?:ot|htiw)\s+gnikaeps|htiw\s+weivretni"
    rf"|morf\s+decruos|yb\s+(?:{regexes.backwards(_BY_VERBS)})"
    rf"|(?:yb|morf|ta)\s+(?:{regexes.backwards(_REPORT_NOUNS)}))\b",
    re.IGNORECASE,
)
_UNKNOWN_SAYS = (
    r"said|says|say|reported|reports|report|estimated|estimates|estimate|found|finds|find|"
    r"wrote|writes|write|noted|notes|told|tells|puts|put|counted|counts|calculated|"
    r"calculates|concluded|concludes|shows|show|showed|gives|gave|stated|states"
)
# What after a name credits it: its verb, in lower case ("the United States" has none).
_UNKNOWN_SAYS_AFTER = regexes.compile(
    rf"(?:['’]s?)?(?:\s+(?:{_REPORT_NOUNS}))?(?:\s+also)?\s+(?P<verb>{_UNKNOWN_SAYS})\b"
)
# A verb that reads as a participle ("Figures reported by", "Visits counted on Similarweb:
# …"), when a sentence's one capitalised word stands before it: no one says anything.
_PASSIVE = regexes.compile(r"\s+by\b")
_PLACED = regexes.compile(
    r"\s+(?:on|in|at|across|over|from|for|with|during|among|to|into)\b", re.IGNORECASE
)
_SPEECH = frozenset("said says reported reports wrote writes noted notes told tells".split())
# Capitalised words that are no one's name: a sentence's first word, who speaks without
# a name ("Officials said", "Analysts estimate"), what credits no one ("Coverage found"),
# a month ("In January Reuters said").
_NOT_A_NAME = frozenset(
    "the a an in on at by as for per from with and but or so yet while its their our his "
    "her this that these those some many most both all other others it they we he she i "
    "you one also still even then now meanwhile separately overall what who when where "
    "why how about experts critics insiders observers people investors reporters authorities "
    "regulators government ministry company industry market sources officials analysts "
    "coverage reporting media press evidence testing benchmarks history experience "
    "january february march april may june july august september october november "
    "december jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
_GENERIC = regexes.compile(rf"(?:{_REPORT_NOUNS})s?", re.IGNORECASE)
_WORD = regexes.compile(r"\S+")

# Words that point back to a report named before: "the same report", "this study",
# "these figures"; a bare "the data" or "the study" does not say which one.
# r"\b(?:the\s+same|this|that|these)\s+(?:same\s+)?(?:new\s+|latest\s+)?(?:report|...)\b"
_ANAPHORA = regexes.compile(
    r"(?-i:[Tt])(?<!\w[Tt])(?:he\s+same|his|hat|hese)\s+(?:same\s+)?(?:new\s+|latest\s+)?"
    r"(?:report|study|analysis|survey|paper|data|research|figures|source|filings|tally)\b",
    re.IGNORECASE,
)

# A sentence whose subject is a pronoun for whoever the sentence before named: "Microsoft
# also looked at chatbots. It found …".
_PRONOUN_SAYS = regexes.compile(
    rf"\s*(?:It|They)\s+(?:also\s+|then\s+|later\s+)?(?:{_SAY_VERBS})\b", re.IGNORECASE
)
_SUBJECT_OPENERS = frozenset({"", "the", "a", "an"})
_JOINED = regexes.compile(r"\s*(?:,|and|&|/)?\s*")
# The first line of a list item: quote markers, then a bullet or a number ("- ", "2. ").
_ITEM_LINE = regexes.compile(r"[ \t>]*(?:[-*+]|\d{1,9}[.)])[ \t]")
# How a lead-in ends: "… stand at:", "From Similarweb's tally —", "… break down as
# follows.", "… show the following shares."
_LEADS_ON = regexes.compile(
    r"(?::|—|–|--|\bas\s+follows\s*\.|\bthe\s+following\b[^.!?:]*\.)\s*$", re.IGNORECASE
)
# What may stand between a lead-in and its list's first item.
_BEFORE_ITEM = regexes.compile(r"[\s>]*(?:[-*+]|\d{1,9}[.)])[ \t]+[^\w\s]*")
# A quotation's credit on a paragraph of its own ("> — Similarweb, January 2026"), what
# may stand between it and the quotation, and how a quotation's line starts.
_SIGN_OFF = regexes.compile(r"\s*(?:—|–|--|―)\s*\w")
_BETWEEN_QUOTE_AND_SIGN_OFF = regexes.compile(r"[\s>]*")
_QUOTED = regexes.compile(r"[ \t]*>|[ \t]*[\"“‘']")
# What may stand between a lead-in and its table's first header cell with text: blank
# lines, the row's opening pipe (and any empty cells), markup opening the cell.
_BEFORE_TABLE = regexes.compile(r"[\s>]*(?:\|[ \t]*)*[^\w\s|]*")


class Attributor:
    """Attributes the claims of one document."""

    def __init__(self, doc: Document, names: NameIndex):
        self.doc = doc
        self.names = names
        self._footnotes: dict[str, list[Block]] = defaultdict(list)
        self._rows: dict[int, list[Block]] = defaultdict(list)
        for block in doc.blocks:
            if block.footnote is not None:
                self._footnotes[block.footnote.lower()].append(block)
            if block.row is not None:
                self._rows[block.row].append(block)
        # A dict, not lru_cache over a bound method: that made each Attributor a cycle
        # (and all it holds garbage for the cyclic collector to find).
        self._explicit_found: dict[tuple, Attribution | None] = {}
        # Per-sentence, per-row and per-block results, so that a sentence, row or
        # paragraph with thousands of claims is read once, not once per claim.
        self._cues: dict[tuple[int, tuple[int, int]], tuple[_CuePart, ...]] = {}
        self._sentence_citations: dict[tuple[int, tuple[int, int]], _SentenceCitations] = {}
        self._row_texts: dict[int, str] = {}
        self._row_sources: dict[int, Attribution | None] = {}
        self._captions: dict[int, Attribution | None] = {}  # by table cell
        self._source_lines: dict[int, Attribution | None] = {}  # by block
        self._header_cues: dict[str, Attribution | None] = {}
        self._nearest: dict[int, list[Attribution | None]] = {}
        self._ends: dict[int, list[int]] = {}
        self._previous_cache: dict[int, Attribution | None] = {}
        self._positions: dict[int, tuple[_Positions, _Positions]] = {}
        self._anaphoric: dict[tuple[int, tuple[int, int]], bool] = {}
        self._leads: dict[int, int | None] = {}
        self._sign_offs: dict[int, Attribution | None] = {}
        self._lead_credits: dict[int, Attribution | None] = {}
        # How many claims were credited through `carried` so far: a caller that
        # re-attributes part of a document learns whether earlier blocks mattered.
        self.carried_lookups = 0

    def attribute(self, claim: Claim) -> Attribution:
        block = self.doc.blocks[claim.block]
        found = self._explicit(block.index, claim.sentence_range, claim.text_range)
        if found is not None:
            return found
        # Nearest attribution earlier in the same paragraph.
        ends = self._ends.get(block.index)
        if ends is None:  # once per block, not per claim: a paragraph may hold thousands
            ends = self._ends[block.index] = [end for _, end in block.sentences]
        before = bisect_right(ends, claim.sentence_range[0])  # sentences ending before it
        earlier = self._nearest_in_block(block, before - 1)
        if earlier is not None:
            return _retag(earlier, "paragraph")
        if before and _PRONOUN_SAYS.match(block.text, claim.sentence_range[0]):
            named = self._named(block, block.sentences[before - 1])
            if named is not None:
                return named
        closing = self._source_line(block, before)
        if closing is not None:
            return closing
        lead = self.lead_in(block.index)
        if lead is not None:  # the list item or table goes on with its lead-in's sentence
            earlier = self._lead_credit(self.doc.blocks[lead])
            if earlier is not None:
                return _retag(earlier, "paragraph")
        signed = self._sign_off(block)
        if signed is not None:
            return signed
        key = (block.index, claim.sentence_range)
        anaphoric = self._anaphoric.get(key)
        if anaphoric is None:
            sentence_text = block.text[claim.sentence_range[0] : claim.sentence_range[1]]
            anaphoric = self._anaphoric[key] = _ANAPHORA.search(sentence_text) is not None
        if anaphoric and block.kind != "heading":  # a heading starts a new section
            self.carried_lookups += 1
            earlier = self.carried(block.index)
            if earlier is not None:
                return _retag(earlier, "previous")
        return Attribution()

    def _source_line(self, block: Block, claim_sentence: int) -> Attribution | None:
        """What a "Source: …" sentence closing `block` credits for the figures before it:
        a paragraph's source line ("… of global downloads. Source: MIT study") does for
        them what a table's does for its rows."""
        if block.index not in self._source_lines:  # once per block, not once per claim
            self._source_lines[block.index] = self._read_source_line(block)
        last = len(block.sentences) - 1
        return self._source_lines[block.index] if claim_sentence < last else None

    def _read_source_line(self, block: Block) -> Attribution | None:
        if not block.sentences:
            return None
        start, end = block.sentences[-1]
        line = _CAPTION.match(block.text, start, end)
        if line is None:
            return None
        # "Source: GogoAI News (www.gogoai.xin) Within days, …": prose after the source
        # that no full stop set apart is not part of it.
        run_on = _RUN_ON.search(block.text, line.end(), end)
        if run_on is not None:
            end = run_on.start() + 1
        text = block.text[start:end]
        sources = set(_reference(text, self.names.mentions(text)))
        cited = self._citation(block, (start, end), None)
        if cited is not None:
            sources |= cited.sources
        if sources:
            return Attribution(frozenset(sources), "paragraph")
        # A link's text stands in the block as U+FFFC: "GogoAI News (www.gogoai.xin)".
        name = _EMPTY_PARENTHESES.sub("", block.text[line.end() : end].replace("\ufffc", ""))
        name = name.strip(" .;")
        return Attribution(frozenset(), "paragraph", (name,)) if name else None

    def _named(self, block: Block, sentence: tuple[int, int]) -> Attribution | None:
        """Whom `sentence` has for its subject: what "It found" in the next sentence
        refers to ("Microsoft also looked at chatbots."). Not a name that only qualifies
        another noun ("Alibaba's Qwen models", "its MIT licence")."""
        text = block.text[sentence[0] : sentence[1]]
        names = self._subject(text)
        if not names:
            return None
        after = _after_name(text, names[0])
        if after[:1] in "'’" and not _REPORT_AFTER.match(after):
            return None
        return _retag(_cue_attribution(text, names), "paragraph")

    def _subject(self, text: str) -> list[Mention]:
        """The names that open `text` as its subject, with the names joined to the first
        ("MIT and Hugging Face")."""
        mentions = self.names.mentions(text)
        if not mentions or text[: mentions[0].start].strip().lower() not in _SUBJECT_OPENERS:
            return []
        names = [mentions[0]]
        for mention in mentions[1:]:
            if not _JOINED.fullmatch(text, names[-1].end, mention.start):
                break
            names.append(mention)
        return names

    def _lead_credit(self, lead: Block) -> Attribution | None:
        """What lead-in paragraph `lead` credits for the list or table it leads into: its
        last attribution, or else the source whose possessive opens its last sentence
        ("Similarweb's January shares of the global chatbot market:"): the figures it
        announces are that source's."""
        if lead.index in self._lead_credits:  # every item or cell asks
            return self._lead_credits[lead.index]
        found = self._last_in_block(lead)
        if found is None:
            start, end = lead.sentences[-1]
            text = lead.text[start:end]
            names = self._subject(text)
            if names and _after_name(text, names[-1])[:1] in "'’":
                found = _cue_attribution(text, names)
        self._lead_credits[lead.index] = found
        return found

    def lead_in(self, index: int) -> int | None:
        """The lead-in paragraph (ending with a colon, a dash, "as follows.") that block
        `index` continues as an item of the list right after it ("According to
        Similarweb, the shares stand at:" over "- ChatGPT: 68%"), or as a cell of the
        table right after it, if any. Remembered per block, and found for a list's items
        (or a table's cells) in turn: each one's answer is its previous one's."""
        leads = self._leads
        if index in leads:  # every claim of the block asks
            return leads[index]
        blocks = self.doc.blocks
        if blocks[index].kind == "table_cell":
            return self._table_lead_in(index)
        items: list[int] = []
        found: int | None = None
        at = index
        while True:
            if at in leads:
                found = leads[at]
                break
            if not self._is_item(blocks[at]):
                break
            items.append(at)
            if at == 0:
                break
            before = blocks[at - 1]
            if self._is_item(before):
                at -= 1
                continue
            if self._leads_into(before, blocks[at]):
                found = at - 1
            break
        for item in items:
            leads[item] = found
        leads.setdefault(index, found)
        return found

    def _sign_off(self, block: Block) -> Attribution | None:
        """What the paragraph right after a quotation credits when it is only the
        quotation's sign-off ("> "DeepSeek holds 89% …"" then ">" then "> — Similarweb"):
        the credit that closes a quote, written on a line of its own. A quotation is a
        block quote's paragraph or one that opens with a quotation mark."""
        if block.index in self._sign_offs:
            return self._sign_offs[block.index]
        found = None
        blocks, text = self.doc.blocks, self.doc.text
        after = block.index + 1
        if (
            block.kind == "paragraph"
            and block.row is None
            and block.text
            and after < len(blocks)
            and blocks[after].kind == "paragraph"
            and blocks[after].row is None
            and _SIGN_OFF.match(blocks[after].text)
            and _QUOTED.match(text, text.rfind("\n", 0, block.offsets[0]) + 1)
        ):
            end = block.offsets.end(len(block.text) - 1)
            start = blocks[after].offsets[0]
            if _BETWEEN_QUOTE_AND_SIGN_OFF.fullmatch(text, end, start):
                sign_off = blocks[after]
                found = self._explicit(sign_off.index, sign_off.sentences[0], None)
        self._sign_offs[block.index] = found
        return found

    def _table_lead_in(self, index: int) -> int | None:
        """`lead_in` for table cell `index`: the paragraph right before its table's
        header row, when it ends as a lead-in does."""
        leads = self._leads
        blocks = self.doc.blocks
        cells: list[int] = []
        found: int | None = None
        at = index
        while at not in leads:
            cells.append(at)
            if at == 0:
                break
            cell, before = blocks[at], blocks[at - 1]
            # Back over the body rows (a cell under a header) and the header row itself;
            # a header-row cell after another row's cell starts its table.
            if before.kind == "table_cell" and (cell.header is not None or before.row == cell.row):
                at -= 1
                continue
            if _ends_leading_on(before) and self._table_follows(before, at):
                found = at - 1
            break
        else:
            found = leads[at]
        for cell in cells:
            leads[cell] = found
        return found

    def _table_follows(self, lead: Block, first: int) -> bool:
        """Whether nothing but blank lines stands between paragraph `lead` and the table
        whose first cell is block `first`."""
        blocks = self.doc.blocks
        row = blocks[first].row
        at = first
        while at < len(blocks) and blocks[at].row == row and not blocks[at].text:
            at += 1  # an empty header cell ("|  | Share |") has no position of its own
        if at == len(blocks) or blocks[at].row != row:
            return False
        end, start = lead.offsets.end(len(lead.text) - 1), blocks[at].offsets[0]
        return _BEFORE_TABLE.fullmatch(self.doc.text, end, start) is not None

    def _is_item(self, block: Block) -> bool:
        """Whether the block is a paragraph that opens a list item."""
        if block.kind != "paragraph" or block.row is not None or block.footnote is not None:
            return False
        if not block.text:
            return False
        first = block.offsets[0]
        text = self.doc.text
        match = _ITEM_LINE.match(text, text.rfind("\n", 0, first) + 1)
        return match is not None and match.end() <= first

    def _leads_into(self, lead: Block, item: Block) -> bool:
        """Whether `lead` is a paragraph ending as a lead-in does (a colon, a dash, "as
        follows.") right before list `item`."""
        if not _ends_leading_on(lead):
            return False
        text = self.doc.text
        end, first = lead.offsets.end(len(lead.text) - 1), item.offsets[0]
        return _BEFORE_ITEM.fullmatch(text, end, first) is not None

    def row_text(self, block: Block) -> str | None:
        """A table row's prose, without its Source column, after the header of the cell's
        own column ("IPO proceeds" over "$528 million"): the context of a cell's claim."""
        if block.row is None:
            return None
        text = self._row_texts.get(block.row)
        if text is None:
            cells = [b for b in self._rows[block.row] if not _is_source_cell(b)]
            text = self._row_texts[block.row] = " ".join(b.text for b in cells)
        header = block.header.strip() if block.header else ""
        if not header or _is_source_cell(block):  # "Source" says nothing of the metric
            return text
        return f"{header} {text}"

    def _nearest_in_block(self, block: Block, last: int) -> Attribution | None:
        """The attribution (not a table's) of the last sentence up to sentence `last` of
        `block` that has one; each sentence of the block is read once."""
        if last < 0:
            return None
        nearest = self._nearest.setdefault(block.index, [])
        sentences = block.sentences
        while len(nearest) <= last:
            found = self._explicit(block.index, sentences[len(nearest)], None)
            if found is None or found.how == "table":
                found = nearest[-1] if nearest else None
            nearest.append(found)
        return nearest[last]

    def carried(self, before: int) -> Attribution | None:
        """The most recent explicit attribution before block `before`, in the same
        section: what "the same report" in that block is credited to. The search ends at
        the section's heading (read too: "## What the MIT study found"), never crossing it.
        """
        cache = self._previous_cache
        pending = []
        index = before - 1
        found: Attribution | None = None
        while index >= 0 and index not in cache:
            pending.append(index)
            block = self.doc.blocks[index]
            if block.footnote is None:
                found = self._last_in_block(block)
                if found is not None or block.kind == "heading":
                    break
            index -= 1
        else:
            found = cache.get(index) if index >= 0 else None
        # Every block passed on the way has the same answer for "before it and itself".
        for passed in pending:
            cache[passed] = found
        return found

    def _last_in_block(self, block: Block) -> Attribution | None:
        for sentence in reversed(block.sentences):
            found = self._explicit(block.index, sentence, None)
            if found is not None:
                return found
        return None

    def _explicit(
        self, block_index: int, sentence: tuple[int, int], claim_range: tuple[int, int] | None
    ) -> Attribution | None:
        key = (block_index, sentence, claim_range)
        if key in self._explicit_found:
            return self._explicit_found[key]
        block = self.doc.blocks[block_index]
        found = self._citation(block, sentence, claim_range) or self._cue(
            block, sentence, claim_range
        )
        self._explicit_found[key] = found
        return found

    # -- 1. citations attached to the sentence ------------------------------------

    def _citation(
        self, block: Block, sentence: tuple[int, int], claim_range: tuple[int, int] | None
    ) -> Attribution | None:
        key = (block.index, sentence)
        part = self._sentence_citations.get(key)
        if part is None:
            part = self._sentence_citations[key] = self._read_citations(block, sentence)
        if claim_range is not None and part.links:
            # A link around the number itself is the claim's citation.
            around = part.around(claim_range)
            if around:
                return part.compose(around)
        return part.whole

    def _read_citations(self, block: Block, sentence: tuple[int, int]) -> _SentenceCitations:
        """The footnote references, links and citation keys of one sentence, read once."""
        start, end = sentence
        part = _SentenceCitations()
        refs, links = self._block_positions(block)
        for ref in refs.between(start, end):
            found, by_url, cited_names = self._footnote_sources(ref.key)
            part.sources |= found
            part.footnote_urls |= by_url
            part.names += cited_names
            part.footnote = True
        for link in links.between(start, end - 1):
            by_url = self.names.sources_for_url(link.url)
            link_text = block.text[link.start : link.end]
            in_text = self.names.mentions(link_text)
            by_text = _union(in_text)
            if by_url or by_text:
                span = self.doc.block_span(block, link.start, link.end)
                written = tuple(_written(link_text, in_text))
                part.links.append(_CitedLink(link, by_url | by_text, by_url, span, written))
            else:
                part.links.append(_CitedLink(link))
        for m in _PANDOC.finditer(block.text, start, end):
            for key in _PANDOC_KEY.findall(m.group()):
                key = key.rstrip(".,;:")
                source_id = self.names.source_for_key(key)
                # A key no source lists may still be a source's name: "[@similarweb]",
                # or a handle, "h/t @Similarweb".
                named = {source_id} if source_id else _union(self.names.mentions(key))
                if named:
                    part.key_sources |= named
                else:
                    part.key_names.append("@" + key)
                part.keys = True
        part.whole = part.compose(part.links)
        part.index_links()
        return part

    def _block_positions(self, block: Block) -> tuple[_Positions, _Positions]:
        found = self._positions.get(block.index)
        if found is None:
            found = self._positions[block.index] = (
                _Positions(block.footnote_refs, [r.at for r in block.footnote_refs]),
                _Positions(block.links, [k.start for k in block.links]),
            )
        return found

    def _footnote_sources(self, key: str) -> tuple[set[str], set[str], list[str]]:
        """What footnote `key` credits: every source, those its links' URLs belong to,
        and its text when it names no known source."""
        sources: set[str] = set()
        by_url: set[str] = set()
        texts = []
        for block in self._footnotes.get(key.lower(), ()):
            sources |= _reference(block.text, self.names.mentions(block.text))
            for link in block.links:
                by_url |= self.names.sources_for_url(link.url)
            texts.append(block.text.strip())
        sources |= by_url
        return sources, by_url, ([] if sources else [" ".join(texts) or f"[^{key}]"])

    # -- 2. cues in the sentence or table row --------------------------------------

    def _cue(
        self, block: Block, sentence: tuple[int, int], claim_range: tuple[int, int] | None
    ) -> Attribution | None:
        """The sentence's cue; in a sentence whose parts (split at semicolons, ", while",
        ", whereas", ", but", and an "and" between a figure and a cue: `_part_breaks`)
        each have their own, that of the claim's part or the nearest
        before it (the last one when no claim is given: what a later sentence carries
        on)."""
        if block.row is not None:
            if block.row not in self._row_sources:
                self._row_sources[block.row] = self._source_cells(block) or self._caption(block)
            row = self._row_sources[block.row]
            if row is not None:
                return row
        key = (block.index, sentence)
        parts = self._cues.get(key)
        if parts is None:
            parts = self._cues[key] = self._sentence_cues(block.text[sentence[0] : sentence[1]])
        chosen = parts[0]
        if len(parts) > 1:
            at = (sentence[1] if claim_range is None else claim_range[0]) - sentence[0]
            for part in parts[1:]:  # a few at most
                if part.start > at:
                    break
                chosen = part
        if chosen.cue is None and block.row is not None and block.header:
            # A column's header may credit its cells: "| Share of the global chatbot
            # market (Similarweb) |", "| Market share, per Microsoft |".
            return self._header_cue(block.header)
        return chosen.cue

    def _header_cue(self, header: str) -> Attribution | None:
        if header not in self._header_cues:  # read once per table, not once per cell
            self._header_cues[header] = self._sentence_cues(header)[-1].cue
        return self._header_cues[header]

    def _sentence_cues(self, text: str) -> tuple[_CuePart, ...]:
        mentions = self.names.mentions(text)
        cues = [m for m in mentions if is_credit(text, m)]
        if cues and len(cues) < len(mentions):
            cues = _with_joined(text, mentions, cues)
        if cues:
            breaks = _part_breaks(text, cues)
            if not breaks:
                return (_CuePart(0, _cue_attribution(text, cues)),)
            by_part: dict[int, list[Mention]] = defaultdict(list)
            for m in cues:
                by_part[bisect_right(breaks, m.start)].append(m)
            return tuple(
                _CuePart(breaks[part - 1] + 1 if part else 0, _cue_attribution(text, found))
                for part, found in by_part.items()
            )
        unknown = _UNKNOWN_NAME.search(text)
        name = unknown.group("name").strip(" .,;:'’") if unknown else None
        name = name or self._unknown_credit(text, mentions)
        if name:
            return (_CuePart(0, Attribution(frozenset(), "cue", (name,))),)
        return (_CuePart(0, None),)

    def _unknown_credit(self, text: str, mentions: list[Mention]) -> str | None:
        """The first name no source has that `text` credits: a capitalised run after a
        credit ("per", "data from"), before a say verb, or opening a bracketed citation
        with a year; less the words that are no one's name, and not a name of what the
        facts are about ("MiniMax's CEO told investors", "US officials said")."""
        for run in _NAME_RUN.finditer(text):
            start, end = run.span()
            if any(n.start < end and start < n.end for n in mentions):
                continue  # a name the table knows, there as a place ("on Hugging Face")
            for word in _WORD.finditer(text, start, end):  # "Per Bloomberg Intelligence"
                at = word.start()
                if _UNKNOWN_BEFORE_REVERSED.match(text[max(0, at - 60) : at][::-1]):
                    name = self._outside_name(text[at:end])
                    if name:
                        return name
                if not _no_name(word.group()):
                    break
            says = _UNKNOWN_SAYS_AFTER.match(text, end)
            if says and text[end - 1] != "." and not self._passive(text, start, end, says):
                name = self._outside_name(text[start:end])
                if name:
                    return name
            if start and text[start - 1] == "(" and _PARENTHETICAL_YEAR.match(text[end : end + 40]):
                name = self._outside_name(text[start:end])
                if name:
                    return name
        return None

    @staticmethod
    def _passive(text: str, start: int, end: int, says: re.Match[str]) -> bool:
        """Whether the verb after a name reads as a participle, so that no one says
        anything: before "by" ("Figures reported by"), or after a sentence's one first
        word before a place ("Visits counted on Similarweb: …")."""
        if _PASSIVE.match(text, says.end()):
            return True
        return (
            " " not in text[start:end]
            and not text[:start].strip(" \t*_\"“‘'")
            and says["verb"] not in _SPEECH
            and _PLACED.match(text, says.end()) is not None
        )

    def _outside_name(self, run: str) -> str | None:
        """`run` less its leading words that are no one's name, when what is left names
        someone and not only what the facts are about."""
        words = [_POSSESSIVE.sub("", w) for w in run.rstrip(".").split()]
        if words[-1].lower() in _NOT_A_NAME:
            return None  # "… for Teams It found": the pronoun says it
        named = [w for w in words if not _no_name(w)]  # "MiniMax's CEO": MiniMax
        subjects = self.names.subject_words
        if not named or all(w.lower().replace(".", "") in subjects for w in named):
            return None
        while _no_name(words[0]):
            words.pop(0)
        return " ".join(words)

    def _source_cells(self, block: Block) -> Attribution | None:
        """What the row's Source cells credit: the names they hold, and their citations
        (links, footnote references and keys) as a sentence's are read."""
        return self._credited_by([cell for cell in self._rows[block.row] if _is_source_cell(cell)])

    def _caption(self, block: Block) -> Attribution | None:
        """What a "Source: …" paragraph right under the table of cell `block` credits: a
        table's source line does for every row what a Source column does for its own."""
        captions = self._captions
        if block.index in captions:
            return captions[block.index]
        blocks = self.doc.blocks
        after = block.index + 1
        while after < len(blocks) and blocks[after].kind == "table_cell":
            if blocks[after].header is None:  # the header row of the next table
                break
            after += 1
        found = None
        if after < len(blocks) and blocks[after].kind == "paragraph":
            if _CAPTION.match(blocks[after].text):
                found = self._credited_by([blocks[after]])
        for cell in range(block.index, after):  # the table's later cells: read once
            captions[cell] = found
        return found

    def _credited_by(self, cells: list[Block]) -> Attribution | None:
        """What source cells (or a table's source line) credit."""
        sources: set[str] = set()
        names: list[str] = []
        link_sources: set[str] = set()
        spans: list[Span] = []
        for cell in cells:
            cell_sources = set(_reference(cell.text, self.names.mentions(cell.text)))
            cited = self._citation(cell, (0, len(cell.text)), None)
            if cited is not None:
                cell_sources |= cited.sources
                link_sources |= cited.link_sources
                spans += cited.link_spans
            sources |= cell_sources
            if cell_sources:
                continue
            if cited is not None and cited.names:
                names += cited.names  # a footnote or key that names no known source
            elif cell.text.strip("\ufffc \t"):
                names.append(cell.text.strip("\ufffc \t"))
        if not (sources or names):
            return None
        return Attribution(
            frozenset(sources), "table", tuple(names), frozenset(link_sources), tuple(spans)
        )


def _no_name(word: str) -> bool:
    return word.lower() in _NOT_A_NAME or _GENERIC.fullmatch(word) is not None


class _CitedLink(NamedTuple):
    """A link in a sentence and what it credits (nothing when `sources` is empty)."""

    link: Link
    sources: frozenset[str] = frozenset()
    by_url: frozenset[str] = frozenset()
    span: Span | None = None
    written: tuple[str, ...] = ()


class _SentenceCitations:
    """The citations attached to one sentence (SPEC §2, step 1), gathered as the
    sentence's footnotes, links and keys are read. (A plain class: this module is
    loaded by every check, and a dataclass costs milliseconds to define.)"""

    __slots__ = (
        "sources", "names", "footnote", "footnote_urls", "links", "key_sources", "key_names",
        "keys", "whole", "_spans", "_starts",
    )  # fmt: skip

    def __init__(self) -> None:
        self.sources: set[str] = set()  # from footnotes
        self.names: list[str] = []  # footnotes that name no known source
        self.footnote = False
        self.footnote_urls: set[str] = set()  # sources the footnotes' links' URLs belong to
        self.links: list[_CitedLink] = []  # in document order
        self.key_sources: set[str] = set()
        self.key_names: list[str] = []
        self.keys = False
        self.whole: Attribution | None = None  # with every link of the sentence
        self._spans: list[_CitedLink] | None = None  # links with text, when they do not overlap
        self._starts: list[int] = []

    def index_links(self) -> None:
        spans = [c for c in self.links if c.link.end > c.link.start]
        if all(a.link.end <= b.link.start for a, b in zip(spans, spans[1:], strict=False)):
            self._spans = spans
            self._starts = [c.link.start for c in spans]

    def around(self, claim_range: tuple[int, int]) -> list[_CitedLink]:
        """The links whose text holds the claim's number."""
        low, high = claim_range
        if self._spans is None:
            return [c for c in self.links if c.link.start <= low and high <= c.link.end]
        # Links do not overlap: only the last one starting at or before the number can.
        at = bisect_right(self._starts, low) - 1
        if at >= 0 and high <= self._spans[at].link.end:
            return [self._spans[at]]
        return []

    def compose(self, links: list[_CitedLink]) -> Attribution | None:
        cited = [c for c in links if c.sources]
        how = (
            "footnote" if self.footnote else "link" if cited else "citation" if self.keys else None
        )
        if how is None:
            return None
        sources = set(self.sources)
        link_sources = set(self.footnote_urls)  # a footnote's link is cited for the claim too
        for c in cited:
            sources |= c.sources
            link_sources |= c.by_url
        return Attribution(
            frozenset(sources | self.key_sources),
            how,
            tuple(self.names + self.key_names),
            frozenset(link_sources),
            tuple(c.span for c in cited if c.span is not None),
            tuple(w for c in cited for w in c.written),
        )


class _Positions(Generic[T]):
    """Items of a block (links, footnote references) found by their position."""

    __slots__ = ("items", "positions", "ordered")

    def __init__(self, items: Sequence[T], positions: list[int]):
        self.items = items
        self.positions = positions
        self.ordered = all(a <= b for a, b in zip(positions, positions[1:], strict=False))

    def between(self, low: int, high: int) -> list[T]:
        """The items whose position is in [low, high], in order."""
        if self.ordered:
            lo = bisect_left(self.positions, low)
            return list(self.items[lo : bisect_right(self.positions, high, lo)])
        return [
            item for item, at in zip(self.items, self.positions, strict=True) if low <= at <= high
        ]


def _after_name(text: str, name: Mention) -> str:
    """The text after a name, from its "'s" when the name was matched with it."""
    after = text[name.end : name.end + 60]
    return "'s" + after if _POSSESSIVE.search(text[name.start : name.end]) else after


def _ends_leading_on(block: Block) -> bool:
    """Whether `block` is a paragraph ending as a lead-in does (a colon, a dash, "as
    follows.")."""
    if block.kind != "paragraph" or block.row is not None or block.footnote is not None:
        return False
    return _LEADS_ON.search(block.text[-300:]) is not None  # a paragraph may be long


def _is_source_cell(block: Block) -> bool:
    return block.header is not None and bool(_SOURCE_HEADER.match(block.header))


class _CuePart(NamedTuple):
    start: int  # where the part of the sentence starts
    cue: Attribution | None


# Where a sentence's parts end, each of which may credit its own source: "According to
# Similarweb, ChatGPT holds 68%; MIT found Chinese models hold 17.1%", "Similarweb puts
# ChatGPT at 68%, while Microsoft says DeepSeek holds 89%".
_PART_BREAK = regexes.compile(r";|,\s+(?:while|whereas|but)\b", re.IGNORECASE)
# What may join two clauses that each credit their own source: "and", "while" without its
# comma, or a bare comma before a clause whose verb is left out ("MIT's analysis puts the
# share at 17.1%, Hugging Face's report at 41%").
_AND = regexes.compile(r",?\s+(?:and|while|whereas)\b|,", re.IGNORECASE)
# How far after "and" the next part's cue may start: "and, according to Microsoft, …".
_AND_CUE_WITHIN = 30


def _part_breaks(text: str, cues: list[Mention]) -> list[int]:
    """Where the sentence's parts end: at `_PART_BREAK`; at an "and" (a "while", a comma)
    between two clauses with a figure each, the second led by a cue ("Similarweb puts
    ChatGPT at 68%, and Microsoft says DeepSeek holds 89%"), not at one joining names
    ("Similarweb and Microsoft say") or figures ("68% and 18%, Similarweb says"); and
    after a bracketed credit that follows a figure, when another figure comes after it
    ("18% of the chatbot market (Microsoft) and 89% of the market in China (Similarweb)").
    """
    breaks = [m.start() for m in _PART_BREAK.finditer(text)]
    starts = [m.start for m in cues]
    found = []
    for m in _AND.finditer(text):
        after = bisect_left(starts, m.end())
        if after == len(starts) or starts[after] - m.end() > _AND_CUE_WITHIN:
            continue
        if m.group() == ",":
            # A comma's clause opens with its cue and gives its figure before the next
            # comma: not "…, or about $165 billion. MIT …", nor a credit closing the
            # clause before it ("… 600 million times, MIT found, down from 2024").
            comma = text.find(",", starts[after])
            if _has_digit(text, m.end(), starts[after]) or not _has_digit(
                text, starts[after], len(text) if comma == -1 else comma
            ):
                continue
        found.append((m.start(), m.end()))
    for cue in cues:
        opened = text.rfind("(", 0, cue.start)
        closed = text.find(")", cue.end)
        if opened != -1 and closed != -1 and ")" not in text[opened : cue.start]:
            found.append((opened, closed + 1))
    for at, end in found:
        before = max([b for b in breaks if b < at], default=0)
        until = min([b for b in breaks if b > at], default=len(text))
        if _has_digit(text, before, at) and _has_digit(text, end, until):
            # a bracketed credit belongs to the figure before it: the part ends after it
            breaks.append(end - 1 if text[at] == "(" else at)
    return sorted(set(breaks))


def _has_digit(text: str, start: int, end: int) -> bool:
    return any(c.isdigit() for c in text[start:end])


def _cue_attribution(text: str, cues: list[Mention]) -> Attribution:
    written = tuple(dict.fromkeys(_written(text, cues)))
    return Attribution(_combine(text, cues), "cue", written=written)


def is_credit(text: str, mention: Mention) -> bool:
    """Whether a name in a sentence credits its source rather than naming a place."""
    before = text[max(0, mention.start - 80) : mention.start]
    after = text[mention.end : mention.end + 60]
    backwards = before[::-1]
    if _CUE_BEFORE_REVERSED.match(backwards):
        if not before.rstrip().endswith(("(", "[")) or _PARENTHETICAL_YEAR.match(after):
            return True
        if after.lstrip().startswith((")", "]")):
            return True  # "(MIT)", "[MIT]"
        # "(MIT found …)": an aside that opens with the name, read as any sentence is.
    elif _PLATFORM_BEFORE_REVERSED.match(backwards):
        # "in Microsoft's estimate" names a report; "uploaded to Hugging Face" a place.
        return bool(_REPORT_AFTER.match(after))
    elif after[:1] == ":" and not before.strip():
        return True  # "Similarweb: ChatGPT holds 68% …", a name that heads its sentence
    if _FIGURE_AFTER.match(after) and (
        _POSSESSIVE.search(text[mention.start : mention.end]) or after[:1] in "'’"
    ):
        return True
    return mention.title or bool(_CUE_AFTER.match(after))


def _with_joined(text: str, mentions: list[Mention], cues: list[Mention]) -> list[Mention]:
    """The cue names and those written onto them ("according to Hugging Face/MIT",
    "an MIT-Hugging Face study"): one name for one source, which `_combine` narrows."""
    ids = {id(c) for c in cues}
    chosen = [id(m) in ids for m in mentions]
    joined = [
        _WRITTEN_ONTO.fullmatch(text, a.end, b.start) is not None
        for a, b in zip(mentions, mentions[1:], strict=False)
    ]
    for i, onto in enumerate(joined):  # forwards, then backwards: a chain spreads once
        chosen[i + 1] = chosen[i + 1] or (onto and chosen[i])
    for i in reversed(range(len(joined))):
        chosen[i] = chosen[i] or (joined[i] and chosen[i + 1])
    return [m for m, keep in zip(mentions, chosen, strict=True) if keep]


def _combine(text: str, mentions: list[Mention]) -> frozenset[str]:
    """Union over separate names, but adjacent names narrow each other:
    "Hugging Face's Spring 2026 report" is the report, not every HF source."""
    return frozenset().union(*_named_groups(text, mentions))


def _reference(text: str, mentions: list[Mention]) -> frozenset[str]:
    """What a reference (a footnote's text, a Source cell) credits: as `_combine`, but
    names a comma or semicolon keeps apart narrow each other too when they share a
    source, as a reference writes publisher and title ("Hugging Face, Spring 2026
    report"; "MIT, Hugging Face"); names with nothing in common stay separate works."""
    groups = _named_groups(text, mentions)
    if len(groups) > 1:
        common = frozenset.intersection(*groups)
        if common:
            return common
    return frozenset().union(*groups)


def _named_groups(text: str, mentions: list[Mention]) -> list[frozenset[str]]:
    """The sources of each run of adjacent names (one name, or names that narrow each
    other, such as "Hugging Face's Spring 2026 report")."""
    groups: list[list[Mention]] = []
    for m in mentions:
        if groups:
            gap = text[groups[-1][-1].end : m.start]
            if len(gap) <= 30 and not _SEPARATES.search(gap):
                groups[-1].append(m)
                continue
        groups.append([m])
    found = []
    for group in groups:
        common = frozenset.intersection(*(m.sources for m in group))
        found.append(common or frozenset(_union(group)))
    return found


def _written(text: str, mentions: list[Mention]) -> list[str]:
    """Names as the draft writes them, possessives dropped."""
    return [_POSSESSIVE.sub("", text[m.start : m.end]) for m in mentions]


def _union(mentions: list[Mention]) -> set[str]:
    out: set[str] = set()
    for m in mentions:
        out |= m.sources
    return out


def _retag(attribution: Attribution, how: str) -> Attribution:
    return Attribution(
        attribution.sources, how, attribution.names, frozenset(), (), attribution.written
    )
