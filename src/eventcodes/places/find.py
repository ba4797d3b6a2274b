"""Finding the places a sentence names, and resolving each against the gazetteer.

The constructions (issue 14): ``in``/``near``/``outside``/``north of``/``on the outskirts of`` +
place; ``<town>, <province>``; ``(<district>, <province>)``; ``<province> state/province/...``;
``the eastern <country adjective> town of <place>``; and datelines.

Disambiguation, in this order:

1. What the sentence itself says: ``Hyderabad, Pakistan``, ``the Libyan city of Tripoli`` and
   ``Mobile, Alabama`` restrict the name to that country or division.
2. The context: a place in one of the countries the sentence or story names (``context``).
3. Otherwise the largest place (population; an alternate spelling counts a tenth), but only when
   the name is not also an ordinary word or a person's name (``May``, ``Victoria``: the table's
   ``context`` column) and no major place of another country (a million people, or one of its
   three largest) is at least RIVAL_SHARE of its size (``Tripoli``, ``Hyderabad``): such a name
   needs context and gives nothing without it.

Among places of one country the country wins, then the city, then the division (``in Panama``
is the country, ``in Kabul`` the city); ``<name> province`` asks for the division.
"""

from __future__ import annotations

import functools
from bisect import bisect_left
from collections.abc import Callable, Collection, Sequence
from dataclasses import replace
from typing import Protocol

import pycountry

from ..dates.vocabulary import WEEKDAY_NUM
from .index import KIND_RANK, RIVAL_SHARE, Candidate, PlaceIndex
from .model import Form, Kind, Place, PlaceMention, Precision

#: the countries of the context, or a function that returns them: called only when a name of
#: the sentence needs them (most sentences name no place)
Context = Collection[str] | Callable[[], Collection[str]]


class TokenLike(Protocol):
    """What find_places needs of a token (eventcodes.tokens.Token has it)."""

    text: str
    norm: str
    start: int
    end: int


