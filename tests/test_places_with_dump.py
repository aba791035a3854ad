"""A user who imports a GeoNames dump gets village-level places through the same code path."""

from pathlib import Path

from conflictwire.gazetteer import Gazetteer, SourcePaths, build_index, import_geonames_dump
from conflictwire.models import Article
from conflictwire.places import locate_places
from fakes import make_view

FIXTURE_DIR = Path(__file__).parent / "fixtures" / "gazetteer"
TEXT = "Shells fell on Jubb al-Ward, a hamlet east of Palmyra, residents said."


def places_with(index: Path) -> dict[str, int | None]:
    article = Article(text=TEXT, nlp=make_view(TEXT, {"Jubb al-Ward": "GPE"}))
    with Gazetteer.open(index, build=False) as gazetteer:
        located = locate_places(article, gazetteer=gazetteer)
    return {p.mention: (p.geonameid, p.feature) for p in located.places}


def test_imported_village_is_matched_by_name(tmp_path):
    index = build_index(tmp_path / "gaz.sqlite", sources=SourcePaths.in_directory(FIXTURE_DIR))
    before = places_with(index)
    assert before.get("Jubb al-Ward", (None, None))[1] != "populated_place"
    import_geonames_dump(index, FIXTURE_DIR / "SY_sample.txt")
    after = places_with(index)
    assert after["Jubb al-Ward"] == (9990002, "populated_place")
