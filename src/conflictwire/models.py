"""The article record (schema ``conflictwire.article/1``) as typed models.

This module mirrors ``docs/SCHEMA.md`` field by field; ``tests/test_models.py`` checks that the
two stay in step. Offsets are Python string indices into ``Article.text``, end exclusive.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any, ClassVar

from .view import NlpView, Span

SCHEMA_ID = "conflictwire.article/1"

ACTOR_TYPES = (
    "State forces",
    "Rebel group",
    "Political militia",
    "Identity militia",
    "Rioters",
    "Protesters",
    "Civilians",
    "External/Other forces",
)


@dataclass
class Place:
    start: int
    end: int
    mention: str
    geonameid: int | None = None
    name: str | None = None
    feature: str | None = None
    country_code: str | None = None
    country: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    score: float | None = None


@dataclass
class ActorMention:
    start: int
    end: int
    mention: str
    actor: str
    actor_type: str | None = None
    country_code: str | None = None


@dataclass
class Evidence:
    sentence: Span | None = None
    trigger: Span | None = None
    actor1: Span | None = None
    actor2: Span | None = None
    location: Span | None = None
    date: Span | None = None
    fatalities: Span | None = None


@dataclass
class Event:
    event_type: str
    sub_event_type: str
    disorder_type: str | None = None
    actor1: str | None = None
    assoc_actor_1: str | None = None
    actor2: str | None = None
    assoc_actor_2: str | None = None
    inter1: str | None = None
    inter2: str | None = None
    interaction: str | None = None
    civilian_targeting: bool = False
    event_date: str | None = None
    time_precision: int | None = None
    location: str | None = None
    geonameid: int | None = None
    admin1: str | None = None
    admin2: str | None = None
    country: str | None = None
    iso: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = None
    fatalities: int = 0
    cameo: str | None = None
    plover: str | None = None
    confidence: float | None = None
    evidence: Evidence = field(default_factory=Evidence)


def event_fields(first: str, last: str) -> tuple[str, ...]:
    """The names of ``Event``'s fields from ``first`` to ``last``, in the record's order."""
    names = [f.name for f in fields(Event)]
    return tuple(names[names.index(first) : names.index(last) + 1])


@dataclass
class Quote:
    quote: str
    start: int
    end: int
    direct: bool
    speaker: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker_title: str | None = None
    speaker_affiliation: str | None = None
    cue: str | None = None
    event_index: int | None = None
    speaker_type: str | None = None  # "person", "organisation", "unnamed" (an unnamed source)
    stance: str | None = None  # toward the linked event: "claims", "denies", "disputes"


@dataclass
class Claim:
    kind: str
    text: str
    start: int
    end: int
    subject: str | None = None
    object: str | None = None
    stated_km: float | None = None
    stated_bearing: str | None = None
    measured_km: float | None = None
    measured_bearing: float | None = None
    value: float | None = None
    unit: str | None = None
    as_of: str | None = None
    verdict: str | None = None

    KIND_FIELDS: ClassVar[dict[str, tuple[str, ...]]] = {
        "distance": (
            "subject",
            "object",
            "stated_km",
            "stated_bearing",
            "measured_km",
            "measured_bearing",
            "verdict",
        ),
        "population": ("subject", "value", "unit", "as_of", "verdict"),
        "count": ("subject", "value", "unit", "as_of", "verdict"),
        # value/unit the length ("for over four years"); as_of the start where one is given
        "duration": ("subject", "value", "unit", "as_of", "verdict"),
    }

    def to_dict(self) -> dict[str, Any]:
        """The claim as the schema writes it: common fields plus those of its kind."""
        full = asdict(self)
        keep = ("kind", "text", "start", "end") + self.KIND_FIELDS.get(
            self.kind, ("subject", "value", "unit", "as_of", "verdict")
        )
        return {k: full[k] for k in keep}


@dataclass
class Article:
    text: str
    id: str | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published: str | None = None
    language: str | None = None
    places: list[Place] = field(default_factory=list)
    actors: list[ActorMention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    rules: str | None = None  # which rules made the record (rules_version.py)
    # Not part of the output record:
    author: str | None = None
    origin: str | None = None  # the file (and entry) the article came from
    nlp: NlpView | None = None

    RECORD_FIELDS: ClassVar[tuple[str, ...]] = (
        "id",
        "title",
        "url",
        "source",
        "published",
        "language",
        "text",
        "places",
        "actors",
        "events",
        "quotes",
        "claims",
        "warnings",
        "rules",
    )

    def to_dict(self) -> dict[str, Any]:
        """The article as one schema record (what ``extract --format jsonl`` writes)."""
        record: dict[str, Any] = {"schema": SCHEMA_ID}
        for name in self.RECORD_FIELDS:
            value = getattr(self, name)
            if name == "claims":
                record[name] = [c.to_dict() for c in value]
            elif name == "warnings":
                record[name] = list(value)
            elif isinstance(value, list):
                record[name] = [_plain(v) for v in value]
            else:
                record[name] = value
        return record

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        """Rebuild an article from a record written by :meth:`to_dict`."""
        article = cls(text=data["text"])
        for name in ("id", "title", "url", "source", "published", "language", "rules"):
            setattr(article, name, data.get(name))
        article.places = [_build(Place, p) for p in data.get("places", [])]
        article.actors = [_build(ActorMention, a) for a in data.get("actors", [])]
        article.events = [_event_from_dict(e) for e in data.get("events", [])]
        article.quotes = [_build(Quote, q) for q in data.get("quotes", [])]
        article.claims = [_build(Claim, c) for c in data.get("claims", [])]
        article.warnings = list(data.get("warnings", []))
        return article


def _plain(value: Any) -> Any:
    data = asdict(value)
    evidence = data.get("evidence")
    if isinstance(evidence, dict):
        data["evidence"] = {k: list(v) if v is not None else None for k, v in evidence.items()}
    return data


def _build(cls: type, data: dict[str, Any]) -> Any:
    names = {f.name for f in fields(cls)}
    return cls(**{k: v for k, v in data.items() if k in names})


def _event_from_dict(data: dict[str, Any]) -> Event:
    event: Event = _build(Event, {k: v for k, v in data.items() if k != "evidence"})
    raw = data.get("evidence") or {}
    event.evidence = Evidence(**{k: tuple(v) if v else None for k, v in raw.items()})
    return event
