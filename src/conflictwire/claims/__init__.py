"""The claims stage: checkable statements (distances, populations, counts, durations).

Distances between two places are checked against the gazetteer (``distance``); populations,
counts and durations are captured with their value, unit and date (``quantities``).
"""

from __future__ import annotations

from dataclasses import replace

from ..models import Article
from ..places.rules import default_rules
from ..positions import Positions
from .distance import distance_claims
from .quantities import quantity_claims
from .rules import ClaimRules, claim_rules

__all__ = ["find_claims"]


def find_claims(article: Article, rules: ClaimRules | None = None) -> Article:
    """Return the article with ``claims`` filled from its text and resolved places."""
    rules = rules or claim_rules()
    units = default_rules().distance_units
    claims = distance_claims(article.text, article.places, units, rules)
    taken = Positions(list(claims))
    # A distance's reference place ("east of Sanaa") is not what later figures are about.
    places = Positions(article.places)
    inside = set(places.where_start(*((c.start, c.end) for c in claims)))
    subjects = [p for i, p in enumerate(article.places) if i not in inside]
    for claim in quantity_claims(article.text, subjects, article.published, rules):
        if not taken.overlapping(claim.start, claim.end):
            claims.append(claim)
    claims.sort(key=lambda c: c.start)
    return replace(article, claims=claims)
