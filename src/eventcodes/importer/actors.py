"""PETRARCH-1/TABARI actor, agent, discard and issue dictionaries, read into plain rows."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from .lines import ImportLog, dictionary_lines

_BRACKET = re.compile(r"\[([^\]]*)\]")
_CODE = re.compile(r"^[^\s\[\]:/,<>]+(?:/[^\s\[\]:/,<>]+)*$")
_RANGE = re.compile(r"^(\d{6,})\s*-\s*(\d{6,})$")
_BOUND = re.compile(r"^([<>])\s*(\d{6,})$")
_BARE_DATE = re.compile(r"^\d{6,}$")


def phrase_text(raw: str) -> str:
    """Return a dictionary phrase as the codebook writes it: words joined by single spaces, lower case.

    ``_`` joins words in the dictionaries; a final ``_`` (TABARI: no stemming) means nothing
    to PETRARCH-1, which never stems.
    """
    return " ".join(raw.replace("_", " ").split()).lower()


def parse_date(text: str) -> dt.date:
    """Return the date of a YYYYMMDD or YYMMDD string (YY 00-30 is 20YY, else 19YY), or raise ValueError.

    As PETRARCH-1 reads them: more than 7 digits is YYYYMMDD from the first 8, else YYMMDD from
    the first 6 (so the typing slip 201005011 is 2010-05-01).
    """
    if not text.isdigit() or len(text) < 6:
        raise ValueError(f"{text!r} is not YYMMDD or YYYYMMDD")
    if len(text) > 7:
        return dt.date(int(text[:4]), int(text[4:6]), int(text[6:8]))
    yy = int(text[:2])
    return dt.date(2000 + yy if yy <= 30 else 1900 + yy, int(text[2:4]), int(text[4:6]))


class BareDate(ValueError):
    """A date with no ``<``, ``>`` or range: PETRARCH-1 takes the code as undated."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@dataclass(frozen=True)
class CodeSpec:
    """One ``[CODE restriction]`` of an actor: ``start``/``end`` None when open; ``dated`` False for the default."""

    code: str
    start: dt.date | None = None
    end: dt.date | None = None
    dated: bool = False


def parse_code(inner: str) -> CodeSpec:
    """Return the code and date restriction written inside ``[...]``, or raise ValueError saying why."""
    text = inner.strip()
    if not text:
        raise ValueError("empty code []")
    code, _, rest = text.partition(" ")
    if "<" in code or ">" in code:  # [HOB<950601]
        i = min(p for p in (code.find("<"), code.find(">")) if p >= 0)
        code, rest = code[:i], code[i:] + " " + rest
    rest = rest.strip()
    if not _CODE.match(code):
        raise ValueError(f"code {code!r} is not letters, digits or ---")
    if not rest:
        return CodeSpec(code)
    m = _BOUND.match(rest)
    if m:
        day = parse_date(m.group(2))
        if m.group(1) == "<":
            return CodeSpec(code, None, day, True)
        return CodeSpec(code, day, None, True)
    m = _RANGE.match(rest)
    if m:
        start, end = parse_date(m.group(1)), parse_date(m.group(2))
        if end < start:
            raise ValueError(f"date range {m.group(1)}-{m.group(2)} ends before it starts")
        return CodeSpec(code, start, end, True)
    if _BARE_DATE.match(rest):
        raise BareDate(code)
    raise ValueError(f"date restriction {rest!r} is not <DATE, >DATE or DATE-DATE")


@dataclass
class ActorRecord:
    """A primary phrase with its synonyms and codes, as one actor of the dictionary."""

    path: Path
    line: int
    phrases: list[tuple[int, str]] = field(default_factory=list)
    codes: list[tuple[int, CodeSpec]] = field(default_factory=list)


@dataclass(frozen=True)
class ActorRow:
    """One row of the imported actors table."""

    phrase: str
    code: str
    start: dt.date | None
    end: dt.date | None
    fallback: bool
    where: str


