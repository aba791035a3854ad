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


def quotes_by(record: dict, start: str) -> dict:
    (quote,) = [q for q in record["quotes"] if q["direct"] and q["quote"].startswith(start)]
    assert record["text"][quote["start"] : quote["end"]] == quote["quote"]
    return quote


def test_khaddours_quote_has_his_name_title_and_affiliation(record):
    quote = quotes_by(record, "Now we have cut off the supply line")
    assert quote["speaker"] == "Muhammad Khaddour"
    assert quote["speaker_title"] == "Major General"
    assert quote["speaker_affiliation"] == "Syrian army"
    assert quote["cue"] == "said"
    assert record["text"][quote["speaker_start"] : quote["speaker_end"]] == "Muhammad Khaddour"


def test_both_of_alaas_quotes_are_alaa_mohamed(record):
    full_name = record["text"].index("Alaa Mohamed")
    for start in ("We are not accustomed", "We are not afraid of being martyrs"):
        quote = quotes_by(record, start)
        assert quote["speaker"] == "Alaa Mohamed"
        assert (quote["speaker_start"], quote["speaker_end"]) == (full_name, full_name + 12)
        assert quote["speaker_title"] is None and quote["cue"] == "said"


def test_the_distance_to_palmyra_is_consistent_with_the_map(record):
    (claim,) = [c for c in record["claims"] if c["kind"] == "distance" and "Palmyra" in c["text"]]
    assert claim["text"] == "70 kilometers east of the ancient city of Palmyra"
    assert (claim["subject"], claim["object"]) == ("As Sukhnah", "Tadmur")
    assert claim["stated_km"] == 70 and claim["stated_bearing"] == "E"
    assert 60 < claim["measured_km"] < 70 and 50 < claim["measured_bearing"] < 62
    assert claim["verdict"] == "consistent"


def test_the_population_and_the_siege_length_are_captured(record):
    claims = {c["kind"]: c for c in record["claims"] if c["kind"] in ("population", "duration")}
    population = claims["population"]
    assert population["text"] == "home to some 18,000 people"
    assert (population["subject"], population["value"], population["unit"]) == (
        "As Sukhnah",
        18000,
        "people",
    )
    durations = {c["text"]: c for c in record["claims"] if c["kind"] == "duration"}
    assert durations["for over four years"]["value"] == 4
