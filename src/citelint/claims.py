"""Statistical claims: the numbers in prose that state a quantity worth checking.

A number becomes a claim when it carries a percent, a currency or a magnitude,
when it is a count of 1,000 or more tied to a noun, or when a fact in the table
has that value and the fact's subject or keywords appear in the same sentence
(SPEC §1). The qualifier before it ("more than", "about", "nearly") and the
precision it was written with turn it into an interval of values it admits.
"""

import re
from bisect import bisect_right
from collections.abc import Iterator
from typing import TYPE_CHECKING, NamedTuple

from . import pandoc, regexes
from .column_units import column_unit, in_column_unit
from .model import Claim
from .numbers import MAGNITUDES, NumberMention, find_numbers, plain_spacing, with_ranges
from .sentences import clause_around, clause_breaks
from .terms import STOPWORDS, terms

if TYPE_CHECKING:
    from .document import Block, Document
    from .matching import FactIndex


class Tolerances(NamedTuple):
    """How far qualifiers widen a claim's interval, as fractions of its value (never
    less than `PRECISION_STEPS` written steps: see `_interval`)."""

    approximate: float = 0.05  # about, around, roughly, some, ~
    nearly: float = 0.10  # nearly, almost, close to: from below
    # "more than X" fits a fact up to X × (1 + open_ended): nobody writes "more than
    # 165 billion" for 1.2 trillion. The reported interval stays open.
    open_ended: float = 0.5


DEFAULT_TOLERANCES = Tolerances()
# "about" and "nearly" widen a claim by at least this many steps of its written precision
# (a step is twice its tolerance): "about 5%" admits 4.25 to 5.75, "about four in ten"
# 32.5% to 47.5%. Less than one step, so that they never reach the number's neighbours as
# written: "about 5%" is not 6.0 (that is "about 6%"), "roughly a third" is not 40% (two
# fifths), "nearly nine in ten" is not 80%.
PRECISION_STEPS = 0.75

_QUALIFIERS: list[tuple[str, str]] = [
    (
        r"more than|over|above|upwards of|in excess of|exceeding|exceeded|exceeds|exceed|"
        r"topped|tops|topping|top|passed|passing|passes|pass|surpassed|surpassing|surpasses|"
        r"surpass|crossed|crossing|crosses|cross|climbed past|climbs past|moved past|"
        r"moves past|greater than|higher than|north of|beyond|>",
        ">",
    ),
    (r"at least|no less than|not less than|a minimum of|no fewer than|≥|>=", ">="),
    (r"less than|fewer than|under|below|lower than|short of|south of|<", "<"),
    (r"up to|at most|no more than|a maximum of|as many as|as much as|as high as|≤|<=", "<="),
    (r"nearly|almost|close to|just under|just shy of|approaching", "nearly"),
    (
        r"about|around|roughly|approximately|approx\.?|some|an estimated|estimated|circa|"
        r"ca\.|~|≈|an approximate|in the region of|or so",
        "~",
    ),
]
# A qualifier opens the text or follows a space, bracket, quote mark or "~".
_QUALIFIER_TAIL = regexes.compile(
    r"(?:^|(?<=[\s(~≈\"“‘'\[\ufffc]))(?P<q>"
    + "|".join(f"(?P<g{i}>{pattern})" for i, (pattern, _) in enumerate(_QUALIFIERS))
    + r")(?:\s+(?:a|an|the|just|only|well|some|roughly|nearly|about))*[\s\ufffc]*$",
    re.IGNORECASE,
)
# Whether `_QUALIFIER_TAIL` matches at all, read backwards from the number: one match
# at the start of the reversed text, where the search tries each of its 40 positions.
# Most numbers have no qualifier; the search runs only for those that do.
_FILLERS_BACKWARDS = regexes.backwards("a|an|the|just|only|well|some|roughly|nearly|about")
_QUALIFIER_TAIL_REVERSED = regexes.compile(
    rf"[\s\ufffc]*(?:(?:{_FILLERS_BACKWARDS})\s+)*"
    rf"(?:{'|'.join(regexes.backwards(pattern) for pattern, _ in _QUALIFIERS)})"
    r"(?:\Z|(?=[\s(~≈\"“‘'\[\ufffc]))",
    re.IGNORECASE,
)
# A qualifier written after the number: "17% or more", "20% or less", "41% or so".
_QUALIFIER_AFTER = regexes.compile(
    r"[ \t]+(?:(?P<ge>or[ \t]+(?:more|higher|greater|above)|and[ \t]+(?:above|upwards?|"
    r"up(?![ \t]+(?:to|from)\b)))|(?P<le>or[ \t]+(?:less|fewer|lower|below|under)|"
    r"and[ \t]+below)|(?P<about>or[ \t]+(?:so|thereabouts)))(?![\w-])(?![ \t]+than\b)",
    re.IGNORECASE,
)
# Past "the", a compared number is the other side of the comparison, not a bound of the
# claim ("surpassing the 15.8 percent share held by US developers" is 15.8), unless it
# names a threshold ("passed the 10 billion mark").
_THE_BEFORE = regexes.compile(r"\bthe\b", re.IGNORECASE)
# "Top" is a qualifier as the verb of a plural subject: "Chinese LLMs Top 12 Billion".
_PLURAL_SUBJECT_BEFORE = regexes.compile(
    r"(?<![\w'’])(?!(?:its|this|his|is|was|has|as|us|plus)\s)[A-Za-z][\w-]*[a-rt-z]s\s+$",
    re.IGNORECASE,
)
_THRESHOLD_AFTER = regexes.compile(
    r"\+?(?:\s+[\w-]+){0,2}?\s+(?:mark|milestone|threshold|barrier|benchmark|level|line)s?\b",
    re.IGNORECASE,
)
_NOUN_AFTER = regexes.compile(r"\+?\s+([A-Za-z][\w-]*)")
_WORDS_AFTER = regexes.compile(
    r"\+?\s+([A-Za-z][\w-]*)(?:\s+([A-Za-z][\w-]*))?(?:\s+([A-Za-z][\w-]*))?"
)
_K_WRITTEN_ON = regexes.compile(r"\d\s?[kK]\+?$")
# Words after a number that tie it to no noun: "port 8000 and …", "to 32768 or use …".
_NOT_A_NOUN = frozenset({"and", "or", "but", "nor"})


