"""Words for kinds of place ("province", "district", "town"), from ``data/places/unit_words.yaml``:
each word's level and the roles it plays in how a place is written. The one reader of that list;
every rule that needs such words asks for a role or a level here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

LEVELS = ("province", "district", "settlement", "neighbourhood", "area")
ROLES = ("admin", "settlement", "qualifier", "unit_of", "unit_in", "area", "kind", "object")


@dataclass(frozen=True)
class PlaceWord:
    word: str
    level: str
    plural: str | None
    roles: frozenset[str]
    plural_roles: frozenset[str]


@dataclass(frozen=True)
class PlaceWords:
    words: tuple[PlaceWord, ...]

    def role(self, role: str) -> frozenset[str]:
        """The forms that play ``role``: singulars with it, and plurals marked for it."""
        if role not in ROLES:
            raise ValueError(f"unknown place-word role {role!r}; known: {', '.join(ROLES)}")
        singular = {w.word for w in self.words if role in w.roles}
        plural = {w.plural for w in self.words if w.plural and role in w.plural_roles}
        return frozenset(singular | plural)

    def plurals(self, role: str) -> frozenset[str]:
        """The plural forms that play ``role`` ("provinces including Hama and Idlib")."""
        return frozenset(w.plural for w in self.words if w.plural and role in w.plural_roles)

    def level(self, *levels: str) -> frozenset[str]:
        """Every form (singular and plural) of the words at ``levels``."""
        unknown = set(levels) - set(LEVELS)
        if unknown:
            raise ValueError(f"unknown place-word level {sorted(unknown)}; known: {LEVELS}")
        found = {w.word for w in self.words if w.level in levels}
        return frozenset(found | {w.plural for w in self.words if w.level in levels and w.plural})

    def pattern(self, role: str) -> str:
        """A regular-expression alternation of the forms that play ``role``."""
        return alternation(self.role(role))

    @classmethod
    def from_mapping(cls, data: dict[str, Any]) -> PlaceWords:
        words = []
        for word, row in data["words"].items():
            roles = frozenset(row.get("roles", []))
            plural_roles = frozenset(row.get("plural_roles", []))
            unknown = (roles | plural_roles) - set(ROLES)
            if row["level"] not in LEVELS or unknown:
                raise ValueError(f"unit_words.yaml: {word!r} has an unknown level or role")
            plural = row.get("plural")
            words.append(PlaceWord(str(word).lower(), row["level"], plural, roles, plural_roles))
        return cls(tuple(words))


def alternation(words: frozenset[str]) -> str:
    """A regular-expression alternation of ``words``, the longest first."""
    return "|".join(sorted((re.escape(w) for w in words), key=lambda w: (-len(w), w)))


@cache
def place_words() -> PlaceWords:
    """The packaged list (read once per process)."""
    path = resources.files("conflictwire").joinpath("data/places/unit_words.yaml")
    return PlaceWords.from_mapping(yaml.safe_load(path.read_text(encoding="utf-8")))
