"""Exports: JSONL records, ACLED CSV, GeoJSON, Parquet; and the article JSON Schema."""

from __future__ import annotations

import csv
import io
import json
from importlib import resources
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from conflictwire.export import ACLED_COLUMNS, FORMATS, parquet_schema, write
from conflictwire.export.acled import acled_regions, find_country
from conflictwire.models import ActorMention, Article, Claim, Event, Evidence, Place, Quote
from schema_check import load_schema, schema_errors

TEXT = (
    "Coalition aircraft struck a house in Marib on 12 March, killing four civilians, "
    "officials said. Houthi forces shelled government positions near Harib the same day. "
    '"The strike hit a family home," said Ali al-Sharif, a health official. '
    "Marib lies about 120 km east of Sanaa."
)


def at(part: str) -> tuple[int, int]:
    start = TEXT.index(part)
    return (start, start + len(part))


def sentence_of(part: str) -> tuple[int, int]:
    start = TEXT.rfind(". ", 0, TEXT.index(part))
    start = 0 if start < 0 else start + 2
    return (start, TEXT.index(".", TEXT.index(part)) + 1)


def airstrike() -> Event:
    return Event(
        event_type="Explosions/Remote violence",
        sub_event_type="Air/drone strike",
        disorder_type="Political violence",
        actor1="Military Forces of Saudi Arabia (2015-)",
        inter1="External/Other forces",
        actor2="Civilians (Yemen)",
        inter2="Civilians",
        interaction="External/Other forces-Civilians",
        civilian_targeting=True,
        event_date="2024-03-12",
        time_precision=1,
        location="Marib",
        geonameid=71137,
        admin1="Marib",
        country="Yemen",
        iso="YE",
        latitude=15.46253,
        longitude=45.32581,
        geo_precision=1,
        fatalities=4,
        cameo="195",
        plover="ASSAULT",
        confidence=0.85,
        evidence=Evidence(
            sentence=sentence_of("struck"),
            trigger=at("struck"),
            actor1=at("Coalition aircraft"),
            location=at("Marib"),
            date=at("12 March"),
            fatalities=at("four"),
        ),
    )


def shelling() -> Event:
    """An event whose place was not resolved: no coordinates, no country code."""
    return Event(
        event_type="Explosions/Remote violence",
        sub_event_type="Shelling/artillery/missile attack",
        disorder_type="Political violence",
        actor1="Ansar Allah (Houthi)",
        inter1="Rebel group",
        actor2="Military Forces of Yemen (2016-) Hadi Faction",
        inter2="State forces",
        interaction="Rebel group-State forces",
        event_date="2024-03-12",
        time_precision=1,
        location="Harib",
        country="Yemen",
        geo_precision=2,
        confidence=float("nan"),
        evidence=Evidence(sentence=sentence_of("shelled"), trigger=at("shelled")),
    )


def marib_article() -> Article:
    quote = '"The strike hit a family home,"'
    return Article(
        text=TEXT,
        id="marib-2024-03-13",
        title="Air strike kills four in Marib",
        url="https://example.org/yemen/marib-strike",
        source="Example News",
        published="2024-03-13",
        language="en",
        places=[
            Place(
                *at("Marib"),
                "Marib",
                71137,
                "Ma'rib",
                "populated_place",
                "YE",
                "Yemen",
                "Marib",
                None,
                15.46253,
                45.32581,
                0.9,
            ),
            Place(*at("Harib"), "Harib", None, None, None, None, None, None, None, None, None),
            Place(
                *at("Sanaa"),
                "Sanaa",
                71138,
                "Sanaa",
                "populated_place",
                "YE",
                "Yemen",
                "Amanat Al Asimah",
                None,
                15.35472,
                44.20667,
                0.95,
            ),
        ],
        actors=[
            ActorMention(
                *at("Houthi forces"), "Houthi forces", "Ansar Allah (Houthi)", "Rebel group", "YE"
            ),
        ],
        events=[airstrike(), shelling()],
        quotes=[
            Quote(
                quote,
                *at(quote),
                True,
                "Ali al-Sharif",
                *at("Ali al-Sharif"),
                None,
                "health official",
                "said",
                0,
            ),
        ],
        claims=[
            Claim(
                "distance",
                "about 120 km east of Sanaa",
                *at("about 120 km east of Sanaa"),
                subject="Marib",
                object="Sanaa",
                stated_km=120.0,
                stated_bearing="E",
                measured_km=124.6,
                measured_bearing=84.0,
                verdict="consistent",
            ),
            Claim(
                "count",
                "four civilians",
                *at("four civilians"),
                subject="civilians",
                value=4,
                unit="people",
            ),
        ],
    )


