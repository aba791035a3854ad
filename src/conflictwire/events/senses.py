"""Trigger words with an everyday sense ("the fight against the virus", "a press release"): such
a trigger reports an event only with what that event needs in its sentence (``data/events/
senses.yaml``): one of its words, or an actor of one of its types, and none of its `unless`
words."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from ..models import ActorMention, Span
from .rules import Pattern, compile_pattern
from .words import Hit, Word, matches


@dataclass(frozen=True)
class Sense:
    name: str
    sub_types: frozenset[str]
    triggers: frozenset[Pattern]
    needs: tuple[Pattern, ...]
    unless: tuple[Pattern, ...]
    actor_types: frozenset[str]
    needs_count: int | None  # a number this large in the sentence will do ("150 migrants")


@cache
def senses_data() -> dict[str, Any]:
    """``data/events/senses.yaml``, read once: the senses, the topic words, the count units."""
    path = resources.files("conflictwire").joinpath("data/events/senses.yaml")
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data


@cache
def senses() -> tuple[Sense, ...]:
    return tuple(_sense(name, row) for name, row in senses_data()["senses"].items())


def _sense(name: str, row: dict[str, Any]) -> Sense:
    def patterns(key: str) -> tuple[Pattern, ...]:
        return tuple(compile_pattern(str(w)) for w in flat(row.get(key, [])))

    return Sense(
        name=name,
        sub_types=frozenset(row["sub_types"]),
        triggers=frozenset(patterns("triggers")),
        needs=patterns("needs"),
        unless=patterns("unless"),
        actor_types=frozenset(row.get("actor_types", [])),
        needs_count=row.get("needs_count"),
    )


def flat(items: list[Any]) -> list[Any]:
    """YAML aliases of shared lists ("*armed") arrive as nested lists."""
    out: list[Any] = []
    for item in items:
        out.extend(flat(item) if isinstance(item, list) else [item])
    return out


def in_its_sense(
    words: list[Word],
    hit: Hit,
    span: Span,
    actors: Sequence[ActorMention],
    lead: Sequence[Word] = (),
) -> bool:
    """Whether a trigger that has an everyday sense has what its event needs in its sentence,
    or, for a trigger of the lead, in the lead ("Suicide blast kills 30 rebels. The attack took
    place as ..."); triggers without one pass."""
    sense = _sense_of(words, hit)
    if sense is None:
        return True
    others = [i for i in range(len(words)) if not hit.first <= i <= hit.last]
    if sense.unless and matches(words, sense.unless, others):
        return False
    if matches(words, sense.needs, others):
        return True
    if sense.needs_count is not None and any(
        _counts_people(words, i, sense.needs_count) for i in others
    ):
        return True
    in_lead = [w for w in lead if not hit.start <= w.start < hit.end]
    if len(in_lead) < len(lead) and matches(in_lead, sense.needs, range(len(in_lead))):
        return True  # the trigger is in the lead, and the lead holds what it needs
    return any(
        span[0] <= a.start < span[1]
        and not (a.start < hit.end and hit.start < a.end)  # "a rally" names no protesters
        and a.actor_type in sense.actor_types
        for a in actors
    )


def _counts_people(words: list[Word], i: int, least: int) -> bool:
    """ "150 Pakistanis", "arrested 12": a number of at least ``least`` that counts people, not
    "3,000 kilos" nor "Highway 11 in Stroud"."""
    digits = words[i].text.replace(",", "")
    if not digits.isdigit() or int(digits) < least:
        return False
    after = words[i + 1].text.lower() if i + 1 < len(words) else ""
    return after not in _count_units()


@cache
def _count_units() -> frozenset[str]:
    return frozenset(senses_data()["count_units"])


def _sense_of(words: list[Word], hit: Hit) -> Sense | None:
    """The sense group the trigger's words belong to (each word is in one group at most: a
    test checks it)."""
    for sense in senses():
        if hit.sub_type not in sense.sub_types:
            continue
        for pattern in sense.triggers:
            if len(pattern) == hit.last - hit.first + 1 and all(
                key in words[hit.first + k].keys for k, key in enumerate(pattern)
            ):
                return sense
    return None
