"""``evaluate events --expect-none``: how many texts that should report no event get one, of
which sub-type, and on which words."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from conflictwire.cli import main
from conflictwire.evaluate.expect_none import score_expect_none, shorten
from conflictwire.evaluate.gold import GoldDocument
from conflictwire.models import Article, Event, Evidence

BATTLE = "Fans say the pandemic battle is far from over."
STAGE = "Organisers will stage a protest concert. The next stage opens in May."


def fired(sub_type: str, text: str, trigger: str, sentence: str) -> Event:
    start = text.index(trigger)
    first = text.index(sentence)
    evidence = Evidence(
        sentence=(first, first + len(sentence)), trigger=(start, start + len(trigger))
    )
    return Event("Battles", sub_type, evidence=evidence)


def test_event_rate_sub_types_and_examples_on_four_texts():
    protest = fired("Peaceful protest", STAGE, "stage", "Organisers will stage a protest concert.")
    pairs = [
        (GoldDocument("n1", "Beat the butter.", {}), Article(text="Beat the butter.")),
        (
            GoldDocument("n2", BATTLE, {}),
            Article(text=BATTLE, events=[fired("Armed clash", BATTLE, "battle", BATTLE)]),
        ),
        (
            GoldDocument("n3", STAGE, {"toponyms": []}),  # whatever the gold, it is ignored
            Article(text=STAGE, events=[protest, Event("Battles", "Armed clash")]),
        ),
        (GoldDocument("n4", "Prices fell.", {}), Article(text="Prices fell.")),
    ]
    scores = score_expect_none(pairs)
    assert scores.summary() == {"documents": 4, "with_event": 2, "event_rate": 0.5, "events": 3}
    assert scores.by_sub_type() == {"Armed clash": 1, "Peaceful protest": 1}  # first events
    assert scores.examples == [
        {"id": "n2", "sub_event_type": "Armed clash", "trigger": "battle", "sentence": BATTLE},
        {
            "id": "n3",
            "sub_event_type": "Peaceful protest",
            "trigger": "stage",
            "sentence": "Organisers will stage a protest concert.",
        },
    ]
    assert scores.details()["sub_event_types"] == scores.by_sub_type()


def test_an_example_without_evidence_still_names_its_sub_type():
    pairs = [
        (
            GoldDocument("x", "text", {}),
            Article(text="text", events=[Event("Riots", "Mob violence")]),
        )
    ]
    assert score_expect_none(pairs).examples == [
        {"id": "x", "sub_event_type": "Mob violence", "trigger": None, "sentence": None}
    ]


def test_a_long_sentence_is_shortened_around_its_trigger():
    sentence = "word " * 60 + "shelled" + " more" * 60
    start = sentence.index("shelled")
    short = shorten(sentence, (start, start + 7), width=40)
    assert "shelled" in short
    assert short.startswith("…") and short.endswith("…")
    assert len(short) <= 42
    assert shorten("A short\n sentence.", (2, 7)) == "A short sentence."
    assert shorten("x" * 50, None, width=10) == "x" * 10 + "…"


@pytest.mark.e2e
def test_evaluate_events_expect_none_on_texts_without_events(tmp_path: Path):
    texts = [
        "Beat the butter and sugar until pale, then fold in the flour and bake for 20 minutes.",
        "The library's next release adds a faster parser and drops support for old versions.",
        "Police said gunmen shot dead two villagers in northern Burkina Faso on Sunday.",
    ]
    path = tmp_path / "texts.jsonl"
    lines = [{"id": f"t{i}", "text": t, "gold": {"quotes": []}} for i, t in enumerate(texts)]
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    runner = CliRunner()
    args = ["evaluate", "events", str(path), "--expect-none", "--limit", "2"]
    result = runner.invoke(main, [*args, "--json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["format"] == "expect-none" and summary["documents"] == 2
    assert summary["event_rate"] == summary["with_event"] / 2
    assert len(summary["examples"]) == summary["with_event"]
    assert sum(summary["sub_event_types"].values()) == summary["with_event"]
    text = runner.invoke(main, args)
    assert text.exit_code == 0, text.output
    assert "event_rate" in text.stdout and "examples" in text.stdout
