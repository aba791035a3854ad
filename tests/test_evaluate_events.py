"""Event scores on a tiny gold file written for this test."""

from __future__ import annotations

import json
from pathlib import Path

from conflictwire.evaluate.events import actor_name, score_events
from conflictwire.evaluate.gold import read_gold
from conflictwire.models import Article, Event

GOLD = [
    {
        "id": "a",
        "text": "x",
        "gold": {
            "event_type": "Battles",
            "sub_event_type": "Armed clash",
            "actor1": "Military Forces of Syria (2000-)",
            "latitude": 35.0,
            "longitude": 36.0,
            "event_date": "2022-06-02",
            "fatalities": 3,
        },
    },
    {
        "id": "b",
        "text": "y",
        "gold": {
            "event_type": "Protests",
            "sub_event_type": "Peaceful protest",
            "actor1": "Protesters (Sudan)",
            "latitude": 15.5,
            "longitude": 32.5,
            "event_date": "2022-06-03",
            "fatalities": 0,
        },
    },
]


def test_scores_count_missing_events_as_wrong(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(json.dumps(g) for g in GOLD), encoding="utf-8")
    docs = list(read_gold(path))
    event = Event(
        "Battles",
        "Armed clash",
        actor1="Military Forces of Syria",
        latitude=35.1,
        longitude=36.0,
        event_date="2022-06-02",
        fatalities=3,
    )
    pairs = [(docs[0], Article(text="x", events=[event])), (docs[1], Article(text="y"))]
    scores = score_events(pairs)
    summary = scores.summary()
    assert summary["coverage"] == 0.5
    for name in (
        "event_type",
        "sub_event_type",
        "location_25km",
        "actor1",
        "event_date",
        "fatalities",
    ):
        assert summary[name] == 0.5, name
    assert scores.confusion() == {
        "Armed clash": {"Armed clash": 1},
        "Peaceful protest": {"(none)": 1},
    }
    assert scores.top_confusions() == [("Peaceful protest", "(none)", 1)]


def test_actor_names_drop_regime_years() -> None:
    assert actor_name("Military Forces of Russia (2000-)") == "military forces of russia"
    assert actor_name("Government of Iraq (2014-2018)") == "government of iraq"
