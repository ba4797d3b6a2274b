"""Tests of reading input documents (DESIGN 3.1): every record is a Document or a Reject."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import tempfile
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from eventcodes.documents import Document, Reject
from eventcodes.errors import InputError
from eventcodes.ingest import read_documents
from eventcodes.origin import Origin

DATA = Path(__file__).parent / "data" / "ingest"


def read(*paths: Path, default_date: dt.date | None = None) -> tuple[list[Document], list[Reject]]:
    """Return the documents and the rejects of the inputs, each in the order read."""
    items = list(read_documents(list(paths), default_date=default_date))
    documents = [item for item in items if isinstance(item, Document)]
    rejects = [item for item in items if isinstance(item, Reject)]
    assert len(documents) + len(rejects) == len(items)
    return documents, rejects


def line_of(item: Document | Reject) -> int | None:
    """Return the line (or row) an item came from."""
    if isinstance(item, Reject):
        return item.line
    assert item.origin is not None
    return item.origin.line


def jsonl(records: list[object]) -> bytes:
    """Return JSON lines holding the records, one a line."""
    return b"".join(json.dumps(record).encode() + b"\n" for record in records)


def good(doc_id: object = "a", **fields: object) -> dict[str, object]:
    """Return a valid record, with some fields replaced or added."""
    return {
        "id": doc_id,
        "date": "2024-11-04",
        "text": "Seoul and Tokyo agreed to talks.",
        **fields,
    }


# --- one case for each kind of bad record, with good records around it --------------------------

BAD_RECORDS = [
    # file, line, doc_id, phrase, ids of the documents still read, number of records
    ("missing-id.jsonl", 2, None, "missing field 'id'", ["good-1", "good-3"], 3),
    ("missing-date.jsonl", 2, "no-date", "missing field 'date'", ["good-1", "good-3"], 3),
    (
        "unparseable-date.jsonl",
        2,
        "us-date",
        "ambiguous numeric date 11/04/2024 (day and month could be swapped; give --date-order",
        ["good-1", "good-3"],
        3,
    ),
    (
        "invalid-utf8.jsonl",
        2,
        None,
        "not valid UTF-8: byte 0xE9 at byte offset 52 of the line (re-encode the file as UTF-8)",
        ["good-1", "good-3"],
        3,
    ),
    (
        "invalid-utf8.csv",
        3,
        "latin-1",
        "not valid UTF-8: field 'text' has byte 0xE9 at byte offset 3",
        ["good-1", "good-3"],
        3,
    ),
    ("empty-text.jsonl", 2, "empty", "empty text", ["good-1", "good-3"], 3),
    ("whitespace-text.jsonl", 2, "blank", "empty text", ["good-1", "good-3"], 3),
    (
        "truncated-line.jsonl",
        3,
        None,
        "malformed JSON: Unterminated string starting at column",
        ["good-1", "good-2"],
        3,
    ),
    (
        "array-line.jsonl",
        2,
        None,
        "the JSON line is an array, not an object",
        ["good-1", "good-3"],
        3,
    ),
    (
        "duplicate-id.jsonl",
        3,
        "good-1",
        "duplicate id 'good-1' (first used at {dir}/duplicate-id.jsonl:1",
        ["good-1", "good-2"],
        3,
    ),
    (
        "wrong-type-title.jsonl",
        2,
        "title-number",
        "field 'title' must be a string or null, not a number",
        ["good-1", "good-3"],
        3,
    ),
    (
        "extra-field.csv",
        3,
        None,
        "the row has 4 fields but the header has 3 (put double quotes around fields",
        ["good-1", "good-3"],
        3,
    ),
]


@pytest.mark.parametrize(
    ("name", "line", "doc_id", "phrase", "kept", "records"),
    BAD_RECORDS,
    ids=[case[0] for case in BAD_RECORDS],
)
def test_bad_record_is_rejected_and_the_others_are_kept(
    name: str, line: int, doc_id: str | None, phrase: str, kept: list[str], records: int
) -> None:
    path = DATA / "bad" / name
    documents, rejects = read(path)
    assert [d.id for d in documents] == kept
    assert len(documents) + len(rejects) == records
    [reject] = rejects
    assert (reject.file, reject.line, reject.doc_id) == (str(path), line, doc_id)
    assert phrase.format(dir=path.parent) in reject.reason


def test_csv_without_a_required_column_is_one_reject_and_the_next_file_is_read() -> None:
    bad = DATA / "bad" / "no-date-column.csv"
    documents, rejects = read(bad, DATA / "good" / "multiline.csv")
    assert [d.id for d in documents] == ["multi-1", "multi-2", "multi-3"]
    assert [(r.file, r.line, r.doc_id) for r in rejects] == [(str(bad), 1, None)]
    assert "the CSV has no 'date' column (its columns are: id, published, text" in rejects[0].reason


def test_a_record_with_several_problems_names_them_all(tmp_path: Path) -> None:
    path = tmp_path / "several.jsonl"
    path.write_bytes(jsonl([{"date": "soon", "text": " ", "title": ["a"]}]))
    [reject] = list(read_documents([path]))
    assert isinstance(reject, Reject)
    for phrase in ("missing field 'id'", "unparseable date 'soon'", "empty text", "'title'"):
        assert phrase in reject.reason


def test_non_document_file_in_a_directory_is_rejected_and_the_others_are_read() -> None:
    directory = DATA / "dir-with-notes"
    items = list(read_documents([directory]))
    assert [
        (type(i).__name__, i.file if isinstance(i, Reject) else str(i.origin)) for i in items
    ] == [
        ("Document", f"{directory}/a.jsonl:1"),
        ("Reject", f"{directory}/notes.md"),
        ("Document", f"{directory}/sub/b.csv:2"),
    ]
    reject = items[1]
    assert isinstance(reject, Reject)
    assert reject.line is None
    assert reject.reason.startswith("not a document file (only names ending in .jsonl")
    assert ".parquet" in reject.reason


# --- text files -----------------------------------------------------------------------------------

TEXT_CASES = [
    # file, default_date, expected date (None: rejected)
    ("2024-11-04-seoul.txt", None, dt.date(2024, 11, 4)),
    ("2024-11-04-seoul.txt", dt.date(2024, 12, 25), dt.date(2024, 12, 25)),
    ("seoul-undated.txt", dt.date(2024, 12, 25), dt.date(2024, 12, 25)),
    ("seoul-undated.txt", None, None),
]


@pytest.mark.parametrize(("name", "default_date", "date"), TEXT_CASES)
def test_text_file_is_one_document_dated_by_default_date_or_name(
    name: str, default_date: dt.date | None, date: dt.date | None
) -> None:
    path = DATA / "txt" / name
    documents, rejects = read(path, default_date=default_date)
    doc_id = name.removesuffix(".txt")
    if date is None:
        assert documents == []
        [reject] = rejects
        assert (reject.file, reject.line, reject.doc_id) == (str(path), 1, doc_id)
        assert (
            "give the publication date with --date or put YYYY-MM-DD in the file name"
            in reject.reason
        )
    else:
        assert rejects == []
        assert documents == [
            Document(id=doc_id, date=date, text=path.read_text("utf-8"), origin=Origin(path, 1))
        ]


@pytest.mark.parametrize(
    ("name", "doc_id", "date"),
    [
        ("2024-11-04-seoul.txt", "2024-11-04-seoul", dt.date(2024, 11, 4)),
        ("seoul.2024-11-04.TXT", "seoul.2024-11-04", dt.date(2024, 11, 4)),
        ("2024-13-45-then-2024-02-29.txt", "2024-13-45-then-2024-02-29", dt.date(2024, 2, 29)),
        ("report-12024-11-04.txt", "report-12024-11-04", None),
    ],
)
def test_text_file_id_and_date_come_from_its_name(
    tmp_path: Path, name: str, doc_id: str, date: dt.date | None
) -> None:
    path = tmp_path / name
    path.write_text("Seoul and Tokyo agreed to talks.", encoding="utf-8")
    [item] = list(read_documents([path]))
    if date is None:
        assert isinstance(item, Reject)
        assert item.doc_id == doc_id
    else:
        assert isinstance(item, Document)
        assert (item.id, item.date) == (doc_id, date)


@pytest.mark.parametrize(
    ("content", "line", "phrase"),
    [
        (b"", 1, "empty text"),
        (b"  \n\n ", 1, "empty text"),
        (
            b"line one\nline two caf\xe9\n",
            2,
            "not valid UTF-8: byte 0xE9 at byte offset 21 of the file",
        ),
    ],
)
def test_bad_text_file_is_rejected(tmp_path: Path, content: bytes, line: int, phrase: str) -> None:
    path = tmp_path / "2024-11-04-bad.txt"
    path.write_bytes(content)
    [reject] = list(read_documents([path]))
    assert isinstance(reject, Reject)
    assert (reject.file, reject.line, reject.doc_id) == (str(path), line, "2024-11-04-bad")
    assert phrase in reject.reason


# --- gzip ---------------------------------------------------------------------------------------

GZ_CASES = [
    ("news.jsonl", jsonl([good("a"), good("b", title="B", url="https://example.org/b")])),
    (
        "news.csv",
        b'id,date,text,publisher\na,2024-11-04,"Seoul, Nov 4",AP\nb,2024-11-05,"two\nlines",\n',
    ),
    ("2024-11-04-seoul.txt", b"SEOUL - Talks resumed.\n"),
]


@pytest.mark.parametrize(("name", "content"), GZ_CASES, ids=[case[0] for case in GZ_CASES])
def test_gzip_file_reads_as_the_plain_file(tmp_path: Path, name: str, content: bytes) -> None:
    plain = tmp_path / "plain" / name
    packed = tmp_path / "packed" / f"{name}.gz"
    plain.parent.mkdir()
    packed.parent.mkdir()
    plain.write_bytes(content)
    packed.write_bytes(gzip.compress(content))
    plain_items = list(read_documents([plain]))
    packed_items = list(read_documents([packed]))
    assert plain_items
    assert all(isinstance(item, Document) for item in plain_items)
    assert [_without_origin(item) for item in packed_items] == [
        _without_origin(item) for item in plain_items
    ]
    assert [line_of(item) for item in packed_items] == [line_of(item) for item in plain_items]


def _without_origin(item: Document | Reject) -> object:
    assert isinstance(item, Document)
    return (item.id, item.date, item.text, item.title, item.publisher, item.url, item.language)


def _truncated(data: bytes) -> bytes:
    return data[: len(data) // 2]


CORRUPT_GZ_CASES = [
    # file, gzip bytes, reject line (None: nothing could be read)
    ("many.jsonl.gz", _truncated(gzip.compress(jsonl([good(str(i)) for i in range(5000)]))), -1),
    ("plain.jsonl.gz", jsonl([good("a")]), None),
    ("plain.csv.gz", b"id,date,text\na,2024-11-04,Talks.\n", None),
    ("2024-11-04-cut.txt.gz", _truncated(gzip.compress(b"Talks resumed. " * 5000)), None),
]


@pytest.mark.parametrize(
    ("name", "data", "line"), CORRUPT_GZ_CASES, ids=[case[0] for case in CORRUPT_GZ_CASES]
)
def test_corrupt_gzip_file_is_a_reject_not_a_crash(
    tmp_path: Path, name: str, data: bytes, line: int | None
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    after = tmp_path / "after.jsonl"
    after.write_bytes(jsonl([good("after")]))
    items = list(read_documents([path, after]))
    rejects = [item for item in items if isinstance(item, Reject)]
    [reject] = rejects
    assert reject.file == str(path)
    assert "the gzip data is corrupt or truncated" in reject.reason
    documents = [item for item in items if isinstance(item, Document)]
    assert documents[-1].id == "after"
    if line is None:
        assert reject.line is None
        assert len(documents) == 1
    else:
        # the records before the damage were read, and the reject says where reading stopped
        read_before = len(documents) - 1
        assert read_before > 0
        assert reject.line == read_before + 1
        assert f"reading stopped after line {read_before}" in reject.reason


# --- CSV ----------------------------------------------------------------------------------------


def test_csv_multiline_quoted_fields_keep_the_line_where_each_record_starts() -> None:
    path = DATA / "good" / "multiline.csv"
    documents, rejects = read(path)
    assert rejects == []
    assert [(d.id, str(d.origin), d.title) for d in documents] == [
        ("multi-1", f"{path}:2", "Two paragraphs"),
        ("multi-2", f"{path}:5", "Quotes"),
        ("multi-3", f"{path}:6", None),
    ]
    assert documents[0].text == "First paragraph.\r\n\r\nSecond paragraph, with a comma."
    assert documents[1].text == 'He said "talks" were over.'


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        # blank rows and rows of empty fields are not records; a bad quote is one reject
        (
            'id,date,text\n\na,2024-11-04,x\n,,\nb,2024-11-04,"bad"quote\nc,2024-11-04,y\n',
            [(3, "a"), (5, "malformed CSV"), (6, "c")],
        ),
        # an unclosed quote runs to the end of the file
        (
            'id,date,text\na,2024-11-04,x\nb,2024-11-04,"never closed\nc\n',
            [(2, "a"), (3, "malformed")],
        ),
        # a short row misses its required fields
        ("id,date,text\na,2024-11-04\n", [(2, "missing field 'text'")]),
        # the header may have a byte-order mark, spaces and extra columns in any order
        ("\ufeff text , id,extra,date\nT,a,,2024-11-04\n", [(2, "a")]),
    ],
)
def test_csv_rows(tmp_path: Path, content: str, expected: list[tuple[int, str]]) -> None:
    path = tmp_path / "rows.csv"
    path.write_text(content, encoding="utf-8", newline="")
    items = list(read_documents([path]))
    got = [(line_of(i), i.id if isinstance(i, Document) else i.reason) for i in items]
    assert len(got) == len(expected)
    for (line, value), (want_line, want) in zip(got, expected, strict=True):
        assert line == want_line
        assert want in value


def test_csv_field_longer_than_the_csv_module_default_is_read(tmp_path: Path) -> None:
    text = "Talks. " * 40_000
    path = tmp_path / "long.csv"
    path.write_text(f'id,date,text\nlong,2024-11-04,"{text}"\n', encoding="utf-8")
    [document] = list(read_documents([path]))
    assert isinstance(document, Document)
    assert document.text == text


# --- Parquet ------------------------------------------------------------------------------------

SEOUL = dt.timezone(dt.timedelta(hours=9))


@pytest.mark.parametrize(
    ("dates", "expected"),
    [
        (pa.array([dt.date(2024, 11, 4)], pa.date32()), dt.date(2024, 11, 4)),
        # 01:00 in Seoul is still 3 November in UTC: a zoned time gives its UTC date
        (
            pa.array([dt.datetime(2024, 11, 4, 1, 0, tzinfo=SEOUL)], pa.timestamp("s", "+09:00")),
            dt.date(2024, 11, 3),
        ),
        (pa.array([dt.datetime(2024, 11, 4, 9, 30)], pa.timestamp("us")), dt.date(2024, 11, 4)),
        (pa.array(["2024-11-04T09:30:00Z"]), dt.date(2024, 11, 4)),
    ],
)
def test_parquet_date_column_types(tmp_path: Path, dates: pa.Array, expected: dt.date) -> None:
    path = tmp_path / "one.parquet"
    pq.write_table(pa.table({"id": ["a"], "date": dates, "text": ["Talks."]}), path)
    [document] = list(read_documents([path]))
    assert isinstance(document, Document)
    assert document.date == expected


def test_parquet_rows_across_batches_with_numeric_ids_and_bad_rows(tmp_path: Path) -> None:
    rows = 2500
    texts = ["Talks." if i != 1500 else "   " for i in range(rows)]
    dates = [dt.date(2024, 11, 4) if i != 2400 else None for i in range(rows)]
    table = pa.table(
        {
            "text": texts,
            "id": pa.array(range(rows), pa.int64()),
            "date": pa.array(dates, pa.date32()),
            "publisher": ["AP"] * rows,
            "ignored": [1.5] * rows,
        }
    )
    path = tmp_path / "many.parquet"
    pq.write_table(table, path, row_group_size=700)
    items = list(read_documents([path]))
    assert [line_of(item) for item in items] == list(range(1, rows + 1))
    rejects = [item for item in items if isinstance(item, Reject)]
    assert [(r.line, r.doc_id) for r in rejects] == [(1501, "1500"), (2401, "2400")]
    assert "empty text" in rejects[0].reason
    assert "missing field 'date'" in rejects[1].reason
    first = items[0]
    assert isinstance(first, Document)
    assert (first.id, first.publisher, str(first.origin)) == ("0", "AP", f"{path}:1")


def test_parquet_without_a_required_column_is_one_reject(tmp_path: Path) -> None:
    path = tmp_path / "no-text.parquet"
    pq.write_table(pa.table({"id": ["a"], "date": ["2024-11-04"], "body": ["Talks."]}), path)
    [reject] = list(read_documents([path]))
    assert isinstance(reject, Reject)
    assert (reject.file, reject.line) == (str(path), None)
    assert "the Parquet file has no 'text' column" in reject.reason


def test_file_that_is_not_parquet_is_a_reject(tmp_path: Path) -> None:
    path = tmp_path / "fake.parquet"
    path.write_bytes(b"id,date,text\n")
    [reject] = list(read_documents([path]))
    assert isinstance(reject, Reject)
    assert reject.line is None
    assert "cannot read the Parquet file" in reject.reason


# --- directories and inputs ----------------------------------------------------------------------


def test_directory_order_is_sorted_tree_order_and_dot_names_are_skipped(tmp_path: Path) -> None:
    names = [
        "b.jsonl",
        "a/z.jsonl",
        ".git/objects.jsonl",
        "a/b/c.jsonl",
        "A.ndjson",
        ".hidden.jsonl",
        "c/.DS_Store",
        "a.csv",
        "a/.cache/x.json",
    ]
    for number, name in enumerate(names):
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if name.endswith(".csv"):
            path.write_text(f"id,date,text\n{number},2024-11-04,Talks.\n", encoding="utf-8")
        else:
            path.write_bytes(jsonl([good(str(number))]))
    origins = [str(item.origin) for item in read(tmp_path)[0]]
    assert read(tmp_path)[1] == []
    assert origins == [
        f"{tmp_path}/A.ndjson:1",
        f"{tmp_path}/a/b/c.jsonl:1",
        f"{tmp_path}/a/z.jsonl:1",
        f"{tmp_path}/a.csv:2",
        f"{tmp_path}/b.jsonl:1",
    ]
    assert [str(item.origin) for item in read(tmp_path)[0]] == origins


def test_inputs_are_read_in_the_order_given(tmp_path: Path) -> None:
    first, second = tmp_path / "z.jsonl", tmp_path / "a.jsonl"
    first.write_bytes(jsonl([good("z")]))
    second.write_bytes(jsonl([good("a")]))
    assert [d.id for d in read(first, second)[0]] == ["z", "a"]


@pytest.mark.parametrize(
    ("name", "create", "phrase"),
    [
        ("missing.jsonl", False, "missing.jsonl does not exist"),
        ("notes.md", True, "notes.md is not a document file (name files ending in .jsonl"),
        ("table.parquet.gz", True, "table.parquet.gz is not a document file"),
    ],
)
def test_unusable_input_named_directly_raises_input_error_at_once(
    tmp_path: Path, name: str, create: bool, phrase: str
) -> None:
    good_file = tmp_path / "good.jsonl"
    good_file.write_bytes(jsonl([good()]))
    path = tmp_path / name
    if create:
        path.write_bytes(b"x")
    with pytest.raises(InputError) as raised:
        read_documents([good_file, path])  # not iterated: the check comes first
    assert phrase in str(raised.value)


# --- fields -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (42, "42"),
        (0, "0"),
        (12.0, "12"),
        (1.5, "1.5"),
        ("007", "007"),
        (" padded ", " padded "),
        (True, None),
        (float("nan"), None),
        ([1], None),
        ("", None),
    ],
)
def test_id_values(tmp_path: Path, value: object, expected: str | None) -> None:
    path = tmp_path / "ids.jsonl"
    path.write_bytes(jsonl([good(value)]))
    [item] = list(read_documents([path]))
    if expected is None:
        assert isinstance(item, Reject)
        assert "'id'" in item.reason
    else:
        assert isinstance(item, Document)
        assert item.id == expected


def test_csv_numeric_looking_id_stays_as_written(tmp_path: Path) -> None:
    path = tmp_path / "ids.csv"
    path.write_text("id,date,text\n007,2024-11-04,Talks.\n1.50,2024-11-04,Talks.\n", "utf-8")
    assert [d.id for d in read(path)[0]] == ["007", "1.50"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-11-04", dt.date(2024, 11, 4)),
        (" 2024-11-04 ", dt.date(2024, 11, 4)),
        ("2024-11-04T09:30:00Z", dt.date(2024, 11, 4)),
        # an offset gives the UTC date (more forms in test_pubdates.py)
        ("2024-11-04T23:30:00-05:00", dt.date(2024, 11, 5)),
        ("2024-11-04T00:30:00+09:00", dt.date(2024, 11, 3)),
        ("2024-11-04T00:30:00.123456+0900", dt.date(2024, 11, 3)),
        ("2024-11-04 09:30", dt.date(2024, 11, 4)),
        ("2024-02-29", dt.date(2024, 2, 29)),
        # nothing else is a date
        ("2023-02-29", None),
        ("2024-13-01", None),
        ("2024-11-04T25:00:00", None),
        ("2024-11-04T09:30:00+24:00", None),
        ("2024-11", None),
        ("yesterday", None),
    ],
)
def test_date_values(tmp_path: Path, value: str, expected: dt.date | None) -> None:
    path = tmp_path / "dates.jsonl"
    path.write_bytes(jsonl([good(date=value)]))
    [item] = list(read_documents([path]))
    if expected is None:
        assert isinstance(item, Reject)
        assert f"unparseable date {value!r}" in item.reason
    else:
        assert isinstance(item, Document)
        assert item.date == expected


@pytest.mark.parametrize(
    ("fields", "phrase"),
    [
        ({"date": None}, "missing field 'date'"),
        ({"date": ""}, "empty field 'date'"),
        ({"date": 20241104}, "field 'date' must be a string, not a number"),
        ({"text": None}, "missing field 'text'"),
        ({"text": {"body": "x"}}, "field 'text' must be a string, not an object"),
        ({"text": "\ud800"}, "field 'text' holds a lone surrogate"),
        ({"url": False}, "field 'url' must be a string or null, not true or false"),
    ],
)
def test_field_problems(tmp_path: Path, fields: dict[str, object], phrase: str) -> None:
    path = tmp_path / "fields.jsonl"
    path.write_bytes(jsonl([good(**fields)]))
    [item] = list(read_documents([path]))
    assert isinstance(item, Reject)
    assert phrase in item.reason


def test_optional_fields_are_kept_blank_ones_are_none_and_unknown_ones_ignored(
    tmp_path: Path,
) -> None:
    path = tmp_path / "fields.jsonl"
    record = good(title="T", publisher="AP", url="", language=None, section="World")
    path.write_bytes(jsonl([record]))
    [document] = read(path)[0]
    assert (document.title, document.publisher, document.url, document.language) == (
        "T",
        "AP",
        None,
        None,
    )


def test_jsonl_with_bom_crlf_and_blank_lines(tmp_path: Path) -> None:
    path = tmp_path / "windows.jsonl"
    lines = [json.dumps(good("a")), "", "   ", json.dumps(good("b")), ""]
    path.write_bytes(b"\xef\xbb\xbf" + "\r\n".join(lines).encode())
    documents, rejects = read(path)
    assert rejects == []
    assert [(d.id, str(d.origin)) for d in documents] == [("a", f"{path}:1"), ("b", f"{path}:4")]


def test_indented_json_file_gets_a_hint(tmp_path: Path) -> None:
    path = tmp_path / "indented.json"
    path.write_text(json.dumps([good()], indent=2), encoding="utf-8")
    # Before: one reject a line, most of them saying the file was cut.
    [reject] = list(read_documents([path]))
    assert isinstance(reject, Reject)
    assert (reject.file, reject.line) == (str(path), 1)
    assert "the file is one indented JSON document" in reject.reason
    assert "jq -c '.[]' indented.json > indented.jsonl" in reject.reason


@pytest.mark.parametrize("first", ["[", "{", "[{"])
def test_an_indented_json_file_is_one_reject_however_it_starts(tmp_path: Path, first: str) -> None:
    path = tmp_path / "indented.json.gz"
    body = json.dumps(good(), indent=2)
    text = f"\n{first}\n{body[1:]}" if first != "[{" else "[{\n" + body[1:] + "]"
    path.write_bytes(gzip.compress(text.encode()))
    [reject] = list(read_documents([path]))
    assert isinstance(reject, Reject) and reject.line == 2 - (first == "[{")
    assert "indented JSON document" in reject.reason


@pytest.mark.parametrize("first", ['{"id": "a", "te', "[", "{"])
def test_a_jsonl_file_whose_first_line_was_cut_is_still_read_line_by_line(
    tmp_path: Path, first: str
) -> None:
    path = tmp_path / "cut.jsonl"
    path.write_text(first + "\n" + json.dumps(good("b")) + "\n", encoding="utf-8")
    documents, rejects = read(path)
    assert [d.id for d in documents] == ["b"]
    assert [r.line for r in rejects] == [1]


def test_the_conversion_hint_never_names_the_file_itself(tmp_path: Path) -> None:
    path = tmp_path / "news.jsonl"
    path.write_text(json.dumps([good()], indent=2), encoding="utf-8")
    [reject] = list(read_documents([path]))
    assert isinstance(reject, Reject)
    assert "jq -c '.[]' news.jsonl > news-lines.jsonl" in reject.reason


@pytest.mark.parametrize("value", ["NaN", "Infinity", "-Infinity"])
def test_an_id_that_is_not_a_finite_number_says_so(tmp_path: Path, value: str) -> None:
    # Before: "must be a string or a number, not a number".
    path = tmp_path / "nan.jsonl"
    path.write_text(
        f'{{"id": {value}, "date": "2024-11-04", "text": "Seoul met Tokyo."}}\n', encoding="utf-8"
    )
    documents, [reject] = read(path)
    assert documents == []
    assert "not finite" in reject.reason and "not a number" not in reject.reason
    assert "give every record a unique id" in reject.reason


def test_a_link_that_loops_is_a_reject_and_the_rest_of_the_directory_is_read(
    tmp_path: Path,
) -> None:
    # Before: the whole run stopped with "Too many levels of symbolic links".
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.jsonl").write_bytes(jsonl([good("a")]))
    (corpus / "loop.jsonl").symlink_to("loop.jsonl")
    (corpus / "ping").symlink_to("pong")
    (corpus / "pong").symlink_to("ping")
    (corpus / "z.jsonl").write_bytes(jsonl([good("z")]))
    documents, rejects = read(corpus)
    assert [d.id for d in documents] == ["a", "z"]
    assert [Path(r.file).name for r in rejects] == ["loop.jsonl", "ping", "pong"]
    assert all("loops back to itself" in r.reason for r in rejects)


def test_an_input_that_is_a_looping_link_names_it(tmp_path: Path) -> None:
    link = tmp_path / "loop.jsonl"
    link.symlink_to("loop.jsonl")
    with pytest.raises(InputError, match="loop.jsonl is a link to nothing, or to itself"):
        read_documents([link])


def test_duplicate_ids_across_files_name_the_first_file(tmp_path: Path) -> None:
    first, second = tmp_path / "a.jsonl", tmp_path / "b.csv"
    first.write_bytes(jsonl([good("x"), good("y")]))
    second.write_text("id,date,text\ny,2024-11-05,Again.\n", encoding="utf-8")
    documents, rejects = read(first, second)
    assert [d.id for d in documents] == ["x", "y"]
    [reject] = rejects
    assert (reject.file, reject.line, reject.doc_id) == (str(second), 2, "y")
    assert f"first used at {first}:2" in reject.reason


def test_a_rejected_record_does_not_claim_its_id(tmp_path: Path) -> None:
    path = tmp_path / "retry.jsonl"
    path.write_bytes(jsonl([good("x", text=""), good("x")]))
    documents, rejects = read(path)
    assert [str(d.origin) for d in documents] == [f"{path}:2"]
    assert [r.line for r in rejects] == [1]


# --- property: every non-blank line gives exactly one item --------------------------------------

FIELD_NAMES = st.sampled_from(["id", "date", "text", "title", "publisher", "url", "language"])
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=10),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner),
    max_leaves=6,
)
DATE_TEXTS = st.dates().map(dt.date.isoformat) | st.datetimes().map(lambda d: f"{d.isoformat()}Z")
VALID_LINES = st.builds(
    lambda doc_id, date, text: json.dumps({"id": doc_id, "date": date, "text": text}).encode(),
    st.text(min_size=1, max_size=4) | st.integers(),
    DATE_TEXTS,
    st.text(min_size=1, max_size=20),
)
RECORD_LINES = st.dictionaries(
    FIELD_NAMES | st.text(max_size=6), JSON_VALUES | DATE_TEXTS, max_size=8
).map(lambda record: json.dumps(record, ensure_ascii=False).encode("utf-8", "surrogatepass"))
TEXT_LINES = st.text(max_size=30).map(lambda text: text.replace("\n", " ").encode())
BINARY_LINES = st.binary(max_size=30).map(lambda data: data.replace(b"\n", b""))
LINES = st.lists(st.one_of(VALID_LINES, RECORD_LINES, TEXT_LINES, BINARY_LINES), max_size=20)


def parses(line: bytes) -> bool:
    try:
        json.loads(line)
    except (ValueError, RecursionError):
        return False
    return True


@settings(max_examples=100, deadline=None)
@given(lines=LINES, final_newline=st.booleans())
@example(lines=[b"{", b"00"], final_newline=False)  # a bad first line, then a bad line: two rejects
def test_every_non_blank_jsonl_line_gives_exactly_one_item(
    lines: list[bytes], final_newline: bool
) -> None:
    data = b"\n".join(lines) + (b"\n" if final_newline and lines else b"")
    # a byte-order mark opening the file is not part of the first line
    numbered = enumerate(data.removeprefix(b"\xef\xbb\xbf").split(b"\n"), start=1)
    record_lines = [number for number, line in numbered if line.strip()]
    by_number = dict(enumerate(data.removeprefix(b"\xef\xbb\xbf").split(b"\n"), start=1))
    if (
        len(record_lines) > 1
        and by_number[record_lines[0]].strip() in (b"[", b"{", b"[{", b"[ {")
        and by_number[record_lines[1]].lstrip()[:1] in (b'"', b"{", b"[", b"}", b"]")
        and not parses(by_number[record_lines[1]])
    ):
        # an indented JSON file (its second line a member or an element that is not JSON on its
        # own): one reject for the whole file; else each line is read on its own
        record_lines = record_lines[:1]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "random.jsonl"
        path.write_bytes(data)
        items = list(read_documents([path]))
    assert [line_of(item) for item in items] == record_lines
    for item in items:
        if isinstance(item, Reject):
            assert item.file == str(path)
            assert item.reason
        else:
            assert item.text.strip()
    ids = [item.id for item in items if isinstance(item, Document)]
    assert len(ids) == len(set(ids))
