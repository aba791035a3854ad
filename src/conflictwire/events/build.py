"""One Event from its sentences and triggers: type, actors, date, place, fatalities, evidence."""

from __future__ import annotations

import re

from ..models import ActorMention, Article, Event, Evidence, Place, Span
from ..positions import actors_of, places_of
from .attributes import (
    Dated,
    actors_near,
    fatalities,
    is_background,
    is_headline,
    published_date,
    sentence_dates,
)
from .background import names_ground
from .classify import choose_sub_type, territory_by_actor
from .location import event_place, focus_place, geo_precision, within_country
from .roles import NON_STATE, attacker_first, other_side_in_the_lead, set_actors
from .rules import EventRules
from .topic import NOTE
from .triggers import armed_target, taker_after
from .words import Hit, sentence_words

# Confidence: a documented sum, not a probability. A strong trigger starts at 0.55, a weak one
# at 0.3; each attribute read from the event's own sentences adds its share.
BASE_STRONG, BASE_WEAK = 0.55, 0.3
BONUS = {"actor1": 0.15, "location": 0.15, "date": 0.1, "lead": 0.05}

# The sub-types and event types these rules read are named groups of ``ontology`` (types.yaml).
CROWDS = ("Civilians", "Protesters", "Rioters")


def _main_hits(hits: list[Hit], first: Span, article: Article, rules: EventRules) -> list[Hit]:
    """The hits that may type an event. In an article (longer than a note) the first sentence
    has the report's own words for it: later sentences count only with hits of the same event
    type, of a demonstration when it is one ("Police fired tear gas"), or that combine with it
    (a protest, then arrests), or the weapon that killed the civilians it reports. "Suicide
    bombers blew themselves up ... They tried to storm the headquarters" stays a suicide
    bombing. In a note every sentence is about the one event."""
    own = _before_an_earlier(article.text, [h for h in hits if first[0] <= h.start < first[1]])
    assert article.nlp is not None
    if len(article.nlp.sentences) <= NOTE or not any(h.strong for h in own):
        return hits
    onto = rules.ontology
    main = choose_sub_type(own, rules)[0]
    kind = rules.sub_type(main).event_type
    crowd = onto.event_types("demonstrations")
    # a later sentence may make the event graver (a protest, then arrests), not undo it: the
    # headline's rockets did explode, though "security forces found the launcher"
    rank = onto.ranks()
    combine = [n for n, then in onto.combinations if main in n and rank[then] > rank[main]]
    # civilians killed ("kills man and his two sons") by a weapon named later ("the air strike")
    weapon = kind in onto.event_types("civilian_victims")
    remote = onto.event_types("remote_violence")
    distinct = onto.event_types("distinct_sub_types")

    def related(hit: Hit) -> bool:
        other = rules.sub_type(hit.sub_type).event_type
        if kind in distinct and kind in crowd:  # a mob's killing, then a crowd gathered
            return hit.sub_type == main
        return (
            (other == kind and (kind not in distinct or hit.sub_type == main))
            or (other in crowd and kind in crowd)
            or (weapon and other in remote)
            or any(hit.sub_type in needed for needed in combine)
        )

    return own + [h for h in hits if h not in own and related(h)]


EARLIER = re.compile(r"\b(?:after|following|since)\b", re.IGNORECASE)


def _before_an_earlier(text: str, own: list[Hit]) -> list[Hit]:
    """The hits of a sentence up to an "after"/"following" that opens what came before it:
    "agree local truce ... after days of street fighting" is an agreement."""
    strong = [h for h in own if h.strong]
    if not strong:
        return own
    first = min(strong, key=lambda h: h.start)
    cut = EARLIER.search(text, first.end, max(h.start for h in own) + 1)
    return [h for h in own if cut is None or h.start < cut.start()]


