"""Phrase keys for the common case of a plain lower-case phrase, without the tokenizer."""

from __future__ import annotations

import re

from ..tokens import phrase_key

#: ASCII lower-case words separated by single spaces: ``tokens.phrase_key`` gives their words as
#: they are (no capitals to keep, nothing to fold, no punctuation or clitic to split off)
_PLAIN_RE = re.compile(r"[a-z]+(?: [a-z]+)*")


def plain_words(phrase: str) -> list[str] | None:
    """Return the words of a plain lower-case phrase (``tokens.phrase_key`` of it, as a list), or
    None for any other phrase, whose key only the tokenizer can give."""
    return phrase.split(" ") if _PLAIN_RE.fullmatch(phrase) else None


def fast_phrase_key(phrase: str) -> tuple[str, ...]:
    """Return ``tokens.phrase_key(phrase)``, without the tokenizer for a plain lower-case phrase
    (most rows of an imported dictionary: ``abdul qadir``)."""
    words = plain_words(phrase)
    return tuple(words) if words is not None else phrase_key(phrase)
