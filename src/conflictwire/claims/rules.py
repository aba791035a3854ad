"""The claims stage's rules, read from ``data/claims/claims.yaml`` (which names its source)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml


@dataclass(frozen=True)
class ClaimRules:
    relative: float
    absolute_km: float
    max_bearing_deg: float
    area_features: frozenset[str]
    boundary_words: tuple[str, ...]
    approximators: tuple[str, ...]
    number_words: dict[str, int]
    multipliers: dict[str, int]
    population_nouns: tuple[str, ...]
    population_leads: tuple[str, ...]
    standalone_nouns: frozenset[str]
    count_nouns: tuple[str, ...]
    duration_units: dict[str, str]

    def number(self) -> str:
        """A regex group ``num`` (digits or a number word) with an optional ``mult``."""
        words = "|".join(sorted(self.number_words, key=len, reverse=True))
        mult = "|".join(self.multipliers)
        return (
            rf"(?P<num>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?|\b(?:{words}))"
            rf"(?:\s+(?P<mult>{mult}))?"
        )

    def approx(self) -> str:
        return "(?:" + "|".join(re.escape(a) for a in self.approximators) + r")\s+"

    def value(self, num: str, mult: str | None) -> float:
        low = num.lower()
        base = (
            float(self.number_words[low])
            if low in self.number_words
            else float(num.replace(",", ""))
        )
        return base * (self.multipliers[mult.lower()] if mult else 1)


def _alternatives(words: list[str]) -> tuple[str, ...]:
    return tuple(sorted((str(w).lower() for w in words), key=len, reverse=True))


@cache
def claim_rules() -> ClaimRules:
    text = resources.files("conflictwire").joinpath("data/claims/claims.yaml").read_text("utf-8")
    raw: dict[str, Any] = yaml.safe_load(text)
    distance = raw["distance"]
    return ClaimRules(
        relative=float(distance["relative"]),
        absolute_km=float(distance["absolute_km"]),
        max_bearing_deg=float(distance["max_bearing_deg"]),
        area_features=frozenset(distance["area_features"]),
        boundary_words=_alternatives(distance["boundary_words"]),
        approximators=_alternatives(raw["approximators"]),
        number_words={str(k): int(v) for k, v in raw["number_words"].items()},
        multipliers={str(k): int(v) for k, v in raw["multipliers"].items()},
        population_nouns=_alternatives(raw["population"]["nouns"]),
        population_leads=_alternatives(raw["population"]["leads"]),
        standalone_nouns=frozenset(raw["population"]["standalone_nouns"]),
        count_nouns=_alternatives(raw["count"]["nouns"]),
        duration_units={str(k): str(v) for k, v in raw["duration"]["units"].items()},
    )
