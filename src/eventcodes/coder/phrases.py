"""The words of an actor's whole noun phrase, for ``source_text`` and ``target_text``.

Takes a sentence's tokens, a coded actor (``Chunk``: the codebook words that named it), the verb it
is the source or target of, and the verb forms of the codebook; ``phrase_span`` gives the token span
of the noun phrase the actor heads or sits in: its determiner, numbers and adjectives (``six
Philippine Army soldiers``), titles and names around it, a possessive and the noun it owns (``the
UN's findings``), an ``of`` complement (``the government of Mali``), a short parenthesis
(``Lesotho Defence Force (LDF)``), and on the target side the object noun the actor is the
complement of (``a request from the Times``). Codes do not change here; only the words reported.
"""

from __future__ import annotations

from collections.abc import Container

from ..dates.vocabulary import MONTH_SET, WEEKDAY_NUM
from ..tokens import Token
from .actors import Chunk
from .words import (
    ADVERBS,
    AUXILIARIES,
    CLAUSE_BREAKS,
    COORDINATORS,
    DETERMINERS,
    FUTURE,
    HYPOTHETICAL,
    NEGATIONS,
    PREPOSITIONS,
    PRONOUNS,
    RELATIVE_OPENERS,
    is_adverb,
)

#: words of quantity that begin a noun phrase ("dozens of", "at least six")
QUANTITIES = frozenset(
    [
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "twenty",
        "thirty",
        "forty",
        "fifty",
        "hundred",
        "dozen",
        "dozens",
        "hundreds",
        "thousands",
        "scores",
        "several",
        "many",
        "numerous",
        "few",
        "all",
        "both",
        "other",
        "another",
        "more",
        "about",
        "some",
        "around",
        "nearly",
        "almost",
        "roughly",
        "approximately",
    ]
)
#: nouns of a part or a number that take "of" before the actor ("members of", "dozens of")
PART_NOUNS = frozenset(
    [
        "dozens",
        "hundreds",
        "thousands",
        "scores",
        "members",
        "member",
        "number",
        "group",
        "groups",
        "delegation",
        "some",
        "many",
        "several",
        "all",
        "each",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "head",
        "leader",
        "leaders",
        "chief",
        "office",
        "family",
        "families",
        "supporters",
        "officials",
        "representatives",
        "units",
    ]
)
_STOP = (
    AUXILIARIES
    | HYPOTHETICAL
    | FUTURE
    | NEGATIONS
    | PREPOSITIONS
    | CLAUSE_BREAKS
    | COORDINATORS
    | PRONOUNS
    | RELATIVE_OPENERS
    | ADVERBS
    | frozenset(["to", "and", "or", "not", "also", "yet", "still", "now", "then", "there"])
    | frozenset(["outside", "inside", "near", "around", "including", "due", "responsible"])
    | frozenset(["out", "off", "back", "up", "down", "away"])
    | frozenset(["very", "too", "again", "already", "just", "even", "only"])
)
_MONTHS_DAYS = frozenset(WEEKDAY_NUM) | {month.lower() for month in MONTH_SET}
#: words of time that end a noun phrase ("the Senate today", "Eritrea nine years ago")
_TIME = frozenset(
    [
        "today",
        "yesterday",
        "tonight",
        "here",
        "ago",
        "last",
        "next",
        "earlier",
        "later",
        "following",
    ]
)
#: directions before a place name ("in eastern Syria")
_DIRECTIONS = frozenset(
    [
        "northern",
        "southern",
        "eastern",
        "western",
        "central",
        "north",
        "south",
        "east",
        "west",
        "northeastern",
        "northwestern",
        "southeastern",
        "southwestern",
        "north-east",
        "north-west",
        "south-east",
        "south-west",
    ]
)
#: prepositions through which an object noun takes the actor as its complement ("an offer from X")
_COMPLEMENT = frozenset(["of", "from", "in"])
#: the first word of "at least", "more than", "fewer than"
_LIMITS = frozenset(["at", "more", "less", "fewer", "over", "nearly", "almost"])
_MAX_LEFT = 5
_MAX_RIGHT = 4


def _word(tok: Token, verbs: Container[str]) -> bool:
    """Return whether a token can be a noun or adjective of a noun phrase (not a verb or function word)."""
    norm = tok.norm
    if not tok.text[:1].isalnum() or norm in _STOP or norm in DETERMINERS or norm in _TIME:
        return False
    if tok.text[:1].isupper():
        return norm not in _MONTHS_DAYS
    if norm.isdigit():
        return not (len(norm) == 4 and norm[:2] in ("19", "20"))  # a year
    return norm not in verbs and not is_adverb(tok)