def _counts_things_after(text: str, end: int) -> bool:
    """Whether one of the three words after the number ending at `end` is a plural noun
    ("10k GitHub stars")."""
    words = _WORDS_AFTER.match(text, end)
    for word in words.groups() if words else ():
        if not word or word.lower() in STOPWORDS:
            return False  # "a 128k context for models …": the noun phrase ended
        if _plural(word):
            return True
    return False


# A label before a colon right before the number ("Agent start-ups funded in China,
# 2025: 1,400", maybe past a qualifier).
_LABEL_BEFORE = regexes.compile(
    r"(?P<label>[A-Za-z][^:.!?\n]{0,80}):[ \t]+(?:(?:more than|over|about|around|nearly|"
    r"almost|some|roughly|approximately|at least|up to|under|less than)[ \t]+)?$",
    re.IGNORECASE,
)


def _labelled(text: str, start: int, end: int) -> bool:
    """Whether the number at `end` follows a label that names things it counts: a plural
    noun before a colon ("- **AI start-ups funded in 2025:** 1,400"), not "Port: 8080"."""
    m = _LABEL_BEFORE.search(text, start, end)
    return m is not None and _counts_things_in(m.group("label"))


def _counts_things_in(label: str) -> bool:
    return any(_plural(w) for w in re.findall(r"[A-Za-z][\w-]*", label))


def _plural(word: str) -> bool:
    """Whether `word` reads as a plural noun: "stars", "start-ups", not "class", "has"."""
    return (
        len(word) > 3 and word.endswith("s") and not word.endswith("ss")
        and word.lower() not in STOPWORDS
    )  # fmt: skip


# A number in inline tags (they stand as U+FFFC), as a note marker is: "18%.<sup>4</sup>",
# "<sup><a href="#n4">4</a></sup>".
_NOTE_MARKER = regexes.compile(r"\ufffc\d{1,3}\ufffc")
# A numbered reference's marker kept as text: "[3]" (no figure is written so).
_REFERENCE_MARKER = regexes.compile(r"\[\d{1,3}\]")


def _marks_text(text: str, at: int) -> bool:
    """Whether the tags opening at `at` follow the text they mark, with no space."""
    while at > 0 and text[at - 1] == "\ufffc":
        at -= 1
    return at > 0 and not text[at - 1].isspace()


