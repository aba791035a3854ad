"""Quoted passages by their marks: “ ” " " « » „ “ ‘ ’ and ' ', within and across paragraphs.

A paragraph whose quotation is still open at its end continues into the next paragraph when
that one opens with a quotation mark (the wire convention for long quotes); the pieces share a
``group``. An open quotation that is not continued ends with its paragraph.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

# Opening mark → the marks that close it.
DOUBLE = {"“": '”"', '"': '"”', "«": "»", "„": "“”", "»": "«"}
SINGLE = {"‘": "’'", "'": "'’", "‹": "›"}
OPENERS = frozenset(DOUBLE) | frozenset(SINGLE)
_BEFORE_OPEN = frozenset(" \t([{—–-/:;,")


@dataclass(frozen=True)
class QuotedSpan:
    start: int  # the quotation's text, marks and outer spaces excluded
    end: int
    open: int  # offset of the opening mark
    close: int | None  # offset of the closing mark; None where the paragraph ends first
    group: int  # pieces of one quotation across paragraphs share a group


def paragraphs(text: str) -> Iterator[tuple[int, int]]:
    """Non-blank lines as (start, end) spans: the paragraphs of a cleaned article."""
    for m in re.finditer(r"[^\n]+", text):
        if m.group().strip():
            yield m.start(), m.end()


def _opens(text: str, i: int, lo: int) -> bool:
    """A mark at ``i`` opens a quotation: at the paragraph's start or after a space or bracket,
    and followed by text."""
    before_ok = i == lo or text[i - 1] in _BEFORE_OPEN or text[i - 1] in OPENERS
    return before_ok and i + 1 < len(text) and not text[i + 1].isspace()


def _closes_single(text: str, i: int, hi: int) -> bool:
    """A single mark closes only where no letter follows (so "don’t" is an apostrophe)."""
    return i + 1 >= hi or not text[i + 1].isalnum()


# Any mark that may open a quotation; and, for each, any that may end it (the regex engine
# finds the next one: a paragraph is mostly other characters).
_ANY_OPENER = re.compile("[" + re.escape("".join(sorted(OPENERS))) + "]")
_ENDS = {
    ch: re.compile("[" + re.escape(closers + ("“" if ch == "“" else "")) + "]")
    for ch, closers in (DOUBLE | SINGLE).items()
}


def _spans_in(text: str, lo: int, hi: int) -> Iterator[tuple[int, int | None]]:
    """(opening mark, closing mark or None) pairs at the top level of one paragraph."""
    i = lo
    while i < hi:
        found = _ANY_OPENER.search(text, i, hi)
        if found is None:
            return
        i = found.start()
        ch = text[i]
        closers = DOUBLE.get(ch) or SINGLE.get(ch)
        if closers is None or not (_opens(text, i, lo) or (ch in "“«„" and ch != "»")):
            i += 1
            continue
        if ch == "»" and "«" in text[lo:hi]:  # guillemets pointing outwards are « »
            i += 1
            continue
        single = ch in SINGLE
        ends = _ENDS[ch]
        j = i + 1
        while j < hi:
            end = ends.search(text, j, hi)
            if end is None:
                j = hi
                break
            j = end.start()
            closing = text[j] in closers and (not single or _closes_single(text, j, hi))
            closing = closing or (ch == "“" and text[j] == "“" and _misturned(text, j, hi))
            if closing and j > i + 1:
                break
            j += 1
        if j >= hi:
            if single:  # an unclosed single mark is an apostrophe or a stray
                i += 1
                continue
            yield i, None
            return
        yield i, j
        i = j + 1


def _misturned(text: str, j: int, hi: int) -> bool:
    """An opening “ where a closing one belongs (“It's unusual,“ said …): after a word or
    punctuation and before a space or the end of the paragraph."""
    return not text[j - 1].isspace() and (j + 1 >= hi or text[j + 1] in " \t.,;:")


def _content(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return start, end


def quoted_spans(text: str) -> list[QuotedSpan]:
    """Every quotation in ``text``, in order."""
    found: list[QuotedSpan] = []
    group = -1
    continuing = False  # the previous paragraph ended inside a quotation
    for lo, hi in paragraphs(text):
        lead = lo + len(text[lo:hi]) - len(text[lo:hi].lstrip())
        carried = continuing
        continuing = False
        for open_at, close_at in _spans_in(text, lo, hi):
            if not (carried and open_at == lead):
                group += 1
            carried = False
            start, end = _content(text, open_at + 1, hi if close_at is None else close_at)
            if end > start:
                found.append(QuotedSpan(start, end, open_at, close_at, group))
            continuing = close_at is None
    return found
