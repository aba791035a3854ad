"""Events as a Parquet table: the ACLED columns (typed) plus ``article_id``.

One row per event, columns in :func:`parquet_schema` order: :data:`ACLED_COLUMNS` with
``event_date`` as a date, ``year``/``time_precision``/``iso``/``geo_precision``/``fatalities``/
``timestamp`` as integers and ``latitude``/``longitude`` as doubles, then ``article_id`` (the
article's id, or the sha256 of its text when it has none; a canonical event's group id) to join
back to the JSONL records.

pyarrow (and numpy with it) is imported only when a table is written or its schema asked for.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from conflictwire.export.acled import ACLED_COLUMNS, EventSource, acled_rows

if TYPE_CHECKING:
    import pyarrow as pa

_INTEGER_COLUMNS = (
    "year",
    "time_precision",
    "iso",
    "geo_precision",
    "fatalities",
    "timestamp",
)


@cache
def parquet_schema() -> pa.Schema:
    """The table's columns and their types."""
    import pyarrow as pa

    types: dict[str, pa.DataType] = {
        "event_date": pa.date32(),
        "latitude": pa.float64(),
        "longitude": pa.float64(),
        **{name: pa.int64() for name in _INTEGER_COLUMNS},
    }
    return pa.schema(
        [pa.field(name, types.get(name, pa.string())) for name in ACLED_COLUMNS]
        + [pa.field("article_id", pa.string(), nullable=False)]
    )


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def write_acled_parquet(
    events: Iterable[EventSource], path: str | Path, timestamp: int | None = None
) -> int:
    """Write one row per event to ``path``; returns the number of rows written."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = parquet_schema()
    columns: dict[str, list[Any]] = {name: [] for name in schema.names}
    for origin, row in acled_rows(events, timestamp):
        row = {**row, "event_date": _date(row["event_date"]), "article_id": origin.key}
        for name, values in columns.items():
            values.append(row[name])
    table = pa.Table.from_pydict(columns, schema=schema)
    pq.write_table(table, str(path))
    return table.num_rows
