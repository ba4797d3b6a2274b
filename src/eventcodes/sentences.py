"""Dateline and byline stripping, and sentence splitting with offsets into the original text.

Front matter (:func:`strip_front_matter`)
    The story proper starts after an optional byline line and an optional dateline, both at the
    start of the text. When the first line looks like a headline (no terminal punctuation, at
    most 200 characters) and the next paragraph starts with a byline or dateline, the headline
    is front matter too and is skipped with them; a headline with no byline or dateline after it
    is kept as the first sentence.

    A *byline* is a whole line ``By NAME`` where the name and anything after ``,``, ``|``, ``/``
    or a dash is capitalised words (``By JANE DOE and JOHN ROE, Associated Press``,
    ``By Jane Doe | Reuters``).

    A *dateline* is an upper-case place (one or more words of capitals, ``.``, ``'``, ``-``, with
    at least two capital letters), optionally ``, Region`` in normal case, optionally a date
    (``Nov 4``, ``Nov. 4, 2024``, ``4 November 2024``), optionally an agency in parentheses,
    then a separator: ``—``, ``–``, ``―``, ``--``, ``>>``, ``:`` or a spaced ``-``. The separator
    must start within the first 80 characters. Without an agency, the story after the separator
    must not start with a lower-case letter, so ``NATO — the alliance — said`` is kept whole;
    ``NATO — The alliance said`` cannot be told from a dateline and loses ``NATO —``.

Sentences (:func:`split_sentences`)
    Every line break ends a sentence (news bodies here are one paragraph per line). Within a
    line, one compiled regex pass finds ``.``, ``!``, ``?`` or ``…`` runs, with any closing quotes or
    brackets (kept with the sentence), followed by whitespace; a candidate is a boundary when
    the next word starts with an upper-case letter, a digit, a currency sign or an opening
    quote or bracket, subject to these exceptions after a single ``.``:

    - titles, months and similar (``Mr.``, ``Gen.``, ``St.``, ``No.``, ``vs.``, ``Oct.``,
      ``e.g.``) never end a sentence;
    - abbreviations that often end one (``U.S.``, ``U.N.``, ``D.C.``, any ``X.Y.`` acronym,
      ``a.m.``, ``etc.``, ``Inc.``, ``Co.``, ``Jr.``, state abbreviations such as ``Calif.``)
      end it only when the next word is a common sentence opener (``The``, ``It``, ``But``,
      ``However`` ...), or when a closing quote follows the period and a capital follows that;
    - a single capital letter is an initial (``George W. Bush``, ``J. R. R. Tolkien``) under the
      same sentence-opener rule (``Plan B. The`` splits);
    - an ellipsis inside an open quotation does not end the sentence.

    Decimal numbers (``3.5``) never match, since no whitespace follows their point.

    A sentence longer than ``MAX_SENTENCE_CHARS`` (2,000 characters, ten times a long news
    sentence) is cut into pieces of at most that length, after a ``;`` or ``,`` in the second half
    of each piece when there is one, else at a space. The coder's work on a sentence grows faster
    than its length; with the cut, the time to code a document grows linearly with its length,
    whatever the text (one document of a million characters with no full stop used to take
    minutes).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["MAX_SENTENCE_CHARS", "Sentence", "split_sentences", "strip_front_matter"]

#: the longest sentence given to the coder; a longer run of text without sentence punctuation
#: (a table, a list, text stripped of its full stops) is cut into pieces of at most this length
MAX_SENTENCE_CHARS = 2000


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of a document, with character offsets into the original text."""

    #: 0-based position of the sentence in the document
    index: int
    #: offset of the first character in the original document text
    start: int
    #: offset just past the last character (exclusive)
    end: int
    #: ``original_text[start:end]``, which never starts or ends with whitespace
    text: str


# --- front matter -------------------------------------------------------------------------------

