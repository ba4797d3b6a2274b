"""Fast matchers compiled once from a codebook: one token automaton, verb-form and pattern indexes."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..tokens import Tokenizer, caps_key
from .automaton import PhraseAutomaton, token_char
from .forms import regular_forms
from .keys import plain_words
from .patterns import SYNSET, WORDS, Element, Pattern

if TYPE_CHECKING:
    import datetime as dt

    from .model import ActorEntry, AgentEntry, Codebook, PatternEntry, VerbEntry

ACTOR, AGENT, DISCARD, SURNAME = "actor", "agent", "discard", "surname"
#: how many token texts ``token_chars`` remembers (as many as the tokenizer's normalised forms)
_MAX_CACHED_TEXTS = 500_000


@dataclass(frozen=True)
class PhraseHit:
    """What a phrase in the automaton stands for: actor rows (by date), an agent, or a discard."""

    kind: str
    length: int
    actors: tuple[ActorEntry, ...] = ()
    agent: AgentEntry | None = None
    scope: str = ""
    #: the first actor row when it has no dates: the row of the phrase on any day (most phrases)
    undated: ActorEntry | None = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        first = self.actors[0] if self.actors else None
        undated = first if first is not None and first.start is None and first.end is None else None
        object.__setattr__(self, "undated", undated)

    def actor_on(self, day: dt.date) -> ActorEntry | None:
        """Return the first actor row valid on ``day``, or None."""
        if self.undated is not None:
            return self.undated
        return next((a for a in self.actors if a.valid_on(day)), None)


@dataclass(frozen=True)
class CompiledPattern:
    """A pattern whose words are token keys and whose synsets are expanded into alternatives."""

    entry: PatternEntry
    before: tuple[Element, ...]
    after: tuple[Element, ...]
    specificity: int
    #: for each word element, the words one of which must occur in a sentence for it to match:
    #: a cheap test that skips most patterns before any matching is tried
    required: tuple[frozenset[str], ...] = ()
    #: the same test in two parts: the words of the elements with one word, all of which must
    #: occur (one subset test), and the elements with several words
    needs_all: frozenset[str] = field(init=False, repr=False, compare=False)
    needs_one: tuple[frozenset[str], ...] = field(init=False, repr=False, compare=False)

    def may_match(self, norms: set[str] | frozenset[str]) -> bool:
        """Return whether a sentence whose words are ``norms`` has a word for each word element."""
        if not self.needs_all <= norms:
            return False
        for words in self.needs_one:  # noqa: SIM110 - faster than any() over a generator
            if words.isdisjoint(norms):
                return False
        return True

    def __post_init__(self) -> None:
        needs_all = frozenset(w for words in self.required if len(words) == 1 for w in words)
        object.__setattr__(self, "needs_all", needs_all)
        needs_one = tuple(words for words in self.required if len(words) > 1)
        object.__setattr__(self, "needs_one", needs_one)


class CompiledCodebook:
    """The codebook's phrase tables as a token automaton, and its verbs as lookup tables.

    Built once per process from a Codebook; holds no per-document state.
    """

    def __init__(self, codebook: Codebook) -> None:
        self.codebook = codebook
        self.tokenizer = Tokenizer()
        self.vocab: dict[str, int] = {}
        #: every phrase of the actor, agent and discard tables by token ids (``automaton.iter``)
        self.automaton = PhraseAutomaton()
        hits: dict[tuple[int, ...], list[PhraseHit]] = defaultdict(list)

        actors_by_key: dict[tuple[int, ...], list[ActorEntry]] = defaultdict(list)
        phrase_keys: dict[str, tuple[int, ...]] = {}  # a phrase has a row per term of office
        for actor in codebook.actors:
            key = phrase_keys.get(actor.phrase)
            if key is None:
                key = phrase_keys[actor.phrase] = self._key(actor.phrase)
            actors_by_key[key].append(actor)
        for key, entries in actors_by_key.items():
            hits[key].append(PhraseHit(ACTOR, len(key), actors=tuple(entries)))
        for agent in codebook.agents:
            key = self._key(agent.phrase)
            hits[key].append(PhraseHit(AGENT, len(key), agent=agent))
            for plural in agent.plurals:
                pkey = self._key(plural)
                hits[pkey].append(PhraseHit(AGENT, len(pkey), agent=agent))
        for discard in codebook.discards:
            key = self._key(discard.phrase)
            hits[key].append(PhraseHit(DISCARD, len(key), scope=discard.scope))
        # the first word of every surname, so the coder looks for surnames only where one occurs
        for actor in codebook.actors:
            if actor.surname:
                first = self.tokenizer.words(actor.surname)[0]
                key = (self.vocab.setdefault(first, len(self.vocab) + 1),)
                if not any(h.kind == SURNAME for h in hits[key]):
                    hits[key].append(PhraseHit(SURNAME, 1))
        for key, values in hits.items():
            if key:
                self.automaton.add_word(key, tuple(values))
        self.automaton.build()
        self.has_phrases = bool(hits)

        #: the tokens of each person's surname, matched per document by the coder
        self.surname_keys: dict[ActorEntry, tuple[str, ...]] = {
            a: tuple(self.tokenizer.words(a.surname)) for a in codebook.actors if a.surname
        }

        #: one-word surname -> the people who bear it (any date); multi-word surnames resolve
        #: only from a full mention in the same document
        index: dict[str, list[ActorEntry]] = defaultdict(list)
        for actor, words in self.surname_keys.items():
            if len(words) == 1 and len(words[0]) >= 2:
                index[words[0]].append(actor)
        self.surname_index: dict[str, list[ActorEntry]] = dict(index)

        #: verb form (normalised) -> verb entry
        self.verb_forms: dict[str, VerbEntry] = {}
        #: the forms that are present tense (base and third person), not past or participle
        self.present_forms: set[str] = set()
        for verb in codebook.verbs:
            third = regular_forms(verb.verb)[1]
            for form in verb.forms:
                self.verb_forms[form] = verb
                if form in (verb.verb, third):
                    self.present_forms.add(form)
        self.patterns: dict[str, list[CompiledPattern]] = defaultdict(list)
        for entry in codebook.patterns:
            self.patterns[entry.group].append(self._compile_pattern(entry))
        for group in self.patterns.values():
            group.sort(key=lambda p: -p.specificity)  # stable: file order among equals
        #: per group, the patterns that need no particular word, and the others by the words of
        #: one word element they need, so a sentence tries only its candidates
        self.pattern_index = _pattern_index(self.patterns)
        self.event_codes = codebook.event_codes

    def pattern_candidates(
        self, group: str, norms: set[str] | frozenset[str], only: frozenset[int] | None = None
    ) -> list[int]:
        """Return, in the order they are tried, the numbers of the group's patterns (of those
        numbered ``only``, if given) each of whose word elements has a word in ``norms``, the
        sentence's words: the only patterns that can match it."""
        always, by_word = self.pattern_index[group]
        words = by_word.keys() & norms
        if always or len(words) > 1:
            candidates = set(always)
            for word in words:
                candidates.update(by_word[word])
            ordered: list[int] = sorted(candidates)
        elif words:
            ordered = by_word[next(iter(words))]  # one word: its patterns, in order already
        else:
            return []  # most verbs of a sentence: no word any pattern of the group needs
        if only is not None:
            ordered = [k for k in ordered if k in only]
        group_patterns = self.patterns[group]
        return [k for k in ordered if group_patterns[k].may_match(norms)]

    def _key(self, phrase: str) -> tuple[int, ...]:
        words = plain_words(phrase)  # most phrases, without the tokenizer
        vocab = self.vocab
        return tuple(
            vocab.setdefault(word, len(vocab) + 1)
            for word in (words if words is not None else self.tokenizer.words(phrase))
        )

    def token_ids(self, tokens: list[Any]) -> tuple[int, ...]:
        """Return the vocabulary id of each token (0 when unknown), capitals first for all-caps words."""
        vocab = self.vocab
        out = []
        for t in tokens:
            text = t.text
            i = 0
            if len(text) >= 2 and text.isupper() and text.isalpha():
                i = vocab.get(caps_key(text), 0)
            out.append(i or vocab.get(t.norm, 0))
        return tuple(out)

    def token_chars(self, tokens: list[Any]) -> str:
        """Return ``token_ids`` as the phrase automaton reads them, one character a token
        (``automaton.iter_chars``): the same ids, without a tuple of them.

        A token's character depends on its text alone, so it is looked up by the text in a
        cache (one dict probe a token; bounded like the tokenizer's cache of normalised forms).
        """
        by_text: dict[str, str] | None = self.__dict__.get("_text_chars")
        if by_text is None or self.__dict__.get("_text_chars_vocab") != len(self.vocab):
            by_text = self.__dict__["_text_chars"] = {}
            self.__dict__["_text_chars_vocab"] = len(self.vocab)
        get = by_text.get
        out = [get(t.text) or self._token_char(t, by_text) for t in tokens]
        return "".join(out)

    def _token_char(self, token: Any, by_text: dict[str, str]) -> str:
        """Return the automaton's character of one token (``token_chars``) and cache it."""
        chars: dict[str, str] | None = self.__dict__.get("_chars")
        if chars is None or len(chars) != len(self.vocab):
            chars = {word: token_char(i) for word, i in self.vocab.items()}
            self.__dict__["_chars"] = chars
        text = token.text
        c = None
        if len(text) >= 2 and text.isupper() and text.isalpha():
            c = chars.get(caps_key(text))
        c = c or chars.get(token.norm, "\0")
        if len(by_text) < _MAX_CACHED_TEXTS:
            by_text[text] = c
        return c

    def _words(self, alternatives: tuple[tuple[str, ...], ...]) -> tuple[tuple[str, ...], ...]:
        out = []
        for alt in alternatives:
            words: list[str] = []
            for w in alt:
                words.extend(t.norm for t in self.tokenizer.tokenize(w))
            out.append(tuple(words))
        return tuple(out)

    def _element(self, el: Element) -> Element:
        if el.kind not in (WORDS, SYNSET):
            return el
        # the same element recurs in many patterns (a synset of 200 currencies, "in", "talks"):
        # compile it once (imported dictionaries have tens of thousands of patterns)
        # (the parser shares equal elements, so most are found by identity, without hashing)
        same: dict[int, tuple[Element, Element]] = self.__dict__.setdefault("_element_ids", {})
        hit = same.get(id(el))
        if hit is not None and hit[0] is el:
            return hit[1]
        cache: dict[Element, Element] = self.__dict__.setdefault("_element_cache", {})
        done = cache.get(el)
        if done is None:
            done = cache[el] = self._compile_element(el)
        same[id(el)] = (el, done)
        return done

    def _compile_element(self, el: Element) -> Element:
        if el.kind == WORDS:
            alternatives = self._words(el.alternatives)
        else:
            members = tuple(tuple(m.split()) for m in self.codebook.synsets[el.synset])
            alternatives = self._words(members)
        return Element(
            WORDS,
            alternatives,
            adjacent=el.adjacent,
            singles=frozenset(a[0] for a in alternatives if len(a) == 1),
            multi=tuple(a for a in alternatives if len(a) > 1),
            heads=frozenset(a[0] for a in alternatives if len(a) > 1),
            tails=frozenset(a[-1] for a in alternatives if len(a) > 1),
        )

    def _compile_pattern(self, entry: PatternEntry) -> CompiledPattern:
        p: Pattern = entry.pattern
        before = tuple(map(self._element, p.before))
        after = tuple(map(self._element, p.after))
        # the first words of a compiled element, once per element (elements recur across patterns)
        firsts: dict[int, tuple[Element, frozenset[str]]] = self.__dict__.setdefault("_firsts", {})
        required = []
        for e in before + after:
            if e.kind == WORDS and e.alternatives:
                done = firsts.get(id(e))
                if done is None or done[0] is not e:
                    done = firsts[id(e)] = (e, frozenset(alt[0] for alt in e.alternatives if alt))
                required.append(done[1])
        return CompiledPattern(entry, before, after, p.specificity, tuple(required))


