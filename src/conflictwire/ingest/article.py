"""Turn what a reader found into a finished :class:`Article`: clean text, id, date, language."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from datetime import date, datetime
from email.utils import parsedate_to_datetime

from conflictwire.ingest.errors import IngestError
from conflictwire.ingest.language import assign_language
from conflictwire.ingest.mojibake import garbled_warning
from conflictwire.models import Article
from conflictwire.settings import Settings

ID_HEX_CHARS = 16
# A line end other than LF: CR LF (Windows) or CR alone (old Mac files, "\r\r\n" artefacts).
LINE_END = re.compile(r"\r\n?")


def normalise_text(text: str) -> str:
    """The minimal clean-up offsets can survive: no BOM (a file saved twice may have two),
    ``\\n`` line ends (for CR LF and for CR alone, as Python reads text files), NFC."""
    text = LINE_END.sub("\n", text.lstrip("\ufeff"))
    return unicodedata.normalize("NFC", text)


def content_hash(text: str) -> str:
    """SHA-256 (hex) of the NFC form of ``text``: the store's idempotency key."""
    return hashlib.sha256(unicodedata.normalize("NFC", text).encode("utf-8")).hexdigest()


def normalise_date(value: object) -> str | None:
    """An ISO date or datetime, or an RFC 2822 date (feeds), as ``YYYY-MM-DD``; else None.

    The date is the one written, in the writer's own time zone (not converted to UTC).
    """
    if isinstance(value, datetime | date):
        return _day(value)
    if not isinstance(value, str) or not value.strip():
        return None
    raw = value.strip()
    try:
        return _day(datetime.fromisoformat(raw))
    except ValueError:
        pass
    try:
        return _day(parsedate_to_datetime(raw))
    except (TypeError, ValueError, IndexError):
        return None


def _day(value: date) -> str:
    """``YYYY-MM-DD``, the year in four digits (``strftime("%Y")`` writes year 999 as 999)."""
    return f"{value.year:04d}-{value.month:02d}-{value.day:02d}"


def finish_article(article: Article, settings: Settings) -> Article | IngestError:
    """Normalise the text and fill id, published and language; or say why there is no article.

    A text that still looks garbled (``mojibake.py``) gets a warning before it is extracted.
    """
    origin = article.origin or "-"
    text = normalise_text(article.text)
    if not text.strip():
        return IngestError(origin, "no text (empty or whitespace only); nothing to extract")
    size = len(text.encode("utf-8"))
    if size > settings.max_text_bytes:
        return IngestError(
            origin,
            f"text is {size:,} bytes (UTF-8), over the limit of {settings.max_text_bytes:,}; "
            "raise the setting max_text_bytes (env CONFLICTWIRE_MAX_TEXT_BYTES) to read it",
        )
    article.text = text
    garbled = garbled_warning(text)
    if garbled:
        article.warnings.append(garbled)
    if article.title:
        article.title = unicodedata.normalize("NFC", article.title).strip() or None
    article.id = article.id or content_hash(text)[:ID_HEX_CHARS]
    article.published = article.published or settings.published
    assign_language(article, settings)
    return article
