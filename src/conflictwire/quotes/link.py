"""Which event a quotation speaks about: the event read from its paragraph, else the first event
whose place or actors the quotation names, else the first event whose actor is the speaker ("The
Rapid Support Forces denied that its fighters had fired on the market"), else, for a denial or
a dispute, the article's first event ("The defence ministry rejected the group's account")."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from ..models import ActorMention, Event, Place, Quote
from ..positions import Positions
from .marks import paragraphs
from .stance import DENIES, DISPUTES


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
    starts = [lo for lo, _ in spans]

    def paragraph(offset: int | None) -> int | None:
        if offset is None:
            return None
        n = bisect_right(starts, offset) - 1  # paragraphs are apart and in order
        return n if n >= 0 and offset < spans[n][1] else None

    first_in: dict[int | None, int] = {}  # paragraph -> the first event read from it
    for n, event in enumerate(events):
        for s in (event.evidence.sentence, event.evidence.trigger):
            if s:
                first_in.setdefault(paragraph(s[0]), n)
    named = _Named(events, places, actors)
    for quote in quotes:
        index = first_in.get(paragraph(quote.start))
        if index is None:
            index = named.first(quote)
        if index is None:
            index = named.by_speaker(quote)
        if index is None and quote.stance in (DENIES, DISPUTES):
            index = 0  # a denial in a report answers its main event
        quote.event_index = index


class _Named:
    """The first event whose place or actors a quotation names, by look-ups built once."""

    def __init__(
        self, events: Sequence[Event], places: Sequence[Place], actors: Sequence[ActorMention]
    ) -> None:
        self.places, self.actors = Positions(places), Positions(actors)
        self.by_id: dict[int, int] = {}
        self.by_location: dict[str, int] = {}
        self.by_actor: dict[str, int] = {}
        for n, event in enumerate(events):
            if event.geonameid is not None:
                self.by_id.setdefault(event.geonameid, n)
            if event.location:
                self.by_location.setdefault(event.location.lower(), n)
            for actor in (event.actor1, event.actor2):
                if actor is not None:
                    self.by_actor.setdefault(actor, n)

    def first(self, quote: Quote) -> int | None:
        named = self.places.starting_in((quote.start, quote.end))
        ids = {p.geonameid for p in named if p.geonameid}
        names = {n.lower() for p in named for n in (p.mention, p.name) if n}
        actors = {a.actor for a in self.actors.starting_in((quote.start, quote.end))}
        found = [self.by_id[i] for i in ids if i in self.by_id]
        found += [self.by_location[name] for name in names if name in self.by_location]
        found += [self.by_actor[actor] for actor in actors if actor in self.by_actor]
        return min(found, default=None)

    def by_speaker(self, quote: Quote) -> int | None:
        """The first event one of whose actors the speaker's mention names."""
        if quote.speaker_start is None or quote.speaker_end is None:
            return None
        span = (quote.speaker_start, quote.speaker_end)
        actors = {a.actor for a in self.actors.starting_in(span)}
        return min((self.by_actor[a] for a in actors if a in self.by_actor), default=None)
