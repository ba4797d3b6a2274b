"""The coder: sentences in, CAMEO events out, by codebook lookups and shallow syntax.

Stages per sentence: tokens -> actor mentions (one automaton pass) -> actor chunks (country +
agent + person composed) -> compound groups -> verbs -> patterns and roles -> dates -> events.
Nothing here holds state across documents; per-document memory (surnames) lives in DocState.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import pycountry

from .codebook.compiled import ACTOR, AGENT, DISCARD, SURNAME, CompiledCodebook, CompiledPattern
from .codebook.load import BLOCK_CODE
from .codebook.model import ActorEntry, Codebook, VerbEntry
from .codebook.patterns import COMPOUND, SKIP, SOURCE, TARGET, WORDS, Element
from .dates import DateMatch, DateResolver
from .documents import Document
from .sentences import split_sentences
from .tokens import Token

# Closed-class English words the shallow syntax relies on. They are grammar, not codebook.
DETERMINERS = frozenset(
    [
        "a",
        "an",
        "the",
        "this",
        "that",
        "these",
        "those",
        "its",
        "their",
        "his",
        "her",
        "our",
        "your",
        "my",
        "some",
        "any",
        "no",
        "every",
        "each",
    ]
)
PREPOSITIONS = frozenset(
    [
        "of",
        "in",
        "on",
        "at",
        "for",
        "with",
        "against",
        "by",
        "from",
        "about",
        "after",
        "before",
        "during",
        "over",
        "under",
        "into",
        "onto",
        "upon",
        "between",
        "among",
        "amid",
        "across",
        "through",
        "toward",
        "towards",
        "without",
        "within",
        "despite",
        "via",
        "per",
    ]
)
BE = frozenset(["be", "is", "are", "was", "were", "been", "being", "'s", "'re", "am"])
AUXILIARIES = BE | frozenset(["has", "have", "had", "having", "do", "does", "did", "'ve", "'d"])
HYPOTHETICAL = frozenset(["could", "would", "might", "may", "should", "must", "can", "ca"])
FUTURE = frozenset(["will", "shall", "'ll", "wo"])
NEGATIONS = frozenset(["not", "n't", "never", "no"])
ADVERBS = frozenset(
    [
        "also",
        "again",
        "later",
        "earlier",
        "then",
        "now",
        "still",
        "already",
        "reportedly",
        "jointly",
        "together",
        "once",
        "finally",
        "first",
        "soon",
        "just",
        "even",
        "further",
        "immediately",
        "formally",
        "publicly",
        "officially",
        "repeatedly",
        "allegedly",
        "apparently",
        "recently",
        "yet",
        "so",
        "too",
        "swiftly",
        "quickly",
        "strongly",
        "sharply",
    ]
)
CLAUSE_BREAKS = frozenset(
    [
        ";",
        ":",
        "that",
        "which",
        "who",
        "whom",
        "whose",
        "where",
        "because",
        "while",
        "whereas",
        "although",
        "though",
        "if",
        "unless",
        "but",
        "when",
        "since",
        "until",
        "after",
        "before",
        "as",
        "said",
        "says",
        "say",
        "told",
        "according",
    ]
)
RELATIVE_OPENERS = frozenset(["who", "which", "whose", "whom", "where", "when"])
PRONOUNS = frozenset(["he", "she", "they", "it", "we", "i", "you", "them", "him", "her", "us"])
SUBJECT_PRONOUNS = frozenset({"he", "she", "they", "it", "we"})
#: words before "to VERB" that make VERB an announced intention ("plans to visit")
INTENT_GOVERNORS = frozenset(
    [
        "plan",
        "plans",
        "planned",
        "planning",
        "intend",
        "intends",
        "intended",
        "intending",
        "expect",
        "expects",
        "expected",
        "agree",
        "agrees",
        "agreed",
        "agreeing",
        "promise",
        "promises",
        "promised",
        "promising",
        "pledge",
        "pledges",
        "pledged",
        "vow",
        "vows",
        "vowed",
        "offer",
        "offers",
        "offered",
        "ready",
        "prepared",
        "willing",
        "threaten",
        "threatens",
        "threatened",
        "threatening",
        "seek",
        "seeks",
        "sought",
        "want",
        "wants",
        "wanted",
        "hope",
        "hopes",
        "hoped",
        "aim",
        "aims",
        "aimed",
        "set",
        "due",
        "poised",
        "likely",
        "decide",
        "decides",
        "decided",
        "going",
        "about",
    ]
)
#: words before "to VERB" that make VERB a refusal ("refused to release")
REFUSAL_GOVERNORS = frozenset(
    ["refuse", "refuses", "refused", "refusing", "decline", "declines", "declined"]
)
CONDITIONALS = frozenset({"if", "unless", "whether"})
#: roots whose events between the members of a compound subject go both ways when no target is named
RECIPROCAL_ROOTS = frozenset({"03", "04", "05", "06"})
LOCATIVES = frozenset(
    [
        "in",
        "at",
        "near",
        "outside",
        "inside",
        "across",
        "throughout",
        "through",
        "into",
        "from",
        "around",
        "toward",
        "towards",
    ]
)
CLAIM_NOUNS = frozenset(
    [
        "claim",
        "claims",
        "allegation",
        "allegations",
        "accusation",
        "accusations",
        "report",
        "reports",
        "rumour",
        "rumours",
        "rumor",
        "rumors",
        "suggestion",
        "suggestions",
        "suspicion",
        "suspicions",
    ]
)
REPORTING = frozenset(
    ["said", "says", "say", "told", "tells", "announced", "added", "stated", "insisted"]
)
#: what may stand before a verb that starts a new clause (its subject's end aside)
CLAUSE_STARTERS = frozenset(
    [
        "and",
        "but",
        "or",
        ",",
        ";",
        "he",
        "she",
        "they",
        "it",
        "we",
        "who",
        "which",
        "that",
        "to",
        "has",
        "have",
        "had",
        "was",
        "were",
        "is",
        "are",
    ]
)
ASPECTUAL = frozenset(["keep", "continue", "start", "begin", "resume"])
DENIALS = frozenset(
    ["deny", "denies", "denied", "denying", "stop", "stops", "stopped", "halt", "halted", "halts"]
)
NOT_ADJECTIVES = frozenset(
    ["to", "as", "than", "both", "all", "each", "so", "and", "or", "but", "nor", "not"]
)
COORDINATORS = frozenset(["and", "but", "or", "then"])
INTRO_OPENERS = PREPOSITIONS | frozenset(
    [
        "also",
        "earlier",
        "later",
        "meanwhile",
        "separately",
        "elsewhere",
        "separately",
        "yesterday",
        "today",
        "last",
        "late",
        "early",
    ]
)
COMPOUND_JOINERS = frozenset({"and", "or", ",", "&"})
NON_STATE = frozenset(["IGO", "NGO", "MNC", "IMG", "NGM", "INT", "UIS"])
MAX_SUBJECT_GAP = 8
MAX_PATTERN_GAP = 5
MAX_TARGET_GAP = 12


def _adverb(token: Token) -> bool:
    """Return whether a token looks like an adverb: a lower-case word in -ly ("strongly", not "Italy")."""
    return token.norm.endswith("ly") and len(token.norm) > 4 and token.text.islower()


def _after_locative(tokens: list[Token], start: int) -> bool:
    """Return whether the actor at ``start`` is a place: "in Belgrade", "in northern Nigeria"."""
    if start > 0 and tokens[start - 1].norm in LOCATIVES:
        return True
    return (
        start > 1
        and tokens[start - 2].norm in LOCATIVES
        and tokens[start - 1].text.isalpha()
        and tokens[start - 1].text.islower()
    )


def _period_end(start: dt.date, precision: str) -> dt.date:
    """Return the last day of the week, month or year that starts on ``start``."""
    if precision == "week":
        return start + dt.timedelta(days=6)
    if precision == "month":
        following = dt.date(start.year + start.month // 12, start.month % 12 + 1, 1)
        return following - dt.timedelta(days=1)
    if precision == "year":
        return dt.date(start.year, 12, 31)
    return start


def _country_codes() -> frozenset[str]:
    codes = {c.alpha_3 for c in pycountry.countries}
    codes.add("XKX")  # Kosovo: user-assigned ISO code used by the EU and many datasets
    return frozenset(codes)


@dataclass(slots=True)
class Mention:
    """A codebook phrase found in the sentence (token span, end exclusive)."""

    start: int
    end: int
    kind: str  # actor or agent
    code: str  # actor code, or the agent's role code
    where: str
    entry: ActorEntry | None = None
    from_memory: bool = False


@dataclass
class Chunk:
    """Adjacent mentions composed into one actor: ``South Korean Foreign Minister Cho Tae-yul``."""

    start: int
    end: int
    code: str
    mentions: list[Mention]
    possessive: bool = False
    #: a possessive actor followed by a noun that is not an actor (``North Korea's deployment``)
    modifier: bool = False
    group: int = -1
    #: a bare agent that took the country of the sentence or story
    localised: bool = False
    #: the words that named the actor (kept, as a pronoun may refer to it from a later sentence)
    text: str = ""


@dataclass
class Group:
    """One actor or a compound of them (``South Korea and the EU``)."""

    index: int
    chunks: list[Chunk]

    @property
    def start(self) -> int:
        return self.chunks[0].start

    @property
    def end(self) -> int:
        return self.chunks[-1].end


@dataclass
class VerbMatch:
    """What was decided about one verb occurrence, for the events and the explain trace."""

    token: int
    verb: VerbEntry
    status: str = "coded"
    reason: str = ""
    code: str | None = None
    rule_id: str = ""
    pattern: str = ""
    sources: list[Chunk] = field(default_factory=list)
    targets: list[Chunk] = field(default_factory=list)
    passive: bool = False
    last_token: int = -1
    date: DateMatch | None = None


@dataclass(frozen=True)
class CodedDocument:
    """The events of one document and how many sentences it had."""

    events: list[dict[str, Any]]
    sentences: int


@dataclass
class DocState:
    """Per-document memory: people named in full, so that a later surname resolves to them."""

    #: first word of a surname -> (surname words, person), the latest mention first
    surnames: dict[str, list[tuple[tuple[str, ...], ActorEntry]]] = field(default_factory=dict)
    #: how often each country was named so far: the story's country for bare agents ("Police")
    countries: dict[str, int] = field(default_factory=dict)
    #: referents for pronouns: the last source that was a person ("he", "she") and the last
    #: sources and targets ("they")
    last_person: list[Chunk] = field(default_factory=list)
    last_sources: list[Chunk] = field(default_factory=list)
    last_targets: list[Chunk] = field(default_factory=list)

    def story_country(self) -> str | None:
        """Return the country named most often so far (the first named among equals), if any."""
        return max(self.countries, key=lambda c: self.countries[c]) if self.countries else None


@dataclass
class SentenceResult:
    """The coding of one sentence, with everything explain shows."""

    index: int
    text: str
    start: int
    tokens: list[Token]
    mentions: list[Mention]
    chunks: list[Chunk]
    verbs: list[VerbMatch]
    dates: list[DateMatch]
    events: list[dict[str, Any]]
    discarded: str = ""
    #: computed once, when an event of the sentence needs its date
    relative_clauses: list[tuple[int, int, int, int]] | None = None


class Coder:
    """Codes documents with one compiled codebook; reuse one Coder for many documents."""

    def __init__(self, codebook: Codebook, resolver: DateResolver | None = None) -> None:
        self.codebook = codebook
        self.cc: CompiledCodebook = codebook.compiled
        self.dates = resolver or DateResolver()
        self.countries = _country_codes()
        self._split_cache: dict[str, tuple[str | None, str | None]] = {}
        self.settings = codebook.settings

    # -- actors ---------------------------------------------------------------------------
    def split_code(self, code: str) -> tuple[str | None, str | None]:
        """Return (ISO country, role) of an actor code: KORGOV -> (KOR, GOV); IGOEUREEC -> (None, IGO)."""
        found = self._split_cache.get(code)
        if found is None:
            parts = [code[i : i + 3] for i in range(0, len(code), 3)]
            country = parts[0] if parts and parts[0] in self.countries else None
            rest = parts[1:] if country else parts
            role = next((p for p in rest if p in self.codebook.roles), None)
            found = self._split_cache[code] = (country, role)
        return found

    def _mentions(
        self, tokens: list[Token], day: dt.date, state: DocState
    ) -> tuple[list[Mention], str]:
        """Return the longest non-overlapping codebook mentions, and a discard scope if one matched."""
        cc = self.cc
        found: list[tuple[int, float, Mention]] = []
        surname_at: list[int] = []
        discard = ""
        if cc.has_phrases:
            ids = cc.token_ids(tokens)
            for end_idx, hits in cc.automaton.iter(ids):
                for hit in hits:
                    start = end_idx - hit.length + 1
                    if hit.kind == ACTOR:
                        entry = next((a for a in hit.actors if a.valid_on(day)), None)
                        if entry is not None:
                            m = Mention(start, end_idx + 1, ACTOR, entry.code, entry.where, entry)
                            found.append((start, -hit.length, m))
                    elif hit.kind == AGENT and hit.agent is not None:
                        m = Mention(start, end_idx + 1, AGENT, hit.agent.role, hit.agent.where)
                        found.append((start, -hit.length, m))
                    elif hit.kind == DISCARD and discard != "document":
                        discard = hit.scope
                    elif hit.kind == SURNAME and tokens[start].text[:1].isupper():
                        surname_at.append(start)
        if surname_at:
            # a surname alone that no earlier full mention explains: the one office holder of
            # that name at the document's date, if there is exactly one
            for i in surname_at:
                tok = tokens[i]
                entries = cc.surname_index.get(tok.norm)
                if entries is None or tok.norm in state.surnames:
                    continue
                valid = {e.code: e for e in entries if e.valid_on(day)}
                if len(valid) == 1:
                    entry = next(iter(valid.values()))
                    m = Mention(i, i + 1, ACTOR, entry.code, entry.where, entry, from_memory=True)
                    found.append((i, -0.25, m))
        if state.surnames and surname_at:
            by_first = state.surnames
            for i in surname_at:
                candidates = by_first.get(tokens[i].norm)
                if candidates is None:
                    continue
                for key, entry in candidates:
                    n = len(key)
                    if n == 1 or tuple(t.norm for t in tokens[i : i + n]) == key:
                        m = Mention(
                            i, i + n, ACTOR, entry.code, entry.where, entry, from_memory=True
                        )
                        found.append((i, 0.5 - n, m))
        found.sort(key=lambda x: (x[0], x[1]))
        chosen: list[Mention] = []
        last_end = 0
        for _, _, m in found:
            if m.start >= last_end:
                chosen.append(m)
                last_end = m.end
        return [m for m in chosen if m.code != BLOCK_CODE], discard

    def _chunks(
        self, text: str, tokens: list[Token], mentions: list[Mention], state: DocState
    ) -> list[Chunk]:
        """Compose adjacent mentions into actors: country + agent, agent + of + country, person."""
        chunks: list[Chunk] = []
        n = len(tokens)
        for m in mentions:
            if chunks:
                prev = chunks[-1]
                gap = [t.norm for t in tokens[prev.end : m.start]]
                joinable = (
                    not gap
                    or (gap == ["'s"] and m.kind == AGENT)
                    or (gap == ["'s"] and m.entry is not None and bool(m.entry.surname))
                    or (
                        gap in (["of"], ["of", "the"])
                        and prev.mentions[-1].kind == AGENT
                        and m.kind == ACTOR
                    )
                    or (
                        m.kind == AGENT
                        and prev.mentions[-1].kind == ACTOR
                        and self._modifiers(tokens, prev.end, m.start)
                    )
                )
                if joinable and not (
                    m.kind == ACTOR
                    and prev.mentions[-1].kind == ACTOR
                    and not gap
                    and m.entry is not None
                    and not m.entry.surname
                    and prev.mentions[-1].entry is not None
                    and not prev.mentions[-1].entry.surname
                ):
                    prev.mentions.append(m)
                    prev.end = m.end
                    continue
            chunks.append(Chunk(m.start, m.end, "", [m]))
        for c in chunks:
            c.code = self._chunk_code(c)
            c.text = text[tokens[c.start].start : tokens[c.end - 1].end]
            for m in c.mentions:
                if m.entry is not None and m.entry.surname and not m.from_memory:
                    key = self.cc.surname_keys[m.entry]
                    same_first = [kv for kv in state.surnames.get(key[0], []) if kv[0] != key]
                    state.surnames[key[0]] = [(key, m.entry), *same_first]
            if c.end < n and tokens[c.end].norm in ("'s", "'"):
                c.possessive = True
                nxt = c.end + 1
                following_chunk = any(o.start == nxt for o in chunks)
                if nxt < n and not following_chunk and tokens[nxt].text[:1].isalpha():
                    c.modifier = True
        return chunks

    def _modifiers(self, tokens: list[Token], start: int, end: int) -> bool:
        """Return whether tokens[start:end] are a few adjectives between a country and its agent:
        "Chinese state-owned company", "Turkey's main opposition party"."""
        words = tokens[start:end]
        if words and words[0].norm == "'s":
            words = words[1:]
        if not words or len(words) > 3:
            return False
        for k, t in enumerate(words):
            if t.norm == "-":
                continue
            hyphenated = k > 0 and words[k - 1].norm == "-"
            if not (t.text.isalpha() and t.text.islower()) or t.norm in NOT_ADJECTIVES:
                return False
            if (t.norm in self.cc.verb_forms and not hyphenated) or t.norm in PREPOSITIONS:
                return False
            if t.norm in DETERMINERS or t.norm in AUXILIARIES or t.norm in CLAUSE_BREAKS:
                return False
        return True

    def _localise(self, tokens: list[Token], chunks: list[Chunk], state: DocState) -> None:
        """Give bare agents ("Police") a country: the place named in the sentence ("in Dhaka"),
        else the country the story has named most, else the one country the sentence names."""
        named: list[str] = []
        located: list[str] = []
        for c in chunks:
            place, _ = self.split_code(c.code)
            if place is None:
                continue
            if place not in named:
                named.append(place)
            if c.start > 0 and tokens[c.start - 1].norm in LOCATIVES and place not in located:
                located.append(place)
        bare = [c for c in chunks if all(m.kind == AGENT for m in c.mentions)]
        if bare:
            if len(located) == 1:
                country: str | None = located[0]
            else:
                country = state.story_country() or (named[0] if named else None)
            if country is not None:
                for c in bare:
                    c.code = country + c.code
                    c.localised = True
        for name in named:
            state.countries[name] = state.countries.get(name, 0) + 1

    def _chunk_code(self, chunk: Chunk) -> str:
        actors = [m for m in chunk.mentions if m.kind == ACTOR]
        agents = [m for m in chunk.mentions if m.kind == AGENT]
        specific = [m for m in actors if len(m.code) > 3]
        if specific:
            return specific[-1].code
        if actors:
            base = actors[0].code
            if agents and len(base) == 3 and base not in NON_STATE:
                return base + agents[-1].code
            return base
        return agents[-1].code

    @staticmethod
    def _intro_end(tokens: list[Token]) -> int:
        """Return the index of the comma that ends the sentence's introductory phrases, or -1.

        ``After a meeting in Seoul, South Korean ...``: the actors before that comma are not
        part of a list with the ones after it.
        """
        end = -1
        k = 0
        n = len(tokens)
        while k < n and tokens[k].norm in INTRO_OPENERS:
            comma = next((c for c in range(k + 1, min(n, k + 13)) if tokens[c].norm == ","), -1)
            if comma < 0:
                break
            end = comma
            k = comma + 1
        return end

    def _groups(self, tokens: list[Token], chunks: list[Chunk]) -> list[Group]:
        """Join chunks listed with 'and', 'or' and commas into compound groups."""
        intro_end = self._intro_end(tokens)
        groups: list[Group] = []
        i = 0
        while i < len(chunks):
            members = [chunks[i]]
            joiners: list[list[str]] = []
            j = i
            while j + 1 < len(chunks):
                gap = [t.norm for t in tokens[chunks[j].end : chunks[j + 1].start]]
                core = [g for g in gap if g not in DETERMINERS]
                if (
                    chunks[j].possessive
                    or not core
                    or any(g not in COMPOUND_JOINERS for g in core)
                    or chunks[j].end <= intro_end
                ):
                    break
                members.append(chunks[j + 1])
                joiners.append(core)
                j += 1
            # a list joined only by commas is not a compound ("In Moscow, Putin met ...")
            while joiners and not any(g in ("and", "or", "&") for g in joiners[-1]):
                joiners.pop()
                members.pop()
            group = Group(len(groups), members)
            for c in members:
                c.group = group.index
            groups.append(group)
            self._distribute_role(group)
            i += len(members)
        return groups

    def _distribute_role(self, group: Group) -> None:
        """Share the head noun of a list of adjectives: "Iranian and Russian officials" are both GOV."""
        last = group.chunks[-1]
        if (
            len(group.chunks) < 2
            or last.mentions[-1].kind != AGENT
            or last.mentions[0].kind != ACTOR
        ):
            return
        role = last.mentions[-1].code
        for c in group.chunks[:-1]:
            bare = len(c.mentions) == 1 and c.mentions[0].kind == ACTOR and not c.possessive
            if bare and len(c.code) == 3 and c.code not in NON_STATE:
                c.code += role

    # -- verbs and roles --------------------------------------------------------------------
    def _insertions(self, tokens: list[Token], chunk_starts: set[int]) -> list[tuple[int, int]]:
        """Return comma-enclosed insertions (relative clauses, participles, appositions)."""
        commas = [i for i, t in enumerate(tokens) if t.norm == ","]
        spans = []
        for a, b in zip(commas, commas[1:], strict=False):
            if b - a > 16 or b == a + 1:
                continue
            first = tokens[a + 1].norm
            if (
                first in RELATIVE_OPENERS
                or first.endswith(("ed", "ing", "en"))
                or (a + 1) in chunk_starts
                or first in DETERMINERS
                or first in PREPOSITIONS
            ):
                spans.append((a, b))
        return spans

    def _aux_chain(self, tokens: list[Token], i: int) -> tuple[int, list[str]]:
        """Return where the auxiliary chain before token i starts, and its words."""
        j = i - 1
        words: list[str] = []
        while j >= 0:
            w = tokens[j].norm
            if (
                w in AUXILIARIES
                or w in HYPOTHETICAL
                or w in FUTURE
                or w in NEGATIONS
                or w in ADVERBS
                or _adverb(tokens[j])
            ):
                words.append(w)
                j -= 1
                continue
            if w == "to" and j > 0 and tokens[j - 1].norm in ("going", "about", "due", "set"):
                words.append("going to")
                j -= 2
                continue
            break
        return j + 1, words

    def _subject(
        self,
        tokens: list[Token],
        before: int,
        chunk_end: dict[int, Chunk],
        insertions: list[tuple[int, int]],
        participle: bool,
        allow_modifier: bool = False,
    ) -> Chunk | str | None:
        """Return the chunk that is the subject of a verb whose auxiliary chain starts at ``before``.

        A personal pronoun in subject position is returned as its word, for the caller to resolve.
        """
        j = before - 1
        steps = 0
        limit = 20 if participle else MAX_SUBJECT_GAP
        closing = {b: a for a, b in insertions}
        while j >= 0 and steps <= limit:
            c = chunk_end.get(j + 1)
            if c is not None and _after_locative(tokens, c.start):
                j = c.start - 1  # "in northern Nigeria": a place, not the subject
                steps += 1
                continue
            if c is not None:
                if allow_modifier and c.possessive:
                    return c
                if c.modifier or (c.possessive and not participle):
                    return None
                if c.modifier is False and not c.possessive:
                    return c
            w = tokens[j].norm
            if w in PRONOUNS:
                return w if w in SUBJECT_PRONOUNS else None
            if w == ",":
                if j in closing:
                    j = closing[j] - 1
                    continue
                if not participle:
                    return None
            if (
                w in (";", ":")
                or (w in CLAUSE_BREAKS and not participle)
                or w in ("that", "which", "who")
            ):
                return None
            if not participle and w in self.cc.verb_forms and j < before - 1:
                return None
            j -= 1
            steps += 1
        return None

    def _is_verb_use(
        self, tokens: list[Token], i: int, covered: list[bool], agent_only: set[int]
    ) -> str:
        """Return '' if token i is used as a verb, else why not (noun, infinitive, ...)."""
        tok = tokens[i]
        if covered[i]:
            return "part of an actor name"
        if tok.is_capitalised and i > 0 and tokens[i - 1].norm not in ('"', "'", "(", ":"):
            return "capitalised: a name, not a verb"
        prev = tokens[i - 1].norm if i > 0 else ""
        if prev in DETERMINERS or prev == "'s":
            return "after a determiner: a noun"
        if prev == "-" and i > 1 and tokens[i - 2].end == tokens[i - 1].start:
            return "part of a hyphenated adjective (Iran-backed)"
        if prev in DENIALS and tok.norm.endswith("ing"):
            return f"denied ('{prev}')"
        if prev in PREPOSITIONS:
            return "after a preposition: a noun or gerund"
        past = tok.norm not in self.cc.present_forms
        if not past:
            # "an official visit", "its 'unwavering support'", "EU military aid", "new U.S. sanctions"
            verb_forms = self.cc.verb_forms
            j, adjectives = i - 1, 0
            while j >= 0 and adjectives <= 2:
                w = tokens[j].norm
                if w in ('"', "'"):
                    j -= 1
                    continue
                if adjectives and (w in DETERMINERS or w == "'s" or w in PREPOSITIONS):
                    return "after a determiner and an adjective: a noun"
                if covered[j] and (j not in agent_only or adjectives):
                    start = j
                    while start > 0 and covered[start - 1]:
                        start -= 1
                    before = tokens[start - 1].norm if start > 0 else ""
                    if (
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
                    ):
                        return "after a noun modifier: a noun"
                    break
                if (
                    w.isalpha()
                    and w.islower()
                    and w not in NOT_ADJECTIVES
                    and w not in PREPOSITIONS
                    and w not in verb_forms
                    and w not in ADVERBS
                    and w not in AUXILIARIES
                    and w not in NEGATIONS
                    and w not in HYPOTHETICAL
                    and w not in FUTURE
                    and w not in PRONOUNS
                    and w not in COORDINATORS
                    and w not in CLAUSE_BREAKS
                    and w not in RELATIVE_OPENERS
                    and not (w.endswith("ly") and len(w) > 4)
                    and (not covered[j] or j in agent_only)
                ):
                    adjectives += 1
                    j -= 1
                    continue
                break
            if adjectives:
                return "after an adjective: a noun"
        j = i - 1
        while j >= 0 and (tokens[j].norm in ADVERBS or _adverb(tokens[j])):
            j -= 1
        if j >= 0 and tokens[j].norm == "to":
            return "an infinitive: coded only through the verb that governs it"
        return ""

    def _match_elements(
        self,
        tokens: list[Token],
        elements: tuple[Element, ...],
        pos: int,
        direction: int,
        group_at: dict[int, Group],
        group_end_at: dict[int, Group],
        bound: int,
        norms: tuple[str, ...],
    ) -> tuple[bool, dict[str, Group], int]:
        """Match pattern elements from pos in direction (+1 after the verb, -1 before it)."""
        roles: dict[str, Group] = {}
        unlimited = False
        for el in elements:
            if el.kind == SKIP:
                unlimited = True
                continue
            gap = 0 if el.adjacent else (len(tokens) if unlimited else MAX_PATTERN_GAP)
            unlimited = False
            found = False
            for step in range(gap + 1):
                q = pos + step * direction
                if direction > 0 and q >= bound or direction < 0 and q < bound:
                    break
                if el.kind == WORDS:
                    if norms[q] in el.singles:
                        pos = q + direction
                        found = True
                    else:
                        for alt in el.multi:
                            n = len(alt)
                            lo = q if direction > 0 else q - n + 1
                            if lo >= 0 and norms[lo : lo + n] == alt:
                                pos = lo + n if direction > 0 else lo - 1
                                found = True
                                break
                else:
                    g = group_at.get(q) if direction > 0 else group_end_at.get(q + 1)
                    if g is not None:
                        roles[el.kind] = g
                        if direction > 0:
                            pos = g.end + (1 if g.chunks[-1].possessive else 0)
                        else:
                            pos = g.start - 1
                        found = True
                if found:
                    break
            if not found:
                return False, {}, pos
        return True, roles, pos

    def _apply_patterns(
        self,
        tokens: list[Token],
        vm: VerbMatch,
        group_at: dict[int, Group],
        group_end_at: dict[int, Group],
        clause_end: int,
        sequence: tuple[str, ...],
        norms: set[str],
    ) -> tuple[CompiledPattern | None, dict[str, Group], int]:
        i = vm.token
        group = self.cc.patterns.get(vm.verb.group)
        if not group:
            return None, {}, i
        always, by_word = self.cc.pattern_index[vm.verb.group]
        candidates = set(always)
        for word in norms:
            found = by_word.get(word)
            if found:
                candidates.update(found)
        for k in sorted(candidates):
            cp = group[k]
            if any(words.isdisjoint(norms) for words in cp.required):
                continue
            ok_after, roles_after, end = self._match_elements(
                tokens, cp.after, i + 1, 1, group_at, group_end_at, clause_end, sequence
            )
            if not ok_after:
                continue
            ok_before, roles_before, _ = self._match_elements(
                tokens, cp.before, i - 1, -1, group_at, group_end_at, 0, sequence
            )
            if not ok_before:
                continue
            return cp, {**roles_before, **roles_after}, end - 1
        return None, {}, i

    # -- sentences and documents ----------------------------------------------------------
    def code_sentence(
        self, text: str, index: int, day: dt.date, state: DocState, offset: int = 0
    ) -> SentenceResult:
        """Return the events of one sentence (and the trace explain shows)."""
        cc = self.cc
        tokens = cc.tokenizer.tokenize(text)
        mentions, discard = self._mentions(tokens, day, state)
        result = SentenceResult(index, text, offset, tokens, mentions, [], [], [], [])
        if discard:
            result.discarded = discard
            return result
        chunks = self._chunks(text, tokens, mentions, state)
        self._localise(tokens, chunks, state)
        result.chunks = chunks
        verb_forms = cc.verb_forms
        if not any(t.norm in verb_forms for t in tokens):
            return result  # nothing to code; the actors were still remembered for the document
        groups = self._groups(tokens, chunks)
        n = len(tokens)
        covered = [False] * n
        for c in chunks:
            for k in range(c.start, c.end):
                covered[k] = True
        chunk_end = {c.end: c for c in chunks}
        agent_only = {
            k
            for c in chunks
            if all(m.kind == AGENT for m in c.mentions)
            for k in range(c.start, c.end)
        }
        group_at = {g.start: g for g in groups}
        group_end_at = {g.end: g for g in groups}
        insertions = self._insertions(tokens, {c.start for c in chunks})
        clause_end = next((k for k, t in enumerate(tokens) if t.norm == ";"), n)
        question = self._is_question(tokens)
        speaker = self._sentence_speaker(tokens, chunk_end, insertions, groups)
        attribution = self._attribution(tokens, group_at, group_end_at)
        quote_end = (
            next((k for k in range(1, n) if tokens[k].norm == '"'), -1)
            if tokens[0].norm == '"'
            else -1
        )
        if 0 < quote_end < clause_end:
            clause_end = quote_end
        consumed_until = -1
        previous_subject: list[Chunk] | None = None
        by_token: dict[int, VerbMatch] = {}
        sequence = tuple(t.norm for t in tokens)
        norms = set(sequence)
        for i, tok in enumerate(tokens):
            verb = verb_forms.get(tok.norm)
            if verb is None:
                continue
            if i >= clause_end:
                clause_end = next((k for k in range(i, n) if tokens[k].norm == ";"), n)
                if quote_end > i:
                    clause_end = min(clause_end, quote_end)  # a quotation ends its clauses
            vm = VerbMatch(i, verb)
            result.verbs.append(vm)
            by_token[i] = vm
            if i <= consumed_until:
                vm.status, vm.reason = "skipped", "part of an earlier verb's pattern"
                continue
            if question:
                vm.status, vm.reason = "question", "the sentence is a question"
                continue
            why = self._is_verb_use(tokens, i, covered, agent_only)
            mode = ""  # "", "intent" or "refusal"
            anchor = i  # the token whose auxiliary chain and subject the event takes
            governor = -1
            if why.startswith("an infinitive"):
                governor = self._governor(tokens, i)
                if governor >= 0 and tokens[governor].norm in INTENT_GOVERNORS:
                    mode, anchor, why = "intent", governor, ""
                elif governor >= 0 and tokens[governor].norm in REFUSAL_GOVERNORS:
                    mode, anchor, why = "refusal", governor, ""
            elif not why and i > 1 and tokens[i - 1].norm in ASPECTUAL and tok.norm.endswith("ing"):
                # "intends to keep buying": the intention governs the aspect verb
                governor = self._governor(tokens, i - 1)
                if governor >= 0 and tokens[governor].norm in INTENT_GOVERNORS:
                    mode, anchor = "intent", governor
                elif governor >= 0 and tokens[governor].norm in REFUSAL_GOVERNORS:
                    mode, anchor = "refusal", governor
                else:
                    governor = -1
            if why:
                vm.status, vm.reason = "skipped", why
                continue
            aux_start, aux = self._aux_chain(tokens, anchor)
            form = tok.norm
            is_ing = form.endswith("ing") and form != verb.verb
            participle_form = form != verb.verb and not is_ing and not form.endswith("s")
            by_follows = i + 1 < n and tokens[i + 1].norm == "by"
            vm.passive = participle_form and (
                any(a in BE for a in aux) or (by_follows and not aux and (i + 2) in group_at)
            )
            cp, roles, last = self._apply_patterns(
                tokens, vm, group_at, group_end_at, clause_end, sequence, norms
            )
            vm.last_token = last
            if cp is not None:
                vm.rule_id, vm.pattern, vm.code = (
                    cp.entry.rule_id,
                    cp.entry.pattern.text,
                    cp.entry.code,
                )
                consumed_until = max(consumed_until, last)
                if cp.entry.code is None:
                    vm.status, vm.reason = "stopped", f"stop pattern {cp.entry.rule_id}"
            else:
                vm.code, vm.rule_id = verb.code, verb.rule_id
                if verb.code is None:
                    vm.status, vm.reason = (
                        "no code",
                        "no pattern matched and the verb has no default code",
                    )
            if vm.code is None:
                if not is_ing and not mode:
                    # keep its subject: "X gave Y ... and accused Z" shares it
                    found = self._subject(
                        tokens, aux_start, chunk_end, insertions, participle=False
                    )
                    previous_subject = (
                        groups[found.group].chunks if isinstance(found, Chunk) else []
                    )
                continue
            negated = [a for a in aux if a in NEGATIONS] or self._neither(tokens, aux_start)
            future = [a for a in aux if a in FUTURE or a == "going to"]
            if negated and future and not mode:
                mode = "refusal"  # "won't hold talks"
            elif negated:
                vm.status, vm.reason = "negated", f"negated by '{negated[0]}'"
                continue
            modal = [a for a in aux if a in HYPOTHETICAL]
            if modal == ["would"] and self._reported(tokens, aux_start):
                modal, future = [], ["would"]  # "said it would accept": the future of the past
                if not mode:
                    mode = "intent"
            if modal:
                vm.status, vm.reason = "modal", f"hypothetical ('{modal[0]}')"
                continue
            conditional = self._conditional(tokens, aux_start)
            if conditional:
                vm.status, vm.reason = "conditional", f"in a clause with '{conditional}'"
                continue
            claim = self._claimed(tokens, aux_start)
            if claim:
                vm.status, vm.reason = "claimed", f"reported as a {claim}, not asserted"
                continue
            if future and not mode:
                mode = "intent"
            if mode:
                assert vm.code is not None
                mapped = self.codebook.intent_of(vm.code, refusal=mode == "refusal")
                if mapped is None:
                    vm.status, vm.reason = (
                        mode,
                        f"no {mode} code for {vm.code} in the intents table",
                    )
                    continue
                vm.reason = f"{mode}: {vm.code} -> {mapped}"
                vm.code = mapped
            # roles
            pronoun: str | None = None
            if COMPOUND in roles and len(roles[COMPOUND].chunks) > 1:
                both = roles[COMPOUND].chunks
                vm.sources, vm.targets = list(both), list(both)
            else:
                src_group = roles.get(SOURCE)
                tgt_group = roles.get(TARGET)
                before = aux_start - 1
                if before >= 0 and tokens[before].norm == ",":
                    before -= 1
                subject_group: list[Chunk] = []
                comma_participle = (
                    is_ing and not aux and aux_start > 0 and tokens[aux_start - 1].norm == ","
                )
                if (
                    before >= 0
                    and tokens[before].norm in COORDINATORS
                    and previous_subject is not None
                ) or (comma_participle and previous_subject):
                    # "X condemned Y and called on Z ...", "X bombed Y, killing dozens"
                    subject_group = previous_subject or []
                else:
                    subject = self._subject(
                        tokens,
                        aux_start,
                        chunk_end,
                        insertions,
                        participle=is_ing and not aux and not mode,
                        allow_modifier=vm.passive,
                    )
                    if isinstance(subject, str):
                        pronoun = subject
                        subject_group = self._speaker(
                            tokens, aux_start, chunk_end, insertions, groups, group_at
                        ) or self._resolve(subject, state)
                    elif subject is not None:
                        subject_group = groups[subject.group].chunks
                if not is_ing or aux:
                    previous_subject = subject_group
                if vm.passive and src_group is None:
                    agent = self._by_agent(tokens, i, group_at, clause_end)
                    if agent is None:
                        vm.status, vm.reason = "no source", "passive without a 'by' actor"
                        continue
                    vm.sources = list(agent.chunks)
                    if tgt_group is not None and tgt_group is not agent:
                        vm.targets = list(tgt_group.chunks)
                    elif subject_group:
                        vm.targets = subject_group
                    else:
                        vm.targets = self._object(
                            tokens, i + 1, group_at, clause_end, agent, covered, agent_only
                        )
                else:
                    vm.sources = list(src_group.chunks) if src_group else subject_group
                    if tgt_group is not None:
                        vm.targets = list(tgt_group.chunks)
                    else:
                        # patterns without '+' leave the target to the object search, from the verb on
                        home = {self.split_code(c.code)[0] for c in vm.sources} - {None}
                        vm.targets = self._object(
                            tokens,
                            i + 1,
                            group_at,
                            clause_end,
                            None,
                            covered,
                            agent_only,
                            speaker,
                            home,
                        )
            if attribution is not None and i < attribution[0] and not vm.targets and attribution[2]:
                # '"We condemn this provocation," Japan's foreign ministry said of X': X is the target
                vm.targets = list(attribution[2])
            if not vm.sources:
                vm.status, vm.reason = "no source", "no actor on the subject side"
                continue
            if vm.code and vm.code[:2] == "15" and vm.targets:
                # force posture: the source's own forces ("deployed riot police") are not its target
                home = {self.split_code(c.code)[0] for c in vm.sources}
                vm.targets = [t for t in vm.targets if self.split_code(t.code)[0] not in home]
            if (
                not vm.targets
                and len(vm.sources) > 1
                and vm.code
                and vm.code[:2] in RECIPROCAL_ROOTS
            ):
                # "Lula and Xi signed 15 agreements": each with the other
                vm.targets = list(vm.sources)
                vm.reason = (
                    vm.reason + "; " if vm.reason else ""
                ) + "reciprocal: each member with the others"
            if pronoun:
                vm.reason = (
                    vm.reason + "; " if vm.reason else ""
                ) + f"'{pronoun}' resolved to an earlier actor"
            if self.settings.require_dyad and not vm.targets:
                vm.status, vm.reason = "no target", "require_dyad is set and no target was found"
                continue
            if governor >= 0 and governor in by_token:
                gov = by_token[governor]
                if gov.status == "coded" and not gov.pattern:
                    gov.status, gov.reason = "skipped", "its infinitive was coded as the event"
            if not pronoun:
                self._remember(vm, state)
        return result

    @staticmethod
    def _attribution(
        tokens: list[Token], group_at: dict[int, Group], group_end_at: dict[int, Group]
    ) -> tuple[int, list[Chunk], list[Chunk]] | None:
        """Return (where it starts, speaker, what it is said of) for a trailing attribution:
        '..., X said.', '...," X said of Y.', '...," said X.'"""
        for r in range(len(tokens) - 1, 0, -1):
            if tokens[r].norm in REPORTING:
                break
        else:
            return None
        speaker = group_end_at.get(r)
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

    def _sentence_speaker(
        self,
        tokens: list[Token],
        chunk_end: dict[int, Chunk],
        insertions: list[tuple[int, int]],
        groups: list[Group],
    ) -> list[Chunk]:
        """Return the subject of the sentence's first reporting verb ("Pakistan said ...")."""
        for j, t in enumerate(tokens):
            if t.norm in REPORTING:
                start, _ = self._aux_chain(tokens, j)
                found = self._subject(tokens, start, chunk_end, insertions, participle=False)
                return list(groups[found.group].chunks) if isinstance(found, Chunk) else []
        return []

    @staticmethod
    def _is_question(tokens: list[Token]) -> bool:
        """Return whether the sentence asks a question (its last word-like token is '?')."""
        for t in reversed(tokens):
            if t.norm in ('"', "'", ")"):
                continue
            return t.norm == "?"
        return False

    @staticmethod
    def _neither(tokens: list[Token], before: int) -> list[str]:
        """Return ['neither'] when the subject side is "Neither X nor Y"."""
        for j in range(before - 1, max(-1, before - 12), -1):
            w = tokens[j].norm
            if w == "neither":
                return ["neither"]
            if w in (",", ";", ":"):
                break
        return []

    @staticmethod
    def _conditional(tokens: list[Token], before: int) -> str:
        """Return 'if' (or 'unless', 'whether') when the verb is in a conditional clause."""
        for j in range(before - 1, -1, -1):
            w = tokens[j].norm
            if w in CONDITIONALS:
                return w
            if w in (",", ";", ":"):
                break
        return ""

    @staticmethod
    def _reported(tokens: list[Token], before: int) -> bool:
        """Return whether a reporting verb ("said") comes shortly before the clause at ``before``."""
        return any(tokens[j].norm in REPORTING for j in range(max(0, before - 8), before))

    @staticmethod
    def _claimed(tokens: list[Token], before: int) -> str:
        """Return the noun when the verb is in a clause like "claims that X attacked Y"."""
        for j in range(before - 1, max(-1, before - 15), -1):
            w = tokens[j].norm
            if w == "that" and j > 0 and tokens[j - 1].norm in CLAIM_NOUNS:
                return tokens[j - 1].norm
            if w in (";", ":") or w in RELATIVE_OPENERS:
                break
        return ""

    @staticmethod
    def _governor(tokens: list[Token], i: int) -> int:
        """Return the index of the word before "to" that governs the infinitive at i, or -1."""
        j = i - 1
        while j >= 0 and (tokens[j].norm in ADVERBS or _adverb(tokens[j])):
            j -= 1
        if j < 0 or tokens[j].norm != "to":
            return -1
        j -= 1
        while j >= 0 and (tokens[j].norm in ADVERBS or _adverb(tokens[j])):
            j -= 1
        return j

    @staticmethod
    def _by_agent(
        tokens: list[Token], i: int, group_at: dict[int, Group], end: int
    ) -> Group | None:
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

    def _speaker(
        self,
        tokens: list[Token],
        aux_start: int,
        chunk_end: dict[int, Chunk],
        insertions: list[tuple[int, int]],
        groups: list[Group],
        group_at: dict[int, Group],
    ) -> list[Chunk]:
        """Return who a pronoun subject stands for when it reports its own speaker.

        "Turkey said it was ready ..." (it = Turkey) and, inside a quotation,
        "'We condemn ...,' Japan's foreign ministry said" (we = the ministry).
        """
        j = aux_start - 2  # the pronoun is at aux_start - 1
        if j >= 0 and tokens[j].norm == "that":
            j -= 1
        # "said on Monday it was ...": step back over a short time phrase
        k = j
        while k >= 0 and j - k < 4 and tokens[k].norm not in REPORTING:
            if tokens[k].norm in (",", ";", ":") or tokens[k].norm in self.cc.verb_forms:
                break
            k -= 1
        if k >= 0 and tokens[k].norm in REPORTING:
            j = k
        if j >= 0 and tokens[j].norm in REPORTING:
            start, _ = self._aux_chain(tokens, j)
            speaker = self._subject(tokens, start, chunk_end, insertions, participle=False)
            if isinstance(speaker, Chunk):
                return list(groups[speaker.group].chunks)
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
                if k in group_at:
                    return list(group_at[k].chunks)
        return []

    @staticmethod
    def _resolve(pronoun: str, state: DocState) -> list[Chunk]:
        """Return the earlier actor(s) a subject pronoun refers to."""
        if pronoun in ("he", "she"):
            return list(state.last_person)
        if pronoun != "they":
            return []  # "it" and "we" resolve only to a speaker in the same sentence
        if len(state.last_sources) > 1:
            return list(state.last_sources)
        return list(state.last_sources) + list(state.last_targets)

    @staticmethod
    def _remember(vm: VerbMatch, state: DocState) -> None:
        state.last_sources = list(vm.sources)
        state.last_targets = list(vm.targets)
        people = [
            c
            for c in vm.sources
            if any(m.entry is not None and m.entry.surname for m in c.mentions)
        ]
        if len(vm.sources) == 1 and people:
            state.last_person = people

    def _object(
        self,
        tokens: list[Token],
        start: int,
        group_at: dict[int, Group],
        end: int,
        skip: Group | None = None,
        covered: list[bool] | None = None,
        agent_only: set[int] | None = None,
        owner: list[Chunk] | None = None,
        home: set[str | None] | None = None,
    ) -> list[Chunk]:
        verb_forms = self.cc.verb_forms
        for q in range(start, min(end, start + MAX_TARGET_GAP)):
            g = group_at.get(q)
            if g is not None and g is not skip:
                if (
                    home
                    and _after_locative(tokens, q)
                    and tokens[q - 1].norm not in ("at", "into", "from")
                    and all(self.split_code(c.code)[0] in home for c in g.chunks)
                    and (
                        tokens[q - 1].norm
                        in ("outside", "inside")  # buildings: "outside parliament"
                        or all(m.kind == ACTOR for c in g.chunks for m in c.mentions)
                    )
                ):
                    continue  # "blocked a highway in Belgrade": a place at home, not a target
                return list(g.chunks)
            w = tokens[q].norm
            if w in ("its", "their") and owner:
                return list(owner)  # "opened fire on its border posts": the speaker's
            if w in (",", ";", ":") or w in CLAUSE_BREAKS or w in RELATIVE_OPENERS:
                return []
            if (
                w in verb_forms
                and q > start
                and covered is not None
                and not (w.endswith("ing") and w != verb_forms[w].verb)  # "planes carrying tents"
                and (
                    covered[q - 1] or tokens[q - 1].norm in CLAUSE_STARTERS
                )  # "two detained citizens"
                and not self._is_verb_use(tokens, q, covered, agent_only or set())
            ):
                return []  # another verb: its clause, not this one's object
        return []

    def code_document(
        self,
        doc: Document,
        trace: list[SentenceResult] | None = None,
        deduplicate: bool | None = None,
    ) -> CodedDocument:
        """Return the events of one document as rows of the events table, and its sentence count.

        ``deduplicate`` overrides the codebook's setting (None: use the setting).
        """
        dedupe = self.settings.deduplicate == "document" if deduplicate is None else deduplicate
        state = DocState()
        events: list[dict[str, Any]] = []
        seen: set[tuple[Any, ...]] = set()
        sentences = split_sentences(doc.text)
        for sent in sentences:
            res = self.code_sentence(sent.text, sent.index, doc.date, state, sent.start)
            if res.discarded == "document":
                if trace is not None:
                    for earlier in trace:
                        earlier.events = []  # the whole document is discarded
                    trace.append(res)
                return CodedDocument([], len(sentences))
            if res.verbs and any(v.status == "coded" for v in res.verbs):
                res.dates = self.dates.find_dates(sent.text, doc.date)
            for vm in res.verbs:
                if vm.status != "coded":
                    continue
                for row in self._events(doc, res, vm):
                    key = (
                        row["source_code"],
                        row["event_code"],
                        row["target_code"],
                        row["event_date"],
                    )
                    if dedupe:
                        if key in seen:
                            continue
                        seen.add(key)
                    events.append(row)
                    res.events.append(row)
            if trace is not None:
                trace.append(res)
        return CodedDocument(events, len(sentences))

    @staticmethod
    def _relative_clauses(tokens: list[Token]) -> list[tuple[int, int, int, int]]:
        """Return the relative clauses (", which/who ..." to the next comma or the sentence end)
        as (first token, last token, first character, end character)."""
        commas = [k for k, t in enumerate(tokens) if t.norm == ","] + [len(tokens) - 1]
        spans = []
        for n, a in enumerate(commas[:-1]):
            if a + 1 < len(tokens) and tokens[a + 1].norm in RELATIVE_OPENERS:
                b = commas[n + 1]
                spans.append((a, b, tokens[a].start, tokens[b].end))
        return spans

    def _pick_date(self, res: SentenceResult, vm: VerbMatch) -> DateMatch | None:
        if not res.dates:
            return None
        verb_at = res.tokens[vm.token].start
        if res.relative_clauses is None:
            res.relative_clauses = self._relative_clauses(res.tokens)
        inside = [(lo, hi) for a, b, lo, hi in res.relative_clauses if not a < vm.token < b]
        candidates = [d for d in res.dates if not any(lo <= d.start < hi for lo, hi in inside)]
        candidates = candidates or res.dates
        if not vm.reason.startswith(("intent", "refusal")):
            # an event asserted as done cannot take its date from a future expression
            candidates = [d for d in candidates if not d.future] or candidates
        return min(candidates, key=lambda d: abs(d.start - verb_at))

    def _events(
        self, doc: Document, res: SentenceResult, vm: VerbMatch
    ) -> Iterable[dict[str, Any]]:
        code = vm.code
        assert code is not None
        ec = self.cc.event_codes[code]
        date = self._pick_date(res, vm)
        vm.date = date
        if date is not None and not (date.future and self.settings.future_dates == "announced"):
            event_date, precision, source = date.date, date.precision, "text"
            limit = self.settings.background_days
            if limit and (doc.date - _period_end(event_date, precision)).days > limit:
                vm.status, vm.reason = (
                    "background",
                    f"dated {event_date}, over {limit} days before publication",
                )
                return
        else:
            event_date, precision, source = doc.date, "day", "document"
        verb_tok = res.tokens[vm.token]
        last_tok = res.tokens[max(vm.token, vm.last_token)]
        targets: list[Chunk | None] = list(vm.targets) or [None]
        for src in vm.sources:
            others = [t for t in targets if t is None or t.code != src.code]
            if not others and len(vm.sources) == 1:
                others = [None]  # its only target is itself: keep the event, with no target
            for tgt in others:
                s_country, s_role = self.split_code(src.code)
                t_country, t_role = self.split_code(tgt.code) if tgt is not None else (None, None)
                ident = "\x1f".join(
                    [
                        doc.id,
                        str(res.index),
                        str(vm.token),
                        src.code,
                        code,
                        tgt.code if tgt else "",
                        str(src.start),
                        str(tgt.start if tgt else -1),
                    ]
                )
                yield {
                    "event_id": hashlib.blake2b(ident.encode(), digest_size=8).hexdigest(),
                    "doc_id": doc.id,
                    "sentence_index": res.index,
                    "event_date": event_date,
                    "date_precision": precision,
                    "date_source": source,
                    "source_code": src.code,
                    "source_country": s_country,
                    "source_role": s_role,
                    "source_text": src.text,
                    "event_code": code,
                    "event_root": ec.root,
                    "quad_class": ec.quad_class,
                    "goldstein": ec.goldstein,
                    "target_code": tgt.code if tgt else None,
                    "target_country": t_country,
                    "target_role": t_role,
                    "target_text": tgt.text if tgt else None,
                    "event_text": res.text[verb_tok.start : last_tok.end],
                    "rule_id": vm.rule_id,
                    "publisher": doc.publisher,
                    "url": doc.url,
                }
