"""Building the index file: sources -> SQLite, written to a temp file and renamed atomically."""

from __future__ import annotations

import os
import sqlite3
import sys
import tempfile
import time
from datetime import UTC, datetime
from itertools import islice
from pathlib import Path

from conflictwire.gazetteer.curated import data_versions, write_curated
from conflictwire.gazetteer.datafiles import package_data_dir
from conflictwire.gazetteer.normalize import normalize
from conflictwire.gazetteer.scan import remove_automata
from conflictwire.gazetteer.schema import (
    FORMAT_VERSION,
    POST_LOAD_DDL,
    create_schema,
    read_meta,
    renew_names_token,
    write_places,
)
from conflictwire.gazetteer.sources import (
    SourcePaths,
    default_sources,
    iter_records,
    read_capitals,
    source_versions,
)
from conflictwire.settings import default_cache_dir

BATCH_SIZE = 20_000


def default_index_path() -> Path:
    """``<cache dir>/gazetteer-v<FORMAT_VERSION>.sqlite``."""
    return default_cache_dir() / f"gazetteer-v{FORMAT_VERSION}.sqlite"


def expected_meta(data_dir: Path) -> dict[str, str]:
    """The meta values an up-to-date index carries: format, source package versions and the
    content hashes of the data tables (so editing ``regions.tsv`` makes the index stale)."""
    versions = {f"source:{name}": version for name, version in source_versions().items()}
    return {"format_version": str(FORMAT_VERSION), **versions, **data_versions(data_dir)}


def stale_reason(path: Path, sources: SourcePaths | None = None) -> str | None:
    """Why the index at ``path`` must be (re)built, or None when it is current.

    The data tables are compared with those of ``sources``, or without ``sources`` with the
    folder the index was built from (recorded as ``data_dir``; the package's if that is gone).
    """
    if not path.is_file():
        return f"no gazetteer index at {path}"
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            meta = read_meta(conn)
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        return f"gazetteer index {path} is unreadable ({exc})"
    for key, value in expected_meta(_data_dir(meta, sources)).items():
        if meta.get(key) != value:
            return f"gazetteer index {path} has {key}={meta.get(key)!r}, expected {value!r}"
    return None


def _data_dir(meta: dict[str, str], sources: SourcePaths | None) -> Path:
    if sources is not None:
        return sources.data
    recorded = Path(meta.get("data_dir") or package_data_dir())
    return recorded if recorded.is_dir() else package_data_dir()


def build_index(path: Path, *, progress: bool = False, sources: SourcePaths | None = None) -> Path:
    """Build the index at ``path`` from ``sources`` (default: installed packages); returns path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    handle, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(handle)
    tmp = Path(tmp_name)
    try:
        _write_index(tmp, sources or default_sources(), progress)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    remove_automata(path)
    if progress:
        _say(f"gazetteer: built {path} in {time.perf_counter() - started:.1f}s")
    return path


def _write_index(tmp: Path, sources: SourcePaths, progress: bool) -> None:
    tmp.unlink(missing_ok=True)
    conn = sqlite3.connect(tmp)
    try:
        conn.execute("PRAGMA journal_mode = OFF")
        conn.execute("PRAGMA synchronous = OFF")
        create_schema(conn)
        records = iter_records(sources)
        total = 0
        while batch := list(islice(records, BATCH_SIZE)):
            total += write_places(conn, batch)
            if progress and total % 100_000 < BATCH_SIZE:
                _say(f"gazetteer: {total:,} places")
        added, missing = write_curated(conn, sources.data)
        if progress:
            _say(f"gazetteer: {added:,} curated names; places not in the index: {missing or 0}")
        conn.execute(POST_LOAD_DDL)
        mark_capitals(conn, read_capitals(sources.countries))
        place_bare_districts(conn)
        built_at = datetime.now(UTC).isoformat(timespec="seconds")
        meta = {**expected_meta(sources.data), "built_at": built_at, "data_dir": str(sources.data)}
        conn.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", meta.items())
        renew_names_token(conn)
        conn.commit()
        conn.execute("VACUUM")
    finally:
        conn.close()


CAPITAL_CODE = "PPLC"  # GeoNames' feature code for a country's capital


def mark_capitals(conn: sqlite3.Connection, capitals: dict[str, str]) -> None:
    """Flag each country's capital (its most populous town of the capital's name) ``PPLC``."""
    for iso, name in capitals.items():
        row = conn.execute(
            "SELECT p.geonameid FROM places p JOIN names n ON n.geonameid = p.geonameid "
            "WHERE n.key = ? AND p.country_code = ? AND p.feature = 'populated_place' "
            "ORDER BY p.population DESC LIMIT 1",
            (normalize(name), iso),
        ).fetchone()
        if row:
            conn.execute(
                "UPDATE places SET feature_code = ? WHERE geonameid = ?", (CAPITAL_CODE, row[0])
            )


def place_bare_districts(conn: sqlite3.Connection) -> None:
    """Give admin2 units that no listed town lies in a point: that of a town of their own name
    in their province (the district seat, as "Gorkha" for Gorkha district), else none."""
    conn.execute(
        """
        UPDATE places AS d SET (latitude, longitude) = (
            SELECT t.latitude, t.longitude FROM places t
            JOIN names tn ON tn.geonameid = t.geonameid
            JOIN names dn ON dn.key = tn.key AND dn.geonameid = d.geonameid
            WHERE t.feature = 'populated_place' AND t.country_code = d.country_code
              AND t.admin1_code = d.admin1_code
            ORDER BY t.population DESC LIMIT 1)
        WHERE d.feature = 'admin2' AND d.latitude IS NULL
        """
    )


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)
