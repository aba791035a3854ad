"""Reading the gazetteer's rule tables from ``conflictwire/data/gazetteer/``.

Tables are tab-separated, with ``#`` comment lines that say where the data came from and a
header row naming the columns.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path


def package_data_dir() -> Path:
    """``conflictwire/data/gazetteer`` of the installed package."""
    return Path(str(resources.files("conflictwire").joinpath("data", "gazetteer")))


@cache
def read_table(filename: str) -> tuple[dict[str, str], ...]:
    """Rows of a packaged data table as dicts keyed by the header's column names (cached)."""
    return read_table_at(package_data_dir() / filename)


def read_table_at(path: Path) -> tuple[dict[str, str], ...]:
    """Rows of the data table at ``path`` (not cached: tests edit copies of the tables)."""
    if not path.is_file():
        raise FileNotFoundError(
            f"gazetteer data file {path.name!r} is missing from {path.parent}; "
            "reinstall conflictwire or check src/conflictwire/data/gazetteer/"
        )
    lines = [
        line.rstrip("\r\n")
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    header = lines[0].split("\t")
    rows = []
    for number, line in enumerate(lines[1:], start=2):
        cells = line.split("\t")
        if len(cells) != len(header):
            raise ValueError(
                f"{path.name}: data row {number} has {len(cells)} cells, expected "
                f"{len(header)} ({', '.join(header)})"
            )
        rows.append(dict(zip(header, cells, strict=True)))
    return tuple(rows)
