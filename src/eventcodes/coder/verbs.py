"""Stage 2 of the coder, verbs and patterns: is a verb form used as a verb, and which rule codes it.

Takes the sentence view and a token that is a codebook verb form. ``verb_use`` gives why the
form is not a verb here (a ``Note``, or None), after looking through "to" to a verb that governs
an infinitive ("plans to visit": an intention; "refused to release": a refusal). ``read_form``
gives the verb's auxiliary chain and voice. ``match_pattern`` gives the first pattern of the verb's
group that matches around it (most specific first) and the actors its roles took.
"""

from __future__ import annotations

from typing import NamedTuple

from ..codebook.compiled import CompiledPattern
from ..codebook.patterns import SKIP, WORDS, Element
from ..tokens import Token
from .actors import Group
from .sentence import SentenceView
from .status import Mode, Note, VerbMatch, Why, note
from .words import (
    ADVERBS,
    ASPECTUAL,
    AUXILIARIES,
    BE,
    CLAUSE_BREAKS,
    COORDINATORS,
    DECISION_GOVERNORS,
    DENIALS,
    DETERMINERS,
    FUTURE,
    HYPOTHETICAL,
    INTENT_GOVERNORS,
    MAX_PATTERN_GAP,
    NEGATIONS,
    NOT_ADJECTIVES,
    OBJECT_NOUNS,
    PREPOSITIONS,
    PRONOUNS,
    REFUSAL_GOVERNORS,
    RELATIVE_OPENERS,
    SAME_PAST,
    WEAPON_HEADS,
    is_adverb,
)


class VerbUse(NamedTuple):
    """How a verb form is used: not as a verb (``why``), or as a verb, maybe governed."""

    why: Note | None = None
    mode: Mode | None = None
    #: the token whose auxiliary chain and subject the event takes (the governor, if any)
    anchor: int = -1
    #: the verb that governs this one through "to" ("plans to visit"), or -1
    governor: int = -1


class VerbForm(NamedTuple):
    """A verb's auxiliary chain and form: ``has not been attacked`` -> passive, negated."""

    aux_start: int
    aux: list[str]
    #: a gerund or present participle ("attacking"), not the base form
    is_ing: bool
    passive: bool


def _governed(view: SentenceView, at: int) -> tuple[Mode | None, int]:
    """Return the mode and the governor of an infinitive at ``at``: "plans to visit" -> intent."""
    governor = governor_of(view.tokens, at)
    if governor >= 0 and view.tokens[governor].norm in INTENT_GOVERNORS:
        return Mode.INTENT, governor
    if governor >= 0 and view.tokens[governor].norm in REFUSAL_GOVERNORS:
        return Mode.REFUSAL, governor
    return None, governor


def _decided(view: SentenceView, at: int) -> int:
    """Return the governor of an infinitive at ``at`` that reports the act itself ("decided to"),
    or -1."""
    governor = governor_of(view.tokens, at)
    return governor if governor >= 0 and view.tokens[governor].norm in DECISION_GOVERNORS else -1


def verb_use(view: SentenceView, i: int) -> VerbUse:
    """Return how the verb form at token ``i`` is used, looking through "to" to its governor."""
    tokens = view.tokens
    why = not_a_verb(view, i)
    if why is not None and why.why is Why.INFINITIVE:
        mode, governor = _governed(view, i)
        if mode is not None:
            return VerbUse(None, mode, governor, governor)
        decided = _decided(view, i)
        if decided >= 0:
            return VerbUse(None, None, decided, decided)  # "has decided to ease": eased
        return VerbUse(why, None, i, governor)
    if why is None and i > 1 and tokens[i - 1].norm in ASPECTUAL and tokens[i].norm.endswith("ing"):
        # "intends to keep buying": the intention governs the aspect verb
        mode, governor = _governed(view, i - 1)
        if mode is not None:
            return VerbUse(None, mode, governor, governor)
    return VerbUse(why, None, i, -1)


