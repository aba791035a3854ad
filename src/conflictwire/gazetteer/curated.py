"""Curated names the sources lack, from the tables in ``data/gazetteer/``.

- ``regions.tsv``: regions news names (Darfur, the Sahel, South Ossetia) as places of feature
  ``region`` (or ``continent``) with a stated point. A region without a GeoNames id we trust has a
  negative id of ours (stable: written in the table), never a GeoNames one.
- ``aliases.tsv``: other names of places already in the index ("Britain", "Burma", "W.Va.").
  An alias with ``case`` = ``exact`` is case-sensitive: it is indexed under the alias as written
  (``US``, ``W.Va.``: ``names.is_exact = 1``) and the scan reports it only where the text has
  exactly that form, so "US" never matches "told us" and "Ill." never matches "fell ill".
- ``demonyms.tsv``: nationality adjectives and demonyms ("Syrian", "Syrians") -> the place; its
  candidates carry the place's id, name and point with the feature ``demonym``.
- ``points.tsv``: representative points of countries and of the admin1 units of large countries
  (near the middle of the unit), replacing the mean of the unit's cities the sources give them.
  Demonym candidates read the place's row, so they carry the new point too.

Alias, demonym and point rows whose place is not in the index (small test fixtures) are skipped.
The tables' content hashes are recorded in the index's meta, so editing one triggers a rebuild.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from conflictwire.gazetteer.datafiles import package_data_dir, read_table_at
from conflictwire.gazetteer.normalize import name_keys, normalize, usable_key
from conflictwire.gazetteer.schema import PlaceRecord, write_places

CURATED_TABLES = ("regions.tsv", "aliases.tsv", "demonyms.tsv", "points.tsv")
# Read from the installed package whatever data directory the build uses (it shapes every key).
KEY_TABLES = (
    "arabic_articles.tsv",
    "arabic_countries.tsv",
    "arabic_variants.tsv",
    "syllable_countries.tsv",
)
_INSERT_NAME = (
    "INSERT OR REPLACE INTO names (key, geonameid, is_primary, is_stripped, kind, is_exact) "
    "VALUES (?, ?, 0, ?, ?, ?)"
)


def data_versions(directory: Path) -> dict[str, str]:
    """``data:<table>`` -> content hash of every data table an index build reads."""
    paths = [directory / name for name in CURATED_TABLES]
    paths += [package_data_dir() / name for name in KEY_TABLES]
    return {f"data:{path.name}": _digest(path) for path in paths}


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16] if path.is_file() else "missing"


def exact_key(alias: str) -> str:
    """The key of a case-sensitive alias: the alias as written, whitespace collapsed."""
    key = " ".join(alias.split())
    if key == normalize(key) or not usable_key(normalize(key)):
        raise ValueError(
            f"case-sensitive alias {alias!r} must differ from its normalised form "
            "(capitals or dots); mark it case 'any' instead"
        )
    return key


def read_regions(directory: Path) -> Iterator[PlaceRecord]:
    for row in read_table_at(directory / "regions.tsv"):
        yield PlaceRecord(
            geonameid=int(row["geonameid"]),
            name=row["name"],
            feature=row["feature"],
            feature_code=row["feature_code"] or None,
            country_code=row["country_code"] or None,
            admin1_code=row["admin1_code"] or None,
            latitude=float(row["latitude"]),
            longitude=float(row["longitude"]),
            alternates=[a for a in row["alternates"].split("|") if a],
        )


def read_points(directory: Path) -> dict[int, tuple[float, float]]:
    """geonameid -> (latitude, longitude) from ``points.tsv``."""
    points: dict[int, tuple[float, float]] = {}
    for row in read_table_at(directory / "points.tsv"):
        geonameid, lat, lon = int(row["geonameid"]), float(row["latitude"]), float(row["longitude"])
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise ValueError(f"points.tsv: {row['name']!r} ({geonameid}) has no valid point")
        if geonameid in points:
            raise ValueError(f"points.tsv: {row['name']!r} ({geonameid}) is listed twice")
        points[geonameid] = (lat, lon)
    return points


def apply_points(conn: sqlite3.Connection, directory: Path, known: set[int]) -> list[int]:
    """Give the places listed in ``points.tsv`` their point there (over the computed one);
    returns the listed ids that are not in ``known`` (the index's place ids)."""
    points = read_points(directory)
    conn.executemany(
        "UPDATE places SET latitude = ?, longitude = ? WHERE geonameid = ?",
        [(lat, lon, gid) for gid, (lat, lon) in points.items() if gid in known],
    )
    return [gid for gid in points if gid not in known]


def curated_name_rows(directory: Path) -> Iterator[tuple[str, int, int, str, int]]:
    """``(key, geonameid, is_stripped, kind, is_exact)`` for every alias and demonym."""
    for row in read_table_at(directory / "aliases.tsv"):
        geonameid = int(row["geonameid"])
        if row["case"] == "exact":
            yield exact_key(row["alias"]), geonameid, 0, "alias", 1
        elif row["case"] == "any":
            for index, key in enumerate(name_keys(row["alias"])):
                yield key, geonameid, int(index == 1), "alias", 0
        else:
            raise ValueError(f"aliases.tsv: case must be 'exact' or 'any', not {row['case']!r}")
    for row in read_table_at(directory / "demonyms.tsv"):
        for index, key in enumerate(name_keys(row["demonym"])):
            yield key, int(row["geonameid"]), int(index == 1), "demonym", 0


def write_curated(conn: sqlite3.Connection, directory: Path) -> tuple[int, list[int]]:
    """Add the curated regions, aliases and demonyms to a built index, and set the listed points.

    Returns the number of names added and the ids of places the tables name but the index lacks.
    """
    write_places(conn, read_regions(directory))
    known = {gid for (gid,) in conn.execute("SELECT geonameid FROM places")}
    missing = apply_points(conn, directory, known)
    rows = []
    for row in curated_name_rows(directory):
        if row[1] in known:
            rows.append(row)
        else:
            missing.append(row[1])
    conn.executemany(_INSERT_NAME, rows)
    conn.execute("CREATE INDEX IF NOT EXISTS names_exact ON names (key) WHERE is_exact = 1")
    return len(rows), sorted(set(missing))
