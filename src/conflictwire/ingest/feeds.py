"""RSS and Atom feeds (feedparser): one article per entry.

We decode the feed ourselves (``encoding.decode_bytes``: a saved HTTP header's charset, the XML
declaration, else detection) and hand feedparser UTF-8: left to itself, feedparser reads an
undeclared KOI8-R or Shift-JIS feed as Windows-1252.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from datetime import date
from typing import Any

import feedparser

from conflictwire.ingest.article import normalise_date
from conflictwire.ingest.declared import split_http_header, xml_charset
from conflictwire.ingest.encoding import decode_bytes
from conflictwire.ingest.errors import IngestError, Rejected
from conflictwire.ingest.html import fragment_to_text
from conflictwire.ingest.titles import clean_title
from conflictwire.models import Article

# Root elements that make an XML document a feed (for sniffing stdin and unnamed files).
FEED_MARKERS = (b"<rss", b"<feed", b"<rdf:rdf")
XML_DECLARED_ENCODING = re.compile(r"\A(\s*<\?xml[^>]*?encoding\s*=\s*)([\"'])[^\"']*\2")


def looks_like_feed(head: bytes) -> bool:
    """Whether the first bytes of a document open an RSS, Atom or RDF feed."""
    lowered = head.lower()
    return any(marker in lowered for marker in FEED_MARKERS)


def read_feed(data: bytes, origin: str) -> Iterator[Article | IngestError]:
    """One article per entry; an entry without text is an error, the others go on."""
    charset, body = split_http_header(data)
    decoded = decode_bytes(body, declared=charset or xml_charset(body))
    # A stream, never a string: feedparser fetches strings that look like URLs.
    parsed = feedparser.parse(io.BytesIO(as_utf8_xml(decoded.text)))
    entries = parsed.get("entries") or []
    if not entries:
        raise Rejected(_no_entries_message(parsed))
    warnings = [*decoded.warnings]
    bozo = _bozo_warning(parsed)
    if bozo:
        warnings.append(bozo)
    source = _clean(parsed.get("feed", {}).get("title"))
    for number, entry in enumerate(entries, start=1):
        entry_origin = f"{origin}#entry {number}"
        text = _entry_text(entry)
        if not text:
            yield IngestError(
                entry_origin, "feed entry has no content or summary text; nothing to extract"
            )
            continue
        article = Article(
            text=text,
            id=_clean(entry.get("id")),
            title=clean_title(_clean(entry.get("title")), source, _clean(entry.get("link"))),
            url=_clean(entry.get("link")),
            source=source,
            published=_entry_date(entry),
            author=_clean(entry.get("author")),
            origin=entry_origin,
            warnings=list(warnings),
        )
        yield article


def as_utf8_xml(text: str) -> bytes:
    """``text`` as UTF-8 bytes, its XML declaration (if any) saying so."""
    return XML_DECLARED_ENCODING.sub(r"\1\2utf-8\2", text, count=1).encode("utf-8")


def _no_entries_message(parsed: Any) -> str:
    if parsed.get("bozo"):
        problem = parsed.get("bozo_exception")
        return f"not a readable RSS/Atom feed ({problem}); check that the file is a feed"
    return "the feed has no entries; nothing to extract"


def _bozo_warning(parsed: Any) -> str | None:
    if not parsed.get("bozo"):
        return None
    return f"feed is not well-formed ({parsed.get('bozo_exception')}); read leniently"


def _entry_text(entry: Any) -> str:
    """The entry's full content if it has one, else its summary, as plain text."""
    for content in entry.get("content") or []:
        value = content.get("value") or ""
        text = value.strip() if content.get("type") == "text/plain" else fragment_to_text(value)
        if text:
            return text
    return fragment_to_text(entry.get("summary") or "")


def _entry_date(entry: Any) -> str | None:
    """Published, else updated: the date as written, else feedparser's parsed (UTC) time."""
    for key in ("published", "updated"):
        written = normalise_date(entry.get(key))
        if written:
            return written
        parsed = entry.get(f"{key}_parsed")
        if parsed:
            try:
                return normalise_date(date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday))
            except ValueError:  # feedparser reads "0000-00-00" as 30 November of year -1
                continue
    return None


def _clean(value: Any) -> str | None:
    return (value.strip() or None) if isinstance(value, str) else None
