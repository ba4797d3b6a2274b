"""Verb patterns: parsing the pattern syntax of docs/codebook.md into matchable elements."""

from __future__ import annotations

import re
from dataclasses import dataclass

#: element kinds
WORDS = "words"  # one or more alternatives, each a tuple of adjacent words
TARGET = "target"  # +
SOURCE = "source"  # $
COMPOUND = "compound"  # %
SKIP = "skip"  # ^
SYNSET = "synset"  # &NAME (resolved into WORDS when the codebook is compiled)

_SYNSET_RE = re.compile(r"^&[A-Z][A-Z0-9_]*$")
_WORD_RE = re.compile(r"^[^\s{}|*+$%^&_]+$")


class PatternSyntaxError(ValueError):
    """The pattern cannot be parsed; the message says where."""


@dataclass(frozen=True)
class Element:
    """One element of a pattern; ``adjacent`` means no word may come between it and the previous."""

    kind: str
    alternatives: tuple[tuple[str, ...], ...] = ()
    synset: str = ""
    adjacent: bool = False
    #: set when compiled: the one-word alternatives as a set, and the longer ones
    singles: frozenset[str] = frozenset()
    multi: tuple[tuple[str, ...], ...] = ()
    #: the first and the last words of the longer alternatives: a word that is neither starts
    #: (after the verb) or ends (before it) none of them
    heads: frozenset[str] = frozenset()
    tails: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Pattern:
    """A parsed pattern: elements before the verb (nearest first) and after it."""

    text: str
    before: tuple[Element, ...]
    after: tuple[Element, ...]

    @property
    def specificity(self) -> int:
        """Return how many elements constrain the match; more specific patterns are tried first."""
        return sum(
            len(max(e.alternatives, key=len)) if e.kind == WORDS else 1
            for e in self.before + self.after
        )

    @property
    def synsets(self) -> set[str]:
        return {e.synset for e in self.before + self.after if e.kind == SYNSET}


#: atoms already parsed (words recur across thousands of imported patterns); Elements are immutable
_ATOMS: dict[str, Element] = {}


def _parse_atom(atom: str, pattern: str) -> Element:
    done = _ATOMS.get(atom)
    if done is None:
        done = _parse_new_atom(atom, pattern)
        if len(_ATOMS) < 100_000:
            _ATOMS[atom] = done
    return done


def _parse_new_atom(atom: str, pattern: str) -> Element:
    if atom == "+":
        return Element(TARGET)
    if atom == "$":
        return Element(SOURCE)
    if atom == "%":
        return Element(COMPOUND)
    if atom == "^":
        return Element(SKIP)
    if atom.startswith("&"):
        if not _SYNSET_RE.match(atom):
            raise PatternSyntaxError(
                f"bad synset name {atom!r} in {pattern!r}: write &NAME in capitals"
            )
        return Element(SYNSET, synset=atom[1:])
    if atom.startswith("{"):
        if not atom.endswith("}") or len(atom) < 3:
            raise PatternSyntaxError(f"unclosed alternatives {atom!r} in {pattern!r}")
        alts = []
        for alt in atom[1:-1].split("|"):
            words = tuple(w for w in alt.strip().replace(" ", "_").split("_") if w)
            if not words or not all(_WORD_RE.match(w) for w in words):
                raise PatternSyntaxError(f"empty or bad alternative in {atom!r} of {pattern!r}")
            alts.append(tuple(w.lower() for w in words))
        return Element(WORDS, alternatives=tuple(alts))
    if not _WORD_RE.match(atom):
        raise PatternSyntaxError(f"unexpected {atom!r} in {pattern!r}")
    return Element(WORDS, alternatives=((atom.lower(),),))


def _split_outside_braces(text: str, separator: str, pattern: str) -> list[str]:
    """Split text on a separator (" " for any white space) outside braces, keeping braces whole.

    Splitting on spaces drops empty parts; splitting on "_" keeps them, so that "a__b" is refused.
    """
    if "{" not in text and "}" not in text:  # the common case, without the character loop
        return text.split() if separator == " " else text.split(separator)
    parts: list[str] = []
    depth = 0
    current = ""
    for ch in text:
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth < 0:
                raise PatternSyntaxError(f"unmatched '}}' in {pattern!r}")
        is_separator = ch.isspace() if separator == " " else ch == separator
        if is_separator and depth == 0:
            if current or separator != " ":
                parts.append(current)
            current = ""
        else:
            current += ch
    if depth:
        raise PatternSyntaxError(f"unclosed '{{' in {pattern!r}")
    if current or separator != " ":
        parts.append(current)
    return parts


def _placed(atom: str, adjacent: bool, pattern: str) -> Element:
    """Return the element of an atom with its adjacency, shared between patterns (Elements are
    immutable; an imported dictionary has tens of thousands of patterns made of a few thousand
    distinct words)."""
    key = (atom, adjacent)
    done = _PLACED.get(key)
    if done is None:
        el = _parse_atom(atom, pattern)
        done = (
            el
            if el.adjacent == adjacent
            else Element(el.kind, el.alternatives, el.synset, adjacent)
        )
        if len(_PLACED) < 100_000:
            _PLACED[key] = done
    return done


_PLACED: dict[tuple[str, bool], Element] = {}


def _atoms(text: str) -> list[tuple[str, bool]]:
    """Return the atoms of a pattern, each with whether ``_`` joins it to the previous one."""
    flat: list[tuple[str, bool]] = []  # (atom, joined to previous)
    stripped = text.strip()
    if "{" not in stripped and "}" not in stripped:  # the common case, without the brace scan
        for chunk in stripped.split():
            joined = False
            for atom in chunk.split("_"):
                if not atom:
                    raise PatternSyntaxError(f"empty word around '_' in {text!r}")
                flat.append((atom, joined))
                joined = True
        return flat
    for chunk in _split_outside_braces(stripped, " ", text):
        for i, atom in enumerate(_split_outside_braces(chunk, "_", text)):
            if not atom:
                raise PatternSyntaxError(f"empty word around '_' in {text!r}")
            flat.append((atom, i > 0))
    return flat


def parse_pattern(text: str) -> Pattern:
    """Return the parsed pattern, or raise PatternSyntaxError saying what is wrong."""
    flat = _atoms(text)
    stars = [i for i, (a, _) in enumerate(flat) if a == "*"]
    if len(stars) != 1:
        raise PatternSyntaxError(f"a pattern needs exactly one '*' for the verb: {text!r}")
    star = stars[0]
    star_joined_next = star + 1 < len(flat) and flat[star + 1][1]
    # Elements before the verb are stored nearest-first; adjacency is to the element after it.
    before = [_placed(flat[i][0], flat[i + 1][1], text) for i in range(star - 1, -1, -1)]
    after = [
        _placed(flat[i][0], flat[i][1] if i > star + 1 else star_joined_next, text)
        for i in range(star + 1, len(flat))
    ]
    compounds = 0
    for el in before + after:
        if el.kind == SKIP and el.adjacent:
            raise PatternSyntaxError(f"'^' cannot be joined with '_' in {text!r}")
        if el.kind == COMPOUND:
            compounds += 1
    # '+' and '$' may each appear more than once (imported dictionaries do): every place needs an
    # actor, and the role goes to the last one matched
    if compounds > 1:
        raise PatternSyntaxError(f"at most one '%' in {text!r}")
    return Pattern(text.strip(), tuple(before), tuple(after))
