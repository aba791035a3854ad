"""ACLED's precedence: which sub-type one event's triggers make, and which trigger shows it."""

from __future__ import annotations

from ..models import ActorMention
from .rules import EventRules
from .words import Hit


def choose_sub_type(hits: list[Hit], rules: EventRules) -> tuple[str, Hit]:
    """The sub-type of an event and its trigger.

    Strong triggers decide when there are any; combinations (protest + arrests → Protest with
    intervention, ...) apply before ranks; the highest rank wins; the trigger is the first hit
    of the winning sub-type or, for a combination, of its parts.
    """
    pool = [h for h in hits if h.strong] or hits
    present = {h.sub_type for h in pool}
    parts: dict[str, frozenset[str]] = {}
    changed = True
    while changed:
        changed = False
        for needed, then in rules.ontology.combinations:
            if needed <= present:
                present = (present - needed) | {then}
                parts[then] = needed
                changed = True

    def sources(name: str) -> frozenset[str]:
        found = parts.get(name, frozenset({name}))
        while not any(h.sub_type in found for h in pool):
            found = frozenset().union(*(parts.get(s, frozenset({s})) for s in found))
        return found

    def first(name: str) -> int:
        return next(i for i, h in enumerate(pool) if h.sub_type in sources(name))

    # Equal ranks (the two territory sub-types) go to the one reported first.
    best = max(sorted(present), key=lambda s: (rules.sub_type(s).rank, -first(s)))
    return best, pool[first(best)]


def territory_by_actor(sub_type: str, actor1: ActorMention | None, rules: EventRules) -> str:
    """Territory battles are named by who takes the place: state forces regain it."""
    if actor1 is None or actor1.actor_type is None:
        return sub_type
    rule = "taken_by_state" if actor1.actor_type == "State forces" else "taken_by_non_state"
    return rules.ontology.recode(rule, sub_type)
