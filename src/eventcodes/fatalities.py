"""Fatalities as ACLED records them: the number of people a sentence says were killed.

``killing two`` -> 2; ``1 fatality`` -> 1; ``at least 15 people were killed`` -> 15 (the lower
bound, as ACLED takes the most conservative figure); ``killing two soldiers and three civilians``
-> 5; ``a man was shot dead`` -> 1; ``no one was killed`` -> 0; ``dozens were killed`` -> a
mention whose count is None, with its text kept for a reader. Wounded and injured are not deaths.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .numbers import CARDINALS

_UNITS = {**CARDINALS, "a dozen": 12, "a hundred": 100, "one hundred": 100}
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_VAGUE = ("dozens", "scores", "hundreds", "thousands", "several", "many", "numerous", "some")
_NUMBER = (
    r"\d{1,3}(?:,\d{3})+|\d+"
    r"|(?:" + "|".join(_TENS) + r")[- ](?:one|two|three|four|five|six|seven|eight|nine)"
    r"|" + "|".join(sorted((re.escape(k) for k in _UNITS), key=len, reverse=True))
)
_VAGUE_RE = "|".join(_VAGUE)
_QUALIFIER = (
    r"(?:(?:at\s+least|more\s+than|over|nearly|almost|about|around|some|up\s+to|an\s+estimated"
    r"|as\s+many\s+as|roughly|approximately)\s+)?"
)
#: a count, or a vague quantity (``dozens of``), optionally a range (``10-12``)
_COUNT = rf"{_QUALIFIER}(?:{_NUMBER}|{_VAGUE_RE})(?:\s*(?:-|to|or)\s*(?:{_NUMBER}))?(?:\s+of)?"
#: nouns for people (``two soldiers``, ``three members of the family``), up to three words before
_PEOPLE = (
    r"(?:(?:[A-Za-z'-]+\s+){0,3}?"
    r"(?:people|persons?|civilians?|soldiers?|troops|police(?:men|women)?|officers?|militants?"
    r"|rebels?|fighters?|protesters?|demonstrators?|villagers?|farmers?|herders?|children|women|men"
    r"|students?|worshippers?|passengers?|miners?|workers?|residents?|insurgents?|gunmen"
    r"|attackers?|members?|guards?|personnel|others?|policemen|militiamen|suspects?|jihadists?"
    r"|combatants?|bystanders?|pilgrims?|journalists?|teachers?|traders?|(?:wo)?man|boys?|girls?"
    r"|victims?|family|officials?|recruits?|staff|Palestinians?|Israelis?|Ukrainians?|Russians?"
    r"|Afghans?|Syrians?|Iraqis?|Somalis?|Nigerians?)"
    r"(?:\s+(?:of|from)\s+(?:the\s+|a\s+)?[A-Za-z'-]+)?)"
)
_KILLED = (
    r"(?:killed|dead|died|slain|shot\s+dead|beaten\s+to\s+death|hacked\s+to\s+death"
    r"|burned\s+to\s+death|lost\s+their\s+lives|lost\s+his\s+life|lost\s+her\s+life|perished)"
)

_PATTERNS = [
    # killing two soldiers and three civilians / killed at least 15 people
    re.compile(
        rf"\b(?:killing|killed|kills|kill|massacred|massacring|executing|executed|shot\s+dead"
        rf"|shooting\s+dead|claimed\s+the\s+lives\s+of|claiming\s+the\s+lives\s+of)\s+"
        rf"(?P<list>{_COUNT}(?:\s+{_PEOPLE})?(?:(?:\s*,\s*|\s+and\s+){_COUNT}\s+{_PEOPLE})*)\b",
        re.IGNORECASE,
    ),
    # at least 15 people were killed / three soldiers died / 12 dead
    re.compile(
        rf"(?<![Nn]o )(?P<list>{_COUNT}(?:\s+{_PEOPLE})?)\s+(?:(?:were|was|have\s+been|had\s+been|are|is"
        rf"|have|had|being|reportedly|also|all)\s+){{0,2}}{_KILLED}\b",
        re.IGNORECASE,
    ),
    # left 55 dead, left four fighters and two soldiers dead
    re.compile(
        rf"\bleft\s+(?P<list>{_COUNT}(?:\s+{_PEOPLE})?(?:(?:\s*,\s*|\s+and\s+){_COUNT}\s+{_PEOPLE})*)"
        rf"\s+dead\b",
        re.IGNORECASE,
    ),
    # 1 fatality, 12 fatalities, 30 deaths
    re.compile(rf"(?P<list>{_COUNT})\s+(?:fatalit(?:y|ies)|deaths?)\b", re.IGNORECASE),
    # the death toll rose to 40 / a death toll of 40
    re.compile(
        rf"\bdeath\s+toll\s+(?:\w+\s+){{0,6}}?(?:to|of|at|is|was|reached|stands\s+at|stood\s+at)"
        rf"\s+(?P<list>{_COUNT})",
        re.IGNORECASE,
    ),
]
#: the words of _KILLED: a pattern that ends in it needs one of them
_KILLED_WORDS = ("killed", "dead", "died", "slain", "death", "lives", "life", "perished")
#: per pattern of _PATTERNS, words one of which its every match contains (in lower case)
_NEEDS = (
    ("kill", "massacr", "execut", "dead", "lives"),
    _KILLED_WORDS,
    ("dead",),
    ("fatalit", "death"),
    ("death",),
)
_ONE_ACT_WORDS = ("kill", "behead", "execut", "assassinat", "dead", "lynch", "death")
#: one person: ``a man was shot dead``, ``a soldier was killed``
_ONE_RE = re.compile(
    rf"(?<![Nn]o )\b(?:an?|one)\s+(?:[a-z'-]+\s+){{0,2}}?(?:man|woman|boy|girl|child|soldier|policeman"
    rf"|police\s+officer|officer|civilian|farmer|trader|student|journalist|teacher|person|villager"
    rf"|protester|worker|militant|fighter|guard|chief|cleric|doctor|driver|resident)\s+"
    rf"(?:was|has\s+been|had\s+been|is)\s+{_KILLED}\b",
    re.IGNORECASE,
)
_NONE_RE = re.compile(
    r"\b(?:no\s+(?:one|deaths?|casualties|fatalities)(?:\s+(?:was|were|has\s+been|have\s+been"
    r"|had\s+been))?(?:\s+(?:killed|reported|recorded|caused))?|nobody\s+was\s+killed"
    r"|no\s+one\s+died|without\s+casualties)\b",
    re.IGNORECASE,
)
_SINGULAR = (
    r"(?:man|woman|boy|girl|child|soldier|policeman|police\s+officer|officer|civilian|farmer"
    r"|trader|student|journalist|teacher|person|villager|protester|worker|militant|fighter|guard"
    r"|chief|cleric|doctor|driver|resident|commander|leader|official|imam|priest|pastor)"
)
#: one person killed by an act: ``killed a village chief``, ``beat a protester to death``
_ONE_ACT_RE = re.compile(
    rf"\b(?:(?:killing|killed|kills|beheaded|beheading|executed|executing|assassinated"
    rf"|assassinating|shot\s+dead|shooting\s+dead|lynched|lynching)\s+(?:an?|one)\s+"
    rf"(?:[a-z'-]+\s+){{0,2}}?{_SINGULAR}\b"
    rf"|(?:beat|beating|stabbed|stabbing|hacked|hacking|burned|burning)\s+(?:an?|one)\s+"
    rf"(?:[a-z'-]+\s+){{0,2}}?{_SINGULAR}\s+to\s+death)",
    re.IGNORECASE,
)
#: a word that every statement above needs: most sentences state no deaths, and are passed over
#: by this one search instead of every pattern's
_ANY_RE = re.compile(
    r"kill|massacr|execut|dead|died|slain|death|perish|lives|life|fatalit|behead|assassinat"
    r"|lynch|casualt|nobody|no\s+one",
    re.IGNORECASE,
)
#: _ANY_RE's words, for a sentence in lower case (``no one`` by _NO_ONE_RE)
_ANY_WORDS = (
    "kill",
    "massacr",
    "execut",
    "dead",
    "died",
    "slain",
    "death",
    "perish",
    "lives",
    "life",
    "fatalit",
    "behead",
    "assassinat",
    "lynch",
    "casualt",
    "nobody",
)
_NO_ONE_RE = re.compile(r"no\s+one")
_COUNT_RE = re.compile(
    rf"{_QUALIFIER}(?P<n>{_NUMBER}|{_VAGUE_RE})(?:\s*(?:-|to|or)\s*(?:{_NUMBER}))?(?![\w-])",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Fatalities:
    """Deaths a sentence states: the count (None when vague, as ``dozens``) and the words."""

    count: int | None
    text: str
    start: int
    end: int


def number_value(words: str) -> int | None:
    """Return the value of a number written in digits or words (``15``, ``twenty-one``), or None."""
    text = " ".join(words.lower().replace("-", " ").split())
    if text.replace(",", "").isdigit():
        return int(text.replace(",", ""))
    if text in _UNITS:
        return _UNITS[text]
    parts = text.split()
    if len(parts) == 2 and parts[0] in _TENS and parts[1] in _UNITS and _UNITS[parts[1]] < 10:
        return _UNITS[parts[0]] + _UNITS[parts[1]]
    return None


def _sum(counted: str) -> tuple[int | None, bool]:
    """Return (total, True) of the counts in ``two soldiers and three civilians``; (None, True)
    when one is vague; (None, False) when none is a count."""
    total = 0
    found = False
    for m in _COUNT_RE.finditer(counted):
        n = m.group("n")
        found = True
        if n.lower() in _VAGUE:
            return None, True
        value = number_value(n)
        if value is None:
            return None, True
        total += value
    return (total, True) if found else (None, False)


def find_fatalities(sentence: str) -> Fatalities | None:
    """Return the deaths a sentence states, or None when it states none.

    The first statement in the sentence counts; its count is None when the sentence gives no
    number (``dozens of people were killed``).
    """
    # a plain-ASCII sentence in lower case shows which words it lacks in a few substring tests
    # (the patterns ignore case: in other text they may match letters such as the Kelvin sign,
    # and the patterns themselves are tried)
    lower = sentence.lower() if sentence.isascii() else None
    if lower is not None:
        if not any(w in lower for w in _ANY_WORDS) and not _NO_ONE_RE.search(lower):
            return None
    elif not _ANY_RE.search(sentence):
        return None
    best: Fatalities | None = None
    for pattern, needs in zip(_PATTERNS, _NEEDS, strict=True):
        if lower is not None and not any(w in lower for w in needs):
            continue
        for m in pattern.finditer(sentence):
            total, found = _sum(m.group("list"))
            if not found:
                continue
            candidate = Fatalities(total, m.group(0).strip(), m.start(), m.end())
            if best is None or candidate.start < best.start:
                best = candidate
            break
    for one, needs in ((_ONE_RE, _KILLED_WORDS), (_ONE_ACT_RE, _ONE_ACT_WORDS)):
        if lower is not None and not any(w in lower for w in needs):
            continue
        m1 = one.search(sentence)
        if m1 and (best is None or m1.start() < best.start):
            best = Fatalities(1, m1.group(0), m1.start(), m1.end())
    if best is None and (lower is None or "no" in lower or "without" in lower):
        m0 = _NONE_RE.search(sentence)
        if m0:
            best = Fatalities(0, m0.group(0).strip(), m0.start(), m0.end())
    return best


def fatalities_count(sentence: str) -> int | None:
    """Return the number of people the sentence says were killed; None when none or vague."""
    found = find_fatalities(sentence)
    return found.count if found else None