def _title(tok: Token) -> bool:
    """Return whether a token is a capitalised word that can head a name before "of"."""
    return tok.text[:1].isupper() and tok.text.isalpha() and tok.norm not in _STOP


def _name(tok: Token) -> bool:
    """Return whether a token is a capitalised word (part of a name or title)."""
    return tok.text[:1].isupper() and tok.norm not in _MONTHS_DAYS and tok.norm not in _TIME


def _left(tokens: list[Token], start: int, lo: int, verbs: Container[str]) -> int:
    """Return where the noun phrase ending in the actor at ``start`` begins (not before ``lo``)."""
    k = start
    while k > lo and start - k < _MAX_LEFT:
        tok = tokens[k - 1]
        norm = tok.norm
        if norm in DETERMINERS and norm not in ("that", "no"):
            return k - 1  # a determiner begins the phrase
        if norm == "-" and k - 2 >= lo and _word(tokens[k - 2], ()):
            k -= 2  # "rebel-held", "government-backed"
            continue
        if norm in QUANTITIES or norm.isdigit():
            k -= 1
            if k - 2 >= lo and norm.isdigit() and tokens[k - 1].norm == ",":
                k -= 2 if tokens[k - 2].norm.isdigit() else 0  # "100,000" written "100, 000"
            continue
        if norm in ("least", "most", "than") and k - 2 >= lo and tokens[k - 2].norm in _LIMITS:
            k -= 2  # "at least", "more than"
            continue
        if (
            norm == "of"
            and k - 2 >= lo
            and (tokens[k - 2].norm in PART_NOUNS or _title(tokens[k - 2]))
        ):
            k -= 2  # "dozens of", "members of", "the Grand Mufti of Egypt"
            continue
        if norm in ("'s", "'") and k - 2 >= lo and tokens[k - 2].text[:1].isupper():
            k -= 2  # "Somalia's al Shabaab fighters"
            continue
        if not _word(tok, verbs) or (tok.text.islower() and norm.endswith("ing")):
            break
        k -= 1
    return k


def _right(tokens: list[Token], end: int, hi: int, verbs: Container[str]) -> int:
    """Return where the noun phrase the actor at ``end`` is part of ends (not after ``hi``)."""
    k = end
    taken = 0
    while k < hi and taken < _MAX_RIGHT:
        norm = tokens[k].norm
        if norm in ("'s", "'") and k + 1 < hi and _owned(tokens[k + 1]):
            k += 2  # "the UN's findings", "the government's offer", "Libya's internationally
            while k < hi and k - end < 5 and _owned(tokens[k]):  # recognized government"
                k += 1
            taken += 1
            continue
        if norm == "-" and k + 1 < hi and tokens[k + 1].text[:1].isalpha():
            k += 2  # "government-backed troops"
            taken += 1
            continue
        if norm == "(":
            close = next((j for j in range(k + 1, min(hi, k + 6)) if tokens[j].norm == ")"), -1)
            if close < 0:
                break
            k = close + 1  # "Lesotho Defence Force (LDF)"
            continue
        if norm == "of" and k + 1 < hi:
            inner = _of_end(tokens, k + 1, hi, verbs)
            if inner <= k + 1:
                break
            k = inner
            continue
        if norm == "." and k + 1 < hi and len(tokens[k - 1].text) == 1 and _name(tokens[k + 1]):
            k += 1  # "John R. Bass"
            continue
        if norm == "in":
            place = _place_end(tokens, k + 1, hi)
            if place <= k + 1:
                break
            k = place  # "the police in the Gaza Strip"
            continue
        tok = tokens[k]
        if norm in verbs and _final_noun(tokens, k, hi):
            k += 1  # "an Afghan government offer", "the Kirkuk council decision"
            break
        if not _word(tok, verbs) or norm in QUANTITIES or norm.isdigit():
            break
        if tok.text.islower() and (norm.endswith(("ed", "ing")) or norm in _IRREGULAR_PARTICIPLES):
            k = _participle_end(tokens, k, hi, verbs)
            break
        k += 1
        taken += 0 if _name(tok) else 1
    return k


#: participles that do not end in -ed ("the group known as the White Helmets")
_IRREGULAR_PARTICIPLES = frozenset(["known", "held", "led", "run", "based", "born", "seen"])
#: prepositions after a participle that modifies a noun ("targets stationed in Iraq")
_PARTICIPLE_PREPS = frozenset(["in", "by", "as", "near", "at", "from"])


