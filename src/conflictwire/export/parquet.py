"""Events as a Parquet table: the ACLED columns (typed) plus ``article_id``.

One row per event, columns in :data:`PARQUET_SCHEMA` order: :data:`ACLED_COLUMNS` with
``event_date`` as a date, ``year``/``time_precision``/``iso``/``geo_precision``/``fatalities``/
``timestamp`` as integers and ``latitude``/``longitude`` as doubles, then ``article_id`` (the
article's id, or the sha256 of its text when it has none) to join back to the JSONL records.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from conflictwire.export.acled import ACLED_COLUMNS, acled_rows
from conflictwire.ingest import content_hash
from conflictwire.models import Article

_INTEGER_COLUMNS = (
    "year",
    "time_precision",
    "iso",
    "geo_precision",
    "fatalities",
    "timestamp",
)
_TYPES: dict[str, pa.DataType] = {
    "event_date": pa.date32(),
    "latitude": pa.float64(),
    "longitude": pa.float64(),
    **{name: pa.int64() for name in _INTEGER_COLUMNS},
}
PARQUET_SCHEMA = pa.schema(
    [pa.field(name, _TYPES.get(name, pa.string())) for name in ACLED_COLUMNS]
    + [pa.field("article_id", pa.string(), nullable=False)]
)


def _article_id(article: Article) -> str:
    return article.id or content_hash(article.text)


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def write_parquet(
    articles: Iterable[Article], path: str | Path, timestamp: int | None = None
) -> int:
    """Write the events of ``articles`` to ``path``; returns the number of rows written."""
    columns: dict[str, list[Any]] = {name: [] for name in PARQUET_SCHEMA.names}
    for article, row in acled_rows(articles, timestamp):
        row = {**row, "event_date": _date(row["event_date"]), "article_id": _article_id(article)}
        for name, values in columns.items():
            values.append(row[name])
    table = pa.Table.from_pydict(columns, schema=PARQUET_SCHEMA)
    pq.write_table(table, str(path))
    return table.num_rows
