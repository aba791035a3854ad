"""WARC files (web archives, e.g. a news crawl): each HTML response record is a page.

Read with warcio, which takes plain and gzipped WARC (one gzip member per record) alike, one
record at a time. A record names the page's address (``WARC-Target-URI``), the day it was
captured (``WARC-Date``) and the HTTP response (status, ``Content-Type`` and its charset).
Records that are not pages (requests, metadata, images, redirects, errors) are passed over
without a warning: an archive is mostly such records. A page gives no article for the same
reasons an HTML file gives none (no main text, too big), reported as ``FILE#record N``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, BinaryIO

from conflictwire.ingest.article import normalise_date
from conflictwire.ingest.declared import html_charset
from conflictwire.ingest.encoding import decode_bytes, read_limited
from conflictwire.ingest.errors import IngestError, Rejected, too_big
from conflictwire.ingest.html import read_html
from conflictwire.models import Article

WARC_START = b"WARC/"
# The records that carry a fetched document (a response) or a stored one (a resource).
PAGE_RECORDS = ("response", "resource")
HTML_TYPES = ("text/html", "application/xhtml+xml")
CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9._:-]+)", re.IGNORECASE)


def looks_like_warc(head: bytes) -> bool:
    """Whether a (decompressed) stream opens with a WARC record's version line."""
    return head.lstrip(b"\r\n").startswith(WARC_START)


def read_warc(handle: BinaryIO, origin: str, page_limit: int) -> Iterator[Article | IngestError]:
    """One article per HTML page in the archive; a page over ``page_limit`` bytes, or one with
    no main text, is an error naming its record, and the others go on."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    pages = 0
    number = 0
    try:
        for number, record in enumerate(ArchiveIterator(handle), start=1):
            page = _page(record)
            if page is None:
                continue
            pages += 1
            record_origin = f"{origin}#record {number}"
            try:
                yield _article(record, page, record_origin, page_limit)
            except Rejected as exc:
                yield exc.error(record_origin)
    except ArchiveLoadFailed as exc:
        where = f"after record {number}" if number else "at the start"
        yield IngestError(origin, f"not a readable WARC file {where} ({exc}); the rest is skipped")
        return
    if not pages:
        raise Rejected("the WARC file holds no HTML response records; nothing to extract")


def _page(record: Any) -> tuple[str, str | None] | None:
    """``(content type, charset)`` of a record that holds an HTML page fetched whole, or
    ``None`` for any other record."""
    if record.rec_type not in PAGE_RECORDS:
        return None
    if record.http_headers is not None:
        status = record.http_headers.get_statuscode()
        if status and status != "200":
            return None
        content_type = record.http_headers.get_header("Content-Type") or ""
    else:
        content_type = record.rec_headers.get_header("Content-Type") or ""
    kind = content_type.split(";", 1)[0].strip().lower()
    if kind not in HTML_TYPES:
        return None
    charset = CHARSET.search(content_type)
    return kind, charset.group(1) if charset else None


def _article(record: Any, page: tuple[str, str | None], origin: str, limit: int) -> Article:
    body = read_limited(record.content_stream(), limit)
    if body is None:
        raise too_big("the page", limit)
    if getattr(record.raw_stream, "limit", 0) > 0:  # bytes the record's length promised
        raise Rejected("the record is cut short (the file ends inside it); the page is skipped")
    decoded = decode_bytes(body, declared=page[1] or html_charset(body))
    article = read_html(decoded.text, origin)
    article.warnings[:0] = decoded.warnings
    headers = record.rec_headers
    article.url = article.url or headers.get_header("WARC-Target-URI")
    if not article.published:  # the page states no date: the day it was captured
        article.published = normalise_date(headers.get_header("WARC-Date"))
    return article
