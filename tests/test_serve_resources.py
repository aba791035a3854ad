"""`conflictwire serve`: articles, places, control timelines and control on a date, quotes and
speakers, the store's counts, event types and the API's own reference (issue 14)."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from dedup_fakes import IS, MALI, SYRIA
from serve_store import ADAM, QUOTE, build_store, client


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    return client(build_store(tmp_path_factory.mktemp("serve") / "store.db"))


def ok(api: TestClient, url: str) -> dict:
    response = api.get(url)
    assert response.status_code == 200, response.text
    return response.json()


def test_articles_latest_stored_first_without_their_texts(api):
    body = ok(api, "/api/articles?limit=5")
    assert body["total"] == 14 and body["next_offset"] == 5 and len(body["articles"]) == 5
    assert body["articles"][0]["id"] == "saraqib-hostile"  # stored last
    assert all("text" not in a for a in body["articles"])
    reuters = ok(api, "/api/articles?source=reuters&q=market")["articles"]
    assert [(a["id"], a["events"], a["quotes"]) for a in reuters] == [("fasher-reuters", 1, 2)]
    dated = ok(api, "/api/articles?since=2024-06-10&until=2024-06-10")["articles"]
    assert {a["id"] for a in dated} == {"fasher-dabanga", "fasher-tribune"}
    oldest = ok(api, "/api/articles?order=oldest&limit=1")["articles"]
    assert oldest[0]["id"] == "fasher-reuters"


def test_one_article_with_its_record_and_canonical_events(api):
    article = ok(api, "/api/articles/fasher-dabanga")
    assert article["schema"] and article["source"] == "Dabanga"
    assert article["text"].startswith("Shells fired by the Rapid Support Forces")
    (event,) = article["events"]
    assert event["evidence"]["sentence"] == [0, len(article["text"])]
    shelling = ok(api, f"/api/events/{event['event_id']}")
    assert shelling["fatalities"] == 9 and shelling["location"] == "El Fasher"
    response = api.get("/api/articles/no-such-article")
    assert response.status_code == 404 and "no-such-article" in response.json()["error"]


def test_places_by_any_name_the_gazetteer_knows(api):
    body = ok(api, "/api/places?q=Al Fashir")
    (place,) = body["places"]
    assert place["geonameid"] == 379555 and place["name"] == "El Fasher"
    assert place["events"] == 2  # the shelling and the air strike
    assert ok(api, "/api/places?q=Xqzzyville")["places"] == []
    assert ok(api, "/api/places/379555")["country"] == "Sudan"
    myawaddy = ok(api, "/api/places/1308052")  # not in this gazetteer: as its events name it
    assert myawaddy["location"] == "Myawaddy" and myawaddy["events"] == 1
    assert api.get("/api/places/999999999").status_code == 404


def test_a_places_control_timeline(api):
    body = ok(api, "/api/places/2597449/timeline")
    (kidal,) = body["timelines"]
    changes = [(c["date"], c["controller"]) for c in kidal["changes"]]
    assert changes == [
        ("2023-11-14", MALI),
        ("2025-02-20", "CSP-PSD: Permanent Strategic Framework"),
    ]
    said = [[(s["speaker"], s["stance"]) for s in c["said"]] for c in kidal["changes"]]
    assert said == [[("Mali's army", "claims")], [("the army spokesman", "denies")]]
    assert ok(api, "/api/places/379555/timeline")["timelines"] == []  # no control changes
    assert api.get("/api/places/999999999/timeline").status_code == 404


def test_control_on_a_date_as_geojson(api):
    response = api.get("/api/control?date=2016-06-01")
    assert response.headers["content-type"].startswith("application/geo+json")
    places = {f["properties"]["place"]: f["properties"] for f in response.json()["features"]}
    assert places["As Sukhnah"]["controller"] == IS and places["Kidal"]["controller"] is None
    later = api.get("/api/control?date=2018-01-01&geonameid=172425").json()["features"]
    assert [f["properties"]["controller"] for f in later] == [SYRIA]
    boxed = api.get("/api/control?date=2024-01-01&bbox=-5,10,5,25").json()["features"]
    assert [(f["properties"]["place"], f["properties"]["controller"]) for f in boxed] == [
        ("Kidal", MALI)
    ]
    assert api.get("/api/control").status_code == 422
    assert api.get("/api/control?date=2024-13-01").status_code == 422


def test_quotes_by_speaker_with_their_article_and_event(api):
    body = ok(api, "/api/quotes?speaker=adam rojal")
    assert body["total"] == 2
    first = body["quotes"][0]
    assert first["quote"] == QUOTE and first["speaker"] == ADAM and first["direct"] is True
    assert first["article"]["id"] == "fasher-reuters"
    text = ok(api, "/api/articles/fasher-reuters")["text"]
    assert text[first["start"] : first["end"]] == QUOTE
    assert first["speaker_type"] == "person" and first["stance"] == "claims"
    event = ok(api, f"/api/events/{first['event_id']}")
    assert event["sub_event_type"].startswith("Shelling")
    said = [
        (r["article_id"], q["speaker"], q["stance"]) for r in event["reports"] for q in r["quotes"]
    ]
    assert said == [("fasher-reuters", ADAM, "claims"), ("fasher-reuters", ADAM, None)]
    assert ok(api, "/api/quotes?q=counted")["quotes"][0]["quote"] == "We counted the dead."
    speakers = ok(api, "/api/speakers")["speakers"]
    assert speakers[0] == {
        "speaker": ADAM,
        "quotes": 2,
        "articles": 1,
        "affiliation": "General Coordination for Displaced Persons and Refugees",
    }
    assert [s["speaker"] for s in ok(api, "/api/speakers?q=rojal")["speakers"]] == [ADAM]


def test_counts_and_event_types(api):
    stats = ok(api, "/api/stats")
    assert stats == {
        "articles": 14,
        "events": 10,
        "reports": 14,
        "quotes": 5,
        "first": "2015-05-15",
        "last": "2025-02-20",
    }
    types = {t["event_type"]: t["sub_event_types"] for t in ok(api, "/api/types")["event_types"]}
    battles = {s["sub_event_type"]: s["disorder_type"] for s in types["Battles"]}
    assert battles["Armed clash"] == "Political violence"
    protests = {s["sub_event_type"]: s["disorder_type"] for s in types["Protests"]}
    assert protests["Peaceful protest"] == "Demonstrations"
    assert ok(api, "/api/health") == {"ok": True}


def test_the_api_reference_works_offline(api):
    spec = ok(api, "/openapi.json")
    paths = [p for p in spec["paths"] if p.startswith("/api/")]
    assert "/api/events" in paths and "/api/events/{event_id}" in paths
    page = api.get("/api/docs")
    assert page.headers["content-type"].startswith("text/html")
    for path in paths:
        assert f"GET {path}</code>" in page.text
    assert "<script" not in page.text and "://" not in page.text  # nothing from elsewhere
    assert api.get("/docs").status_code == 404 and api.get("/redoc").status_code == 404


def test_the_page_and_its_files_are_served_from_here(api):
    home = api.get("/?event_type=Battles&view=1,2,3")
    assert home.status_code == 200 and home.headers["content-type"].startswith("text/html")
    scripts = re.findall(r"<script[^>]*>", home.text)
    assert scripts and all(' src="/' in tag for tag in scripts)  # no inline script
    assert "://" not in home.text  # nothing loaded from elsewhere
    assert "script-src 'self'" in home.headers["content-security-policy"]
    for path in re.findall(r'(?:src|href)="(/(?:static|vendor)/[^"]+)"', home.text):
        answer = api.get(path)
        assert answer.status_code == 200, path
        assert answer.headers["x-content-type-options"] == "nosniff"
    module = api.get("/static/js/main.js")
    assert "javascript" in module.headers["content-type"]
    outlines = api.get("/vendor/world-atlas/countries-50m.json")
    assert outlines.status_code == 200 and outlines.json()["type"] == "Topology"
    assert api.get("/vendor/leaflet/../../package.json").status_code == 404
    assert api.get("/static/../assets.py").status_code == 404


@pytest.mark.e2e
def test_place_search_with_the_real_gazetteer(tmp_path):
    from conflictwire.serve import create_app

    api = TestClient(create_app(build_store(tmp_path / "store.db")))
    names = {p["name"]: p for p in ok(api, "/api/places?q=Palmyra&limit=100")["places"]}
    assert names["Tadmur"]["country"] == "Syria"
    fasher = ok(api, "/api/places?q=Al Fashir")["places"]
    assert any(p["geonameid"] == 379555 and p["events"] == 2 for p in fasher)
