"""The founding example (../shared/seeds): what a user expects from `conflictwire extract`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from conflictwire.cli import main
from schema_check import load_schema, schema_errors

SEED = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "000_94b7f26e35b82732.txt"

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(not SEED.exists(), reason="shared/seeds is not beside this checkout"),
]


@pytest.fixture(scope="module")
def record() -> dict:
    result = CliRunner().invoke(main, ["extract", str(SEED), "--published", "2017-08-14"])
    assert result.exit_code == 0, result.output
    (line,) = result.stdout.splitlines()
    return json.loads(line)


def places(record: dict, mention: str) -> list[dict]:
    return [p for p in record["places"] if p["mention"].lower() == mention.lower()]


def test_seed_record_is_schema_valid(record):
    schema = load_schema()
    assert list(schema_errors(record, schema, schema)) == []


def test_offsets_point_at_the_mentions(record):
    for place in record["places"]:
        assert record["text"][place["start"] : place["end"]] == place["mention"]


def test_al_sukhnah_is_as_sukhnah_in_homs(record):
    found = places(record, "al-Sukhnah")
    assert len(found) >= 8
    for place in found:
        assert place["geonameid"] == 172425
        assert place["name"] == "As Sukhnah" and place["country"] == "Syria"
        assert abs(place["latitude"] - 34.885) < 0.01 and abs(place["longitude"] - 38.871) < 0.01
        assert place["admin1"] in ("Ḩimş", "Homs")


def test_palmyra_is_tadmur_and_deir_al_zour_is_deir_ez_zor(record):
    assert {p["name"] for p in places(record, "Palmyra")} == {"Tadmur"}
    deir = places(record, "Deir al-Zour")
    assert len(deir) >= 5
    assert all(p["country_code"] == "SY" for p in deir)
    assert {p["geonameid"] for p in deir} <= {170794, 170792}  # the city, or its province
    assert 170794 in {p["geonameid"] for p in deir}


def test_homs_and_hama_are_the_provinces_where_the_text_says_so(record):
    text = record["text"]
    homs = next(
        p for p in places(record, "Homs") if "province of Homs" in text[p["start"] - 15 : p["end"]]
    )
    assert homs["feature"] == "admin1" and homs["geonameid"] == 169575
    (hama,) = places(record, "Hama")
    assert hama["feature"] == "admin1" and hama["geonameid"] == 170015


def test_syrian_is_read_as_the_demonym_of_syria(record):
    syrian = places(record, "Syrian")
    assert syrian and all(p["feature"] == "demonym" and p["country_code"] == "SY" for p in syrian)
