"""HTML pages (main text and metadata by trafilatura) and HTML fragments (feed entries)."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

import lxml.html
import trafilatura
from lxml import etree

from conflictwire.ingest.errors import Rejected
from conflictwire.models import Article

# Elements whose start and end are line breaks when a fragment is turned into text.
BLOCK_TAGS = frozenset(
    ("address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption",
     "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav",
     "ol", "p", "pre", "section", "table", "tr", "ul")
)  # fmt: skip
DROP_TAGS = ("script", "style", "noscript", "template")
SPACES = re.compile(r"[ \t\f\v\u00a0]+")
BLANK_LINES = re.compile(r"\n\s*\n+")


def read_html(markup: str, origin: str) -> Article:
    """The page's main text (no navigation, footer or comments) and its metadata."""
    document = trafilatura.bare_extraction(
        markup,
        include_comments=False,
        with_metadata=True,
        date_extraction_params=_date_params(),
    )
    text = getattr(document, "text", None) if document is not None else None
    if not text or not text.strip():
        raise Rejected(
            "no main text found in the HTML page (trafilatura); if the page is rendered by "
            "JavaScript, save the rendered page or pass its text as a .txt file"
        )
    return Article(
        text=text,
        title=_field(document, "title"),
        url=_field(document, "url"),
        source=_field(document, "sitename"),
        published=_field(document, "date"),
        author=_field(document, "author"),
        origin=origin,
    )


def _date_params() -> dict[str, Any]:
    # Metadata only: trafilatura's "extensive" search also takes dates from the article's own
    # text, which in conflict news are often event dates, not the publication date.
    today = datetime.now().astimezone().strftime("%Y-%m-%d")
    return {"original_date": True, "extensive_search": False, "max_date": today}


def _field(document: Any, name: str) -> str | None:
    value = getattr(document, name, None)
    return (value.strip() or None) if isinstance(value, str) else None


def fragment_to_text(fragment: str) -> str:
    """Text of an HTML fragment, one line per block element (paragraph, list item, …)."""
    if "<" not in fragment:
        return _tidy(fragment)
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return fragment.strip()
    etree.strip_elements(root, *DROP_TAGS, with_tail=False)
    parts: list[str] = []
    _collect(root, parts)
    return _tidy("".join(parts))


def _collect(element: Any, parts: list[str]) -> None:
    tag = element.tag if isinstance(element.tag, str) else ""
    block = tag.lower() in BLOCK_TAGS
    if block:
        parts.append("\n")
    if isinstance(element.tag, str) and element.text:
        parts.append(element.text)
    for child in element:
        _collect(child, parts)
    if block:
        parts.append("\n")
    if element.tail:
        parts.append(element.tail)


def _tidy(text: str) -> str:
    lines = (SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return BLANK_LINES.sub("\n", "\n".join(lines)).strip()
