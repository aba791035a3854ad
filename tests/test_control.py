"""Control timelines: who gained each place when, contradictions, control on a date, exports."""

from __future__ import annotations

import csv
import io
import json
import random

from conflictwire.control import build_timelines, control_on, shown_date
from conflictwire.dedup import Thresholds, group_store
from conflictwire.dedup.tables import iter_canonical
from conflictwire.export import write_control, write_timelines
from conflictwire.models import Article
from conflictwire.store import Store
from dedup_fakes import (
    IS,
    MALI,
    SYRIA,
    all_scenarios,
    bakhmut_contradiction,
    el_fasher_shelling,
    kidal_changes_hands,
    report,
    sukhnah_history,
)


def timelines(articles: list[Article]):
    store = Store.memory()
    store.add_batch(articles)
    group_store(store.conn)
    return build_timelines(iter_canonical(store.conn), Thresholds())


def test_sukhnah_islamic_state_from_may_2015_government_from_august_2017():
    (sukhnah,) = timelines(sukhnah_history())
    assert sukhnah.place == "As Sukhnah" and sukhnah.geonameid == 172425
    first, second = sukhnah.changes
    assert (first.controller, shown_date(first.date, first.precision)) == (IS, "2015-05")
    assert (second.controller, second.date[:7], second.precision) == (SYRIA, "2017-08", 2)
    assert not first.disputed and not second.disputed
    assert sukhnah.control_on("2015-01-01") is None  # unknown before the first change
    assert sukhnah.control_on("2016-06-01").controller == IS
    assert sukhnah.control_on("2017-08-14").controller == SYRIA


def test_a_town_that_changes_hands_twice():
    (kidal,) = timelines(kidal_changes_hands())
    assert [c.controller for c in kidal.changes] == [MALI, "CSP-PSD: Permanent Strategic Framework"]
    assert kidal.changes[0].sources == ["AFP", "Reuters"] and kidal.changes[0].reports == 2
    assert kidal.control_on("2024-06-01").controller == MALI
    assert kidal.control_on("2025-03-01").controller.startswith("CSP-PSD")


def test_a_denial_disputes_the_change_it_denies():
    (bakhmut,) = timelines(bakhmut_contradiction())
    (change,) = bakhmut.changes
    assert change.disputed and change.counted
    assert any("denied by Kyiv Independent" in note for note in change.notes)


def test_a_change_only_denials_report_does_not_count():
    denial = report(
        "kidal-denial",
        "AFP",
        "The army denied that Kidal had fallen to the rebels on Monday.",
        "Non-state actor overtakes territory",
        "Kidal",
        "2024-03-04",
        actor1="CSP-PSD: Permanent Strategic Framework",
    )
    (kidal,) = timelines(kidal_changes_hands() + [denial])
    denied = next(c for c in kidal.changes if c.date == "2024-03-04")
    assert denied.status == "denied"
    assert kidal.control_on("2024-06-01").controller == MALI


def test_two_reports_of_different_controllers_around_one_date_conflict():
    rebels = report(
        "kidal-rebels-claim",
        "Al Jazeera",
        "Rebels said they had retaken Kidal on Wednesday.",
        "Non-state actor overtakes territory",
        "Kidal",
        "2023-11-15",
        actor1="CSP-PSD: Permanent Strategic Framework",
    )
    (kidal,) = timelines(kidal_changes_hands() + [rebels])
    army, claim = kidal.changes[:2]
    assert army.disputed and claim.disputed
    assert any("conflicts with CSP-PSD" in note for note in army.notes)


def test_timelines_do_not_depend_on_ingest_order():
    articles = all_scenarios()
    expected = [json.dumps(t.changes, default=vars) for t in timelines(articles)]
    random.Random(7).shuffle(articles)
    assert [json.dumps(t.changes, default=vars) for t in timelines(articles)] == expected


def test_only_territory_events_make_changes():
    assert timelines(el_fasher_shelling()) == []


def test_exports():
    found = timelines(sukhnah_history() + kidal_changes_hands())
    out = io.StringIO()
    assert write_timelines(found, "json", out) == 4  # two army reports of Kidal: one change
    data = json.loads(out.getvalue())
    assert [t["place"] for t in data] == ["As Sukhnah", "Kidal"]
    assert data[0]["changes"][0]["shown"] == "2015-05"
    out = io.StringIO()
    write_timelines(found, "csv", out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert len(rows) == 4 and rows[0]["controller"] == IS and rows[0]["precision"] == "3"
    out = io.StringIO()
    write_control(control_on(found, "2016-01-01"), "2016-01-01", "geojson", out)
    collection = json.loads(out.getvalue())
    features = collection["features"]
    assert [f["properties"]["controller"] for f in features] == [IS, None]  # Kidal: unknown
    assert features[0]["geometry"]["coordinates"] == [38.8711, 34.88533]
    props = features[0]["properties"]
    assert (props["since"], props["precision"], props["sources"]) == ("2015-05-15", 3, "SANA")
