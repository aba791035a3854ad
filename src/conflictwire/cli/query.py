"""Commands over the grouped store: events, timeline, control (docs/dedup.md).

Each one opens the store read-only; what is not grouped yet (an older store, or an ingest
interrupted before grouping) is grouped in a copy in memory, and the file is left as it is.
A place argument is any name the gazetteer knows ("Palmyra", "Tadmur"); events match by the
geonameids it may refer to.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict
from typing import Any

import click

from ..export import CONTROL_FORMATS, FORMATS, TIMELINE_FORMATS
from ..settings import Settings
from ..store import Store
from .errors import ExitCode, fail, resource_errors
from .options import (
    config_option,
    date_option,
    db_option,
    existing_store,
    output_options,
    refuse_output_among,
)
from .tables import EventFilter, echo_control, echo_events, echo_reports, echo_timelines


@contextmanager
def _grouped_store(db: str | None, settings: Settings) -> Iterator[Store]:
    """The store at ``db``, read-only (exit 3 when missing), with its new reports grouped: in a
    copy in memory when there are any (the file is not written)."""
    from ..dedup import group_store
    from ..dedup.tables import pending_count

    with existing_store(db or settings.db_path) as store:
        pending = pending_count(store.conn)
        if pending:
            click.echo(
                f"note: {pending} event reports or added outlets in {store.path} are not grouped"
                " yet; they are grouped in memory for this command (the next `conflictwire"
                " ingest` stores the grouping)",
                err=True,
            )
            store.copy_to_memory()
            group_store(store.conn, settings)
        yield store


def _place_ids(name: str, settings: Settings) -> tuple[list[int], list[Any]]:
    """Geonameids ``name`` may refer to (exit 2 when the gazetteer knows no such place)."""
    from ..pipeline import Resources

    with resource_errors():
        found = Resources(settings).gazetteer.lookup(name)
    if not found:
        fail(f"no place in the gazetteer matches {name!r}", ExitCode.USAGE)
    return [c.geonameid for c in found], found


@click.command()
@db_option
@click.option("--place", help="Only events at this place (any name the gazetteer knows).")
@date_option("--since", help="Only events on or after this date.")
@date_option("--until", help="Only events on or before this date.")
@click.option("--type", "kind", help="Only this event type or sub-event type.")
@click.option("--actor", help="Only events with an actor whose name contains this.")
@click.option("--reports", is_flag=True, help="Each article's reports instead of events.")
@output_options(("table", *FORMATS), default="table")
@config_option
def events(
    db: str | None,
    place: str | None,
    since: str | None,
    until: str | None,
    kind: str | None,
    actor: str | None,
    reports: bool,
    fmt: str,
    output: str,
    settings: Settings,
) -> None:
    """Canonical events (one per real event, with all its sources), or --reports."""
    refuse_output_among(output, [db or settings.db_path])
    ids = _place_ids(place, settings)[0] if place else None
    keep = EventFilter(set(ids) if ids is not None else None, since, until, kind, actor)
    with _grouped_store(db, settings) as store:
        if reports:
            count = _write_reports(store, keep, fmt, output)
        else:
            count = _write_events(store, keep, fmt, output)
    click.echo(f"{count} {'reports' if reports else 'events'}", err=True)


def _write_events(store: Store, keep: EventFilter, fmt: str, output: str) -> int:
    from ..dedup.tables import iter_canonical
    from ..export import write_canonical

    found = iter_canonical(
        store.conn, geonameids=keep.geonameids, since=keep.since, until=keep.until
    )
    records = [r for r in found if keep.accepts(r)]
    if fmt == "table":
        echo_events(records, output)
        return len(records)
    return write_canonical(records, fmt, output)


def _write_reports(store: Store, keep: EventFilter, fmt: str, output: str) -> int:
    from .. import export as exporting
    from ..dedup.tables import iter_reports

    if fmt == "table":
        rows = [r.extra for r in iter_reports(store.conn) if keep.accepts(r.extra)]
        echo_reports(rows, output)
        return len(rows)

    def articles() -> Iterator[Any]:
        for article in store.iter_articles():
            article.events = [e for e in article.events if keep.accepts(asdict(e))]
            if article.events:
                yield article

    return exporting.write(articles(), fmt, output)


@click.command()
@click.argument("place")
@db_option
@output_options(("table", *TIMELINE_FORMATS), default="table")
@config_option
def timeline(place: str, db: str | None, fmt: str, output: str, settings: Settings) -> None:
    """Who controlled PLACE when: its control changes from territory events, in order."""
    from ..control import build_timelines, territory_sub_types
    from ..dedup import Thresholds
    from ..dedup.tables import iter_canonical
    from ..export import write_timelines

    refuse_output_among(output, [db or settings.db_path])
    ids, candidates = _place_ids(place, settings)
    with _grouped_store(db, settings) as store:
        found = iter_canonical(store.conn, geonameids=ids, sub_types=territory_sub_types())
        timelines = build_timelines(found, Thresholds.from_settings(settings))
    if not timelines:
        names = ", ".join(f"{c.name} ({c.country or '?'}; {c.geonameid})" for c in candidates[:5])
        click.echo(f"no control changes recorded for {place!r} (looked at: {names})", err=True)
    with resource_errors():
        if fmt == "table":
            echo_timelines(timelines, output)
        else:
            write_timelines(timelines, fmt, output)


@click.command()
@date_option("--date", "day", required=True, help="The date (YYYY-MM-DD).")
@db_option
@click.option("--place", help="Only this place (any name the gazetteer knows).")
@output_options(("table", *CONTROL_FORMATS), default="table")
@config_option
def control(
    day: str, db: str | None, place: str | None, fmt: str, output: str, settings: Settings
) -> None:
    """Who controlled each place on --date: the latest change on or before it, else unknown."""
    from ..control import build_timelines, control_on, territory_sub_types
    from ..dedup import Thresholds
    from ..dedup.tables import iter_canonical
    from ..export import write_control

    refuse_output_among(output, [db or settings.db_path])
    ids = _place_ids(place, settings)[0] if place else None
    with _grouped_store(db, settings) as store:
        found = iter_canonical(store.conn, geonameids=ids, sub_types=territory_sub_types())
        states = control_on(build_timelines(found, Thresholds.from_settings(settings)), day)
    with resource_errors():
        if fmt == "table":
            echo_control(states, day, output)
        else:
            write_control(states, day, fmt, output)
