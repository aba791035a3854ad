"""``Gazetteer``: read-only access to a built index - lookups by key, name or id, and text scans."""

from __future__ import annotations

import sqlite3
import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import ahocorasick

from conflictwire.gazetteer.build import build_index, default_index_path, stale_reason
from conflictwire.gazetteer.curated import exact_key
from conflictwire.gazetteer.normalize import name_keys, normalize
from conflictwire.gazetteer.scan import (
    ExactForms,
    NameMatch,
    automaton_path,
    load_automaton,
    read_exact_forms,
    scan_text,
)
from conflictwire.gazetteer.schema import read_meta
from conflictwire.gazetteer.sources import SourcePaths


class GazetteerError(RuntimeError):
    """The index is missing, stale or unreadable and may not be built here."""


@dataclass(frozen=True)
class Candidate:
    """A place a name may refer to.

    ``geonameid`` is a GeoNames id, or negative for a curated region GeoNames lacks. ``feature``
    is the place's (``country``, ``admin1``, ``admin2``, ``populated_place``, ``continent``,
    ``region``), or ``demonym`` when the name is a demonym of the place ("Syrian" -> Syria, with
    Syria's id, name, point and ``feature_code`` ``PCLI``).
    """

    geonameid: int
    name: str
    feature: str
    feature_code: str | None
    country_code: str | None
    country: str | None  # country name
    admin1_code: str | None
    admin1: str | None  # admin1 name, e.g. "Ḩimş"
    admin2_code: str | None
    admin2: str | None
    latitude: float | None
    longitude: float | None
    population: int


_CANDIDATE_SQL = """
SELECT p.geonameid, p.name, {feature}, p.feature_code, p.country_code, c.name,
       p.admin1_code, a1.name, p.admin2_code, a2.name, p.latitude, p.longitude, p.population
FROM places p
LEFT JOIN regions c ON c.country_code = p.country_code AND c.admin1_code = ''
     AND c.admin2_code = ''
LEFT JOIN regions a1 ON a1.country_code = p.country_code AND a1.admin1_code = p.admin1_code
     AND a1.admin2_code = ''
LEFT JOIN regions a2 ON a2.country_code = p.country_code AND a2.admin1_code = p.admin1_code
     AND a2.admin2_code = p.admin2_code
"""
_ORDER = " ORDER BY p.population DESC, p.geonameid"
_BY_ID_SQL = _CANDIDATE_SQL.format(feature="p.feature")
_BY_KEY_SQL = (
    _CANDIDATE_SQL.format(feature="CASE WHEN n.kind = 'demonym' THEN 'demonym' ELSE p.feature END")
    + f"JOIN names n ON n.geonameid = p.geonameid WHERE n.key = ?{_ORDER}"
)


_SEAT_SQL = """
SELECT p.geonameid FROM places p
WHERE p.feature = 'populated_place' AND p.country_code = ? AND p.admin1_code = ?
ORDER BY EXISTS (SELECT 1 FROM names t JOIN names u ON u.key = t.key
                 WHERE t.geonameid = p.geonameid AND u.geonameid = ?
                   AND IFNULL(u.kind, '') <> 'demonym') DESC,
         p.population DESC, p.geonameid
LIMIT 1
"""


def _written_keys(name: str) -> list[str]:
    """The keys ``name`` is found under: normalised ones, then as a case-sensitive alias (with
    and without a final dot, which may have been taken for the sentence's)."""
    keys = name_keys(name) or [normalize(name)]
    written = " ".join(name.split())
    try:
        exact = exact_key(written)
    except ValueError:
        return keys
    return [*keys, exact, exact.removesuffix(".") if exact.endswith(".") else f"{exact}."]


# Keys whose candidates an opened index keeps (a few MB; cleared when full).
KEYS_KEPT = 4096


