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
  Trump" wrong; a gold "the mayor" resolved to the person named before with that title (Bill
  de Blasio, title Mayor) is right. ``named_speaker_all`` counts the quotations not found as
  wrong too.
- Indirect precision: predicted indirect quotations that overlap any gold one.
- Speaker accuracy by kind: the same test of the speaker, over the found gold quotations
  (direct, and indirect apart) whose speaker is written as a name or description, split by the
  gold speaker's kind (``speaker_kind``: person, organisation, unnamed source; it reads the
  article's entities, so the articles keep their NLP view).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..models import Article, Quote
from ..quotes.lexicon import lexicon
from .gold import GoldDocument, ratio

_REFLEXIVES = frozenset({"himself", "herself", "themselves", "itself"})  # "Sanders himself"
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
    # found gold quotations with a written speaker, and those whose speaker we got right, by
    # whether the quotation is direct and the gold speaker's kind
    by_kind: Counter[tuple[str, str]] = field(default_factory=Counter)
    by_kind_right: Counter[tuple[str, str]] = field(default_factory=Counter)
    named: int = 0  # found gold direct quotations with a named or described speaker
    named_gold: int = 0  # all gold direct quotations with a named or described speaker
    named_right: int = 0
    swapped: int = 0  # gold direct quotations whose speaker and cue are swapped (not scored)

    def summary(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "gold_direct": self.gold_direct,
            "direct_recall": ratio(self.found_direct, self.gold_direct),
            "direct_precision": ratio(self.matching_direct, self.predicted_direct),
            "named_speakers": self.named,
            "named_speaker_accuracy": ratio(self.named_right, self.named),
            "named_speaker_all": ratio(self.named_right, self.named_gold),
            "swapped_speakers": self.swapped,
            "gold_indirect": self.gold_indirect,
            "indirect_recall": ratio(self.found_indirect, self.gold_indirect),
            "indirect_precision": ratio(self.matching_indirect, self.predicted_indirect),
            "speaker_accuracy_by_kind": {
                way: {
                    kind: {
                        "quotes": self.by_kind[way, kind],
                        "accuracy": ratio(self.by_kind_right[way, kind], self.by_kind[way, kind]),
                    }
                    for kind in KINDS
                    if self.by_kind[way, kind]
                }
                for way in ("direct", "indirect")
            },
        }


def _overlap(a0: int, a1: int, b0: int, b1: int) -> int:
    return max(0, min(a1, b1) - max(a0, b0))


def head_word(speaker: str) -> str | None:
    """The last word of a speaker as written, before any apposition or "of" phrase, without
    a possessive or a reflexive: "Trump" in "Mr. Trump of New York", "Trump, the nominee," or
    "Trump himself"."""
    speaker = re.split(r",|\(| of | with | from ", speaker)[0]
    words = [w for w in _WORD.findall(speaker) if w.lower() not in _REFLEXIVES]
    if not words:
        return None
    return re.sub(r"['’]s$", "", words[-1]).lower()


def is_named(speaker: str | None) -> bool:
    """A gold speaker written as a name or description rather than a pronoun."""
    if not speaker or not speaker.strip():
        return False
    return not lexicon().is_pronoun(speaker.strip())


def swapped(gold: dict[str, Any]) -> bool:
    """A gold record whose speaker is itself a speech verb ("said", with the name as its cue):
    speaker and cue swapped in the annotation, so it cannot be scored for its speaker."""
    words = _WORD.findall(str(gold.get("speaker") or ""))
    return len(words) == 1 and words[0].islower() and lexicon().cue_lemma(words[0]) is not None


KINDS = ("person", "organisation", "unnamed")
ORGANISATION_LABELS = frozenset({"ORG", "NORP", "GPE", "FAC"})


