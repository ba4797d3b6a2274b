"""The coder's pipeline: documents in, event rows out, one stage after another.

Takes a ``Document`` and gives a ``CodedDocument`` (its event rows and sentence count); per
sentence it gives a ``SentenceResult``, the trace ``explain`` shows. For each sentence:
tokens -> actors (``actors``) -> document memory noted (``memory``) -> the sentence view
(``sentence``), the sentence's places (``places``) -> for each verb form: is it a verb and which
rule codes it (``verbs``), is it asserted (``modality``), who is source and target (``roles``) ->
dates and rows (``events``) -> place and fatalities columns (``places``).
Only this module writes a verb's status and the document memory; the stages compute values.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from ..codebook.compiled import CompiledCodebook
from ..codebook.model import Codebook
from ..dates import DateResolver
from ..documents import Document
from ..sentences import split_sentences
from . import petrarch
from .actors import Chunk, CodeSplitter, Group, find_actors
from .events import CodedDocument, Deduplicator, EventRow, choose_date, dating, event_rows
from .memory import DocumentMemory
from .modality import demand_code, modality, shared_modal
from .places import Placer
from .roles import Roles, adjust_roles, assign_roles, by_gerund, subject_of
from .sentence import SentenceResult, SentenceView
from .status import Mode, Note, VerbMatch, VerbStatus, Why, note
from .unnamed import unnamed_source
from .verbs import VerbForm, VerbUse, match_pattern, read_form, verb_use
from .words import IMPACT_VERBS


@dataclass(slots=True)
class _Clauses:
    """What coding one verb of a sentence leaves for the verbs after it."""

    clause_end: int
    #: the last token of a pattern that matched: verbs up to it are part of that pattern
    consumed_until: int = -1
    #: the subject a following verb may share ("X condemned Y and called on Z")
    shared_subject: list[Chunk] | None = None
    by_token: dict[int, VerbMatch] = field(default_factory=dict)
    #: PETRARCH-1 reading: (the comma, the reporting verb) of a trailing attribution
    attribution: tuple[int, int] = (-1, -1)


class Coder:
    """Codes documents with one compiled codebook; reuse one Coder for many documents."""

    def __init__(self, codebook: Codebook, resolver: DateResolver | None = None) -> None:
        self.codebook = codebook
        self.cc: CompiledCodebook = codebook.compiled
        self.dates = resolver or DateResolver()
        self.split = CodeSplitter(codebook.roles)
        self.countries = self.split.countries
        self.settings = codebook.settings
        self.petrarch = petrarch.active(codebook.settings)
        #: per verb group, the patterns that name words before the verb (code_syntax = petrarch)
        self._words_before: dict[str, frozenset[int]] = {}
        self.placer = Placer(codebook, self.split)

    def with_settings(self, **changes: Any) -> Coder:
        """Return a Coder like this one (sharing its compiled codebook) with settings changed."""
        # a new Coder, not copy.copy: compiled by mypyc (setup.py), a Coder cannot be copied
        other = Coder(self.codebook, self.dates)
        other.settings = dataclasses.replace(self.settings, **changes)
        other.placer.settings = other.settings
        return other

    def split_code(self, code: str) -> tuple[str | None, str | None]:
        """Return (ISO country, role) of an actor code: KORGOV -> (KOR, GOV); IGOEUREEC -> (None, IGO)."""
        return self.split(code)

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
        keep = Deduplicator(dedupe)
        memory = DocumentMemory()
        events: list[EventRow] = []
        sentences = split_sentences(doc.text)
        if sentences:
            self.placer.start_document(doc.text, sentences[0].start, memory)
        carry = self.placer.carry
        for sent in sentences:
            res = self.code_sentence(sent.text, sent.index, doc.date, memory, sent.start)
            if res.discarded == "document":
                if trace is not None:
                    for earlier in trace:
                        earlier.events = []  # the whole document is discarded
                    trace.append(res)
                return CodedDocument([], len(sentences))
            if carry or any(v.status is VerbStatus.CODED for v in res.verbs):
                res.dates = self.dates.find_dates(sent.text, doc.date)
            if carry:
                self.placer.carry_lead(sent.index, res.dates, res.places or [], doc.date, memory)
            for vm in res.verbs:
                if vm.status is VerbStatus.CODED:
                    rows = [row for row in self._events(doc, res, vm, memory) if keep.keep(row)]
                    events.extend(rows)
                    res.events.extend(rows)
            if trace is not None:
                trace.append(res)
        return CodedDocument(events, len(sentences))

    def _events(
        self, doc: Document, res: SentenceResult, vm: VerbMatch, memory: DocumentMemory
    ) -> list[EventRow]:
        """Return the rows of a coded verb; mark it background when its date is long past."""
        assert vm.code is not None
        ec = self.cc.event_codes[vm.code]
        vm.date = choose_date(res, vm)
        when = dating(vm.date, doc.date, self.settings)
        if isinstance(when, Note):
            vm.decide(VerbStatus.BACKGROUND, when)
            return []
        if when.source == "document" and memory.lead_date is not None:
            when = memory.lead_date  # an incident report's later sentence (carry_lead)
        rows = list(event_rows(doc, res, vm, when, ec, self.split, self.cc.verb_forms))
        if vm.paired and self.petrarch and self.settings.paired_codes == "both":
            back = petrarch.reversed_match(vm, vm.paired)
            if back is not None:
                paired_ec = self.cc.event_codes[vm.paired]
                rows.extend(
                    event_rows(doc, res, back, when, paired_ec, self.split, self.cc.verb_forms)
                )
        if rows and self.placer.enabled:
            if res.places is None:  # a sentence with no actors of its own ("They shelled ...")
                res.places, _ = self.placer.sentence(res.text, res.tokens, [], memory)
            where = self.placer.columns(res, res.places, vm.token, memory)
            deaths = self.placer.fatalities(res.text, vm.code, ec.quad_class)
            for row in rows:
                row.update(where)
                row["fatalities"] = deaths
        return rows

    def code_sentence(
        self, text: str, index: int, day: dt.date, memory: DocumentMemory, offset: int = 0
    ) -> SentenceResult:
        """Return the events of one sentence (and the trace explain shows)."""
        tokens = self.cc.tokenizer.tokenize(text)
        actors = find_actors(self.cc, self.split, text, tokens, day, memory)
        result = SentenceResult(index, text, offset, tokens, actors.mentions, [], [], [], [])
        if actors.discard:
            result.discarded = actors.discard
            return result
        if self.petrarch:
            actors.chunks = petrarch.compose_agents(tokens, actors.chunks)
        verb_forms = self.cc.verb_forms
        # the codebook's verb forms of the sentence, found in one pass over its tokens
        verbs = [(i, verb_forms[t.norm]) for i, t in enumerate(tokens) if t.norm in verb_forms]
        has_verbs = bool(verbs)
        if (has_verbs and actors.chunks) or (index == 0 and self.placer.carry):
            # before the memory counts this sentence: a place is resolved by the story's countries
            result.places, actors.chunks = self.placer.sentence(text, tokens, actors.chunks, memory)
        memory.note_actors(actors.chunks, actors.countries, self.cc.surname_keys)
        result.chunks = actors.chunks
        if not has_verbs:
            return result  # nothing to code; the actors were still remembered for the document
        view = SentenceView.build(self.cc, tokens, actors.chunks)
        clauses = _Clauses(view.first_clause_end)
        if self.petrarch:
            clauses.attribution = petrarch.attribution(view)
            if clauses.attribution[0] >= 0:
                view.speaker = []  # the attribution is its own clause: no pronoun refers to it
        for i, verb in verbs:
            if i >= clauses.clause_end:
                clauses.clause_end = view.clause_end(i)
            if clauses.attribution[0] > i:
                clauses.clause_end = min(clauses.clause_end, clauses.attribution[0])
            vm = VerbMatch(i, verb)
            result.verbs.append(vm)
            clauses.by_token[i] = vm
            self._code_verb(view, vm, clauses, memory, text)
        return result

    def _code_verb(
        self,
        view: SentenceView,
        vm: VerbMatch,
        clauses: _Clauses,
        memory: DocumentMemory,
        text: str,
    ) -> None:
        """Decide one verb: its status, code, source and targets."""
        if vm.token <= clauses.consumed_until:
            return vm.decide(VerbStatus.SKIPPED, note(Why.CONSUMED))
        if view.question:
            return vm.decide(VerbStatus.QUESTION, note(Why.QUESTION))
        use = _verb_use(view, vm, clauses)
        why = self._petrarch_skip(view, vm, use, clauses) if self.petrarch else use.why
        if why is not None:
            return vm.decide(VerbStatus.SKIPPED, why)
        form = read_form(view, vm, use.anchor)
        vm.passive = form.passive
        found = self._apply_rule(view, vm, clauses)
        if vm.code is None and vm.status is VerbStatus.NO_CODE:
            self._weapon_verb(view, vm, form, text)  # "An airstrike hit a hospital"
        if vm.code is not None and _same_attack(view, vm, clauses):
            return vm.decide(VerbStatus.SKIPPED, note(Why.SAME_ATTACK))
        if self.petrarch:
            found = petrarch.compound_roles(found, vm)
        if vm.code is None:
            if not form.is_ing and not use.mode:
                # keep its subject: "X gave Y ... and accused Z" shares it
                subject = subject_of(view, form.aux_start, participle=False)
                shared = view.groups[subject.group].chunks if isinstance(subject, Chunk) else []
                clauses.shared_subject = shared
            return None
        chain = None if form.aux else shared_modal(view.tokens, form.aux_start)
        aux_start, aux = chain or (form.aux_start, form.aux)
        mood = modality(view.tokens, aux_start, aux, use.mode, view.norms)
        if self.petrarch:
            mood = petrarch.modality(mood, vm)
        if mood.status is not None and mood.why is not None:
            return vm.decide(mood.status, mood.why)
        if mood.mode is not None and not self._code_mode(vm, mood.mode):
            return None
        roles = assign_roles(
            view,
            vm,
            form,
            mood.mode,
            found,
            clauses.shared_subject,
            clauses.clause_end,
            memory,
            self.split,
        )
        if self.petrarch:
            petrarch.sentence_roles(view, vm, roles, clauses.clause_end)
        if roles.claimed and CLAIM in self.cc.event_codes:
            _claim(vm)
        clauses.shared_subject = roles.shared_subject
        unnamed = (
            (roles.failure is not None or not roles.sources)
            and not (vm.passive and _after_violence(vm, clauses))
            and self._unnamed(view, vm, form, roles, text)
        )
        if roles.failure is not None and not unnamed:
            return vm.decide(VerbStatus.NO_SOURCE, roles.failure)
        self._set_roles(view, vm, roles)
        if not vm.sources:
            return vm.decide(VerbStatus.NO_SOURCE, note(Why.NO_SUBJECT))
        if roles.pronoun:
            vm.add_note(note(Why.PRONOUN, roles.pronoun))
        if self.settings.require_dyad and not vm.targets:
            return vm.decide(VerbStatus.NO_TARGET, note(Why.NO_DYAD))
        governor = clauses.by_token.get(use.governor) if use.governor >= 0 else None
        if governor is not None and governor.status is VerbStatus.CODED and not governor.pattern:
            governor.decide(VerbStatus.SKIPPED, note(Why.INFINITIVE_CODED))
        if not roles.pronoun and all(c.code for c in vm.sources):
            memory.note_event(vm.sources, vm.targets)
        return None

    def _set_roles(self, view: SentenceView, vm: VerbMatch, roles: Roles) -> None:
        """Give the verb the sources and targets its roles found, adjusted."""
        vm.sources, vm.targets = roles.sources, roles.targets
        if vm.mode is Mode.DEMAND:
            # "X said Y must disarm": the speaker demands of the clause's subject
            vm.sources, vm.targets = list(view.speaker), vm.sources
        adjust_roles(view, vm, self.split)
        if self.petrarch:
            vm.sources, vm.targets = (
                petrarch.split_codes(vm.sources),
                petrarch.split_codes(vm.targets),
            )

    def _weapon_verb(self, view: SentenceView, vm: VerbMatch, form: VerbForm, text: str) -> None:
        """Code a verb of impact with no code of its own by the weapon that is its subject."""
        if not self.settings.unnamed_sources or view.tokens[vm.token].norm not in IMPACT_VERBS:
            return
        found = unnamed_source(view, "19", form.aux_start, False, text)
        if found is not None and found.code is not None and found.code in self.cc.event_codes:
            vm.decide(VerbStatus.CODED, note(Why.UNNAMED_SOURCE, found.source.text))
            vm.code, vm.rule_id = found.code, "unnamed.weapon"

    def _unnamed(
        self, view: SentenceView, vm: VerbMatch, form: VerbForm, roles: Roles, text: str
    ) -> bool:
        """Give a verb with no source actor an unnamed or inanimate source when the codebook codes
        them ("A car bomb killed five soldiers"); return whether it did."""
        settings = self.settings
        if not settings.unnamed_sources or settings.require_dyad or vm.code is None:
            return False
        if roles.failure is not None and roles.failure.why is not Why.PASSIVE_WITHOUT_AGENT:
            return False
        found = unnamed_source(view, vm.code, form.aux_start, vm.passive, text)
        if found is None or (vm.passive and not roles.targets):
            return False  # an event with neither actor says nothing
        roles.failure = None
        roles.sources = [found.source]
        if found.code is not None and found.code in self.cc.event_codes and vm.mode is None:
            vm.code = found.code
        vm.add_note(note(Why.UNNAMED_SOURCE, found.source.text or "no agent"))
        return True

    def _petrarch_skip(
        self, view: SentenceView, vm: VerbMatch, use: VerbUse, clauses: _Clauses
    ) -> Note | None:
        """Return why PETRARCH-1 would not code the verb form here (``code_syntax = petrarch``):
        inside a coded verb's phrase, "anti- X parade", or a shallow guess nothing overrides."""
        coded = [k for k, v in clauses.by_token.items() if v.status is VerbStatus.CODED and v.code]
        if petrarch.inside_coded_phrase(view, vm, coded):
            return note(Why.CONSUMED)
        if petrarch.anti_phrase(view, vm.token):
            return note(Why.HYPHENATED)
        if use.why is None or vm.token == clauses.attribution[1]:
            return None
        if petrarch.pattern_says_verb(view, vm, use.why, clauses.clause_end, self._words_before):
            return None
        if petrarch.free_infinitive(use.why, clauses.by_token.get(use.governor)):
            return None
        return use.why

    def _apply_rule(self, view: SentenceView, vm: VerbMatch, clauses: _Clauses) -> dict[str, Group]:
        """Set the verb's code and rule from the first pattern that matches, or its default;
        return the groups the pattern's roles took."""
        cp, found, last = match_pattern(view, vm, clauses.clause_end)
        vm.last_token = last
        if cp is not None:
            vm.rule_id, vm.pattern, vm.code = cp.entry.rule_id, cp.entry.pattern.text, cp.entry.code
            vm.paired = cp.entry.paired
            if cp.entry.code is not None or last <= vm.token + 1:
                # a stop pattern leaves the words it names to their own verbs ("issued a
                # statement calling on X": the call is the event)
                clauses.consumed_until = max(clauses.consumed_until, last)
            if cp.entry.code is None:
                vm.decide(VerbStatus.STOPPED, note(Why.STOP_PATTERN, cp.entry.rule_id))
        else:
            vm.code, vm.rule_id = vm.verb.code, vm.verb.rule_id
            vm.paired = vm.verb.paired
            if vm.verb.code is None:
                vm.decide(VerbStatus.NO_CODE, note(Why.NO_DEFAULT))
        return found

    def _code_mode(self, vm: VerbMatch, mode: Mode) -> bool:
        """Map the verb's code to its intent or refusal code; return False when there is none."""
        assert vm.code is not None
        if mode is Mode.DEMAND:
            demanded = demand_code(vm.code, self.codebook.intent_of(vm.code), self.cc.event_codes)
            vm.decide(VerbStatus.CODED, note(Why.MODE_CODE, mode.value, vm.code, demanded))
            vm.mode, vm.code = mode, demanded
            return True
        mapped = self.codebook.intent_of(vm.code, refusal=mode is Mode.REFUSAL)
        if mapped is None:
            vm.decide(mode.status, note(Why.NO_MODE_CODE, mode.value, vm.code))
            return False
        vm.decide(VerbStatus.CODED, note(Why.MODE_CODE, mode.value, vm.code, mapped))
        vm.mode, vm.code = mode, mapped
        return True