class Gazetteer:
    """An opened index. Cheap to open; the scan automaton is loaded on the first ``scan``."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        uri = f"file:{self.path}?mode=ro"
        self._conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
        self._meta = read_meta(self._conn)
        self._automaton: ahocorasick.Automaton | None = None
        self._exact_forms: ExactForms = {}
        self._lock = threading.Lock()
        self._seats: dict[int, Candidate | None] = {}
        self._by_key: dict[str, tuple[Candidate, ...]] = {}

    @classmethod
    def open(
        cls, path: Path | None = None, *, build: bool = True, sources: SourcePaths | None = None
    ) -> Gazetteer:
        """Open the index at ``path`` (default ``default_index_path()``).

        A missing or stale index (other format, source versions or data tables) is built from
        ``sources`` (default: the installed packages) when ``build`` is true, else
        ``GazetteerError``.
        """
        path = Path(path) if path is not None else default_index_path()
        reason = stale_reason(path, sources)
        if reason is not None:
            if not build:
                raise GazetteerError(
                    f"{reason}; build it with `conflictwire.gazetteer.build_index(path)` "
                    "or open it with build=True"
                )
            print(f"{reason}; building it now (about a minute)...", file=sys.stderr, flush=True)
            build_index(path, progress=True, sources=sources)
        return cls(path)

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> Gazetteer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def candidates(self, key: str) -> list[Candidate]:
        """Places indexed under a key (a ``NameMatch.key``: normalised, or a case-sensitive alias
        as written such as ``"US"``), most populous first. The answers for the last
        ``KEYS_KEPT`` keys are kept: news names the same places again and again."""
        found = self._by_key.get(key)
        if found is None:
            found = tuple(Candidate(*row) for row in self._conn.execute(_BY_KEY_SQL, (key,)))
            if len(self._by_key) >= KEYS_KEPT:
                self._by_key.clear()
            self._by_key[key] = found
        return list(found)

    def lookup(self, name: str) -> list[Candidate]:
        """Places a name as written may refer to (all its keys tried), most populous first.

        Case-sensitive aliases count only as written: ``lookup("US")`` has the United States,
        ``lookup("us")`` does not."""
        found: dict[int, Candidate] = {}
        for key in _written_keys(name):
            for candidate in self.candidates(key):
                found.setdefault(candidate.geonameid, candidate)
        return sorted(found.values(), key=lambda c: (-c.population, c.geonameid))

    def get(self, geonameid: int) -> Candidate | None:
        row = self._conn.execute(f"{_BY_ID_SQL} WHERE p.geonameid = ?", (geonameid,))
        found = row.fetchone()
        return Candidate(*found) if found else None

    def seat(self, geonameid: int) -> Candidate | None:
        """The town that stands for a country or admin1 unit, as ACLED places events known only
        by their country or province: the capital (flagged at build); for a province a town of
        its own name (Idlib, Sagaing), else its most populous listed place (the provincial
        capital in most countries). None where ``geonameid`` is neither or no town is listed."""
        if geonameid not in self._seats:
            unit = self.get(geonameid)
            found = None
            if unit is not None and unit.feature == "country":
                row = self._conn.execute(
                    "SELECT geonameid FROM places WHERE country_code = ? AND feature_code = 'PPLC'",
                    (unit.country_code,),
                ).fetchone()
                found = self.get(row[0]) if row else None
            if unit is not None and unit.feature == "admin1":
                codes = (unit.country_code, unit.admin1_code, geonameid)
                row = self._conn.execute(_SEAT_SQL, codes).fetchone()
                found = self.get(row[0]) if row else None
            self._seats[geonameid] = found
        return self._seats[geonameid]

    def country(self, iso2: str) -> Candidate | None:
        """The country with ISO 3166-1 alpha-2 code ``iso2`` (any case)."""
        row = self._conn.execute(
            "SELECT geonameid FROM regions WHERE country_code = ? AND admin1_code = '' "
            "AND admin2_code = ''",
            (iso2.upper(),),
        ).fetchone()
        return self.get(row[0]) if row and row[0] is not None else None

    def scan(self, text: str) -> list[NameMatch]:
        """Every key found in ``text`` on word boundaries (overlaps included), sorted by start."""
        return scan_text(self._load_automaton(), text, self._exact_forms)

    def _load_automaton(self) -> ahocorasick.Automaton:
        with self._lock:
            if self._automaton is None:
                token = read_meta(self._conn).get("names_token", "none")
                self._exact_forms = read_exact_forms(self._conn)
                self._automaton = load_automaton(self._conn, automaton_path(self.path, token))
            return self._automaton

    def info(self) -> dict[str, Any]:
        """Path, size, counts by feature, source versions and build time."""
        meta = read_meta(self._conn)
        counts = dict(self._conn.execute("SELECT feature, count(*) FROM places GROUP BY 1"))
        names = self._conn.execute("SELECT count(*) FROM names").fetchone()[0]
        return {
            "path": str(self.path),
            "size_bytes": self.path.stat().st_size,
            "format_version": int(meta.get("format_version", 0)),
            "places_by_feature": counts,
            "names": names,
            "sources": {k.split(":", 1)[1]: v for k, v in meta.items() if k.startswith("source:")},
            "data_files": {k.split(":", 1)[1]: v for k, v in meta.items() if k.startswith("data:")},
            "built_at": meta.get("built_at"),
            "dumps_imported": [v for k, v in sorted(meta.items()) if k.startswith("dump:")],
        }
