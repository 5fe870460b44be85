"""Credit cues: the words around a name that make it a credit ("according to X", "X
found", "X's report", "(X, 2026)") rather than a place or platform ("uploaded to X"),
the names no source has that a sentence credits ("Reuters reported"), and the words
that point back to a credit made before ("the same report", "It found")."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .. import regexes
from ..document import MASK

if TYPE_CHECKING:
    from ..names import Mention, NameIndex

_REPORT_NOUNS = (
    r"report|reports|study|studies|analysis|analyses|survey|research|researchers?|paper|data|"
    r"dataset|figures|figure|estimate|estimates|tally|count|numbers?|statistics|stats|poll|"
    r"filings?|analysts?|officials?|economists?|team|authors?|blog|post|article|chart|tracker|"
    r"index|dashboard|review|release|statement|spokesperson|executives?|ceo|minister|"
    r"reckoning|calculations?|assessment|projections?|forecasts?|findings|results|"
    r"round-?ups?|rundowns?|rankings?|leaderboards?|briefs?|briefings?|digests?|"
    r"newsletters?|updates?|bulletins?|memos?|notes?|summary|summaries|snapshots?|"
    r"overviews?|breakdowns?|audits?|census|white-?papers?|scorecards?|prospectus|"
    r"prospectuses|disclosures?|fact-?sheets?|telling|reading|view|measure|estimation|panels?|"
    r"monitor|barometer|benchmark|remarks|speech|testimony|address|comments|keynote|"
    r"presentation|slides?|deck"
)
_SAY_VERBS = (
    r"said|says|say|found|finds|find|reported|reports|report|estimates|estimated|estimate|"
    r"shows|showed|show|shown|puts|put|notes|noted|note|counts|counted|calculates|calculated|"
    r"wrote|writes|claims|claimed|stated|states|revealed|reveals|concluded|concludes|"
    r"valued|values|pegged|pegs|gives|give|gave|projects|projected|observed|observes|recorded|"
    r"records|tallied|tallies|told|tells|"
    r"published|publishes|released|releases|announced|announces|disclosed|discloses|"
    r"confirmed|confirms|suggests|suggested|indicates|indicated|measured|measures|documented|"
    r"documents|highlighted|highlights|ranked|ranks|lists|listed|attributes|attributed|"
    r"credits|credited|points|pointed|according|noting|putting|showing|finding|reckons|"
    r"reckoned|believes|believed|thinks|argues|argued|adds|added|explains|explained|"
    r"warns|warned|predicts|predicted|stresses|stressed|cautions|cautioned|described|"
    r"describes|cited|cites|logged|logs|forecast|forecasts|saying|quoted"
)
# What comes just before a name that credits it ("according to", "a report by", "(see"):
# these patterns end at the name, so each is matched once at the start of the text
# before the name reversed (its words written backwards) rather than searched for at
# every position. Forwards, they read:
#   (?:\baccording\s+to\s+(?:[\w'’&/.-]+\s+){0,5}|\bper\s+(?:the\s+|a\s+)?
#   |\bciting\s+(?:the\s+|a\s+)?|\b(?:{_BY_VERBS})\s+by\s+(?:the\s+|a\s+)?
#   |\b(?:{_REPORT_NOUNS})(?:\s+[\w'’-]+){0,2}\s+(?:by|from|of|at)\s+(?:the\s+|a\s+)?
#   |\b(?:{_PUBLISHED_NOUNS})\s+(?:(?:published|appearing)\s+)?in\s+(?:the\s+|a\s+)?
#   |\btold\s+(?:the\s+)?|\b(?:writing\s+in|speaking\s+(?:to|with)|interview\s+with
#   |sourced\s+from)\s+(?:the\s+)?|\b(?:{_INVERTED_SAY})\s+(?:the\s+)?
#   |\btitled\s+[\"“‘']?|\bsources?:\s*|(?:^|\s)(?:—|–|--|―)\s*|,\s*via\s+(?:the\s+)?
#   |[(\[]\s*(?:see\s+|via\s+)?
#   |[(\[]\s*(?:US\$|HK\$|[$€£¥])?\d[\d.,]*(?:\s*{_FIGURE_UNITS})?\s*[,;]\s*)$
# The last, a name after the figure in its own bracket ("(68%, Similarweb)"), credits it
# as "18% (Microsoft)" does.
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
# A work that appears in a publication ("a report in The Information", "a study published
# in Nature") credits the publication; "data in Hugging Face" stays a place.
_PUBLISHED_NOUNS = (
    r"report|reports|study|studies|paper|papers|article|articles|piece|story|stories|analysis|"
    r"column|essay|editorial|interview|survey|investigation|feature"
)
_FUNCTION_WORDS = r"by|of|at|in|on|to|for|from|with|and|or|as|each|every|the|a|an"
_ARTICLE_BACKWARDS = r"(?:\s+emas\s+eht|\s+eht|\s+a)?"  # "the same", "the", "a"
_FIGURE_UNITS = r"%|percent|million|billion|trillion|bn|m"
# What a name may be described as between "per (the)" and it: "per the Boston-based Data
# Provenance Initiative", "per New York-listed Similarweb", "per the independent …".
_DESCRIBED_BACKWARDS = (
    r"(?:\s+(?:(?:desab|detsil|deretrauqdaeh|dekcab|denwo|nur|tnemnrevog)-[\w.'’]+"
    r"(?:\s+[\w.]*(?-i:[A-Z]))?|tnednepedni|tiforpnon|tiforp-non))?"
)
_CUE_BEFORE_REVERSED = regexes.compile(
    r"\n?(?:(?:\s+[\w'’&/.-]+){0,5}\s+ot\s+gnidrocca\b"
    # (maybe past an owner's name: "per MSFT's AI Economy Institute")
    rf"|(?:\s+s['’][\w.]*(?-i:[A-Z]))?{_DESCRIBED_BACKWARDS}{_ARTICLE_BACKWARDS}\s+rep\b"
    rf"|{_ARTICLE_BACKWARDS}\s+(?:gnitic|gnitouq)\b"
    rf"|{_ARTICLE_BACKWARDS}\s+yb\s+(?:{regexes.backwards(_BY_VERBS)})\b"
    rf"|{_ARTICLE_BACKWARDS}\s+(?:yb|morf|fo|ta)\s+(?:[\w'’-]+\s+){{0,2}}"
    rf"(?:{regexes.backwards(_REPORT_NOUNS)})\b"
    rf"|{_ARTICLE_BACKWARDS}\s+ni(?:\s+(?:dehsilbup|gniraeppa))?"
    rf"\s+(?:{regexes.backwards(_PUBLISHED_NOUNS)})\b"
    r"|(?:\s+eht)?\s+dlot\b"
    r"|(?:\s+eht)?\s+(?:ni\s+gnitirw|(?:ot|htiw)\s+gnikaeps|htiw\s+weivretni|morf\s+decruos)\b"
    rf"|(?:\s+eht)?\s+(?:{regexes.backwards(_INVERTED_SAY)})\b"
    r"|[\"“‘']?\s+deltit\b"
    r"|\s*:s?ecruos\b"
    r"|\s*(?:—|–|--|―)(?:\s|\Z)"
    # a person's name between ("— Dana Okafor, Microsoft"; "said Tom Reyes of Microsoft")
    r"|\s*,(?:\s*[\w.'’-]*(?-i:[A-Z])){1,4}\s*(?:—|–|--|―)(?:\s|\Z)"
    rf"|\s+fo(?:\s+[\w.'’-]*(?-i:[A-Z])){{1,4}}\s+(?:{regexes.backwards(_INVERTED_SAY)})\b"
    r"|(?:\s+eht)?\s+aiv\s*,"
    # "(see MIT", "(e.g., MIT", "(cf. MIT"; "(MIT, 2026; Microsoft, 2026)": the next work of
    # a list of them
    r"|(?:\s+ees|\s+aiv|\s*,?\.g\.e|\s+\.?fc)?\s*[(\[]"
    r"|\s*;\s*(?:[a-z]?\d\d(?:02|91)\s*,[^()\[\];\n]{1,60}?\s*;\s*){0,4}"
    r"[a-z]?\d\d(?:02|91)\s*,[^()\[\];\n]{1,60}?(?:\s*,?\.g\.e)?\s*[(\[]"
    rf"|\s*[,;]\s*(?:(?:{regexes.backwards(_FIGURE_UNITS)})\s*)?[\d.,]*\d"
    r"(?:\$SU|\$KH|[$€£¥])?\s*[(\[])",
    re.IGNORECASE,
)
_CUE_AFTER = regexes.compile(
    # "Microsoft (2026) found", "Similarweb (whose data I used) says", "Microsoft — yes,
    # that Microsoft — estimates": an aside may stand between the name and its verb
    rf"^(?:['’]s?)?(?:\s*\([^()\n]{{1,60}}\)|\s+(?:—|–|--)[^—–\n]{{1,60}}?(?:—|–|--))?"
    # (not in the passive: "Hugging Face is also said to host …" names no one who says it;
    # nor past a pronoun, whose verb it is, or a platform's noun: "Browse Hugging Face and
    # you will find", "The Hugging Face hub lists")
    r"\s*(?:(?!(?:is|are|was|were|be|been|being|you|we|i|they|he|she|hub|platform"
    r"|repository|repo|community|servers?|store|marketplace)\s)(?:[\w-]+|[\"“”])\s+){0,3}?"
    rf"(?:{_REPORT_NOUNS}|{_SAY_VERBS})\b"
    r"|^\s+(?:is|was|are|were)\s+the\s+(?:original\s+|primary\s+)?sources?\b"
    # or a speaker past an appositive: "Li Lecheng, the industry minister, said", "…, by
    # contrast, was quoted as putting". Not "Hugging Face, the platform, released its
    # Spring report": the report is the credit.
    # (A figure's point or group separator does not end the appositive, nor does an aside
    # in brackets: "Reuters, converting from HK$4.8 billion, puts …", "Reuters, which
    # rounds them to $620 million (HK$4.8 billion), said …".)
    r"|^\s*,(?:[^,.;:!?()\n]|(?<=\d)[.,](?=\d)|\([^()\n]{1,40}\)){1,90},"
    r"\s*(?:[\w-]+\s+){0,3}?"
    r"(?:said|says|told|tells|added|adds|"
    r"noted|notes|estimated|estimates|wrote|writes|reported|reports|found|finds|stated|"
    r"states|explained|explains|puts|put|putting|saying|quoted|counted|counts|gives|gave|"
    r"shows|showed|measures|measured)\b"
    # or whom a pronoun after the clause it opens stands for: "When MIT and Hugging Face
    # looked back on the year, they found …"
    rf"|^[^.;:!?()\n]{{0,80}}?,\s*(?:they|it)\s+(?:also\s+)?(?:{_SAY_VERBS})\b"
    # or one that has a subject at a figure: "Similarweb has Gemini at 18%", "Reuters had
    # MiniMax up 78%", "Bloomberg had MiniMax closing up 109%"
    r"|^\s+(?:still\s+)?(?:has|had|have)\s+(?:[\w'’-]+\s+){1,4}?(?:at|on|up|down)\s+"
    r"(?:[a-z]+\s+){0,2}?(?:US)?[$€£¥]?\d",
    re.IGNORECASE,
)
# A name's possessive over a thing it makes, which is the verb's subject: "Alibaba's Qwen
# models logged …", "DeepSeek's app recorded …" (not "Similarweb's data shows").
_THING_DOES = regexes.compile(
    r"^(?:['’]s?)?\s+(?:[\w-]+\s+){0,2}?(?:models?|chatbots?|apps?|assistants?|family|series|"
    r"llms?|weights|products?|platforms?|downloads|shares|stock|traffic|revenue|sales)\s+"
    rf"(?:(?:has|have|had)\s+)?(?:also\s+)?(?:{_SAY_VERBS})\b"
)
# After a name set off by commas, its verb: "One state outlet, Xinhua, put … at …".
_APPOSITIVE_SAYS = regexes.compile(rf"^\s*,\s*(?:also\s+)?(?:{_SAY_VERBS})\b")
# A name a relative clause says something of: "pointed to Similarweb, which puts ChatGPT
# at 68%", "from Microsoft, whose research puts DeepSeek's share at 89%": a credit, after
# a place's preposition too.
_WHICH_SAYS = regexes.compile(
    rf"^\s*,\s*(?:(?:which|who)\s+(?:also\s+)?(?:{_SAY_VERBS})"
    rf"|whose\s+(?:[\w-]+\s+){{0,2}}?(?:{_REPORT_NOUNS}))\b",
    re.IGNORECASE,
)
# A source's possessive on a figure ("Microsoft's 89% for DeepSeek"): its figure.
_FIGURE_AFTER = regexes.compile(
    r"^(?:['’]s)?\s+(?:US\$|HK\$|[$€£¥])?\d[\d,.]*\s*"
    r"(?:%|percent\b|per\s+cent\b|percentage[\s-]+points?\b|pp\b|[mbt]illion\b)",
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
# A year in brackets right after a name, maybe with a page: "Microsoft (2026)", "(2026a)",
# "(2026, p. 4)".
_YEAR_AFTER = regexes.compile(
    r"^\s*\((?:19|20)\d\d[a-z]?(?:\s*[,:]\s*(?:pp?\.\s*)?\d+(?:\s*[–-]\s*\d+)?)?\)"
)
# "(MIT, 2026)", "(MIT, 8 January 2026)", "(MIT, Q1 2026)"; "(Longpre et al., 2025)", whose
# name is matched without its last period.
_PARENTHETICAL_YEAR = regexes.compile(
    r"^\.?\s*,?\s*(?:n\.\s?d\.|\[?(?:\d{1,2}\s+)?"
    r"(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
    r"\s+(?:\d{1,2},?\s+)?|[qh][1-4]\s+)?(?:19|20)\d\d[a-z]?\b)",
    re.IGNORECASE,
)
# The rest of a bracket's names written onto the first ("/Hugging Face" of "(MIT/Hugging
# Face)"): each joined as `parts._WRITTEN_ONTO` joins them, and capitalised.
_JOINED_NAMES_AFTER = regexes.compile(
    r"(?:(?:\s*(?:/|&|–)\s*|\s+and\s+)[A-Z][\w&.'’-]*(?:[ \t]+[A-Z][\w&.'’-]*){0,3})+\s*"
)
# r"\b(?:on|onto|to|into|at|across|in|within|inside|throughout|via|from|with)\s+(?:the\s+)?$",
# reversed as _CUE_BEFORE_REVERSED is.
_PLATFORM_BEFORE_REVERSED = regexes.compile(
    r"\n?(?:\s+eht)?\s+(?:"
    + regexes.backwards("on|onto|to|into|at|across|in|within|inside|throughout|via|from|with")
    + r")\b",
    re.IGNORECASE,
)
# r"\b(?:speaker|analyst|…)s?\s+(?:at|from)\s+(?:the\s+)?$": someone of the name, not a
# place ("A speaker from Similarweb said"), reversed as _CUE_BEFORE_REVERSED is.
_MEMBER_FROM_REVERSED = regexes.compile(
    r"\n?(?:\s+eht)?\s+(?:morf|ta)\s+(?:"
    + regexes.backwards(
        "speakers?|analysts?|researchers?|economists?|spokesperson|spokesman|spokeswoman|"
        "representatives?|executives?|engineers?|scientists?|someone|colleagues?|"
        "directors?|officials?|experts?|authors?"
    )
    + r")\b",
    re.IGNORECASE,
)
_POSSESSIVE = regexes.compile(r"['’]s$")
# A name's possessive standing alone after "is" ("… figure is Bloomberg's: …").
_OWNED_AFTER = regexes.compile(r"['’]s?(?:\s*[:;,.)—–]|\s*$)")
_BE_BEFORE = regexes.compile(r"\b(?:is|are|was|were)\s+(?:actually\s+|really\s+)?$")
_ET_AL = regexes.compile(r"\bet\s+al$")
_ENDS_IN_REPORT = regexes.compile(rf"\b(?:{_REPORT_NOUNS})['’]?$", re.IGNORECASE)
# These two start with their first letter, matched without regard to case ("a" and
# "t" have no other case variants), and check the word boundary before it after it:
# r"\b(?i:according\s+to\s+(?:the\s+|a\s+|an\s+)?)(?P<name>(?:[A-Z]…\s*){1,5})"
_UNKNOWN_NAME = regexes.compile(
    r"[Aa](?<!\w[Aa])(?i:ccording\s+to\s+(?:the\s+|a\s+|an\s+)?)"
    r"(?P<name>(?:[A-Z](?:[\w&'’-]|\.(?!\d))*\s*){1,5})"
)
# The writer's own work, credited as a source no table has: "in our own reader survey",
# "according to our analysis", "my tally".
_OWN_WORK = regexes.compile(
    r"\b(?:in|from|according\s+to|per|by)\s+(?P<name>(?:our|my)\s+(?:own\s+)?"
    r"(?:[\w-]+\s+){0,2}?(?:survey|poll|analysis|data|research|study|count|tally|estimates?|"
    r"calculations?|reckoning|testing|tests|review))\b",
    re.IGNORECASE,
)
# A post or a clip that says a figure, which no table lists: "Here is what the thread
# says", "a viral video claimed" (a credit, so the figure is not uncited by the table's
# sources, nor anyone's named earlier).
_MEDIA_SAYS = regexes.compile(
    r"\b(?P<name>(?:the|this|that|a|one)\s+(?:viral\s+)?(?:thread|tweet|post|video|clip|reel|"
    r"meme|infographic|podcast|newsletter|op-ed|blog\s+post|social\s+media\s+post))\s+"
    r"(?:also\s+)?(?:says|said|claims|claimed|states|stated|shows|showed|asserts|asserted)\b",
    re.IGNORECASE,
)
# A name no source has, written as a credit: "Reuters reported", "Counterpoint Research
# estimates", "an IDC survey found", "Sensor Tower data show", "per Bloomberg
# Intelligence", "analysts at Jefferies", "(via SCMP)", "(Gartner, 2025)". It cites a
# work the table lacks, so the claim is not uncited; a credit without a name
# ("officials said", "analysts at a Beijing brokerage") cites nothing.
# A capitalised run of up to four words: where a name no source has may stand.
# (Not a full stop's reference number: "led by Addition.[2]" names Addition.)
_NAME_RUN = regexes.compile(
    r"[A-Z](?<![\w/.'’-][A-Z])(?:[\w&'’-]|\.(?!\d))*"
    r"(?:[ \t]+(?:&[ \t]+)?[A-Z](?:[\w&'’-]|\.(?!\d))*){0,3}"
)
# What before a name credits it: r"\b(?:per|via|citing|told|writing\s+in|speaking\s+(?:to|
# with)|interview\s+with|sourced\s+from|(?:{_BY_VERBS})\s+by|(?:{_REPORT_NOUNS})\s+(?:by|
# from|at)|(?:{_PUBLISHED_NOUNS})\s+(?:(?:published|appearing)\s+)?in)\s+(?:the\s+)?$",
# matched on the text before it reversed, as _CUE_BEFORE_REVERSED.
_UNKNOWN_BEFORE_REVERSED = regexes.compile(
    r"\s+(?:eht\s+)?(?:rep|aiv|gnitic|dlot|ni\s+gnitirw|(?:ot|htiw)\s+gnikaeps|htiw\s+weivretni"
    rf"|morf\s+decruos|yb\s+(?:{regexes.backwards(_BY_VERBS)})"
    rf"|(?:yb|morf|ta)\s+(?:{regexes.backwards(_REPORT_NOUNS)})"
    rf"|ni(?:\s+(?:dehsilbup|gniraeppa))?\s+(?:{regexes.backwards(_PUBLISHED_NOUNS)}))\b",
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
    "her your my this that these those some many most both all other others it they we he "
    "she i you one also still even then now meanwhile separately overall what who when where "
    "why how about experts critics insiders observers people investors reporters authorities "
    "regulators government ministry company industry market sources officials analysts "
    "coverage reporting media press evidence testing benchmarks history experience "
    "working meeting internal draft editorial field planning background "
    "january february march april may june july august september october november "
    "december jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
_GENERIC = regexes.compile(rf"(?:{_REPORT_NOUNS})s?", re.IGNORECASE)
_WORD = regexes.compile(r"\S+")

# Words that point back to a report named before: "the same report", "this study",
# "these figures"; a bare "the data" or "the study" does not say which one.
# r"\b(?:the\s+same|this|that|these)\s+(?:same\s+)?(?:new\s+|latest\s+)?(?:report|...)\b",
# with a month or a name between ("That April report's headline figure").
# (Not "in this paper": the writer's own, as in "that figure is not used in this paper".)
_ANAPHORA = regexes.compile(
    r"(?-i:[Tt])(?<!\w[Tt])(?:he\s+same|(?<![Ii]n\s[Tt])his|hat|hese)\s+(?:same\s+)?"
    r"(?:new\s+|latest\s+|(?-i:[A-Z][a-z]+)\s+)?"
    r"(?:report|study|analysis|survey|paper|data|research|figures|source|filings|tally)\b",
    re.IGNORECASE,
)

# A sentence whose subject is a pronoun for whoever the sentence before named: "Microsoft
# also looked at chatbots. It found …", "Its data puts …"; or that opens on its report:
# "Similarweb tracks chatbot traffic. In its January data, …".
_PRONOUN_SAYS = regexes.compile(
    rf"\s*(?:(?:It|They|He|She|(?:Its|Their|His|Her)\s+(?:[\w-]+\s+)?(?:{_REPORT_NOUNS})"
    r"|The\s+(?:minister|ministry|researchers|authors|company|agency|regulator|tracker|firm)"
    rf"|The\s+same\s+(?:{_REPORT_NOUNS}))\s+"
    rf"(?:also\s+|then\s+|later\s+)?(?:{_SAY_VERBS})"
    rf"|(?:in|according\s+to|per|from|by)\s+(?:its|their)\s+(?:[\w-]+\s+){{0,2}}?"
    rf"(?:{_REPORT_NOUNS}))\b",
    re.IGNORECASE,
)

# Or that says, after its figure, what "the report" says: "…, the report adds."
_REPORT_SAYS = regexes.compile(
    rf",\s*(?:the|its|their)\s+(?:{_REPORT_NOUNS})\s+(?:also\s+)?(?:{_SAY_VERBS})\b",
    re.IGNORECASE,
)


# "Numbers" that are none of a source's: "which Hugging Face hosts in large numbers",
# "models on Hugging Face number more than 200,000".
_NO_NUMBERS_AFTER = regexes.compile(
    r"(?:\s+[\w-]+){0,2}?\s+(?:in\s+(?:(?:large|great|huge|vast|big|growing|record|rising|"
    r"increasing|significant|sizable|sizeable)\s+)numbers\b|numbers?\s+(?:more|over|about"
    r"|around|nearly|almost|roughly|some|fewer|less|at\s+least|in\s+the|[\d$€£¥]))",
    re.IGNORECASE,
)


# "Per" meaning "for each", before a name that is a platform's: "per Hugging Face user".
_PER_EACH = regexes.compile(r"\bper[ \t]+$", re.IGNORECASE)
_EACH_AFTER = regexes.compile(
    r"(?:['’]s)?[ \t]+(?:user|users|model|models|download|downloads|developer|developers"
    r"|account|accounts|repository|repositories|repo|repos|visitor|visitors|visit|visits)\b",
    re.IGNORECASE,
)


def is_credit(text: str, mention: Mention) -> bool:
    """Whether a name in a sentence credits its source rather than naming a place."""
    # (Inline HTML tags around the name stand for nothing: "<abbr>HKEX</abbr> filings
    # show", "according to <b>Similarweb</b>".)
    before = text[max(0, mention.start - 80) : mention.start].replace(MASK, "")
    after = text[mention.end : mention.end + 120].replace(MASK, "")
    if after[:1] == "." and _ET_AL.search(text, mention.start, mention.end):
        after = after[1:]  # "Longpre et al. report": the period is the name's
    if _YEAR_AFTER.match(after) or _YEAR_AFTER.match(_past_joined_names(after)):
        # An author-year citation, whatever follows: "Hugging Face and MIT (2026) remain
        # the reference point", "In Similarweb (2026), ChatGPT holds 68%", "CGTN (2026).
        # \"China open-source AI models …\"".
        return True
    backwards = before[::-1]
    if _NO_NUMBERS_AFTER.match(after):
        return False
    if _PER_EACH.search(before) and _EACH_AFTER.match(after):
        return False  # "54 downloads per Hugging Face user": for each, no credit
    if _CUE_BEFORE_REVERSED.match(backwards):
        if not before.rstrip().endswith(("(", "[")) or _PARENTHETICAL_YEAR.match(after):
            return True
        if after.lstrip().startswith((")", "]")):
            return True  # "(MIT)", "[MIT]"
        rest = _past_joined_names(after)
        if rest.startswith((")", "]")) or (rest and _PARENTHETICAL_YEAR.match(rest)):
            return True  # "(MIT/Hugging Face)", "(MIT & HF, 2026)": names only, joined
        # "(MIT found …)": an aside that opens with the name, read as any sentence is.
    elif _PLATFORM_BEFORE_REVERSED.match(backwards) and not _MEMBER_FROM_REVERSED.match(backwards):
        # "in Microsoft's estimate" names a report, as does a title or a name ending in
        # one ("comes from Hugging Face's Spring 2026 report", "in the Similarweb data");
        # "uploaded to Hugging Face" a place.
        if _POSSESSIVE.search(text, mention.start, mention.end):
            after = "'s" + after  # the name took in its "'s": "in Similarweb's January data"
        return (
            _names_a_work(text, mention)
            or _REPORT_AFTER.match(after) is not None
            or _WHICH_SAYS.match(after) is not None
        )
    elif (after[:1] == ":" or _past_joined_names(after)[:1] == ":") and not before.strip():
        return True  # "Similarweb: ChatGPT holds 68% …", "MIT/Hugging Face: …" head it
    if _FIGURE_AFTER.match(after) and (
        _POSSESSIVE.search(text[mention.start : mention.end]) or after[:1] in "'’"
    ):
        return True
    if _OWNED_AFTER.match(
        after if not _POSSESSIVE.search(text, mention.start, mention.end) else "'s" + after
    ) and _BE_BEFORE.search(before):
        return True  # whose a figure is: "The 109% figure is Bloomberg's: it reported …"
    if _THING_DOES.match(after) and (
        _POSSESSIVE.search(text, mention.start, mention.end) or after[:1] in "'’"
    ):
        return False  # "Alibaba's Qwen models logged 2 billion downloads": the models did
    if before.rstrip().endswith(",") and _APPOSITIVE_SAYS.match(after):
        return True  # the name as an appositive: "One state outlet, Xinhua, put … at"
    return (
        _names_a_work(text, mention)
        or _CUE_AFTER.match(after) is not None
        or _WHICH_SAYS.match(after) is not None
    )


def _names_a_work(text: str, mention: Mention) -> bool:
    """Whether the name is a work's: a title, or a name ending in a report noun ("MIT
    researchers", "Similarweb data"), which credits its source as "A new MIT study looked
    at downloads" does (SPEC §2), whatever the verb."""
    return mention.title or _ENDS_IN_REPORT.search(text, mention.start, mention.end) is not None