def _codes_on(
    text: str, path: Path, number: int, log: ImportLog, record: ActorRecord | None
) -> bool:
    """Add every ``[...]`` code of a line to the record; False when one cannot be read."""
    ok = True
    for m in _BRACKET.finditer(text):
        try:
            spec = parse_code(m.group(1))
        except BareDate as exc:
            log.note(
                path,
                number,
                f"[{m.group(1)}]: a date with no <, > or range; PETRARCH-1 takes {exc.code} as undated",
            )
            spec = CodeSpec(exc.code)
        except ValueError as exc:
            log.skip(path, number, f"actor code [{m.group(1)}]: {exc}; PETRARCH-1 skips it too")
            ok = False
            continue
        digits = re.findall(r"\d+", m.group(1).strip()[len(spec.code) :]) if spec.dated else []
        if any(len(d) not in (6, 8) for d in digits):
            log.note(
                path,
                number,
                f"[{m.group(1)}]: dates read as PETRARCH-1 reads them: {spec.start} to {spec.end}",
            )
        if record is not None:
            record.codes.append((number, spec))
    return ok


def read_actors(path: Path, log: ImportLog) -> list[ActorRecord]:
    """Return the actor records of a PETRARCH-1/TABARI actor dictionary."""
    records: list[ActorRecord] = []
    current: ActorRecord | None = None
    for number, line in dictionary_lines(path, log, "actors"):
        if "---STOP---" in line:
            log.counts["stop"] += 1
            break
        # TABARI comments after ';' (PETRARCH-1 drops them on phrase lines)
        text = line.split(";", 1)[0].rstrip()
        body = text.strip()
        if not body:
            log.counts["comment"] += 1
            continue
        if body.startswith("["):
            if current is None:
                log.reject(path, number, "a code line before any actor phrase")
                continue
            leftover = _BRACKET.sub("", body).strip()
            if leftover:
                log.reject(path, number, f"unexpected {leftover!r} on a code line")
                continue
            if _codes_on(body, path, number, log, current):
                log.counts["actor code lines"] += 1
            continue
        if body.startswith("+"):
            if current is None:
                log.reject(path, number, "a synonym (+) before any actor phrase")
                continue
            phrase_part = body[1:].split("[", 1)[0]
            phrase = phrase_text(phrase_part)
            if not phrase:
                log.reject(path, number, "empty synonym")
                continue
            current.phrases.append((number, phrase))
            if "[" in body and _codes_on(body, path, number, log, current):
                log.note(path, number, "code on a synonym line applies to the whole actor")
            log.counts["actor synonyms"] += 1
            continue
        phrase = phrase_text(body.split("[", 1)[0])
        if not phrase:
            log.reject(path, number, "a code with no phrase")
            continue
        current = ActorRecord(path, number, [(number, phrase)])
        records.append(current)
        _codes_on(body, path, number, log, current)
        log.counts["actors"] += 1
    return records


def actor_rows(records: list[ActorRecord], log: ImportLog) -> list[ActorRow]:
    """Return the table rows of actor records: each phrase with each dated code in order, then the default.

    PETRARCH-1 uses the first date restriction that includes the sentence date and the default
    code (the last undated one) only when none does; a phrase defined twice keeps the first
    definition, as PETRARCH-1's lookup finds it first.
    """
    rows: list[ActorRow] = []
    seen: dict[str, str] = {}
    for rec in records:
        dated = [(n, s) for n, s in rec.codes if s.dated]
        undated = [(n, s) for n, s in rec.codes if not s.dated]
        if len(undated) > 1:
            log.note(
                rec.path,
                undated[-1][0],
                f"{len(undated)} undated codes for one actor; the last, {undated[-1][1].code}, is its default",
            )
        if not rec.codes:
            log.note(rec.path, rec.line, "actor without a code: its phrases match and code nothing")
        for number, phrase in rec.phrases:
            where = f"{rec.path.name}:{number}"
            if phrase in seen:
                log.note(
                    rec.path,
                    number,
                    f"phrase {phrase!r} already defined at {seen[phrase]}; PETRARCH-1 uses the first",
                )
                continue
            seen[phrase] = where
            for _, spec in dated:
                rows.append(ActorRow(phrase, spec.code, spec.start, spec.end, False, where))
            if undated:
                rows.append(ActorRow(phrase, undated[-1][1].code, None, None, bool(dated), where))
            elif not dated:
                rows.append(ActorRow(phrase, "---", None, None, False, where))
    return rows


# -- agents ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class AgentRow:
    """One row of the imported agents table: ``placement`` is where the role goes (after/before)."""

    phrase: str
    plurals: tuple[str, ...]
    role: str
    placement: str
    where: str


_MARKER_DEF = re.compile(r"^\s*!([A-Za-z0-9_]+)!\s*=\s*(.+)$")
_MARKER_USE = re.compile(r"!([A-Za-z0-9_]+)!")


