"""`conflictwire serve` and untrusted input: bad parameters are 422 (never 500), errors are
JSON, hostile text comes back as inert JSON strings, every response carries the security
headers, bodies are capped, and the store is only read (issue 14)."""

from __future__ import annotations

import hashlib
import re
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from conflictwire.serve.security import CONTENT_SECURITY_POLICY
from conflictwire.store import MIGRATIONS, Store, migrate
from conflictwire.store.migrations import m008_quote_speaker_type_and_stance
from dedup_fakes import el_fasher_shelling
from serve_store import HOSTILE_TEXT, HOSTILE_TITLE, HOSTILE_URL, build_store, client

ENDPOINTS = (
    "/api/events",
    "/api/events/aggregate",
    "/api/events/histogram",
    "/api/events.csv",
    "/api/events.geojson",
    "/api/articles",
    "/api/quotes",
    "/api/speakers",
    "/api/places",
    "/api/control",
)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_store(tmp_path_factory.mktemp("serve") / "store.db")


@pytest.fixture(scope="module")
def api(store: Path) -> TestClient:
    return client(store)


def problem(api: TestClient, url: str) -> dict:
    response = api.get(url)
    assert response.status_code == 422, (url, response.text)
    body = response.json()
    assert body["status"] == 422 and body["error"] and body["problems"]
    return body


@pytest.mark.parametrize(
    ("query", "parameter", "words"),
    [
        ("bbox=30,10,40", "bbox", "four numbers"),
        ("bbox=30,20,40,10", "bbox", "minlat 20.0 is north of maxlat 10.0"),
        ("bbox=40,10,30,20", "bbox", "180th meridian"),
        ("bbox=a,b,c,d", "bbox", "not four numbers"),
        ("bbox=nan,1,2,3", "bbox", "finite"),
        ("since=2024-06-10&until=2024-06-01", "until", "before since"),
        ("since=yesterday", "since", "not a date"),
        ("until=2024-02-30", "until", "not a date"),
        ("limit=0", "limit", "greater than or equal to 1"),
        ("limit=5000", "limit", "less than or equal to 1000"),
        ("limit=ten", "limit", "integer"),
        ("offset=-1", "offset", "greater than or equal to 0"),
        ("offset=99999999999999999999999", "offset", "less than or equal"),
        ("event_type=Batles", "event_type", "unknown value 'Batles'; known: Battles"),
        ("sub_event_type=Riot", "sub_event_type", "unknown value"),
        ("geonameid=1e3", "geonameid", "integer"),
        ("mode=heatmap", "mode", "'auto', 'points' or 'cells'"),
        ("zoom=19", "zoom", "less than or equal to 18"),
        ("order=random", "order", "newest"),
        ("actor=" + "x" * 201, "actor", "at most 200 characters"),
    ],
)
def test_bad_parameters_are_422_naming_them(api, query, parameter, words):
    body = problem(api, f"/api/events?{query}")
    assert body["problems"][0]["parameter"] == parameter
    assert words in body["error"], body["error"]
    assert body["error"].startswith(f"{parameter}: ")


def test_more_bad_parameters(api):
    assert "cells at zoom 18" in problem(api, "/api/events/aggregate?zoom=18")["error"]
    assert problem(api, "/api/places")["problems"][0]["parameter"] == "q"
    assert problem(api, "/api/places?q=%20")["problems"][0]["parameter"] == "q"
    assert problem(api, "/api/events/histogram?interval=hour")["problems"][0]["parameter"]
    assert problem(api, "/api/articles?since=2024-06-10&until=2024-01-01")
    assert problem(api, "/api/places/notanumber")["problems"][0]["parameter"] == "geonameid"
    assert problem(api, "/api/control?date=2024-01-01&bbox=1,2")


HOSTILE_VALUES = (
    "",
    " ",
    "%",
    "_",
    "'",
    '"',
    "\\",
    "'; DROP TABLE articles; --",
    "NaN",
    "inf",
    "-1e309",
    "99999999999999999999999",
    "<script>alert(1)</script>",
    'NEAR("a" "b")',
    "AND OR NOT",
    "*",
    "col:value",
    "\u202e\u0000",
    "1,2,3,4,5",
    "-180,-90,180,90",
)
PARAMETERS = (
    "bbox",
    "since",
    "until",
    "event_type",
    "actor",
    "place",
    "country",
    "q",
    "geonameid",
    "zoom",
    "limit",
    "offset",
    "date",
    "speaker",
    "source",
    "interval",
    "mode",
)


def test_no_input_is_a_server_error(api):
    for endpoint in ENDPOINTS:
        for parameter in PARAMETERS:
            for value in HOSTILE_VALUES:
                response = api.get(endpoint, params={parameter: value})
                assert response.status_code in (200, 404, 422), (endpoint, parameter, value)
                assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    for path in ("/api/events/%3Cscript%3E", "/api/articles/'%20OR%201=1", "/api/places/1e9"):
        assert api.get(path).status_code in (404, 422)


def test_errors_are_json_with_the_right_status(api):
    for url, status in (("/nothing/here", 404), ("/api/events/cw123", 404)):
        response = api.get(url)
        assert response.status_code == status
        assert response.headers["content-type"] == "application/json"
        assert response.json()["status"] == status
    response = api.post("/api/events", json={"q": "x"})
    assert response.status_code == 405 and response.headers["allow"] == "GET"
    assert response.json() == {"status": 405, "error": "only GET is served"}


