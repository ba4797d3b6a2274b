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

import copy
import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from ..codebook.compiled import CompiledCodebook
from ..codebook.model import Codebook
from ..dates import DateResolver
from ..documents import Document
from ..sentences import split_sentences
from .actors import Chunk, CodeSplitter, Group, find_actors
from .events import CodedDocument, Deduplicator, EventRow, choose_date, dating, event_rows
from .memory import DocumentMemory
from .modality import modality
from .places import Placer
from .roles import adjust_roles, assign_roles, subject_of
from .sentence import SentenceResult, SentenceView
from .status import Mode, Note, VerbMatch, VerbStatus, Why, note
from .verbs import match_pattern, read_form, verb_use


@dataclass
class _Clauses:
    """What coding one verb of a sentence leaves for the verbs after it."""

    clause_end: int
    #: the last token of a pattern that matched: verbs up to it are part of that pattern
    consumed_until: int = -1
    #: the subject a following verb may share ("X condemned Y and called on Z")
    shared_subject: list[Chunk] | None = None
    by_token: dict[int, VerbMatch] = field(default_factory=dict)


class Coder:
    """Codes documents with one compiled codebook; reuse one Coder for many documents."""

    def __init__(self, codebook: Codebook, resolver: DateResolver | None = None) -> None:
        self.codebook = codebook
        self.cc: CompiledCodebook = codebook.compiled
        self.dates = resolver or DateResolver()
        self.split = CodeSplitter(codebook.roles)
        self.countries = self.split.countries
        self.settings = codebook.settings
        self.placer = Placer(codebook, self.split)

    def with_settings(self, **changes: Any) -> Coder:
        """Return a Coder like this one (sharing its compiled codebook) with settings changed."""
        other = copy.copy(self)
        other.settings = dataclasses.replace(self.settings, **changes)
        other.placer = copy.copy(self.placer)
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
        rows = list(event_rows(doc, res, vm, when, ec, self.split))
        if rows and self.placer.enabled:
            if res.places is None:  # a sentence with no actors of its own ("They shelled ...")
                res.places, _ = self.placer.sentence(res.text, res.tokens, [], memory)
            where = self.placer.columns(res, res.places, vm.token, memory)
            deaths = self.placer.fatalities(res.text, vm.code, ec.quad_class)
            for row in rows:
                row.update(where)  # type: ignore[typeddict-item]
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
        verb_forms = self.cc.verb_forms
        has_verbs = any(t.norm in verb_forms for t in tokens)
        if (has_verbs and actors.chunks) or (index == 0 and self.placer.carry):
            # before the memory counts this sentence: a place is resolved by the story's countries
            result.places, actors.chunks = self.placer.sentence(text, tokens, actors.chunks, memory)
        memory.note_actors(actors.chunks, actors.countries, self.cc.surname_keys)
        result.chunks = actors.chunks
        if not has_verbs:
            return result  # nothing to code; the actors were still remembered for the document
        view = SentenceView.build(self.cc, tokens, actors.chunks)
        clauses = _Clauses(view.first_clause_end)
        for i, tok in enumerate(tokens):
            verb = verb_forms.get(tok.norm)
            if verb is None:
                continue
            if i >= clauses.clause_end:
                clauses.clause_end = view.clause_end(i)
            vm = VerbMatch(i, verb)
            result.verbs.append(vm)
            clauses.by_token[i] = vm
            self._code_verb(view, vm, clauses, memory)
        return result

    def _code_verb(
        self, view: SentenceView, vm: VerbMatch, clauses: _Clauses, memory: DocumentMemory
    ) -> None:
        """Decide one verb: its status, code, source and targets."""
        if vm.token <= clauses.consumed_until:
            return vm.decide(VerbStatus.SKIPPED, note(Why.CONSUMED))
        if view.question:
            return vm.decide(VerbStatus.QUESTION, note(Why.QUESTION))
        use = verb_use(view, vm.token)
        if use.why is not None:
            return vm.decide(VerbStatus.SKIPPED, use.why)
        form = read_form(view, vm, use.anchor)
        vm.passive = form.passive
        found = self._apply_rule(view, vm, clauses)
        if vm.code is None:
            if not form.is_ing and not use.mode:
                # keep its subject: "X gave Y ... and accused Z" shares it
                subject = subject_of(view, form.aux_start, participle=False)
                shared = view.groups[subject.group].chunks if isinstance(subject, Chunk) else []
                clauses.shared_subject = shared
            return None
        mood = modality(view.tokens, form.aux_start, form.aux, use.mode)
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
        clauses.shared_subject = roles.shared_subject
        if roles.failure is not None:
            return vm.decide(VerbStatus.NO_SOURCE, roles.failure)
        vm.sources, vm.targets = roles.sources, roles.targets
        adjust_roles(view, vm, self.split)
        if not vm.sources:
            return vm.decide(VerbStatus.NO_SOURCE, note(Why.NO_SUBJECT))
        if roles.pronoun:
            vm.add_note(note(Why.PRONOUN, roles.pronoun))
        if self.settings.require_dyad and not vm.targets:
            return vm.decide(VerbStatus.NO_TARGET, note(Why.NO_DYAD))
        governor = clauses.by_token.get(use.governor) if use.governor >= 0 else None
        if governor is not None and governor.status is VerbStatus.CODED and not governor.pattern:
            governor.decide(VerbStatus.SKIPPED, note(Why.INFINITIVE_CODED))
        if not roles.pronoun:
            memory.note_event(vm.sources, vm.targets)
        return None

    def _apply_rule(self, view: SentenceView, vm: VerbMatch, clauses: _Clauses) -> dict[str, Group]:
        """Set the verb's code and rule from the first pattern that matches, or its default;
        return the groups the pattern's roles took."""
        cp, found, last = match_pattern(view, vm, clauses.clause_end)
        vm.last_token = last
        if cp is not None:
            vm.rule_id, vm.pattern, vm.code = cp.entry.rule_id, cp.entry.pattern.text, cp.entry.code
            clauses.consumed_until = max(clauses.consumed_until, last)
            if cp.entry.code is None:
                vm.decide(VerbStatus.STOPPED, note(Why.STOP_PATTERN, cp.entry.rule_id))
        else:
            vm.code, vm.rule_id = vm.verb.code, vm.verb.rule_id
            if vm.verb.code is None:
                vm.decide(VerbStatus.NO_CODE, note(Why.NO_DEFAULT))
        return found

    def _code_mode(self, vm: VerbMatch, mode: Mode) -> bool:
        """Map the verb's code to its intent or refusal code; return False when there is none."""
        assert vm.code is not None
        mapped = self.codebook.intent_of(vm.code, refusal=mode is Mode.REFUSAL)
        if mapped is None:
            vm.decide(mode.status, note(Why.NO_MODE_CODE, mode.value, vm.code))
            return False
        vm.decide(VerbStatus.CODED, note(Why.MODE_CODE, mode.value, vm.code, mapped))
        vm.mode, vm.code = mode, mapped
        return True
