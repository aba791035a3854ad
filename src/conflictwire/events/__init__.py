"""Event coding: ACLED events with actors, date, location, fatalities and evidence.

1. Find triggers per sentence (``triggers``), dropping negated, hypothetical and motive ones.
2. Group sentences into events: a sentence joins the current event unless it has its own,
   different date (a past event) or reports another event type at another place. A past
   event (dated over a month before publication) is background: the next undated sentence
   goes back to the main event.
3. Type each event by ACLED's precedence (``classify``) and read its attributes
   (``attributes``): actors, date, place, fatalities, each with its evidence span.
4. Order events by salience: the current events first, in text order; past events after.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from ..models import Article, Event
from .attributes import Dated, history_headline, is_background, is_history, sentence_dates
from .build import build_event
from .classify import choose_sub_type
from .location import event_place
from .rules import EventRules, default_rules
from .topic import NOTE, TOPIC_LEAD, headline_words, speaks_of_conflict
from .triggers import find_triggers
from .words import Hit, sentence_words

__all__ = ["code_events", "default_rules", "EventRules"]

# A sentence that opens on its place ("In Cali, ...", "In the northern province of Raqa ...").
FRONTED_PLACE = re.compile(
    r"\s*(?:Elsewhere\s+)?(?:In|At|Near)\s+(?:the\s+)?(?:[a-z-]+\s+){0,3}(?:of\s+)?"
    r"(?!(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)[A-Z]"
)
LEAD_SENTENCES = 2  # weak triggers (a bare "killed") start an event only in the lead


@dataclass
class Draft:
    """Sentences about one event: those with triggers, and those attached after them."""

    sentences: list[int] = field(default_factory=list)
    hits: list[Hit] = field(default_factory=list)
    attached: list[int] = field(default_factory=list)
    date: Dated | None = None
    place_id: int | None = None
    background: bool = False


def code_events(
    article: Article, *, rules: EventRules | None = None, seat: Seat | None = None
) -> Article:
    """Return the article with ``events`` filled; articles without an NLP view pass through.

    ``seat`` (``Gazetteer.seat``) gives the town that stands for a province: ACLED codes an
    event known only by its province at the provincial capital."""
    if article.nlp is None:
        return article
    rules = rules or default_rules()
    drafts = _drafts(article, rules)
    events = [build_event(article, d.sentences, d.hits, d.attached, rules) for d in drafts]
    kept = [e for e in events if e is not None]
    if seat is not None:
        kept = [e if _in_countryside(article, e) else _at_seat(e, seat) for e in kept]
    return replace(article, events=_by_salience(kept))


Seat = Callable[[int], Any]


def _at_seat(event: Event, seat: Seat) -> Event:
    """The event moved to its province's seat, where it is placed at a province."""
    town = seat(event.geonameid) if event.geonameid is not None else None
    if town is None:
        return event
    return replace(
        event,
        location=town.name,
        geonameid=town.geonameid,
        admin2=town.admin2,
        latitude=town.latitude,
        longitude=town.longitude,
    )


def _in_countryside(article: Article, event: Event) -> bool:
    """Whether the report places the event in a province's countryside ("a village in Deir ez
    Zor countryside"): not at its capital, so the province's own point stands."""
    span = event.evidence.location
    assert article.nlp is not None
    return span is not None and article.nlp.form_of(*span).countryside


def _drafts(article: Article, rules: EventRules) -> list[Draft]:
    assert article.nlp is not None
    spans = article.nlp.sentences
    drafts: list[Draft] = []
    current: Draft | None = None
    main: Draft | None = None
    lead = [w for s in spans[:LEAD_SENTENCES] for w in sentence_words(article.nlp, article.text, s)]
    heading = [headline_words(article.title)]
    if len(spans) > NOTE and not speaks_of_conflict(
        heading + [sentence_words(article.nlp, article.text, s) for s in spans[:TOPIC_LEAD]]
    ):
        return []  # an article whose headline and lead are not about conflict reports none
    past = history_headline(article)
    for i, span in enumerate(spans):
        hits = find_triggers(article.nlp, article.text, span, rules, article.actors, lead)
        if not hits or (not any(h.strong for h in hits) and i >= LEAD_SENTENCES and not current):
            if current is not None:
                current.attached.append(i)
            continue
        dates = sentence_dates(article, span)
        own = dates[0] if dates else None
        if is_history(own, article) if own is not None else past:
            continue  # "the mortar attacks on the market in 1994" in a book review
        if past and not any(h.strong for h in hits):
            continue  # "to mark the centenary of the battle, when 20,000 soldiers were killed"
        kind = _kind(hits, rules)
        protest = kind in rules.ontology.event_types("demonstrations")
        place = event_place(article, [span], (hits[0].start, hits[0].end), rules, protest=protest)
        place_id = place.geonameid if place else None
        background = own is not None and is_background(own, article)
        if current is not None and current.background and own is None and main is not None:
            current = main
        fronted = FRONTED_PLACE.match(article.text, span[0]) is not None
        if current is None or _starts_new(
            current, hits, kind, own, background, place_id, rules, fronted=fronted
        ):
            current = Draft(date=own, place_id=place_id, background=background)
            drafts.append(current)
            main = main or (None if background else current)
        current.sentences.append(i)
        current.hits.extend(hits)
        current.date = current.date or own
        current.place_id = current.place_id or place_id
    return drafts


def _starts_new(
    current: Draft,
    hits: list[Hit],
    kind: str,
    own: Dated | None,
    background: bool,
    place_id: int | None,
    rules: EventRules,
    *,
    fronted: bool = False,
) -> bool:
    if not any(h.strong for h in hits):
        return False
    if own is not None and current.date is not None and own.date != current.date.date:
        return True
    if background and not current.background:
        return True
    if place_id is None or place_id == current.place_id:
        return False
    if fronted:
        return True  # "In Cali, protesters set fire to a police station": another place's event
    if _kind(current.hits, rules) != kind:
        return True  # another kind of event elsewhere
    # of one kind, another weapon elsewhere on a day of its own ("Earlier on Saturday, a
    # roadside bomb hit a vehicle near Afgoye" after mortar shells on Mogadishu)
    own_type = choose_sub_type([h for h in hits if h.strong], rules)[0]
    return own is not None and own_type != choose_sub_type(current.hits, rules)[0]


def _kind(hits: list[Hit], rules: EventRules) -> str:
    """The event type of some triggers; a change of territory counts as its own kind."""
    sub_type = choose_sub_type(hits, rules)[0]
    territory = sub_type in rules.ontology.group("territory_taken")
    return sub_type if territory else rules.sub_type(sub_type).event_type


def _by_salience(events: list[Event]) -> list[Event]:
    if not events:
        return events
    first = events[0].event_date or ""
    order = sorted(
        range(len(events)),
        key=lambda i: (bool(first) and (events[i].event_date or first) < first, i),
    )
    return [events[i] for i in order]