def _tied_to_noun(text: str, end: int) -> bool:
    """Whether the number ending at `end` is followed by a word that may be (or start)
    the noun it counts (past a qualifier: "6,200 or more AI companies")."""
    after = _QUALIFIER_AFTER.match(text, end)
    word = _NOUN_AFTER.match(text, after.end() if after else end)
    return word is not None and word.group(1).lower() not in _NOT_A_NOUN


# A count that ends its sentence ("Downloads hit 1,000,000.") is tied to the noun
# before it, the subject, when a verb of quantity leads to it (maybe past a qualifier).
# Other counts that end a sentence are mostly labels: "Rust Issue: 19469", "PR 21930".
_SENTENCE_END_AFTER = regexes.compile(r"\+?[\"”’')\]]*(?:[.!?…]+[\"”’')\]]*)?[\s\ufffc]*$")
# The words that may stand between a verb of quantity (or a source's "puts … at") and
# its figure ("reached more than").
_AMOUNT_WORDS = (
    r"more|than|over|above|nearly|almost|about|around|roughly|approximately|some|just|under|"
    r"below|less|fewer|at|least|most|close|to|a|an|record|estimated|only|well"
)
# ... or what a source "puts" at it ("CGTN puts the number of AI companies at 7,000.").
_PUT_AT = regexes.compile(
    r"\b(?:puts?|putting|pegs?|pegged|places?|placed|estimates?|estimated|values?|valued)\b"
    rf"[^.;!?]{{0,100}}?\bat[ \t]+(?:(?:{_AMOUNT_WORDS})[ \t]+)*$",
    re.IGNORECASE,
)
# A table cell that holds the number alone, maybe with its qualifier and magnitude.
_ALONE = regexes.compile(
    r"\s*(?:(?:more than|over|about|around|nearly|almost|some|roughly|approximately|at least|"
    r"up to|under|less than|[~≈<>≥≤])\s*)?[\d,.]+"
    rf"(?:\s*(?:{regexes.alternation(MAGNITUDES)})\b)?\+?[\s\ufffc]*",
    re.IGNORECASE,
)
# ... or ends its clause ("… now number more than 7,500; per Similarweb, …").
_CLAUSE_END_AFTER = regexes.compile(r"\+?[\"”’')\]]*(?:;|,\s)")
_VERB_BEFORE = regexes.compile(
    r"\b(?:hit|hits|reached|reaches|reach|totall?ed|totals|topped|tops|passed|passes|pass|"
    r"surpassed|surpasses|surpass|exceeded|exceeds|exceed|crossed|crosses|cross|numbers?|numbered|was|were|is|are|stood\s+at|stands\s+at|(?:rose|risen|"
    r"grew|grown|climbed|jumped|increased|fell|dropped|declined|up|down)\s+to)"
    rf"(?:\s+(?:{_AMOUNT_WORDS}))*\s+$",
    re.IGNORECASE,
)


def extract(
    doc: "Document",
    index: "FactIndex | None" = None,
    tolerances: Tolerances = DEFAULT_TOLERANCES,
) -> list[Claim]:
    """Every statistical claim in the document's prose, in source order."""
    rows = _RowTexts(doc)
    return [
        claim
        for block in doc.blocks
        if not block.numberless
        for claim in _block_claims(doc, block, index, tolerances, rows)
    ]


class _RowTexts:
    """A table cell's row and column header, read when a cell's number is judged: its
    words name the metric ("AI companies in China" beside "6,200+"), as a sentence's do."""

    def __init__(self, doc: "Document"):
        self.doc = doc
        self._rows: dict[int, str] | None = None

    def around(self, block: "Block") -> str | None:
        if block.row is None:
            return None
        if self._rows is None:  # built on the first cell asked about, for all rows
            rows: dict[int, list[str]] = {}
            for b in self.doc.blocks:
                if b.row is not None:
                    rows.setdefault(b.row, []).append(b.text)
            self._rows = {row: " ".join(texts) for row, texts in rows.items()}
        return f"{block.header or ''} {self._rows[block.row]}"


