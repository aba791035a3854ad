"""Routes for quotations by speaker, and the speakers quoted."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request

from . import lookups
from .params import MAX_TEXT, Page, page, text_or_none
from .reader import reader_of

router = APIRouter(prefix="/api", tags=["quotes"])


@router.get("/quotes")
def quotes(
    request: Request,
    paging: Annotated[Page, Depends(page)],
    speaker: Annotated[
        str | None, Query(description="the speaker's name as listed, any case", max_length=MAX_TEXT)
    ] = None,
    q: Annotated[
        str | None, Query(description="text the quotation contains", max_length=MAX_TEXT)
    ] = None,
) -> Any:
    """Quotations, the latest articles first: ``{"total", ..., "quotes": [{quote, direct,
    speaker, speaker_title, speaker_affiliation, cue, start, end, event_index, article,
    event_id}]}`` (``start``/``end``: the quotation in its article's text)."""
    with reader_of(request).connection() as conn:
        total, found = lookups.quotes(
            conn,
            speaker=text_or_none(speaker),
            q=text_or_none(q),
            limit=paging.limit,
            offset=paging.offset,
        )
    return paging.envelope(total, "quotes", found)


@router.get("/speakers")
def speakers(
    request: Request,
    paging: Annotated[Page, Depends(page)],
    q: Annotated[
        str | None, Query(description="part of the speaker's name", max_length=MAX_TEXT)
    ] = None,
) -> Any:
    """Speakers by how often they are quoted: ``{"total", ..., "speakers": [{speaker, quotes,
    articles, affiliation}]}``."""
    with reader_of(request).connection() as conn:
        total, found = lookups.speakers(
            conn, q=text_or_none(q), limit=paging.limit, offset=paging.offset
        )
    return paging.envelope(total, "speakers", found)
