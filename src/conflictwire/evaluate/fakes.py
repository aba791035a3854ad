"""The governorate of the main event against FA-KES gold (full articles on the Syrian war; gold
``admin1`` is a lowercase governorate key, ``credible`` the dataset's label).

Our first (main) event's ``admin1``, a GeoNames name ("Ḩalab", "Rīf Dimashq"), is read as a
governorate key through ``data/evaluate/fakes_governorates.tsv`` (names compared folded by
``gazetteer.normalize.normalize``; Dimashq and Rīf Dimashq are both "damascus", as in FA-KES).
What we give when it is no governorate: ``(none)`` no event, ``(other)`` an event outside Syria
(or an admin1 the table lacks), ``(no admin1)`` an event placed only at the country. Accuracy is
over all articles; it is split by the ``credible`` label, as a false article's account of where
may differ from the records the gold comes from.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from ..gazetteer.datafiles import read_table_at
from ..gazetteer.normalize import normalize
from ..models import Article, Event
from .events import NO_EVENT, confusion_table, top_confusions
from .gold import GoldDocument, ratio

TABLE = "fakes_governorates.tsv"
SYRIA = "SY"
OUTSIDE = "(other)"
NO_ADMIN1 = "(no admin1)"
MAX_MISSES = 10


def table_path() -> Path:
    return Path(str(resources.files("conflictwire").joinpath("data", "evaluate", TABLE)))


def read_governorates(path: Path) -> dict[str, str]:
    """Folded admin1 name → governorate key; a name given two keys is an error."""
    keys: dict[str, str] = {}
    for row in read_table_at(path):
        name, key = normalize(row["admin1"]), row["governorate"]
        if keys.setdefault(name, key) != key:
            raise ValueError(f"{path.name}: {row['admin1']!r} is both {keys[name]} and {key}")
    return keys


@cache
def governorates() -> dict[str, str]:
    """The packaged table (cached)."""
    return read_governorates(table_path())


def governorate(event: Event | None) -> str:
    """The FA-KES governorate key of an event's admin1, or why there is none."""
    if event is None:
        return NO_EVENT
    if event.iso and event.iso != SYRIA:
        return OUTSIDE
    if not event.admin1:
        return NO_ADMIN1
    return governorates().get(normalize(event.admin1), OUTSIDE)


@dataclass
class FakesScores:
    documents: int = 0
    with_event: int = 0
    right: Counter[bool] = field(default_factory=Counter)  # by the ``credible`` label
    total: Counter[bool] = field(default_factory=Counter)
    pairs: Counter[tuple[str, str]] = field(default_factory=Counter)  # (gold, ours)
    misses: list[dict[str, str | None]] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        right = sum(self.right.values())
        return {
            "documents": self.documents,
            "coverage": ratio(self.with_event, self.documents),
            "governorate": ratio(right, self.documents),
            "governorate_with_event": ratio(right, self.with_event),
            "credible_documents": self.total[True],
            "governorate_credible": ratio(self.right[True], self.total[True]),
            "not_credible_documents": self.total[False],
            "governorate_not_credible": ratio(self.right[False], self.total[False]),
        }

    def confusion(self) -> dict[str, dict[str, int]]:
        """Gold governorate → ours → count."""
        return confusion_table(self.pairs)

    def top_confusions(self, n: int = 10) -> list[tuple[str, str, int]]:
        return top_confusions(self.pairs, n)

    def details(self) -> dict[str, Any]:
        """What ``--json`` adds to the summary."""
        return {"confusion": self.confusion(), "misses": self.misses}


def score_fakes_document(scores: FakesScores, doc: GoldDocument, article: Article) -> None:
    scores.documents += 1
    event = article.events[0] if article.events else None
    gold, ours = str(doc.gold.get("admin1")).lower(), governorate(event)
    credible = bool(doc.gold.get("credible"))
    scores.pairs[(gold, ours)] += 1
    scores.total[credible] += 1
    scores.with_event += event is not None
    if gold == ours:
        scores.right[credible] += 1
    elif len(scores.misses) < MAX_MISSES:
        location = event.location if event else None
        scores.misses.append({"id": doc.id, "gold": gold, "ours": ours, "location": location})


def score_fakes(pairs: Iterable[tuple[GoldDocument, Article]]) -> FakesScores:
    scores = FakesScores()
    for doc, article in pairs:
        score_fakes_document(scores, doc, article)
    return scores