def _block_claims(
    doc: "Document",
    block: "Block",
    index: "FactIndex | None",
    tolerances: Tolerances,
    rows: _RowTexts | None = None,
) -> Iterator[Claim]:
    text = plain_spacing(block.text)
    row = rows.around(block) if rows is not None else None
    mentions = find_numbers(text)
    if not mentions:
        return
    mentions = with_ranges(text, mentions)
    citations = pandoc.bracketed(text)
    if citations:  # "[see @economies2025, ch. 3]": a locator, no figure
        mentions = [m for m in mentions if not _inside(citations, m.start)]
    if "[" in text:  # "….[3]": a numbered reference's marker, no figure
        mentions = [m for m in mentions if not _REFERENCE_MARKER.match(text, m.start - 1)]
    if block.header and len(mentions) == 1 and _ALONE.fullmatch(text):
        # A cell's number alone, in the unit its column's header gives ("Share (%)").
        bare = mentions[0]
        column = column_unit(block.header)
        if column and bare.unit == "count" and not bare.word_form:
            if not bare.has_magnitude:
                mentions = [in_column_unit(bare, column)]
            elif column.scale == 1.0 and column.unit.isupper():
                # "more than 1.2 trillion" under "Value (CNY)": the header's currency
                mentions = [bare._replace(unit=column.unit)]
    sentences = block.sentences
    starts = [a for a, _ in sentences]
    # Each sentence is sliced, stripped and split into clauses once, however many
    # numbers it holds, and its claims share the strings: a paragraph of 100,000
    # numbers costs linear time and memory, not a copy of the sentence per claim.
    pieces: dict[int, tuple[str, str, tuple[list[int], list[int]]]] = {}
    contexts: dict[tuple[int, int, int], str] = {}
    for mention in mentions:
        k = bisect_right(starts, mention.start) - 1
        if k >= 0 and mention.start < sentences[k][1]:
            s_start, s_end = sentences[k]
        else:
            s_start, s_end = 0, len(text)
        piece = pieces.get(s_start)
        if piece is None:
            sentence = text[s_start:s_end]
            piece = pieces[s_start] = (sentence, sentence.strip(), clause_breaks(sentence))
        sentence, stripped, breaks = piece
        unit = _statistic_unit(mention, text, sentence, s_start, index, row)
        if unit is None:
            continue
        c_start, c_end = clause_around(
            sentence, mention.start - s_start, mention.end - s_start, breaks
        )
        context = contexts.get((s_start, c_start, c_end))
        if context is None:
            context = contexts[s_start, c_start, c_end] = sentence[c_start:c_end].strip()
        qualifier, q_start = _qualifier(text, s_start, mention)
        after = None
        if qualifier == "=" and mention.low is None:
            after = _QUALIFIER_AFTER.match(text, mention.end)
            if after:
                qualifier = ">=" if after["ge"] else "<=" if after["le"] else "~"
        low, high = _interval(mention, qualifier, tolerances)
        span = doc.block_span(block, mention.start, mention.end)
        yield Claim(
            text=doc.text[span.start : span.end],
            value=mention.value,
            unit=unit,
            qualifier="~" if qualifier == "nearly" else qualifier,
            low=low,
            high=high,
            span=span,
            sentence=stripped,
            context=context,
            block=block.index,
            qualifier_span=doc.block_span(block, q_start, mention.start) if q_start >= 0 else None,
            text_range=(mention.start, mention.end),
            sentence_range=(s_start, s_end),
            tolerance=mention.tolerance,
            qualifier_words=(
                " ".join(text[q_start : mention.start].split())
                if q_start >= 0
                else " ".join(after.group().split())
                if after
                else ""
            ),
        )