def not_a_verb(view: SentenceView, i: int) -> Note | None:
    """Return None if token i is used as a verb, else why not (noun, infinitive, ...)."""
    tokens = view.tokens
    tok = tokens[i]
    if view.covered[i]:
        return note(Why.ACTOR_NAME)
    if tok.text[:1].isupper() and i > 0 and tokens[i - 1].norm not in ('"', "'", "(", ":"):
        return note(Why.CAPITALISED)
    prev = tokens[i - 1].norm if i > 0 else ""
    if prev in DETERMINERS or prev == "'s":
        return note(Why.AFTER_DETERMINER)
    if prev == "-" and i > 1 and tokens[i - 2].end == tokens[i - 1].start:
        return note(Why.HYPHENATED)
    if prev in DENIALS and tok.norm.endswith("ing"):
        return note(Why.DENIED, prev)
    if prev in PREPOSITIONS:
        return note(Why.AFTER_PREPOSITION)
    if tok.norm.endswith("ed") and _reduced_relative(view, i):
        return note(Why.PARTICIPLE_MODIFIER)
    if (
        tok.norm in view.cc.present_forms
        and not _past_before_object(view, i)
        and not _phrasal(view, i)
    ):
        why = _noun_use(view, i)
        if why is not None:
            return note(why)
    j = _skip_adverbs(tokens, i - 1)
    if j >= 0 and tokens[j].norm == "to":
        return note(Why.INFINITIVE)
    return None


def _skip_adverbs(tokens: list[Token], j: int) -> int:
    """Return the first token at or before ``j`` that is not an adverb (-1 when none is)."""
    while j >= 0:
        norm = tokens[j].norm
        if norm not in ADVERBS and not (norm.endswith("ly") and is_adverb(tokens[j])):
            return j
        j -= 1
    return j


#: particles of phrasal verbs ("call off", "set up", "shut down")
PARTICLES = frozenset(["off", "up", "down", "out"])


def _phrasal(view: SentenceView, i: int) -> bool:
    """Return whether a present form is a phrasal verb before its object ("workers in Brazil call
    off a strike"): a particle and then a determiner follow it."""
    tokens = view.tokens
    return (
        i + 2 < len(tokens)
        and tokens[i + 1].norm in PARTICLES
        and tokens[i + 2].norm in DETERMINERS
    )


def _reduced_relative(view: SentenceView, i: int) -> bool:
    """Return whether a past participle modifies the actor before it: "forces backed by Russia
    attacked ...", "warplanes supported by Russia pounded ..." (the main verb comes later)."""
    tokens = view.tokens
    tok = tokens[i]
    if not tok.norm.endswith("ed") or i == 0 or i + 2 >= len(tokens) or tokens[i + 1].norm != "by":
        return False
    prev = tokens[i - 1]
    start = i + 3
    if prev.norm == "," and i >= 2 and view.covered[i - 2]:
        # ", supported by X," between a subject and its verb
        close = next(
            (k for k in range(i + 3, min(len(tokens), i + 12)) if tokens[k].norm == ","), -1
        )
        if close < 0:
            return False
        start = close + 1
    elif prev.norm in AUXILIARIES or (not view.covered[i - 1] and not prev.norm.endswith("s")):
        return False  # "was accused by": a passive, not a modifier
    verb_forms = view.cc.verb_forms
    # a later verb with no subject of its own is the main verb
    for k in range(start, min(len(tokens), start + 9)):
        w = tokens[k].norm
        if w in (",", ";", ":", "and", "that", "which", "who"):
            return False
        if w in verb_forms and not view.covered[k] and tokens[k - 1].norm not in DETERMINERS:
            return not tokens[k].is_capitalised
    return False


def _past_before_object(view: SentenceView, i: int) -> bool:
    """Return whether a verb whose past is its present ("set", "shut", "cut", "hit") is a past verb
    here: after a plural or actor subject and before its object ("rioters set fire to",
    "an airstrike hit a hospital", "Shopkeepers shut their stores")."""
    tokens = view.tokens
    if tokens[i].norm not in SAME_PAST or i + 1 >= len(tokens) or i == 0:
        return False
    nxt = tokens[i + 1].norm
    after = tokens[i + 2].norm if i + 2 < len(tokens) else ""
    obj = nxt in DETERMINERS or nxt in OBJECT_NOUNS or (i + 1) in view.group_at
    obj = obj or (nxt.isalpha() and after in OBJECT_NOUNS)  # "cut diplomatic ties"
    if not obj or nxt in ("that", "this"):
        return False
    prev = tokens[i - 1]
    return view.covered[i - 1] or prev.norm.endswith("s") or prev.norm in WEAPON_HEADS


