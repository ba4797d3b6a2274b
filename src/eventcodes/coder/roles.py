"""Stage 4 of the coder, roles: who did it (source) and to whom (target).

Takes the sentence view, a verb with its form and the roles its pattern took, the subject shared
from an earlier verb of the sentence, and the document memory (read only, for pronouns); gives
``Roles``: the source and target actors from shallow syntax (the subject before the verb, the
object after it, the agent after "by" of a passive, the speaker a pronoun stands for, compound
subjects, a trailing "X said of Y"), or why there is no source.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..codebook.compiled import ACTOR
from ..codebook.patterns import COMPOUND, SOURCE, TARGET
from ..tokens import Token
from .actors import Chunk, CodeSplitter, Group
from .memory import DocumentMemory
from .sentence import SentenceView
from .status import Mode, Note, VerbMatch, Why, note
from .unknown import HONORIFICS
from .verbs import VerbForm, aux_chain, not_a_verb
from .words import (
    CLAUSE_BREAKS,
    CLAUSE_STARTERS,
    COORDINATORS,
    MAX_SUBJECT_GAP,
    MAX_TARGET_GAP,
    PRONOUNS,
    RECIPROCAL_ROOTS,
    RELATIVE_OPENERS,
    REPORTING,
    SPEAKING,
    SUBJECT_PRONOUNS,
    after_locative,
    is_adverb,
)


@dataclass(slots=True)
class Roles:
    """The source and target actors of a verb, or why it has no source."""

    sources: list[Chunk] = field(default_factory=list)
    targets: list[Chunk] = field(default_factory=list)
    #: the subject pronoun that was resolved to an earlier actor ("he"), if any
    pronoun: str | None = None
    #: the subject the next verb of the sentence may share ("X condemned Y and called on Z")
    shared_subject: list[Chunk] | None = None
    #: set when the verb has no source
    failure: Note | None = None
    #: the subject pronoun is the claimant of a claim ("X claimed that they had attacked Y")
    claimed: bool = False


def assign_roles(
    view: SentenceView,
    vm: VerbMatch,
    form: VerbForm,
    mode: Mode | None,
    found: dict[str, Group],
    shared_subject: list[Chunk] | None,
    clause_end: int,
    memory: DocumentMemory,
    split: CodeSplitter,
) -> Roles:
    """Return the source and target of a verb from its pattern's roles and the sentence."""
    tokens, i = view.tokens, vm.token
    out = Roles(shared_subject=shared_subject)
    if COMPOUND in found and len(found[COMPOUND].chunks) > 1:
        both = found[COMPOUND].chunks
        out.sources, out.targets = list(both), list(both)
        return out
    src_group, tgt_group = found.get(SOURCE), found.get(TARGET)
    subject_group = _subject_group(view, vm, form, mode, shared_subject, memory, out)
    if not form.is_ing or form.aux:
        out.shared_subject = subject_group
    if vm.passive and src_group is None:
        agent = by_agent(tokens, i, view.group_at, clause_end)
        if agent is None and tokens[i].norm in EXPELLED:
            agent = _expelled_from(view, i, clause_end)  # "were expelled from X": by X
        if agent is None:
            out.failure = note(Why.PASSIVE_WITHOUT_AGENT)
            out.targets = subject_group  # for an unnamed source ("Five people were abducted")
            return out
        out.sources = list(agent.chunks)
        if tgt_group is not None and tgt_group is not agent:
            out.targets = list(tgt_group.chunks)
        elif subject_group:
            out.targets = subject_group
        else:
            out.targets = object_of(view, i + 1, clause_end, agent, split)
        return out
    out.sources = list(src_group.chunks) if src_group else subject_group
    if tgt_group is not None:
        out.targets = list(tgt_group.chunks)
    else:
        # patterns without '+' leave the target to the object search, from the verb on
        home = {split(c.code)[0] for c in out.sources} - {None}
        out.targets = object_of(view, i + 1, clause_end, None, split, view.speaker, home)
    return out


