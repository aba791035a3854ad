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
from functools import cached_property, lru_cache
from typing import Protocol

from ..gazetteer.normalize import normalize
from ..geodesy import haversine_km
from .country import CountryVote, less
from .rules import PlaceRules, default_rules

# Population that saturates the prior: about the largest cities (log10 of 10 million = 7).
POPULATION_SATURATION_LOG10 = 7.0


class CandidateLike(Protocol):
    """What resolution reads of a gazetteer candidate (``conflictwire.gazetteer.Candidate``)."""

    @property
    def geonameid(self) -> int: ...
    @property
    def name(self) -> str: ...
    @property
    def feature(self) -> str: ...
    @property
    def country_code(self) -> str | None: ...
    @property
    def country(self) -> str | None: ...
    @property
    def admin1_code(self) -> str | None: ...
    @property
    def admin1(self) -> str | None: ...
    @property
    def admin2_code(self) -> str | None: ...
    @property
    def admin2(self) -> str | None: ...
    @property
    def latitude(self) -> float | None: ...
    @property
    def longitude(self) -> float | None: ...
    @property
    def population(self) -> int: ...


@dataclass
class DocContext:
    """What the article says about where it is: the countries (``CountryVote``) and admin1
    units of its places.

    Each name votes once per mention; a mention is scored against the votes of the *other*
    names (``for_key``), so an ambiguous name cannot confirm its own first guess. Names that
    are admin1 units themselves ("Ohio", "Homs province") vote twice for their unit.
    """

    vote: CountryVote = field(
        default_factory=lambda: CountryVote(default_rules().country_vote_in_context)
    )
    admin_votes: dict[str, Counter[tuple[str, str]]] = field(default_factory=dict)
    countries: Counter[str] = field(default_factory=Counter)
    admin1: Counter[tuple[str, str]] = field(default_factory=Counter)
    # Each name's context (``for_key``), made once; the admin1 votes of all names
    _keyed: dict[str, DocContext] = field(default_factory=dict, init=False, repr=False)
    _admin_total: Counter[tuple[str, str]] | None = field(default=None, init=False, repr=False)

    def add(self, key: str, candidate: CandidateLike) -> None:
        if not candidate.country_code:
            return
        self.vote.add(key, candidate.country_code, candidate.feature)
        if candidate.admin1_code and candidate.feature != "country":
            unit = (candidate.country_code, candidate.admin1_code)
            weight = 2 if candidate.feature == "admin1" else 1
            self.admin_votes.setdefault(key, Counter())[unit] += weight
        self._keyed.clear()
        self._admin_total = None

    def for_key(self, key: str) -> DocContext:
        """The context of the other names than ``key`` (made once per name)."""
        context = self._keyed.get(key)
        if context is None:
            countries = self.vote.counts(excluding=key)
            context = DocContext(self.vote, self.admin_votes, countries, self._admin1_less(key))
            self._keyed[key] = context
        return context

    def _admin1_less(self, key: str) -> Counter[tuple[str, str]]:
        """The admin1 votes of every name but ``key``: the total less the name's own (whole
        numbers, so the same as adding up the others, in time linear over all names)."""
        if self._admin_total is None:
            self._admin_total = Counter()
            for units in self.admin_votes.values():
                self._admin_total.update(units)
        return less(self._admin_total, self.admin_votes.get(key, Counter()))

    # The shares' denominators, added up once (``countries`` and ``admin1`` are not changed
    # once a share has been read).
    @cached_property
    def _countries_total(self) -> float:
        return sum(self.countries.values())

    @cached_property
    def _admin1_total(self) -> int:
        return sum(self.admin1.values())

    def country_share(self, code: str | None) -> float:
        total = self._countries_total
        return self.countries[code] / total if code and total else 0.0

    def admin1_share(self, code: str | None, admin1: str | None) -> float:
        total = self._admin1_total
        return self.admin1[(code, admin1)] / total if code and admin1 and total else 0.0