def _modifies_actor(view: SentenceView, j: int, adjectives: int) -> bool:
    """Return whether the actor ending at token ``j`` modifies a noun: "EU military aid"."""
    tokens, covered, verb_forms = view.tokens, view.covered, view.cc.verb_forms
    start = j
    while start > 0 and covered[start - 1]:
        start -= 1
    before = tokens[start - 1].norm if start > 0 else ""
    return bool(
        adjectives
        or before in DETERMINERS
        or before in PREPOSITIONS
        or (
            before.isalpha()
            and before.islower()
            and before not in verb_forms
            and before not in AUXILIARIES
            and before not in ADVERBS
            and before not in PREPOSITIONS
            and before not in COORDINATORS
            and before not in CLAUSE_BREAKS
            and before not in PRONOUNS
        )
    )


#: words that are not adjectives before a noun (besides the codebook's verb forms)
_NOT_BEFORE_NOUN = (
    NOT_ADJECTIVES
    | PREPOSITIONS
    | ADVERBS
    | AUXILIARIES
    | NEGATIONS
    | HYPOTHETICAL
    | FUTURE
    | PRONOUNS
    | COORDINATORS
    | CLAUSE_BREAKS
    | RELATIVE_OPENERS
)


def _adjective(view: SentenceView, j: int, w: str) -> bool:
    """Return whether the word ``w`` at token ``j`` may be an adjective before a noun."""
    return (
        w.isalpha()
        and w.islower()
        and w not in _NOT_BEFORE_NOUN
        and w not in view.cc.verb_forms
        and not (w.endswith("ly") and len(w) > 4)
        and (not view.covered[j] or j in view.agent_only)
    )


def _noun_use(view: SentenceView, i: int) -> Why | None:
    """Return why a present form is a noun here, after adjectives or an actor, or None.

    "an official visit", "its 'unwavering support'", "EU military aid", "new U.S. sanctions".
    """
    tokens = view.tokens
    j, adjectives = i - 1, 0
    while j >= 0 and adjectives <= 2:
        w = tokens[j].norm
        if w in ('"', "'"):
            j -= 1
            continue
        if adjectives and (w in DETERMINERS or w == "'s" or w in PREPOSITIONS):
            return Why.AFTER_DETERMINER_ADJECTIVE
        if view.covered[j] and (j not in view.agent_only or adjectives):
            if _modifies_actor(view, j, adjectives):
                return Why.AFTER_NOUN_MODIFIER
            break
        if _adjective(view, j, w):
            adjectives += 1
            j -= 1
            continue
        break
    return Why.AFTER_ADJECTIVE if adjectives else None


#: the words of an auxiliary chain (and adverbs in -ly): auxiliaries, modals, negations, adverbs
_CHAIN_WORDS = AUXILIARIES | HYPOTHETICAL | FUTURE | NEGATIONS | ADVERBS


def aux_chain(tokens: list[Token], i: int) -> tuple[int, list[str]]:
    """Return where the auxiliary chain before token i starts, and its words."""
    j = i - 1
    words: list[str] = []
    while j >= 0:
        w = tokens[j].norm
        if w in HYPOTHETICAL and tokens[j].text[:1].isupper() and j > 0:
            break  # "Theresa May has held talks": a name, not the modal
        if w in _CHAIN_WORDS or (w.endswith("ly") and is_adverb(tokens[j])):
            words.append(w)
            j -= 1
            continue
        if w == "to" and j > 0 and tokens[j - 1].norm in ("going", "about", "due", "set"):
            words.append("going to")
            j -= 2
            continue
        break
    return j + 1, words


def governor_of(tokens: list[Token], i: int) -> int:
    """Return the index of the word before "to" that governs the infinitive at i, or -1."""
    j = _skip_adverbs(tokens, i - 1)
    if j < 0 or tokens[j].norm != "to":
        return -1
    return _skip_adverbs(tokens, j - 1)


def read_form(view: SentenceView, vm: VerbMatch, anchor: int) -> VerbForm:
    """Return the auxiliary chain (of the anchor) and the form and voice of the verb ``vm``."""
    tokens, i = view.tokens, vm.token
    aux_start, aux = aux_chain(tokens, anchor)
    form = tokens[i].norm
    is_ing = form.endswith("ing") and form != vm.verb.verb
    participle_form = form != vm.verb.verb and not is_ing and not form.endswith("s")
    passive = participle_form and (
        not BE.isdisjoint(aux)
        or (
            not aux
            and i + 1 < len(tokens)
            and tokens[i + 1].norm == "by"
            and (i + 2) in view.group_at
        )
    )
    return VerbForm(aux_start, aux, is_ing, passive)