def _past_joined_names(after: str) -> str:
    """What follows the names written onto a name (`_JOINED_NAMES_AFTER`), or "" when
    none are."""
    names = _JOINED_NAMES_AFTER.match(after)
    return after[names.end() :] if names else ""


def _unknown_credit(text: str, mentions: list[Mention], names: NameIndex) -> str | None:
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
                name = _outside_name(text[at:end], names)
                if name:
                    return name
            if not _no_name(word.group()):
                break
        says = _UNKNOWN_SAYS_AFTER.match(text, end)
        if says and text[end - 1] != "." and not _passive(text, start, end, says):
            name = _outside_name(text[start:end], names)
            if name:
                return name
        if start and text[start - 1] == "(" and _PARENTHETICAL_YEAR.match(text[end : end + 40]):
            name = _outside_name(text[start:end], names)
            if name:
                return name
    return None


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


def _outside_name(run: str, names: NameIndex) -> str | None:
    """`run` less its leading words that are no one's name, when what is left names
    someone and not only what the facts are about."""
    words = [_POSSESSIVE.sub("", w) for w in run.rstrip(".").split()]
    if words[-1].lower() in _NOT_A_NAME:
        return None  # "… for Teams It found": the pronoun says it
    # "MiniMax's CEO": MiniMax; "The Economist": a report noun capitalised after its
    # "The" is a title, not the economists who said something.
    named = [w for at, w in enumerate(words) if not _no_name(w) or _titled(words, at)]
    subjects = names.subject_words
    if not named or all(w.lower().replace(".", "") in subjects for w in named):
        return None
    while _no_name(words[0]) and not _titled(words, 1):
        words.pop(0)
    return " ".join(words)


def _no_name(word: str) -> bool:
    return word.lower() in _NOT_A_NAME or _GENERIC.fullmatch(word) is not None


def _titled(words: list[str], at: int) -> bool:
    """Whether `words[at]` is a report noun that a title's "The" makes a name."""
    return (
        0 < at < len(words) and words[at - 1] == "The" and _GENERIC.fullmatch(words[at]) is not None
    )