@lru_cache(maxsize=65536)
def own_key(name: str) -> str:
    return normalize(name)


def population_prior(population: int) -> float:
    return min(1.0, math.log10(max(population, 0) + 1) / POPULATION_SATURATION_LOG10)


def inside(candidate: CandidateLike, container: CandidateLike | None) -> bool:
    """Whether a candidate lies in a country or admin1 unit (``None``: no container stated)."""
    if container is None or candidate.geonameid == container.geonameid:
        return False
    if container.feature == "country":
        return candidate.country_code == container.country_code
    if container.feature == "admin1":
        return (candidate.country_code, candidate.admin1_code) == (
            container.country_code,
            container.admin1_code,
        )
    if container.feature == "admin2":
        return (candidate.country_code, candidate.admin1_code, candidate.admin2_code) == (
            container.country_code,
            container.admin1_code,
            container.admin2_code,
        )
    return False


@dataclass(frozen=True)
class Hints:
    """What the text says about one mention's position: the unit written after it ("Paris,
    Texas"), stated distances to other places ((lat, lon, km) for "70 km east of Palmyra"),
    and, for "Texas" itself, the unit reading that contains the name before it."""

    container: CandidateLike | None = None
    anchors: tuple[tuple[float, float, float], ...] = ()
    unit: CandidateLike | None = None  # this mention is written as the unit of the name before


def fits_distance(
    candidate: CandidateLike, anchors: Sequence[tuple[float, float, float]], rules: PlaceRules
) -> bool:
    """Whether the candidate lies about as far from an anchor as the text says."""
    if candidate.latitude is None or candidate.longitude is None:
        return False
    for lat, lon, km in anchors:
        measured = haversine_km(candidate.latitude, candidate.longitude, lat, lon)
        if abs(measured - km) <= max(rules.distance_tolerance * km, rules.distance_floor_km):
            return True
    return False


def score(
    candidate: CandidateLike,
    cue: str | None,
    context: DocContext,
    rules: PlaceRules,
    hints: Hints | None = None,
    written: str | None = None,
) -> float:
    """The candidate's score for a mention; ``written`` is the mention's key, which a candidate
    of that very name fits better than one known so only by an alternate name ("Galle" is
    Galle, not Halle)."""
    w = rules.weights
    hints = hints or Hints()
    total_container = w["container"] if inside(candidate, hints.container) else 0.0
    if hints.unit is not None and candidate.geonameid == hints.unit.geonameid:
        total_container += w["container"]
    if hints.anchors and fits_distance(candidate, hints.anchors, rules):
        total_container += w["distance_fit"]
    feature = candidate.feature
    population = candidate.population
    if feature in ("admin1", "admin2"):
        population = int(population * rules.admin_population_share)
    total = w["population"] * population_prior(population)
    total += w["doc_country"] * context.country_share(candidate.country_code)
    if feature != "country":
        total += w["doc_admin1"] * context.admin1_share(
            candidate.country_code, candidate.admin1_code
        )
    if cue == "admin":
        total += w["cue_fit"] if feature in ("admin1", "admin2") else w["cue_clash"]
    elif cue == "settlement":
        total += w["cue_fit"] if feature == "populated_place" else w["cue_clash"]
    elif feature == "country":
        total += w["country_name"]
    elif feature == "admin1":
        total += w["admin1_name"]
    elif feature == "admin2":
        total += w["bare_admin2"]
    if written is not None and own_key(candidate.name) == written:
        total += w["own_name"]
    return total + total_container


def rank(
    candidates: Sequence[CandidateLike],
    cue: str | None,
    context: DocContext,
    rules: PlaceRules,
    hints: Hints | None = None,
    written: str | None = None,
) -> list[tuple[float, CandidateLike]]:
    """Candidates with their scores, best first (ties: more populous, then lower id)."""
    scored = [(score(c, cue, context, rules, hints, written), c) for c in candidates]
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
