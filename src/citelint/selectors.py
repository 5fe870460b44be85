"""Rule selectors: what `--select` / `--ignore`, the configuration and inline control
comments accept.

A selector is a code (`CL101`), a prefix of codes (`CL1` is every CL1xx, `CL` every
code), or a rule's kebab-case name (`unsupported-statistic`), in any case. A name
stands for its code; names are not prefixes. Anything else selects no rule: the
command line and the configuration reject it, naming the closest code or name, and
inline comments pass it over (as markdownlint does).
"""

from __future__ import annotations


def resolve(token: str) -> str | None:
    """The upper-case code or code prefix `token` selects, or None when it selects no rule."""
    from .checks import BY_NAME, RULES  # the registry imports every rule: only when asked

    rule = BY_NAME.get(token.lower())
    if rule is not None:
        return rule.code
    prefix = token.upper()
    if prefix and any(code.startswith(prefix) for code in RULES):
        return prefix
    return None


def codes(prefix: str) -> tuple[str, ...]:
    """Every code a resolved selector stands for."""
    from .checks import RULES

    return tuple(code for code in RULES if code.startswith(prefix))


def unknown(token: str) -> str:
    """The message for a selector that selects no rule, with the closest code or name."""
    import difflib  # only for a mistake: not imported by every check's start-up

    from .checks import BY_NAME, RULES

    choices = {choice.lower(): choice for choice in (*RULES, *BY_NAME)}
    close = difflib.get_close_matches(token.lower(), choices, n=1, cutoff=0.6)
    hint = f"did you mean {choices[close[0]]}? " if close else ""
    return f"unknown rule code or name {token!r} ({hint}`citelint rule` lists them)"