def _subject_group(
    view: SentenceView,
    vm: VerbMatch,
    form: VerbForm,
    mode: Mode | None,
    shared_subject: list[Chunk] | None,
    memory: DocumentMemory,
    out: Roles,
) -> list[Chunk]:
    """Return the subject's actors: shared with the verb before, found, or a pronoun's referent."""
    tokens, aux_start = view.tokens, form.aux_start
    before = aux_start - 1
    if before >= 0 and tokens[before].norm == ",":
        before -= 1
    comma_participle = (
        form.is_ing and not form.aux and aux_start > 0 and tokens[aux_start - 1].norm == ","
    )
    after_by = form.is_ing and not form.aux and by_gerund(tokens, aux_start)
    if (before >= 0 and tokens[before].norm in COORDINATORS and shared_subject is not None) or (
        (comma_participle or after_by) and shared_subject
    ):
        # "X condemned Y and called on Z ...", "X bombed Y, killing dozens"
        return shared_subject or []
    if before >= 0 and tokens[before].norm in ("and", "but") and form.aux:
        # "X is a partner of Y and has contributed ...": the copula's subject, not Y
        opener = _opening_subject(view, before)
        if opener is not None:
            return view.groups[opener.group].chunks
    subject = subject_of(
        view,
        aux_start,
        participle=form.is_ing and not form.aux and not mode,
        allow_modifier=vm.passive,
    )
    if isinstance(subject, str):
        out.pronoun = subject
        speaker = pronoun_speaker(view, aux_start)
        if not speaker:
            speaker = _claimant(view, aux_start)
            out.claimed = bool(speaker)
        return speaker or memory.resolve(subject)
    if subject is not None:
        return view.groups[subject.group].chunks
    return []


#: copulas after an opening subject whose predicate may go on with "and has ..."
COPULAS = frozenset(["is", "was", "are", "were", "remains", "remained"])


def _opening_subject(view: SentenceView, before: int) -> Chunk | None:
    """Return the actor that opens the sentence as the subject of a copula ("Germany is a
    partner of X and has ..."), when no clause break comes before ``before``."""
    tokens = view.tokens
    first = view.chunks[0] if view.chunks else None
    if first is None or first.start > 1 or (first.start == 1 and tokens[0].norm != "the"):
        return None
    if first.end >= before or first.possessive or first.modifier:
        return None
    if tokens[first.end].norm not in COPULAS:
        return None  # "X said Y attacked Z and has ...": Y's clause, not X's
    if any(t.norm in (";", ":", "that", "which", "who") for t in tokens[first.end : before]):
        return None
    return first


def adjust_roles(view: SentenceView, vm: VerbMatch, split: CodeSplitter) -> None:
    """Fill in a target said of ("... X said of Y"), drop a force's own side, share reciprocal roots."""
    attribution = view.attribution
    if attribution is not None and vm.token < attribution[0] and not vm.targets and attribution[2]:
        # '"We condemn this provocation," Japan's foreign ministry said of X': X is the target
        vm.targets = list(attribution[2])
    if not vm.sources:
        return
    if vm.targets and all(_own(view.tokens, t.start) for t in vm.targets):
        # "Sudan withdrew its troops from Abyei": the place they leave, not its own troops
        place = _from_place(view, vm.targets[-1].end)
        if place:
            vm.targets = place
    if len(vm.sources) > 1 and _each_other(view.tokens, vm.token):
        # "Ethiopia and Sudan accused each other": each source targets the others
        vm.targets = list(vm.sources)
        vm.add_note(note(Why.RECIPROCAL))
        return
    if vm.code and vm.code[:2] == "15" and vm.targets:
        # force posture: the source's own forces ("deployed riot police") are not its target
        home = {split(c.code)[0] for c in vm.sources}
        vm.targets = [t for t in vm.targets if split(t.code)[0] not in home]
    if (
        len(vm.sources) > 1
        and vm.code
        and vm.code[:2] in RECIPROCAL_ROOTS
        and all(after_locative(view.tokens, t.start) for t in vm.targets)
    ):
        # "Lula and Xi signed 15 agreements": each with the other
        vm.targets = list(vm.sources)
        vm.add_note(note(Why.RECIPROCAL))


def _own(tokens: list[Token], start: int) -> bool:
    """Return whether the actor at ``start`` is named as the subject's own ("its troops")."""
    return start > 0 and tokens[start - 1].norm in ("its", "their", "his", "her", "our")


