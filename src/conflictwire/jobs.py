"""The jobs the CLI runs: inputs → pipeline → output, with errors reported per item.

Each function takes an ``on_error`` callback for inputs that could not be read, so a bad file
gets a message and the run goes on; callers decide how to show it and what exit code it means.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from typing import TYPE_CHECKING, BinaryIO

from .dedup import Thresholds, group_pending
from .ingest import IngestError, content_hash, iter_articles
from .models import Article
from .pipeline import Pipeline
from .settings import Settings
from .store import Store

if TYPE_CHECKING:
    from .nlp import FailureHandler

ErrorHandler = Callable[[IngestError], None]

log = logging.getLogger(__name__)

# Articles per store transaction: small enough that an interrupted ingest loses little work,
# large enough that commits are not the bottleneck.
INGEST_BATCH = 32


@dataclass
class RunReport:
    articles: int = 0
    stored: int = 0
    duplicates: int = 0
    reports_grouped: int = 0  # event reports grouped into canonical events (dedup)
    groups_written: int = 0  # canonical events written or rewritten by those passes
    failed: list[IngestError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed


def read_articles(
    inputs: Sequence[str],
    settings: Settings,
    report: RunReport,
    on_error: ErrorHandler,
    stdin: BinaryIO | None = None,
) -> Iterator[Article]:
    """Readable articles from the inputs; unreadable ones go to ``on_error`` and the report."""
    for item in iter_articles(inputs, settings, stdin=stdin):
        if isinstance(item, IngestError):
            report.failed.append(item)
            on_error(item)
        else:
            report.articles += 1
            yield item


# The most of an error's message a warning quotes.
ERROR_CHARS = 200


def failure_reporter(report: RunReport, on_error: ErrorHandler) -> FailureHandler:
    """What the pipeline calls with an article it could not process: an error naming the article
    for ``on_error`` and the report (the article is left out, the others go on)."""

    def failed(article: Article, exc: Exception) -> None:
        log.debug("processing %s failed", article.origin or article.id, exc_info=exc)
        said = (str(exc).strip().splitlines() or [""])[0]
        said = said if len(said) <= ERROR_CHARS else said[: ERROR_CHARS - 3] + "..."
        error = IngestError(
            article.origin or article.id or "article",
            f"could not be processed ({type(exc).__name__}: {said}); left out, the other "
            "articles go on",
        )
        report.failed.append(error)
        on_error(error)

    return failed


def extract(
    inputs: Sequence[str],
    settings: Settings,
    pipeline: Pipeline,
    report: RunReport,
    on_error: ErrorHandler,
    stdin: BinaryIO | None = None,
) -> Iterator[Article]:
    """Processed articles, in input order, straight from the inputs."""
    return pipeline.run(
        read_articles(inputs, settings, report, on_error, stdin),
        on_failure=failure_reporter(report, on_error),
    )


def _chunks(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def ingest(
    inputs: Sequence[str],
    settings: Settings,
    pipeline: Pipeline,
    store: Store,
    report: RunReport,
    on_error: ErrorHandler,
    *,
    stdin: BinaryIO | None = None,
    on_article: Callable[[Article], None] | None = None,
) -> RunReport:
    """Process new articles into the store, one transaction per batch.

    Texts already stored (same content hash) are skipped before the costly stages, so re-running
    an interrupted ingest only processes what is missing. After each batch its events are grouped
    with the stored ones into canonical events (incrementally: only the groups they touch).
    """
    limits = Thresholds.from_settings(settings)
    articles = read_articles(inputs, settings, report, on_error, stdin)
    on_failure = failure_reporter(report, on_error)
    for chunk in _chunks(articles, INGEST_BATCH):
        digests = [content_hash(a.text) for a in chunk]
        seen = store.known_hashes(digests)
        fresh = []
        for article, digest in zip(chunk, digests, strict=True):
            if digest in seen:
                report.duplicates += 1
                continue
            seen.add(digest)
            fresh.append(article)
        processed = list(pipeline.run(fresh, on_failure=on_failure))
        result = store.add_batch(processed)
        report.stored += result.added
        report.duplicates += result.skipped
        grouped = group_pending(store.conn, limits)
        report.reports_grouped += grouped.reports
        report.groups_written += grouped.groups
        if on_article is not None:
            for article in processed:
                on_article(article)
    return report
