"""Places of the gazetteer and the place mentions found in a sentence."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TypedDict


class Kind(StrEnum):
    """What a gazetteer row is: a populated place, a first-order division or a country."""

    CITY = "city"
    DIVISION = "division"
    COUNTRY = "country"


class Precision(StrEnum):
    """How precisely a mention locates an event (the ``place_precision`` column)."""

    PLACE = "place"
    DIVISION = "division"
    COUNTRY = "country"


class Form(StrEnum):
    """The construction a place was named in."""

    #: ``in``, ``near``, ``outside``, ``north of``, ``on the outskirts of`` + place
    PREPOSITION = "preposition"
    #: ``the eastern Ukrainian town of Bakhmut``, ``the city of Mosul``
    DESCRIBED = "described"
    #: ``<town>, <province>`` or ``<town>, <country>``
    APPOSITION = "apposition"
    #: ``(<district>, <province>)``
    PARENTHESIS = "parenthesis"
    #: ``<province> state/province/district/governorate/region/oblast``
    DIVISION_WORD = "division_word"
    #: a dateline: ``KABUL, Afghanistan (Reuters) -``
    DATELINE = "dateline"
    #: a name with no locative construction (``Damascus said``): a capital may be a metonym
    BARE = "bare"


#: the kinds that say a name is a location, not an actor
LOCATIVE_FORMS = frozenset(Form) - {Form.BARE}


@dataclass(frozen=True, slots=True)
class Place:
    """One row of the places table: a place, division or country with where it lies."""

    name: str
    kind: Kind
    country: str
    adm1_code: str | None
    adm1_name: str | None
    latitude: float | None
    longitude: float | None
    population: int
    geonames_id: int | None
    #: ``word`` or ``person`` when the name is also an ordinary word or a person's name
    context: str
    #: ``path:line`` of the row
    where: str

    @property
    def precision(self) -> Precision:
        return {
            Kind.CITY: Precision.PLACE,
            Kind.DIVISION: Precision.DIVISION,
            Kind.COUNTRY: Precision.COUNTRY,
        }[self.kind]


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A place named in a sentence: where (tokens and characters), how, and what it resolved to."""

    #: token span [token_start, token_end) of the place name
    token_start: int
    token_end: int
    #: character span [start, end) of the whole expression's place name in the sentence
    start: int
    end: int
    text: str
    place: Place
    precision: Precision
    form: Form
    #: the word(s) that made it a location (``in``, ``north of``, ``town of``, ``,``)
    trigger: str

    @property
    def locative(self) -> bool:
        """Return True when the construction says the name is a location, not an actor."""
        return self.form in LOCATIVE_FORMS

    # the event columns this mention fills (DESIGN 3.2)
    def columns(self) -> PlaceColumns:
        """Return the event row's place columns for this mention."""
        p = self.place
        return {
            "place_name": p.name,
            "place_country": p.country,
            "place_adm1_code": p.adm1_code,
            "place_adm1_name": p.adm1_name,
            "latitude": p.latitude,
            "longitude": p.longitude,
            "geonames_id": p.geonames_id,
            "place_precision": str(self.precision),
        }


class PlaceColumns(TypedDict):
    """The place columns of an event row (DESIGN 3.2)."""

    place_name: str | None
    place_country: str | None
    place_adm1_code: str | None
    place_adm1_name: str | None
    latitude: float | None
    longitude: float | None
    geonames_id: int | None
    place_precision: str | None


#: the place columns of an event row when the text names no place
EMPTY_COLUMNS: PlaceColumns = {
    "place_name": None,
    "place_country": None,
    "place_adm1_code": None,
    "place_adm1_name": None,
    "latitude": None,
    "longitude": None,
    "geonames_id": None,
    "place_precision": None,
}
