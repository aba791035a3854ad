"""Routes for what the store holds and the names the filters take: health, counts, event types."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request

from ..ontology import ontology
from .reader import reader_of

router = APIRouter(prefix="/api", tags=["store"])


@router.get("/health")
def health(request: Request) -> Any:
    """``{"ok": true}`` once the store is open and answers."""
    with reader_of(request).connection() as conn:
        conn.execute("SELECT 1 FROM canonical_events LIMIT 1").fetchall()
    return {"ok": True}


@router.get("/stats")
def stats(request: Request) -> Any:
    """Counts: ``articles``, canonical ``events``, event ``reports``, ``quotes``, and the
    ``first`` and ``last`` event dates."""
    with reader_of(request).connection() as conn:

        def one(sql: str) -> Any:
            return conn.execute(sql).fetchone()[0]

        return {
            "articles": one("SELECT count(*) FROM articles"),
            "events": one("SELECT count(*) FROM canonical_events"),
            "reports": one("SELECT count(*) FROM event_reports"),
            "quotes": one("SELECT count(*) FROM quotes"),
            "first": one("SELECT min(event_date) FROM canonical_events"),
            "last": one("SELECT max(event_date) FROM canonical_events"),
        }


@router.get("/types")
def types() -> Any:
    """ACLED's event types and their sub-types, with each sub-type's disorder type (the values
    ``event_type`` and ``sub_event_type`` take), in the ontology's order."""
    grouped: dict[str, list[dict[str, str]]] = {}
    for sub in ontology().sub_types.values():
        grouped.setdefault(sub.event_type, []).append(
            {"sub_event_type": sub.name, "disorder_type": sub.disorder_type}
        )
    return {
        "event_types": [
            {"event_type": kind, "sub_event_types": subs} for kind, subs in grouped.items()
        ]
    }
