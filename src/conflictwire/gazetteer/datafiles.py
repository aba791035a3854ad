"""Reading the gazetteer's rule tables from ``conflictwire/data/gazetteer/``.

Tables are tab-separated, with ``#`` comment lines that say where the data came from and a
header row naming the columns.
"""

from __future__ import annotations

from functools import cache
from importlib import resources


@cache
def read_table(filename: str) -> tuple[dict[str, str], ...]:
    """Rows of a data table as dicts keyed by the header's column names."""
    ref = resources.files("conflictwire").joinpath("data", "gazetteer", filename)
    if not ref.is_file():
        raise FileNotFoundError(
            f"gazetteer data file {filename!r} is missing from the conflictwire package; "
            "reinstall conflictwire or check src/conflictwire/data/gazetteer/"
        )
    lines = [
        line.rstrip("\r\n")
        for line in ref.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    header = lines[0].split("\t")
    rows = []
    for number, line in enumerate(lines[1:], start=2):
        cells = line.split("\t")
        if len(cells) != len(header):
            raise ValueError(
                f"{filename}: data row {number} has {len(cells)} cells, expected "
                f"{len(header)} ({', '.join(header)})"
            )
        rows.append(dict(zip(header, cells, strict=True)))
    return tuple(rows)