# The noun a number measures: the words right after it ("11 million users", "18% of
# global downloads"), or, when none follow, those before "of" ("an issue price of HK$116",
# measure_words).
_MEASURE_AFTER = regexes.compile(
    r"\+?[ \t]+(?:(?:share|slice|portion|stake)[ \t]+(?=of[ \t]))?"  # "a 24% share of …"
    r"(?:of[ \t]+(?:the[ \t]+|all[ \t]+|our[ \t]+|my[ \t]+|their[ \t]+|your[ \t]+)?)?"
    r"((?:[A-Za-z][\w'’-]*[ \t]*){1,4})"
)
# (A capital starts no such noun: "in January", "in Hong Kong" say when and where.)
_AMOUNT_IN_AFTER = regexes.compile(
    r"[ \t]+in[ \t]+([a-z][\w'’-]*[ \t]*(?:[A-Za-z][\w'’-]*[ \t]*){0,3})"
)
# "13 million people use Hugging Face" counts its users.
_USERS_AFTER = regexes.compile(
    r"\+?[ \t]+(?:people|persons|individuals)[ \t]+(?:who[ \t]+)?(?:use|used|using)\b"
)
_QUALIFYING = frozenset({"new", "more", "most", "some", "such", "other", "many"})
_OF_A_PERIOD = frozenset({"monthly", "weekly", "daily", "annual", "annually", "yearly"})
# "priced at HK$116.20 apiece", "HK$165 a share".
_PER_SHARE_AFTER = regexes.compile(r"[ \t]+(?:apiece|(?:a|per)[ \t]+share)\b", re.IGNORECASE)
_CENTS = regexes.compile(r"\d\.\d\d$")
_SHARES = regexes.compile(r"\bshares\b", re.IGNORECASE)
# Words right after a figure (or before the "of" before it) that say nothing of what it
# counts: a participle that says where the figure was seen ("USD 585 million quoted for
# Zhipu's IPO", "50% cited for …"), a verb, a word for an amount.
_NOT_MEASURES = frozenset(
    "times time fold more higher lower less quoted cited reported claimed mentioned floated "
    "attributed given stated used circulated repeated "
    # (a verb right after it: "less than 15% went to US models")
    "went go goes came come comes took take takes held hold holds rose fell grew jumped "
    "climbed dropped surged soared gained "
    # (and what says only that it is an amount: "HK$5.8 billion in total", "a $690m haul")
    "total haul sum".split()
)
# Words that end a noun phrase without being stopwords ("700 million since", "15% last year").
_AFTER_NOUNS = frozenset(
    "since ago after before until during through across among between within last next "
    "earlier later globally worldwide annually monthly respectively apiece alone without "
    "toward towards against beyond despite unlike above below vs versus while whereas".split()
)


def names_a_figure_again(text: str, claim: Claim) -> bool:
    """Whether the claim, in the block's `text`, names a figure given before rather than
    stating one: "the 17.1% figure comes from MIT", "that 89% estimate"."""
    start, end = claim.text_range
    if claim.qualifier_words and claim.qualifier_span is not None:
        return False  # "the nearly 90% figure" states its own interval
    return bool(_FIGURE_NOUN_AFTER.match(text, end)) and bool(
        _DETERMINER_BEFORE.search(text, max(0, start - 8), start)
    )


_FIGURE_NOUN_AFTER = regexes.compile(
    r"[ \t]*(?:figures?|estimates?|numbers?|statistics?|stats?|data[ \t]+points?)\b",
    re.IGNORECASE,
)
_DETERMINER_BEFORE = regexes.compile(r"\b(?:the|that|this|these|those)[ \t]+$", re.IGNORECASE)


def measure_words(text: str, claim: Claim) -> str:
    """The words of the block's `text` that name what the claim's number measures, or ""
    when its neighbours name nothing: a cell or clause with several numbers and nouns
    ("13 million users and over 500,000 public datasets") ties each number to its own."""
    start, end = claim.text_range
    trailing = _QUALIFIER_AFTER.match(text, end)
    if trailing:  # "17% or more of downloads" counts downloads
        end = trailing.end()
    if _USERS_AFTER.match(text, end):
        return "users"
    if _PER_SHARE_AFTER.match(text, end) or (
        claim.unit.isupper() and _CENTS.search(claim.text) and _SHARES.search(claim.context)
    ):
        # a price per share, not the proceeds of the sale: "HK$116.20 apiece", "shares rose
        # from HK$116.20 to HK$131.50"
        return "apiece"
    # A sum "in" what it is ("raised US$9bn in venture funding", "$2bn in sales").
    after = (claim.unit.isupper() and _AMOUNT_IN_AFTER.match(text, end)) or _MEASURE_AFTER.match(
        text, end
    )
    if after:
        words = _until_stopword(after.group(1).split())
        if words and words[0].lower() in _NOT_MEASURES:
            return ""  # "downloaded 600 million times": the verb says what was counted
        if words:
            return " ".join(words)
    head = text[max(0, start - 60) : start].rstrip()
    if claim.qualifier_words and head.endswith(claim.qualifier_words):
        head = head[: -len(claim.qualifier_words)].rstrip()
    if not head.endswith((" of", " near")):  # ("a valuation near HK$51 billion")
        # ... or the share a verb puts at it: "put Qwen's share of new derivatives at
        # roughly two-fifths" measures new derivatives (not the downloads alone of "China's
        # share of global downloads was 19.2%")
        share = _SHARE_OF_AT.search(head)
        if share:
            return " ".join(_until_stopword(share.group(1).split()))
        # ... or the amount a verb of quantity says it of: "expect its revenue to reach
        # US$185m", "put the company's valuation at HK$100 billion"
        noun = _NOUN_REACHES.search(head)
        return noun.group(1) if noun else ""
    kept: list[str] = []
    for word in reversed(head.split()[-4:-1]):  # the words before "of", nearest first
        if word.lower() in STOPWORDS or not word.isalpha():
            break
        kept.append(word)
    if kept and kept[0].lower() in _NOT_MEASURES:
        return ""  # "a total of $600 million": an amount, of what the sentence says
    return " ".join(reversed(kept))


