"""Importing GeoNames dump files (txt and zip) into a built index."""

from __future__ import annotations

import shutil
import sqlite3
import zipfile
from pathlib import Path

import pytest

from conflictwire.gazetteer import (
    DumpError,
    Gazetteer,
    SourcePaths,
    build_index,
    import_geonames_dump,
)

FIXTURE_DIR = Path(__file__).parent / "fixtures" / "gazetteer"
FIXTURES = SourcePaths.in_directory(FIXTURE_DIR)
SAMPLE = FIXTURE_DIR / "SY_sample.txt"  # 5 rows: 2 villages, a mountain, a road, As Sukhnah


@pytest.fixture
def index(tmp_path: Path) -> Path:
    return build_index(tmp_path / "gaz.sqlite", sources=FIXTURES)


def _zip(tmp_path: Path, name: str) -> Path:
    target = tmp_path / name
    with zipfile.ZipFile(target, "w") as archive:
        archive.write(SAMPLE, arcname=f"{target.stem}.txt")
        archive.writestr("readme.txt", "GeoNames readme")
    return target


def _check_imported(index: Path) -> None:
    with Gazetteer.open(index, build=False) as gaz:
        village = gaz.get(9990001)
        assert village is not None
        assert (village.feature, village.feature_code, village.admin1) == (
            "populated_place",
            "PPL",
            "Ḩimş",
        )
        assert gaz.lookup("Tell Qasr el Heir")[0].geonameid == 9990001
        mountain = gaz.get(9990003)
        assert mountain is not None and mountain.feature == "terrain"
        assert gaz.get(9990004) is None  # roads are not imported
        sukhnah = gaz.get(172425)
        assert sukhnah is not None and sukhnah.population == 18000  # replaced
    assert "al sukhnah" in _keys(index, 172425)
    assert "tl qsr alhyr" not in _keys(index, 9990001)  # romanisation junk is dropped


def _keys(index: Path, geonameid: int) -> set[str]:
    conn = sqlite3.connect(index)
    try:
        rows = conn.execute("SELECT key FROM names WHERE geonameid = ?", (geonameid,))
        return {key for (key,) in rows}
    finally:
        conn.close()


def test_import_txt(index: Path) -> None:
    assert import_geonames_dump(index, SAMPLE) == 4
    _check_imported(index)


@pytest.mark.parametrize("name", ["SY.zip", "allCountries.zip"])
def test_import_zip(index: Path, tmp_path: Path, name: str) -> None:
    assert import_geonames_dump(index, _zip(tmp_path, name)) == 4
    _check_imported(index)


def test_import_invalidates_the_persisted_automaton(index: Path) -> None:
    text = "Shelling hit Tall Qasr al-Hayr near al-Sukhnah."
    with Gazetteer.open(index, build=False) as gaz:
        assert [text[m.start : m.end] for m in gaz.scan(text)] == ["al-Sukhnah"]
    import_geonames_dump(index, SAMPLE)
    with Gazetteer.open(index, build=False) as gaz:
        surfaces = [text[m.start : m.end] for m in gaz.scan(text)]
    assert "Tall Qasr al-Hayr" in surfaces and "al-Sukhnah" in surfaces
    assert len(list(index.parent.glob("*.automaton"))) == 1  # the old one is removed


def test_import_rejects_files_that_are_not_dumps(index: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text("not\ta\tdump\n", encoding="utf-8")
    with pytest.raises(ValueError, match="bad.txt line 1: expected 19"):
        import_geonames_dump(index, bad)
    with pytest.raises(FileNotFoundError, match="build it first"):
        import_geonames_dump(tmp_path / "none.sqlite", SAMPLE)
    shutil.copy(SAMPLE, tmp_path / "x.zip")
    with pytest.raises(DumpError, match="x.zip: not a readable zip file"):
        import_geonames_dump(index, tmp_path / "x.zip")
