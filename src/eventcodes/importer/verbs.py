"""PETRARCH-1/TABARI (and PETRARCH-2) verb dictionaries: synsets, verb blocks, forms and patterns."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..codebook.patterns import PatternSyntaxError, parse_pattern
from .actors import phrase_text
from .lines import ImportLog, dictionary_lines

_HEADER = re.compile(r"^---(?!-)\s*(.*?)\s*(?:---\s*)?$")
#: PETRARCH-1 takes any text as a code (WEIS codes, ``+++``, ``025?``); ``:`` pairs two codes,
#: the first of which may be empty (PETRARCH-2's ``[:190]``: only the target -> source event)
_CODE = re.compile(r"^(?:[^\s\[\]:/,]+(?::[^\s\[\]:/,]+)?|:[^\s\[\]:/,]+)$")
_SYNSET_REF = re.compile(r"&([A-Za-z0-9]+)")


def synset_name(raw: str) -> str:
    """Return a synset's name in the codebook: capitals, no final ``_`` and no inner ``_`` (which joins words in patterns)."""
    return raw.strip().lstrip("&").rstrip("_").replace("_", "").upper()


def parse_verb_code(text: str) -> str | None:
    """Return the code written in ``[...]`` (``x:y`` kept whole), None for ``---``; ValueError if unreadable."""
    code = text.strip().replace(" ", "")
    if code == "---":
        return None
    if not _CODE.match(code):
        raise ValueError(f"code [{text}] is not digits/letters, x:y, or ---")
    return code


@dataclass
class VerbDef:
    """A verb of a block: its words (the head marked), its own code and irregular forms."""

    line: int
    before: list[str]  # words before the head, joined to it with "_" (adjacent) or " "
    head: str
    after: list[str]
    code: str | None
    has_code: bool
    forms: list[str] | None = None  # head forms given in {...}; None: PETRARCH-1's regular forms

    @property
    def multiword(self) -> bool:
        return bool(self.before or self.after)

    def star(self) -> str:
        """Return the pattern text of the verb's words with ``*`` for the head."""
        return "".join(self.before) + "*" + "".join(self.after)


@dataclass
class Block:
    """A verb block (``--- NAME [code] ---``): verbs that share patterns."""

    name: str
    line: int
    code: str | None
    verbs: list[VerbDef] = field(default_factory=list)
    patterns: list[tuple[int, str, str | None]] = field(default_factory=list)


@dataclass
class VerbDictionary:
    """What a verb dictionary holds, in file order."""

    path: Path
    synsets: dict[str, list[str]] = field(default_factory=dict)
    blocks: list[Block] = field(default_factory=list)


def regular_verb_forms(verb: str) -> list[str]:
    """Return PETRARCH-1's regular forms: the verb, -S, -ED (-D after E), -ING (dropping E)."""
    if verb.endswith("e"):
        return [verb, verb + "s", verb + "d", verb[:-1] + "ing"]
    return [verb, verb + "s", verb + "ed", verb + "ing"]


def _split_words(text: str) -> list[tuple[str, str]]:
    """Return (connector, word) pairs of a verb phrase: the connector before each word is "_" or " "."""
    out: list[tuple[str, str]] = []
    connector = " "
    word = ""
    for ch in text.strip():
        if ch in " _":
            if word:
                out.append((connector, word))
                word = ""
                connector = ch
            elif ch == "_":
                connector = "_"
        else:
            word += ch
    if word:
        out.append((connector, word))
    return out


def parse_verb_phrase(text: str) -> tuple[list[str], str, list[str]]:
    """Return (words before, head, words after) of ``RE_+ADMIT`` / ``+BREAK_DOWN`` / ``LASH OUT``.

    The head is the word marked with ``+``, else the first word; the other words keep their
    connector to the head side (``re_`` / ``_down``).
    """
    words = _split_words(text)
    if not words:
        raise ValueError("no verb")
    marked = [i for i, (_, w) in enumerate(words) if w.startswith("+")]
    if len(marked) > 1:
        raise ValueError("more than one '+' head in a verb phrase")
    h = marked[0] if marked else 0
    before = [w.lower() + words[i + 1][0] for i, (_, w) in enumerate(words[:h])]
    after = [c + w.lower() for c, w in words[h + 1 :]]
    head = words[h][1].lstrip("+").lower()
    if not re.match(r"^[a-z][a-z'-]*$", head):
        raise ValueError(f"verb {head!r} is not a word")
    if any(w.startswith("+") for w in before + after):
        raise ValueError("misplaced '+'")
    return before, head, after


