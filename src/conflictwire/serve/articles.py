"""Routes for stored articles: a page of them (without their texts), and one whole record."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request

from . import lookups
from .errors import bad_parameter, not_found
from .params import MAX_TEXT, Order, Page, page, parse_day, text_or_none
from .reader import reader_of

router = APIRouter(prefix="/api", tags=["articles"])


@router.get("/articles")
def articles(
    request: Request,
    paging: Annotated[Page, Depends(page)],
    q: Annotated[
        str | None, Query(description="words all found in the title or text", max_length=500)
    ] = None,
    source: Annotated[
        str | None, Query(description="the outlet, any case", max_length=MAX_TEXT)
    ] = None,
    since: Annotated[
        str | None, Query(description="published on or after (YYYY-MM-DD)", max_length=40)
    ] = None,
    until: Annotated[
        str | None, Query(description="published on or before (YYYY-MM-DD)", max_length=40)
    ] = None,
    order: Order = "newest",
) -> Any:
    """Stored articles, the latest stored first: ``{"total", "limit", "offset", "next_offset",
    "articles": [{id, title, url, source, published, language, events, quotes}]}``."""
    first, last = parse_day("since", since), parse_day("until", until)
    if first and last and first > last:
        raise bad_parameter("until", f"{last} is before since {first}")
    with reader_of(request).connection() as conn:
        total, found = lookups.articles(
            conn,
            q=text_or_none(q),
            source=text_or_none(source),
            since=first,
            until=last,
            limit=paging.limit,
            offset=paging.offset,
            newest_first=order != "oldest",
        )
    return paging.envelope(total, "articles", found)


@router.get("/articles/{article_id}")
def article(
    request: Request, article_id: Annotated[str, Path(max_length=1000, description="its id")]
) -> Any:
    """One article's record (docs/SCHEMA.md: text, places, actors, events with their evidence
    spans, quotes, claims, warnings), with ``author``, ``also_in`` (other outlets that
    published the same text) and each event's ``event_id`` (its canonical event)."""
    with reader_of(request).connection() as conn:
        found = lookups.article(conn, article_id)
    if found is None:
        raise not_found(f"no article with id {article_id!r}")
    return found
