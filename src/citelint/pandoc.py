"""Pandoc citations: `[@key]`, `[see @key, p. 4; @other]`, a bare `@key` — read by
attribution for the keys, and by claim extraction, for which the locators in a bracketed
group ("p. 4", "ch. 3") are no figures."""

from . import regexes

# A bracketed group holding an @key (found by a lookahead, so an unclosed group full
# of "@" is scanned once rather than once per "@"), or a bare @key:
#   r"\[(?=[^\[\]]*@\w)[^\[\]]*\]|(?<![\w@])@[A-Za-z][\w:.-]*"
# written to start with its first character, so that `re` skips to the "[" and "@".
CITATION = regexes.compile(
    r"[\[@](?:(?<=\[)(?=[^\[\]]*@\w)[^\[\]]*\]|(?<=@)(?<![\w@]@)[A-Za-z][\w:.-]*)"
)
KEY = regexes.compile(r"@([\w][\w:.#$%&+?<>~/-]*)")


def bracketed(text: str) -> list[tuple[int, int]]:
    """(start, end) of each bracketed citation group in `text`, in order."""
    if "@" not in text:  # the usual case: no citation at all
        return []
    return [m.span() for m in CITATION.finditer(text) if text[m.start()] == "["]
