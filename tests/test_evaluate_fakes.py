"""FA-KES scores: the governorate of the main event, our GeoNames admin1 names read as FA-KES's
governorate keys."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest
from click.testing import CliRunner

from conflictwire.cli import main
from conflictwire.evaluate.fakes import (
    governorate,
    read_governorates,
    score_fakes,
    table_path,
)
from conflictwire.evaluate.gold import GoldDocument
from conflictwire.gazetteer.datafiles import read_table_at
from conflictwire.models import Article, Event
from conflictwire.rules_version import rules_digest

# Syria's 14 first-order divisions as the gazetteer names them (GeoNames SY.01-SY.14).
GEONAMES_ADMIN1 = {
    "Al Ḩasakah": "hasakeh",
    "Al Lādhiqīyah": "lattakia",
    "Al Qunayţirah": "quneitra",
    "Ar Raqqah": "raqqa",
    "As Suwaydā'": "sweida",
    "Dar'ā": "daraa",
    "Dayr az Zawr": "deir ezzor",
    "Rīf Dimashq": "damascus",
    "Ḩalab": "aleppo",
    "Ḩamāh": "hama",
    "Ḩimş": "homs",
    "Idlib": "idlib",
    "Dimashq": "damascus",
    "Ţarţūs": "tartous",
}
FAKES_KEYS = {
    "aleppo",
    "damascus",
    "idlib",
    "deir ezzor",
    "raqqa",
    "homs",
    "hasakeh",
    "hama",
    "daraa",
    "lattakia",
    "quneitra",
    "tartous",
}


def syrian(admin1: str | None, location: str = "somewhere") -> Event:
    return Event(
        "Explosions/Remote violence", "Air/drone strike", admin1=admin1, iso="SY", location=location
    )


def test_every_syrian_admin1_reads_as_its_governorate():
    for admin1, key in GEONAMES_ADMIN1.items():
        assert governorate(syrian(admin1)) == key, admin1
    assert governorate(syrian("Dar‘ā")) == "daraa"  # another apostrophe, folded alike
    assert governorate(syrian("Rif Dimashq")) == "damascus"
    assert governorate(syrian("Deir ez-Zor")) == "deir ezzor"


def test_what_is_no_governorate_says_why():
    assert governorate(None) == "(none)"
    assert governorate(Event("Battles", "Armed clash", admin1="Hatay", iso="TR")) == "(other)"
    assert governorate(Event("Battles", "Armed clash", admin1="Ḩalab", iso="TR")) == "(other)"
    assert governorate(syrian(None)) == "(no admin1)"  # placed only at the country
    assert governorate(syrian("Nowhere Governorate")) == "(other)"
    assert governorate(Event("Battles", "Armed clash", admin1="Idlib")) == "idlib"  # no iso


def test_the_table_covers_every_fakes_key_and_names_its_sources():
    rows = read_table_at(table_path())
    assert {row["governorate"] for row in rows} == FAKES_KEYS | {"sweida"}
    assert all(
        row["source"] == "English" or row["source"].startswith("GeoNames SY.") for row in rows
    )
    header = table_path().read_text(encoding="utf-8").split("governorate\t", 1)[0]
    assert "FA-KES" in header and "GeoNames" in header


def test_a_name_given_two_governorates_is_an_error(tmp_path: Path):
    path = tmp_path / "t.tsv"
    path.write_text("governorate\tadmin1\tsource\nhoms\tḨimş\tx\nhama\tHims\tx\n", encoding="utf-8")
    with pytest.raises(ValueError, match="'Hims' is both homs and hama"):
        read_governorates(path)


def test_the_evaluation_table_is_not_a_rule(tmp_path: Path):
    data = tmp_path / "data"
    (data / "events").mkdir(parents=True)
    (data / "events" / "triggers.yaml").write_text("a: 1\n", encoding="utf-8")
    before = rules_digest(data)
    (data / "evaluate").mkdir()
    (data / "evaluate" / "fakes_governorates.tsv").write_text("x\n", encoding="utf-8")
    assert rules_digest(data) == before
    packaged = Path(str(resources.files("conflictwire").joinpath("data")))
    assert (packaged / "evaluate" / "fakes_governorates.tsv").is_file()


def test_fakes_scores_on_five_articles():
    cases = [  # (id, gold admin1, credible, our first event)
        ("f1", "aleppo", True, syrian("Ḩalab", "Aleppo")),
        ("f2", "damascus", False, syrian("Rīf Dimashq", "Douma")),
        ("f3", "daraa", True, syrian("Dar‘ā", "Daraa")),
        (
            "f4",
            "idlib",
            True,
            Event("Battles", "Armed clash", admin1="Hatay", iso="TR", location="Antakya"),
        ),
        ("f5", "homs", False, None),
    ]
    pairs = [
        (
            GoldDocument(id=i, text="x", gold={"admin1": gold, "credible": credible}),
            Article(text="x", events=[event] if event else []),
        )
        for i, gold, credible, event in cases
    ]
    scores = score_fakes(pairs)
    assert scores.summary() == {
        "documents": 5,
        "coverage": 0.8,
        "governorate": 0.6,
        "governorate_with_event": 0.75,
        "credible_documents": 3,
        "governorate_credible": 0.6667,  # f1, f3 of f1, f3, f4
        "not_credible_documents": 2,
        "governorate_not_credible": 0.5,  # f2 of f2, f5
    }
    details = scores.details()
    assert details["confusion"] == {
        "aleppo": {"aleppo": 1},
        "damascus": {"damascus": 1},
        "daraa": {"daraa": 1},
        "homs": {"(none)": 1},
        "idlib": {"(other)": 1},
    }
    assert details["misses"] == [
        {"id": "f4", "gold": "idlib", "ours": "(other)", "location": "Antakya"},
        {"id": "f5", "gold": "homs", "ours": "(none)", "location": None},
    ]


@pytest.mark.e2e
def test_evaluate_events_reads_a_fakes_file(tmp_path: Path):
    texts = [
        (
            "Sat 12 Mar 2016 Air strikes kill 12 in Idlib. Air strikes killed at least 12 "
            "civilians in the town of Maarat al-Numan in Idlib province on Saturday, a monitor "
            "said.",
            "idlib",
        ),
        (
            "Mon 14 Mar 2016 Shelling kills five in Aleppo. Rebel shelling killed five people in "
            "the government-held west of Aleppo city on Monday, state media said.",
            "aleppo",
        ),
        ("Tue 15 Mar 2016 Car bomb in Homs. A car bomb killed four people in Homs.", "homs"),
    ]
    path = tmp_path / "fakes.jsonl"
    lines = [
        {"id": f"f{i}", "text": text, "gold": {"admin1": key, "credible": i % 2 == 0}}
        for i, (text, key) in enumerate(texts)
    ]
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["evaluate", "events", str(path), "--limit", "2", "--json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["format"] == "fakes" and summary["documents"] == 2
    assert summary["credible_documents"] == summary["not_credible_documents"] == 1
    assert set(summary["confusion"]) == {"idlib", "aleppo"}
    assert summary["governorate"] >= 0.5  # both name their governorate plainly