def _verb_use(view: SentenceView, vm: VerbMatch, clauses: _Clauses) -> VerbUse:
    """Return how the verb form is used; a gerund after "by" acts for the clause's subject when
    no verb before it was coded ("X responded by shelling Y": X shelled Y; not "violated the
    ceasefire by shelling", where the violation is the event)."""
    use = verb_use(view, vm.token)
    if (
        use.why is not None
        and clauses.shared_subject
        and by_gerund(view.tokens, vm.token)
        and not any(v.status is VerbStatus.CODED for v in clauses.by_token.values() if v is not vm)
    ):
        return VerbUse(None, None, vm.token, -1)
    return use


def _claim(vm: VerbMatch) -> None:
    """Code "X claimed that they had attacked Y" as X's claim of responsibility for the attack."""
    if vm.code and vm.code[:2] in VIOLENCE:
        vm.add_note(note(Why.MODE_CODE, "claim of its own act", vm.code, CLAIM))
        vm.code = CLAIM


def _same_attack(view: SentenceView, vm: VerbMatch, clauses: _Clauses) -> bool:
    """Return whether a verb of violence is the second of "shot and killed": one attack, coded once
    by the first verb."""
    i = vm.token
    if i < 2 or view.tokens[i - 1].norm != "and" or vm.code is None:
        return False
    first = clauses.by_token.get(i - 2)
    return (
        first is not None
        and first.status is VerbStatus.CODED
        and first.code is not None
        and first.code[:2] in VIOLENCE
        and vm.code[:2] in VIOLENCE
    )


#: claiming one's own act of violence: acknowledge or claim responsibility
CLAIM = "015"

#: roots of violence: two such verbs joined by "and" are one attack
VIOLENCE = frozenset(["18", "19", "20"])


#: CAMEO roots of violence: a passive of these with no agent after a coded act of them is its result
_VIOLENCE_ROOTS = ("18", "19", "20")


def _after_violence(vm: VerbMatch, clauses: _Clauses) -> bool:
    """Return whether an earlier verb of the sentence was coded as violence: "Gunmen attacked the
    village, and five people were killed" is one attack, not a second event with no source."""
    return any(
        k < vm.token and v.status is VerbStatus.CODED and (v.code or "")[:2] in _VIOLENCE_ROOTS
        for k, v in clauses.by_token.items()
    )
