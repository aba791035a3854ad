"""Places the gazetteer does not list ("the village of Mahin", "Zamzam camp").

spaCy names them (GPE/LOC) but no index entry matches. They are located by the unit the text
puts them in: the nearest resolved place after them in the sentence ("Mahin, a village near
Homs"), else before them, else the article's most-named admin1 unit or country. The Place
keeps the mention's span, takes the containing unit's id, name and point, and has
``feature = "unlisted"``, so downstream code knows the point is the unit's (ACLED's geo-precision
2). With a full GeoNames dump imported, such villages are matched directly instead.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from ..models import Place
from ..positions import Positions
from ..view import Entity, NlpView

UNLISTED = "unlisted"
UNLISTED_SCORE = 0.3  # the point is the unit's, not the place's
NAME_LABELS = ("GPE", "LOC")


def unlisted_places(text: str, view: NlpView, places: Sequence[Place]) -> list[Place]:
    found = []
    named = Positions(places)
    located = Positions([p for p in places if p.geonameid is not None and p.feature != "demonym"])
    focus: list[Place | None] = []  # the article's focus, once needed
    for ent in view.entities:
        if ent.label not in NAME_LABELS or not ent.text[:1].isupper():
            continue
        if named.overlapping(ent.start, ent.end):
            continue
        unit = _containing_unit(ent, view, located)
        if unit is None and located.items:
            focus = focus or [_focus(located.items)]
            unit = focus[0]
        if unit is not None:
            found.append(_located(text, ent, unit))
    return found


def _containing_unit(ent: Entity, view: NlpView, located: Positions[Place]) -> Place | None:
    """The resolved place after the name in its sentence, else the one before it."""
    sentence = view.sentence_of(ent.start) or (ent.start, ent.end)
    same = located.starting_in(sentence)
    after = [p for p in same if p.start >= ent.end and p.feature != UNLISTED]
    if after:
        return after[0]
    before = [p for p in same if p.end <= ent.start]
    if before:
        return before[-1]
    return None


def _focus(places: Sequence[Place]) -> Place | None:
    """The article's most-named admin1 unit, else its most-named country."""
    for feature in ("admin1", "country"):
        counts = Counter(p.geonameid for p in places if p.feature == feature)
        if counts:
            best = counts.most_common(1)[0][0]
            return next(p for p in places if p.geonameid == best)
    return None


def _located(text: str, ent: Entity, unit: Place) -> Place:
    return replace(
        unit,
        start=ent.start,
        end=ent.end,
        mention=text[ent.start : ent.end],
        feature=UNLISTED,
        score=UNLISTED_SCORE,
    )
