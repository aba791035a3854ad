"""Places written inside other names or as reference points: a body's or site's name
("Periyar University", "Hong Lim Park", "the Islamic State of Iraq and Al-Sham"), a road named
after towns, a numbered operation, a union's acronym, a march's start (landmarks a distance
is measured from: ``cues``). Read once per article for ``written``; the event stage ranks such
places below the places they stand beside."""

from __future__ import annotations

import re

from ..models import Place
from .rules import default_rules
from .units import PAREN_REACH, open_parenthesis


def names_a_body(text: str, place: Place) -> bool:
    """Whether the place names an organisation or building: "Periyar University", "Fargo
    Police" - the event is where the body is only as a last resort."""
    following = text[place.end : place.end + 30].split()
    word = following[0].strip(",.;:()") if following else ""
    if word.lower() in default_rules().building_words:  # "Tolbiac university", "Kabul prison"
        return True
    if word in ("People's", "People\u2019s"):  # "the Luhansk People's Militia"
        return True
    if OPERATION.match(text, place.end) or _among_acronyms(text, place):
        return True
    if BODY_OF.search(text, max(0, place.start - 60), place.start):
        return True  # "the Environmental Initiative of Magnesia", "the Islamic State of Iraq"
    return word[:1].isupper() and word.lower() in default_rules().org_suffixes


# A body's name that ends in "of" a place: the place is part of the name ("the Islamic State of
# Iraq and Al-Sham": both).
BODY_OF = re.compile(
    r"\b(?:Initiative|Committee|Council|Association|Federation|Front|Movement|Party|Alliance|"
    r"Coalition|Union|Mothers|Friends)\s+(?:of|for)\s+(?:the\s+)?"
    r"(?:[A-Z][\w'\u2019-]*\s+and\s+)?$"
    r"|\bIslamic\s+State\s+(?:of|in)\s+(?:[A-Z][\w'\u2019-]*\s+and\s+)?$"
)
# An institution named after the place it stands in: "the Louisiana State University of
# Alexandria" is in Alexandria, which is the event's place only where no other is named.
INSTITUTION_OF = re.compile(
    r"\b(?:Church|Bank|University|Ministry|Chamber|Bar|Diocese)\s+(?:of|for)\s+(?:the\s+)?$"
)
# "operation 'Eren-Blockade-12'", "the Eren-23 operations": a name numbered, not a place.
OPERATION = re.compile(r"-[\w-]*\d[\w-]*(?:['\u2019]|\s+(?:\w+\s+)?operations?\b)")


def _among_acronyms(text: str, place: Place) -> bool:
    """Whether the place is one of a list of organisations' acronyms in parentheses: "(CGT,
    FO, Sud, FSU)" - the union Sud, not a province."""
    opened = open_parenthesis(text, place.start)
    closed = text.find(")", place.end, place.end + PAREN_REACH)
    if opened is None or closed < 0:
        return False
    items = [item.strip() for item in text[opened + 1 : closed].split(",")]
    return sum(len(item) > 1 and item.isupper() for item in items) >= 2


# "the Sanliurfa-Akcakale highway", "Colombo - Horana main road", "Savanna road": a road named
# after its ends or a place; the event is on the road, not in those places.
ROAD_NAME = re.compile(
    r"(?:\s*[-\u2013]\s*[A-Z][\w'\u2019.-]*(?:\s+[A-Z][\w'\u2019.-]*)*)*"
    r"\s+(?:(?:main|city|national|ring|coastal|international)\s+)?"
    r"(?:road|highway|motorway|expressway|freeway)\b",
    re.IGNORECASE,
)


def names_a_road(text: str, place: Place) -> bool:
    """Whether the place is written as a road's name: one of the ends ("the Puebla-Tehuacan
    highway": both) or the road's own name ("along Savanna road")."""
    return ROAD_NAME.match(text, place.end) is not None


# "Hong Lim Park", "the Victor-Hugo high school", "Nassau Hall": a site named after a place or
# person, where the event is, in the place written with it.
SITE_NAME = re.compile(
    r"(?:[\s-]+[A-Z][\w'\u2019.]*){0,3}\s+(?:high\s+)?(?:park|hall|school|centre|center|"
    r"station|market|lane|square|penitentiary|stadium|camp\s+site)\b",
    re.IGNORECASE,
)


def names_a_site(text: str, place: Place) -> bool:
    """Whether the place is part of a site's or an institution's name: "Hong Lim Park", "the
    Louisiana State University of Alexandria"."""
    return SITE_NAME.match(text, place.end) is not None or bool(
        INSTITUTION_OF.search(text, max(0, place.start - 40), place.start)
    )


# "a motorcade from Kaufbeuren to Kempten", "a caravan from Villena until Alicante": a march's
# start, where ACLED codes the end.
MARCH_START = re.compile(r"\s+(?:to|until|towards|toward)\s+(?:the\s+)?[A-Z]")


def march_start(text: str, place: Place) -> bool:
    return text[max(0, place.start - 5) : place.start].lower().endswith("from ") and bool(
        MARCH_START.match(text, place.end)
    )
