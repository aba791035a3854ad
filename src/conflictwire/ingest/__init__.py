"""Ingest: files, folders and stdin in; :class:`~conflictwire.models.Article` records out.

Readers for plain text, HTML pages (trafilatura), RSS/Atom feeds (feedparser), JSON lines, JSON
and CSV records. Every input gives articles or :class:`IngestError` entries; one bad input (or
line, or feed entry) never stops the others. The readers (and their heavy libraries) are
imported on first use, so ``content_hash`` and ``IngestError`` are cheap to import.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import BinaryIO

from conflictwire.ingest.article import content_hash
from conflictwire.ingest.errors import IngestError
from conflictwire.ingest.language import detect_language
from conflictwire.models import Article
from conflictwire.settings import Settings

__all__ = ["IngestError", "content_hash", "detect_language", "iter_articles"]


def iter_articles(
    inputs: Sequence[str], settings: Settings, *, stdin: BinaryIO | None = None
) -> Iterator[Article | IngestError]:
    """Articles (or errors, one per unreadable input, line or entry) from the inputs, in order."""
    from conflictwire.ingest.sources import iter_articles as _iter_articles

    return _iter_articles(inputs, settings, stdin=stdin)