def _from_place(view: SentenceView, end: int) -> list[Chunk]:
    """Return the actor after "from" right after an object ending at ``end``: "its troops from
    Abyei", or nothing."""
    tokens = view.tokens
    if end + 1 >= len(tokens) or tokens[end].norm != "from":
        return []
    for r in (end + 1, end + 2):
        if r in view.group_at:
            return list(view.group_at[r].chunks)
    return []


def _apposition_office(view: SentenceView, a: int, b: int) -> Chunk | None:
    """Return the actor of an apposition between commas ``a`` and ``b`` that follows a full name
    no table lists at the start of the sentence ("LaDonna Davis, a USCIS spokeswoman, declined")."""
    tokens = view.tokens
    if a < 2 or a > 5 or any(view.covered[k] for k in range(a)):
        return None
    if not all(t.text[:1].isupper() and t.text[:1].isalpha() for t in tokens[:a]):
        return None
    inside = [c for c in view.chunks if a < c.start and c.end <= b]
    inside = [c for c in inside if not after_locative(tokens, c.start)]
    return inside[0] if inside else None


#: what an actor's possessive names that speaks or acts for it ("the governor's office")
OWNED_OFFICES = frozenset(
    ["office", "campaign", "team", "lawyer", "lawyers", "aide", "aides", "camp", "mission", "staff"]
)


def _owned_office(tokens: list[Token], end: int, before: int) -> bool:
    """Return whether the words after a possessive actor ending at ``end`` are an office it owns,
    right before the verb's auxiliaries at ``before``."""
    words = [t.norm for t in tokens[end:before]]
    return len(words) in (2, 3) and words[0] in ("'s", "'") and words[-1] in OWNED_OFFICES


#: people an actor's possessive names who speak or act for it ("the group's spokesman")
OWNED_PEOPLE = frozenset(
    [
        "director",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "head",
        "chief",
        "leader",
        "chairman",
        "chairwoman",
        "chair",
        "president",
        "envoy",
        "representative",
        "executive",
        "coordinator",
    ]
)


def _owned_person(tokens: list[Token], end: int) -> bool:
    """Return whether a possessive actor ending at ``end`` owns a person who acts for it."""
    return (
        end + 1 < len(tokens)
        and tokens[end].norm in ("'s", "'")
        and tokens[end + 1].norm in OWNED_PEOPLE
    )


def _agent_of_participle(view: SentenceView, start: int) -> bool:
    """Return whether the actor at ``start`` is the agent of a participle modifying an actor
    before it: "forces [backed by Russia]"."""
    tokens = view.tokens
    return (
        start >= 3
        and tokens[start - 1].norm == "by"
        and tokens[start - 2].norm.endswith("ed")
        and view.covered[start - 3]
    )


def _each_other(tokens: list[Token], i: int) -> bool:
    """Return whether "each other" or "one another" follows the verb at ``i`` closely."""
    words = [t.norm for t in tokens[i + 1 : i + 5]]
    pairs = set(zip(words, words[1:], strict=False))
    return ("each", "other") in pairs or ("one", "another") in pairs


