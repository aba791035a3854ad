"""Who an event's actors are, in ACLED's naming: the attacker before the victim, the other side
from the lead, the group that claimed or was blamed, crowds and forces named by country."""

from __future__ import annotations

import re

from ..actors.countries import country_names
from ..models import ActorMention, Article, Event, Place, Span
from ..places.country import top_country, votes_of
from ..positions import actors_of
from .attributes import actors_near, is_headline, is_source
from .rules import EventRules
from .words import Hit

NON_STATE = ("Rebel group", "Political militia", "Identity militia")
ARMED = ("State forces", "External/Other forces", *NON_STATE)


def other_side_in_the_lead(
    article: Article, trigger: Hit, hits: list[Hit], actor1: ActorMention, rules: EventRules
) -> ActorMention | None:
    """A headline names one side; the lead's trigger of the same kind names the other
    ("Recapture of Al-Sukhnah Inspires Syrian Army" above "... to liberate other Islamic State
    held regions following the recapture of the strategically important town")."""
    assert article.nlp is not None
    sentence = article.nlp.sentence_of(trigger.start)
    if sentence is None or not is_headline(article, sentence):
        return None
    for hit in hits:
        lead = article.nlp.sentence_of(hit.start)
        if hit.sub_type != trigger.sub_type or not hit.strong or lead is None:
            continue
        if lead[0] >= sentence[1] and not is_headline(article, lead):
            sides = actors_near(article, lead, (hit.start, hit.end), rules)
            return next((a for a in sides if a is not None and a.actor != actor1.actor), None)
    return None


def _country(place: Place | None, article: Article) -> str | None:
    """The event's country as ACLED names it in actor names ("Rioters (Democratic Republic of
    Congo)"): the one the article's places name most surely (``places.country``); ties go to
    the event's place."""
    counts = votes_of(article)
    code = top_country(counts)
    if place is not None and (code is None or counts.get(place.country_code or "") == counts[code]):
        code = place.country_code
        if code is None:
            return place.country
    if code is None or code not in _place_countries(article):
        return None
    return country_names().name(code)


def _place_countries(article: Article) -> set[str | None]:
    """The country codes of the article's places (once per article)."""
    if article.nlp is None:
        return {p.country_code for p in article.places}
    return article.nlp.memo(
        "place_countries", article.places, lambda: {p.country_code for p in article.places}
    )


CLAIM = re.compile(r"\bclaim(?:ed|s|ing)?\b[^.]{0,40}?\b(?:responsibility|the attack|the bombing)")
BLAME = re.compile(
    r"\b(?:blamed|blame|accused|suspected)(?: it)?(?: on)?\s+(?:the\s+)?", re.IGNORECASE
)


def attacker_first(
    article: Article,
    actor1: ActorMention | None,
    actor2: ActorMention | None,
    spans: list[Span],
) -> tuple[ActorMention | None, ActorMention | None]:
    """Political violence is coded with its perpetrator first: civilians read as actor 1 ("the
    drone hit civilians", parsed backwards) give way to the armed actor beside them, to the
    group that claimed the attack ("Al Shabaab claimed responsibility"), or to the first armed
    actor of the event's sentences; so does a missing attacker. Civilians are never actor 1 of
    political violence: with no armed actor named they are actor 2 of an unnamed attacker."""
    if actor1 is not None and actor1.actor_type != "Civilians":
        return actor1, actor2
    if actor1 is not None and actor2 is not None and actor2.actor_type != "Civilians":
        return actor2, actor1
    victim = actor1 or actor2
    attacker = _claimant(article) or _armed_in(article, spans, victim)
    if attacker is not None:
        return attacker, victim
    return None, victim


# A harm just before a mention makes it the victim ("wounding two Iraqi air force personnel"),
# unless "by" names the one who did it ("an air strike by the Saudi-led coalition").
HARMED_BEFORE = re.compile(
    r"\b(?:kill|wound|injur|target|hit|struck|strik|attack|ambush)\w*\s+"
    r"(?:(?!by\b)[\w-]+\s+){0,3}$",
    re.IGNORECASE,
)


def _armed_in(
    article: Article, spans: list[Span], victim: ActorMention | None = None
) -> ActorMention | None:
    """The first armed actor (state forces, rebels, militias, external forces) of some
    sentences, other than the victim."""
    hit = victim.actor if victim is not None else None
    for start, end in spans:
        for a in actors_of(article).starting_in((start, end)):
            if (
                a.actor_type in ARMED
                and a.actor != hit
                and not is_source(article.text, a)
                and not HARMED_BEFORE.search(article.text, max(0, a.start - 40), a.start)
            ):
                return a
    return None


def _claimant(article: Article) -> ActorMention | None:
    """The actor named before a claim of responsibility anywhere in the article, else the one
    blamed for it ("officials blamed Islamic State remnants")."""
    if article.nlp is None:
        return _first_claimant(article)
    return article.nlp.memo("claimant", article, lambda: _first_claimant(article))


def _first_claimant(article: Article) -> ActorMention | None:
    for found in CLAIM.finditer(article.text):
        before = [
            a
            for a in actors_of(article).ending_in(found.start() - 60, found.start())
            if a.actor_type != "Civilians"
        ]
        if before:
            return before[-1]
    for blamed in BLAME.finditer(article.text):
        named = next(iter(actors_of(article).starting_in((blamed.end(), blamed.end() + 1))), None)
        if named is not None and named.actor_type in ARMED:
            return named
    return None


def set_actors(
    event: Event,
    actor1: ActorMention | None,
    actor2: ActorMention | None,
    place: Place | None,
    article: Article,
    rules: EventRules,
) -> None:
    onto = rules.ontology
    country = _country(place, article)
    generic = onto.crowd_of.get(event.event_type)
    name1, type1 = (actor1.actor, actor1.actor_type) if actor1 else (None, None)
    name2, type2 = (actor2.actor, actor2.actor_type) if actor2 else (None, None)
    name1, name2 = _by_country(name1, type1, country), _by_country(name2, type2, country)
    if generic and type1 != generic:
        crowd = event.sub_event_type in onto.group("crowd_violence")
        if name1 is not None and (not crowd or type1 is None):
            event.assoc_actor_1 = name1
        name1, type1 = (f"{generic} ({country})" if country else generic), generic
    unnamed = event.event_type in onto.event_types("unnamed_attacker")
    if name1 is None and unnamed and country:
        name1, type1 = f"Unidentified Armed Group ({country})", "Political militia"
    victims = event.event_type in onto.event_types("civilian_victims")
    if victims and type2 != "Civilians" and name2 is None:
        name2, type2 = (f"Civilians ({country})" if country else "Civilians"), "Civilians"
    event.actor1, event.inter1, event.actor2, event.inter2 = name1, type1, name2, type2
    event.interaction = "-".join(t for t in (type1, type2) if t) or None
    targeting = event.event_type in onto.event_types("civilian_targeting")
    event.civilian_targeting = type2 == "Civilians" and targeting


COUNTRY_NAMED = {"Protesters", "Rioters", "Civilians"}  # ACLED names these crowds by country


def _by_country(name: str | None, kind: str | None, country: str | None) -> str | None:
    """A generic crowd's name for the event's country ("Protesters (Peru)")."""
    if kind not in COUNTRY_NAMED or name is None or country is None:
        return name
    return f"{kind} ({country})" if name.startswith(kind) else name
