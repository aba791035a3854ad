"""The place stage's rules and weights, read from ``data/places/rules.yaml`` (and the words for
kinds of place from ``unit_words.yaml``)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, cached_property
from importlib import resources
from typing import Any

import yaml

from .words import alternation, place_words


@dataclass(frozen=True)
class PlaceRules:
    place_labels: frozenset[str]
    non_place_labels: frozenset[str]
    place_prepositions: frozenset[str]
    admin_words: frozenset[str]
    admin_plurals: frozenset[str]  # those that open a list ("provinces including X and Y")
    admin_list_window: int
    list_glue: frozenset[str]
    settlement_words: frozenset[str]
    org_suffixes: frozenset[str]
    building_words: frozenset[str]
    common_words: frozenset[str]
    street_words: frozenset[str]
    direction_words: frozenset[str]
    name_particles: frozenset[str]
    unit_words: frozenset[str]
    min_population_unconfirmed: int
    distance_units: dict[str, float]
    distance_tolerance: float
    distance_floor_km: float
    admin_population_share: float
    weights: dict[str, float]
    country_vote: dict[str, float]
    country_vote_in_context: dict[str, float]

    @classmethod
    def from_mapping(cls, data: dict[str, Any]) -> PlaceRules:
        def words(name: str) -> frozenset[str]:
            return frozenset(str(w).lower() for w in data[name])

        kinds = place_words()

        return cls(
            place_labels=frozenset(data["place_labels"]),
            non_place_labels=frozenset(data["non_place_labels"]),
            place_prepositions=words("place_prepositions"),
            admin_words=kinds.role("admin"),
            admin_plurals=kinds.plurals("admin"),
            admin_list_window=int(data["admin_list_window"]),
            list_glue=words("list_glue"),
            settlement_words=kinds.role("settlement"),
            org_suffixes=words("org_suffixes"),
            building_words=words("building_words"),
            common_words=words("common_words"),
            street_words=words("street_words"),
            direction_words=words("direction_words"),
            name_particles=words("name_particles"),
            unit_words=kinds.role("qualifier"),
            min_population_unconfirmed=int(data["min_population_unconfirmed"]),
            distance_units={str(k).lower(): float(v) for k, v in data["distance_units"].items()},
            distance_tolerance=float(data["distance_tolerance"]),
            distance_floor_km=float(data["distance_floor_km"]),
            admin_population_share=float(data["admin_population_share"]),
            weights={k: float(v) for k, v in data["weights"].items()},
            country_vote={k: float(v) for k, v in data["country_vote"].items()},
            country_vote_in_context={
                k: float(v) for k, v in data["country_vote_in_context"].items()
            },
        )

    @cached_property
    def qualifier(self) -> re.Pattern[str]:
        """What may stand between a name and its units: an optional unit word, then "(" or ","
        ("Caruaru municipality (", "Homs, ")."""
        words = alternation(self.unit_words)
        return re.compile(rf"\s*(?:(?:{words})\s*)?[(,]\s*", re.IGNORECASE)


@cache
def default_rules() -> PlaceRules:
    text = resources.files("conflictwire").joinpath("data/places/rules.yaml").read_text("utf-8")
    return PlaceRules.from_mapping(yaml.safe_load(text))
