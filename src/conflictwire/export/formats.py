"""The plain text formats every record kind shares: JSON lines, indented JSON, CSV."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, TextIO

# Characters JSON may hold raw that some line readers (Python's str.splitlines, older
# JavaScript) take for line ends: written escaped, so that a record is one line for every reader.
LINE_BREAKING = str.maketrans({"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def write_jsonl(records: Iterable[Mapping[str, Any]], stream: TextIO) -> int:
    """One JSON object per line, in order, non-ASCII kept (bar ``LINE_BREAKING``); returns the
    number of records."""
    count = 0
    for record in records:
        # Outside strings JSON has none of these characters: escaping them changes no value.
        stream.write(json.dumps(record, ensure_ascii=False).translate(LINE_BREAKING) + "\n")
        count += 1
    return count


def write_json(data: Any, stream: TextIO) -> None:
    """One indented JSON document and a final newline."""
    json.dump(data, stream, ensure_ascii=False, indent=2)
    stream.write("\n")


def write_csv(rows: Iterable[Mapping[str, Any]], columns: Sequence[str], stream: TextIO) -> int:
    """A header and one line per row (``None`` as an empty cell); returns the number of rows."""
    writer = csv.DictWriter(stream, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    count = 0
    for row in rows:
        writer.writerow({k: "" if v is None else v for k, v in row.items()})
        count += 1
    return count