def petrarch_plural(noun: str) -> str:
    """Return PETRARCH-1's regular plural of a phrase: -Y to -IES, -S to -SES, else -S."""
    if noun.endswith("y"):
        return noun[:-1] + "ies"
    if noun.endswith("s"):
        return noun + "es"
    return noun + "s"


def _new_agent(
    phrase: str,
    plurals: tuple[str, ...],
    role: str,
    placement: str,
    path: Path,
    number: int,
    seen: dict[str, str],
    log: ImportLog,
) -> AgentRow | None:
    """Return the row of an agent phrase, or None when it is empty or already an agent (the first
    definition is kept); ``seen`` maps every phrase and plural taken to where."""
    if not phrase:
        log.reject(path, number, "empty agent phrase")
        return None
    if phrase in seen:
        log.note(
            path, number, f"agent {phrase!r} already defined at {seen[phrase]}; the first is kept"
        )
        return None
    taken = [p for p in plurals if p in seen]
    if taken:
        why = f"plural {taken[0]!r} already an agent phrase at {seen[taken[0]]}; kept there"
        log.note(path, number, why)
        plurals = tuple(p for p in plurals if p not in seen)
    where = f"{path.name}:{number}"
    for f in (phrase, *plurals):
        seen[f] = where
    return AgentRow(phrase, plurals, role, placement, where)


def read_agents(path: Path, log: ImportLog) -> list[AgentRow]:
    """Return the rows of a PETRARCH-1 agent dictionary, substitution markers expanded."""
    markers: dict[str, list[str]] = {}
    rows: list[AgentRow] = []
    seen: dict[str, str] = {}
    for number, line in dictionary_lines(path, log, "agents"):
        body = line.strip()
        m = _MARKER_DEF.match(body)
        if m:
            markers[m.group(1).upper()] = [w.strip() for w in m.group(2).split(",") if w.strip()]
            log.counts["agent substitution sets"] += 1
            continue
        if body.startswith("<"):
            log.reject(path, number, "agent combination rules (<Combine ...>) are not supported")
            continue
        if "[" not in body:
            log.skip(path, number, "agent without a [code]: PETRARCH-1 skips the line")
            continue
        head, _, rest = body.partition("[")
        code_text, close, tail = rest.partition("]")
        if not close and rest.rstrip().endswith("}"):
            log.note(path, number, "agent code closed with '}': read as ']'")
            code_text, close, tail = rest.rstrip()[:-1], "]", ""
        if not close or tail.strip():
            log.reject(path, number, "an agent line is PHRASE {PLURALS} [~CODE]")
            continue
        code = code_text.strip().replace(" ", "")
        if code.startswith("~") and code[1:].isalnum():
            role, placement = code[1:], "after"
        elif code.endswith("~") and code[:-1].isalnum():
            role, placement = code[:-1], "before"
        else:
            log.reject(path, number, f"agent code [{code_text}] needs a '~' before or after it")
            continue
        plurals_given: list[str] | None = None
        if "{" in head:
            if "}" not in head:
                log.reject(path, number, "missing '}' after the plural forms")
                continue
            inner = head[head.index("{") + 1 : head.index("}")]
            plurals_given = [phrase_text(word) for word in inner.split()]
            head = head[: head.index("{")] + head[head.index("}") + 1 :]
        use = _MARKER_USE.search(head)
        if use:
            subs = markers.get(use.group(1).upper())
            if subs is None:
                log.reject(
                    path, number, f"substitution marker !{use.group(1)}! is not defined above"
                )
                continue
            phrases: list[tuple[str, tuple[str, ...]]] = [
                (phrase_text(head[: use.start()] + s + head[use.end() :]), ()) for s in subs
            ]
        else:
            phrase = phrase_text(head)
            if plurals_given is None:
                plurals: tuple[str, ...] = (petrarch_plural(phrase),)
            else:
                plurals = tuple(plurals_given)
            phrases = [(phrase, plurals)]
        log.counts["agents"] += 1
        for phrase, plurals in phrases:
            row = _new_agent(phrase, plurals, role, placement, path, number, seen, log)
            if row is not None:
                rows.append(row)
    return rows


# -- discards and issues ---------------------------------------------------------------------


