"""Event type and sub-type against CASE 2021 gold (task 2: news snippets whose gold has only
``event_type`` and ``sub_event_type`` in ACLED's terms).

Each snippet's gold is compared with the article's first (most salient) event; accuracies are
over all snippets, a snippet without an event counting as wrong. The weighted F1 is the one the
shared task reports (scikit-learn's ``f1_score(average="weighted")``): each gold sub-type's F1
weighted by its gold support, where no event is the prediction ``(none)``, a label no gold has,
so it lowers the recall of the gold sub-type and adds nothing to any precision.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..models import Article
from .events import NO_EVENT, SubTypePairs
from .gold import GoldDocument, ratio


@dataclass
class CaseScores(SubTypePairs):
    documents: int = 0
    with_event: int = 0
    type_right: int = 0
    pairs: Counter[tuple[str, str]] = field(default_factory=Counter)  # (gold, ours) sub-types

    def summary(self) -> dict[str, Any]:
        sub_right = sum(c for (gold, ours), c in self.pairs.items() if gold == ours)
        return {
            "documents": self.documents,
            "coverage": ratio(self.with_event, self.documents),
            "event_type": ratio(self.type_right, self.documents),
            "sub_event_type": ratio(sub_right, self.documents),
            "weighted_f1": weighted_f1(self.pairs),
        }


def weighted_f1(pairs: Counter[tuple[str, str]]) -> float | None:
    """The support-weighted mean of each gold label's F1, from (gold, predicted) pair counts.

    A label's F1 is ``2 TP / (gold count + predicted count)`` (= 2PR / (P + R)); labels only
    predicted weigh nothing. None when there is no gold.
    """
    gold: Counter[str] = Counter()
    predicted: Counter[str] = Counter()
    right: Counter[str] = Counter()
    for (gold_label, ours), count in pairs.items():
        gold[gold_label] += count
        predicted[ours] += count
        if gold_label == ours:
            right[gold_label] += count
    total = sum(gold.values())
    if not total:
        return None
    weighted = sum(
        support * 2 * right[label] / (support + predicted[label]) for label, support in gold.items()
    )
    return round(weighted / total, 4)


def score_case_document(scores: CaseScores, doc: GoldDocument, article: Article) -> None:
    scores.documents += 1
    event = article.events[0] if article.events else None
    scores.pairs[
        (str(doc.gold.get("sub_event_type")), event.sub_event_type if event else NO_EVENT)
    ] += 1
    if event is None:
        return
    scores.with_event += 1
    scores.type_right += event.event_type == doc.gold.get("event_type")


def score_case(pairs: Iterable[tuple[GoldDocument, Article]]) -> CaseScores:
    scores = CaseScores()
    for doc, article in pairs:
        score_case_document(scores, doc, article)
    return scores