_NOUN_REACHES = regexes.compile(
    r"\b(revenues?|valuation|sales|profits?|earnings|income|funding|budget|spending|"
    r"investments?|capex|losses|downloads|installs|[A-Za-z]+[ \t-]+rates?)"
    # (past a stretch of time: "Moonshot's downloads over the year were 37M")
    r"(?:[ \t]+(?:over|in|during|for|across|since|so[ \t]+far)(?:[ \t]+[\w-]+){1,3}?)?"
    r"[ \t]+(?:to[ \t]+(?:reach|hit|top|exceed)|reached|hit|topped|totall?ed|"
    r"amounted[ \t]+to|came[ \t]+(?:to|in[ \t]+at)|stood[ \t]+at|at|was|is|were)$",
    re.IGNORECASE,
)


_SHARE_OF_AT = regexes.compile(
    r"\b(?:share|portion|slice|proportion|percentage)[ \t]+of[ \t]+(?:the[ \t]+|all[ \t]+)?"
    r"((?:[\w'’-]+[ \t]+){0,3}?[\w'’-]+)[ \t]+(?:at|is|was|are|were|stands[ \t]+at"
    r"|stood[ \t]+at|reached|hit|topped|(?:rose|fell|climbed|grew|jumped)[ \t]+to)$",
    re.IGNORECASE,
)
# "share of enterprises piloting …" in a table row: what its figures count.
_COUNTED_IN_ROW = regexes.compile(
    r"\b(?:share|percentage|proportion|number)[ \t]+of[ \t]+(?:the[ \t]+|all[ \t]+)?"
    r"((?:[A-Za-z][\w'’-]*[ \t]*){1,4})",
    re.IGNORECASE,
)


# ... or "New derivatives share", "Downloads share" (not "Market share": no plural).
_PLURAL_SHARE_IN_ROW = regexes.compile(
    r"\b((?:[A-Za-z][\w'’-]*[ \t]+){0,2}?[A-Za-z][\w'’-]*[a-z]s)[ \t]+share\b", re.IGNORECASE
)


def row_measure_words(row: str) -> str:
    """What the figures of a table row count, when one of its cells says so ("share of
    enterprises piloting Chinese open models"): the words after "share of" (or "number
    of", …) up to a stopword, or the plural before "share" ("New derivatives share"); ""
    when no cell, or more than one, says so."""
    found = _COUNTED_IN_ROW.findall(row) + _PLURAL_SHARE_IN_ROW.findall(row)
    if len(found) != 1:
        return ""
    return " ".join(_until_stopword(found[0].split()))


def label_words(text: str, claim: Claim) -> str:
    """The label opening the block before the claim ("Downloads: Chinese models 41%"),
    which may say what its figures count; "" when none does."""
    label = _OPENING_LABEL.match(text)
    if label is None or label.end() > claim.text_range[0]:
        return ""
    return " ".join(_until_stopword(label.group(1).split()))


# A block's opening label, of a word or a few: "Downloads:", "Share of downloads —".
_OPENING_LABEL = regexes.compile(r"[ \t]*([A-Za-z][A-Za-z' -]{0,40}?)[ \t]*(?::|[ \t][—–])[ \t]")


# A word after a plural noun that reads as its verb in the present (lower case, no plural
# "s"; not a participle, which may say what is counted: "models uploaded").
_VERB_AFTER = regexes.compile(r"[a-z]+(?<!s)(?<!ed)(?<!ing)(?<!en)(?<!ly)")


def _until_stopword(words: list[str]) -> list[str]:
    kept = []
    # (past the words that only qualify the noun: "35% of new enterprise AI servers")
    while words and words[0].lower() in _QUALIFYING:
        words = words[1:]
    if len(words) > 1 and words[0].lower() in _OF_A_PERIOD and words[1].lower() not in STOPWORDS:
        words = words[1:]  # "300 million monthly users": "monthly" qualifies the noun here
    for i, word in enumerate(words):
        if word.lower() in STOPWORDS or word.lower() in _AFTER_NOUNS:
            break
        kept.append(word)
        if _plural(word) and i + 1 < len(words) and _VERB_AFTER.fullmatch(words[i + 1]):
            break  # "6,000 companies operate in …": the plural is the head, its verb follows
    return kept


