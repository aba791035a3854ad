"""Texts that should report no event (``evaluate events --expect-none``): how many get one anyway,
of which sub-type, and on which words.

Any gold JSONL with texts will do (GeoVirus' epidemics, PolNeAR's election coverage); its gold
is ignored. The event rate is the share of documents with at least one event; the sub-types are
those of each document's first event; the examples (the first documents with an event, in file
order) give the trigger's words and the sentence they were read in, shortened around them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..models import Article, Event
from .gold import GoldDocument, ratio

MAX_EXAMPLES = 10
SENTENCE_CHARS = 160  # an example's sentence is cut to about this many characters


@dataclass
class NoEventScores:
    documents: int = 0
    with_event: int = 0
    events: int = 0
    sub_types: Counter[str] = field(default_factory=Counter)  # of each document's first event
    examples: list[dict[str, str | None]] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "with_event": self.with_event,
            "event_rate": ratio(self.with_event, self.documents),
            "events": self.events,
        }

    def by_sub_type(self) -> dict[str, int]:
        """First events' sub-types, most frequent first."""
        return dict(self.sub_types.most_common())

    def details(self) -> dict[str, Any]:
        """What ``--json`` adds to the summary."""
        return {"sub_event_types": self.by_sub_type(), "examples": self.examples}


def shorten(text: str, around: tuple[int, int] | None = None, width: int = SENTENCE_CHARS) -> str:
    """``text`` on one line, cut to about ``width`` characters around the span ``around``
    (offsets into ``text``) with "…" where something was left out."""
    if len(text) <= width:
        return " ".join(text.split())
    start, end = around if around is not None else (0, 0)
    left = max(0, min(start - (width - (end - start)) // 2, len(text) - width))
    right = left + max(width, end - left)
    cut = text[left:right]
    return ("…" if left > 0 else "") + " ".join(cut.split()) + ("…" if right < len(text) else "")


def example(doc_id: str, article: Article, event: Event) -> dict[str, str | None]:
    """What fired: the document, the sub-type, the trigger's words and their sentence."""
    evidence = event.evidence
    trigger = article.text[slice(*evidence.trigger)] if evidence.trigger else None
    sentence = None
    if evidence.sentence is not None:
        first, last = evidence.sentence
        around = None
        if evidence.trigger is not None:
            around = (evidence.trigger[0] - first, evidence.trigger[1] - first)
        sentence = shorten(article.text[first:last], around)
    return {
        "id": doc_id,
        "sub_event_type": event.sub_event_type,
        "trigger": trigger,
        "sentence": sentence,
    }


def score_expect_none(pairs: Iterable[tuple[GoldDocument, Article]]) -> NoEventScores:
    scores = NoEventScores()
    for doc, article in pairs:
        scores.documents += 1
        if not article.events:
            continue
        first = article.events[0]
        scores.with_event += 1
        scores.events += len(article.events)
        scores.sub_types[first.sub_event_type] += 1
        if len(scores.examples) < MAX_EXAMPLES:
            scores.examples.append(example(doc.id, article, first))
    return scores
