"""The jobs the CLI runs: inputs → pipeline → output, with errors reported per item.

Each function takes an ``on_error`` callback for inputs that could not be read, so a bad file
gets a message and the run goes on; callers decide how to show it and what exit code it means.
The same callback gets the warnings ingest gave an article it could read (bad bytes replaced,
another language, garbled text), one per warning: shown, but not counted as failures.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from .dedup import Thresholds, group_pending
from .ingest import IngestError, content_hash, iter_articles
from .ingest.errors import STDIN_ORIGIN
from .models import Article
from .pipeline import Pipeline
from .settings import Settings
from .store import Store

if TYPE_CHECKING:
    from .nlp import FailureHandler

ErrorHandler = Callable[[IngestError], None]
InputDone = Callable[[str], None]  # told each input's name once it has been read

log = logging.getLogger(__name__)

# Articles per store transaction: small enough that an interrupted ingest loses little work,
# large enough that commits are not the bottleneck.
INGEST_BATCH = 32


@dataclass
class RunReport:
    articles: int = 0
    stored: int = 0
    duplicates: int = 0  # texts already stored, from an outlet already listed
    sources_added: int = 0  # copies of stored texts from another outlet, added as sources
    renamed: int = 0  # texts stored under a new id (their input's id was taken)
    reports_grouped: int = 0  # event reports grouped into canonical events (dedup)
    groups_written: int = 0  # canonical events written or rewritten by those passes
    failed: list[IngestError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed


class InputFiles:
    """The inputs with each folder replaced by the files it holds (in the order they are read),
    walked anew, lazily, each time they are iterated; a folder with none stays, to be reported.
    Read one by one, they give what the inputs give.

    ``len()`` walks the folders once more to count (cheap next to reading the files): the
    run's total for a progress count, while the number of articles in a feed, JSONL, CSV or
    WARC file is known only by reading it.
    """

    def __init__(self, inputs: Sequence[str]) -> None:
        self.inputs = tuple(inputs)

    def __iter__(self) -> Iterator[str]:
        from .ingest.sources import walk_folder  # the readers' libraries load only when needed

        for name in self.inputs:
            path = Path(name)
            found = False
            if name != STDIN_ORIGIN and path.is_dir():
                for file in walk_folder(path):
                    found = True
                    yield str(file)
            if not found:
                yield name

    def __len__(self) -> int:
        return sum(1 for _ in self)


def input_files(inputs: Sequence[str]) -> InputFiles:
    """The inputs' files, walked lazily (:class:`InputFiles`)."""
    return InputFiles(inputs)


def read_articles(
    inputs: Iterable[str],
    settings: Settings,
    report: RunReport,
    on_error: ErrorHandler,
    stdin: BinaryIO | None = None,
    on_input: InputDone | None = None,
) -> Iterator[Article]:
    """Readable articles from the inputs; unreadable ones go to ``on_error`` and the report;
    ``on_input`` hears of each input when it has been read. The readable ones' warnings go to
    ``on_error`` too, naming the article's origin."""
    for name in inputs:
        for item in iter_articles([name], settings, stdin=stdin):
            if isinstance(item, IngestError):
                report.failed.append(item)
                on_error(item)
            else:
                report.articles += 1
                for warning in item.warnings:
                    on_error(IngestError(item.origin or STDIN_ORIGIN, warning))
                yield item
        if on_input is not None:
            on_input(name)


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
    inputs: Iterable[str],
    settings: Settings,
    pipeline: Pipeline,
    report: RunReport,
    on_error: ErrorHandler,
    stdin: BinaryIO | None = None,
    on_input: InputDone | None = None,
) -> Iterator[Article]:
    """Processed articles, in input order, straight from the inputs."""
    return pipeline.run(
        read_articles(inputs, settings, report, on_error, stdin, on_input),
        on_failure=failure_reporter(report, on_error),
    )


def _chunks(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def ingest(
    inputs: Iterable[str],
    settings: Settings,
    pipeline: Pipeline,
    store: Store,
    report: RunReport,
    on_error: ErrorHandler,
    *,
    stdin: BinaryIO | None = None,
    on_article: Callable[[Article], None] | None = None,
    on_warning: ErrorHandler | None = None,
    on_input: InputDone | None = None,
) -> RunReport:
    """Process new articles into the store, one transaction per batch.

    Texts already stored (same content hash) are skipped before the costly stages, so re-running
    an interrupted ingest only processes what is missing; a copy from another outlet adds that
    outlet as a source of the stored article (and of its canonical events). A new text whose id
    is stored for another text is stored under a new id, with a warning to ``on_warning``
    (default ``on_error``; it does not count as a failed input). After each batch its events are
    grouped with the stored ones into canonical events (incrementally: only the groups they
    touch).
    """
    warn = on_warning or on_error
    limits = Thresholds.from_settings(settings)
    articles = read_articles(inputs, settings, report, on_error, stdin, on_input)
    on_failure = failure_reporter(report, on_error)
    for chunk in _chunks(articles, INGEST_BATCH):
        digests = [content_hash(a.text) for a in chunk]
        seen = store.known_hashes(digests)
        fresh, copies = [], []
        for article, digest in zip(chunk, digests, strict=True):
            if digest in seen:
                copies.append(article)
                continue
            seen.add(digest)
            fresh.append(article)
        processed = list(pipeline.run(fresh, on_failure=on_failure))
        result = store.add_batch(processed)
        copied = store.add_sources(copies)
        report.stored += result.added
        report.duplicates += result.skipped + copied.skipped
        report.sources_added += result.sources + copied.sources
        report.renamed += len(result.renamed)
        for renamed in result.renamed:
            warn(IngestError(renamed.origin or renamed.given, renamed.message))
        grouped = group_pending(store.conn, limits)
        report.reports_grouped += grouped.reports
        report.groups_written += grouped.groups
        if on_article is not None:
            for article in processed:
                on_article(article)
    return report
