"""HTML pages (main text and metadata by trafilatura) and HTML fragments (feed entries)."""

from __future__ import annotations

import logging
import re
from datetime import datetime
from functools import cache
from typing import Any

import lxml.html
import trafilatura
from lxml import etree

from conflictwire.ingest.errors import Rejected
from conflictwire.ingest.titles import clean_title
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
# Libraries that log their own warnings ("discarding data: None") for pages they cannot use;
# we report such pages ourselves, once, naming the file.
QUIET_LOGGERS = ("trafilatura", "htmldate", "courlan", "justext")

# How a page starts: a doctype or <html> (after a BOM, an XML declaration or comments).
PAGE_START = re.compile(
    rb"\A(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b",
    re.I | re.S,
)
# With scripting on, as in the browsers the page was made for, <noscript> holds raw text up to
# its end tag (it does not nest): what it says is for browsers without JavaScript, not article text.
NOSCRIPT = re.compile(r"<noscript\b.*?</noscript\s*>", re.I | re.S)

# Signs that a page's text is drawn by JavaScript, looked for only when a page has no main text
# and little visible text at all (``SCRIPTED_MAX_CHARS``): script bundles, an empty app root,
# a <noscript> asking for JavaScript.
SCRIPTED_MAX_CHARS = 200
SCRIPT_BUNDLE = re.compile(r"<script\b[^>]*\bsrc\s*=", re.I)
APP_ROOT = re.compile(
    r"""<div\b[^>]*\bid\s*=\s*["']?(?:root|app|__next|__nuxt|___gatsby|svelte)\b"""
    r"|\bng-version\b|\bng-app\b|\bdata-reactroot\b|<app-root\b",
    re.I,
)
NOSCRIPT_ASKS = re.compile(r"<noscript\b(?:(?!</noscript).)*?javascript", re.I | re.S)
INVISIBLE = re.compile(
    r"<(script|style|noscript|template)\b.*?</\1\s*>|<!--.*?-->|<[^>]*>", re.I | re.S
)


def looks_like_html_page(head: bytes) -> bool:
    """Whether a file's first bytes open an HTML page (a doctype or an ``<html>`` tag)."""
    return PAGE_START.match(head) is not None


def read_html(markup: str, origin: str) -> Article:
    """The page's main text (no navigation, footer, comments or <noscript>) and its metadata."""
    _quiet_libraries()
    document = trafilatura.bare_extraction(
        NOSCRIPT.sub("", markup),
        include_comments=False,
        with_metadata=True,
        date_extraction_params=_date_params(),
    )
    text = getattr(document, "text", None) if document is not None else None
    if not text or not text.strip():
        raise Rejected(_no_text_message(markup))
    source, url = _field(document, "sitename"), _field(document, "url")
    return Article(
        text=text,
        title=clean_title(_field(document, "title"), source, url),
        url=url,
        source=source,
        published=_field(document, "date"),
        author=_field(document, "author"),
        origin=origin,
    )


def _no_text_message(markup: str) -> str:
    if rendered_by_javascript(markup):
        return (
            "no main text found in the HTML page (trafilatura): the page is drawn by "
            "JavaScript; save the page as rendered by a browser or pass its text as a .txt file"
        )
    return (
        "no main text found in the HTML page (trafilatura); check that the file holds the "
        "article, or pass its text as a .txt file"
    )


def rendered_by_javascript(markup: str) -> bool:
    """Whether a page is an empty shell filled by scripts (see ``SCRIPTED_MAX_CHARS``)."""
    visible = len("".join(INVISIBLE.sub(" ", markup).split()))
    if visible > SCRIPTED_MAX_CHARS:
        return False
    return any(sign.search(markup) for sign in (SCRIPT_BUNDLE, APP_ROOT, NOSCRIPT_ASKS))


@cache
def _quiet_libraries() -> None:
    for name in QUIET_LOGGERS:
        logging.getLogger(name).setLevel(logging.CRITICAL)


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
