"""Where events happened: the gazetteer of a codebook and the place mentions of a sentence."""

from __future__ import annotations

from .find import context_countries, find_dateline_place, find_places, find_places_in
from .index import PlaceIndex, load_place_index, read_places
from .model import EMPTY_COLUMNS, Form, Kind, Place, PlaceColumns, PlaceMention, Precision

__all__ = [
    "EMPTY_COLUMNS",
    "PlaceColumns",
    "Form",
    "Kind",
    "Place",
    "PlaceIndex",
    "PlaceMention",
    "Precision",
    "context_countries",
    "find_dateline_place",
    "find_places",
    "find_places_in",
    "load_place_index",
    "read_places",
]