_UPPER = "A-Z\u00c0-\u00d6\u00d8-\u00de"  # ASCII and Latin-1 capitals (SÃO PAULO, BOGOTÁ)
_CAP_WORD = rf"[{_UPPER}][\w'’.\-]*"
_PARTICLE = r"(?:de|da|del|der|den|di|do|dos|du|la|le|van|von|bin|al|el|ibn)"
# A byline is a line of at most 150 characters, split at its separators; every part must be a
# capitalised word or a connective. One regex for it all backtracks exponentially on "A--A - A".
_BYLINE_LINE = re.compile(r"(?:By|BY)[ \t]+(?P<names>[^\n]{1,150})(?:\n|\Z)")
_BYLINE_SEPARATOR = re.compile(r"[ \t]*(?:,|\||/|—|–|―|--|(?<=[ \t])-(?=[ \t]))[ \t]*|[ \t]+")
_BYLINE_CONNECTIVES = frozenset(
    ["and", "&", "of", "the", "for", "de", "da", "del", "der", "den", "di", "do", "dos", "du", "la"]
    + ["le", "van", "von", "bin", "al", "el", "ibn"]
)
_BYLINE_WORD = re.compile(rf"[{_UPPER}][\w'’.\-]*")

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DATE = (
    rf"(?:{_MONTH}[ \t]+\d{{1,2}}(?:st|nd|rd|th)?(?:,?[ \t]+\d{{4}})?"
    rf"|\d{{1,2}}[ \t]+{_MONTH}(?:,?[ \t]+\d{{4}})?)"
)
_PLACE_WORD = rf"[{_UPPER}][{_UPPER}.'’\-]*"
_DATELINE = re.compile(
    rf"(?P<place>{_PLACE_WORD}(?:[ \t]+{_PLACE_WORD})*)"
    rf"(?:,[ \t]+{_CAP_WORD}(?:[ \t]+(?:{_CAP_WORD}|{_PARTICLE}|of|the|and))*)?"
    rf"(?:,?[ \t]+{_DATE})?"
    r"(?P<agency>[ \t]*\([ \t]*[A-Za-z][\w .&'’/\-]{0,40}\))?"
    r"(?P<sep>[ \t]*(?:—|–|―|--|>>)\s*|[ \t]*:\s+|(?:[ \t]+|(?<=\)))-\s+)"
)
_DATELINE_SEP_WITHIN = 80
_TITLE_MAX = 200
_LEADING_SPACE = re.compile(r"\s*")
_FIRST_LINE = re.compile(r"[^\n]*")
_TERMINAL_CHARS = ".!?…:;\"”’'"


def _skip_space(text: str, pos: int) -> int:
    """Return the offset of the first non-whitespace character at or after ``pos``."""
    match = _LEADING_SPACE.match(text, pos)
    return match.end() if match else pos


def _match_byline(text: str, pos: int) -> int | None:
    """Return the offset just past a byline line starting at ``pos``, or None."""
    match = _BYLINE_LINE.match(text, pos)
    if match is None:
        return None
    words = [word for word in _BYLINE_SEPARATOR.split(match.group("names").strip()) if word]
    if not words or _BYLINE_WORD.fullmatch(words[0]) is None:
        return None
    for word in words:
        if word not in _BYLINE_CONNECTIVES and _BYLINE_WORD.fullmatch(word) is None:
            return None
    return match.end()


def _match_dateline(text: str, pos: int) -> int | None:
    """Return the offset where the story starts after a dateline at ``pos``, or None."""
    match = _DATELINE.match(text, pos)
    if match is None:
        return None
    if match.start("sep") - pos > _DATELINE_SEP_WITHIN:
        return None
    if sum(1 for ch in match.group("place") if ch.isupper()) < 2:
        return None
    end = match.end()
    if end >= len(text):
        return None
    if match.group("agency") is None and text[end].islower():
        return None
    return end


def _match_byline_and_dateline(text: str, pos: int) -> int | None:
    """Return the story start after a byline and/or dateline at ``pos``, or None if neither."""
    after_byline = _match_byline(text, pos)
    if after_byline is not None:
        pos = _skip_space(text, after_byline)
    after_dateline = _match_dateline(text, pos)
    if after_dateline is not None:
        return after_dateline
    return pos if after_byline is not None else None


