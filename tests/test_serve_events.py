"""`conflictwire serve`: canonical events over the API - pages, filters, cells, histogram, one
event with its evidence, downloads (issue 14)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from conflictwire.export import ACLED_COLUMNS
from serve_store import build_store, client

SUDAN = "23,10,36,19"


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    return client(build_store(tmp_path_factory.mktemp("serve") / "store.db"))


def page(api: TestClient, query: str = "") -> dict:
    response = api.get(f"/api/events?mode=points&{query}")
    assert response.status_code == 200, response.text
    return response.json()


def everything(api: TestClient) -> list[dict]:
    return page(api, "limit=1000")["events"]


def test_a_page_of_events_newest_first_with_its_total(api):
    body = page(api)
    assert body["aggregated"] is False and body["total"] == 10 and body["next_offset"] is None
    days = [e["event_date"] for e in body["events"]]
    assert days == sorted(days, reverse=True) and days[0] == "2025-02-20"
    shelling = next(e for e in body["events"] if e["sub_event_type"].startswith("Shelling"))
    assert shelling["reports"] == 3 and shelling["source"] == "Dabanga; Reuters; Sudan Tribune"
    assert shelling["id"].startswith("cw") and shelling["latitude"] == 13.62793


def test_pages_are_stable_and_cover_every_event_once(api):
    whole = [e["id"] for e in everything(api)]
    pieces, offset = [], 0
    while offset is not None:
        body = page(api, f"limit=3&offset={offset}")
        pieces += [e["id"] for e in body["events"]]
        offset = body["next_offset"]
    assert pieces == whole and len(set(whole)) == 10
    oldest = [e["id"] for e in page(api, "order=oldest")["events"]]
    assert oldest == whole[::-1]


def test_bbox_and_dates_select_events(api):
    in_sudan = page(api, f"bbox={SUDAN}")["events"]
    assert {e["location"] for e in in_sudan} == {"El Fasher"} and len(in_sudan) == 2
    ordered = [e["id"] for e in everything(api) if e["location"] == "El Fasher"]
    assert [e["id"] for e in in_sudan] == ordered  # the same order with and without a box
    # the box's edge is in it: El Fasher's own longitude and latitude as the box's corner
    assert page(api, "bbox=25.34936,13.62793,26,14")["total"] == 2
    assert page(api, "bbox=25.34937,13.62793,26,14")["total"] == 0
    assert page(api, "since=2024-01-01&until=2024-06-09")["total"] == 4
    assert page(api, f"bbox={SUDAN}&since=2024-06-10")["total"] == 0
    assert page(api, "until=2015-12-31")["events"][0]["location"] == "As Sukhnah"
    # beyond the world's edges, as a map zoomed out asks: clipped
    assert page(api, "bbox=-540,-100,540,100")["total"] == 10


@pytest.mark.parametrize(
    ("query", "keep"),
    [
        ("event_type=battles", lambda e: e["event_type"] == "Battles"),
        (
            "event_type=Battles&event_type=Violence against civilians",
            lambda e: e["event_type"] in ("Battles", "Violence against civilians"),
        ),
        (
            "sub_event_type=Armed clash&sub_event_type=air/drone strike",
            lambda e: e["sub_event_type"] in ("Armed clash", "Air/drone strike"),
        ),
        ("actor=rapid support", lambda e: "Rapid Support" in f"{e['actor1']} {e['actor2']}"),
        ("actor=100%", lambda e: False),  # % and _ are text, not wildcards
        ("place=el fasher", lambda e: e["location"] == "El Fasher"),
        ("country=SD", lambda e: e["country"] == "Sudan"),
        ("country=mali", lambda e: e["country"] == "Mali"),
        ("geonameid=2597449", lambda e: e["location"] == "Kidal"),
        (
            "country=Syria&since=2016-01-01",
            lambda e: e["country"] == "Syria" and e["event_date"] >= "2016-01-01",
        ),
    ],
)
def test_filters(api, query, keep):
    expected = [e["id"] for e in everything(api) if keep(e)]
    assert [e["id"] for e in page(api, query)["events"]] == expected
    assert [e["id"] for e in page(api, f"{query}&bbox=-180,-90,180,90")["events"]] == expected


def test_text_search_over_the_reports_articles(api):
    found = page(api, "q=market")["events"]
    assert [e["location"] for e in found] == ["El Fasher"]
    assert found[0]["sub_event_type"].startswith("Shelling")  # not the air strike
    assert page(api, "q=artillery MARKET")["total"] == 1  # every word, any case
    assert page(api, "q=market jets")["total"] == 0
    assert page(api, "q=onerror")["events"][0]["location"] == "Saraqib"  # text, not markup
    for operators in ("NEAR(market", 'market OR "', "*", "AND", "-market", "title:market"):
        assert page(api, f"q={operators}")["total"] in (0, 1)


def test_many_matches_come_back_as_cells_unless_points_are_asked(api, monkeypatch):
    monkeypatch.setattr("conflictwire.serve.events.AGGREGATE_ABOVE", 4)
    body = api.get("/api/events").json()
    assert body["aggregated"] is True and body["total"] == 10 and body["zoom"] == 2
    assert api.get("/api/events?country=Sudan").json()["aggregated"] is False
    assert api.get("/api/events?mode=points").json()["aggregated"] is False
    assert api.get("/api/events?mode=cells&country=Sudan").json()["aggregated"] is True


def test_cells_count_every_located_event_once(api):
    body = api.get("/api/events/aggregate?zoom=2").json()
    assert body["aggregated"] is True and body["cell_degrees"] == 11.25
    assert body["total"] == 10 == sum(c["count"] for c in body["cells"])
    for cell in body["cells"]:
        west, south, east, north = cell["bounds"]
        assert west <= cell["center"][0] <= east and south <= cell["center"][1] <= north
        assert sum(cell["by_type"].values()) == cell["count"]
    sudan = api.get(f"/api/events/aggregate?bbox={SUDAN}&zoom=5").json()
    (cell,) = sudan["cells"]
    assert cell["count"] == 2 and cell["by_type"] == {"Explosions/Remote violence": 2}
    filtered = api.get("/api/events/aggregate?zoom=2&actor=wagner&since=2023-05-01").json()
    assert filtered["total"] == 1
    # no zoom: the box is about 32 cells wide
    assert api.get(f"/api/events/aggregate?bbox={SUDAN}").json()["zoom"] == 6


def test_histogram_counts_dated_events_per_bucket(api):
    body = api.get("/api/events/histogram?interval=year").json()
    assert body["interval"] == "year"
    assert {b["start"]: b["count"] for b in body["buckets"]} == {
        "2015-01-01": 1,
        "2017-01-01": 1,
        "2023-01-01": 3,
        "2024-01-01": 4,
        "2025-01-01": 1,
    }
    weeks = api.get(f"/api/events/histogram?interval=week&bbox={SUDAN}").json()["buckets"]
    assert weeks == [{"start": "2024-06-03", "count": 2}]  # 9 June 2024 was a Sunday


def test_one_event_with_every_report_its_article_and_evidence(api):
    shelling = page(api, "sub_event_type=Shelling/artillery/missile attack")["events"][0]
    response = api.get(f"/api/events/{shelling['id']}")
    assert response.status_code == 200
    event = response.json()
    assert event["id"] == shelling["id"] and event["fatalities"] == 9
    assert {r["article"]["id"] for r in event["reports"]} == {
        "fasher-reuters",
        "fasher-dabanga",
        "fasher-tribune",
    }
    for report in event["reports"]:
        text = report["article"]["text"]
        start, end = report["evidence"]["sentence"]
        assert text[start:end] == report["notes"]  # the sentence the event was read from
        if report["article"]["id"] == "fasher-dabanga":
            start, end = report["evidence"]["fatalities"]
            assert text[start:end] == "15" and report["event"]["fatalities"] == 15
        assert report["reason"] and report["event"]["sub_event_type"].startswith("Shelling")


def test_unknown_event_is_404(api):
    response = api.get("/api/events/cw000000000000")
    assert response.status_code == 404
    assert response.json() == {"status": 404, "error": "no event with id 'cw000000000000'"}


def test_downloads_take_the_same_filters(api):
    response = api.get(f"/api/events.csv?bbox={SUDAN}")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    assert 'filename="events.csv"' in response.headers["content-disposition"]
    assert response.headers["x-truncated"] == "false"
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert tuple(rows[0]) == ACLED_COLUMNS and len(rows) == 2
    assert {r["event_id_cnty"][:3] for r in rows} == {"SDN"}
    geo = api.get("/api/events.geojson?event_type=Battles")
    assert geo.headers["content-type"].startswith("application/geo+json")
    features = geo.json()["features"]
    battles = [e for e in everything(api) if e["event_type"] == "Battles"]
    assert len(features) == len(battles)
    assert all(f["properties"]["event_type"] == "Battles" for f in features)


def test_downloads_are_capped(api, monkeypatch):
    monkeypatch.setattr("conflictwire.serve.events.DOWNLOAD_LIMIT", 3)
    response = api.get("/api/events.csv")
    assert response.headers["x-truncated"] == "true"
    assert len(list(csv.DictReader(io.StringIO(response.text)))) == 3


def test_an_empty_store_answers_empty_pages(tmp_path: Path):
    from conflictwire.store import Store

    Store(tmp_path / "empty.db").close()
    api = client(tmp_path / "empty.db")
    assert page(api)["total"] == 0
    assert api.get("/api/events/aggregate").json()["cells"] == []
    assert api.get("/api/events/histogram").json()["buckets"] == []
