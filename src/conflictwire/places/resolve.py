"""Toponym resolution: rank a mention's gazetteer candidates with what the article says.

A candidate's score adds, with the weights of ``data/places/rules.yaml``: a log-scaled population
prior, the share of the article's resolved places that lie in its country, whether its admin1
unit is named, whether an admin/settlement cue fits its feature, and a preference for country
readings of country names.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from .rules import PlaceRules

# Population that saturates the prior: about the largest cities (log10 of 10 million = 7).
POPULATION_SATURATION_LOG10 = 7.0


class CandidateLike(Protocol):
    geonameid: int
    name: str
    feature: str
    country_code: str | None
    admin1_code: str | None
    population: int


@dataclass
class DocContext:
    """What the article says about where it is: countries and admin1 units named in it.

    Each name votes once per mention; a mention is scored against the votes of the *other*
    names (``for_key``), so an ambiguous name cannot confirm its own first guess.
    """

    votes: dict[str, Counter[str]] = field(default_factory=dict)
    admin1: set[tuple[str, str]] = field(default_factory=set)
    countries: Counter[str] = field(default_factory=Counter)

    def add(self, key: str, candidate: CandidateLike) -> None:
        if candidate.country_code:
            self.votes.setdefault(key, Counter())[candidate.country_code] += 1
        if candidate.feature == "admin1" and candidate.country_code and candidate.admin1_code:
            self.admin1.add((candidate.country_code, candidate.admin1_code))

    def for_key(self, key: str) -> DocContext:
        countries: Counter[str] = Counter()
        for other, counts in self.votes.items():
            if other != key:
                countries.update(counts)
        return DocContext(self.votes, self.admin1, countries)

    def country_share(self, code: str | None) -> float:
        total = sum(self.countries.values())
        return self.countries[code] / total if code and total else 0.0


def population_prior(population: int) -> float:
    return min(1.0, math.log10(max(population, 0) + 1) / POPULATION_SATURATION_LOG10)


def score(
    candidate: CandidateLike, cue: str | None, context: DocContext, rules: PlaceRules
) -> float:
    w = rules.weights
    total = w["population"] * population_prior(candidate.population)
    total += w["doc_country"] * context.country_share(candidate.country_code)
    if (candidate.country_code, candidate.admin1_code) in context.admin1:
        total += w["doc_admin1"]
    feature = candidate.feature
    if cue == "admin":
        total += w["cue_fit"] if feature in ("admin1", "admin2") else w["cue_clash"]
    elif cue == "settlement":
        total += w["cue_fit"] if feature == "populated_place" else w["cue_clash"]
    elif feature == "country":
        total += w["country_name"]
    elif feature == "admin1":
        total += w["admin1_name"]
    return total


def rank(
    candidates: Sequence[CandidateLike], cue: str | None, context: DocContext, rules: PlaceRules
) -> list[tuple[float, CandidateLike]]:
    """Candidates with their scores, best first (ties: more populous, then lower id)."""
    scored = [(score(c, cue, context, rules), c) for c in candidates]
    scored.sort(key=lambda sc: (-sc[0], -sc[1].population, sc[1].geonameid))
    return scored


def confidence(ranked: Sequence[tuple[float, CandidateLike]]) -> float:
    """0-1: how clearly the best candidate beats the runner-up."""
    if not ranked:
        return 0.0
    best = max(ranked[0][0], 1e-6)
    if len(ranked) == 1:
        return round(min(1.0, 0.5 + best / 2), 3)
    runner_up = max(ranked[1][0], 0.0)
    return round(best / (best + runner_up), 3)