_HALF = regexes.compile(r"(?:(?:one|a)[ -])?half\b", re.IGNORECASE)


def _inside(spans: list[tuple[int, int]], at: int) -> bool:
    """Whether `at` lies within one of `spans` (in order, not overlapping)."""
    k = bisect_right(spans, (at, float("inf"))) - 1
    return k >= 0 and at < spans[k][1]


def _statistic_unit(
    mention: NumberMention,
    text: str,
    sentence: str,
    s_start: int,
    index: "FactIndex | None",
    row: str | None = None,
) -> str | None:
    """The claim's unit when the number is a statistic, else None."""
    if mention.needs_fact:  # "passed 600m": a statistic only when a fact has that value
        if index is None:
            return None
        context = sentence if row is None else f"{row} {sentence}"
        return index.statistic_unit(mention.value, mention.tolerance, terms(context))
    if mention.unit == "times" and index is not None:
        # A multiple ("3x faster", "a 2x size multiplier") is no statistic by its form
        # (SPEC §1), as "three times" is not: only when the table has a figure of that
        # value that the sentence names, as for a bare number ("a 17x increase in average
        # model size"). Without a table, any may be one.
        if index.statistic_unit(mention.value, mention.tolerance, terms(sentence)) is None:
            return None
        return "times"
    if _HALF.match(text, mention.start):
        # "Half of" is everyday English ("uses half of the system's CPU cores"): a share
        # only in a sentence about what a fact measures ("half of all Hugging Face
        # downloads"), and then checked against it whatever its value.
        if index is None or not index.names_a_fact("percent", terms(sentence)):
            return None
        return mention.unit
    if (
        mention.unit == "count"
        and mention.has_magnitude
        and _K_WRITTEN_ON.search(text, mention.start, mention.end)
    ):
        # A "K" written onto a number names a format or a size ("4K video", "a 128k
        # context"); a count in thousands counts things ("10k GitHub stars"), or what its
        # table row or column says ("| bitflags | 3,156k |" under "Downloads").
        if row is None and not _counts_things_after(text, mention.end):
            return None
    if mention.unit != "count" or mention.has_magnitude or mention.word_form:
        return mention.unit
    if _NOTE_MARKER.match(text, mention.start - 1) and _marks_text(text, mention.start - 1):
        return None  # "… 18%.<sup>4</sup>": a note's number, in tags right after the text
    if mention.value >= 1000 and mention.value == int(mention.value):
        if (
            _tied_to_noun(text, mention.end)
            or (
                (
                    _SENTENCE_END_AFTER.match(sentence, mention.end - s_start)
                    or _CLAUSE_END_AFTER.match(text, mention.end)
                )
                and (
                    _VERB_BEFORE.search(text, max(s_start, mention.start - 80), mention.start)
                    or _PUT_AT.search(text, max(s_start, mention.start - 120), mention.start)
                )
            )
            or _labelled(text, max(s_start, mention.start - 100), mention.start)
            # a table cell that is the count alone, of what its row names: "| AI companies
            # in China | 7,000+ |"
            or (row is not None and _ALONE.fullmatch(text) and _counts_things_in(row))
        ):
            return "count"
    if _GROUP_OF_BEFORE.search(text, max(0, mention.start - 40), mention.start):
        return None  # "Lin's team of 40 now ships …": a small bare count (SPEC §1)
    if index is not None:
        # A table cell's count of 1,000 or more is tied to the noun in its row ("AI
        # companies in China | 6,200+"), and so is a small one with more than the number
        # in its cell ("| more than 100 |", "| 100+ |"); a bare small one may be the row's
        # number ("| 17 |").
        big = mention.value >= 1000 and mention.value == int(mention.value)
        said = big or mention.plus or text.strip() != text[mention.start : mention.end]
        context = f"{row} {sentence}" if row is not None and said else sentence
        unit = index.statistic_unit(mention.value, mention.tolerance, terms(context))
        if unit not in {None, "count"} and _counts_what_follows(text, mention):
            return None
        return unit
    return None