def _match_elements(
    view: SentenceView,
    elements: tuple[Element, ...],
    pos: int,
    direction: int,
    bound: int,
    one_phrase: bool,
) -> tuple[bool, dict[str, Group], int]:
    """Match pattern elements from pos in direction (+1 after the verb, -1 before it), not past
    ``bound`` (the clause's end after the verb, the sentence's start before it); ``one_phrase``:
    a skip ('^') skips one phrase (PETRARCH-1), not any number of words."""
    norms = view.sequence
    forward = direction > 0
    roles: dict[str, Group] = {}
    unlimited = False
    for el in elements:
        kind = el.kind
        if kind == SKIP:
            if one_phrase:
                pos = skip_phrase(view, pos, direction)  # PETRARCH-1: '^' skips one phrase
            else:
                unlimited = True
            continue
        gap = 0 if el.adjacent else (len(norms) if unlimited else MAX_PATTERN_GAP)
        unlimited = False
        # the positions the element may start at: up to ``gap`` words on, inside the bound
        if forward:
            positions = range(pos, min(pos + gap, bound - 1) + 1)
        else:
            positions = range(pos, max(pos - gap, bound) - 1, -1)
        found = False
        if kind == WORDS:
            singles, firsts = el.singles, el.heads if forward else el.tails
            for q in positions:
                w = norms[q]
                if w in singles:
                    pos, found = q + direction, True
                    break
                if w in firsts:
                    for alt in el.multi:
                        n = len(alt)
                        lo = q if forward else q - n + 1
                        if lo >= 0 and norms[lo : lo + n] == alt:
                            pos, found = (lo + n if forward else lo - 1), True
                            break
                    if found:
                        break
        else:
            at = view.group_at if forward else view.group_end_at
            for q in positions:
                g = at.get(q if forward else q + 1)
                if g is not None:
                    roles[kind] = g
                    pos = (
                        (g.end + (1 if g.chunks[-1].possessive else 0)) if forward else g.start - 1
                    )
                    found = True
                    break
        if not found:
            return False, {}, pos
    return True, roles, pos


def skip_phrase(view: SentenceView, pos: int, direction: int) -> int:
    """Return the position after the phrase at ``pos`` (after its preposition, if any): an
    actor, else a determiner's noun phrase up to its next preposition, else one word."""
    if direction > 0:
        seq, n = view.sequence, view.n
        if pos + 1 < n and seq[pos] in PREPOSITIONS:
            pos += 1  # a prepositional phrase: "with Eriador"
        determiner = False
        while pos + 1 < n and seq[pos] in DETERMINERS:
            pos, determiner = pos + 1, True
        g = view.group_at.get(pos)
        if g is not None:
            return g.end
        if determiner:  # a noun phrase: up to its preposition or an actor
            while pos + 1 < n and seq[pos + 1] not in PREPOSITIONS and pos + 1 not in view.group_at:
                pos += 1
        return pos + 1
    g = view.group_end_at.get(pos + 1)
    return g.start - 1 if g is not None else pos - 1


def match_pattern(
    view: SentenceView, vm: VerbMatch, clause_end: int, only: frozenset[int] | None = None
) -> tuple[CompiledPattern | None, dict[str, Group], int]:
    """Return the first pattern of the verb's group that matches (of those numbered ``only``,
    if given), the groups its roles took, and the last token it covered (the verb's own token
    when none matched)."""
    cc = view.cc
    i = vm.token
    group = cc.patterns.get(vm.verb.group)
    if not group:
        return None, {}, i
    one_phrase = cc.codebook.settings.code_syntax == "petrarch"
    for k in cc.pattern_candidates(vm.verb.group, view.norms, only):
        cp = group[k]
        ok_after, roles_after, end = _match_elements(
            view, cp.after, i + 1, 1, clause_end, one_phrase
        )
        if not ok_after:
            continue
        if not cp.before:
            return cp, roles_after, end - 1
        ok_before, roles_before, _ = _match_elements(view, cp.before, i - 1, -1, 0, one_phrase)
        if not ok_before:
            continue
        return cp, {**roles_before, **roles_after}, end - 1
    return None, {}, i
