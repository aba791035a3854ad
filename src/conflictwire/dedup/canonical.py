"""A canonical event's fields from its reports, following ACLED's rules.

- ``fatalities``: the lowest figure any report gives (reports that give no figure don't count;
  none gives one → 0).
- ``source``: the outlets (with those that published an identical copy of a report's article),
  sorted, ``; ``-joined; ``source_scale``: their scales
  (``International``, ``National``, …) joined with ``-`` as ACLED writes them, when known.
- ``sub_event_type``: the most specific/severe one reported (ACLED codes the highest form an
  event reaches: a clash in which a town is retaken is a territory change).
- date and place: from the most precise report; actors: from the report of that sub-type.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from typing import Any

from conflictwire.dedup.match import Report, actor_key
from conflictwire.models import event_fields
from conflictwire.ontology import ontology
from conflictwire.outlets import outlet_name

# Outlet scale for sources commonly seen in conflict reporting (ACLED's source_scale values).
# Unknown outlets have no scale; the canonical event then has the scales of the known ones.
OUTLET_SCALES: dict[str, str] = {
    **dict.fromkeys(
        (
            "reuters",
            "afp",
            "agence france-presse",
            "associated press",
            "ap",
            "bbc",
            "bbc news",
            "al jazeera",
            "cnn",
            "the guardian",
            "new york times",
            "the new york times",
            "washington post",
            "dpa",
            "xinhua",
            "anadolu agency",
            "france 24",
            "voice of america",
            "rfi",
            "deutsche welle",
            "radio free europe/radio liberty",
            "middle east eye",
            "the new humanitarian",
            "press tv",
        ),
        "International",
    ),
    **dict.fromkeys(
        ("sana", "kyiv independent", "ukrinform", "sudan tribune", "dabanga", "irrawaddy"),
        "National",
    ),
    **dict.fromkeys(("syrian observatory for human rights", "sohr"), "Other"),
}
_SCALE_ORDER = ("Subnational", "National", "Regional", "International", "Other", "New media")
_EVENT_FIELDS = event_fields("event_type", "interaction")  # what happened, and who did it
_PLACE_FIELDS = event_fields("location", "geo_precision")


def group_id(seed: Report) -> str:
    """A canonical event's id: a hash of its first report's key (stable across stores)."""
    return "cw" + hashlib.sha256(seed.key.encode()).hexdigest()[:12]


def outlet(report: Report) -> str:
    """The report's outlet: its source, else its URL's host, else ``unknown``."""
    return outlet_name(report.extra.get("source"), report.extra.get("url"))


def outlets(report: Report) -> list[str]:
    """The report's outlet, then the other outlets that published its article's text."""
    also = [outlet_name(o.get("source"), o.get("url")) for o in report.extra.get("also_in", [])]
    return [outlet(report), *also]


def source_scale(outlets: list[str]) -> str | None:
    scales = {OUTLET_SCALES[o.lower()] for o in outlets if o.lower() in OUTLET_SCALES}
    return "-".join(s for s in _SCALE_ORDER if s in scales) or None


def _named(report: Report) -> int:
    return sum(actor_key(a) is not None for a in (report.actor1, report.actor2))


def _other_side(reports: list[Report], lead: Report) -> tuple[str | None, str | None]:
    """The actor other reports name opposite the lead's actor1 (most named; ties: first)."""
    sides: list[tuple[str, str | None]] = []
    for r in reports:
        for name, kind in ((r.actor1, "inter1"), (r.actor2, "inter2")):
            if name and actor_key(name) and actor_key(name) != actor_key(lead.actor1):
                inter = r.extra.get(kind)
                sides.append((name, str(inter) if inter else None))
    if not sides:
        return None, None
    counts = Counter(name for name, _ in sides)
    best = max(counts.values())
    return next(side for side in sides if counts[side[0]] == best)


def _report_entry(report: Report, reason: str) -> dict[str, Any]:
    x = report.extra
    return {
        "key": report.key,
        "article_id": x.get("article_id"),
        "event_index": x.get("event_index"),
        "source": outlet(report),
        "url": x.get("url"),
        "published": x.get("published"),
        "sub_event_type": report.sub_event_type,
        "actor1": report.actor1,
        "actor2": report.actor2,
        "event_date": x.get("event_date"),
        "time_precision": report.time_precision,
        "location": x.get("location"),
        "geonameid": x.get("geonameid"),
        "fatalities": x.get("fatalities") if x.get("fatalities_reported") else None,
        "notes": x.get("notes"),
        "reason": reason,
        "also_in": list(x.get("also_in", [])),
    }


def canonical_event(reports: list[Report], reasons: list[str]) -> dict[str, Any]:
    """The canonical record of one group; ``reports[0]`` is its seed (most precise report)."""
    seed = reports[0]
    ranks = ontology().ranks()
    record: dict[str, Any] = {"group_id": group_id(seed)}
    # The event's fields come together from one report (so actors and their types agree): the
    # first, in seed order, with the highest-ranked sub-type and the most actors named.
    lead = max(reports, key=lambda r: (ranks.get(r.sub_event_type, 0), _named(r)))
    record.update({name: lead.extra.get(name) for name in _EVENT_FIELDS})
    if record["actor2"] is None:
        record["actor2"], record["inter2"] = _other_side(reports, lead)
        if record["actor2"] and record["inter1"] and record["inter2"]:
            record["interaction"] = f"{record['inter1']}-{record['inter2']}"
    record["civilian_targeting"] = any(r.extra.get("civilian_targeting") for r in reports)
    when = min(
        reports, key=lambda r: (r.time_precision or 9, str(r.extra.get("event_date") or "~"))
    )
    record["event_date"] = when.extra.get("event_date")
    record["time_precision"] = when.time_precision
    where = min(reports, key=lambda r: r.geo_precision or 9)
    record.update({name: where.extra.get(name) for name in _PLACE_FIELDS})
    figures = [r.extra["fatalities"] for r in reports if r.extra.get("fatalities_reported")]
    record["fatalities"] = min(figures) if figures else 0
    names = sorted({name for r in reports for name in outlets(r)})
    record["source"] = "; ".join(names)
    record["source_scale"] = source_scale(names)
    record["notes"] = seed.extra.get("notes")
    record["confidence"] = max(r.confidence for r in reports)
    record["reports"] = [_report_entry(r, why) for r, why in zip(reports, reasons, strict=True)]
    return record
