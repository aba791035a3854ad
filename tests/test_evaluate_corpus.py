"""Scoring events on a corpus of whole articles against a gold file that names them by origin."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from conflictwire.cli import main
from conflictwire.evaluate.corpus import pair_with_gold, read_corpus_gold, score_corpus
from conflictwire.evaluate.formats import first_record, is_corpus_record
from conflictwire.models import Article, Event

GOLD_LINES = [
    {
        "origin": "txt/clash.txt",
        "entry": 0,
        "events": [
            {
                "event_type": "Battles",
                "sub_event_type": "Armed clash",
                "actor1": "Military Forces of Sudan (2019-)",
                "location_geonameid": 1,
                "event_date": "2024-02-03",
                "fatalities": 4,
            }
        ],
    },
    {"origin": "txt/talks.txt", "entry": 0, "events": []},
    {"origin": "txt/floods.txt", "entry": 0, "events": []},
]


def write_gold(tmp_path: Path) -> Path:
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(json.dumps(line) for line in GOLD_LINES) + "\n", encoding="utf-8")
    return path


def article(root: Path, name: str, events: list[Event]) -> Article:
    return Article(text=name, origin=str(root / "txt" / name), title=name, events=events)


def is_corpus_gold(path: Path) -> bool:
    record = first_record(path)
    return record is not None and is_corpus_record(record)


def test_corpus_gold_is_told_from_note_gold(tmp_path):
    assert is_corpus_gold(write_gold(tmp_path))
    notes = tmp_path / "notes.jsonl"
    notes.write_text(json.dumps({"id": "a", "text": "x", "gold": {}}) + "\n", encoding="utf-8")
    assert not is_corpus_gold(notes)


def test_a_bad_gold_line_names_its_line(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text('{"origin": "a.txt"}\n{"entry": 0}\n', encoding="utf-8")
    with pytest.raises(ValueError, match="gold.jsonl:2"):
        read_corpus_gold(path)


def test_events_are_scored_and_false_positives_counted(tmp_path):
    root = tmp_path / "corpus"
    clash = Event(
        event_type="Battles",
        sub_event_type="Armed clash",
        actor1="Military Forces of Sudan (2019-)",
        event_date="2024-02-03",
        fatalities=4,
        latitude=13.63,
        longitude=25.35,
    )
    stray = Event(event_type="Riots", sub_event_type="Mob violence")
    articles = [
        article(root, "clash.txt", [clash]),
        article(root, "talks.txt", []),
        article(root, "floods.txt", [stray, stray]),
        Article(text="elsewhere", origin=str(tmp_path / "other.txt")),  # not in the gold
    ]
    pairs = list(pair_with_gold(articles, read_corpus_gold(write_gold(tmp_path)), root))
    assert [a.title for _, a in pairs] == ["clash.txt", "talks.txt", "floods.txt"]

    summary = score_corpus(pairs, lambda geonameid: (13.6, 25.3)).summary()
    assert summary["documents"] == 1
    assert summary["event_type"] == summary["location_25km"] == summary["fatalities"] == 1.0
    assert summary["no_event_articles"] == 2
    assert summary["false_positive_rate"] == 0.5
    assert summary["events_on_no_event_articles"] == 2


@pytest.mark.e2e
def test_evaluate_events_on_the_sample_corpus_gives_the_false_positive_rate():
    gold = Path(__file__).parent / "gold" / "sample_gold.jsonl"
    result = CliRunner().invoke(main, ["evaluate", "events", str(gold), "--json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output[result.output.index("{") :])
    assert summary["no_event_articles"] >= 40
    assert summary["false_positive_rate"] <= 0.05  # measured 0.0
    assert summary["documents"] >= 70 and summary["event_type"] >= 0.95  # measured 0.99
    assert summary["sub_event_type"] >= 0.90  # measured 0.93
    assert summary["actor1"] >= 0.78 and summary["fatalities"] >= 0.88  # measured 0.81, 0.92
    assert summary["location_25km"] >= 0.88  # measured 0.92: datelines are not event places
    assert "Air/drone strike" in summary["confusion"]