PREPOSITIONS = frozenset({"in", "near", "outside", "around", "inside", "across", "nearby"})
DIRECTIONS = frozenset(
    {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest"}
)
#: the first words of the locative triggers (``in``, ``north of``, ``outskirts of``)
TRIGGER_WORDS = PREPOSITIONS | DIRECTIONS | {"outskirts"}
DIRECTION_ADJECTIVES = frozenset(
    {
        "northern",
        "southern",
        "eastern",
        "western",
        "central",
        "northeastern",
        "northwestern",
        "southeastern",
        "southwestern",
        "north",
        "south",
        "east",
        "west",
        "remote",
        "restive",
        "besieged",
        "embattled",
        "frontline",
        "coastal",
        "rural",
        "southernmost",
        "northernmost",
    }
)
PLACE_NOUNS = frozenset(
    {
        "town",
        "city",
        "village",
        "villages",
        "district",
        "province",
        "region",
        "area",
        "capital",
        "state",
        "governorate",
        "oblast",
        "county",
        "municipality",
        "neighbourhood",
        "neighborhood",
        "suburb",
        "settlement",
        "port",
        "hamlet",
        "locality",
        "enclave",
    }
)
#: words that may stand between the adjectives and the place noun (``port city``)
NOUN_MODIFIERS = frozenset({"port", "border", "market", "mining", "oil", "holy", "garrison"})
DIVISION_WORDS = frozenset(
    {
        "state",
        "province",
        "district",
        "governorate",
        "region",
        "oblast",
        "county",
        "prefecture",
        "department",
    }
)
#: capitalised words that may follow a place name without making it part of a longer name
CONTINUATIONS = frozenset(WEEKDAY_NUM) | frozenset(
    {
        "city",
        "on",
        "in",
        "and",
        "but",
        "as",
        "after",
        "before",
        "when",
        "while",
        "since",
        "last",
        "this",
        "early",
        "late",
        "overnight",
    }
)


#: the words where a construction may begin (and ``the`` when the sentence has a frame)
_STOPS = TRIGGER_WORDS | {"("}
_FRAME_STOPS = _STOPS | {"the"}


def _positions(norms: list[str], word: str) -> list[int]:
    """Return the positions of a word in a sentence's norms (list.count and list.index: no loop
    in Python over the other tokens)."""
    found: list[int] = []
    k = -1
    for _ in range(norms.count(word)):
        k = norms.index(word, k + 1)
        found.append(k)
    return found


def _capitalised(token: TokenLike) -> bool:
    return token.text[:1].isupper()


def _words(tokens: Sequence[TokenLike], i: int, n: int) -> tuple[str, ...]:
    return tuple(t.norm for t in tokens[i : i + n])


class _Finder:
    """One sentence's search; holds the tokens and settings so the steps stay short."""

    def __init__(
        self,
        tokens: Sequence[TokenLike],
        index: PlaceIndex,
        context: Context,
        text: str | None,
    ) -> None:
        self.tokens = tokens
        self.index = index
        self._context = context
        self.text = text
        self.n = len(tokens)
        self.norms = [t.norm for t in tokens]
        #: whether the sentence has a ``<place noun> of`` (``the town of``); find() sets it
        self.frames = True
        #: name_at's answers, by token (the search asks for some names more than once)
        self._names_at: dict[int, tuple[int, list[Candidate]]] = {}

    @property
    def context(self) -> Collection[str]:
        """The countries of the context (a function given for them is called on first use)."""
        found = self._context
        if callable(found):
            found = self._context = found()
        return found

    # --- names -------------------------------------------------------------------------------

    def name_at(self, i: int) -> tuple[int, list[Candidate]]:
        """Return (end, candidates) of the longest place name starting at token i, or (i, [])."""
        if i >= self.n or not _capitalised(self.tokens[i]):
            return i, []
        found = self._names_at.get(i)
        if found is None:
            found = self._names_at[i] = self._longest_name(i)
        return found

    def _longest_name(self, i: int) -> tuple[int, list[Candidate]]:
        norms = self.norms
        word = norms[i]
        lengths = self.index.lengths(word)  # loads the names beginning with the word
        if (
            lengths
            and lengths[0] > 1
            and (i + 1 >= self.n or norms[i + 1] not in self.index.second_words[word])
        ):
            lengths = (1,) if lengths[-1] == 1 else ()  # no longer name goes on so
        names = self.index.loaded
        for length in lengths:
            if i + length <= self.n:
                found = names.get(tuple(norms[i : i + length]))
                if found:
                    return i + length, found
        return i, []

    def continues_name(self, end: int) -> bool:
        """Return True when a capitalised word follows: the name is part of a longer one."""
        if end >= self.n:
            return False
        nxt = self.tokens[end]
        return (
            _capitalised(nxt)
            and nxt.text[:1].isalpha()
            and nxt.norm not in CONTINUATIONS
            and nxt.norm not in DIVISION_WORDS
            and not nxt.text.isupper()
        )

    def country_phrase_at(self, i: int) -> tuple[int, str | None]:
        """Return (end, alpha-3) of a country name or adjective at token i, or (i, None)."""
        if i >= self.n:
            return i, None
        longest = min(self.index.country_first_words.get(self.tokens[i].norm, 0), self.n - i)
        for length in range(longest, 0, -1):
            code = self.index.country_phrases.get(_words(self.tokens, i, length))
            if code is not None:
                return i + length, code
        return i, None

    # --- resolution --------------------------------------------------------------------------

    def resolve(
        self,
        found: Sequence[Candidate],
        *,
        country: str | None = None,
        adm1: str | None = None,
        kinds: Collection[Kind] | None = None,
        supported: bool = False,
    ) -> Place | None:
        """Return the place the candidates stand for here, or None when the text does not say."""
        pool = [
            c
            for c in found
            if (country is None or c.place.country == country)
            and (adm1 is None or c.place.adm1_code == adm1)
            and (kinds is None or c.place.kind in kinds)
        ]
        if not pool:
            return None
        if country is not None or adm1 is not None:
            supported = True
        in_context = [c for c in pool if c.place.country in self.context]
        if in_context:
            # the story's country wins, unless the name is a major place elsewhere that dwarfs
            # the story country's one (Paris in a story about the United States is in France)
            top = max(pool, key=_rank)
            local = max(in_context, key=_rank)
            if not (
                top.place.country not in self.context
                and top.place in self.index.major
                and local.weight < RIVAL_SHARE * top.weight
            ):
                pool, supported = in_context, True
        best = max(pool, key=_rank)
        # within one country and kind a place's own name beats another's alternate spelling
        # (New Delhi is not Delhi)
        own = [
            c
            for c in pool
            if c.main and c.place.country == best.place.country and c.place.kind is best.place.kind
        ]
        if own and not best.main:
            best = max(own, key=_rank)
        if supported:
            return best.place
        if best.place.context:
            return None  # May, Mobile, Victoria: a place only with support
        best_weight = max(c.weight for c in pool if c.place.country == best.place.country)
        major = self.index.major
        rival = max(
            (c.weight for c in pool if c.place.country != best.place.country and c.place in major),
            default=0.0,
        )
        if rival >= RIVAL_SHARE * best_weight:
            return None  # Tripoli, Hyderabad: a major place in either country
        return best.place

    def division_of(self, place: Place) -> Place | None:
        """Return the first-order division of a place, when the gazetteer knows it."""
        if place.kind is Kind.DIVISION:
            return place
        return self.index.divisions.get(place.adm1_code) if place.adm1_code else None

    def division_at(self, i: int) -> tuple[int, list[Place]]:
        """Return (end, places) of the divisions or countries a name at token i may be
        (``Borno State``, ``Donetsk region``, ``Khyber Pakhtunkhwa``, ``Pakistan``), the one the
        context prefers first; or (i, []) when none is named there."""
        end, found = self.name_at(i)
        if not found:
            return i, []
        if end < self.n and self.tokens[end].norm in DIVISION_WORDS:
            place = self.division_word(found, self.tokens[end].norm)
            return (end + 1, [place]) if place else (i, [])
        if self.continues_name(end):
            return i, []
        wheres = [c for c in found if c.place.kind in (Kind.DIVISION, Kind.COUNTRY)]
        best = self.resolve(wheres, supported=True)
        if best is None:
            return i, []
        rest = sorted(
            {c.place for c in wheres if c.place is not best},
            key=lambda p: (p.country not in self.context, -p.population, p.where),
        )
        return end, [best, *rest]

    def division_word(self, found: Sequence[Candidate], word: str) -> Place | None:
        """Return the division that ``<name> province`` names: a division of that name (one
        that ISO 3166-2 calls by that word first: ``Plateau state`` is Nigeria's, not Benin's
        department), or the division of a place of that name (``Kharkiv region``)."""
        typed = [
            c
            for c in found
            if c.place.kind is Kind.DIVISION and _division_type(c.place.adm1_code) == word
        ]
        division = self.resolve(typed or found, kinds=(Kind.DIVISION,))
        if division is not None:
            return division
        city = self.resolve(found, kinds=(Kind.CITY,))
        return self.division_of(city) if city is not None else None

    # --- constructions -----------------------------------------------------------------------

    def described_at(self, i: int) -> tuple[int, str | None, str]:
        """Match ``the eastern Ukrainian town of``; return (index after ``of``, country, words)
        or (i, None, "") when there is no such frame."""
        if not self.frames:
            return i, None, ""
        j = i
        if j < self.n and self.tokens[j].norm == "the":
            j += 1
        while j < self.n and (
            self.tokens[j].norm in DIRECTION_ADJECTIVES
            or (self.tokens[j].norm == "-" and j > i and self.tokens[j - 1].norm in DIRECTIONS)
        ):
            j += 1
        j, country = self.country_phrase_at(j)
        if country is None:
            # ``the southern Gaza city of``: a place names the country
            end, found = self.name_at(j)
            if found and end - j > 1 and self.tokens[end - 1].norm in PLACE_NOUNS:
                # ``the southern Gaza city of``: not Gaza City
                found = self.index.candidates(_words(self.tokens, j, end - j - 1))
                end -= 1
            if found and end < self.n and self.tokens[end].norm in PLACE_NOUNS | NOUN_MODIFIERS:
                qualifier = self.resolve(found, supported=True)
                if qualifier is not None:
                    j, country = end, qualifier.country
        if (
            j + 1 < self.n
            and self.tokens[j].norm in NOUN_MODIFIERS
            and self.tokens[j + 1].norm in PLACE_NOUNS
        ):
            j += 1
        if (
            j + 1 < self.n
            and self.tokens[j].norm in PLACE_NOUNS
            and self.tokens[j + 1].norm == "of"
        ):
            words = " ".join(t.text for t in self.tokens[i : j + 2])
            return j + 2, country, words
        return i, None, ""

    def trigger_at(self, i: int) -> tuple[int, str]:
        """Return (index after the trigger, its words) of a locative trigger at token i."""
        t = self.tokens[i].norm
        if t in PREPOSITIONS:
            j = i + 1
            if t == "outside" and j < self.n and self.tokens[j].norm == "of":
                j += 1
            return j, " ".join(x.text for x in self.tokens[i:j])
        # north of, north-east of, on the outskirts of
        j = i
        if t in DIRECTIONS:
            j = i + 1
            if (
                j + 1 < self.n
                and self.tokens[j].norm == "-"
                and self.tokens[j + 1].norm in DIRECTIONS
            ):
                j += 2
            if j < self.n and self.tokens[j].norm == "of":
                return j + 1, " ".join(x.text for x in self.tokens[i : j + 1])
            return i, ""
        if t == "outskirts" and i + 1 < self.n and self.tokens[i + 1].norm == "of":
            return i + 2, "outskirts of"
        return i, ""

    def mention(
        self,
        i: int,
        end: int,
        place: Place,
        form: Form,
        trigger: str,
        precision: Precision | None = None,
    ) -> PlaceMention:
        start, stop = self.tokens[i].start, self.tokens[end - 1].end
        text = (
            self.text[start:stop]
            if self.text is not None
            else " ".join(t.text for t in self.tokens[i:end])
        )
        return PlaceMention(
            i, end, start, stop, text, place, precision or place.precision, form, trigger
        )

    def place_after(
        self, j: int, form: Form, trigger: str, country: str | None
    ) -> tuple[int, PlaceMention | None]:
        """Return (end, mention) of the place named at token j after a trigger or frame."""
        if self.tokens[j].norm in DIRECTION_ADJECTIVES if j < self.n else False:
            # ``in northern Mali``, ``in eastern Ukraine``
            end, m = self.place_after(j + 1, form, trigger, country)
            if m is not None and m.place.kind is Kind.COUNTRY:
                return end, m
        end, found = self.name_at(j)
        if found and end < self.n and self.tokens[end].norm in DIVISION_WORDS:
            division = self.division_word(found, self.tokens[end].norm)
            if division is not None and (country is None or division.country == country):
                return end + 1, self.mention(j, end + 1, division, Form.DIVISION_WORD, trigger)
            city = self.resolve(found, country=country, kinds=(Kind.CITY,))
            if city is not None and city.country in self.index.countries:
                # ``Zaporizhzhia oblast`` whose division the gazetteer cannot tie: the country
                nation = self.index.countries[city.country]
                return end + 1, self.mention(
                    j, end + 1, nation, Form.DIVISION_WORD, trigger, Precision.COUNTRY
                )
        if found and end + 1 < self.n and self.tokens[end].text == ",":
            after, wheres = self.division_at(end + 1)
            if wheres:
                place = self.within(found, wheres)
                if place is not None:
                    return after, self.mention(j, end, place, Form.APPOSITION, trigger + " ,")
                if wheres[0].kind is Kind.DIVISION:
                    return after, self.mention(
                        end + 1, after, wheres[0], Form.APPOSITION, trigger + " ,"
                    )
        if found and not self.continues_name(end):
            place = None
            if (
                form is Form.DESCRIBED
                and trigger.split()[-2:-1]
                and trigger.split()[-2].lower() in DIVISION_WORDS
            ):
                # ``the state of Rio Grande do Sul``: the division, not a town once so called
                place = self.resolve(found, country=country, kinds=(Kind.DIVISION,), supported=True)
            place = place or self.resolve(found, country=country, supported=form is Form.DESCRIBED)
            if place is not None:
                return end, self.mention(j, end, place, form, trigger)
        if not found or country is not None:
            # a town the gazetteer lacks: ``in Kilinochchi, Northern Province`` is the province,
            # ``the Syrian town of Kafr Nabl`` is Syria
            k = j
            while (
                k < self.n
                and k < j + 4
                and _capitalised(self.tokens[k])
                and self.tokens[k].text.isalpha()
            ):
                k += 1
            if k > j and k + 1 < self.n and self.tokens[k].text == ",":
                after, wheres = self.division_at(k + 1)
                if wheres and wheres[0].kind is Kind.DIVISION:
                    return after, self.mention(
                        k + 1, after, wheres[0], Form.APPOSITION, trigger + " ,"
                    )
            if k > j and country is not None and country in self.index.countries:
                place = self.index.countries[country]
                return k, self.mention(j, k, place, form, trigger, Precision.COUNTRY)
        return j, None

    def within(self, found: Sequence[Candidate], wheres: Sequence[Place]) -> Place | None:
        """Return the place of a name inside one of the divisions or countries the text puts it
        in (``Mobile, Alabama``); a place whose division the gazetteer does not know takes the
        division the text names (``Peshawar, Khyber Pakhtunkhwa``)."""
        for where in wheres:
            if where.kind is Kind.COUNTRY:
                place = self.resolve(found, country=where.country, kinds=(Kind.CITY, Kind.DIVISION))
            else:
                place = self.resolve(
                    found, country=where.country, adm1=where.adm1_code, kinds=(Kind.CITY,)
                )
                if place is None:
                    unfiled = [c for c in found if c.place.adm1_code is None]
                    place = self.resolve(unfiled, country=where.country, kinds=(Kind.CITY,))
                    if place is not None:
                        place = replace(place, adm1_code=where.adm1_code, adm1_name=where.name)
            if place is not None:
                return place
        return None

    def parenthesis_at(self, i: int) -> tuple[int, PlaceMention | None]:
        """Match ``(<district>, <province>)`` at token i (the opening parenthesis)."""
        k = i + 1
        while k < self.n and k < i + 6 and self.tokens[k].text not in (",", ")"):
            k += 1
        if k == i + 1 or k >= self.n or self.tokens[k].text != ",":
            return i, None
        after, wheres = self.division_at(k + 1)
        if not wheres or after >= self.n or self.tokens[after].text != ")":
            return i, None
        end, found = self.name_at(i + 1)
        if found and end == k:
            place = self.within(found, wheres)
            if place is not None:
                return after + 1, self.mention(i + 1, end, place, Form.PARENTHESIS, "(")
        return after + 1, self.mention(k + 1, after, wheres[0], Form.PARENTHESIS, "(")

    def _stops(self) -> tuple[set[int], list[int]]:
        """Return the tokens where a place name starts and those where a construction may
        begin (both empty when the sentence can name no place); set ``frames``."""
        norms = self.norms
        tokens = self.tokens
        # every construction needs a place name: most sentences name none, and end here
        firsts = self.index.first_words  # a large set: probed for capitalised words only
        starts = {k for k, t in enumerate(tokens) if t.text[:1].isupper() and norms[k] in firsts}
        if not starts:
            return starts, []
        self.frames = not PLACE_NOUNS.isdisjoint(norms) and any(
            k and norms[k - 1] in PLACE_NOUNS for k in _positions(norms, "of")
        )
        if not self.frames and not any(self.name_at(k)[1] for k in starts):
            # without a frame (``the town of``) every construction needs a name of the gazetteer
            return set(), []
        stops = set(starts)
        for word in (_FRAME_STOPS if self.frames else _STOPS).intersection(norms):
            stops.update(_positions(norms, word))
        return starts, sorted(stops)

    def find(self, bare: bool) -> list[PlaceMention]:
        found: list[PlaceMention] = []
        # the tokens where a construction may begin; the loop steps over the others
        starts, stops = self._stops()
        if not stops:
            return found
        at_stop = set(stops)
        i = 0
        while i < self.n:
            if i not in at_stop:
                k = bisect_left(stops, i)
                if k == len(stops):
                    break
                i = stops[k]
            token = self.tokens[i]
            if token.text == "(":
                end, m = self.parenthesis_at(i)
                if m is not None:
                    found.append(m)
                    i = end
                    continue
            j, trigger = self.trigger_at(i) if token.norm in TRIGGER_WORDS else (i, "")
            if j > i:
                d, country, words = self.described_at(j)
                if d > j:
                    end, m = self.place_after(d, Form.DESCRIBED, f"{trigger} {words}", country)
                else:
                    end, m = self.place_after(j, Form.PREPOSITION, trigger, None)
                if m is not None:
                    found.append(m)
                    i = end
                    continue
            elif token.norm == "the" and self.frames:
                d, country, words = self.described_at(i)
                if d > i:
                    end, m = self.place_after(d, Form.DESCRIBED, words, country)
                    if m is not None:
                        found.append(m)
                        i = end
                        continue
            if i not in starts:  # no place name starts here
                i += 1
                continue
            end, names = self.name_at(i)
            if names:
                if end < self.n and self.tokens[end].norm in DIVISION_WORDS:
                    division = self.division_word(names, self.tokens[end].norm)
                    if division is not None:
                        found.append(self.mention(i, end + 1, division, Form.DIVISION_WORD, ""))
                        i = end + 1
                        continue
                if end + 1 < self.n and self.tokens[end].text == ",":
                    after, wheres = self.division_at(end + 1)
                    place = self.within(names, wheres) if wheres else None
                    if place is not None:
                        found.append(self.mention(i, end, place, Form.APPOSITION, ","))
                        i = after
                        continue
                if bare and not self.continues_name(end):
                    place = self.resolve(names)
                    if place is not None:
                        found.append(self.mention(i, end, place, Form.BARE, ""))
                i = end
                continue
            i += 1
        return found


@functools.lru_cache(maxsize=4096)
def _division_type(code: str | None) -> str | None:
    """Return what ISO 3166-2 calls a division (``state``, ``department``), lower case."""
    found = pycountry.subdivisions.get(code=code) if code else None
    return str(found.type).lower() if found is not None else None


def _rank(c: Candidate) -> tuple[int, float]:
    return (KIND_RANK[c.place.kind], c.weight)


def find_places(
    tokens: Sequence[TokenLike],
    index: PlaceIndex,
    context: Context = frozenset(),
    *,
    text: str | None = None,
    bare: bool = False,
) -> list[PlaceMention]:
    """Return the places a sentence names, in order, each resolved against the gazetteer.

    ``tokens`` are the sentence's tokens (eventcodes.tokens.Token); ``context`` the alpha-3 codes of
    the countries the sentence or story names (or a function that returns them, called only when a
    name needs them); ``text`` the sentence, for the mentions' text. A name in no locative
    construction (``Damascus said``) is returned only with ``bare=True``, as Form.BARE, so that
    the coder can keep a capital as the metonym of its government.
    """
    return _Finder(tokens, index, context, text).find(bare)


def find_places_in(
    text: str, index: PlaceIndex, context: Collection[str] = frozenset(), *, bare: bool = False
) -> list[PlaceMention]:
    """Return the places a sentence names (tokenising it first); see find_places."""
    return find_places(index.tokenizer.tokenize(text), index, context, text=text, bare=bare)


def find_dateline_place(
    dateline: str, index: PlaceIndex, context: Collection[str] = frozenset()
) -> PlaceMention | None:
    """Return the place of a story's dateline (``KABUL, Afghanistan (Reuters) -``), or None.

    A dateline names a place, so words and people's names need no support there; a name shared
    across countries still takes the context's country, else the largest place.
    """
    tokens = index.tokenizer.tokenize(dateline)
    finder = _Finder(tokens, index, context, dateline)
    end, found = finder.name_at(0)
    if not found:
        return None
    if end + 1 < len(tokens) and tokens[end].text == ",":
        _after, wheres = finder.division_at(end + 1)
        if wheres:
            place = finder.within(found, wheres)
            if place is not None:
                return finder.mention(0, end, place, Form.DATELINE, "dateline")
    place = finder.resolve(found, supported=True)
    return finder.mention(0, end, place, Form.DATELINE, "dateline") if place else None


def context_countries(tokens: Sequence[TokenLike], index: PlaceIndex) -> set[str]:
    """Return the alpha-3 codes of the countries a text names by name or adjective."""
    finder = _Finder(tokens, index, (), None)
    codes: set[str] = set()
    i = 0
    while i < finder.n:
        end, code = finder.country_phrase_at(i) if _capitalised(tokens[i]) else (i, None)
        if code is not None:
            codes.add(code)
            i = end
        else:
            i += 1
    return codes
