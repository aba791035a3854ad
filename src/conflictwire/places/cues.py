"""Stated distances between places ("al-Sukhnah, 70 km east of Palmyra") as resolution cues.

A phrase "<number> <unit> [<direction>] of|from <place>" ties the place mentioned just before
it (in the same sentence) to the place it names; candidates of the first that lie about that
far from the second are preferred.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from .detect import Mention
from .rules import PlaceRules

# How far after "of"/"from" the object's name may start: "the ancient city of Palmyra".
OBJECT_REACH = 40
# How far before the number the subject's name may end: "al-Sukhnah, only 55 km from".
SUBJECT_REACH = 120


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
        rf"(?P<num>\d+(?:[.,]\d+)?)\s*(?:-\s*)?(?P<unit>{unit})\b[^.;\n]{{0,30}}?\b(?:of|from)\b",
        re.IGNORECASE,
    )


def distance_cues(text: str, mentions: Sequence[Mention], rules: PlaceRules) -> list[DistanceCue]:
    cues = []
    for m in _phrase(tuple(rules.distance_units)).finditer(text):
        obj = next(
            (i for i, x in enumerate(mentions) if m.end() <= x.start <= m.end() + OBJECT_REACH),
            None,
        )
        subj = next(
            (
                i
                for i in range(len(mentions) - 1, -1, -1)
                if m.start() - SUBJECT_REACH <= mentions[i].end <= m.start()
                and not re.search(r"[.!?]\s", text[mentions[i].end : m.start()])
            ),
            None,
        )
        if obj is None or subj is None or mentions[obj].key == mentions[subj].key:
            continue
        km = float(m.group("num").replace(",", ".")) * rules.distance_units[m.group("unit").lower()]
        cues.append(DistanceCue(subj, obj, km, m.start(), m.end()))
    return cues
