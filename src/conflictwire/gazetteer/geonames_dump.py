"""Importing a GeoNames dump (``allCountries.zip``, ``SY.zip`` or ``SY.txt``) into a built index.

The dump is GeoNames' 19-column tab-separated format (https://download.geonames.org/export/dump/
readme.txt). It is streamed row by row, never loaded whole. Rows of the feature classes listed in
``data/gazetteer/feature_classes.tsv`` are added (or replace the row with the same geonameid),
with their name, ASCII name and plausible alternate names as keys; other classes (roads,
undersea, vegetation) are skipped. The import renews the index's ``names_token`` so the scan
automaton is rebuilt on next use. Note: a rebuild of the index (new format or source versions)
starts from the packaged sources again; re-import the dump afterwards.
"""

from __future__ import annotations

import io
import sqlite3
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from functools import cache
from itertools import islice
from pathlib import Path
from typing import TextIO

from conflictwire.gazetteer.datafiles import read_table
from conflictwire.gazetteer.scan import remove_automata
from conflictwire.gazetteer.schema import (
    POST_LOAD_DDL,
    PlaceRecord,
    renew_names_token,
    write_places,
)
from conflictwire.gazetteer.sources import plausible_alternate

DUMP_COLUMNS = 19
BATCH_SIZE = 10_000
WHAT_A_DUMP_IS = "is this a GeoNames dump file (allCountries.zip, XX.zip or XX.txt)?"


class DumpError(ValueError):
    """The file is not a GeoNames dump (or a broken one); the message names it. Nothing of it
    was imported."""


@cache
def _feature_rules() -> dict[tuple[str, str], str]:
    return {(r["class"], r["code"]): r["feature"] for r in read_table("feature_classes.tsv")}


def feature_for(feature_class: str, feature_code: str) -> str | None:
    """Our ``feature`` for a GeoNames class/code, or None when the class is not imported."""
    rules = _feature_rules()
    return rules.get((feature_class, feature_code)) or rules.get((feature_class, "*"))


def parse_row(line: str) -> PlaceRecord | None:
    """A dump line as a place, or None when its feature class is not imported."""
    cells = line.rstrip("\r\n").split("\t")
    if len(cells) != DUMP_COLUMNS:
        raise ValueError(f"expected {DUMP_COLUMNS} tab-separated columns, found {len(cells)}")
    # Every row's id and point are checked, imported or not: a file of 19 columns of something
    # else is not a dump.
    geonameid, latitude, longitude = int(cells[0]), float(cells[4]), float(cells[5])
    feature = feature_for(cells[6], cells[7])
    if feature is None:
        return None
    name = cells[1]
    alternates = [cells[2], *cells[3].split(",")] if cells[3] else [cells[2]]
    return PlaceRecord(
        geonameid=geonameid,
        name=name,
        feature=feature,
        feature_code=cells[7] or None,
        country_code=cells[8] or None,
        admin1_code=cells[10] or None,
        admin2_code=cells[11] or None,
        population=int(cells[14] or 0),
        latitude=latitude,
        longitude=longitude,
        alternates=[a for a in alternates if a and plausible_alternate(a, name)],
    )


@contextmanager
def open_dump(dump: Path) -> Iterator[TextIO]:
    """The dump's text, streamed: a ``.txt`` file or the ``.txt`` inside a GeoNames zip."""
    if dump.suffix.lower() != ".zip":
        with dump.open(encoding="utf-8") as handle:
            yield handle
        return
    try:
        archive = zipfile.ZipFile(dump)
    except zipfile.BadZipFile as exc:
        raise DumpError(f"{dump}: not a readable zip file ({exc}); {WHAT_A_DUMP_IS}") from None
    with archive:
        members = [n for n in archive.namelist() if n.endswith(".txt") and "readme" not in n]
        wanted = f"{dump.stem}.txt"
        member = wanted if wanted in members else (members[0] if len(members) == 1 else None)
        if member is None:
            found = ", ".join(members) or "none"
            raise DumpError(
                f"{dump}: expected {wanted} inside the zip, found {found}; {WHAT_A_DUMP_IS}"
            )
        with archive.open(member) as raw:
            yield io.TextIOWrapper(raw, encoding="utf-8")


def _lines(handle: TextIO, dump: Path) -> Iterator[tuple[int, str]]:
    """The dump's numbered lines; :class:`DumpError` where it is not UTF-8 text (binary)."""
    number = 0
    try:
        for number, line in enumerate(handle, start=1):
            yield number, line
    except UnicodeDecodeError as exc:
        raise DumpError(
            f"{dump} line {number + 1}: not UTF-8 text ({exc}); {WHAT_A_DUMP_IS}"
        ) from None
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise DumpError(f"{dump}: a broken zip file ({exc}); {WHAT_A_DUMP_IS}") from None


def _records(handle: TextIO, dump: Path) -> Iterator[PlaceRecord]:
    rows = 0
    for number, line in _lines(handle, dump):
        if not line.strip():
            continue
        rows += 1
        try:
            record = parse_row(line)
        except ValueError as exc:
            raise DumpError(f"{dump} line {number}: {exc}; {WHAT_A_DUMP_IS}") from None
        if record is not None:
            yield record
    if rows == 0:
        raise DumpError(f"{dump}: no rows; {WHAT_A_DUMP_IS}")


def import_geonames_dump(index_path: Path, dump: Path) -> int:
    """Add or replace the dump's places in the index at ``index_path``; returns rows added.

    :class:`DumpError` (and nothing imported) for a file that is not a GeoNames dump."""
    index_path, dump = Path(index_path), Path(dump)
    if not index_path.is_file():
        raise FileNotFoundError(
            f"no gazetteer index at {index_path}; build it first "
            "(Gazetteer.open() or build_index(path))"
        )
    if not dump.is_file():
        raise FileNotFoundError(f"GeoNames dump not found: {dump}")
    conn = sqlite3.connect(index_path, timeout=60)
    total = 0
    try:
        conn.execute(POST_LOAD_DDL)
        with open_dump(dump) as handle:
            records = _records(handle, dump)
            while batch := list(islice(records, BATCH_SIZE)):
                total += write_places(conn, batch, replace=True)
        stamp = datetime.now(UTC).isoformat(timespec="seconds")
        conn.execute(
            "INSERT OR REPLACE INTO meta VALUES (?, ?)",
            (f"dump:{dump.name}", f"{dump.name} ({total} rows, {stamp})"),
        )
        renew_names_token(conn)
        conn.commit()
    finally:
        conn.close()
    remove_automata(index_path)
    return total