def subject_of(
    view: SentenceView, before: int, participle: bool, allow_modifier: bool = False
) -> Chunk | str | None:
    """Return the chunk that is the subject of a verb whose auxiliary chain starts at ``before``.

    A personal pronoun in subject position is returned as its word, for the caller to resolve.
    """
    tokens = view.tokens
    j = before - 1
    steps = 0
    limit = 20 if participle else MAX_SUBJECT_GAP
    closing = {b: a for a, b in view.insertions} if view.insertions else {}
    while j >= 0 and steps <= limit:
        c = view.chunk_end.get(j + 1)
        if c is not None and after_locative(tokens, c.start):
            j = c.start - 1  # "in northern Nigeria": a place, not the subject
            steps += 1
            continue
        if c is not None and _agent_of_participle(view, c.start):
            j = c.start - 3  # "fighters backed by Rwanda attacked": the fighters attacked
            steps += 2
            continue
        if c is not None:
            if allow_modifier and c.possessive:
                return c
            if c.modifier and _owned_office(tokens, c.end, before):
                return c  # "The governor's office declined": the governor's
            if c.possessive and _owned_person(tokens, c.end):
                return c  # "Amnesty's director for Africa, Jane Doe, said": Amnesty's
            if c.modifier or (c.possessive and not participle):
                return None
            if c.modifier is False and not c.possessive:
                return c
        w = tokens[j].norm
        if w in PRONOUNS:
            return w if w in SUBJECT_PRONOUNS else None
        if w == "country" and j > 0 and tokens[j - 1].norm in ("his", "her", "its", "their", "our"):
            return "it"  # "Putin said his country will not ...": the speaker's country
        if w == ",":
            if j in closing:
                office = _apposition_office(view, closing[j], j)
                if office is not None:
                    return office  # "Jane Doe, a Kenyan police spokeswoman, said": the office
                j = closing[j] - 1
                continue
            if j == before - 1 and j > 0 and view.chunk_end.get(j) is not None:
                j -= 1  # "The president of Kosovo, resigned": a stray comma
                continue
            opening = _long_apposition(view, j) if j == before - 1 and not participle else -1
            if opening >= 0:
                # "Senator X (D-Conn.), a member of the Health, Education and Labor Committee,
                # released": an apposition with commas of its own
                office = _apposition_office(view, opening, j)
                if office is not None:
                    return office
                j = opening - 1
                continue
            if j > 0 and view.chunk_end.get(j) is not None and _name_between(tokens, j + 1, before):
                j -= 1  # "The President of the Senate, Dr Jane Doe called": an unclosed apposition
                continue
            p = _name_apposition(view, j, allow_modifier) if j == before - 1 else -1
            if p > 0:
                j = p - 1  # "X's spokesman, John Roe, said": a name between commas
                continue
            if not participle:
                return None
        if (
            w in (";", ":")
            or (w in CLAUSE_BREAKS and not participle)
            or w in ("that", "which", "who")
        ):
            return None
        if not participle and w in view.cc.verb_forms and j < before - 1:
            return None
        j -= 1
        steps += 1
    return None


def _name_apposition(view: SentenceView, j: int, passive: bool = False) -> int:
    """Return the comma that opens a name between commas closed at ``j`` after an office an actor's
    possessive owns ("Human Rights Watch's spokesman, John Roe,"), or -1."""
    tokens = view.tokens
    for p in range(j - 2, max(0, j - 8), -1):
        if tokens[p].norm == ",":
            # an office an actor's possessive owns: "HRW's spokesman, John Roe," (the office
            # composed into the actor) or "Amnesty's director, Jane Doe,"
            owned = p >= 2 and _owned_person(tokens, p - 2)
            owner = view.chunk_end.get(p) or (view.chunk_end.get(p - 2) if owned else None)
            if not owned and not passive:
                owner = None  # a passive's subject may be any actor: "An inmate, John Roe, was"
            ok = owner is not None and _name_between(tokens, p + 1, j)
            return p if ok else -1
    return -1


def _long_apposition(view: SentenceView, j: int) -> int:
    """Return the opening comma of an apposition that the comma at ``j`` closes and that holds
    commas of its own (a list inside it), or -1: an insertion opens it and only list words follow."""
    tokens, verb_forms = view.tokens, view.cc.verb_forms
    for a, b in sorted(view.insertions, key=lambda ab: -ab[1]):
        if b >= j or j - a > 30:
            continue
        if any(
            tokens[k].norm in (";", ":") or (tokens[k].norm in verb_forms and not view.covered[k])
            for k in range(b + 1, j)
        ):
            return -1
        return a
    return -1


#: honorifics inside a name ("Dr Jane Doe", "Mr. John Roe", "Sir John Roe")
_HONORIFICS = HONORIFICS | {"sir", "."}


def _name_between(tokens: list[Token], start: int, end: int) -> bool:
    """Return whether tokens[start:end] are a person's name of two to five capitalised words,
    honorifics allowed: the unclosed apposition "X, Dr Jane Doe called"."""
    words = [t for t in tokens[start:end] if t.norm not in _HONORIFICS]
    return (
        2 <= len(words) <= 5
        and end - start <= 7
        and all(t.text[:1].isupper() and t.text.replace("-", "").isalpha() for t in words)
    )


#: passives of expulsion whose "from" names the state that expels ("were expelled from Iran")
EXPELLED = frozenset(["expelled", "deported", "banished", "evicted"])


