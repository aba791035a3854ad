"""Records in the output formats: one writer per record kind, one format dispatch.

- articles: :func:`write` as jsonl, acled-csv, geojson or parquet (:data:`FORMATS`);
- canonical events: :func:`write_canonical`, the same formats;
- control timelines: :func:`write_timelines` as json or csv; control on a date:
  :func:`write_control` as json or geojson.

``out`` is a path, an open text stream, or ``None``/``"-"`` for stdout (Parquet is binary and
needs a path); each returns the number of records written. pyarrow is imported only when Parquet
is written.
"""

from conflictwire.export.acled import ACLED_COLUMNS, Origin, acled_row
from conflictwire.export.articles import FORMATS, write
from conflictwire.export.canonical import write_canonical
from conflictwire.export.output import PARQUET_NEEDS_A_PATH
from conflictwire.export.parquet import parquet_schema
from conflictwire.export.timelines import (
    CONTROL_FORMATS,
    TIMELINE_COLUMNS,
    TIMELINE_FORMATS,
    write_control,
    write_timelines,
)

__all__ = [
    "ACLED_COLUMNS",
    "CONTROL_FORMATS",
    "FORMATS",
    "PARQUET_NEEDS_A_PATH",
    "TIMELINE_COLUMNS",
    "TIMELINE_FORMATS",
    "Origin",
    "acled_row",
    "parquet_schema",
    "write",
    "write_canonical",
    "write_control",
    "write_timelines",
]
