"""Arrow arrays of the events table's columns built from their buffers.

``pa.array`` on a Python list asks pyarrow's pandas shim whether the list is a pandas object,
which imports pandas (about 0.3 CPU s) in every process that builds an events table, though
nothing here uses pandas. ``column_array`` builds the arrays of the simple types the events table
has (strings, integers, doubles, dates) from their buffers instead, and leaves any other type or
any value of an unexpected Python type to ``pa.array``, so that its errors stay those of pyarrow.
"""

from __future__ import annotations

import array
import datetime as dt
from collections.abc import Sequence
from itertools import accumulate
from types import NoneType
from typing import cast

import pyarrow as pa

#: the typecode of Python's ``array`` for each Arrow integer type, where the sizes agree
_INT_CODES = {
    type_: code
    for type_, code in ((pa.int8(), "b"), (pa.int16(), "h"), (pa.int32(), "i"), (pa.int64(), "q"))
    if array.array(code).itemsize == type_.bit_width // 8
}

#: days from 0001-01-01 (``date.toordinal`` 1) to 1970-01-01, the start of Arrow's date32
_EPOCH = dt.date(1970, 1, 1).toordinal()

#: the largest offset of a string array (int32 offsets)
_MAX_OFFSET = 2**31 - 1


def column_array(values: Sequence[object], type_: pa.DataType) -> pa.Array:
    """Return the values (None for null) as an Arrow array of ``type_``, like ``pa.array``."""
    built = _from_buffers(values, type_)
    return built if built is not None else pa.array(values, type=type_)


def _from_buffers(values: Sequence[object], type_: pa.DataType) -> pa.Array | None:
    """Return the array built from its buffers, or None when ``pa.array`` must build it."""
    kinds = set(map(type, values))
    nulls = values.count(None) if NoneType in kinds else 0
    present = list(values) if not nulls else [v for v in values if v is not None]
    if type_ == pa.string() and kinds <= {str, NoneType} and pa.int32() in _INT_CODES:
        buffers = _string_buffers(
            cast("list[str]", present)
            if not nulls
            else [v or "" for v in cast("Sequence[str | None]", values)]
        )
        if buffers is None:
            return None
    elif type_ in _INT_CODES and kinds <= {int, NoneType}:
        ints = present if not nulls else [v or 0 for v in cast("Sequence[int | None]", values)]
        try:
            buffers = [pa.py_buffer(array.array(_INT_CODES[type_], cast("list[int]", ints)))]
        except OverflowError:
            return None
    elif type_ == pa.float64() and kinds <= {float, NoneType}:
        floats = (
            present
            if not nulls
            else [0.0 if v is None else v for v in cast("Sequence[float | None]", values)]
        )
        buffers = [pa.py_buffer(array.array("d", cast("list[float]", floats)))]
    elif type_ == pa.date32() and kinds <= {dt.date, NoneType} and pa.int32() in _INT_CODES:
        dates = cast("Sequence[dt.date | None]", values)
        days = [0 if v is None else v.toordinal() - _EPOCH for v in dates]
        buffers = [pa.py_buffer(array.array("i", days))]
    else:
        return None
    return pa.Array.from_buffers(
        type_, len(values), [_validity(values) if nulls else None, *buffers], null_count=nulls
    )


def _string_buffers(strings: list[str]) -> list[pa.Buffer] | None:
    """Return the offsets and the data of a string array, or None when they overflow int32."""
    text = "".join(strings)
    if text.isascii():
        data, lengths = text.encode(), map(len, strings)
    else:
        encoded = [s.encode() for s in strings]
        data, lengths = b"".join(encoded), map(len, encoded)
    if len(data) > _MAX_OFFSET:
        return None
    offsets = array.array("i", [0, *accumulate(lengths)])
    return [pa.py_buffer(offsets), pa.py_buffer(data)]


#: maps the bytes 0 and 1 to the digits "0" and "1"
_DIGITS = bytes.maketrans(b"\x00\x01", b"01")


def _validity(values: Sequence[object]) -> pa.Buffer:
    """Return Arrow's validity bitmap of the values: bit k set when value k is not None."""
    flags = bytes([v is not None for v in values]).translate(_DIGITS)
    bits = int(flags[::-1], 2)  # value k is bit k, the least significant first
    return pa.py_buffer(bits.to_bytes((len(values) + 7) // 8, "little"))


def scalar(value: object, type_: pa.DataType) -> pa.Scalar:
    """Return the value as an Arrow scalar of ``type_`` (``pa.scalar`` also asks for pandas)."""
    return column_array([value], type_)[0]