def _participle_end(tokens: list[Token], k: int, hi: int, verbs: Container[str]) -> int:
    """Return the end of a participle phrase at ``k`` that modifies the noun before it
    ("PKK targets stationed in northern Iraq", "workers employed by the UNHCR"), or ``k``."""
    tok = tokens[k]
    participle = tok.norm.endswith("ed") or tok.norm in _IRREGULAR_PARTICIPLES
    if not participle or k + 2 >= hi or tokens[k + 1].norm not in _PARTICIPLE_PREPS:
        return k
    if tokens[k - 1].norm == ",":
        return k
    start = k + 2
    if tokens[start].norm in _DIRECTIONS:
        start += 1
    end = _of_end(tokens, start, hi, verbs)
    return end if end > start else k


def _owned(tok: Token) -> bool:
    """Return whether a token can be part of what a possessive owns: a noun, adjective or adverb."""
    return _word(tok, ()) or is_adverb(tok)


#: what may follow a noun that ends a phrase ("an offer to hold talks", "the decision of")
_AFTER_NOUN = frozenset(
    [".", ",", ";", ":", "to", "of", "for", "on", "from", "in", "that", "and", ")"]
)


def _final_noun(tokens: list[Token], k: int, hi: int) -> bool:
    """Return whether a verb form at ``k`` is a noun that ends the phrase ("government offer")."""
    tok = tokens[k]
    if not (tok.text.isalpha() and tok.text.islower()) or tok.norm.endswith(("ed", "ing")):
        return False
    if tok.norm in _STOP or tok.norm in DETERMINERS:
        return False
    return k + 1 >= len(tokens) or (k + 1 <= hi and tokens[k + 1].norm in _AFTER_NOUN)


def _place_end(tokens: list[Token], start: int, hi: int) -> int:
    """Return the end of a place name after "in" at ``start`` ("[the] [eastern] Gaza Strip"), or ``start``."""
    k = start
    if k < hi and tokens[k].norm == "the":
        k += 1
    if k < hi and tokens[k].norm in _DIRECTIONS:
        k += 1
    first = k
    while k < hi and k - first < 4 and _name(tokens[k]) and tokens[k].text[:1].isalpha():
        k += 1
    return k if k > first else start


#: possessive pronouns that begin the noun phrase after "of" ("members of his family")
_POSSESSIVES = frozenset(["his", "her", "its", "their", "our"])


def _of_end(tokens: list[Token], start: int, hi: int, verbs: Container[str]) -> int:
    """Return the end of the noun phrase after "of" at ``start``, or ``start`` when there is none."""
    k = start
    if k < hi and (tokens[k].norm in DETERMINERS or tokens[k].norm in _POSSESSIVES):
        k += 1  # "of the country", "of his family"
    first = k
    while k < hi and k - first < 6 and (_word(tokens[k], verbs) or tokens[k].norm == "-"):
        if tokens[k].text.islower() and tokens[k].norm.endswith(("ed", "ing")):
            break
        k += 1
    return k if k > first else start


def phrase_span(
    tokens: list[Token],
    chunk: Chunk,
    verb: int,
    last: int,
    verbs: Container[str],
) -> tuple[int, int]:
    """Return the token span (end exclusive) of the noun phrase an actor of a verb at ``verb`` is in.

    ``last`` is the last token of the verb's pattern; the phrase does not reach over the verb.
    """
    n = len(tokens)
    target = chunk.start > verb
    lo, hi = (verb + 1, n) if target else (0, verb)
    if chunk.start < lo or chunk.end > hi:
        return chunk.start, chunk.end
    start = _left(tokens, chunk.start, lo, verbs)
    end = _right(tokens, chunk.end, hi, verbs)
    if target:
        start = _object_start(tokens, start, verb, max(verb, last), verbs)
    else:
        end = _apposition_end(tokens, end, hi, verbs)
    return start, end


def _object_start(
    tokens: list[Token], start: int, verb: int, last: int, verbs: Container[str]
) -> int:
    """Return where the object noun phrase begins that an actor at ``start`` is the complement of:
    "rejected [an offer from] the government", "struck [an arms depot of] the army"."""
    if start - 2 <= verb or tokens[start - 1].norm not in _COMPLEMENT:
        return start
    k = _left(tokens, start - 1, verb + 1, ())  # the object is a noun, even "offer"
    if k == start - 1:
        return start
    if tokens[start - 1].norm == "in" and (k == verb + 1 or tokens[k - 1].norm not in PREPOSITIONS):
        return start  # "sanctions against [the entities in X]", not "sought [refuge in X]"
    if k == verb + 1 or tokens[k - 1].norm in PREPOSITIONS:
        return k
    return start