def build_event(
    article: Article, sentences: list[int], hits: list[Hit], attached: list[int], rules: EventRules
) -> Event | None:
    assert article.nlp is not None
    spans = [article.nlp.sentences[i] for i in sentences]
    extra = [article.nlp.sentences[i] for i in attached]
    onto = rules.ontology
    sub_type, trigger = choose_sub_type(_main_hits(hits, spans[0], article, rules), rules)
    sentence = article.nlp.sentence_of(trigger.start) or spans[0]
    tspan = (trigger.start, trigger.end)
    actor1, actor2 = actors_near(article, sentence, tspan, rules)
    if actor1 is not None and actor2 is None:
        actor2 = other_side_in_the_lead(article, trigger, hits, actor1, rules)
    taker = taker_after(article.nlp, article.text, sentence, trigger, rules)
    territory = sub_type in onto.group("territory_taken")
    if territory and not _territory_reported(article, sentence, trigger, taker):
        return None
    if taker:
        actor1, actor2 = _taker(article, sentence, trigger, actor1, actor2)
    if territory and trigger.sub_type in onto.group("withdrawal"):
        actor1, actor2 = _other(article, sentence, actor1, actor2), actor1  # who withdrew lost
    sub_type = _by_actors(article, sentence, trigger, sub_type, actor1, actor2, rules)
    info = rules.sub_type(sub_type)
    protest = info.event_type in onto.event_types("demonstrations")
    place = event_place(article, [sentence] + spans, tspan, rules, protest=protest)
    place = place or focus_place(article)
    place = within_country(article, place) if place is not None else None
    dated = _date(article, [sentence] + spans, extra)
    toll_from = [sentence] + spans + _of_this_event(article, extra)
    note = len(article.nlp.sentences) <= NOTE  # in a note every sentence is the event's
    if info.event_type in onto.event_types("own_sentence_toll") and not note:
        toll_from = [sentence]
    headline = sentence if is_headline(article, sentence) else None
    deaths, deaths_span = fatalities(article, toll_from, headline)
    if sub_type in onto.group("peaceful_protests"):
        deaths, deaths_span = 0, None
    event = Event(
        event_type=info.event_type,
        sub_event_type=sub_type,
        disorder_type=info.disorder_type,
        fatalities=deaths,
        cameo=info.cameo,
        plover=info.plover,
    )
    if info.event_type in onto.event_types("unnamed_attacker"):
        actor1, actor2 = attacker_first(article, actor1, actor2, [sentence] + spans)
    set_actors(event, actor1, actor2, place, article, rules)
    _set_place(event, place, article, rules)
    if dated is not None:
        event.event_date, event.time_precision = dated.date, dated.precision
    event.evidence = Evidence(
        sentence=sentence,
        trigger=tspan,
        actor1=(actor1.start, actor1.end) if actor1 else None,
        actor2=(actor2.start, actor2.end) if actor2 else None,
        location=(place.start, place.end) if place and place.end > place.start else None,
        date=dated.span if dated else None,
        fatalities=deaths_span,
    )
    event.confidence = _confidence(trigger, event, sentences[0])
    return event


def _by_actors(
    article: Article,
    sentence: Span,
    trigger: Hit,
    sub_type: str,
    actor1: ActorMention | None,
    actor2: ActorMention | None,
    rules: EventRules,
) -> str:
    """The sub-type as the actors make it (the ontology's re-codings): who took a place, who
    arrested, whether a crowd attacked, whether the target was armed."""
    onto = rules.ontology
    sub_type = territory_by_actor(sub_type, actor1, rules)
    if actor1 is not None and actor1.actor_type in NON_STATE:
        sub_type = onto.recode("arrest_by_non_state", sub_type)
    if onto.recodes("crowd_attack", sub_type) and _crowd(article, sentence, trigger, actor1, rules):
        return onto.recode("crowd_attack", sub_type)
    if onto.recodes("armed_target", sub_type) and _armed(
        article, sentence, trigger, actor1, actor2, rules
    ):
        return onto.recode("armed_target", sub_type)
    return sub_type


def _other(
    article: Article, sentence: Span, actor1: ActorMention | None, actor2: ActorMention | None
) -> ActorMention | None:
    """Actor 2, or else the first actor of the sentence that is not actor 1."""
    if actor2 is not None or actor1 is None:
        return actor2
    return next(
        (a for a in actors_of(article).starting_in(sentence) if a.actor != actor1.actor),
        None,
    )