def quiet_article() -> Article:
    return Article(text="Nothing happened in Aden today.", id="aden-1", source="Wire")


def test_full_article_record_is_schema_valid() -> None:
    schema = load_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    record = marib_article().to_dict()
    record["events"][1]["confidence"] = None  # JSON has no NaN; see the GeoJSON test
    assert list(schema_errors(record, schema, schema)) == []


def test_schema_checker_catches_a_dropped_field_and_a_wrong_type() -> None:
    schema = load_schema()
    record = marib_article().to_dict()
    del record["events"][0]["fatalities"]
    record["places"][0]["latitude"] = "15.4"
    errors = list(schema_errors(record, schema, schema))
    assert any("events[0]: missing 'fatalities'" in e for e in errors)
    assert any("places[0].latitude" in e for e in errors)


def test_schema_requires_every_record_field() -> None:
    record = quiet_article().to_dict()
    assert set(load_schema()["required"]) == set(record)


# --- write() -----------------------------------------------------------------------------------


def test_jsonl_writes_one_record_per_article_in_order() -> None:
    out = io.StringIO()
    articles = [marib_article(), quiet_article()]
    assert write(articles, "jsonl", out) == 2
    lines = out.getvalue().splitlines()
    assert [json.loads(line)["id"] for line in lines] == ["marib-2024-03-13", "aden-1"]
    assert Article.from_dict(json.loads(lines[1])).to_dict() == quiet_article().to_dict()


def test_jsonl_keeps_non_ascii_text() -> None:
    out = io.StringIO()
    write([Article(text="قصف جوي على مأرب", id="ar-1")], "jsonl", out)
    assert "مأرب" in out.getvalue()


def test_jsonl_record_is_one_line_for_every_line_reader() -> None:
    # U+2028, U+2029 and U+0085 were written raw: str.splitlines() cut the record there
    # (found by tests/test_fuzz_cli.py).
    text = "Shelling in Kherson\u2028two hurt\u2029a shop hit\x85at night"
    out = io.StringIO()
    write([Article(text=text, id="kh-1")], "jsonl", out)
    (line,) = out.getvalue().splitlines()
    assert json.loads(line)["text"] == text


