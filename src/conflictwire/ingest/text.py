"""Plain text: the whole file is one article; a title-like first line also becomes the title."""

from __future__ import annotations

from conflictwire.models import Article

# A headline is short and does not end like a sentence.
TITLE_MAX_CHARS = 150
TITLE_MAX_WORDS = 25
SENTENCE_ENDS = (".", "!", "?", ",", ";", ":")


def read_text(text: str, origin: str) -> Article:
    """One article holding all of ``text`` (the title line stays in the text)."""
    return Article(text=text, title=guess_title(text), origin=origin)


def guess_title(text: str) -> str | None:
    """The first non-empty line when it looks like a headline and more text follows it."""
    stripped = text.lstrip()
    first, newline, rest = stripped.partition("\n")
    line = first.strip()
    if not newline or not rest.strip() or not line:
        return None
    if len(line) > TITLE_MAX_CHARS or len(line.split()) > TITLE_MAX_WORDS:
        return None
    if line.endswith(SENTENCE_ENDS):
        return None
    return line
