"""The verbs, patterns and synsets tables written from a verb dictionary (PETRARCH-1's readings)."""

from __future__ import annotations

import re
from collections import Counter
from typing import Protocol

from .lines import ImportLog
from .verbs import Block, VerbDef, VerbDictionary, check_pattern, regular_verb_forms

_STAR = re.compile(r"(?:^|(?<=[\s_{|]))\*(?=$|[\s_}|])")


class TableSink(Protocol):
    """Where rows go: a table by file name and header."""

    def table(self, name: str, header: list[str]) -> list[list[str]]: ...


def _forms(verb: VerbDef) -> list[str]:
    """Return a verb's forms: those written in {...} (and the verb), else PETRARCH-1's regular ones."""
    return [verb.head, *verb.forms] if verb.forms is not None else regular_verb_forms(verb.head)


def _codes_of(code: str | None) -> list[str]:
    return [c for c in (code or "").split(":") if c]


class VerbTables:
    """Writes one verb dictionary's synsets, verbs and patterns; ``codes`` collects the event codes used."""

    def __init__(
        self, vd: VerbDictionary, log: ImportLog, sink: TableSink, codes: set[str]
    ) -> None:
        self.vd, self.log, self.codes = vd, log, codes
        self.path, self.stem = vd.path, vd.path.stem
        self.synset_rows = sink.table("synsets.csv", ["name", "member"])
        self.verb_rows = sink.table(
            "verbs.csv", ["verb", "forms", "group", "code", "rule_id", "note"]
        )
        self.pattern_rows = sink.table(
            "patterns.csv", ["rule_id", "verb", "pattern", "code", "note"]
        )
        self.group_of: dict[int, str] = {}
        #: form -> (block index, verb index) of the verb that has it: the later definition
        self.owner: dict[str, tuple[int, int]] = {}
        #: head verb -> its single-word definition
        self.single: dict[str, tuple[int, int]] = {}
        self.seen_patterns: dict[tuple[str, str], int] = {}

    def write(self) -> None:
        """Write every table of the dictionary."""
        self._synsets()
        self._groups()
        self._owners()
        for bi, block in enumerate(self.vd.blocks):
            self._block(bi, block)
        self._multiword()

    def _members(self, name: str, seen: tuple[str, ...] = ()) -> list[str]:
        """Return a synset's members, those naming another synset replaced by its members (TABARI)."""
        out: list[str] = []
        for m in self.vd.synsets.get(name, []):
            if not m.startswith("&"):
                out.append(m)
            elif m[1:] not in seen and m[1:] in self.vd.synsets:
                out.extend(self._members(m[1:], (*seen, name)))
        return list(dict.fromkeys(out))

    def _synsets(self) -> None:
        for name in self.vd.synsets:
            self.synset_rows.extend([name, m] for m in self._members(name))

    def _groups(self) -> None:
        """Name one group per block, uniquely."""
        used: Counter[str] = Counter()
        for block in self.vd.blocks:
            base = "_".join(block.name.lower().split()) or "block"
            used[base] += 1
            self.group_of[id(block)] = base if used[base] == 1 else f"{base}.{used[base]}"

    def _owners(self) -> None:
        """Give each verb form to its last definition, as PETRARCH-1's dictionary keeps the last."""
        for bi, block in enumerate(self.vd.blocks):
            for vi, verb in enumerate(block.verbs):
                if verb.multiword:
                    continue
                for f in _forms(verb):
                    if f in self.owner and self.owner[f] != (bi, vi):
                        ob, ov = self.owner[f]
                        prev = self.vd.blocks[ob].verbs[ov]
                        self.log.note(
                            self.path,
                            verb.line,
                            f"form {f!r} was a form of {prev.head!r} (line {prev.line}); "
                            "the later definition takes it",
                        )
                    self.owner[f] = (bi, vi)
                self.single[verb.head] = (bi, vi)

    def _block(self, bi: int, block: Block) -> None:
        """Write a block's single-word verbs and, when one is left, its patterns."""
        group = self.group_of[id(block)]
        has_verb = False
        for vi, verb in enumerate(block.verbs):
            if verb.multiword:
                continue
            kept = [f for f in _forms(verb) if self.owner.get(f) == (bi, vi)]
            if verb.head not in kept:
                continue  # redefined later (noted)
            has_verb = True
            self.codes.update(_codes_of(verb.code))
            others = ";".join(f for f in kept if f != verb.head) or "-"
            rule_id = f"{self.stem}:{verb.line}"
            self.verb_rows.append([verb.head, others, group, verb.code or "", rule_id, block.name])
        if not has_verb:
            if block.patterns and not any(v.multiword for v in block.verbs):
                self.log.note(
                    self.path,
                    block.line,
                    f"block {block.name} has no verb left (each was redefined later): "
                    "its patterns are not used, as in PETRARCH-1",
                )
            return
        for number, text, code in block.patterns:
            self._pattern(f"{self.stem}:{number}", group, text, code, number, block.name)

    def _multiword(self) -> None:
        """Write multi-word verbs as patterns of their head verb's group, ``*`` standing for their words."""
        extra_heads: dict[str, list[str]] = {}  # heads that are no verb of their own
        for block in self.vd.blocks:
            for verb in (v for v in block.verbs if v.multiword):
                known = self.single.get(verb.head) or self.owner.get(verb.head)
                if known is not None:
                    # the head is a verb, or a form of one ("KILLED_AND" of KILL)
                    group = self.group_of[id(self.vd.blocks[known[0]])]
                else:
                    group = f"{verb.head}.words"
                    forms = extra_heads.setdefault(verb.head, [])
                    forms.extend(f for f in _forms(verb) if f not in self.owner)
                star, note = verb.star(), f"{block.name}: {verb.star()}"
                self._pattern(f"{self.stem}:{verb.line}", group, star, verb.code, verb.line, note)
                for number, text, code in block.patterns:
                    rule_id = f"{self.stem}:{number}.{verb.line}"
                    self._pattern(rule_id, group, text.replace("*", star, 1), code, number, note)
        for head, forms in extra_heads.items():
            others = ";".join(f for f in dict.fromkeys(forms) if f != head) or "-"
            rule_id = f"{self.stem}:{head}"
            self.verb_rows.append(
                [head, others, f"{head}.words", "", rule_id, "head of multi-word verbs"]
            )

    def _pattern(
        self, rule_id: str, group: str, text: str, code: str | None, line: int, note: str
    ) -> None:
        """Write one pattern, or log why it is not written."""
        kept = self._keepable(text, line)
        if kept is None:
            return
        text = kept
        key = (group, text)
        if key in self.seen_patterns:
            first = self.seen_patterns[key]
            self.log.note(
                self.path,
                line,
                f"pattern {text!r} repeats line {first} in the same block; the first is used",
            )
            return
        self.seen_patterns[key] = line
        missing = [n for n in re.findall(r"&([A-Z0-9]+)", text) if n not in self.vd.synsets]
        if missing:
            why = f"synset &{missing[0]} is not defined: PETRARCH-1 skips the pattern"
            self.log.skip(self.path, line, why)
            return
        self.codes.update(_codes_of(code))
        self.pattern_rows.append([rule_id, group, text, code or "---", note])

    def _keepable(self, text: str, line: int) -> str | None:
        """Return the pattern as the codebook keeps it, or None after logging why it cannot be."""
        stars = _STAR.findall(text)
        if not stars:
            # PETRARCH-1 splits a pattern at its first '*': with none, all its words come before the verb
            self.log.note(
                self.path, line, f"pattern {text!r} has no '*': its words must come before the verb"
            )
            text = f"{text} *"
        elif len(stars) > 1:
            why = "has two '*': PETRARCH-1 reads the second as a word, so it never matches"
            self.log.skip(self.path, line, f"pattern {text!r} {why}")
            return None
        if text.count("{") != text.count("}"):
            why = "has an unmatched brace: PETRARCH-1 reads it as a word, so it never matches"
            self.log.skip(self.path, line, f"pattern {text!r} {why}")
            return None
        problem = check_pattern(text)
        if problem is not None:
            self.log.reject(self.path, line, f"pattern cannot be kept: {problem}")
            return None
        return text
