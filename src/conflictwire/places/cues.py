"""Stated distances and directions between places ("al-Sukhnah, 70 km east of Palmyra",
"Saptari district, south of Kathmandu").

``stated_distances`` is the one parser of distance phrases and ``measured_from`` the one rule for
the place a phrase measures from: the place stage uses them as resolution cues
(``distance_cues``: candidates of the first place that lie about that far from the second are
preferred) and to mark landmarks (``landmarks``, which the event stage ranks below the places
located from them); the claims stage checks them against the map.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache

from ..positions import Positions
from .detect import Mention
from .rules import PlaceRules
from .units import S

# How far after "of"/"from" the object's name may start: "the ancient city of Palmyra".
OBJECT_REACH = 40
# How far before the number the subject's name may end: "al-Sukhnah, only 55 km from".
SUBJECT_REACH = 120

# Compass words → bearing in degrees; "north-east", "north east" and "northeast" all match.
COMPASS = {
    "north": 0.0,
    "northeast": 45.0,
    "east": 90.0,
    "southeast": 135.0,
    "south": 180.0,
    "southwest": 225.0,
    "west": 270.0,
    "northwest": 315.0,
}


def compass_abbreviation(direction: str | None) -> str | None:
    """ "northeast" -> "NE"; None for no direction."""
    if direction not in COMPASS:
        return None
    return "".join(part[0].upper() for part in re.findall("north|south|east|west", direction))


# ", south of Kathmandu", ", just east of Kingston": a direction from a landmark, no distance.
DIRECTION_FROM = re.compile(
    r",\s+(?:just\s+|about\s+|some\s+)?(?:north|south|east|west)(?:-?(?:east|west))?\s+of\s+",
    re.IGNORECASE,
)
_DIRECTION = re.compile(r"\b(north|south)?[\s-]?(east|west)\b|\b(north|south)\b", re.IGNORECASE)


@dataclass(frozen=True)
class StatedDistance:
    """'70 kilometers east of': the number, its unit, the direction word, the phrase's span."""

    km: float
    number: float
    unit: str
    direction: str | None  # "east", "northeast", … or None
    start: int
    end: int  # just after "of"/"from"


@dataclass(frozen=True)
class DistanceCue:
    subject: int  # index of the mention the distance is stated for
    object: int  # index of the mention it is measured from
    km: float
    start: int  # the phrase in the text
    end: int


@cache
def _phrase(units: tuple[str, ...]) -> re.Pattern[str]:
    unit = "|".join(sorted((re.escape(u) for u in units), key=len, reverse=True))
    return re.compile(
        rf"(?P<num>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:[.,]\d+)?)\s*(?:-\s*)?(?P<unit>{unit})\b"
        rf"(?P<between>[^.;\n]{{0,30}}?)\b(?:of|from)\b",
        re.IGNORECASE,
    )


def stated_distances(text: str, units: Mapping[str, float]) -> Iterator[StatedDistance]:
    """Every "<number> <unit> [<direction>] of|from" phrase in ``text``; units in km."""
    for m in _phrase(tuple(units)).finditer(text):
        number = _number(m.group("num"))
        unit = m.group("unit").lower()
        direction = None
        found = _DIRECTION.search(m.group("between"))
        if found:
            direction = "".join(g for g in found.groups() if g).lower()
        yield StatedDistance(number * units[unit], number, unit, direction, m.start(), m.end())


def _number(written: str) -> float:
    """ "1,200" is twelve hundred; "2,5" (a decimal comma) is two and a half."""
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", written):
        return float(written.replace(",", ""))
    return float(written.replace(",", "."))


def measured_from(end: int, places: Positions[S]) -> int | None:
    """Index of the place a phrase ending at ``end`` ("70 km east of") measures from: the first
    that starts within ``OBJECT_REACH`` characters after it ("of the ancient city of Palmyra")."""
    return next(iter(places.where_start((end, end + OBJECT_REACH + 1))), None)


def landmarks(text: str, places: Sequence[S], units: Mapping[str, float]) -> set[int]:
    """Indices of the places a stated distance or direction measures from ("Adwar, 10 miles
    south of Tikrit": Tikrit; "Saptari district, south of Kathmandu": Kathmandu)."""
    ends = [phrase.end for phrase in stated_distances(text, units)]
    ends += [m.end() for m in DIRECTION_FROM.finditer(text)]
    near = Positions(places)
    found = (measured_from(end, near) for end in ends)
    return {i for i in found if i is not None}


def distance_cues(text: str, mentions: Sequence[Mention], rules: PlaceRules) -> list[DistanceCue]:
    cues = []
    near = Positions(mentions)
    for phrase in stated_distances(text, rules.distance_units):
        obj = measured_from(phrase.end, near)
        subj = next(
            (
                i
                for i in reversed(near.where_end(phrase.start - SUBJECT_REACH, phrase.start))
                if not re.search(r"[.!?]\s", text[mentions[i].end : phrase.start])
            ),
            None,
        )
        if obj is None or subj is None or mentions[obj].key == mentions[subj].key:
            continue
        cues.append(DistanceCue(subj, obj, phrase.km, phrase.start, phrase.end))
    return cues
