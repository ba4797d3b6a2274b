"""The regular forms English gives a verb or a noun, for codebook rows that do not list them."""

from __future__ import annotations

_VOWELS = "aeiou"


def regular_plurals(noun: str) -> tuple[str, ...]:
    """Return the regular plural of the last word of a noun phrase."""
    head, _, last = noun.rpartition(" ")
    prefix = f"{head} " if head else ""
    if last.endswith(("s", "sh", "ch", "x", "z")):
        plural = last + "es"
    elif last.endswith("y") and len(last) > 1 and last[-2] not in _VOWELS:
        plural = last[:-1] + "ies"
    else:
        plural = last + "s"
    return (prefix + plural,)


def regular_forms(verb: str) -> tuple[str, ...]:
    """Return the base, -s, -ed and -ing forms of a regular verb (both spellings where doubling is unsure)."""
    forms = [verb]
    if verb.endswith(("s", "sh", "ch", "x", "z", "o")):
        forms.append(verb + "es")
    elif verb.endswith("y") and verb[-2:-1] not in tuple(_VOWELS):
        forms.append(verb[:-1] + "ies")
    else:
        forms.append(verb + "s")
    if verb.endswith("e"):
        forms.append(verb + "d")
        forms.append(verb + "ing" if verb.endswith(("ee", "ye", "oe")) else verb[:-1] + "ing")
    elif verb.endswith("y") and verb[-2:-1] not in tuple(_VOWELS):
        forms += [verb[:-1] + "ied", verb + "ing"]
    else:
        forms += [verb + "ed", verb + "ing"]
        cvc = (
            len(verb) >= 3
            and verb[-1] not in _VOWELS + "wxy"
            and verb[-2] in _VOWELS
            and verb[-3] not in _VOWELS
        )
        if cvc:
            forms += [verb + verb[-1] + "ed", verb + verb[-1] + "ing"]
    return tuple(dict.fromkeys(forms))
