"""The map page in Debian's chromium (issue 14): markers from a fixture store, filters kept in
the address, an event's panel with its evidence highlighted, a place's control timeline, the
quotes view, the histogram's brush, downloads and print; hostile text stays text. Every test
fails on a request that leaves the local server, a script error, a CSP violation or a dialog
(tests/browser.py). Screenshots of the main views: test-output/browser/."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from browser import CHROMIUM_ARGS, chromium_or_skip, screenshot, serving, watch
from serve_store import ADAM, HOSTILE_TEXT, HOSTILE_TITLE, QUOTE, Gazetteer, build_store

playwright_api = pytest.importorskip("playwright.sync_api")
expect = playwright_api.expect


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from conflictwire.serve import create_app

    store = build_store(tmp_path_factory.mktemp("page") / "store.db")
    with serving(create_app(store, gazetteer=Gazetteer())) as base:
        yield base


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    executable = chromium_or_skip()
    with playwright_api.sync_playwright() as p:
        launched = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any, site: str) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1366, "height": 800})
    opened = context.new_page()
    seen = watch(opened, site)
    yield opened
    context.close()
    assert not seen.problems(), seen.problems()


def visit(page: Any, site: str, path: str = "/") -> None:
    page.goto(site + path)
    expect(page.locator("body")).to_have_attribute("data-ready", "true")
    expect(page.locator("#status")).to_contain_text("in view")


def drawn(page: Any) -> int:
    """Events on the map: one per marker, a cluster's or cell's count."""
    counts = page.locator(".cw-cluster, .cw-cell").evaluate_all(
        "els => els.map(e => Number(e.dataset.count))"
    )
    return page.locator("path.cw-marker").count() + sum(counts)


def query(page: Any) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def test_the_map_shows_every_event_with_a_legend(page, site):
    visit(page, site)
    expect(page.locator("#status")).to_contain_text("10 events in view")
    assert drawn(page) == 10
    legend = page.locator("#legend").inner_text()
    for event_type in ("Battles", "Explosions/Remote violence", "Violence against civilians"):
        assert event_type in legend
    assert page.locator("path.cw-marker.cw-type-battles").count() >= 1
    assert page.locator("#panel ol.events li").count() == 10  # the list beside the map
    screenshot(page, "map")


def test_a_filter_changes_the_markers_and_the_address(page, site):
    visit(page, site)
    page.select_option("#f-type", "Explosions/Remote violence")
    page.click("#f-apply")
    expect(page.locator("#status")).to_contain_text("2 events in view")
    assert drawn(page) == 2
    assert query(page)["event_type"] == ["Explosions/Remote violence"]
    page.fill("#f-country", "Sudan")
    page.fill("#f-actor", "Rapid Support")
    page.click("#f-apply")
    expect(page.locator("#status")).to_contain_text("2 events in view")
    assert query(page)["country"] == ["Sudan"] and query(page)["actor"] == ["Rapid Support"]
    csv = page.locator("#dl-csv").get_attribute("href")
    assert "event_type=Explosions%2FRemote+violence" in csv and "country=Sudan" in csv
    answer = page.request.get(site + csv)
    assert answer.ok and answer.text().count("\n") == 3  # the header and both events
    shared = page.url  # the address is the view: opened again, it shows the same
    page.goto("about:blank")
    page.goto(shared)
    expect(page.locator("#status")).to_contain_text("2 events in view")
    assert page.input_value("#f-type") == "Explosions/Remote violence"
    assert page.input_value("#f-country") == "Sudan"
    page.fill("#f-country", "Mali")
    page.select_option("#f-type", "")
    page.fill("#f-actor", "")
    page.click("#f-apply")
    expect(page.locator("#status")).to_contain_text("2 events in view")
    assert "event_type" not in query(page)
    screenshot(page, "filtered")


def test_a_marker_opens_the_event_with_its_evidence_highlighted(page, site):
    visit(page, site, "/?view=35.86,36.8,9")  # Saraqib alone on the map
    marker = page.locator("path.cw-marker")
    expect(marker).to_have_count(1)
    marker.click()
    expect(page.locator("#event-title")).to_have_text("Armed clash in Saraqib")
    event_id = query(page)["event"][0]
    assert event_id == marker.get_attribute("data-event-id")
    panel = page.locator("#panel")
    assert "Hayat Tahrir al-Sham" in panel.inner_text()
    sentence = panel.locator(".article-text mark.ev-sentence").evaluate_all(
        "els => els.map(e => e.textContent).join('')"
    )
    assert sentence == HOSTILE_TEXT[:76]
    fatalities = panel.locator(".article-text mark.ev-fatalities")
    expect(fatalities).to_have_text("3")
    assert "sentence" in fatalities.get_attribute("data-fields")
    expect(page.locator("path.cw-selected")).to_have_count(1)  # its place ringed on the map
    screenshot(page, "event")
    page.click("text=Close ×")
    expect(page.locator("#panel h2")).to_contain_text("1 event in view")
    assert "event" not in query(page)
    expect(page.locator("path.cw-selected")).to_have_count(0)
    page.go_back()  # Back opens it again
    expect(page.locator("#event-title")).to_have_text("Armed clash in Saraqib")


def test_a_bad_address_says_what_is_wrong_and_the_page_goes_on(browser, site):
    context = browser.new_context()
    page = context.new_page()
    seen = watch(page, site)
    page.goto(site + "/?since=2024-13-45&event=cwnosuchevent")
    expect(page.locator("#status")).to_contain_text("Could not load the events: since")
    expect(page.locator("#status")).to_have_class(re.compile("error"))
    expect(page.locator("#panel")).to_contain_text("Could not load event cwnosuchevent")
    page.fill("#f-since", "")
    page.click("#f-apply")
    expect(page.locator("#status")).to_contain_text("10 events in view")
    context.close()
    # the browser reports the 422 and 404 answers on its console, and nothing else
    assert all("status of 4" in e for e in seen.errors) and len(seen.errors) >= 2
    assert not seen.outside and not seen.dialogs


def test_evidence_offsets_count_code_points_not_utf16_units(page, site):
    visit(page, site)
    text = "🔥 Shelling hit Kharkiv overnight, killing 4 people, officials said."
    spans = {
        "location": [text.index("Kharkiv"), text.index("Kharkiv") + 7],
        "fatalities": [text.index("4"), text.index("4") + 1],
        "actor1": [90, 95],  # past the end: left out
    }
    marks = page.evaluate(
        """async ([text, spans]) => {
            const m = await import("/static/js/evidence.js");
            const box = m.highlighted(text, spans);
            return [...box.querySelectorAll("mark")].map(e => [e.dataset.fields, e.textContent]);
        }""",
        [text, spans],
    )
    assert marks == [["location", "Kharkiv"], ["fatalities", "4"]]


def test_a_place_shows_who_controlled_it_when(page, site):
    visit(page, site)
    page.locator("#panel li button", has_text="Government regains territory — As Sukhnah").click()
    expect(page.locator("#event-title")).to_have_text("Government regains territory in As Sukhnah")
    page.locator("#panel .place-link").click()
    expect(page.locator("#place-title")).to_have_text("As Sukhnah")
    assert query(page)["place"] == ["172425"]
    changes = page.locator("#place-timeline li")
    expect(changes).to_have_count(2)
    assert "Islamic State (Syria)" in changes.nth(0).inner_text()
    assert changes.nth(0).inner_text().startswith("2015-05")
    assert "Military Forces of Syria" in changes.nth(1).inner_text()
    assert "2017-08-14" in changes.nth(1).inner_text()
    screenshot(page, "place")
    changes.nth(0).locator("button", has_text="the event").click()
    expect(page.locator("#event-title")).to_have_text(
        "Non-state actor overtakes territory in As Sukhnah"
    )


def test_a_places_timeline_says_who_claimed_and_who_denied(page, site):
    visit(page, site, "/?place=2597449")
    expect(page.locator("#place-title")).to_have_text("Kidal")
    changes = page.locator("#place-timeline li")
    expect(changes).to_have_count(2)
    assert "claimed by Mali's army" in changes.nth(0).inner_text()
    assert "denied by the army spokesman" in changes.nth(1).inner_text()


def test_place_search_finds_a_place_by_another_name(page, site):
    visit(page, site)
    page.fill("#p-q", "Al Fashir")
    page.press("#p-q", "Enter")
    result = page.locator("#panel li button", has_text="El Fasher")
    expect(result).to_have_count(1)
    result.click()
    expect(page.locator("#place-title")).to_have_text("El Fasher")
    expect(page.locator("#panel")).to_contain_text("Events here: 2")
    expect(page.locator("#place-timeline")).to_contain_text("No change of control")


def test_the_quotes_view_lists_speakers_and_their_quotes(page, site):
    visit(page, site)
    page.click("#show-quotes")
    page.locator("#speakers button", has_text=ADAM).click()
    expect(page.locator("#speaker-title")).to_have_text(ADAM)
    assert query(page)["speaker"] == [ADAM]
    quotes = page.locator("blockquote.quote")
    expect(quotes).to_have_count(2)
    assert QUOTE in quotes.nth(0).inner_text()
    screenshot(page, "quotes")
    page.locator(".quote-item button", has_text="the event").first.click()
    expect(page.locator("#event-title")).to_contain_text("El Fasher")
    expect(page.locator("#panel .stances")).to_have_text(f"claimed by {ADAM}")
    said = page.locator("#panel ul.said li")
    expect(said).to_have_count(2)
    assert (
        said.nth(0).get_attribute("data-stance") == "claims"
        and "Reuters" in said.nth(0).inner_text()
    )


def test_hostile_text_is_shown_as_text_and_runs_nothing(page, site):
    visit(page, site, "/?view=35.86,36.8,9")
    page.locator("path.cw-marker").click()
    panel = page.locator("#panel")
    expect(panel).to_contain_text(HOSTILE_TITLE)
    text = panel.inner_text()
    assert '<img src=x onerror="alert(1)">' in text and 'href="javascript:alert(2)"' in text
    assert "Idlib <b>Post</b>" in text
    assert "javascript:alert(document.cookie)" in text  # the address, shown, not linked
    assert panel.locator("script, img, b, iframe").count() == 0
    assert page.locator("a[href^='javascript'], [onerror]").count() == 0
    page.click("#show-quotes")
    expect(page.locator("#speakers")).to_contain_text("<b>Anonymous</b>")
    page.locator("#speakers button", has_text="<b>Anonymous</b>").click()
    expect(page.locator("blockquote.quote")).to_contain_text('<script>alert("quote")</script>')
    assert page.locator("#panel script, #panel b").count() == 0
    screenshot(page, "hostile")


def test_the_histogram_brush_chooses_a_period(page, site):
    visit(page, site)
    first = page.locator('#histogram rect[data-start="2023-05-01"]').bounding_box()
    last = page.locator("#histogram rect.bar").last.bounding_box()
    y = first["y"] + first["height"] / 2
    page.mouse.move(first["x"] - 2, y)
    page.mouse.down()
    page.mouse.move(last["x"] + last["width"] + 2, y, steps=5)
    page.mouse.up()
    expect(page.locator("#status")).to_contain_text("8 events in view")
    assert query(page)["since"] == ["2023-05-01"] and query(page)["until"] == ["2025-02-28"]
    assert page.input_value("#f-since") == "2023-05-01"
    assert drawn(page) == 8
    screenshot(page, "period")


def test_printed_the_page_is_the_map_and_the_panel(page, site):
    visit(page, site, "/?view=35.86,36.8,9")
    page.locator("path.cw-marker").click()
    expect(page.locator("#event-title")).to_be_visible()
    page.emulate_media(media="print")
    expect(page.locator("#filters")).to_be_hidden()
    expect(page.locator("#histogram")).to_be_hidden()
    expect(page.locator(".article-text")).to_be_visible()
    overflow = page.locator("#panel").evaluate("e => getComputedStyle(e).overflowY")
    assert overflow == "visible"  # the whole panel prints, not a scrolled window of it
    screenshot(page, "print")


def test_without_the_front_end_packages_the_page_says_what_to_do(browser, tmp_path):
    from conflictwire.serve import create_app
    from conflictwire.settings import Settings

    store = build_store(tmp_path / "store.db")
    app = create_app(store, settings=Settings(web_modules=str(tmp_path)), gazetteer=Gazetteer())
    with serving(app) as base:
        page = browser.new_page()
        page.goto(base + "/")
        expect(page.locator("#status")).to_contain_text("make install")
        page.close()


def test_too_many_events_are_drawn_as_grid_cells(browser, tmp_path):
    """Over 5000 events in view: the API's cells, numbered; a cell zooms the map in."""
    from conflictwire.serve import create_app

    sys.path.insert(0, str(Path(__file__).parents[1] / "benchmarks"))
    from bench_serve import generate  # the benchmark's synthetic store, smaller

    generate(tmp_path / "big.db", 6000, seed=3)
    with serving(create_app(tmp_path / "big.db")) as base:
        context = browser.new_context(viewport={"width": 1366, "height": 800})
        page = context.new_page()
        seen = watch(page, base)
        visit(page, base)
        expect(page.locator("#status")).to_contain_text("6,000 events in view, in")
        assert page.locator(".cw-cell").count() > 1
        assert drawn(page) == 6000
        expect(page.locator("#panel")).to_contain_text("shown as grid cells")
        screenshot(page, "cells")
        zoom = float(query(page)["view"][0].split(",")[2])
        biggest = max(
            page.locator(".cw-cell").all(), key=lambda cell: int(cell.get_attribute("data-count"))
        )
        biggest.click()
        expect(page).not_to_have_url(re.compile(rf"view=[^&]*%2C{int(zoom)}(&|$)"))
        assert float(query(page)["view"][0].split(",")[2]) > zoom
        context.close()
        assert not seen.problems(), seen.problems()
