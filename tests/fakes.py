"""Small stand-ins for the heavy resources, so stage tests run in milliseconds."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from conflictwire.models import ActorMention, Article, Place
from conflictwire.places import with_place_forms
from conflictwire.view import Entity, NlpView, Token

FUNCTION_WORDS = {"The", "A", "An", "In", "On", "At", "But", "When", "He", "She", "They", "It"}


def make_view(text: str, entities: dict[str, str] | None = None) -> NlpView:
    """A rough NLP view: regex tokens, capitalised words as PROPN, entities by surface."""
    tokens = []
    for i, m in enumerate(re.finditer(r"\w+(?:['’-]\w+)*|[^\w\s]", text)):
        word = m.group()
        proper = word[:1].isupper() and word not in FUNCTION_WORDS
        proper = proper or bool(re.match(r"(al|el|as|ad)-[A-Z]", word))
        tokens.append(
            Token(
                m.start(),
                m.end(),
                word,
                word.lower(),
                "PROPN" if proper else "X",
                "NNP" if proper else "XX",
                "dep",
                i,
                "",
                "O",
            )
        )
    ents = []
    for surface, label in (entities or {}).items():
        for m in re.finditer(re.escape(surface), text):
            ents.append(Entity(m.start(), m.end(), label, surface))
    ents.sort(key=lambda e: e.start)
    sentences = [(m.start(), m.end()) for m in re.finditer(r"[^.!?]+[.!?]?", text)]
    return NlpView(model="fake", sentences=sentences, tokens=tokens, entities=ents)


@dataclass(frozen=True)
class FakeCandidate:
    geonameid: int
    name: str
    feature: str
    country_code: str
    admin1_code: str | None
    population: int
    latitude: float
    longitude: float
    country: str = ""
    admin1: str | None = None
    admin2: str | None = None
    admin2_code: str | None = None
    feature_code: str | None = None


@dataclass(frozen=True)
class FakeMatch:
    start: int
    end: int
    key: str


class FakeGazetteer:
    """Names → candidates; scan finds the names as whole words, case-insensitively."""

    def __init__(self, entries: dict[str, list[FakeCandidate]]) -> None:
        self.entries = {k.lower(): v for k, v in entries.items()}

    def scan(self, text: str) -> list[FakeMatch]:
        found = []
        for key in self.entries:
            pattern = (
                r"(?<!\w)(?:(?:al|el|as|ad)-)?"
                + re.escape(key).replace(r"\ ", r"[\s-]")
                + r"(?!\w)"
            )
            for m in re.finditer(pattern, text, flags=re.I):
                found.append(FakeMatch(m.start(), m.end(), key))
        return sorted(found, key=lambda m: m.start)

    def candidates(self, key: str) -> list[FakeCandidate]:
        return self.entries.get(key.lower(), [])

    def lookup(self, name: str) -> list[FakeCandidate]:
        return self.candidates(name.lower().removeprefix("al-").replace("-", " "))


def syria_gazetteer() -> FakeGazetteer:
    homs_city = FakeCandidate(
        169577, "Homs", "populated_place", "SY", "11", 775404, 34.73, 36.72, "Syria", "Homs"
    )
    homs_gov = FakeCandidate(
        169575, "Homs Governorate", "admin1", "SY", "11", 0, 34.6, 38.0, "Syria", "Homs"
    )
    hama_city = FakeCandidate(
        170063, "Hama", "populated_place", "SY", "10", 696863, 35.13, 36.75, "Syria", "Hama"
    )
    hama_gov = FakeCandidate(
        170015, "Hama Governorate", "admin1", "SY", "10", 0, 35.2, 37.2, "Syria", "Hama"
    )
    sukhnah = FakeCandidate(
        172425, "As Sukhnah", "populated_place", "SY", "11", 0, 34.885, 38.871, "Syria", "Homs"
    )
    sukhnah_rif = FakeCandidate(
        401672, "As Sukhnah", "populated_place", "SY", "08", 0, 33.5, 36.6, "Syria", "Rif Dimashq"
    )
    tripoli_ly = FakeCandidate(
        2210247, "Tripoli", "populated_place", "LY", "77", 1150989, 32.88, 13.18, "Libya"
    )
    tripoli_lb = FakeCandidate(
        266826, "Tripoli", "populated_place", "LB", "09", 229398, 34.43, 35.84, "Lebanon"
    )
    lebanon = FakeCandidate(
        272103, "Lebanon", "country", "LB", None, 6848925, 33.83, 35.83, "Lebanon"
    )
    jordan = FakeCandidate(248816, "Jordan", "country", "JO", None, 10101694, 31.0, 36.0, "Jordan")
    march = FakeCandidate(
        2643217, "March", "populated_place", "GB", "ENG", 22298, 52.55, 0.09, "United Kingdom"
    )
    deir_city = FakeCandidate(
        170794,
        "Deir ez-Zor",
        "populated_place",
        "SY",
        "07",
        271800,
        35.34,
        40.14,
        "Syria",
        "Dayr az Zawr",
    )
    deir_gov = FakeCandidate(
        170792, "Dayr az Zawr", "admin1", "SY", "07", 0, 35.0, 40.0, "Syria", "Dayr az Zawr"
    )
    tadmur = FakeCandidate(
        163808, "Tadmur", "populated_place", "SY", "11", 51015, 34.56, 38.28, "Syria", "Homs"
    )
    damascus = FakeCandidate(
        170654,
        "Damascus",
        "populated_place",
        "SY",
        "13",
        1569394,
        33.51,
        36.29,
        "Syria",
        "Damascus",
    )
    sanaa = FakeCandidate(
        71137, "Sanaa", "populated_place", "YE", "26", 1937451, 15.35, 44.2, "Yemen"
    )
    return FakeGazetteer(
        {
            "homs": [homs_city, homs_gov],
            "hama": [hama_city, hama_gov],
            "sukhnah": [sukhnah, sukhnah_rif],
            "tripoli": [tripoli_ly, tripoli_lb],
            "lebanon": [lebanon],
            "jordan": [jordan],
            "march": [march],
            "sana": [sanaa],
            "sanaa": [sanaa],
            "deir al zour": [deir_city],
            "palmyra": [tadmur],
            "damascus": [damascus],
            "dayr az zawr": [deir_gov],
        }
    )


def article_with(
    text: str,
    actors: Sequence[tuple[str, str, str]] = (),
    *,
    places: Sequence[Place] = (),
    dates: Sequence[str] = (),
    published: str | None = None,
) -> Article:
    """An article with a rough NLP view, given places, and actor mentions found by surface:
    ``actors`` are ``(mention, canonical name, actor type)``; ``dates`` are tagged DATE."""
    article = Article(text=text, published=published, places=list(places))
    article.nlp = make_view(text, {d: "DATE" for d in dates})
    for mention, actor, kind in actors:
        at = text.index(mention)
        article.actors.append(ActorMention(at, at + len(mention), mention, actor, kind))
    return with_place_forms(article)