def strip_front_matter(text: str) -> int:
    """Return the offset where the story proper starts, after a dateline and/or byline (0 if none).

    A headline-like first line is skipped too when a byline or dateline follows it.
    """
    start = _skip_space(text, 0)
    found = _match_byline_and_dateline(text, start)
    if found is not None:
        return found
    line = _FIRST_LINE.match(text, start)
    if line is None:
        return 0
    title = line.group().rstrip()
    if not title or len(title) > _TITLE_MAX or title[-1] in _TERMINAL_CHARS:
        return 0
    next_paragraph = _skip_space(text, line.end())
    if next_paragraph >= len(text):
        return 0
    found = _match_byline_and_dateline(text, next_paragraph)
    return found if found is not None else 0


# --- sentences ----------------------------------------------------------------------------------

_CLOSERS = "\"”’')\\]}»"
_OPENERS = frozenset("“‘\"'([{«$£€")
# Terminal punctuation, closing quotes or brackets, whitespace, and (looked at, not consumed) the
# next token. Lines without "!", "?" or "…" use the period-only pattern: its literal first
# character lets the regex engine skip ahead fast, several times faster than a character class.
_PERIOD_CANDIDATE = re.compile(rf"(?P<term>\.[.]*)(?P<close>[{_CLOSERS}]*)\s+(?=(?P<next>\S+))")
_ANY_CANDIDATE = re.compile(rf"(?P<term>[.!?…]+)(?P<close>[{_CLOSERS}]*)\s+(?=(?P<next>\S+))")


def _word_set(words: str) -> frozenset[str]:
    """Return the whitespace-separated words of ``words`` as a set."""
    return frozenset(words.split())


#: abbreviations whose period never ends a sentence: titles, months, and the like
_NEVER_END = _word_set(
    """
    Mr. Mrs. Ms. Messrs. Dr. Prof. Sen. Sens. Rep. Reps. Gov. Govs. Pres. Gen. Gens. Lt. Col. Maj.
    Sgt. Capt. Adm. Cmdr. Cpl. Pvt. Brig. Rev. Hon. Amb. Supt. Insp. Det. St. Ste. Mt. Ft. No. Nos.
    vs. v. Jan. Feb. Mar. Apr. Aug. Sept. Sep. Oct. Nov. Dec. e.g. i.e. cf. approx. Fig. Vol.
    """
)
#: abbreviations that often end a sentence too: split only before a sentence opener
_MAY_END = _word_set(
    """
    a.m. p.m. etc. Inc. Corp. Ltd. Co. Cos. Bros. Jr. Sr. Ave. Blvd. Rd. Dept. Univ. al.
    Ala. Ariz. Ark. Calif. Colo. Conn. Del. Fla. Ga. Ill. Ind. Kan. Ky. La. Md. Mass. Mich.
    Minn. Miss. Mo. Mont. Neb. Nev. Okla. Ore. Pa. Tenn. Vt. Va. Wash. Wis. Wyo.
    """
)
#: capitalised words that commonly open a sentence; after ``U.S.`` they mean a new sentence
_SENTENCE_OPENERS = _word_set(
    """
    The A An It Its He She His Her They Their Them We Our I You This That These Those There Here
    But And Or So Yet Nor In On At For As If When While After Before Since Until During Under
    With Without Despite Although Though Because However Meanwhile Still Also Instead Then Now
    Some Many Most Several Both Each Such No Not Earlier Later Last Next Officials Neither Either
    What Who Why How Where Which
    """
)
_ACRONYM = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")
_TOKEN_OPENERS = "“‘\"'([{«"
_NEXT_TRAILING = ",;:"


def _starts_sentence(next_token: str) -> bool:
    """Return True when a token can open a sentence after a plain full stop."""
    first = next_token[0]
    return first.isupper() or first.isdigit() or first in _OPENERS


def _is_opener_word(next_token: str) -> bool:
    """Return True when a token is a common sentence-opening word (``The``, ``However,``)."""
    return next_token.lstrip(_TOKEN_OPENERS).rstrip(_NEXT_TRAILING) in _SENTENCE_OPENERS


class _QuoteState:
    """Whether a quotation is open at a position of one line, counted incrementally.

    Counting from the line start at every candidate would be quadratic on long lines.
    """

    __slots__ = ("_curly", "_pos", "_straight", "_text")

    def __init__(self, text: str, line_start: int) -> None:
        self._text = text
        self._pos = line_start
        self._curly = 0
        self._straight = 0

    def open_at(self, pos: int) -> bool:
        """Return True when a quotation opened earlier on the line is still open at ``pos``."""
        text, start = self._text, self._pos
        if pos > start:
            self._curly += text.count("“", start, pos) - text.count("”", start, pos)
            self._straight += text.count('"', start, pos)
            self._pos = pos
        return self._curly > 0 or self._straight % 2 == 1


