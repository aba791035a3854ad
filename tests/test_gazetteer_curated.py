"""Curated regions, aliases, demonyms and points: lookups, case-sensitive scans, rebuilds on data
edits."""

from __future__ import annotations

import dataclasses
import json
import shutil
from pathlib import Path

import pytest

from conflictwire.gazetteer import (
    Gazetteer,
    GazetteerError,
    SourcePaths,
    build_index,
    default_sources,
    import_geonames_dump,
)
from conflictwire.gazetteer.build import stale_reason
from conflictwire.gazetteer.curated import (
    curated_name_rows,
    exact_key,
    read_points,
    read_regions,
)
from conflictwire.gazetteer.datafiles import package_data_dir, read_table

FIXTURE_DIR = Path(__file__).parent / "fixtures" / "gazetteer"
FIXTURES = SourcePaths.in_directory(FIXTURE_DIR)
SYRIA, USA, WEST_VIRGINIA, DC = 163843, 6252001, 4826850, 4138106
HIMS, TADMUR_DISTRICT = 169575, 163807


@pytest.fixture(scope="module")
def gaz(tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    path = build_index(tmp_path_factory.mktemp("curated") / "gaz.sqlite", sources=FIXTURES)
    return Gazetteer.open(path, build=False)


def spans(gaz: Gazetteer, text: str) -> list[tuple[str, str]]:
    return [(text[m.start : m.end], m.key) for m in gaz.scan(text)]


def test_fixture_index_uses_the_fixture_data_tables() -> None:
    assert FIXTURES.data == FIXTURE_DIR / "data"


def test_demonym_is_the_country_with_feature_demonym(gaz: Gazetteer) -> None:
    (syrian,) = gaz.lookup("Syrian")
    syria = gaz.get(SYRIA)
    assert syria is not None and syria.feature == "country"
    assert (syrian.geonameid, syrian.name, syrian.feature) == (SYRIA, "Syria", "demonym")
    assert (syrian.feature_code, syrian.country_code, syrian.country) == ("PCLI", "SY", "Syria")
    assert (syrian.latitude, syrian.longitude) == (syria.latitude, syria.longitude)
    assert gaz.candidates("syrian") == [syrian]


@pytest.mark.parametrize(
    ("name", "geonameid"), [("Syrians", SYRIA), ("American", USA), ("Americans", USA)]
)
def test_plural_and_adjective_forms(gaz: Gazetteer, name: str, geonameid: int) -> None:
    assert [(c.geonameid, c.feature) for c in gaz.lookup(name)] == [(geonameid, "demonym")]


def test_scan_of_dotted_abbreviations_has_exact_offsets(gaz: Gazetteer) -> None:
    text = "in Charleston, W.Va., on Monday; U.S.-led talks in Washington, D.C."
    found = [m for m in gaz.scan(text) if m.key in ("W.Va.", "U.S.", "D.C.")]
    assert [(m.start, m.end, m.key) for m in found] == [
        (15, 20, "W.Va."),
        (33, 37, "U.S."),
        (63, 67, "D.C."),  # the final dot is also the sentence's: it is in the span
    ]
    assert [text[m.start : m.end] for m in found] == ["W.Va.", "U.S.", "D.C."]
    assert [c.geonameid for c in gaz.candidates("W.Va.")] == [WEST_VIRGINIA]
    assert [c.geonameid for c in gaz.candidates("D.C.")] == [DC]
    assert ("W. Va.", "W. Va.") in spans(gaz, "Morgantown, W. Va., said")


def test_dotted_abbreviations_need_their_dots_and_capitals(gaz: Gazetteer) -> None:
    assert spans(gaz, "the w.va. plant; W Va; D C") == []


def test_capitals_only_alias_matches_us_forces_but_not_told_us(gaz: Gazetteer) -> None:
    assert spans(gaz, "US forces left") == [("US", "US")]
    assert [c.geonameid for c in gaz.candidates("US")] == [USA]
    assert spans(gaz, "he told us, Us and uS") == []
    assert [c.geonameid for c in gaz.lookup("US")] == [USA]
    assert gaz.lookup("us") == []


def test_lookup_of_an_abbreviation_with_or_without_its_final_dot(gaz: Gazetteer) -> None:
    assert [c.geonameid for c in gaz.lookup("W.Va.")] == [WEST_VIRGINIA]
    assert [c.geonameid for c in gaz.lookup("W.Va")] == [WEST_VIRGINIA]
    assert gaz.lookup("w.va.") == []


def test_region_lookups(gaz: Gazetteer) -> None:
    (darfur,) = gaz.lookup("Darfur")
    assert (darfur.feature, darfur.country_code) == ("region", "SD")
    assert darfur.geonameid < 0  # no GeoNames id we trust: one of ours
    assert (darfur.latitude, darfur.longitude) == (13.5, 24.0)
    assert [(c.geonameid, c.feature) for c in gaz.lookup("Darfuri")] == [
        (darfur.geonameid, "demonym")
    ]
    (gaza,) = gaz.lookup("Gaza Strip")
    assert (gaza.geonameid, gaza.feature) == (281132, "admin1")


def test_plain_alias_and_rows_for_places_missing_from_the_index(gaz: Gazetteer) -> None:
    assert [c.geonameid for c in gaz.lookup("Tudmur")] == [163808]
    assert gaz.lookup("Texan") == [] and gaz.lookup("Texas") == []


def test_info_reports_the_data_tables(gaz: Gazetteer) -> None:
    tables = gaz.info()["data_files"]
    assert {"regions.tsv", "aliases.tsv", "demonyms.tsv", "points.tsv"} <= set(tables)
    assert "arabic_articles.tsv" in tables


def test_editing_a_data_table_triggers_a_rebuild(tmp_path: Path) -> None:
    sources = dataclasses.replace(FIXTURES, data=tmp_path / "data")
    shutil.copytree(FIXTURES.data, sources.data)
    index = build_index(tmp_path / "gaz.sqlite", sources=sources)
    assert stale_reason(index, sources) is None and stale_reason(index) is None
    with (sources.data / "aliases.tsv").open("a", encoding="utf-8") as handle:
        handle.write("Palmyre\t163808\tTadmur\tany\tadded\n")
    assert "data:aliases.tsv" in (stale_reason(index) or "")
    with pytest.raises(GazetteerError, match="aliases.tsv"):
        Gazetteer.open(index, build=False, sources=sources)
    with Gazetteer.open(index, sources=sources) as gaz:
        assert [c.geonameid for c in gaz.lookup("Palmyre")] == [163808]
    assert stale_reason(index, sources) is None


def test_a_listed_point_replaces_the_mean_of_the_cities(gaz: Gazetteer) -> None:
    hims, tadmur_district = gaz.get(HIMS), gaz.get(TADMUR_DISTRICT)
    assert hims is not None and tadmur_district is not None
    assert (hims.latitude, hims.longitude) == (34.6, 37.9)  # fixture data/points.tsv
    assert hims.population == 51015 + 775404  # still the sum of its cities'
    # not listed: keeps the mean of its two cities
    assert tadmur_district.latitude == pytest.approx((34.88533 + 34.5624) / 2, abs=0.01)
    assert tadmur_district.longitude == pytest.approx((38.8711 + 38.28402) / 2, abs=0.01)


def test_a_demonym_carries_the_listed_point_of_its_country(gaz: Gazetteer) -> None:
    (syrian,) = gaz.lookup("Syrian")
    assert (syrian.latitude, syrian.longitude) == (35.0, 38.0)


def test_editing_the_points_table_rebuilds_with_the_new_point(tmp_path: Path) -> None:
    sources = dataclasses.replace(FIXTURES, data=tmp_path / "data")
    shutil.copytree(FIXTURES.data, sources.data)
    index = build_index(tmp_path / "gaz.sqlite", sources=sources)
    with (sources.data / "points.tsv").open("a", encoding="utf-8") as handle:
        handle.write("163807\tTadmur District\t34.6\t38.6\n")
    assert "data:points.tsv" in (stale_reason(index) or "")
    with Gazetteer.open(index, sources=sources) as gaz:
        tadmur_district = gaz.get(TADMUR_DISTRICT)
        assert tadmur_district is not None
        assert (tadmur_district.latitude, tadmur_district.longitude) == (34.6, 38.6)


@pytest.mark.parametrize(
    ("row", "error"),
    [("163843\tSyria\t135.0\t38.0", "no valid point"), ("169575\tḨimş\t34.6\t37.9", "twice")],
)
def test_a_bad_points_row_is_refused(tmp_path: Path, row: str, error: str) -> None:
    table = (FIXTURES.data / "points.tsv").read_text(encoding="utf-8")
    (tmp_path / "points.tsv").write_text(f"{table}{row}\n", encoding="utf-8")
    with pytest.raises(ValueError, match=error):
        read_points(tmp_path)


def test_packaged_points_cover_every_country() -> None:
    points = read_points(package_data_dir())
    countries = json.loads(default_sources().countries.read_text(encoding="utf-8"))
    assert {int(c["geonameid"]) for c in countries.values()} <= set(points)
    assert len(points) > len(countries) + 200  # and admin1 units of large countries
    assert points[USA] == (39.76, -98.5)


def test_case_sensitive_alias_must_differ_from_its_normal_form() -> None:
    assert exact_key("W.  Va.") == "W. Va."
    with pytest.raises(ValueError, match="case 'any'"):
        exact_key("us")


def test_packaged_tables_are_consistent() -> None:
    data = package_data_dir()
    regions = {r.geonameid: r for r in read_regions(data)}
    assert len(regions) == len(read_table("regions.tsv"))  # ids are unique
    rows = list(curated_name_rows(data))
    assert ("syrian", SYRIA, 0, "demonym", 0) in rows
    assert ("US", USA, 0, "alias", 1) in rows and ("W.Va.", WEST_VIRGINIA, 0, "alias", 1) in rows
    assert {gid for _, gid, *_ in rows if gid < 0} <= set(regions)
    demonyms = [row["demonym"] for row in read_table("demonyms.tsv")]
    assert len(demonyms) == len(set(demonyms)) > 400


def test_a_dump_import_keeps_the_curated_names_of_the_places_it_replaces(tmp_path: Path) -> None:
    index = build_index(tmp_path / "gaz.sqlite", sources=FIXTURES)
    row = ["163808", "Tadmur", "Tadmur", "Palmyra", "34.5624", "38.28402", "P", "PPLA2", "SY"]
    row += ["", "11", "163807", "", "", "51323", "", "404", "Asia/Damascus", "2024-01-01"]
    dump = tmp_path / "SY.txt"
    dump.write_text("\t".join(row) + "\n", encoding="utf-8")
    assert import_geonames_dump(index, dump) == 1
    with Gazetteer.open(index, build=False) as gaz:
        assert [c.geonameid for c in gaz.lookup("Tudmur")] == [163808]
