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
    vd = VerbDictionary(path)
    block: Block | None = None
    synset: str | None = None
    last_verb: VerbDef | None = None
    for number, line in dictionary_lines(path, log, "verbs"):
        body = line.strip()
        if synset is not None and body.startswith("+"):
            member = body[1:].strip()
            if member.startswith("&"):
                vd.synsets[synset].append("&" + synset_name(member))
            else:
                member = phrase_text(member)
                if not member:
                    log.reject(path, number, "empty synset member")
                    continue
                vd.synsets[synset].append(member)
            log.counts["synset members"] += 1
            continue
        synset = None
        if body.startswith("&"):
            name = synset_name(body.split()[0])
            if not name:
                log.reject(path, number, "a synset needs a name after '&'")
                continue
            if name in vd.synsets:
                log.note(path, number, f"synset &{name} defined again: its members are added")
            vd.synsets.setdefault(name, [])
            synset = name
            log.counts["synsets"] += 1
            continue
        m = _HEADER.match(body)
        if m:
            inner = m.group(1)
            codes = re.findall(r"\[([^\]]*)\]", inner)
            name = re.sub(r"\[[^\]]*\]", "", inner).strip()
            try:
                code = parse_verb_code(codes[0]) if codes else None
            except ValueError as exc:
                log.reject(path, number, str(exc))
                code = None
            if len(codes) > 1:
                log.note(
                    path,
                    number,
                    f"block has {len(codes)} codes; the first, [{codes[0]}], is its code",
                )
            block = Block(name or f"block{number}", number, code)
            vd.blocks.append(block)
            last_verb = None
            log.counts["verb blocks"] += 1
            continue
        if body.startswith("-"):
            if block is None or not block.verbs:
                log.reject(path, number, "a pattern before any verb")
                continue
            text = body[1:]
            found = re.search(r"\[([^\]]*)\]", text)
            if not found:
                log.skip(path, number, "a pattern without a [code] codes nothing: skipped")
                continue
            try:
                code = parse_verb_code(found.group(1))
            except ValueError as exc:
                log.reject(path, number, str(exc))
                continue
            tail = text[found.end() :].strip()
            if tail:
                log.note(path, number, f"text after the code ignored: {tail!r}")
            block.patterns.append(
                (number, _convert_pattern(text[: found.start()], petrarch2), code)
            )
            log.counts["patterns"] += 1
            continue
        if body.startswith("{"):
            if last_verb is None or not body.endswith("}"):
                log.reject(path, number, "irregular forms {...} must follow their verb")
                continue
            last_verb.forms = _forms(body[1:-1], path, number, log)
            log.counts["verb forms lines"] += 1
            continue
        if body.startswith("~"):
            log.reject(
                path,
                number,
                "a PETRARCH-2 transformation: it rewrites parse-tree constituents, which need a parse",
            )
            continue
        # a verb line: VERB {FORMS} [CODE]
        if block is None or block.patterns:
            # TABARI style: a verb after patterns (or before any block) starts its own block
            block = Block(body.split("[")[0].split("{")[0].strip(), number, None)
            vd.blocks.append(block)
        text, code, has_code = body, block.code, False
        found = re.search(r"\[([^\]]*)\]", text)
        if found:
            try:
                code = parse_verb_code(found.group(1))
            except ValueError as exc:
                log.reject(path, number, str(exc))
                continue
            has_code = True
            text = text[: found.start()] + text[found.end() :]
        forms: list[str] | None = None
        if "{" in text:
            if "}" not in text:
                log.reject(path, number, "missing '}' after the irregular forms")
                continue
            forms = _forms(text[text.index("{") + 1 : text.index("}")], path, number, log)
            text = text[: text.index("{")] + text[text.index("}") + 1 :]
        if re.search(r"[(){}]", text):
            log.skip(
                path,
                number,
                f"verb {text.strip()!r} has a stray bracket: PETRARCH-1 reads it as one verb no text contains",
            )
            last_verb = None
            continue
        try:
            before, head, after = parse_verb_phrase(text)
        except ValueError as exc:
            log.reject(path, number, f"verb {text.strip()!r}: {exc}")
            continue
        last_verb = VerbDef(number, before, head, after, code, has_code, forms)
        block.verbs.append(last_verb)
        log.counts["verbs"] += 1
    return vd


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
