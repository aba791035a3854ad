"""Indirect speech: "X said (that) …", "…, X said", "according to X, …".

The reported clause is the speech verb's clausal complement in the dependency parse (or, for
"according to", the rest of its clause). Without a parse only "<verb> that …" and "according to
X, …" are read, to the end of the sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..view import Token
from .attribution import Attribution, Attributor

_CLAUSE_END = re.compile(r"[.!?;](?=\s|$)")


def indirect_speech(text: str, at: Attributor) -> Iterator[tuple[int, int, Attribution]]:
    """(start, end, attribution) of each reported clause outside quotation marks."""
    parse = at.parse
    tokens = parse.tokens
    for i in range(len(tokens)):
        if not at.is_cue(i, weak_ok=False):
            continue
        if parse.has_parse:
            span = _according(at, i) if tokens[i].text.lower() == "according" else _ccomp(at, i)
        else:
            span = _surface(text, at, i)
        if span is None:
            continue
        lo, hi = _in_paragraph(text, tokens, i, *span)
        if (lo, hi) != span:
            continue  # a clause across paragraphs is a misparse (a headline read with the lead)
        while lo < hi and (tokens[lo].dep == "mark" or not tokens[lo].text[:1].isalnum()):
            lo += 1
        while hi > lo and not tokens[hi].text[:1].isalnum():
            hi -= 1
        if hi - lo < 2 or any(at.inside[j] for j in range(lo, hi + 1)):
            continue
        yield tokens[lo].start, tokens[hi].end, Attribution(i, at.speaker_head(i))


def _in_paragraph(text: str, tokens: list[Token], cue: int, lo: int, hi: int) -> tuple[int, int]:
    """The clause cut to the speech verb's paragraph."""
    para_lo = text.rfind("\n", 0, tokens[cue].start) + 1
    para_hi = text.find("\n", tokens[cue].end)
    para_hi = len(text) if para_hi < 0 else para_hi
    while lo <= hi and tokens[lo].start < para_lo:
        lo += 1
    while hi >= lo and tokens[hi].end > para_hi:
        hi -= 1
    return lo, hi


def _ccomp(at: Attributor, cue: int) -> tuple[int, int] | None:
    clause = at.parse.child(cue, {"ccomp"})
    if clause is None:
        return None
    return at.parse.subtree(clause, cut=lambda j: at.is_cue(j) and at.parse.tokens[j].pos == "VERB")


def _according(at: Attributor, cue: int) -> tuple[int, int] | None:
    """ "According to X, the town fell." / "The town fell, according to X." """
    parse = at.parse
    verb = parse.tokens[cue].head
    if verb == cue:
        return None
    own_lo, own_hi = parse.subtree(cue)
    lo, hi = parse.subtree(verb)
    if own_lo <= lo:
        return own_hi + 1, hi
    if own_hi >= hi - 1:
        return lo, own_lo - 1
    return None


def _surface(text: str, at: Attributor, cue: int) -> tuple[int, int] | None:
    tokens = at.parse.tokens
    word = tokens[cue].text.lower()
    if word == "according":
        comma = text.find(",", tokens[cue].end)
        if comma < 0 or comma - tokens[cue].end > 60:
            return None
        start = comma + 1
    elif cue + 1 < len(tokens) and tokens[cue + 1].text.lower() == "that":
        start = tokens[cue + 1].end
    else:
        return None
    end = _CLAUSE_END.search(text, start)
    stop = end.start() if end else len(text)
    inner = at.parse.between(start, stop)
    return (inner[0], inner[-1]) if len(inner) else None
