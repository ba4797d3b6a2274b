"""Tokens with character offsets and the normalised forms the codebook is matched on."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

# Order matters: abbreviations with internal periods, numbers, the stem before "n't",
# "n't" itself, clitics, words, then any other single non-space character.
_TOKEN_RE = re.compile(
    r"(?:[^\W\d_]\.){2,}"  # U.S., U.N., a.m.
    r"|\d+(?:[.,:]\d+)*"  # 2,000  3.5  10:30
    # "have" of haven't; the first lookahead (a possessive scan, no backtracking) rejects at
    # once the words with no apostrophe after their letters, which are nearly all of them
    r"|(?=[^\W\d_]*+['’])[^\W\d_]+(?=[nN]['’][tT]\b)"
    r"|[nN]['’][tT]\b"  # n't
    r"|['’](?:[sS]|[vV][eE]|[rR][eE]|[lL][lL]|[dD]|[mM])\b"  # 's 've 're 'll 'd 'm
    r"|\w+"
    r"|[^\w\s]"
)

_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-", "―": "-"})


@dataclass(slots=True)
class Token:
    """One token: its text, normalised form and character span in the sentence.

    Not frozen: a frozen dataclass's __init__ costs three times as much, and the coder
    makes one per token. Treat tokens as read-only.
    """

    text: str
    norm: str
    start: int
    end: int

    @property
    def is_capitalised(self) -> bool:
        return self.text[:1].isupper()


def normalise(text: str) -> str:
    """Return the matching form of one token: lower case, straight quotes, no accents."""
    folded = text.translate(_QUOTES).lower()
    if folded.isascii():
        return folded
    decomposed = unicodedata.normalize("NFKD", folded)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def caps_key(text: str) -> str:
    """Return the key of a token that must match in capitals (``US`` but not ``us``)."""
    return "\x01" + text


class Tokenizer:
    """Splits sentences into tokens; caches normalised forms (one per process, not global)."""

    def __init__(self) -> None:
        self._norms: dict[str, str] = {}
        #: the tokens of a piece of text between white space (``_piece``)
        self._pieces: dict[str, tuple[tuple[str, str, int, int], ...]] = {}

    def norm(self, text: str) -> str:
        """Return the normalised form of a token, cached."""
        found = self._norms.get(text)
        if found is None:
            found = normalise(text)
            if len(self._norms) < 500_000:
                self._norms[text] = found
        return found

    def tokenize(self, text: str) -> list[Token]:
        """Return the tokens of a text with their offsets."""
        pieces = text.split()
        if len(text) == sum(map(len, pieces)) + len(pieces) - 1:
            return self._spaced(pieces)
        norms = self._norms
        find = text.find
        out = []
        end = 0
        # Between two tokens there is only white space (the pattern's last branch takes any
        # other character), so the first occurrence of a token after the previous one's end is
        # where it matched.
        for t in _words(text):
            start = find(t, end)
            end = start + len(t)
            out.append(Token(t, norms.get(t) or self.norm(t), start, end))
        return out

    def _spaced(self, pieces: list[str]) -> list[Token]:
        """Return the tokens of a text whose white-space-separated pieces are ``pieces``, one
        white-space character apart with none before or after (nearly every sentence), without
        searching for each token: a piece starts one character after the previous one ends, and
        its tokens follow one another with nothing between them (see ``_words``)."""
        known = self._pieces
        out: list[Token] = []
        add = out.append
        pos = 0
        for piece in pieces:
            parts = known.get(piece) or self._piece(piece)
            for text, norm, start, end in parts:
                add(Token(text, norm, pos + start, pos + end))
            pos += len(piece) + 1
        return out

    def _piece(self, piece: str) -> tuple[tuple[str, str, int, int], ...]:
        """Return the tokens of one piece of text without white space as (text, normalised form,
        start, end) in the piece, and remember them (``_spaced`` looks each piece up once)."""
        parts = []
        start = 0
        for t in _words(piece):
            parts.append((t, self.norm(t), start, start + len(t)))
            start += len(t)
        found = tuple(parts)
        if len(self._pieces) < 500_000:
            self._pieces[piece] = found
        return found

    def words(self, phrase: str) -> list[str]:
        """Return the matching keys of a codebook phrase's words (see ``phrase_key``)."""
        return [word_key(m.group(), self.norm) for m in _TOKEN_RE.finditer(phrase)]


#: characters that end a word as a token of their own (not "." of "U.S." nor an apostrophe)
_TRAILING = frozenset(',.;:?!)"”')


def _words(text: str) -> list[str]:
    """Return the tokens' texts of ``text``: what ``_TOKEN_RE.findall(text)`` returns, faster.

    No token spans white space, so the text is scanned one white-space-separated piece at a
    time; a piece of letters only (most of them) is one token, and letters followed by a comma
    or full stop are two, without the regex (the pattern's branches other than ``\\w+`` all
    need a digit, a full stop between letters or an apostrophe).
    """
    words: list[str] = []
    add = words.append
    findall = _TOKEN_RE.findall
    for piece in text.split():
        if piece.isalpha():
            add(piece)
        elif piece[-1] in _TRAILING and piece[:-1].isalpha():
            add(piece[:-1])
            add(piece[-1])
        else:
            words.extend(findall(piece))
    return words


def first_token(text: str) -> str | None:
    """Return the text of the first token of ``text`` (None when it has none)."""
    found = _TOKEN_RE.search(text)
    return found.group() if found is not None else None


def word_key(word: str, norm: Callable[[str], str] = normalise) -> str:
    """Return the key one word of a codebook phrase matches by: all-capital words (two letters or
    more) keep their capitals (``US`` matches ``US``, not ``us``); others are ``normalise``d."""
    return caps_key(word) if len(word) >= 2 and word.isalpha() and word.isupper() else norm(word)


def phrase_key(phrase: str) -> tuple[str, ...]:
    """Return the key the matcher finds a codebook phrase by: its words' keys.

    The one definition of "the same phrase" for the codebook loader, the build scripts and the
    tests: ``Côte d'Ivoire`` and ``Cote d’Ivoire`` have one key, ``UN`` and ``un`` two.
    """
    return tuple(word_key(m.group()) for m in _TOKEN_RE.finditer(phrase))
