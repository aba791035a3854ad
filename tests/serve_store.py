"""A small grouped store for the `conflictwire serve` tests, built through the store API (no
spaCy): the dedup scenarios, an article whose title, text and URL are hostile, quotations; and
a gazetteer that knows a few of its places."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from conflictwire.dedup import group_store
from conflictwire.gazetteer import Candidate
from conflictwire.models import Article, Quote
from conflictwire.serve import create_app
from conflictwire.store import Store
from dedup_fakes import all_scenarios, el_fasher_shelling, report

HOSTILE_TITLE = '<script>alert("title")</script> Clashes near Saraqib'
HOSTILE_TEXT = (
    "Fighters clashed with army units near Saraqib on Monday, killing 3 soldiers. "
    '<img src=x onerror="alert(1)"> A resident sent <a href="javascript:alert(2)">photos</a>.'
)
HOSTILE_URL = "javascript:alert(document.cookie)"
ADAM = "Adam Rojal"
QUOTE = "They shelled the market while people were buying food"


def hostile_article() -> Article:
    article = report(
        "saraqib-hostile",
        "Idlib <b>Post</b>",
        HOSTILE_TEXT,
        "Armed clash",
        "Saraqib",
        "2024-02-12",
        actor1="Hayat Tahrir al-Sham",
        actor2="Military Forces of Syria",
        fatalities=3,
    )
    article.title = HOSTILE_TITLE
    article.url = HOSTILE_URL
    start = HOSTILE_TEXT.index("<img")
    article.quotes = [
        Quote(
            quote='<script>alert("quote")</script>',
            start=start,
            end=start + 10,
            direct=True,
            speaker="<b>Anonymous</b>",
            cue="said",
        )
    ]
    return article


def quote_of(article: Article, words: str, **fields: Any) -> Quote:
    """A quotation of ``words`` as they stand in the article's text (its offsets found)."""
    start = article.text.index(words)
    return Quote(quote=words, start=start, end=start + len(words), event_index=0, **fields)


def quoted_fasher() -> list[Article]:
    """The El Fasher shelling, Reuters' report quoting a camp coordinator twice."""
    articles = el_fasher_shelling()
    reuters = articles[0]
    reuters.text += f' "{QUOTE}," said {ADAM}, a spokesman for the camps. "We counted the dead."'
    reuters.quotes = [
        quote_of(
            reuters,
            QUOTE,
            direct=True,
            speaker=ADAM,
            speaker_type="person",
            speaker_title="spokesman",
            speaker_affiliation="General Coordination for Displaced Persons and Refugees",
            cue="said",
            stance="claims",
        ),
        quote_of(reuters, "We counted the dead.", direct=True, speaker=ADAM, cue="said"),
    ]
    return articles


ARMY_CLAIM = "it had taken control of Kidal"
DENIAL = "the town had not fallen"


def said_in_kidal(articles: list[Article]) -> None:
    """Kidal's control changes, claimed by the army (Reuters) and denied by it (RFI)."""
    by_id = {a.id: a for a in articles}
    claimed = by_id["kidal-army-2"]
    claimed.quotes = [
        quote_of(
            claimed,
            ARMY_CLAIM,
            direct=False,
            speaker="Mali's army",
            speaker_type="organisation",
            cue="said",
            stance="claims",
        )
    ]
    denied = by_id["kidal-rebels"]
    denied.text += f" A spokesman for the army insisted that {DENIAL}."
    denied.quotes = [
        quote_of(
            denied,
            DENIAL,
            direct=False,
            speaker="the army spokesman",
            speaker_type="unnamed",
            cue="insisted",
            stance="denies",
        )
    ]


def build_store(path: Path) -> Path:
    """The store, every report grouped, no -wal/-shm files left beside it."""
    quoted = quoted_fasher()
    others = [a for a in all_scenarios() if a.id not in {q.id for q in quoted}]
    said_in_kidal(others)
    with Store(path) as store:
        store.add_batch(quoted + others + [hostile_article()])
        group_store(store.conn)
    for extra in ("-wal", "-shm"):
        Path(f"{path}{extra}").unlink(missing_ok=True)
    return path


def _candidate(
    geonameid: int, name: str, country: str, code: str, lat: float, lon: float
) -> Candidate:
    return Candidate(
        geonameid=geonameid,
        name=name,
        feature="populated_place",
        feature_code="PPLA",
        country_code=code,
        country=country,
        admin1_code=None,
        admin1=None,
        admin2_code=None,
        admin2=None,
        latitude=lat,
        longitude=lon,
        population=100_000,
    )


EL_FASHER = _candidate(379555, "El Fasher", "Sudan", "SD", 13.62793, 25.34936)
KIDAL = _candidate(2597449, "Kidal", "Mali", "ML", 19.13558, 1.50521)
TADMUR = _candidate(163808, "Tadmur", "Syria", "SY", 34.5624, 38.28402)


class Gazetteer:
    """``lookup`` and ``get`` over a few places (El Fasher is also "Al Fashir")."""

    names = {
        "el fasher": [EL_FASHER],
        "al fashir": [EL_FASHER],
        "kidal": [KIDAL],
        "palmyra": [TADMUR],
        "tadmur": [TADMUR],
    }

    def lookup(self, name: str) -> list[Candidate]:
        return self.names.get(name.lower(), [])

    def get(self, geonameid: int) -> Candidate | None:
        return next(
            (c for found in self.names.values() for c in found if c.geonameid == geonameid), None
        )


def client(path: Path) -> TestClient:
    return TestClient(create_app(path, gazetteer=Gazetteer()))
