"""How each place is written, read once at the end of the place stage and kept on the NLP view
(``NlpView.place_forms``, not in the record): the units written after it, what it is written as
(a unit, a piece of another name, a landmark, a dateline's place), so that later stages rank
places by it instead of re-reading the text.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..models import Article, Place
from ..view import PlaceForm
from .country import article_votes
from .cues import landmarks
from .names import march_start, names_a_body, names_a_road, names_a_site
from .resolve import own_key
from .rules import default_rules
from .units import (
    Neighbours,
    contains,
    in_parentheses,
    is_container,
    owns_a_place,
    qualifiers,
    unit_of,
    unit_rank,
)
from .words import place_words

# "DAMASCUS, Oct 22 (Wire) -", "BANGKOK (Wire) -": a dateline at the start of a line; its date
# is the report's, its place where the report was filed.
DATELINE = re.compile(
    r"^[A-Z][A-Z .'-]+(?:,[^\n]{0,60}?)?\s*\([^)\n]{1,40}\)\s*[-\u2013\u2014]", re.M
)
# "Seoul City - Yeongdeungpo", "La Plata - Tolosa": a city and, after a spaced dash, its
# district, as monitors write a place inside a city; not "the Baghdad - Kut (city) road".
CITY_DISTRICT = re.compile(r"(?: City)? [-\u2013] [A-Z][\w'\u2019.]*(?: [A-Z][\w'\u2019.]*)*")
# "a village in Deir ez Zor countryside": the land around a province's towns.
COUNTRYSIDE = re.compile(r"\s+(?:countryside|rural areas?)\b", re.IGNORECASE)
# A unit word after a place: the report names the area around it ("Kunduz district").
AREA_WORDS = place_words().role("area")


def with_place_forms(article: Article) -> Article:
    """The article with its NLP view holding how each of its places is written, and the
    article's country vote (which leaves out places read inside other names)."""
    if article.nlp is None:
        return article
    forms = place_forms(article.text, article.places)
    votes = article_votes(article.places, forms)
    view = replace(article.nlp, place_forms=forms, country_votes=votes)
    if "index" in article.nlp.__dict__:  # the token index depends on the tokens alone
        view.__dict__["index"] = article.nlp.index
    return replace(article, nlp=view)


def place_forms(text: str, places: list[Place]) -> dict[tuple[int, int], PlaceForm]:
    near = Neighbours(places)
    anchors = {
        id(near.places[i]) for i in landmarks(text, near.places, default_rules().distance_units)
    }
    forms = {}
    for place in places:
        units = qualifiers(text, near, place)
        body, site = names_a_body(text, place), names_a_site(text, place)
        road = names_a_road(text, place)
        forms[(place.start, place.end)] = PlaceForm(
            units=tuple((u.start, u.end) for u in units),
            qualified=any(contains(u, place) for u in units),
            container=is_container(text, near, place),
            in_parentheses=in_parentheses(text, near, place),
            unit_rank=unit_rank(text, place),
            unit_of=unit_of(text, near, place),
            owner=owns_a_place(text, near, place),
            with_district=CITY_DISTRICT.match(text, place.end) is not None and not road,
            body=body,
            site=site,
            road=road,
            anchor=id(place) in anchors,
            route_start=march_start(text, place),
            dateline=_in_dateline(text, place),
            whole_name=_whole_name(text, place),
            area=_area_after(text, place),
            countryside=COUNTRYSIDE.match(text, place.end) is not None,
        )
    return forms


def _in_dateline(text: str, place: Place) -> bool:
    """Whether the place is a dateline's ("TRIPOLI, Aug 16 (Wire) -")."""
    line_start = text.rfind("\n", 0, place.start) + 1
    found = DATELINE.match(text, line_start)
    return found is not None and place.start < found.end()


def _whole_name(text: str, place: Place) -> bool:
    """Whether the mention is a name of its own and its reading has that very name: not a piece
    of a longer one ("Nawa-i-Barikzayi", "Qori Chai") nor read by an alternate name."""
    before = text[max(0, place.start - 30) : place.start].split()
    after = text[place.end : place.end + 30]
    if before and (before[-1][:1].isupper() or before[-1].endswith("-")):
        return False
    if after[:1] == "-" or after.split()[:1] and after.split()[0][:1].isupper():
        return False
    return own_key(place.name or "") == own_key(place.mention)


def _area_after(text: str, place: Place) -> bool:
    after = text[place.end : place.end + 20].lower().split()
    return bool(after) and after[0].strip(",.;:()") in AREA_WORDS