def _is_boundary(match: re.Match[str], text: str, scanned: int, quotes: _QuoteState) -> bool:
    """Return True when a candidate match ends a sentence.

    ``scanned`` is where the previous candidate match ended: the word before this one starts
    no earlier, so looking for it never rescans the line.
    """
    next_token = match.group("next")
    if not _starts_sentence(next_token):
        return False
    term = match.group("term")
    close = match.group("close")
    if "…" in term or ".." in term:
        return bool(close) or not quotes.open_at(match.start())
    if term != ".":
        return True
    before = text[scanned : match.start()]
    if not before or before[-1].isspace():
        return True
    word = before.rsplit(None, 1)[-1].lstrip(_TOKEN_OPENERS)
    if not word:
        return True
    abbreviation = word + "."
    if abbreviation in _NEVER_END:
        return False
    may_end = (
        abbreviation in _MAY_END
        or (len(word) == 1 and word.isupper())
        or _ACRONYM.fullmatch(word) is not None
    )
    if may_end:
        return _is_opener_word(next_token) or (bool(close) and next_token[0].isupper())
    return True


def _make_sentence(text: str, index: int, start: int, end: int) -> Sentence | None:
    """Return the sentence in ``text[start:end]`` with surrounding whitespace trimmed, or None."""
    raw = text[start:end]
    stripped = raw.strip()
    if not stripped:
        return None
    lead = len(raw) - len(raw.lstrip())
    return Sentence(index, start + lead, start + lead + len(stripped), stripped)


def split_sentences(text: str) -> list[Sentence]:
    """Return the sentences of a document's text, dateline and byline removed.

    Each sentence's ``start`` and ``end`` are offsets into ``text`` itself. Lines are those of
    :meth:`str.splitlines` (so CRLF, CR and U+2028 work too); every line end ends a sentence.
    """
    sentences: list[Sentence] = []
    line_start = strip_front_matter(text)
    for line in text[line_start:].splitlines(keepends=True):
        line_end = line_start + len(line)
        strong = "!" in line or "?" in line or "…" in line
        pattern = _ANY_CANDIDATE if strong else _PERIOD_CANDIDATE
        segment_start = scanned = line_start
        quotes = _QuoteState(text, line_start)
        for candidate in pattern.finditer(text, line_start, line_end):
            is_boundary = _is_boundary(candidate, text, scanned, quotes)
            scanned = candidate.end()
            if is_boundary:
                boundary = candidate.end("close")
                _add_sentences(sentences, text, segment_start, boundary)
                segment_start = boundary
        _add_sentences(sentences, text, segment_start, line_end)
        line_start = line_end
    return sentences


def _add_sentences(sentences: list[Sentence], text: str, start: int, end: int) -> None:
    """Append the sentence in ``text[start:end]``, cut into pieces of at most
    MAX_SENTENCE_CHARS characters when it is longer (see the module docstring)."""
    while end - start > MAX_SENTENCE_CHARS:
        cut = _cut_point(text, start, start + MAX_SENTENCE_CHARS)
        sentence = _make_sentence(text, len(sentences), start, cut)
        if sentence is not None:
            sentences.append(sentence)
        start = cut
    sentence = _make_sentence(text, len(sentences), start, end)
    if sentence is not None:
        sentences.append(sentence)


def _cut_point(text: str, start: int, limit: int) -> int:
    """Return where to cut an overlong sentence before ``limit``: after the last ``;`` or ``,``
    followed by a space in the second half of the piece, else at its last space, else at
    ``limit``. Looks only inside the piece, so cutting a text is linear in its length."""
    half = start + MAX_SENTENCE_CHARS // 2
    for mark in ("; ", ", "):
        at = text.rfind(mark, half, limit)
        if at != -1:
            return at + 1
    for space in (" ", "\t", "\u00a0"):
        at = text.rfind(space, half, limit)
        if at != -1:
            return at
    return limit
