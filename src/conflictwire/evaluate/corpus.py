"""Scoring events on a corpus of whole articles against our own gold (``tests/gold/``).

A corpus gold line names its article by file and entry (``{"origin": "txt/x.txt", "entry": 0,
"events": [...]}``) rather than carrying the text; the articles are read from the corpus
folder with the normal ingest. Articles whose gold lists events are scored like ACLED notes (the
first gold event against our first event); articles whose gold lists none measure false
positives: how many of them we give an event anyway.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ..models import Article
from ..settings import Settings
from .events import EventScores, score_document
from .gold import GoldDocument, ratio

Locate = Callable[[int], tuple[float, float] | None]  # geonameid -> (latitude, longitude)


def read_corpus_gold(path: str | Path) -> dict[tuple[str, int], dict[str, Any]]:
    """Gold records by (file relative to the corpus folder, entry number within it)."""
    gold = {}
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            gold[(str(record["origin"]), int(record.get("entry") or 0))] = record
        except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
            raise ValueError(f"{path}:{number}: not a corpus gold record ({exc})") from None
    return gold


def corpus_articles(root: Path, settings: Settings) -> list[Article]:
    """The corpus folder's articles, read as ``ingest`` reads them."""
    from ..ingest import iter_articles

    return [a for a in iter_articles([str(root)], settings) if isinstance(a, Article)]


def dated_by_gold(
    articles: Iterable[Article], gold: dict[tuple[str, int], dict[str, Any]], root: Path
) -> list[Article]:
    """The articles the gold names, each without a publication date of its own (a ``.txt``
    file) given the gold's, as a user gives ``--published``: past and background events are
    judged against it."""
    return [
        replace(article, published=article.published or record.get("published"))
        for record, article in pair_with_gold(articles, gold, root)
    ]


def pair_with_gold(
    articles: Iterable[Article], gold: dict[tuple[str, int], dict[str, Any]], root: Path
) -> Iterator[tuple[dict[str, Any], Article]]:
    """(gold record, article) for each article the gold names; others are skipped."""
    seen: dict[str, int] = defaultdict(int)
    for article in articles:
        path = (article.origin or "").split("#entry")[0].split(":line")[0]
        try:
            relative = Path(path).resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            continue
        record = gold.get((relative, seen[relative]))
        seen[relative] += 1
        if record is not None:
            yield record, article


@dataclass
class CorpusScores:
    events: EventScores = field(default_factory=EventScores)
    quiet: int = 0  # articles whose gold lists no event
    quiet_with_event: int = 0  # ... that we gave one anyway
    quiet_events: int = 0
    false_alarms: list[str] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        out = self.events.summary()
        out["no_event_articles"] = self.quiet
        out["false_positive_rate"] = ratio(self.quiet_with_event, self.quiet)
        out["events_on_no_event_articles"] = self.quiet_events
        return out


def score_corpus(pairs: Iterable[tuple[dict[str, Any], Article]], locate: Locate) -> CorpusScores:
    scores = CorpusScores()
    for record, article in pairs:
        if not record.get("events"):
            scores.quiet += 1
            scores.quiet_events += len(article.events)
            if article.events:
                scores.quiet_with_event += 1
                scores.false_alarms.append(article.title or article.origin or "?")
            continue
        score_document(scores.events, _as_note(record, article, locate), article)
    return scores


def _as_note(record: dict[str, Any], article: Article, locate: Locate) -> GoldDocument:
    """The record's first event in the ACLED-note form ``score_document`` reads."""
    first = dict(record["events"][0])
    geonameid = first.get("location_geonameid")
    point = locate(int(geonameid)) if geonameid is not None else None
    first["latitude"], first["longitude"] = point if point else (None, None)
    return GoldDocument(id=article.id or "", text=article.text, gold=first)