def _expelled_from(view: SentenceView, i: int, end: int) -> Group | None:
    """Return the country or actor after "from" right after a passive of expulsion at ``i``."""
    tokens = view.tokens
    q = i + 1
    if q < end and is_adverb(tokens[q]):
        q += 1
    if q + 1 >= end or tokens[q].norm != "from":
        return None
    for r in (q + 1, q + 2):
        if r in view.group_at:
            return view.group_at[r]
    return None


def by_gerund(tokens: list[Token], i: int) -> bool:
    """Return whether the word at ``i`` is a gerund after "by" that says how the subject of the
    clause acted: "X responded by shelling Y", "X helps Y by donating supplies"."""
    tok = tokens[i]
    return i > 1 and tokens[i - 1].norm == "by" and tok.text.islower() and tok.norm.endswith("ing")


def _reporter(view: SentenceView, j: int) -> list[Chunk]:
    """Return the subject of the reporting verb at ``j`` ("Pakistan said"), or nothing."""
    start, _ = aux_chain(view.tokens, j)
    found = subject_of(view, start, participle=False)
    return list(view.groups[found.group].chunks) if isinstance(found, Chunk) else []


def sentence_speaker(view: SentenceView) -> list[Chunk]:
    """Return the subject of the sentence's first reporting verb ("Pakistan said ...")."""
    if REPORTING.isdisjoint(view.norms):
        return []
    for j, t in enumerate(view.tokens):
        if t.norm in REPORTING:
            return _reporter(view, j)
    return []


def attribution(view: SentenceView) -> tuple[int, list[Chunk], list[Chunk]] | None:
    """Return (where it starts, speaker, what it is said of) for a trailing attribution:
    '..., X said.', '...," X said of Y.', '...," said X.'"""
    tokens, group_at = view.tokens, view.group_at
    if REPORTING.isdisjoint(view.norms):
        return None
    for r in range(len(tokens) - 1, 0, -1):
        if tokens[r].norm in REPORTING:
            break
    else:
        return None
    speaker = view.group_end_at.get(r)
    start = speaker.start if speaker is not None else r
    if speaker is None and tokens[r - 1].norm in (",", '"'):
        speaker = group_at.get(r + 1)
        start = r
    if speaker is None or start < 2 or tokens[start - 1].norm not in (",", '"'):
        return None
    about: list[Chunk] = []
    if r + 2 < len(tokens) and tokens[r + 1].norm in ("of", "about"):
        target = group_at.get(r + 2)
        about = list(target.chunks) if target is not None else []
    return start, list(speaker.chunks), about


def pronoun_speaker(view: SentenceView, aux_start: int) -> list[Chunk]:
    """Return who a pronoun subject stands for when it reports its own speaker.

    "Turkey said it was ready ..." (it = Turkey) and, inside a quotation,
    "'We condemn ...,' Japan's foreign ministry said" (we = the ministry).
    """
    tokens = view.tokens
    j = aux_start - 2  # the pronoun is at aux_start - 1
    if j >= 0 and tokens[j].norm in ("his", "her", "its", "their", "our"):
        j -= 1  # "his country"
    if j >= 0 and tokens[j].norm == "that":
        j -= 1
    if j >= 2 and tokens[j].norm == "clear" and tokens[j - 1].norm == "it":
        # "X has made it clear it will not ...": X's own clause
        made = _reporter(view, j - 2)
        if made:
            return made
    # "said on Monday it was ...": step back over a short time phrase
    k = j
    while k >= 0 and j - k < 4 and tokens[k].norm not in SPEAKING:
        if tokens[k].norm in (",", ";", ":") or tokens[k].norm in view.cc.verb_forms:
            break
        k -= 1
    if k >= 0 and tokens[k].norm in SPEAKING:
        j = k
    if j >= 0 and tokens[j].norm in SPEAKING:
        speaker = _reporter(view, j)
        if speaker:
            return speaker
    if any(t.norm == '"' for t in tokens[:aux_start]):
        # the attribution after the closing quote: '," X said' or '," said X'
        close = next(
            (
                k
                for k in range(aux_start, len(tokens) - 1)
                if tokens[k].norm == '"' and tokens[k - 1].norm in (",", ".", "!", "?")
            ),
            -1,
        )
        for k in range(close + 1, min(len(tokens), close + 8)) if close >= 0 else ():
            if k in view.group_at:
                return list(view.group_at[k].chunks)
    return []