def speaker_kind(article: Article, gold: dict[str, Any]) -> str | None:
    """The kind of a gold speaker written as a name or description: ``person`` where its head
    word is in a PERSON entity, ``organisation`` where it is in an organisation, group or place
    entity, is capitalised or is an organisation noun ("ministry", "campaign"), else
    ``unnamed`` (an unnamed source: "aides", "a senior official"); None for a pronoun."""
    speaker = gold.get("speaker")
    if not is_named(speaker):
        return None
    head = head_word(str(speaker))
    start, end = gold.get("speaker_start"), gold.get("speaker_end")
    if head is None:
        return "unnamed"
    if article.nlp is not None and start is not None and end is not None:
        text = article.text.lower()
        at = text.rfind(head, int(start), int(end))
        if at >= 0:
            ent = article.nlp.index.entity_at(at, at + len(head))
            if ent is not None and ent.label == "PERSON":
                return "person"
            if ent is not None and ent.label in ORGANISATION_LABELS:
                return "organisation"
    words = _WORD.findall(re.split(r",|\(| of | with | from ", str(speaker))[0])
    if words and words[-1][:1].isupper() and len(words) > 1 and words[-2][:1].isupper():
        return "person"  # "Mr. Trump", "Elizabeth Warren" without an entity
    if words and words[-1][:1].isupper():
        return "organisation"
    return "organisation" if head in lexicon().organisation_nouns else "unnamed"


def speaker_right(quote: Quote, gold: dict[str, Any]) -> bool:
    if quote.speaker is None:
        return False
    g0, g1 = gold.get("speaker_start"), gold.get("speaker_end")
    spans = (quote.speaker_start, quote.speaker_end, g0, g1)
    if None not in spans and _overlap(*(int(x) for x in spans)) > 0:  # type: ignore[arg-type]
        return True
    head = head_word(str(gold["speaker"]))
    if head is None:
        return False
    if head in {w.lower() for w in _WORD.findall(quote.speaker)}:
        return True
    # "the mayor" resolved to the person named before with that title ("Bill de Blasio", Mayor)
    title = (quote.speaker_title or "").lower().split()
    return bool(title) and title[-1] == head


def score_document(scores: QuoteScores, doc: GoldDocument, article: Article) -> None:
    scores.documents += 1
    gold = doc.gold.get("quotes") or []
    direct = [q for q in article.quotes if q.direct]
    indirect = [q for q in article.quotes if not q.direct]
    for g in gold:
        g0, g1 = int(g["quote_start"]), int(g["quote_end"])
        if not g.get("direct"):
            scores.gold_indirect += 1
            best = max(indirect, key=lambda q: _overlap(q.start, q.end, g0, g1), default=None)
            found = best is not None and _overlap(best.start, best.end, g0, g1) > 0
            scores.found_indirect += found
            if found and best is not None:
                _count_kind(scores, "indirect", article, best, g)
            continue
        scores.gold_direct += 1
        best = max(direct, key=lambda q: _overlap(q.start, q.end, g0, g1), default=None)
        found = best is not None and _overlap(best.start, best.end, g0, g1) > 0
        scores.found_direct += found
        scores.swapped += swapped(g)
        if is_named(g.get("speaker")) and not swapped(g):
            scores.named_gold += 1
            if found and best is not None:
                scores.named += 1
                scores.named_right += speaker_right(best, g)
                _count_kind(scores, "direct", article, best, g)
    scores.predicted_direct += len(direct)
    scores.matching_direct += sum(_matches(q, gold) for q in direct)
    scores.predicted_indirect += len(indirect)
    scores.matching_indirect += sum(_matches(q, gold) for q in indirect)


def _count_kind(
    scores: QuoteScores, way: str, article: Article, quote: Quote, gold: dict[str, Any]
) -> None:
    kind = speaker_kind(article, gold)
    if kind is not None and not swapped(gold):
        scores.by_kind[way, kind] += 1
        scores.by_kind_right[way, kind] += speaker_right(quote, gold)


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
