"""Which event a quotation speaks about: the event read from its paragraph, else the first event
whose place or actors the quotation names."""

from __future__ import annotations

from collections.abc import Sequence

from ..models import ActorMention, Event, Place, Quote
from .marks import paragraphs


def link_events(
    text: str,
    quotes: Sequence[Quote],
    events: Sequence[Event],
    places: Sequence[Place],
    actors: Sequence[ActorMention],
) -> None:
    """Set ``event_index`` on each quote in place."""
    if not events:
        return
    spans = list(paragraphs(text))

    def paragraph(offset: int | None) -> int | None:
        if offset is None:
            return None
        return next((n for n, (lo, hi) in enumerate(spans) if lo <= offset < hi), None)

    event_paragraphs = [
        {paragraph(s[0]) for s in (e.evidence.sentence, e.evidence.trigger) if s} for e in events
    ]
    for quote in quotes:
        here = paragraph(quote.start)
        index = next((n for n, ps in enumerate(event_paragraphs) if here in ps), None)
        if index is None:
            index = _named(quote, events, places, actors)
        quote.event_index = index


def _named(
    quote: Quote, events: Sequence[Event], places: Sequence[Place], actors: Sequence[ActorMention]
) -> int | None:
    within = range(quote.start, quote.end)
    named = [p for p in places if p.start in within]
    ids = {p.geonameid for p in named if p.geonameid}
    names = {n.lower() for p in named for n in (p.mention, p.name) if n}
    named_actors = {a.actor for a in actors if a.start in within}
    for n, event in enumerate(events):
        if event.geonameid is not None and event.geonameid in ids:
            return n
        if event.location and event.location.lower() in names:
            return n
        if named_actors & {event.actor1, event.actor2} - {None}:
            return n
    return None
