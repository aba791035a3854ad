"""Who controls which place, when: ordered control changes from canonical territory events.

A *change* is one canonical event of a territory sub-type; the actor who gains the place is its
``actor1`` (ACLED codes the side that takes or retakes territory, or takes it over in a
non-violent transfer, as actor 1). Contradictions (docs/dedup.md):

- **denial**: a report whose sentence denies the change ("denied that Bakhmut had fallen",
  "remains under army control") disputes it. A change that only denials report does not count
  (status ``denied``) and disputes counted changes to the same gainer nearby in time.
- **conflict**: two counted changes at one place within the dedup date window of each other
  giving different controllers are both disputed.

Disputed changes still count for :meth:`Timeline.control_on` (the latest counted change on or
before the date) and carry ``disputed`` and the reasons in ``notes``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from conflictwire.dedup.match import Thresholds, actor_key, day_number
from conflictwire.ontology import ontology

DENIAL = re.compile(
    r"\b(den(?:y|ies|ied|ying)|refut\w*|reject\w*|dismiss\w*|false(?:ly)?|untrue|rumou?rs?"
    r"|(?:had|has|have) not (?:fallen|been (?:taken|captured|seized))"
    r"|(?:still|remains?|remained) (?:firmly )?(?:in|under) (?:\w+ )?control)\b",
    re.IGNORECASE,
)
PRECISION_LABELS = {1: "day", 2: "week", 3: "month"}


def territory_sub_types() -> frozenset[str]:
    """The sub-types that change who holds a place (``territory_changes`` in ``types.yaml``)."""
    return ontology().group("territory_changes")


def shown_date(value: str | None, precision: int | None) -> str:
    """A date as precise as it is known: ``2015-05`` (month), ``2017-08-14 (week)``, a day."""
    if not value:
        return "unknown"
    if precision == 3:
        return value[:7]
    return f"{value} (week)" if precision == 2 else value


@dataclass
class Change:
    """One control change of one place, read from one canonical event."""

    date: str
    precision: int | None
    controller: str | None
    controller_type: str | None
    previous: str | None  # actor2: who lost it, when reported
    sub_event_type: str
    event_id: str
    sources: list[str]
    reports: int
    status: str = "counted"  # or "denied": only denials report it
    disputed: bool = False
    notes: list[str] = field(default_factory=list)

    @property
    def counted(self) -> bool:
        return self.status == "counted"

    def to_dict(self) -> dict[str, Any]:
        """The change as a record, with its precision's label and its date as shown."""
        data = asdict(self)
        data["precision_label"] = PRECISION_LABELS.get(self.precision or 0)
        data["shown"] = shown_date(self.date, self.precision)
        return data


@dataclass
class Timeline:
    """A place and its control changes in date order."""

    place: str | None
    geonameid: int | None
    admin1: str | None
    country: str | None
    latitude: float | None
    longitude: float | None
    changes: list[Change] = field(default_factory=list)

    def control_on(self, day: str) -> Change | None:
        """The latest counted change on or before ``day``; ``None``: unknown (before the first)."""
        before = [c for c in self.changes if c.counted and c.date <= day]
        return before[-1] if before else None

    def place_dict(self) -> dict[str, Any]:
        return {
            "place": self.place,
            "geonameid": self.geonameid,
            "admin1": self.admin1,
            "country": self.country,
            "latitude": self.latitude,
            "longitude": self.longitude,
        }

    def to_dict(self) -> dict[str, Any]:
        """The place and its changes as a record."""
        return {**self.place_dict(), "changes": [c.to_dict() for c in self.changes]}

    def control_record(self, change: Change | None, day: str) -> dict[str, Any]:
        """The place's control on ``day`` (``change``: the one in force, ``None`` before the
        first): controller ``None`` (unknown) before its first change."""
        return {
            **self.place_dict(),
            "date": day,
            "controller": change.controller if change else None,
            "controller_type": change.controller_type if change else None,
            "since": change.date if change else None,
            "precision": change.precision if change else None,
            "sources": "; ".join(change.sources) if change else None,
            "event_id": change.event_id if change else None,
            "disputed": change.disputed if change else False,
            "notes": "; ".join(change.notes) if change else None,
        }


def _denials(event: dict[str, Any]) -> list[dict[str, Any]]:
    return [r for r in event.get("reports", []) if DENIAL.search(r.get("notes") or "")]


def _change(event: dict[str, Any]) -> Change:
    denials = _denials(event)
    reports = event.get("reports", [])
    change = Change(
        date=event["event_date"],
        precision=event.get("time_precision"),
        controller=event.get("actor1"),
        controller_type=event.get("inter1"),
        previous=event.get("actor2"),
        sub_event_type=event["sub_event_type"],
        event_id=event["group_id"],
        sources=[s for s in (event.get("source") or "").split("; ") if s],
        reports=len(reports),
    )
    if denials and len(denials) == len(reports):
        change.status = "denied"
    for report in denials:
        change.disputed = True
        change.notes.append(f"denied by {report['source']}: {report.get('notes')!r}")
    return change


def _place_key(event: dict[str, Any]) -> tuple[Any, ...]:
    if event.get("geonameid") is not None:
        return ("id", event["geonameid"])
    return ("name", event.get("location"), event.get("iso"))


def build_timelines(events: Iterable[dict[str, Any]], limits: Thresholds) -> list[Timeline]:
    """Timelines of every place with territory events, by place name."""
    places: dict[tuple[Any, ...], Timeline] = {}
    territory = territory_sub_types()
    for event in events:
        if event.get("sub_event_type") not in territory or not event.get("event_date"):
            continue
        key = _place_key(event)
        if key not in places:
            places[key] = Timeline(
                event.get("location"),
                event.get("geonameid"),
                event.get("admin1"),
                event.get("country"),
                event.get("latitude"),
                event.get("longitude"),
            )
        places[key].changes.append(_change(event))
    for timeline in places.values():
        timeline.changes.sort(key=lambda c: (c.date, c.event_id))
        _flag_contradictions(timeline.changes, limits)
    return sorted(places.values(), key=lambda t: (t.place or "", t.geonameid or 0))


def _near(a: Change, b: Change, limits: Thresholds) -> int | None:
    """Days between two changes when within the date window of the coarser one, else None."""
    da, db = day_number(a.date), day_number(b.date)
    if da is None or db is None:
        return None
    days = abs(da - db)
    return days if days <= max(limits.window(a.precision), limits.window(b.precision)) else None


def _flag_contradictions(changes: list[Change], limits: Thresholds) -> None:
    for i, a in enumerate(changes):
        for b in changes[i + 1 :]:
            days = _near(a, b, limits)
            if days is None:
                continue
            same = actor_key(a.controller) == actor_key(b.controller)
            if a.counted and b.counted and not same:
                for x, y in ((a, b), (b, a)):
                    x.disputed = True
                    x.notes.append(
                        f"conflicts with {y.controller or 'unknown'} on {y.date} "
                        f"({days} days apart; {', '.join(y.sources)})"
                    )
            elif a.counted != b.counted and (same or not a.controller or not b.controller):
                kept, denied = (a, b) if a.counted else (b, a)
                kept.disputed = True
                kept.notes.append(f"denied on {denied.date} by {', '.join(denied.sources)}")


def control_on(timelines: Iterable[Timeline], day: str) -> list[tuple[Timeline, Change | None]]:
    """Every place's controller on ``day`` (``None``: unknown, before its first change)."""
    date.fromisoformat(day)  # ValueError for a malformed date
    return [(t, t.control_on(day)) for t in timelines]