def _convert_pattern(text: str, petrarch2: bool) -> str:
    """Return a dictionary pattern in the codebook's pattern syntax (not yet validated)."""
    t = text.strip()
    if petrarch2:
        # PETRARCH-2: {A B} is a noun phrase (adjacent words), (P ...) a prepositional phrase:
        # without a parse, its words in order with others allowed between them
        t = re.sub(r"\{([^{}|]*)\}", lambda m: "_".join(m.group(1).split()), t)
        t = t.replace("(", " ").replace(")", " ")
    t = re.sub(r"\*(?=[A-Za-z&])", "* ", t)  # "*SCEPTICAL": the verb, then a word
    t = re.sub(r"(?<=[A-Za-z])\*", " *", t)
    t = re.sub(r"_(\s|$)", r"\1", t + " ").strip()  # "WORD_ " is an open match (PETRARCH-1)
    t = re.sub(r"_?\^_?", " ^ ", t)  # a skip joined with "_" is still a skip
    t = re.sub(r"(?<=[+$%])(?=[^\s_])", "_", t)  # "+-sponsored": the actor joined to the word
    t = re.sub(r"(?<=\S)\s*\|\s*(?=\S)", "|", t) if "{" in t else t
    t = _SYNSET_REF.sub(lambda m: "&" + synset_name(m.group(1)), t)
    t = re.sub(
        r"&[A-Z0-9]+|[^&]+", lambda m: m.group(0) if m.group(0)[0] == "&" else m.group(0).lower(), t
    )
    return " ".join(t.split())


def read_verbs(path: Path, log: ImportLog, petrarch2: bool = False) -> VerbDictionary:
    """Return the synsets and verb blocks of a verb dictionary; every other line is logged."""
    reader = _VerbReader(path, log, petrarch2)
    for number, line in dictionary_lines(path, log, "verbs"):
        reader.line(number, line.strip())
    return reader.vd


