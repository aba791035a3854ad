"""Write article records as JSONL, ACLED CSV, GeoJSON or Parquet.

``write(articles, fmt, out)`` is the one entry point; ``out`` is a path, an open text stream,
or ``None``/``"-"`` for stdout (Parquet is binary and needs a path). What one "record" is
depends on the format: an article (jsonl), an event row (acled-csv, parquet), a point feature
(geojson, events and places with coordinates).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

from conflictwire.export.acled import ACLED_COLUMNS, acled_row, acled_rows, write_acled_csv
from conflictwire.export.geojson import features, write_geojson
from conflictwire.export.parquet import PARQUET_SCHEMA, write_parquet
from conflictwire.models import Article

FORMATS = ("jsonl", "acled-csv", "geojson", "parquet")

__all__ = [
    "ACLED_COLUMNS",
    "FORMATS",
    "PARQUET_SCHEMA",
    "acled_row",
    "acled_rows",
    "features",
    "write",
    "write_jsonl",
]


def write_jsonl(articles: Iterable[Article], stream: TextIO) -> int:
    """One schema record per line, in input order; returns the number of articles."""
    count = 0
    for article in articles:
        stream.write(json.dumps(article.to_dict(), ensure_ascii=False) + "\n")
        count += 1
    return count


def _write_text(
    articles: Iterable[Article], fmt: str, stream: TextIO, timestamp: int | None
) -> int:
    if fmt == "jsonl":
        return write_jsonl(articles, stream)
    if fmt == "acled-csv":
        return write_acled_csv(articles, stream, timestamp)
    return write_geojson(articles, stream)


def write(
    articles: Iterable[Article],
    fmt: str,
    out: str | Path | TextIO | None,
    *,
    timestamp: int | None = None,
) -> int:
    """Write ``articles`` as ``fmt`` to ``out``; returns the number of records written.

    ``timestamp`` fills ACLED's ``timestamp`` column (acled-csv, parquet); default: now.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose one of: {', '.join(FORMATS)}")
    to_stdout = out is None or (isinstance(out, str) and out == "-")
    if fmt == "parquet":
        if to_stdout or not isinstance(out, str | Path):
            raise ValueError(
                "parquet is a binary format and cannot go to stdout or a text stream; "
                "give a file path, e.g. --output events.parquet"
            )
        return write_parquet(articles, out, timestamp)
    if to_stdout:
        return _write_text(articles, fmt, sys.stdout, timestamp)
    if isinstance(out, str | Path):
        with open(out, "w", encoding="utf-8", newline="") as stream:
            return _write_text(articles, fmt, stream, timestamp)
    assert out is not None
    return _write_text(articles, fmt, out, timestamp)