@dataclass(frozen=True)
class DiscardRow:
    """A discard phrase; ``stem`` when the last word may continue (no final ``_``)."""

    phrase: str
    scope: str
    stem: bool
    where: str


def read_discards(path: Path, log: ImportLog) -> list[DiscardRow]:
    """Return the discard phrases: ``+`` discards the story, else the sentence."""
    rows: list[DiscardRow] = []
    seen: dict[str, str] = {}
    for number, line in dictionary_lines(path, log, "discards"):
        body = line.strip()
        scope = "sentence"
        if body.startswith("+"):
            scope, body = "document", body[1:]
        stem = not body.rstrip().endswith("_")
        phrase = phrase_text(body)
        if not phrase:
            log.reject(path, number, "empty discard phrase")
            continue
        if phrase in seen:
            log.note(path, number, f"discard {phrase!r} already at {seen[phrase]}; kept once")
            continue
        seen[phrase] = f"{path.name}:{number}"
        rows.append(DiscardRow(phrase, scope, stem, f"{path.name}:{number}"))
        log.counts[f"discards ({scope})"] += 1
    return rows


@dataclass(frozen=True)
class IssueRow:
    """One issue phrase: ``kind`` code, or ignore-sentence (``~``) / ignore-story (``~~``)."""

    phrase: str
    code: str
    category: str
    kind: str
    where: str


_ISSUE_OPEN = re.compile(r'^<ISSUE\s+CATEGORY\s*=\s*"([^"]*)"[^>]*>$', re.IGNORECASE)


def issue_forms(text: str) -> list[str]:
    """Return the phrases an issue entry stands for: ``n:`` noun plurals, ``v:`` verb forms,
    ``+`` as a space and as a hyphen (PETRARCH-1's expansions)."""
    forms = [text.upper()]
    changed = True
    while changed:
        changed = False
        out: list[str] = []
        for f in forms:
            if "+" in f:
                out += [f.replace("+", " ", 1), f.replace("+", "-", 1)]
                changed = True
            elif "N:" in f:
                pre, _, post = f.partition("N:")
                word, sp, rest = post.partition(" ")
                plural = word[:-1] + "IES" if word.endswith("Y") else word + "S"
                out += [pre + word + sp + rest, pre + plural + sp + rest]
                changed = True
            elif "V:" in f:
                pre, _, post = f.partition("V:")
                word, sp, rest = post.partition(" ")
                past = word + "D" if word.endswith("E") else word + "ED"
                ing = word[:-1] + "ING" if word.endswith("E") else word + "ING"
                out += [pre + w + sp + rest for w in (word, word + "S", past, ing)]
                changed = True
            else:
                out.append(f)
        forms = out
    return list(dict.fromkeys(" ".join(f.split()).lower() for f in forms if f.strip()))


def read_issues(path: Path, log: ImportLog) -> list[IssueRow]:
    """Return the issue phrases, their codes and categories, expansions applied."""
    rows: list[IssueRow] = []
    category = ""
    seen: set[tuple[str, str, str]] = set()
    for number, line in dictionary_lines(path, log, "issues"):
        body = line.strip()
        m = _ISSUE_OPEN.match(body)
        if m:
            category = m.group(1)
            log.counts["issue categories"] += 1
            continue
        if body.upper() == "</ISSUE>":
            category = ""
            log.counts["issue category ends"] += 1
            continue
        if body.startswith("~"):
            kind = "ignore_story" if body.startswith("~~") else "ignore_sentence"
            text, code = body.lstrip("~"), ""
        elif "[" in body:
            text, _, rest = body.partition("[")
            code, close, tail = rest.partition("]")
            code = code.strip()
            if not close or not re.match(r"^[A-Za-z0-9_-]+$", code):
                log.reject(path, number, "an issue line is PHRASE [CODE]")
                continue
            if tail.strip():
                log.note(
                    path,
                    number,
                    f"text after the first code ignored, as PETRARCH-1 does: {tail.strip()!r}",
                )
            kind = "code"
        else:
            log.skip(path, number, "an issue line without [CODE]: PETRARCH-1 skips it")
            continue
        forms = issue_forms(text.strip())
        if not forms:
            log.reject(path, number, "empty issue phrase")
            continue
        for form in forms:
            key = (form, code, kind)
            if key in seen:
                continue
            seen.add(key)
            rows.append(IssueRow(form, code, category, kind, f"{path.name}:{number}"))
        log.counts["issues"] += 1
    return rows
