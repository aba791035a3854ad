"""Places written as the units of other places: "X (Y, Z)", "X, Y", "X district of Y",
"Y's X", "X neighborhood in Y", and the namesake tests that read them. ``location.place_rank``
ranks a unit below the place it qualifies."""

from __future__ import annotations

import re

from ..models import Article, Place
from ..places.words import place_words
from .place_names import PAREN_CHARS

# Features whose place is a region, which can be the unit of a place written before it.
REGION_FEATURES = {"country", "admin1", "admin2", "region", "continent", "demonym"}


def is_container(article: Article, place: Place) -> bool:
    """Whether the place is written as the unit of the place before it: "X (Y, Z)", "X, Y",
    "X countryside, Y"."""
    before = article.text[max(0, place.start - 3) : place.start].rstrip()
    if not before.endswith(("(", ",")):
        return False
    return any(
        0 < place.start - p.end <= 20 and place in qualifiers(article, p) and contains(place, p)
        for p in article.places
        if p is not place
    )


def contains(outer: Place, inner: Place) -> bool:
    """Whether ``outer`` can be the unit of ``inner``: a region, its admin unit by name, or the
    district named after it ("Kandy (Kandy, Central)")."""
    if outer.feature in REGION_FEATURES:
        return True
    if outer.geonameid is not None and outer.geonameid == inner.geonameid:
        return True
    return bool(outer.name) and outer.name in (inner.admin1, inner.admin2)


UNIT_WORD_CHARS = 12  # "Talhar town (", "Loikaw township (": a place just before the parenthesis


def in_parentheses(article: Article, place: Place) -> bool:
    """Whether the place is inside parentheses: "Talhar town (Badin, Sindh)" gives units there."""
    before = article.text[max(0, place.start - PAREN_CHARS) : place.start]
    opened = before.rfind("(")
    if opened < 0 or ")" in before[opened:] or "coded" in before[opened:]:
        return False
    at = place.start - len(before) + opened
    return any(0 <= at - p.end <= UNIT_WORD_CHARS for p in article.places if p is not place)


# "Mogadishu's Huriwaa district", "Baghdad's northern neighborhood of Qahira": the possessor
# contains the place after it.
POSSESSIVE = re.compile(r"['\u2019]s\s+(?:[a-z-]+\s+){0,3}(?:of\s+)?")


def owns_a_place(article: Article, place: Place) -> bool:
    found = POSSESSIVE.match(article.text, place.end)
    return found is not None and any(p.start == found.end() for p in article.places)


def unit_rank(text: str, place: Place) -> int:
    """The place's position in a list of units in parentheses, the first the smallest: in
    "(Kutkai township, Muse district, Shan-North state)" Kutkai 0, Muse 1; 0 outside one."""
    before = text[max(0, place.start - PAREN_CHARS) : place.start]
    opened = before.rfind("(")
    if opened < 0 or ")" in before[opened:]:
        return 0
    return before[opened:].count(",")


# "Oktyabr district in Bishkek city", "Gaviao located in Vila Nova de Famalicao": the unit
# after "in".
UNIT_IN = re.compile(rf"\s+(?:{place_words().pattern('unit_in')}|located)\s+in\s+", re.IGNORECASE)
# A word of the name the index does not hold: "Kanker Khera (Mawana, ...)" qualifies Kanker's
# reading too.
NAME_TAIL = re.compile(r" [A-Z][a-z]+(?= \()")
# "Zap region (Al Amadiya district) of Duhok", "the Achin district of Nangarhar": the place
# after "of" is the unit of the district before it.
UNIT_OF = re.compile(
    rf"\s(?:{place_words().pattern('unit_of')})\)?"
    r"\s+(?:of|in)\s+(?:the\s+)?(?:(?:north|south|east|west|central)\w*\s+)?$",
    re.IGNORECASE,
)


def unit_of(article: Article, place: Place) -> bool:
    """Whether the place follows "district of" right after another place, as its unit."""
    found = UNIT_OF.search(article.text, max(0, place.start - 40), place.start)
    return found is not None and any(
        0 <= found.start() - p.end <= 2 for p in article.places if p is not place
    )


QUALIFIER_GAP = 2  # characters a qualifying unit may start after the "(" or ","


def qualifiers(article: Article, place: Place) -> list[Place]:
    """The places written right after a place as its units: "X (Y, Z)", "X town (Y)", "X, Y"
    (the unit words are the place stage's)."""
    from ..places.rules import default_rules

    tail = NAME_TAIL.match(article.text, place.end)
    found = default_rules().qualifier.match(article.text, tail.end() if tail else place.end)
    found = found or UNIT_IN.match(article.text, place.end)
    if found is None:
        return []
    first = found.end()
    closing = article.text.find(")", first) if "(" in found.group() else -1
    end = closing if closing >= 0 else first + QUALIFIER_GAP
    return [p for p in article.places if p is not place and first <= p.start <= max(end, first + 1)]


def is_qualified(article: Article, place: Place) -> bool:
    """Whether a unit containing the place follows it: "Ann Arbor (Michigan)", "Ensenada, Baja
    California", "Caruaru municipality (Pernambuco)"."""
    return any(contains(p, place) for p in qualifiers(article, place))


def same_province(unit: Place, place: Place) -> bool:
    """Whether the unit is the place's province or lies in it, or the province was carved out
    of the unit and keeps its name ("Sorong city (West Papua province)": GeoNames has Sorong in
    Papua Barat Daya, split from Papua Barat in 2022)."""
    province = place.admin1 or ""
    if unit.admin1 == province or unit.name == province:
        return True
    return unit.feature == "admin1" and province.startswith(f"{unit.name} ")
