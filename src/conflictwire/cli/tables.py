"""Filters and plain-text tables for the query commands (events, timeline, control)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from ..control import Change, Timeline, shown_date
from ..export.output import opened


@dataclass(frozen=True)
class EventFilter:
    """Which events or reports to show; ``None`` fields do not filter."""

    geonameids: set[int] | None = None
    since: str | None = None
    until: str | None = None
    kind: str | None = None  # event type or sub-event type, any case
    actor: str | None = None  # part of an actor's name, any case

    def accepts(self, event: dict[str, Any]) -> bool:
        day = event.get("event_date") or ""
        if (self.since and day < self.since) or (self.until and (not day or day > self.until)):
            return False
        if self.geonameids is not None:
            places = {event.get("geonameid")} | {
                r.get("geonameid") for r in event.get("reports", [])
            }
            if not places & self.geonameids:
                return False
        if self.kind:
            kinds = {str(event.get("event_type")).lower(), str(event.get("sub_event_type")).lower()}
            if self.kind.lower() not in kinds:
                return False
        if self.actor:
            names = [event.get(k) for k in ("actor1", "actor2", "assoc_actor_1", "assoc_actor_2")]
            names += [r.get(k) for r in event.get("reports", []) for k in ("actor1", "actor2")]
            if not any(self.actor.lower() in str(n).lower() for n in names if n):
                return False
        return True


def _cut(value: Any, width: int) -> str:
    text = "" if value is None else str(value)
    return text if len(text) <= width else text[: width - 1] + "…"


def table(rows: Sequence[Sequence[Any]], header: Sequence[str], widths: Sequence[int]) -> str:
    """Left-aligned columns; the last column is not cut."""
    lines = []
    for row in [header, *rows]:
        cells = [_cut(v, w).ljust(w) for v, w in zip(row[:-1], widths, strict=False)]
        lines.append("  ".join([*cells, "" if row[-1] is None else str(row[-1])]).rstrip())
    return "\n".join(lines)


def _echo(text: str, output: str) -> None:
    with opened(output) as stream:
        stream.write(text + "\n")


def echo_events(records: Iterable[dict[str, Any]], output: str) -> None:
    rows = [
        (
            r["group_id"],
            shown_date(r.get("event_date"), r.get("time_precision")),
            r.get("sub_event_type"),
            r.get("location"),
            " vs ".join(a for a in (r.get("actor1"), r.get("actor2")) if a),
            r.get("fatalities"),
            len(r.get("reports", [])),
            r.get("source"),
        )
        for r in records
    ]
    header = ("event", "date", "sub-event type", "location", "actors", "deaths", "reports")
    _echo(table(rows, (*header, "sources"), (14, 17, 30, 18, 50, 6, 7)), output)


def echo_reports(reports: Iterable[dict[str, Any]], output: str) -> None:
    rows = [
        (
            r.get("group_id"),
            r.get("article_id"),
            shown_date(r.get("event_date"), r.get("time_precision")),
            r.get("sub_event_type"),
            r.get("location"),
            r.get("actor1"),
            r.get("fatalities") if r.get("fatalities_reported") else None,
            r.get("source"),
            r.get("reason"),
        )
        for r in reports
    ]
    header = ("event", "article", "date", "sub-event type", "location", "actor1", "deaths")
    widths = (14, 18, 17, 30, 18, 30, 6, 16)
    _echo(table(rows, (*header, "source", "why grouped"), widths), output)


def _place_title(timeline: Timeline) -> str:
    where = ", ".join(x for x in (timeline.admin1, timeline.country) if x)
    return f"{timeline.place} ({where}; geonameid {timeline.geonameid})"


def _change_row(change: Change) -> tuple[Any, ...]:
    flag = "denied" if not change.counted else ("disputed" if change.disputed else "")
    return (
        shown_date(change.date, change.precision),
        change.controller or "unknown",
        change.controller_type,
        change.sub_event_type,
        flag,
        "; ".join(change.sources),
    )


def echo_timelines(timelines: Iterable[Timeline], output: str) -> None:
    blocks = []
    header = ("since", "controller", "type", "change", "flag", "sources")
    for timeline in timelines:
        rows = [_change_row(c) for c in timeline.changes]
        text = table(rows, header, (17, 46, 13, 35, 8))
        notes = [f"  note ({c.date}): {n}" for c in timeline.changes for n in c.notes]
        blocks.append("\n".join([_place_title(timeline), text, *notes]))
    _echo("\n\n".join(blocks), output)


def echo_control(states: Iterable[tuple[Timeline, Change | None]], day: str, output: str) -> None:
    rows = []
    for timeline, change in states:
        since = shown_date(change.date, change.precision) if change else "before first change"
        flag = "disputed" if change and change.disputed else ""
        controller = change.controller if change and change.controller else "unknown"
        sources = "; ".join(change.sources) if change else ""
        rows.append((_place_title(timeline), controller, since, flag, sources))
    header = (f"place (on {day})", "controller", "since", "flag", "sources")
    _echo(table(rows, header, (60, 46, 19, 8)), output)
