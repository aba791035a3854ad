"""The quote stage: direct and indirect quotations, their speakers, and the events they are about.

1. Quotation marks give the direct quotations (``marks``), within and across paragraphs.
2. Each gets the speech verb and subject next to it (``attribution``); pieces of one quotation
   share a speaker; a quotation without one takes the speaker of the sentence or quotation
   before it in its paragraph, or of the quotation that ends the paragraph before.
3. Speakers are described (name, title, affiliation) and resolved to the article's full name
   for that person (``speakers``).
4. Reported clauses outside quotation marks are indirect quotations (``indirect``).
5. Each quotation is linked to the event it speaks about (``link``), with the speaker's stance
   toward it: claims, denies or disputes (``stance``).
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import replace

from ..models import Article, Quote
from .attribution import Attribution, Attributor
from .indirect import indirect_speech
from .lexicon import Lexicon, lexicon
from .link import link_events
from .marks import QuotedSpan, paragraphs, quoted_spans
from .speakers import Speakers
from .stance import stance_of

__all__ = ["find_quotes"]


def find_quotes(article: Article, lex: Lexicon | None = None) -> Article:
    """Return the article with ``quotes`` filled; articles without an NLP view pass through."""
    if article.nlp is None:
        return article
    lex = lex or lexicon()
    text = article.text
    spans = quoted_spans(text)
    parse = article.nlp.index
    at = Attributor(text, parse, lex, spans)
    speakers = Speakers(text, parse, lex, at.inside)
    found = _attribute(text, spans, at)
    kept: list[tuple[int, int, bool, Attribution | None]] = []
    for span, attribution in zip(spans, found, strict=True):
        words = len(text[span.start : span.end].split())
        if attribution is None and words < lex.min_unattributed_words:
            continue
        kept.append((span.start, span.end, True, attribution))
    kept += [(lo, hi, False, a) for lo, hi, a in indirect_speech(text, at)]
    kept.sort(key=lambda k: (k[0], not k[2]))  # in text order: a pronoun's body spoke before
    quotes = [_quote(text, lo, hi, direct, a, at, speakers) for lo, hi, direct, a in kept]
    link_events(text, quotes, article.events, article.places, article.actors)
    for quote in quotes:
        if quote.event_index is None:
            quote.stance = None  # a stance is toward the linked event
    return replace(article, quotes=quotes)


def _attribute(text: str, spans: list[QuotedSpan], at: Attributor) -> list[Attribution | None]:
    """The attribution of each quotation, from its own sentence or its context."""
    paras = list(paragraphs(text))
    starts = [lo for lo, _ in paras]
    para_of = [bisect_right(starts, s.open) - 1 for s in spans]  # paragraphs are in order
    in_para: dict[int, list[int]] = {}  # a paragraph's quotations, in order
    in_group: dict[int, list[int]] = {}  # the pieces of one quotation
    for n, span in enumerate(spans):
        in_para.setdefault(para_of[n], []).append(n)
        in_group.setdefault(span.group, []).append(n)
    found: list[Attribution | None] = []
    for n, span in enumerate(spans):
        next_open = spans[n + 1].open if n + 1 < len(spans) else len(text)
        found.append(at.direct(span, paras[para_of[n]], next_open))
    for members in in_group.values():  # pieces of one quotation share the attribution: that
        # of the piece before (a transcript's turn that opens with its speaker's label starts
        # anew, "PENCE: …"), else of the first piece that has one
        first = next((found[n] for n in members if found[n] is not None), None)
        shared = None
        for n in members:
            if at.labelled(spans[n]):
                shared = found[n]
                continue
            found[n] = found[n] or shared or first
            shared = found[n]
    for n, span in enumerate(spans):
        if found[n] is not None or at.labelled(span):  # a turn of someone not named: none
            continue
        lo, _ = paras[para_of[n]]
        found[n] = at.in_sentences_before(span.open, lo) or _context(n, found, para_of, in_para)
        if found[n] is None and para_of[n] > 0 and text[lo : span.open].strip() == "":
            prev_lo, prev_hi = paras[para_of[n] - 1]
            found[n] = at.in_sentences_before(prev_hi, prev_lo)
        found[n] = found[n] or at.copular.get(span.open)
    return found


def _context(
    n: int, found: list[Attribution | None], para_of: list[int], in_para: dict[int, list[int]]
) -> Attribution | None:
    """The attribution of the nearest attributed quotation in the same paragraph, else of the
    last one in the paragraph before (a quotation continued by its speaker)."""
    same = [m for m in in_para[para_of[n]] if found[m] is not None]
    if same:
        return found[min(same, key=lambda m: abs(m - n))]
    before = in_para.get(para_of[n] - 1)
    return found[before[-1]] if before else None


def _quote(
    text: str,
    start: int,
    end: int,
    direct: bool,
    attribution: Attribution | None,
    at: Attributor,
    speakers: Speakers,
) -> Quote:
    quote = Quote(quote=text[start:end], start=start, end=end, direct=direct)
    if attribution is None:
        return quote
    cue = at.parse.tokens[attribution.cue]
    quote.cue = "according to" if cue.text.lower() == "according" else cue.text
    quote.stance = stance_of(at, attribution.cue)
    if attribution.head is None:
        return quote
    mention = speakers.resolve(speakers.describe(attribution.head))
    speakers.named.remember(mention)
    quote.speaker = mention.text
    quote.speaker_start, quote.speaker_end = mention.start, mention.end
    quote.speaker_title, quote.speaker_affiliation = mention.title, mention.affiliation
    quote.speaker_type = mention.speaker_type
    return quote
