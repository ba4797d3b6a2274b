"""The events table contract (DESIGN 3.2): column names, Arrow types and descriptions."""

from __future__ import annotations

import pyarrow as pa

#: (name, Arrow type, description) in contract order. The data dictionary in
#: datapackage.json and the README are generated from or checked against this list.
CODED_COLUMNS: list[tuple[str, pa.DataType, str]] = [
    ("event_id", pa.string(), "Stable id: the same input and codebook give the same id."),
    ("doc_id", pa.string(), "The input document's id."),
    ("sentence_index", pa.int32(), "0-based index of the sentence in the document."),
    ("event_date", pa.date32(), "When the event happened, as best resolved."),
    ("date_precision", pa.string(), "day, week, month or year."),
    (
        "date_source",
        pa.string(),
        "text when a date expression in the sentence set the date, document otherwise.",
    ),
    (
        "source_code",
        pa.string(),
        "Full CAMEO actor code of the source, e.g. KORGOV; empty when unnamed.",
    ),
    ("source_country", pa.string(), "ISO 3166-1 alpha-3 of the source; null if not a state."),
    ("source_role", pa.string(), "CAMEO role/type code of the source (GOV, MIL, ...), or null."),
    ("source_text", pa.string(), "The words of the noun phrase that named the source."),
    ("event_code", pa.string(), "CAMEO event code with leading zeros, e.g. 042."),
    ("event_root", pa.string(), "Two-digit CAMEO root of the event code, e.g. 04."),
    (
        "quad_class",
        pa.int8(),
        "1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.",
    ),
    ("goldstein", pa.float64(), "Goldstein value of the event code, as the codebook writes it."),
    ("target_code", pa.string(), "Full CAMEO actor code of the target, or null."),
    ("target_country", pa.string(), "ISO 3166-1 alpha-3 of the target; null if not a state."),
    ("target_role", pa.string(), "CAMEO role/type code of the target, or null."),
    ("target_text", pa.string(), "The words of the noun phrase that named the target."),
    ("event_text", pa.string(), "The text of the action that was matched."),
    ("rule_id", pa.string(), "The codebook rule that produced the code."),
    ("publisher", pa.string(), "Copied from the document when given."),
    ("url", pa.string(), "Copied from the document when given."),
    # --- where it happened and how many died (issue 14): one block, GDELT ActionGeo_* / ACLED
    (
        "place_name",
        pa.string(),
        "Where the event happened: the gazetteer name of the place, division or country; null "
        "when neither the sentence nor the story names one.",
    ),
    ("place_country", pa.string(), "ISO 3166-1 alpha-3 of the place's country."),
    (
        "place_adm1_code",
        pa.string(),
        "ISO 3166-2 code of the place's first-order division (SY-HL), null when unknown.",
    ),
    ("place_adm1_name", pa.string(), "ISO 3166-2 name of that division (Ḩalab)."),
    (
        "latitude",
        pa.float64(),
        "Latitude of the place (WGS84 degrees; a division's is the centre of its places), or null.",
    ),
    ("longitude", pa.float64(), "Longitude of the place (WGS84 degrees), or null."),
    ("geonames_id", pa.int64(), "GeoNames id of the place or country, null for divisions."),
    (
        "place_precision",
        pa.string(),
        "place, division or country: how precisely the text locates the event.",
    ),
    (
        "fatalities",
        pa.int32(),
        "Deaths the sentence states (ACLED's fatalities), on its material-conflict events and "
        "riots; null on other events, when none is stated or no number.",
    ),
]

#: What analysts expect beside each event, added at the run level by eventcodes.views
#: (the coder's rows, eventcodes.coder.EventRow, hold CODED_COLUMNS only).
ANALYST_COLUMNS: list[tuple[str, pa.DataType, str]] = [
    ("publication_date", pa.date32(), "The document's publication date (the UTC date)."),
    ("title", pa.string(), "The document's title when given."),
    ("year", pa.int16(), "Year of event_date."),
    ("month", pa.int8(), "Month of event_date, 1 to 12."),
    ("event_label", pa.string(), "The codebook's name of the event code."),
    (
        "quad_label",
        pa.string(),
        "verbal cooperation, material cooperation, verbal conflict or material conflict.",
    ),
    ("plover_event", pa.string(), "PLOVER event type of the code (CAMEO-PLOVER crosswalk)."),
    ("plover_mode", pa.string(), "PLOVER mode of the code, or null."),
    ("plover_context", pa.string(), "PLOVER context(s) of the code, joined by ;, or null."),
    ("acled_event_type", pa.string(), "ACLED event type; null outside ACLED's scope."),
    ("acled_sub_event_type", pa.string(), "ACLED sub-event type; null outside ACLED's scope."),
    ("num_mentions", pa.int32(), "Events this row stands for (more than 1 after --one-a-day)."),
    ("num_documents", pa.int32(), "Distinct documents that reported it."),
    ("num_sources", pa.int32(), "Distinct publishers that reported it."),
    ("sentence_text", pa.string(), "The sentence's text with --sentence-text, else null."),
]

#: quad_label for quad_class 1 to 4
QUAD_LABELS: tuple[str, str, str, str] = (
    "verbal cooperation",
    "material cooperation",
    "verbal conflict",
    "material conflict",
)

EVENT_COLUMNS: list[tuple[str, pa.DataType, str]] = CODED_COLUMNS + ANALYST_COLUMNS
CODED_COLUMN_NAMES: list[str] = [n for n, _, _ in CODED_COLUMNS]

EVENT_SCHEMA: pa.Schema = pa.schema([pa.field(n, t) for n, t, _ in EVENT_COLUMNS])
EVENT_COLUMN_NAMES: list[str] = [n for n, _, _ in EVENT_COLUMNS]

#: Columns of rejects.jsonl, one JSON object per rejected record.
REJECT_FIELDS: list[tuple[str, str]] = [
    ("file", "The input file the record came from."),
    ("line", "1-based line (JSONL, CSV, text) or row (Parquet) of the record, or null."),
    ("doc_id", "The record's id when it had one."),
    ("reason", "Why the record could not be coded, and what to do."),
]