def _word_weights(groups: Iterable[list[CompiledPattern]]) -> Counter[str]:
    """Return, for each word a pattern needs, how many patterns need it: a stand-in for how often
    it occurs in text ("to", "in", "with" are needed by thousands of imported patterns, "talks" by
    a few). The pattern index keys each pattern on its element of least weight, so a sentence
    with "to" does not make every pattern that needs "to" a candidate."""
    weight: Counter[str] = Counter()
    for group in groups:
        for cp in group:
            weight.update({w for words in cp.required for w in words})
    return weight


def _pattern_index(
    patterns: dict[str, list[CompiledPattern]],
) -> dict[str, tuple[list[int], dict[str, list[int]]]]:
    """Return, per group, the numbers of the patterns that need no particular word, and the others
    by the words of the one word element of least weight they need (``_word_weights``)."""
    index: dict[str, tuple[list[int], dict[str, list[int]]]] = {}
    weight = _word_weights(patterns.values())
    for name, group in patterns.items():
        always: list[int] = []
        by_word: dict[str, list[int]] = defaultdict(list)
        for k, cp in enumerate(group):
            if not cp.required:
                always.append(k)
                continue
            for word in min(cp.required, key=lambda ws: sum(weight[w] for w in ws)):
                by_word[word].append(k)
        index[name] = (always, dict(by_word))
    return index
