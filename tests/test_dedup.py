"""Dedup across articles: one canonical event per real event, every report kept, any order."""

from __future__ import annotations

import itertools
import random
import sqlite3

import pytest

from conflictwire.dedup import Thresholds, group_store
from conflictwire.dedup.match import Report, actor_key, match, sub_types_compatible
from conflictwire.dedup.tables import iter_canonical
from conflictwire.models import Article
from conflictwire.settings import Settings
from conflictwire.store import Store
from dedup_fakes import (
    RSF,
    all_scenarios,
    el_fasher_air_strike,
    el_fasher_shelling,
    kidal_changes_hands,
    myawaddy_and_djibo,
    report,
)


def grouped(articles: list[Article], batch: int = 3) -> list[dict]:
    """Ingest ``articles`` in batches, grouping after each, and return the canonical events."""
    store = Store.memory()
    for i in range(0, len(articles), batch):
        store.add_batch(articles[i : i + batch])
        group_store(store.conn)
    return list(iter_canonical(store.conn))


def partition(events: list[dict]) -> set[frozenset[str]]:
    return {frozenset(r["article_id"] for r in e["reports"]) for e in events}


def test_three_outlets_one_attack_lowest_toll_all_sources():
    (event,) = grouped(el_fasher_shelling())
    assert event["fatalities"] == 9
    assert event["source"] == "Dabanga; Reuters; Sudan Tribune"
    assert event["source_scale"] == "National-International"
    assert event["actor1"] == RSF
    assert len(event["reports"]) == 3
    assert {r["fatalities"] for r in event["reports"]} == {12, 15, 9}
    joined = [r["reason"] for r in event["reports"][1:]]
    assert all(why.startswith("same type Explosions/Remote violence;") for why in joined)
    assert any("actors share Rapid Support Forces" in why for why in joined)


def test_two_attacks_on_one_town_the_same_day_stay_apart():
    events = grouped(el_fasher_shelling() + el_fasher_air_strike())
    assert len(events) == 2
    strike = next(e for e in events if e["sub_event_type"] == "Air/drone strike")
    assert strike["fatalities"] == 5 and strike["source"] == "Al Jazeera"


def test_a_report_without_a_figure_does_not_lower_the_toll():
    extra = report(
        "fasher-bbc",
        "BBC",
        "The Rapid Support Forces shelled the El Fasher market on Sunday.",
        "Shelling/artillery/missile attack",
        "El Fasher",
        "2024-06-09",
        actor1=RSF,
    )
    (event,) = grouped(el_fasher_shelling() + [extra])
    assert event["fatalities"] == 9 and "BBC" in event["source"]


def test_a_town_taken_and_retaken_is_two_events():
    events = grouped(kidal_changes_hands())
    assert [e["sub_event_type"] for e in events] == [
        "Government regains territory",
        "Non-state actor overtakes territory",
    ]
    assert events[0]["source"] == "AFP; Reuters"


def test_far_apart_events_are_not_grouped():
    assert len(grouped(myawaddy_and_djibo())) == 2


@pytest.mark.parametrize("seed", range(6))
def test_any_ingest_order_gives_the_same_groups(seed):
    articles = all_scenarios()
    expected = grouped(articles, batch=len(articles))
    shuffled = articles[:]
    random.Random(seed).shuffle(shuffled)
    got = grouped(shuffled, batch=1 + seed % 3)
    assert partition(got) == partition(expected)
    assert {e["group_id"] for e in got} == {e["group_id"] for e in expected}
    assert {(e["group_id"], e["fatalities"], e["source"]) for e in got} == {
        (e["group_id"], e["fatalities"], e["source"]) for e in expected
    }


def test_every_permutation_of_one_event_gives_one_group():
    articles = el_fasher_shelling() + el_fasher_air_strike()
    partitions = {
        frozenset(partition(grouped(list(p), 1))) for p in itertools.permutations(articles)
    }
    assert len(partitions) == 1


