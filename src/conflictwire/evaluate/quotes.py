"""Quotation scores against PolNeAR-style gold (``quotes: [{quote_start, quote_end, speaker,
speaker_start, speaker_end, cue, direct}]``).

- Direct recall: a gold direct quotation is found when a predicted direct quotation overlaps
  its span. Indirect recall likewise, with predicted indirect quotations.
- Direct precision (for information): predicted direct quotations that overlap any gold one.
- Named-speaker accuracy: over found gold direct quotations whose speaker is written as a name
  or description (not a pronoun, not missing), the predicted quotation that overlaps it most
  has the right speaker when its speaker span overlaps the gold speaker span, or when the gold
  speaker's head word (its last word: "Trump" in "Donald Trump", "campaign" in "the Trump
  campaign") is a word of the predicted speaker. Gold speakers are mentions as written, ours
  are resolved to the article's fullest name, so spans alone would count "Trump" → "Donald
  Trump" wrong. ``named_speaker_all`` counts the quotations not found as wrong too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..models import Article, Quote
from ..quotes.lexicon import lexicon
from .gold import GoldDocument, ratio

_WORD = re.compile(r"[^\W\d_]+(?:['’.-][^\W\d_]+)*")


@dataclass
class QuoteScores:
    documents: int = 0
    gold_direct: int = 0
    found_direct: int = 0
    gold_indirect: int = 0
    found_indirect: int = 0
    predicted_direct: int = 0
    matching_direct: int = 0
    predicted_indirect: int = 0
    matching_indirect: int = 0
    named: int = 0  # found gold direct quotations with a named or described speaker
    named_gold: int = 0  # all gold direct quotations with a named or described speaker
    named_right: int = 0

    def summary(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "gold_direct": self.gold_direct,
            "direct_recall": ratio(self.found_direct, self.gold_direct),
            "direct_precision": ratio(self.matching_direct, self.predicted_direct),
            "named_speakers": self.named,
            "named_speaker_accuracy": ratio(self.named_right, self.named),
            "named_speaker_all": ratio(self.named_right, self.named_gold),
            "gold_indirect": self.gold_indirect,
            "indirect_recall": ratio(self.found_indirect, self.gold_indirect),
            "indirect_precision": ratio(self.matching_indirect, self.predicted_indirect),
        }


def _overlap(a0: int, a1: int, b0: int, b1: int) -> int:
    return max(0, min(a1, b1) - max(a0, b0))


def head_word(speaker: str) -> str | None:
    """The last word of a speaker as written, before any apposition or "of" phrase, without
    a possessive: "Trump" in "Mr. Trump of New York" or "Trump, the nominee,"."""
    speaker = re.split(r",|\(| of | with | from ", speaker)[0]
    words = _WORD.findall(speaker)
    if not words:
        return None
    return re.sub(r"['’]s$", "", words[-1]).lower()


def is_named(speaker: str | None) -> bool:
    """A gold speaker written as a name or description rather than a pronoun."""
    if not speaker or not speaker.strip():
        return False
    return not lexicon().is_pronoun(speaker.strip())


def speaker_right(quote: Quote, gold: dict[str, Any]) -> bool:
    if quote.speaker is None:
        return False
    g0, g1 = gold.get("speaker_start"), gold.get("speaker_end")
    spans = (quote.speaker_start, quote.speaker_end, g0, g1)
    if None not in spans and _overlap(*(int(x) for x in spans)) > 0:  # type: ignore[arg-type]
        return True
    head = head_word(str(gold["speaker"]))
    return head is not None and head in {w.lower() for w in _WORD.findall(quote.speaker)}


def score_document(scores: QuoteScores, doc: GoldDocument, article: Article) -> None:
    scores.documents += 1
    gold = doc.gold.get("quotes") or []
    direct = [q for q in article.quotes if q.direct]
    indirect = [q for q in article.quotes if not q.direct]
    for g in gold:
        g0, g1 = int(g["quote_start"]), int(g["quote_end"])
        if not g.get("direct"):
            scores.gold_indirect += 1
            scores.found_indirect += any(_overlap(q.start, q.end, g0, g1) for q in indirect)
            continue
        scores.gold_direct += 1
        best = max(direct, key=lambda q: _overlap(q.start, q.end, g0, g1), default=None)
        found = best is not None and _overlap(best.start, best.end, g0, g1) > 0
        scores.found_direct += found
        if is_named(g.get("speaker")):
            scores.named_gold += 1
            if found and best is not None:
                scores.named += 1
                scores.named_right += speaker_right(best, g)
    scores.predicted_direct += len(direct)
    scores.matching_direct += sum(_matches(q, gold) for q in direct)
    scores.predicted_indirect += len(indirect)
    scores.matching_indirect += sum(_matches(q, gold) for q in indirect)


def _matches(quote: Quote, gold: list[dict[str, Any]]) -> bool:
    """The predicted quotation overlaps a gold one (direct or indirect)."""
    return any(
        _overlap(quote.start, quote.end, int(g["quote_start"]), int(g["quote_end"])) for g in gold
    )


def score_quotes(pairs: Iterable[tuple[GoldDocument, Article]]) -> QuoteScores:
    scores = QuoteScores()
    for doc, article in pairs:
        score_document(scores, doc, article)
    return scores
