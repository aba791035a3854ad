"""``conflictwire evaluate location``: the place chosen for a verb, scored on sentences we wrote in
the event_location format."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from conflictwire.cli import main
from conflictwire.evaluate.gold import GoldDocument
from conflictwire.evaluate.location import well_formed


def record(text: str, verb: str, locations: list[str]) -> dict:
    start = text.index(verb)
    spans = [
        {"start": text.index(name), "end": text.index(name) + len(name), "name": name}
        for name in locations
    ]
    return {
        "id": verb,
        "text": text,
        "gold": {"verb": {"start": start, "end": start + len(verb)}, "locations": spans},
    }


def test_a_gold_span_that_does_not_land_on_a_name_is_malformed():
    text = "Gunmen killed four farmers in Kafanchan on Sunday."
    good = record(text, "killed", ["Kafanchan"])
    bad = json.loads(json.dumps(good))
    bad["gold"]["locations"][0]["start"] -= 2  # lands on "n Kafanchan"
    assert well_formed(GoldDocument(id="a", text=text, gold=good["gold"]))
    assert not well_formed(GoldDocument(id="b", text=text, gold=bad["gold"]))


@pytest.mark.e2e
def test_scores_the_place_chosen_for_each_verb(tmp_path: Path):
    rows = [
        # right: the town the verb happened in, not the province of the police who spoke
        record(
            "Gunmen killed four farmers in Kafanchan on Sunday, police in Kaduna said.",
            "killed",
            ["Kafanchan"],
        ),
        # wrong for us if we took the march's start
        record(
            "About 300 students marched from Medellin to Bello on Friday.", "marched", ["Bello"]
        ),
        # no gold location and no place: nothing is placed
        record("At least 22 fighters were killed in the clashes.", "killed", []),
    ]
    malformed = record("Shelling hit a bus in Donetsk on Thursday.", "hit", ["Donetsk"])
    malformed["gold"]["locations"][0]["end"] = malformed["gold"]["locations"][0]["start"] + 1
    gold = tmp_path / "where.jsonl"
    gold.write_text("".join(json.dumps(r) + "\n" for r in [*rows, malformed]), encoding="utf-8")
    result = CliRunner().invoke(main, ["evaluate", "location", str(gold), "--json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["sentences"] == 4 and summary["skipped_malformed"] == 1
    assert summary["with_location"] == 2 and summary["accuracy"] == 1.0
    assert summary["without_location"] == 1 and summary["placed_anyway"] == 0.0
