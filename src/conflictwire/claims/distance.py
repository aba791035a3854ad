"""Stated distances between two places, checked against the gazetteer's coordinates.

"al-Sukhnah … 70 kilometers east of the ancient city of Palmyra": the phrase is read by the
place stage's parser (``places.cues.stated_distances``); the subject is the place being located
(the last point-like place before the phrase in its sentence, else in its paragraph, that is
not itself the reference of another stated distance), the object the place right after
"of"/"from". The great-circle distance and the bearing from object to subject are compared
with the text (tolerances in ``data/claims/claims.yaml``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from ..geodesy import bearing_deg, haversine_km
from ..models import Claim, Place
from ..places.cues import (
    COMPASS,
    StatedDistance,
    compass_abbreviation,
    measured_from,
    stated_distances,
)
from ..positions import Positions
from .rules import ClaimRules

_SENTENCE_BREAK = re.compile(r"[.!?]\s")
PARAGRAPH_REACH = 400  # how far back a subject outside the phrase's sentence may be


def distance_claims(
    text: str, places: Sequence[Place], units: Mapping[str, float], rules: ClaimRules
) -> list[Claim]:
    phrases = list(stated_distances(text, units))
    near = Positions(places)
    objects = [_object(p, near) for p in phrases]
    taken = {id(o) for o in objects if o is not None}
    claims = []
    for phrase, obj in zip(phrases, objects, strict=True):
        if obj is None:
            continue
        subject = _subject(text, phrase, near, obj, taken)
        claims.append(_claim(text, phrase, subject, obj, rules))
    return claims


def _object(phrase: StatedDistance, places: Positions[Place]) -> Place | None:
    found = measured_from(phrase.end, places)
    return places.items[found] if found is not None else None


def _subject(
    text: str, phrase: StatedDistance, places: Positions[Place], obj: Place, taken: set[int]
) -> Place | None:
    # (a line break further back than any place it reads is as good as none)
    reach = max(0, phrase.start - PARAGRAPH_REACH - places.longest)
    paragraph_start = text.rfind("\n", reach, phrase.start) + 1
    before = [
        p
        for p in places.ending_in(phrase.start - PARAGRAPH_REACH, phrase.start)
        if paragraph_start <= p.start and id(p) not in taken and p.geonameid != obj.geonameid
    ]
    before = [p for p in before if p.feature != "demonym"]
    in_sentence = [p for p in before if not _SENTENCE_BREAK.search(text, p.end, phrase.start)]
    for group in (in_sentence, before):
        points = [p for p in group if p.feature not in ("country", "admin1", "admin2")]
        if points:
            return points[-1]
        if group is in_sentence and group:
            return group[-1]
    return None


def _claim(
    text: str, phrase: StatedDistance, subject: Place | None, obj: Place, rules: ClaimRules
) -> Claim:
    claim = Claim(
        kind="distance",
        text=text[phrase.start : obj.end],
        start=phrase.start,
        end=obj.end,
        subject=subject.name if subject else None,
        object=obj.name,
        stated_km=round(phrase.km, 1),
        stated_bearing=compass_abbreviation(phrase.direction),
        verdict="unverifiable",
    )
    if subject is None or not _checkable(text, phrase, subject, obj, rules):
        return claim
    assert subject.latitude is not None and subject.longitude is not None
    assert obj.latitude is not None and obj.longitude is not None
    km = haversine_km(obj.latitude, obj.longitude, subject.latitude, subject.longitude)
    bearing = bearing_deg(obj.latitude, obj.longitude, subject.latitude, subject.longitude)
    claim.measured_km, claim.measured_bearing = round(km, 1), round(bearing)
    fits = abs(km - phrase.km) <= max(rules.relative * phrase.km, rules.absolute_km)
    if phrase.direction is not None:
        off = abs((bearing - COMPASS[phrase.direction] + 180) % 360 - 180)
        fits = fits and off <= rules.max_bearing_deg
    claim.verdict = "consistent" if fits else "inconsistent"
    return claim


def _checkable(
    text: str, phrase: StatedDistance, subject: Place, obj: Place, rules: ClaimRules
) -> bool:
    """Both places resolved to points, and the reference is the place, not its border."""
    for place in (subject, obj):
        if place.latitude is None or place.longitude is None or place.geonameid is None:
            return False
        if place.feature in rules.area_features:
            return False
    between = text[phrase.end : obj.start].lower()
    return not any(re.search(rf"\b{re.escape(w)}\b", between) for w in rules.boundary_words)
