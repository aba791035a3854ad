"""Incremental grouping of stored event reports into canonical events, independent of order.

Two levels, both functions of the *set* of reports, never of the order they arrived in:

1. **Components**: reports linked by :func:`~conflictwire.dedup.match.match` (a symmetric rule),
   closed transitively. A new report is matched against the candidates an indexed query finds
   (same type, nearby 1° cells, nearby days); every component it links to is merged with it.
2. **Groups** inside a component: reports sorted by how many others they match (the middle of
   a spread of dates comes first), then precision, actors named and their stable key; each
   joins the first group whose seed (first report) it matches and whose actors it agrees with
   (no two reports of one article in a group), else it seeds a new group. Seed-centred groups
   do not chain a week of daily clashes into one event.

Only the components a batch touches are regrouped, so ingesting new articles never reprocesses
the whole store; a store from before dedup is grouped on first use (all its reports are new).
An article that another outlet's identical copy added a source to has its components rewritten
(the same groups, its canonical events listing that outlet).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from conflictwire.dedup import tables
from conflictwire.dedup.canonical import canonical_event, group_id
from conflictwire.dedup.match import Report, Thresholds, actor_key, actors_compatible, match
from conflictwire.settings import Settings

SEED_REASON = "seed: the group's first report (it matches the most reports, is the most precise)"
UNLOCATED_REASON = "no usable date or coordinates: not matched with other reports"
# Seeds are chosen by how many reports they match in components up to this size (pairwise
# matching, quadratic); larger components, rare chains of daily reports, skip that criterion.
MAX_LINKED_COMPONENT = 300


@dataclass(frozen=True)
class GroupResult:
    """What one grouping pass did."""

    reports: int  # reports newly registered
    components: int  # components regrouped
    groups: int  # canonical events written for them


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, item: str) -> str:
        parent = self.parent.setdefault(item, item)
        if parent != item:
            parent = self.parent[item] = self.find(parent)
        return parent

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _seed_order(report: Report, links: int) -> tuple[int, int, int, int, float, str]:
    """Most linked first (the middle of a spread of reports), then most precise, most actors
    named, most confident; the key breaks ties."""
    named = sum(actor_key(a) is not None for a in (report.actor1, report.actor2))
    precision = (report.time_precision or 9, report.geo_precision or 9)
    return (-links, *precision, -named, -report.confidence, report.key)


def _links(members: list[Report], limits: Thresholds) -> dict[str, int]:
    """How many other reports of the component each one matches (0 for all in a huge one)."""
    counts = dict.fromkeys((r.key for r in members), 0)
    if len(members) <= MAX_LINKED_COMPONENT:
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                if match(a, b, limits):
                    counts[a.key] += 1
                    counts[b.key] += 1
    return counts


def cluster(members: list[Report], limits: Thresholds) -> list[tuple[list[Report], list[str]]]:
    """Split one component into groups: ``(reports, reasons)``, seed first in each."""
    groups: list[tuple[list[Report], list[str]]] = []
    by_day: dict[int, list[int]] = {}  # seed day -> indexes of groups (only near days can match)
    window = limits.max_window
    links = _links(members, limits)
    for report in sorted(members, key=lambda r: _seed_order(r, links[r.key])):
        reason = None
        if report.located and report.day is not None:
            near = range(report.day - window, report.day + window + 1)
            for index in sorted(i for day in near for i in by_day.get(day, ())):
                reports, reasons = groups[index]
                reason = _joins(report, reports, limits)
                if reason:
                    reports.append(report)
                    reasons.append(reason)
                    break
            if reason is None:
                by_day.setdefault(report.day, []).append(len(groups))
        if reason is None:
            groups.append(([report], [SEED_REASON if report.located else UNLOCATED_REASON]))
    return groups


def _joins(report: Report, group: list[Report], limits: Thresholds) -> str | None:
    if any(member.article == report.article for member in group):
        return None
    reason = match(group[0], report, limits)
    if reason and all(actors_compatible(report, member)[0] for member in group[1:]):
        return reason
    return None


def group_pending(conn: sqlite3.Connection, limits: Thresholds) -> GroupResult:
    """Register the stored reports not yet grouped and regroup the components they touch.

    One transaction: an interrupted pass leaves the previous groups as they were.
    """
    conn.execute("BEGIN IMMEDIATE")
    try:
        result = _group(conn, limits)
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
    return result


def _group(conn: sqlite3.Connection, limits: Thresholds) -> GroupResult:
    new = tables.pending_reports(conn)
    sourced = tables.pending_sources(conn)  # articles another outlet's copy added a source to
    if not new and not sourced:
        return GroupResult(0, 0, 0)
    tables.register(conn, new)
    links = _UnionFind()
    for component in tables.components_of(conn, sourced):  # rewritten to list the new outlet
        links.find(component)
    tables.sources_listed(conn, sourced)
    for report in new:
        links.find(report.key)
        if not report.located:
            continue
        for other in tables.candidates(conn, report, limits):
            if match(report, other, limits):
                links.union(report.key, str(other.extra["component"]))
    touched: dict[str, set[str]] = {}
    for name in list(links.parent):
        touched.setdefault(links.find(name), set()).add(name)
    groups = 0
    for components in touched.values():
        members = tables.component_members(conn, components)
        groups += _write(conn, components, members, limits)
    return GroupResult(len(new), len(touched), groups)


def _write(
    conn: sqlite3.Connection, components: set[str], members: list[Report], limits: Thresholds
) -> int:
    component = min(r.key for r in members)
    rows, links = [], []
    for reports, reasons in cluster(members, limits):
        gid = group_id(reports[0])
        rows.append(canonical_event(reports, reasons))
        links += [(r.key, gid, why) for r, why in zip(reports, reasons, strict=True)]
    tables.write_component(conn, components, component, links, rows)
    return len(rows)


def group_store(conn: sqlite3.Connection, settings: Settings | None = None) -> GroupResult:
    """Group what is new in a store with the thresholds of ``settings`` (default settings)."""
    return group_pending(conn, Thresholds.from_settings(settings or Settings()))
