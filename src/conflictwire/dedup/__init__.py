"""Across articles: reports of one real event grouped into canonical events (docs/dedup.md)."""

from conflictwire.dedup.canonical import canonical_event
from conflictwire.dedup.group import GroupResult, cluster, group_pending, group_store
from conflictwire.dedup.match import Report, Thresholds, match

__all__ = [
    "GroupResult",
    "Report",
    "Thresholds",
    "canonical_event",
    "cluster",
    "group_pending",
    "group_store",
    "match",
]