def _apposition_end(tokens: list[Token], end: int, hi: int, verbs: Container[str]) -> int:
    """Return the end of an apposition after a subject, before its verb: "X's president, Nicolas Maduro,"."""
    if end >= hi or tokens[end].norm != ",":
        return end
    close = next((j for j in range(end + 1, min(hi, end + 9)) if tokens[j].norm == ","), -1)
    if close < 0 or close == end + 1:
        return end
    if any(
        tokens[j].norm not in AUXILIARIES and not is_adverb(tokens[j]) for j in range(close + 1, hi)
    ):
        return end
    inner = tokens[end + 1 : close]
    if not _name(inner[0]) and inner[0].norm not in DETERMINERS:
        return end
    if all(_word(t, verbs) or t.norm in ("'s", "-", "of", "the") for t in inner):
        return close
    return end


def phrase_text(
    text: str,
    tokens: list[Token],
    chunks: list[Chunk],
    chunk: Chunk,
    verb: int,
    last: int,
    verbs: Container[str],
) -> str:
    """Return the words of the noun phrase of an actor (its own words when it is not in this sentence).

    An actor listed with others ("Canada and Costa Rica") is in the phrase of the whole list.
    """
    n = len(tokens)
    if (
        not chunk.text
        or chunk.end > n
        or not text.startswith(chunk.text, tokens[chunk.start].start)
    ):
        return chunk.text
    members = [c for c in chunks if c.group == chunk.group] if chunk.group >= 0 else []
    if len(members) < 2 or any((c.start > verb) != (chunk.start > verb) for c in members):
        start, end = phrase_span(tokens, chunk, verb, last, verbs)
    else:
        start, end = n, 0
        for c in members:
            a, b = phrase_span(tokens, c, verb, last, verbs)
            start, end = min(start, a), max(end, b)
    if chunk.start > verb:
        end = _coordinated_end(tokens, end, verbs)
    return text[tokens[start].start : tokens[end - 1].end]


_MAX_CONJUNCTS = 3


def _coordinated_end(tokens: list[Token], end: int, verbs: Container[str]) -> int:
    """Return the end of the object list a target phrase ending at ``end`` begins: "sanctions on
    [X and the Democratic Republic of the Congo]", "on [A, B and C]".

    A list is taken only when its last member follows "and" or "or"; each member must be a noun
    phrase not followed by a verb (else it is a new clause's subject: "... X, and the army said").
    """
    n = len(tokens)
    k = end
    for _ in range(_MAX_CONJUNCTS):
        j = k
        if j < n and tokens[j].norm == ",":
            j += 1
        last = j < n and tokens[j].norm in ("and", "or")
        if last:
            j += 1
        if j == k or j >= n:
            return end
        np_end = _conjunct_end(tokens, j, verbs)
        if np_end <= j:
            return end
        after = tokens[np_end].norm if np_end < n else ""
        if after in verbs or after in AUXILIARIES or after in FUTURE or after in HYPOTHETICAL:
            return end
        k = np_end
        if last:
            return k
    return end


def _conjunct_end(tokens: list[Token], j: int, verbs: Container[str]) -> int:
    """Return the end of a noun phrase at ``j`` ("the recently formed Pan Africanist Congress
    (PAC)", "four other members of his family"), or ``j``."""
    n = len(tokens)
    k = j
    while (
        k < n
        and k - j < 4
        and (
            tokens[k].norm in DETERMINERS
            or tokens[k].norm in QUANTITIES
            or tokens[k].norm.isdigit()
        )
    ):
        k += 1
    if k == j:
        # no determiner: a bare noun or name, not a verb ("and wounded four", "and declared")
        tok = tokens[j]
        lower = tok.text.islower()
        if lower and (tok.norm in verbs or tok.norm.endswith(("ed", "ing")) or is_adverb(tok)):
            return j
        nxt = tokens[j + 1] if j + 1 < n else tok
        if lower and (
            nxt.norm in DETERMINERS
            or nxt.norm in QUANTITIES
            or nxt.norm[:1].isdigit()
            or (nxt.text.islower() and nxt.norm.endswith("ing"))
        ):
            return j  # "and upheld seven-year sentences", "sometimes causing": a verb phrase
    elif k < n and is_adverb(tokens[k]):
        k += 1  # "the recently formed"
    first = k
    while (
        k < n
        and k - first < 4
        and (
            _word(tokens[k], verbs)
            or (tokens[k].norm == "-" and k + 1 < n)
            or (tokens[k].text.islower() and tokens[k].norm.endswith("ed") and k + 1 < n)
        )
    ):
        k += 1
    if k == first:
        return j
    return _right(tokens, k, n, verbs)
