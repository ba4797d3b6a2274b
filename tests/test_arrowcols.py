import datetime as dt
import math

import pyarrow as pa
import pytest

from eventcodes.arrowcols import column_array, scalar

CASES = [
    (["a", None, "é€ ü", ""], pa.string()),
    ([None, None], pa.string()),
    ([1, None, -128, 127], pa.int8()),
    ([-(2**15), 2**15 - 1], pa.int16()),
    ([None, 2**31 - 1], pa.int32()),
    ([2**40, None, -(2**63)], pa.int64()),
    ([1.5, None, -0.0, 1e300], pa.float64()),
    ([dt.date(2020, 2, 29), None, dt.date(1, 1, 1), dt.date(9999, 12, 31)], pa.date32()),
    ([], pa.int32()),
    ([f"w{k}" if k % 3 else None for k in range(37)], pa.string()),
]


@pytest.mark.parametrize(("values", "type_"), CASES)
def test_column_array_equals_pa_array(values: list[object], type_: pa.DataType) -> None:
    built = column_array(values, type_)
    built.validate(full=True)
    assert built.equals(pa.array(values, type=type_))
    assert built.type == type_


@pytest.mark.parametrize(
    ("values", "type_"),
    [
        ([42], pa.string()),  # not a string
        (["2024-11-04"], pa.date32()),  # not a date
        ([300], pa.int8()),  # out of range
        ([True], pa.int32()),  # a bool is not an int here
    ],
)
def test_column_array_leaves_other_values_to_pyarrow(
    values: list[object], type_: pa.DataType
) -> None:
    with pytest.raises((pa.ArrowInvalid, pa.ArrowTypeError, OverflowError)) as built:
        column_array(values, type_)
    with pytest.raises(type(built.value)):
        pa.array(values, type=type_)


def test_column_array_keeps_the_sign_of_zero() -> None:
    values = [-0.0, None, 0.0]
    assert [
        math.copysign(1, v) if v is not None else None
        for v in column_array(values, pa.float64()).to_pylist()
    ] == [-1, None, 1]


def test_column_array_of_another_type_is_pa_array() -> None:
    values = [[1, 2], None]
    assert column_array(values, pa.list_(pa.int8())).equals(pa.array(values, pa.list_(pa.int8())))


def test_scalar() -> None:
    assert scalar("", pa.string()).equals(pa.scalar("", pa.string()))
    assert not scalar(None, pa.string()).is_valid