def test_bodies_over_64_kb_are_refused(api):
    response = api.request("GET", "/api/health", content=b"x" * (64 * 1024 + 1))
    assert response.status_code == 413 and "64 KB" in response.json()["error"]
    chunked = api.request("GET", "/api/health", content=iter([b"x" * 40_000, b"y" * 40_000]))
    assert chunked.status_code == 413
    assert api.request("GET", "/api/health", content=b"x" * 1000).status_code == 200


def test_a_fault_of_ours_is_a_json_500_with_the_headers(api, monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("conflictwire.serve.lookups.event", broken)
    response = api.get("/api/events/cw0123456789ab")
    assert response.status_code == 500
    assert response.json() == {"status": 500, "error": "internal error; see the server's log"}
    assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    assert "boom" in caplog.text and "boom" not in response.text


def test_hostile_text_comes_back_as_the_same_json_strings(api):
    article = api.get("/api/articles/saraqib-hostile")
    assert article.headers["content-type"] == "application/json"
    assert article.headers["x-content-type-options"] == "nosniff"
    body = article.json()
    assert (body["title"], body["text"], body["url"]) == (HOSTILE_TITLE, HOSTILE_TEXT, HOSTILE_URL)
    (event,) = api.get("/api/events?mode=points&place=Saraqib").json()["events"]
    assert event["source"] == "Idlib <b>Post</b>"
    report = api.get(f"/api/events/{event['id']}").json()["reports"][0]
    assert report["article"]["title"] == HOSTILE_TITLE
    assert report["article"]["url"] == HOSTILE_URL == report["url"]
    assert report["article"]["text"] == HOSTILE_TEXT
    (quote,) = api.get("/api/quotes?speaker=<b>Anonymous</b>").json()["quotes"]
    assert quote["quote"] == '<script>alert("quote")</script>'
    assert quote["article"]["url"] == HOSTILE_URL
    listed = api.get("/api/articles?q=onerror").json()["articles"]
    assert [a["title"] for a in listed] == [HOSTILE_TITLE]
    csv_text = api.get("/api/events.csv?place=Saraqib").text
    assert "Idlib <b>Post</b>" in csv_text


def test_every_response_carries_the_security_headers(api):
    for url in (
        "/",
        "/api/docs",
        "/openapi.json",
        "/api/events",
        "/api/events.csv",
        "/x",
        "/static/js/main.js",
        "/vendor/leaflet/leaflet.js",
    ):
        response = api.get(url)
        assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
        assert "script-src 'self'" in CONTENT_SECURITY_POLICY
        assert "'unsafe-inline'" not in CONTENT_SECURITY_POLICY
        assert response.headers["x-content-type-options"] == "nosniff"
    for url in ("/", "/api/docs"):  # the HTML: no script or style of its own inline
        html = api.get(url).text.lower()
        scripts = re.findall(r"<script[^>]*>(.*?)</script>", html, flags=re.S)
        assert all(
            re.search(r'<script[^>]*\ssrc="/', t) for t in re.findall(r"<script[^>]*>", html)
        )
        assert not any(body.strip() for body in scripts)  # each script is a file of ours
        assert "<style" not in html and "style=" not in html
        assert not re.search(r"<[^>]*\son\w+\s*=", html)  # no event handler attributes


def fingerprint(path: Path) -> tuple[str, int]:
    return hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns


def schema(path: Path) -> list[tuple]:
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
        return conn.execute("SELECT type, name FROM sqlite_master ORDER BY name").fetchall()


def test_the_store_is_only_read(tmp_path: Path):
    path = build_store(tmp_path / "store.db")
    before, tables = fingerprint(path), schema(path)
    api = client(path)
    for url in (
        "/api/events?mode=points",
        "/api/events/aggregate?since=2024-01-15&until=2024-06-20",
        "/api/events.csv",
        "/api/articles?q=market",
        "/api/quotes",
        "/api/speakers",
        "/api/places/2597449/timeline",
        "/api/control?date=2024-01-01",
        "/api/stats",
    ):
        assert api.get(url).status_code == 200, url
    assert fingerprint(path) == before and schema(path) == tables
    with api.app.state.reader.connection() as conn, pytest.raises(sqlite3.OperationalError):
        conn.execute("CREATE TABLE intruder (x)")


def test_an_older_store_is_served_from_an_upgraded_copy_in_memory(tmp_path: Path):
    path = tmp_path / "old.db"
    with closing(sqlite3.connect(path, isolation_level=None)) as conn:
        migrate(conn, MIGRATIONS[:3])
        m008_quote_speaker_type_and_stance(conn)  # the item columns written now
        old = Store.__new__(Store)
        old.conn = conn
        old.add_batch(el_fasher_shelling())  # stored before dedup existed: never grouped
    before = fingerprint(path)
    api = client(path)
    assert "older version" in api.app.state.reader.notes[0]
    (event,) = api.get("/api/events?mode=points&bbox=23,10,36,19").json()["events"]
    assert event["reports"] == 3 and event["fatalities"] == 9
    assert api.get("/api/articles?q=market").json()["total"] == 3
    assert fingerprint(path) == before