def _territory_reported(article: Article, sentence: Span, trigger: Hit, taker: bool) -> bool:
    """A change of territory names a place or ground in its sentence, and "fell to" names who
    took it: "the pound fell to a record low" and "the attack took over" are no such change."""
    places = [p for p in places_of(article).starting_in(sentence) if p.feature != "demonym"]
    assert article.nlp is not None
    if not places and not names_ground(sentence_words(article.nlp, article.text, sentence)):
        return False
    if not taker:  # no "fell to": nothing more to name
        return True
    following = article.text[trigger.end : sentence[1]].split()
    named = bool(following) and following[0][:1].isupper()  # "fell to Islamic State"
    return named or bool(actors_of(article).starting_in((trigger.end, sentence[1])))


def _taker(
    article: Article,
    sentence: Span,
    trigger: Hit,
    actor1: ActorMention | None,
    actor2: ActorMention | None,
) -> tuple[ActorMention | None, ActorMention | None]:
    """For "fell to X": X, the first actor after the trigger, takes the place from the other."""
    after = actors_of(article).starting_in((trigger.end, sentence[1]))
    if not after:
        return actor1, actor2
    loser = next((a for a in (actor1, actor2) if a and a.actor != after[0].actor), None)
    if loser is not None and loser.actor_type == "Civilians":
        loser = None
    return after[0], loser


def _crowd(
    article: Article,
    sentence: Span,
    trigger: Hit,
    actor1: ActorMention | None,
    rules: EventRules,
) -> bool:
    """Whether the attackers are a crowd: civilians named before the trigger, none armed."""
    if actor1 is None or actor1.actor_type not in CROWDS or actor1.end > trigger.start:
        return False
    words = article.text[sentence[0] : sentence[1]].lower()
    return not any(w in words for w in rules.armed_words)


def _armed(
    article: Article,
    sentence: Span,
    trigger: Hit,
    actor1: ActorMention | None,
    actor2: ActorMention | None,
    rules: EventRules,
) -> bool:
    if actor2 is not None and actor2.actor_type is not None:
        return actor2.actor_type not in ("Civilians", "Protesters")
    assert article.nlp is not None
    attacker = (actor1.start, actor1.end) if actor1 is not None else None
    return armed_target(article.nlp, article.text, sentence, trigger, rules, attacker)


SINCE = re.compile(r"\bsince\b", re.IGNORECASE)


def _of_this_event(article: Article, extra: list[Span]) -> list[Span]:
    """The attached sentences that may give the event's toll: not those with a date of their
    own ("fighting in the second half of April killed at least 40") or a toll since some time
    ("hundreds have been killed since the fighting began"): a war's or another event's."""
    return [
        s
        for s in extra
        if not sentence_dates(article, s) and not SINCE.search(article.text, s[0], s[1])
    ]


def _date(article: Article, spans: list[Span], extra: list[Span]) -> Dated | None:
    """The first date of the event's sentences; else a recent date of the sentences after them
    or of the article; else the publication date. Old dates there are background."""
    for span in spans:
        found = sentence_dates(article, span)
        if found:
            return found[0]
    assert article.nlp is not None
    for span in extra:
        recent = [d for d in sentence_dates(article, span) if not is_background(d, article)]
        if recent:
            return recent[0]
    return article.nlp.memo("recent_date", article, lambda: _recent_date(article))


def _recent_date(article: Article) -> Dated | None:
    """The first recent date of the article's sentences, else the publication date."""
    assert article.nlp is not None
    for span in article.nlp.sentences:
        recent = [d for d in sentence_dates(article, span) if not is_background(d, article)]
        if recent:
            return recent[0]
    return published_date(article)


def _set_place(event: Event, place: Place | None, article: Article, rules: EventRules) -> None:
    if place is None:
        return
    event.location = place.name or place.mention
    event.geonameid = place.geonameid
    event.admin1, event.admin2 = place.admin1, place.admin2
    event.country, event.iso = place.country, place.country_code
    event.latitude, event.longitude = place.latitude, place.longitude
    event.geo_precision = geo_precision(article, place, rules)


def _confidence(trigger: Hit, event: Event, first_sentence: int) -> float:
    score = BASE_STRONG if trigger.strong else BASE_WEAK
    score += BONUS["actor1"] if event.evidence.actor1 else 0.0
    score += BONUS["location"] if event.evidence.location else 0.0
    score += BONUS["date"] if event.evidence.date else 0.0
    score += BONUS["lead"] if first_sentence < 2 else 0.0
    return round(min(score, 1.0), 2)