def test_jsonl_to_a_path_and_to_stdout(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "articles.jsonl"
    assert write([quiet_article()], "jsonl", path) == 1
    assert json.loads(path.read_text("utf-8"))["id"] == "aden-1"
    assert write([quiet_article()], "jsonl", "-") == 1
    assert json.loads(capsys.readouterr().out)["id"] == "aden-1"


def acled_csv(articles: list[Article]) -> list[dict[str, str]]:
    out = io.StringIO()
    assert write(articles, "acled-csv", out, timestamp=1710374400) == sum(
        len(a.events) for a in articles
    )
    out.seek(0)
    reader = csv.DictReader(out)
    assert tuple(reader.fieldnames or ()) == ACLED_COLUMNS
    return list(reader)


def test_acled_csv_has_acled_columns_and_one_row_per_event() -> None:
    strike, shell = acled_csv([marib_article(), quiet_article()])
    assert strike["event_id_cnty"].startswith("YEM") and strike["event_id_cnty"][3:].isdigit()
    assert strike["event_date"] == "2024-03-12" and strike["year"] == "2024"
    assert (strike["inter1"], strike["inter2"]) == ("External/Other forces", "Civilians")
    assert strike["civilian_targeting"] == "Civilian targeting"
    assert shell["civilian_targeting"] == ""
    assert (strike["iso"], strike["region"], strike["country"]) == ("887", "Middle East", "Yemen")
    assert (strike["latitude"], strike["longitude"]) == ("15.46253", "45.32581")
    assert strike["source"] == "Example News" and strike["fatalities"] == "4"
    assert strike["notes"] == (
        "Coalition aircraft struck a house in Marib on 12 March, killing four civilians, "
        "officials said."
    )
    assert strike["timestamp"] == "1710374400"
    assert (shell["latitude"], shell["admin3"], shell["fatalities"]) == ("", "", "0")


def test_acled_event_ids_are_stable_and_distinct() -> None:
    first = [row["event_id_cnty"] for row in acled_csv([marib_article()])]
    again = [row["event_id_cnty"] for row in acled_csv([marib_article()])]
    assert first == again and len(set(first)) == 2
    assert first[1].startswith("YEM")  # found from the country name: the event has no iso


def test_country_lookup_accepts_alpha2_alpha3_numeric_and_names() -> None:
    for key in ("YE", "YEM", "887", 887):
        country = find_country(key)
        assert country is not None and country.iso3 == "YEM"
    syria = find_country(None, "Syria")
    assert syria is not None and (syria.iso3, syria.numeric, syria.region) == (
        "SYR",
        760,
        "Middle East",
    )
    assert find_country("ZZ") is None


def test_region_table_names_its_source_and_uses_acled_regions() -> None:
    text = resources.files("conflictwire").joinpath("data/acled_regions.tsv").read_text()
    assert "codebook" in text[:400].lower()
    regions = acled_regions()
    assert regions["UKR"] == "Europe" and regions["SDN"] == "Northern Africa"
    assert regions["AFG"] == "South Asia" and regions["MMR"] == "Southeast Asia"
    assert len(set(regions.values())) == 17


def geojson(articles: list[Article]) -> dict[str, Any]:
    out = io.StringIO()
    count = write(articles, "geojson", out)
    data = json.loads(out.getvalue())
    assert count == len(data["features"])
    return data


def test_geojson_has_points_for_located_events_and_places() -> None:
    data = geojson([marib_article(), quiet_article()])
    assert data["type"] == "FeatureCollection"
    kinds = [(f["properties"]["kind"], f["properties"]["index"]) for f in data["features"]]
    assert kinds == [("event", 0), ("place", 0), ("place", 2)]  # no coordinates: left out
    event = data["features"][0]
    assert event["geometry"] == {"type": "Point", "coordinates": [45.32581, 15.46253]}
    props = event["properties"]
    assert props["article_id"] == "marib-2024-03-13"
    assert props["article_url"] == "https://example.org/yemen/marib-strike"
    assert props["notes"].startswith("Coalition aircraft struck")
    assert json.loads(props["evidence"])["trigger"] == list(at("struck"))


def test_geojson_properties_are_flat_and_finite() -> None:
    article = marib_article()
    article.events[1].latitude, article.events[1].longitude = 15.6, 45.9  # the NaN event
    article.places[1].latitude, article.places[1].longitude = float("nan"), 45.0
    article.places[2].latitude = 95.0  # out of range: left out
    out = io.StringIO()
    write([article], "geojson", out)
    assert "NaN" not in out.getvalue()
    features = json.loads(out.getvalue())["features"]
    assert [f["properties"]["kind"] for f in features] == ["event", "event", "place"]
    for feature in features:
        lon, lat = feature["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        for value in feature["properties"].values():
            assert value is None or isinstance(value, str | int | float | bool)
    assert features[1]["properties"]["confidence"] is None


def test_parquet_writes_typed_event_rows(tmp_path: Path) -> None:
    path = tmp_path / "events.parquet"
    assert write([marib_article(), quiet_article()], "parquet", path, timestamp=1) == 2
    table = pq.read_table(path)
    assert table.schema.equals(parquet_schema())
    assert table.column_names == [*ACLED_COLUMNS, "article_id"]
    rows = table.to_pylist()
    assert rows[0]["article_id"] == "marib-2024-03-13"
    assert str(rows[0]["event_date"]) == "2024-03-12" and rows[0]["fatalities"] == 4
    assert rows[0]["iso"] == 887 and rows[1]["latitude"] is None


@pytest.mark.parametrize("out", [None, "-", io.StringIO()])
def test_parquet_needs_a_path(out: Any) -> None:
    with pytest.raises(ValueError, match="file path"):
        write([marib_article()], "parquet", out)


def test_unknown_format_lists_the_known_ones() -> None:
    with pytest.raises(ValueError, match="jsonl, acled-csv, geojson, parquet"):
        write([], "kml", None)
    assert FORMATS == ("jsonl", "acled-csv", "geojson", "parquet")
