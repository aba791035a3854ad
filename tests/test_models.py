"""The typed models and docs/SCHEMA.md describe the same record."""

import json
import re
from dataclasses import fields
from pathlib import Path

import pytest

from conflictwire.models import (
    SCHEMA_ID,
    ActorMention,
    Article,
    Claim,
    Event,
    Evidence,
    Place,
    Quote,
)

ROOT = Path(__file__).resolve().parents[1]
SCHEMA_DOC = ROOT / "docs" / "SCHEMA.md"
SHARED_SCHEMA = ROOT.parent / "shared" / "docs" / "SCHEMA.md"


def section(title: str) -> str:
    text = SCHEMA_DOC.read_text(encoding="utf-8")
    match = re.search(rf"^## {title}\n(.*?)(?=^## |\Z)", text, flags=re.M | re.S)
    assert match, f"no section {title!r} in {SCHEMA_DOC}"
    return match.group(1)


def table_fields(body: str) -> set[str]:
    names = set()
    for line in body.splitlines():
        if line.startswith("| `"):
            names.update(re.findall(r"`(\w+)`", line.split("|")[1]))
    return names


def documented_names(body: str) -> set[str]:
    """Backticked field names, leaving out examples given in parentheses."""
    while (stripped := re.sub(r"\([^()]*\)", "", body)) != body:
        body = stripped
    return set(re.findall(r"`(\w+)`", body))


def field_names(cls: type) -> set[str]:
    return {f.name for f in fields(cls)}


def test_project_schema_doc_only_adds_to_the_shared_one():
    """The shared doc is the contract: fields may be added, none renamed or dropped."""
    if not SHARED_SCHEMA.exists():
        pytest.skip("shared/ is not beside this checkout")
    ours = iter(SCHEMA_DOC.read_text(encoding="utf-8").splitlines())
    missing = [
        line
        for line in SHARED_SCHEMA.read_text(encoding="utf-8").splitlines()
        if not any(line == mine for mine in ours)  # in the shared doc's order
    ]
    assert missing == []


def test_article_record_has_exactly_the_documented_fields():
    documented = table_fields(section("Article"))
    record = Article(text="x").to_dict()
    assert set(record) == documented
    assert record["schema"] == SCHEMA_ID


def test_event_has_every_documented_field():
    body = section("Event")
    assert table_fields(body) <= field_names(Event)
    evidence_line = next(line for line in body.splitlines() if line.startswith("| `evidence`"))
    assert set(re.findall(r'"(\w+)"', evidence_line)) == field_names(Evidence)


@pytest.mark.parametrize(
    ("title", "cls"), [("Place", Place), ("ActorMention", ActorMention), ("Quote", Quote)]
)
def test_item_models_have_every_documented_field(title: str, cls: type):
    documented = documented_names(section(title))
    assert documented <= field_names(cls), documented - field_names(cls)


def test_claim_fields_by_kind_match_the_doc():
    body = section("Claim")
    assert documented_names(body) <= field_names(Claim)
    distance = Claim("distance", "70 km east of Palmyra", 0, 20).to_dict()
    assert {"subject", "object", "stated_km", "measured_km", "verdict"} <= set(distance)
    population = Claim("population", "home to 18,000", 0, 14, value=18000).to_dict()
    assert {"subject", "value", "unit", "as_of", "verdict"} <= set(population)


def test_record_round_trips_through_json():
    article = Article(
        text="Shelling hit Homs.",
        id="a1",
        places=[Place(13, 17, "Homs", 169577, "Homs", "populated_place", "SY", "Syria")],
        events=[
            Event(
                "Explosions/Remote violence",
                "Shelling/artillery/missile attack",
                evidence=Evidence(sentence=(0, 18), location=(13, 17)),
            )
        ],
        claims=[Claim("distance", "x", 0, 1, stated_km=70.0, verdict="consistent")],
    )
    record = json.loads(json.dumps(article.to_dict()))
    assert record["events"][0]["evidence"]["location"] == [13, 17]
    again = Article.from_dict(record)
    assert again.to_dict() == article.to_dict()


def test_a_record_written_before_the_rules_field_reads_as_null():
    record = Article(text="Shelling hit Homs.", id="a1", rules="conflictwire 0.1.0+rules.0a1b2c3d")
    old = {k: v for k, v in record.to_dict().items() if k != "rules"}
    assert Article.from_dict(record.to_dict()).rules == "conflictwire 0.1.0+rules.0a1b2c3d"
    assert Article.from_dict(old).rules is None
    assert Article.from_dict(old).to_dict()["rules"] is None
