"""Long texts cut into pieces spaCy takes in one go, at the text's own boundaries.

spaCy refuses a text over ``nlp.max_length`` characters (error E088, 1,000,000 by default), and
its memory grows with the text it holds at once (a batch of 16 pieces of 100,000 characters
takes 3 GB; of 5,000 characters, 0.4 GB, and less time). A text longer than ``WHOLE_CHARS`` is
therefore read in pieces of at most ``PIECE_CHARS``: each cut falls after a blank line if the
piece has one in its second half, else after a line break, else after a sentence's end, else at
a space (only a text without any space for that long is cut inside a word). The pieces cover
the text exactly, in order, so an offset in a piece plus the piece's start is the offset in the
whole text; white space stays at the end of the piece before, where spaCy's parser puts it in a
whole text too.
"""

from __future__ import annotations

import re

from .models import Span

# Texts up to this many characters go to spaCy whole (every ordinary news article, read as it
# always was); longer ones, whatever their length (``max_text_bytes`` still applies), in pieces of
# at most ``PIECE_CHARS``.
WHOLE_CHARS = 100_000
PIECE_CHARS = 5_000

# Where a piece may end, best first: after a blank line, a line break, a sentence's end (with
# any closing quotes or brackets), a space. Each takes the white space after it, so the next
# piece starts on a word.
BREAKS = (
    re.compile(r"\n[^\S\n]*\n\s*"),
    re.compile(r"\n\s*"),
    re.compile(r"[.!?][\"'\u2019\u201d)\]]*\s+"),
    re.compile(r"\s+"),
)


def chunk_spans(text: str, limit: int = PIECE_CHARS) -> list[Span]:
    """``(start, end)`` spans that cover ``text`` in order, each at most ``limit`` characters;
    a single span for a text that fits. Every piece but the last is at least half the limit
    long, so the cost is linear in the text."""
    if limit < 2:
        raise ValueError(f"a chunk must hold at least 2 characters, not {limit}")
    spans: list[Span] = []
    start = 0
    while len(text) - start > limit:
        end = _cut(text, start + limit // 2, start + limit)
        spans.append((start, end))
        start = end
    spans.append((start, len(text)))
    return spans


def _cut(text: str, lo: int, hi: int) -> int:
    """The best place to end a piece between ``lo`` and ``hi`` (the end of the last match of the
    best kind of break found there; ``hi`` where there is none)."""
    for pattern in BREAKS:
        last = None
        for last in pattern.finditer(text, lo, hi):  # noqa: B007 (the last one is wanted)
            pass
        if last is not None:
            return last.end()
    return hi
