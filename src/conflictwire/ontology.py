"""ACLED's event ontology as data: sub-types, their event and disorder types, precedence, CAMEO
and PLOVER codes, and the named groups the code reads (``data/events/types.yaml``).

This is the one reader of that file: the event stage, dedup and the control timelines ask it
for a group by name instead of writing ACLED's type strings themselves.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml


@dataclass(frozen=True)
class SubType:
    name: str
    event_type: str
    disorder_type: str
    rank: int
    cameo: str | None
    plover: str | None


@dataclass(frozen=True)
class Ontology:
    sub_types: dict[str, SubType]
    combinations: tuple[tuple[frozenset[str], str], ...]
    groups: dict[str, frozenset[str]]  # sub-types by group name
    event_type_groups: dict[str, frozenset[str]]  # event types by group name
    recodings: dict[str, dict[str, str]]  # rule name -> {sub-type: re-coded sub-type}
    compatible: tuple[frozenset[str], ...]
    crowd_of: dict[str, str]  # event type -> actor type of its unnamed crowd

    def sub_type(self, name: str) -> SubType:
        return self.sub_types[name]

    def group(self, name: str) -> frozenset[str]:
        """The sub-types of a named group (``types.yaml`` ``groups``)."""
        return self.groups[name]

    def event_types(self, name: str) -> frozenset[str]:
        """The event types of a named group (``types.yaml`` ``event_type_groups``)."""
        return self.event_type_groups[name]

    def recode(self, rule: str, sub_type: str) -> str:
        """What a re-coding rule turns ``sub_type`` into (itself where the rule does not apply)."""
        return self.recodings[rule].get(sub_type, sub_type)

    def recodes(self, rule: str, sub_type: str) -> bool:
        """Whether a re-coding rule applies to ``sub_type``."""
        return sub_type in self.recodings[rule]

    def ranks(self) -> dict[str, int]:
        """Precedence by sub-type: a higher one absorbs a lower one in one event."""
        return {name: s.rank for name, s in self.sub_types.items()}

    @classmethod
    def from_mapping(cls, data: dict[str, Any]) -> Ontology:
        sub_types = {
            name: SubType(
                name,
                row["event_type"],
                row["disorder_type"],
                int(row["rank"]),
                row["cameo"],
                row["plover"],
            )
            for name, row in data["sub_event_types"].items()
        }
        event_types = {s.event_type for s in sub_types.values()}
        groups = {k: frozenset(v) for k, v in data.get("groups", {}).items()}
        type_groups = {k: frozenset(v) for k, v in data.get("event_type_groups", {}).items()}
        recodings = {k: dict(v) for k, v in data.get("recode", {}).items()}
        compatible = tuple(frozenset(g) for g in data.get("compatible", []))
        combinations = tuple((frozenset(c["all"]), c["then"]) for c in data["combinations"])
        named = [
            *groups.values(),
            *compatible,
            *(set(r) | set(r.values()) for r in recodings.values()),
        ]
        named += [c[0] | {c[1]} for c in combinations]
        unknown = set().union(*named) - set(sub_types)
        unknown |= set().union(*type_groups.values(), data.get("crowd_of", {})) - event_types
        if unknown:
            raise ValueError(
                f"types.yaml names unknown event or sub-event types: {sorted(unknown)}"
            )
        return cls(
            sub_types=sub_types,
            combinations=combinations,
            groups=groups,
            event_type_groups=type_groups,
            recodings=recodings,
            compatible=compatible,
            crowd_of={str(k): str(v) for k, v in data.get("crowd_of", {}).items()},
        )


@cache
def ontology() -> Ontology:
    """The packaged ontology (read once per process)."""
    path = resources.files("conflictwire").joinpath("data/events/types.yaml")
    return Ontology.from_mapping(yaml.safe_load(path.read_text(encoding="utf-8")))
