"""One Event from its sentences and triggers: type, actors, date, place, fatalities, evidence."""

from __future__ import annotations

import re

from ..actors.countries import country_names
from ..models import ActorMention, Article, Event, Evidence, Place, Span
from ..places.country import top_country, votes_of
from ..positions import actors_of, places_of
from .attributes import (
    Dated,
    actors_near,
    fatalities,
    is_background,
    is_source,
    published_date,
    sentence_dates,
)
from .background import names_ground
from .classify import choose_sub_type, territory_by_actor
from .location import event_place, focus_place, geo_precision, within_country
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
NON_STATE = ("Rebel group", "Political militia", "Identity militia")
ARMED = ("State forces", "External/Other forces", *NON_STATE)


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
        actor2 = _other_side_in_the_lead(article, trigger, hits, actor1, rules)
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
    headline = sentence if _headline(article, sentence) else None
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
        actor1, actor2 = _attacker_first(article, actor1, actor2, [sentence] + spans)
    _set_actors(event, actor1, actor2, place, article, rules)
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


def _other_side_in_the_lead(
    article: Article, trigger: Hit, hits: list[Hit], actor1: ActorMention, rules: EventRules
) -> ActorMention | None:
    """A headline names one side; the lead's trigger of the same kind names the other
    ("Recapture of Al-Sukhnah Inspires Syrian Army" above "... to liberate other Islamic State
    held regions following the recapture of the strategically important town")."""
    assert article.nlp is not None
    sentence = article.nlp.sentence_of(trigger.start)
    if sentence is None or not _headline(article, sentence):
        return None
    for hit in hits:
        lead = article.nlp.sentence_of(hit.start)
        if hit.sub_type != trigger.sub_type or not hit.strong or lead is None:
            continue
        if lead[0] >= sentence[1] and not _headline(article, lead):
            sides = actors_near(article, lead, (hit.start, hit.end), rules)
            return next((a for a in sides if a is not None and a.actor != actor1.actor), None)
    return None


def _headline(article: Article, sentence: Span) -> bool:
    """Whether a sentence is the article's headline: its title, or a first line with no stop."""
    words = article.text[sentence[0] : sentence[1]].strip()
    title = (article.title or "").strip()
    return bool(title) and words == title


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


def _attacker_first(
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


def _set_actors(
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