# The size of a group of people ("team of 12", "a staff of about 40").
_GROUP_OF_BEFORE = regexes.compile(
    r"\b(?:team|staff|group|crew|panel|board|committee|class|cohort|squad|workforce|"
    r"headcount|delegation)[ \t]+of[ \t]+(?:(?:about|around|some|nearly|almost|just|"
    r"roughly|over|under)[ \t]+)?$",
    re.IGNORECASE,
)


# A whole number before a plural noun counts it ("our 17 charts on China's AI boom", "4
# takeaways on DeepSeek", a headline's "3 Charts That Explain DeepSeek", "40 portfolio
# companies"): a small bare count (SPEC §1), not a share or a sum that a fact of the same
# value in the sentence would make it.
_WORDS_ON_LINE_AFTER = regexes.compile(
    r"[ \t]+([A-Za-z][\w-]*)(?:[ \t]+([A-Za-z][\w-]*))?(?:[ \t]+([A-Za-z][\w-]*))?"
)
_PLURAL_NOUN = regexes.compile(r"[A-Za-z][a-z-]*[a-hj-rtv-z]s")


def _counts_what_follows(text: str, mention: NumberMention) -> bool:
    """Whether one of the three words after a whole number is a plural noun, before any
    word that ends the noun phrase."""
    words = _WORDS_ON_LINE_AFTER.match(text, mention.end)
    if words is None or "." in text[mention.start : mention.end]:
        return False
    for word in filter(None, words.groups()):
        lower = word.lower()
        if lower in STOPWORDS or lower in _AFTER_NOUNS or lower in _NOT_MEASURES:
            return False
        if _PLURAL_NOUN.fullmatch(word):
            return True
    return False


# A verb or noun that "about" says the subject of, not a number's closeness.
_ABOUT_WHAT = regexes.compile(
    r"\b(?:talk|talks|talking|talked|speak|speaks|speaking|spoke|think|thinking|thought|"
    r"write|writes|writing|wrote|ask|asks|asking|asked|learn|learning|learned|hear|heard|"
    r"read|reading|story|stories|question|questions|conversation|chat|chatting|debate|"
    r"worry|worries|worried|care|cares|news|podcast|episode|notes?|thread|post|lesson)"
    r"(?:\s+(?:to|with)\s+(?:\S+\s+){0,4}?\S+)?\s+$",
    re.IGNORECASE,
)


def _qualifier(text: str, sentence_start: int, mention: NumberMention) -> tuple[str, int]:
    """The qualifier code for the words before the number, and where they start (-1: none)."""
    if mention.plus:
        return ">=", -1
    before = text[max(sentence_start, mention.start - 40) : mention.start]
    if not _QUALIFIER_TAIL_REVERSED.match(before[::-1]):
        return "=", -1
    m = _QUALIFIER_TAIL.search(before)
    if not m:
        return "=", -1
    if _THE_BEFORE.search(before, m.end("q")) and not _THRESHOLD_AFTER.match(text, mention.end):
        return "=", -1
    if m.group("q").lower() == "top" and not _PLURAL_SUBJECT_BEFORE.search(before, 0, m.start()):
        return "=", -1  # "the top 5%", "Top 10 models"; not "Chinese LLMs Top 12 Billion"
    if m.group("q").lower() == "about" and _ABOUT_WHAT.search(before, 0, m.start("q")):
        return "=", -1  # what a talk is about: "Talking to a maintainer about 700 million …"
    code = next(code for i, (_, code) in enumerate(_QUALIFIERS) if m.group(f"g{i}"))
    return code, mention.start - len(before) + m.start("q")


def _interval(
    mention: NumberMention, qualifier: str, tolerances: Tolerances
) -> tuple[float | None, float | None]:
    value, tol = mention.value, mention.tolerance
    if mention.low is not None:  # a range says its interval itself
        return mention.low - tol, value + tol
    if qualifier in {">", ">="}:
        return value, None
    if qualifier in {"<", "<="}:
        return None, value
    if qualifier == "~":
        widen = max(2 * PRECISION_STEPS * tol, tolerances.approximate * value)
        return value - widen, value + widen
    if qualifier == "nearly":
        # From below; a number's rounding may lift it a little ("nearly 90%" fits 90.4),
        # but a fraction in words is its value ("nearly one-fifth" is under 20%).
        above = 0.0 if mention.fraction else tol
        return value - max(2 * PRECISION_STEPS * tol, tolerances.nearly * value), value + above
    return value - tol, value + tol
