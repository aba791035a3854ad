"""A long article in a folder of ordinary ones, and an article that fails, through the command
line with the real model: every other article's records are written and stored.

spaCy refuses a text longer than its ``max_length`` (E088: 1,000,000 characters). Reading a
real-size text takes minutes here, so the model's limit is lowered for these tests: a file
over it takes the same path as a 1 MB one (the pieces' offsets at full size are checked in
test_chunks.py).
"""

import json
import random

import pytest
from click.testing import CliRunner

import conflictwire.events
from conflictwire.cli import main
from conflictwire.pipeline import Pipeline
from conflictwire.settings import Settings

pytestmark = pytest.mark.e2e

SPACY_LIMIT = 6_000  # the model's max_length in these tests

ARTICLES = [
    ("Aleppo", "Syrian government forces shelled rebel positions in eastern Aleppo"),
    ("El Fasher", "The Rapid Support Forces attacked a camp for displaced people near El Fasher"),
    ("Gao", "Gunmen on motorbikes attacked a military post outside Gao"),
    ("Kharkiv", "A Russian missile struck an apartment block in Kharkiv"),
    ("Sittwe", "The Arakan Army seized a police outpost north of Sittwe"),
    ("Idlib", "An air strike hit a market in the town of Maarat al-Numan in Idlib province"),
    ("Nyala", "Clashes between the army and the Rapid Support Forces erupted in Nyala"),
    ("Kidal", "A roadside bomb struck a convoy of soldiers near Kidal"),
    ("Kherson", "Russian artillery shelled the centre of Kherson"),
    ("Mandalay", "Hundreds of protesters marched through Mandalay against the military"),
]


def ordinary(place: str, lead: str) -> str:
    return (
        f"{lead} on Monday, killing at least five people, residents said.\n\n"
        f"Officials in {place} said the wounded had been taken to the main hospital. "
        "Aid agencies warned of shortages of food and medicine.\n"
    )


def long_article(size: int) -> str:
    """Invented paragraphs about many places, ``size`` characters at least."""
    rnd = random.Random(11)
    places = [place for place, _ in ARTICLES]
    paragraphs = ["Fighters attacked an army checkpoint near Gao on Monday, killing 12 soldiers."]
    total = len(paragraphs[0])
    while total < size:
        place = rnd.choice(places)
        paragraph = rnd.choice(
            [
                f"Fighters attacked an army checkpoint near {place} on March {rnd.randint(1, 28)}"
                f", 2024, killing {rnd.randint(2, 40)} soldiers, the military said.",
                f"Residents of {place} said shelling continued overnight and that "
                f"{rnd.randint(10, 900)} families had fled towards the border.",
                f"A spokesman for the governor of {place} said talks with local leaders "
                "would resume after the holiday.",
            ]
        )
        paragraphs.append(paragraph)
        total += len(paragraph) + 2
    return "\n\n".join(paragraphs) + "\n"


@pytest.fixture
def folder(tmp_path):
    """Ten ordinary articles and one over the model's limit."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i, (place, lead) in enumerate(ARTICLES):
        (corpus / f"{i:02d}_{place.lower().replace(' ', '_')}.txt").write_text(
            ordinary(place, lead), encoding="utf-8"
        )
    (corpus / "99_long_report.txt").write_text(long_article(4 * SPACY_LIMIT), encoding="utf-8")
    return corpus


def shared_model():
    """The model the commands load (one per process)."""
    return Pipeline(Settings.load()).resources.nlp


@pytest.fixture
def low_limit(monkeypatch):
    """The shared model refuses texts over ``SPACY_LIMIT``."""
    monkeypatch.setattr(shared_model(), "max_length", SPACY_LIMIT)


def records(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def test_a_folder_with_a_text_over_spacys_limit_writes_every_article(folder, monkeypatch):
    long_file = str(folder / "99_long_report.txt")
    whole = CliRunner().invoke(main, ["extract", long_file])  # spaCy takes it whole
    assert whole.exit_code == 0, whole.output
    (expected,) = records(whole.stdout)

    monkeypatch.setattr(shared_model(), "max_length", SPACY_LIMIT)
    result = CliRunner().invoke(main, ["extract", str(folder)])
    assert result.exit_code == 0, result.output
    written = records(result.stdout)
    assert len(written) == 11
    (long,) = [r for r in written if r["text"] == expected["text"]]
    text = long["text"]
    assert len(long["places"]) > 20 and len(long["events"]) > 20
    assert max(p["start"] for p in long["places"]) > 3 * SPACY_LIMIT  # read to the end
    for place in long["places"]:
        assert text[place["start"] : place["end"]] == place["mention"]
    for event in long["events"]:
        start, end = event["evidence"]["sentence"]
        trigger = event["evidence"]["trigger"]
        assert start <= trigger[0] < trigger[1] <= end
        assert "\n\n" not in text[start:end].strip()  # one paragraph's sentence
    # read in pieces, the article gives what it gives read whole
    assert long["places"] == expected["places"]
    assert long["events"] == expected["events"]


def test_ingest_stores_every_article_of_that_folder(folder, low_limit, tmp_path):
    db = str(tmp_path / "cw.db")
    result = CliRunner().invoke(main, ["ingest", str(folder), "--db", db])
    assert result.exit_code == 0, result.output
    assert "11 articles read, 11 stored" in result.stderr
    exported = CliRunner().invoke(main, ["export", "--db", db])
    assert len(records(exported.stdout)) == 11


def test_an_article_that_fails_is_named_and_the_others_are_written(folder, monkeypatch, tmp_path):
    (folder / "99_long_report.txt").unlink()
    code_events = conflictwire.events.code_events

    def failing(article, **kwargs):
        if "Kidal" in article.text:
            raise RuntimeError("rule table broken\nsecond line of detail")
        return code_events(article, **kwargs)

    monkeypatch.setattr(conflictwire.events, "code_events", failing)
    result = CliRunner().invoke(main, ["extract", str(folder)])
    assert result.exit_code == 1  # some inputs could not be processed; the others were written
    written = records(result.stdout)
    assert len(written) == 9
    assert not any("Kidal" in r["text"] for r in written)
    (warning,) = [line for line in result.stderr.splitlines() if "07_kidal.txt" in line]
    assert warning.startswith("warning: ")
    assert "RuntimeError: rule table broken" in warning and "second line" not in warning

    db = str(tmp_path / "cw.db")
    stored = CliRunner().invoke(main, ["ingest", str(folder), "--db", db])
    assert stored.exit_code == 1
    assert "10 articles read, 9 stored" in stored.stderr
    assert "07_kidal.txt" in stored.stderr