class _VerbReader:
    """Reads a verb dictionary line by line: synsets, block headers, verbs, forms and patterns."""

    def __init__(self, path: Path, log: ImportLog, petrarch2: bool) -> None:
        self.path, self.log, self.petrarch2 = path, log, petrarch2
        self.vd = VerbDictionary(path)
        self.block: Block | None = None
        self.synset: str | None = None
        self.last_verb: VerbDef | None = None

    def line(self, number: int, body: str) -> None:
        if self.synset is not None and body.startswith("+"):
            self._member(number, body[1:].strip())
            return
        self.synset = None
        header = _HEADER.match(body)
        if body.startswith("&"):
            self._synset(number, body)
        elif header:
            self._header(number, header.group(1))
        elif body.startswith("-"):
            self._pattern(number, body[1:])
        elif body.startswith("{"):
            if self.last_verb is None or not body.endswith("}"):
                self.log.reject(self.path, number, "irregular forms {...} must follow their verb")
                return
            self.last_verb.forms = _forms(body[1:-1], self.path, number, self.log)
            self.log.counts["verb forms lines"] += 1
        elif body.startswith("~"):
            why = "a PETRARCH-2 transformation: it rewrites parse-tree constituents, which need a parse"
            self.log.reject(self.path, number, why)
        else:
            self._verb(number, body)

    def _member(self, number: int, member: str) -> None:
        assert self.synset is not None
        if member.startswith("&"):
            self.vd.synsets[self.synset].append("&" + synset_name(member))
        elif phrase_text(member):
            self.vd.synsets[self.synset].append(phrase_text(member))
        else:
            self.log.reject(self.path, number, "empty synset member")
            return
        self.log.counts["synset members"] += 1

    def _synset(self, number: int, body: str) -> None:
        name = synset_name(body.split()[0])
        if not name:
            self.log.reject(self.path, number, "a synset needs a name after '&'")
            return
        if name in self.vd.synsets:
            self.log.note(self.path, number, f"synset &{name} defined again: its members are added")
        self.vd.synsets.setdefault(name, [])
        self.synset = name
        self.log.counts["synsets"] += 1

    def _header(self, number: int, inner: str) -> None:
        codes = re.findall(r"\[([^\]]*)\]", inner)
        name = re.sub(r"\[[^\]]*\]", "", inner).strip()
        try:
            code = parse_verb_code(codes[0]) if codes else None
        except ValueError as exc:
            self.log.reject(self.path, number, str(exc))
            code = None
        if len(codes) > 1:
            why = f"block has {len(codes)} codes; the first, [{codes[0]}], is its code"
            self.log.note(self.path, number, why)
        self.block = Block(name or f"block{number}", number, code)
        self.vd.blocks.append(self.block)
        self.last_verb = None
        self.log.counts["verb blocks"] += 1

    def _pattern(self, number: int, text: str) -> None:
        if self.block is None or not self.block.verbs:
            self.log.reject(self.path, number, "a pattern before any verb")
            return
        found = re.search(r"\[([^\]]*)\]", text)
        if not found:
            self.log.skip(self.path, number, "a pattern without a [code] codes nothing: skipped")
            return
        try:
            code = parse_verb_code(found.group(1))
        except ValueError as exc:
            self.log.reject(self.path, number, str(exc))
            return
        tail = text[found.end() :].strip()
        if tail:
            self.log.note(self.path, number, f"text after the code ignored: {tail!r}")
        pattern = _convert_pattern(text[: found.start()], self.petrarch2)
        self.block.patterns.append((number, pattern, code))
        self.log.counts["patterns"] += 1

    def _verb(self, number: int, body: str) -> None:
        """Read a verb line: VERB {FORMS} [CODE]."""
        if self.block is None or self.block.patterns:
            # TABARI style: a verb after patterns (or before any block) starts its own block
            self.block = Block(body.split("[")[0].split("{")[0].strip(), number, None)
            self.vd.blocks.append(self.block)
        text, code, has_code = body, self.block.code, False
        found = re.search(r"\[([^\]]*)\]", text)
        if found:
            try:
                code = parse_verb_code(found.group(1))
            except ValueError as exc:
                self.log.reject(self.path, number, str(exc))
                return
            has_code = True
            text = text[: found.start()] + text[found.end() :]
        forms: list[str] | None = None
        if "{" in text:
            if "}" not in text:
                self.log.reject(self.path, number, "missing '}' after the irregular forms")
                return
            forms = _forms(text[text.index("{") + 1 : text.index("}")], self.path, number, self.log)
            text = text[: text.index("{")] + text[text.index("}") + 1 :]
        if re.search(r"[(){}]", text):
            why = "has a stray bracket: PETRARCH-1 reads it as one verb no text contains"
            self.log.skip(self.path, number, f"verb {text.strip()!r} {why}")
            self.last_verb = None
            return
        try:
            before, head, after = parse_verb_phrase(text)
        except ValueError as exc:
            self.log.reject(self.path, number, f"verb {text.strip()!r}: {exc}")
            return
        self.last_verb = VerbDef(number, before, head, after, code, has_code, forms)
        self.block.verbs.append(self.last_verb)
        self.log.counts["verbs"] += 1


def _forms(inner: str, path: Path, number: int, log: ImportLog) -> list[str]:
    """Return the head forms written in ``{...}`` (``RE_+ADMITS`` gives ``admits``)."""
    out = []
    for item in inner.replace(",", " ").split():
        try:
            out.append(parse_verb_phrase(item)[1])
        except ValueError as exc:
            log.reject(path, number, f"form {item!r}: {exc}")
    return out


def check_pattern(text: str) -> str | None:
    """Return why a converted pattern cannot be kept, or None when the codebook can parse it."""
    try:
        parse_pattern(text)
    except PatternSyntaxError as exc:
        return str(exc)
    return None
