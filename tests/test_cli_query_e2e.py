"""Ingest real text with the real pipeline, then query: the seed's al-Sukhnah timeline, and
short articles of our own whose groups do not depend on the order they were ingested in."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from conflictwire.cli import main

SEED = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "000_94b7f26e35b82732.txt"

pytestmark = pytest.mark.e2e

ARTICLES = [
    {
        "id": "fasher-a",
        "source": "Reuters",
        "published": "2024-06-10",
        "text": "Shelling by the Rapid Support Forces hit the main market in El Fasher on Sunday, "
        "killing 12 civilians, local activists said. The city in North Darfur has been "
        "besieged by the RSF for weeks.",
    },
    {
        "id": "fasher-b",
        "source": "Sudan Tribune",
        "published": "2024-06-10",
        "text": "The Rapid Support Forces shelled a crowded market in El Fasher on Sunday, killing "
        "15 people, medics said. Dozens more were wounded in the attack on the North Darfur "
        "capital.",
    },
    {
        "id": "fasher-c",
        "source": "Dabanga",
        "published": "2024-06-11",
        "text": "At least nine civilians were killed when RSF artillery shells struck the market "
        "in El Fasher on Sunday, according to the Emergency Lawyers group.",
    },
    {
        "id": "fasher-d",
        "source": "Al Jazeera",
        "published": "2024-06-10",
        "text": "Sudanese army warplanes bombed Rapid Support Forces positions in El Fasher on "
        "Sunday, killing five RSF fighters, a military source said.",
    },
    {
        "id": "kidal-1",
        "source": "AFP",
        "published": "2023-11-14",
        "text": "The Malian army took control of Kidal on Tuesday, ending a decade of rebel rule "
        "over the northern town, the army said.",
    },
    {
        "id": "kidal-2",
        "source": "RFI",
        "published": "2025-02-21",
        "text": "Tuareg rebels of the CSP seized the town of Kidal on Thursday after the Malian "
        "army withdrew, residents said.",
    },
]


def ingest(db: Path, articles: list[dict], tmp: Path) -> None:
    for article in articles:  # one ingest each: every article is a new batch
        path = tmp / f"{article['id']}.jsonl"
        path.write_text(json.dumps(article) + "\n", encoding="utf-8")
        result = CliRunner().invoke(main, ["ingest", str(path), "--db", str(db)])
        assert result.exit_code == 0, result.output


def groups(db: Path) -> tuple[set[frozenset[str]], list[dict]]:
    result = CliRunner().invoke(main, ["events", "--db", str(db), "-f", "jsonl"])
    assert result.exit_code == 0, result.output
    events = [json.loads(line) for line in result.stdout.splitlines()]
    return {frozenset(r["article_id"] for r in e["reports"]) for e in events}, events


def test_seed_timeline_islamic_state_then_the_government(tmp_path):
    if not SEED.exists():
        pytest.skip("shared/seeds is not beside this checkout")
    db = str(tmp_path / "seed.db")
    runner = CliRunner()
    result = runner.invoke(main, ["ingest", str(SEED), "--db", db, "--published", "2017-08-14"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(main, ["timeline", "al-Sukhnah", "--db", db])
    assert result.exit_code == 0, result.output
    rows = [line for line in result.stdout.splitlines() if line[:4].isdigit()]
    assert rows[0].startswith("2015-05") and "Islamic State" in rows[0]
    assert rows[1].startswith("2017-08") and "Military Forces of Syria" in rows[1]
    assert "State forces" in rows[1]
    result = runner.invoke(main, ["control", "--date", "2016-01-01", "--db", db, "-f", "json"])
    (state,) = json.loads(result.stdout)
    assert state["controller"].startswith("Islamic State") and state["since"].startswith("2015-05")


def test_same_groups_in_any_ingest_order(tmp_path):
    forward, backward = tmp_path / "forward.db", tmp_path / "backward.db"
    ingest(forward, ARTICLES, tmp_path)
    ingest(backward, ARTICLES[::-1], tmp_path)
    partition, events = groups(forward)
    assert partition == groups(backward)[0]
    assert frozenset({"fasher-a", "fasher-b", "fasher-c"}) in partition
    assert frozenset({"fasher-d"}) in partition  # the army's air strike, the same day
    shelling = next(e for e in events if len(e["reports"]) == 3)
    assert shelling["fatalities"] == 9
    assert shelling["source"] == "Dabanga; Reuters; Sudan Tribune"
    result = CliRunner().invoke(main, ["timeline", "Kidal", "--db", str(forward), "-f", "json"])
    (kidal,) = json.loads(result.stdout)
    assert [c["controller"] for c in kidal["changes"]][0] == "Military Forces of Mali"
    assert kidal["changes"][1]["sub_event_type"] == "Non-state actor overtakes territory"