def test_a_bridging_report_merges_two_groups():
    a, b, c = el_fasher_shelling()
    # a (9 Jun) and the Tribune's c (10 Jun) are linked; b arriving first links nothing new.
    assert len(grouped([a, c], 1)) == 1
    assert partition(grouped([c, b, a], 1)) == partition(grouped([a, b, c], 3))


def test_grouping_is_incremental_and_idempotent():
    store = Store.memory()
    store.add_batch(el_fasher_shelling())
    first = group_store(store.conn)
    assert (first.reports, first.groups) == (3, 1)
    assert group_store(store.conn).reports == 0  # nothing new: nothing regrouped
    store.add_batch(myawaddy_and_djibo())
    second = group_store(store.conn)
    assert (second.reports, second.components) == (2, 2)  # El Fasher's group not touched
    assert len(list(iter_canonical(store.conn))) == 3


def test_a_store_from_before_dedup_is_backfilled(tmp_path):
    from conflictwire.store.migrations import (
        MIGRATIONS,
        m008_quote_speaker_type_and_stance,
        migrate,
    )

    path = tmp_path / "old.db"
    conn = sqlite3.connect(path, isolation_level=None)
    migrate(conn, MIGRATIONS[:3])
    m008_quote_speaker_type_and_stance(conn)  # the item columns this version writes
    conn.close()
    old = Store.__new__(Store)  # write with the three old migrations only
    old.path, old.conn = str(path), sqlite3.connect(path, isolation_level=None)
    old.add_batch(el_fasher_shelling())
    old.close()
    with Store(path) as store:
        assert store.conn.execute("SELECT count(*) FROM event_reports").fetchone()[0] == 0
        assert group_store(store.conn).reports == 3
        (event,) = iter_canonical(store.conn)
        assert store.counts()["events"] == 3 and event["fatalities"] == 9


def _r(key: str, **kw) -> Report:
    base = dict(
        key=key,
        article=key,
        event_type="Battles",
        sub_event_type="Armed clash",
        actor1="Military Forces of Syria",
        actor2="Islamic State (Syria)",
        day=736920,
        time_precision=1,
        latitude=34.88,
        longitude=38.87,
        geo_precision=1,
    )
    return Report(**{**base, **kw})


def test_match_rules():
    limits = Thresholds()
    a = _r("a")
    assert "actors share Military Forces of Syria" in match(a, _r("b"), limits)
    assert match(a, _r("b", day=736922), limits) is None  # two days apart, day precision
    assert match(a, _r("b", day=736922, time_precision=2), limits)  # a week's window
    assert match(a, _r("b", latitude=35.1), limits) is None  # 24 km, place precision
    assert match(a, _r("b", latitude=35.1, geo_precision=2), limits)
    swapped = _r("b", actor1="Islamic State", actor2="Military Forces of Syria")
    assert match(a, swapped, limits)  # battles: sides may be swapped
    assert match(a, _r("b", actor1="Hayat Tahrir al-Sham"), limits) is None
    assert match(a, _r("b", actor1="Unidentified Armed Group (Syria)"), limits)
    assert match(a, _r("b", article="a"), limits) is None  # same article
    assert match(a, _r("b", event_type="Riots"), limits) is None
    assert sub_types_compatible("Armed clash", "Government regains territory")
    assert not sub_types_compatible(
        "Government regains territory", "Non-state actor overtakes territory"
    )
    assert actor_key("Islamic State (Syria)") == "islamic state"


def test_thresholds_are_settings():
    settings = Settings().with_overrides(dedup_days_day=3, dedup_km_place=2.5)
    limits = Thresholds.from_settings(settings)
    assert limits.window(1) == 3 and limits.distance(1) == 2.5 and limits.window(None) == 15


def test_float_thresholds_read_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CONFLICTWIRE_DEDUP_KM_PLACE", "2.5")
    assert Settings.load().dedup_km_place == 2.5
