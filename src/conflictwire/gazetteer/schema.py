"""The index's SQLite schema and the one code path that writes places and their names.

Tables:
- ``places``: one row per GeoNames id.
- ``names``: normalised key -> geonameid, with whether the key comes from the primary name and
  whether it is an article-stripped key (``as sukhnah`` -> ``sukhnah``). Keyed on (key, geonameid).
  ``kind`` is NULL for names from the sources, ``alias`` or ``demonym`` for the curated names of
  ``data/gazetteer/`` (see ``curated``). ``is_exact`` marks a case-sensitive alias: its key is
  the alias exactly as written (``US``, ``W.Va.``), not a normalised form, and the scan only
  reports it where the text has that exact form.
- ``regions``: (country, admin1, admin2) code -> name, for countries ("SY", "", "") and admin units,
  so a candidate can say "Homs Governorate, Syria" without a second query.
- ``meta``: format version, source package versions, build time, ``names_token``.
"""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field

from conflictwire.gazetteer.normalize import (
    arabic_countries,
    is_latin,
    name_keys,
    spellings,
    syllable_countries,
    without_final_h,
)

# Bump when the schema or the way keys are made changes: existing indexes are then rebuilt.
FORMAT_VERSION = 5

# ``region``: curated regions (``data/gazetteer/regions.tsv``). A candidate found through a
# demonym ("Syrian") has the feature ``demonym`` (the place itself keeps its own feature).
FEATURES = ("country", "admin1", "admin2", "populated_place", "continent", "region")

DDL = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE places (
    geonameid INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    feature TEXT NOT NULL,
    feature_code TEXT,
    country_code TEXT,
    admin1_code TEXT,
    admin2_code TEXT,
    population INTEGER NOT NULL DEFAULT 0,
    latitude REAL,
    longitude REAL
);
CREATE TABLE names (
    key TEXT NOT NULL,
    geonameid INTEGER NOT NULL,
    is_primary INTEGER NOT NULL,
    is_stripped INTEGER NOT NULL,
    kind TEXT,
    is_exact INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (key, geonameid)
) WITHOUT ROWID;
CREATE TABLE regions (
    country_code TEXT NOT NULL,
    admin1_code TEXT NOT NULL,
    admin2_code TEXT NOT NULL,
    geonameid INTEGER,
    name TEXT NOT NULL,
    PRIMARY KEY (country_code, admin1_code, admin2_code)
) WITHOUT ROWID;
"""
NAME_COLUMNS = "names (key, geonameid, is_primary, is_stripped)"
# Created after the bulk insert (faster than maintaining it row by row).
POST_LOAD_DDL = "CREATE INDEX IF NOT EXISTS names_by_place ON names (geonameid);"


@dataclass
class PlaceRecord:
    """A place as read from a source, before it is written to the index."""

    geonameid: int
    name: str
    feature: str
    feature_code: str | None = None
    country_code: str | None = None
    admin1_code: str | None = None
    admin2_code: str | None = None
    population: int = 0
    latitude: float | None = None
    longitude: float | None = None
    alternates: list[str] = field(default_factory=list)

    def row(self) -> tuple[object, ...]:
        return (
            self.geonameid,
            self.name,
            self.feature,
            self.feature_code,
            self.country_code,
            self.admin1_code,
            self.admin2_code,
            self.population,
            self.latitude,
            self.longitude,
        )

    def region_row(self) -> tuple[str, str, str, int, str] | None:
        """The ``regions`` row this place names, if it is a country or an admin unit."""
        cc = self.country_code or ""
        if self.feature == "country":
            return (cc, "", "", self.geonameid, self.name)
        if self.feature == "admin1" and self.admin1_code:
            return (cc, self.admin1_code, "", self.geonameid, self.name)
        if self.feature == "admin2" and self.admin1_code and self.admin2_code:
            return (cc, self.admin1_code, self.admin2_code, self.geonameid, self.name)
        return None


def name_rows(record: PlaceRecord) -> list[tuple[str, int, int, int]]:
    """``names`` rows for a place: Latin-script names only, keys merged (flags OR-ed)."""
    flags: dict[str, tuple[int, int]] = {}
    arabic = record.country_code in arabic_countries()
    for position, name in enumerate([record.name, *record.alternates]):
        if not name or not is_latin(name):
            continue
        for index, key in enumerate(name_keys(name)):
            primary, stripped = flags.get(key, (0, 0))
            flags[key] = (primary | (position == 0), stripped | (index == 1))
            joined = key.replace(" ", "") if record.country_code in syllable_countries() else key
            if joined != key and joined not in flags:
                flags[joined] = (0, 1)  # "Kyainseikgyi" for "Kyain Seikgyi"
            if not arabic:
                continue
            for spelling in [key, *spellings(key)]:  # "Ein Issa" for "'Ayn 'Isa"
                for variant in (spelling, without_final_h(spelling)):  # "Amadiya" for "-iyah"
                    if variant and variant not in flags:
                        flags[variant] = (0, 1)  # read as a weaker key
    return [(key, record.geonameid, p, s) for key, (p, s) in flags.items()]


def create_schema(conn: sqlite3.Connection) -> None:
    conn.executescript(DDL)


def write_places(
    conn: sqlite3.Connection, records: Iterable[PlaceRecord], *, replace: bool = False
) -> int:
    """Insert (or, with ``replace``, replace) places with their names; returns the count."""
    verb = "INSERT OR REPLACE" if replace else "INSERT OR IGNORE"
    places, names, regions = [], [], []
    for record in records:
        places.append(record.row())
        names.extend(name_rows(record))
        region = record.region_row()
        if region:
            regions.append(region)
    if replace and places:
        conn.executemany(  # curated aliases and demonyms of a replaced place stay
            "DELETE FROM names WHERE geonameid = ? AND kind IS NULL", [(p[0],) for p in places]
        )
    conn.executemany(f"{verb} INTO places VALUES (?,?,?,?,?,?,?,?,?,?)", places)
    conn.executemany(f"{verb} INTO {NAME_COLUMNS} VALUES (?,?,?,?)", names)
    conn.executemany(f"{verb} INTO regions VALUES (?,?,?,?,?)", regions)
    return len(places)


def renew_names_token(conn: sqlite3.Connection) -> str:
    """Mark the names as changed, so a persisted automaton for older names is not used."""
    token = uuid.uuid4().hex[:12]
    conn.execute("INSERT OR REPLACE INTO meta VALUES ('names_token', ?)", (token,))
    return token


def read_meta(conn: sqlite3.Connection) -> dict[str, str]:
    return dict(conn.execute("SELECT key, value FROM meta").fetchall())