#: forms of "claim" that report the claimant's own act ("X claimed that they had attacked Y")
CLAIMING = frozenset(["claimed", "claims", "claim", "claiming"])


def _claimant(view: SentenceView, aux_start: int) -> list[Chunk]:
    """Return the subject of "claim" when the pronoun subject at ``aux_start - 1`` opens the
    clause it governs: "The rebels claimed that they had attacked the base" (they = the rebels)."""
    tokens = view.tokens
    j = aux_start - 2
    if j >= 0 and tokens[j].norm == "that":
        j -= 1
    if j < 0 or tokens[j].norm not in CLAIMING:
        return []
    return _reporter(view, j)


def by_agent(tokens: list[Token], i: int, group_at: dict[int, Group], end: int) -> Group | None:
    """Return the actor after 'by' that follows a passive verb, within its clause."""
    for q in range(i + 1, min(end, i + 10)):
        w = tokens[q].norm
        if w == "by" and q + 1 < len(tokens):
            for r in (q + 1, q + 2):
                if r in group_at:
                    return group_at[r]
            return None
        if w in (";", ":") or w in RELATIVE_OPENERS:
            return None
    return None


#: the words that end the search for a verb's object: punctuation, clause breaks, relatives
_OBJECT_STOPS = frozenset([",", ";", ":"]) | CLAUSE_BREAKS | RELATIVE_OPENERS


def object_of(
    view: SentenceView,
    start: int,
    end: int,
    skip: Group | None,
    split: CodeSplitter,
    owner: list[Chunk] | None = None,
    home: set[str | None] | None = None,
) -> list[Chunk]:
    """Return the object of a verb: the first actor after ``start`` within its clause."""
    tokens, verb_forms = view.tokens, view.cc.verb_forms
    place: list[Chunk] = []  # "held talks in Moscow with Putin": a place, unless an actor follows
    for q in range(start, min(end, start + MAX_TARGET_GAP)):
        g = view.group_at.get(q)
        if g is not None and g is not skip:
            if home and _place_at_home(view, q, g, home, split):
                continue  # "blocked a highway in Belgrade": a place at home, not a target
            if not place and tokens[q - 1].norm in ("in", "at") and _named_place(g):
                place = list(g.chunks)
                continue
            return list(g.chunks)
        w = tokens[q].norm
        if w in ("its", "their") and owner:
            return list(owner)  # "opened fire on its border posts": the speaker's
        if w == "," and _number_comma(tokens, q):
            continue  # "1, 141 Iraqi refugees": a number written with a spaced comma
        if w in _OBJECT_STOPS:
            return place
        if w in verb_forms and q == start + 1 and tokens[start].norm in ("and", "or"):
            continue  # "rejects and condemns the decision", "shot and killed": a shared object
        if (
            w in verb_forms
            and q > start
            and not (w.endswith("ing") and w != verb_forms[w].verb)  # "planes carrying tents"
            and (
                view.covered[q - 1] or tokens[q - 1].norm in CLAUSE_STARTERS
            )  # "two detained citizens"
            and not_a_verb(view, q) is None
        ):
            return place  # another verb: its clause, not this one's object
    return place


def _number_comma(tokens: list[Token], q: int) -> bool:
    """Return whether the comma at ``q`` separates the thousands of a number ("16, 000")."""
    return (
        0 < q < len(tokens) - 1
        and tokens[q - 1].norm.isdigit()
        and len(tokens[q + 1].norm) == 3
        and tokens[q + 1].norm.isdigit()
    )


def _named_place(g: Group) -> bool:
    """Return whether a group is one place name (a country or city, no agent): "in Moscow"."""
    return len(g.chunks) == 1 and all(m.kind == ACTOR for m in g.chunks[0].mentions)


def _place_at_home(
    view: SentenceView, q: int, g: Group, home: set[str | None], split: CodeSplitter
) -> bool:
    """Return whether the group at ``q`` is a place in the source's own country: "in Belgrade"."""
    tokens = view.tokens
    return (
        after_locative(tokens, q)
        and tokens[q - 1].norm not in ("at", "into", "from")
        and all(split(c.code)[0] in home for c in g.chunks)
        and (
            tokens[q - 1].norm in ("outside", "inside")  # buildings: "outside parliament"
            or all(m.kind == ACTOR for c in g.chunks for m in c.mentions)
        )
    )
