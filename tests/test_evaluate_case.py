"""CASE 2021 scores (gold: event type and sub-type only) on snippets and events we wrote."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from conflictwire.cli import main
from conflictwire.evaluate.case import score_case, weighted_f1
from conflictwire.evaluate.gold import GoldDocument
from conflictwire.models import Article, Event

BATTLES, CIVILIANS, PROTESTS = "Battles", "Violence against civilians", "Protests"
CLASH = Event(BATTLES, "Armed clash")
# (gold type, gold sub-type, our first event)
CASES = [
    (BATTLES, "Armed clash", CLASH),  # right
    (BATTLES, "Armed clash", CLASH),  # right
    (CIVILIANS, "Attack", CLASH),  # wrong type and sub-type
    (PROTESTS, "Peaceful protest", Event(PROTESTS, "Violent demonstration")),  # type right
    (PROTESTS, "Peaceful protest", None),  # no event: (none)
]


def pairs() -> list[tuple[GoldDocument, Article]]:
    out = []
    for number, (event_type, sub_type, event) in enumerate(CASES):
        gold = {"event_type": event_type, "sub_event_type": sub_type}
        doc = GoldDocument(id=f"c{number}", text="x", gold=gold)
        out.append((doc, Article(text="x", events=[event] if event else [])))
    return out


def test_case_scores_on_five_snippets():
    scores = score_case(pairs())
    # Weighted F1 by hand, F1 = 2 TP / (gold + predicted) per gold sub-type:
    #   Armed clash: gold 2, predicted 3 (two right, the Attack), TP 2 -> 4/5 = 0.8, weight 2
    #   Attack: gold 1, predicted 0 -> 0, weight 1
    #   Peaceful protest: gold 2, predicted 0 (Violent demonstration, (none)) -> 0, weight 2
    #   weighted: (2 * 0.8 + 0 + 0) / 5 = 0.32
    assert scores.summary() == {
        "documents": 5,
        "coverage": 0.8,
        "event_type": 0.6,  # both clashes and the demonstration
        "sub_event_type": 0.4,
        "weighted_f1": 0.32,
    }
    assert scores.confusion() == {
        "Armed clash": {"Armed clash": 2},
        "Attack": {"Armed clash": 1},
        "Peaceful protest": {"(none)": 1, "Violent demonstration": 1},
    }
    assert ("Attack", "Armed clash", 1) in scores.top_confusions()
    assert ("Armed clash", "Armed clash", 2) not in scores.top_confusions()
    assert scores.details() == {"confusion": scores.confusion()}


def test_weighted_f1_of_perfect_wrong_and_empty_codings():
    assert weighted_f1(Counter({("Attack", "Attack"): 3, ("Looting", "Looting"): 1})) == 1.0
    assert weighted_f1(Counter({("Attack", "(none)"): 2})) == 0.0
    assert weighted_f1(Counter()) is None
    # A label only predicted (Arrests) weighs nothing; Attack: gold 2, predicted 1, TP 1 -> 2/3.
    assert weighted_f1(Counter({("Attack", "Attack"): 1, ("Attack", "Arrests"): 1})) == 0.6667


@pytest.mark.e2e
def test_evaluate_events_reads_a_case_file(tmp_path: Path):
    snippets = [
        ("Troops clashed with rebels near Idlib on Monday, killing five fighters.", BATTLES),
        ("Hundreds of students marched peacefully in Nairobi to demand lower fees.", PROTESTS),
        ("Police arrested three journalists in Harare on Friday.", "Strategic developments"),
    ]
    sub_types = ["Armed clash", "Peaceful protest", "Arrests"]
    path = tmp_path / "case.jsonl"
    lines = [
        {"id": f"s{i}", "text": text, "gold": {"event_type": kind, "sub_event_type": sub}}
        for i, ((text, kind), sub) in enumerate(zip(snippets, sub_types, strict=True))
    ]
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(main, ["evaluate", "events", str(path), "--limit", "2", "--json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["format"] == "case" and summary["documents"] == 2
    assert 0.0 <= summary["weighted_f1"] <= 1.0
    assert set(summary["confusion"]) == {"Armed clash", "Peaceful protest"}
    text = runner.invoke(main, ["evaluate", "events", str(path), "--limit", "2"])
    assert text.exit_code == 0, text.output
    assert "weighted_f1" in text.stdout and "format: case" in text.stdout
