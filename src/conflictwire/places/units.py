"""Places written as the units of others: "X (Y, Z)", "X, Y", "X town (Y)", "X district of Y",
"X district in Y", "Y's X" - read once per article, after resolution, for ``written``.

Every function takes the article's text and its places in text order (``Neighbours``), never
the raw text alone: a unit is a resolved place written in such a position.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from typing import Generic, TypeVar

from ..models import Place
from ..positions import Spanned
from .rules import default_rules
from .words import place_words

# Features whose place is a region, which can be the unit of a place written before it.
REGION_FEATURES = frozenset({"country", "admin1", "admin2", "region", "continent", "demonym"})
PAREN_REACH = 60  # how far back an open parenthesis still encloses a place


def open_parenthesis(text: str, start: int, reach: int = PAREN_REACH) -> int | None:
    """Where the parenthesis that encloses ``start`` opens, within ``reach`` characters back
    and not closed before ``start``; None outside one."""
    opened = text.rfind("(", max(0, start - reach), start)
    if opened < 0 or ")" in text[opened:start]:
        return None
    return opened


S = TypeVar("S", bound=Spanned)


class Neighbours(Generic[S]):
    """An article's places (or name mentions) in text order, looked up by where they start and
    end."""

    def __init__(self, places: Sequence[S]) -> None:
        self.places = sorted(places, key=lambda p: p.start)
        self.starts = [p.start for p in self.places]
        self.by_end = sorted(self.places, key=lambda p: p.end)
        self.ends = [p.end for p in self.by_end]

    def starting(self, lo: int, hi: int) -> list[S]:
        """The places that start in ``[lo, hi]``, in text order."""
        return self.places[bisect_left(self.starts, lo) : bisect_right(self.starts, hi)]

    def ending(self, lo: int, hi: int) -> list[S]:
        """The places that end in ``[lo, hi]``."""
        return self.by_end[bisect_left(self.ends, lo) : bisect_right(self.ends, hi)]


def contains(outer: Place, inner: Place) -> bool:
    """Whether ``outer`` can be the unit of ``inner``: a region, its admin unit by name, or the
    district named after it ("Kandy (Kandy, Central)")."""
    if outer.feature in REGION_FEATURES:
        return True
    if outer.geonameid is not None and outer.geonameid == inner.geonameid:
        return True
    return bool(outer.name) and outer.name in (inner.admin1, inner.admin2)


# "Oktyabr district in Bishkek city", "Gaviao located in Vila Nova de Famalicao": the unit
# after "in".
UNIT_IN = re.compile(rf"\s+(?:{place_words().pattern('unit_in')}|located)\s+in\s+", re.IGNORECASE)
# A word of the name the index does not hold: "Kanker Khera (Mawana, ...)" qualifies Kanker's
# reading too.
NAME_TAIL = re.compile(r" [A-Z][a-z]+(?= \()")
QUALIFIER_GAP = 2  # characters a qualifying unit may start after the "(" or ","


def qualifiers(text: str, near: Neighbours[S], place: S) -> list[S]:
    """The places written right after a place as its units: "X (Y, Z)", "X town (Y)", "X, Y",
    "X district in Y" (a unit word between: ``unit_words.yaml``'s qualifiers). The one reader of
    such units: before resolution over name mentions, after it over places."""
    tail = NAME_TAIL.match(text, place.end)
    found = default_rules().qualifier.match(text, tail.end() if tail else place.end)
    found = found or UNIT_IN.match(text, place.end)
    if found is None:
        return []
    first = found.end()
    closing = text.find(")", first) if "(" in found.group() else -1
    end = closing if closing >= 0 else first + QUALIFIER_GAP
    return [p for p in near.starting(first, max(end, first + 1)) if p is not place]


def is_container(text: str, near: Neighbours[Place], place: Place) -> bool:
    """Whether the place is written as the unit of the place before it: "X (Y, Z)", "X, Y",
    "X countryside, Y"."""
    before = text[max(0, place.start - 3) : place.start].rstrip()
    if not before.endswith(("(", ",")):
        return False
    return any(
        place in qualifiers(text, near, p) and contains(place, p)
        for p in near.ending(place.start - 20, place.start - 1)
        if p is not place
    )


UNIT_WORD_CHARS = 12  # "Talhar town (", "Loikaw township (": a place just before the parenthesis


def in_parentheses(text: str, near: Neighbours[Place], place: Place) -> bool:
    """Whether the place is inside parentheses: "Talhar town (Badin, Sindh)" gives units there."""
    opened = open_parenthesis(text, place.start)
    if opened is None or "coded" in text[opened : place.start]:
        return False
    return any(p is not place for p in near.ending(opened - UNIT_WORD_CHARS, opened))


def unit_rank(text: str, place: Place) -> int:
    """The place's position in a list of units in parentheses, the first the smallest: in
    "(Kutkai township, Muse district, Shan-North state)" Kutkai 0, Muse 1; 0 outside one."""
    opened = open_parenthesis(text, place.start)
    return 0 if opened is None else text[opened : place.start].count(",")


# "Mogadishu's Huriwaa district", "Baghdad's northern neighborhood of Qahira", "the central
# Gaza town of Deir al-Balah": the possessor (or the name before "town of") contains the place
# after it.
POSSESSIVE = re.compile(r"['\u2019]s\s+(?:[a-z-]+\s+){0,3}(?:of\s+)?")
# ... after "the" only: in "Kani Masi town of Duhok" (ACLED's notes) the town comes first.
SETTLEMENT_OF = re.compile(
    r"\s+(?:[a-z-]+\s+)?(?:town|city|village|camp|suburb|neighbou?rhood|district)\s+of\s+"
)
THE_BEFORE = re.compile(r"\bthe\s+(?:[a-z-]+\s+){0,2}$")


def owns_a_place(text: str, near: Neighbours[Place], place: Place) -> bool:
    found = POSSESSIVE.match(text, place.end)
    if found is None and THE_BEFORE.search(text, max(0, place.start - 40), place.start):
        found = SETTLEMENT_OF.match(text, place.end)
    return found is not None and bool(near.starting(found.end(), found.end()))


# "Zap region (Al Amadiya district) of Duhok", "the Achin district of Nangarhar": the place
# after "of" is the unit of the district before it.
UNIT_OF = re.compile(
    rf"\s(?:{place_words().pattern('unit_of')})\)?"
    r"\s+(?:of|in)\s+(?:the\s+)?(?:(?:north|south|east|west|central)\w*\s+)?$",
    re.IGNORECASE,
)


def unit_of(text: str, near: Neighbours[Place], place: Place) -> bool:
    """Whether the place follows "district of" right after another place, as its unit."""
    found = UNIT_OF.search(text, max(0, place.start - 40), place.start)
    if found is None:
        return False
    return any(p is not place for p in near.ending(found.start() - 2, found.start()))


def same_province(unit: Place, place: Place) -> bool:
    """Whether the unit is the place's province or lies in it, or the province was carved out
    of the unit and keeps its name ("Sorong city (West Papua province)": GeoNames has Sorong in
    Papua Barat Daya, split from Papua Barat in 2022)."""
    province = place.admin1 or ""
    if unit.admin1 == province or unit.name == province:
        return True
    return unit.feature == "admin1" and province.startswith(f"{unit.name} ")
