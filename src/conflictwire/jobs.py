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
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from .dedup import Thresholds, group_pending
from .engine import Batch, BatchResult, Runner, batches_of, processing_error
from .engine.local import LocalRunner
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


def failure_reporter(report: RunReport, on_error: ErrorHandler) -> FailureHandler:
    """What the pipeline calls with an article it could not process: an error naming the article
    for ``on_error`` and the report (the article is left out, the others go on)."""

    def failed(article: Article, exc: Exception) -> None:
        log.debug("processing %s failed", article.origin or article.id, exc_info=exc)
        error = processing_error(article, exc)
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


def extract_batches(
    inputs: Iterable[str],
    settings: Settings,
    runner: Runner,
    report: RunReport,
    on_error: ErrorHandler,
    stdin: BinaryIO | None = None,
    on_input: InputDone | None = None,
    skip: Callable[[int], bool] | None = None,
) -> Iterator[BatchResult]:
    """Processed articles, a batch at a time, from ``runner`` (in the order batches complete).
    ``skip`` names batches (by index) not to run again: their articles are read, not sent."""
    articles = read_articles(inputs, settings, report, on_error, stdin, on_input)
    batches = batches_of(articles, runner.batch_size)
    for result in runner.run(b for b in batches if skip is None or not skip(b.index)):
        _report_failed(result, report, on_error)
        yield result


def _report_failed(result: BatchResult, report: RunReport, on_error: ErrorHandler) -> None:
    for error in result.failed:
        report.failed.append(error)
        on_error(error)


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
    runner: Runner | None = None,
) -> RunReport:
    """Process new articles into the store, one transaction per batch.

    Texts already stored (same content hash) are skipped before the costly stages, so re-running
    an interrupted ingest only processes what is missing; a copy from another outlet adds that
    outlet as a source of the stored article (and of its canonical events). A new text whose id
    is stored for another text is stored under a new id, with a warning to ``on_warning``
    (default ``on_error``; it does not count as a failed input). After each batch its events are
    grouped with the stored ones into canonical events (incrementally: only the groups they
    touch). ``runner`` processes the batches (default: ``pipeline`` here, batches of
    ``INGEST_BATCH``); only this process writes the store, one transaction per batch.
    """
    warn = on_warning or on_error
    limits = Thresholds.from_settings(settings)
    articles = read_articles(inputs, settings, report, on_error, stdin, on_input)
    runner = runner or LocalRunner(pipeline, INGEST_BATCH)
    # Texts sent to be processed and not yet stored, by hash, and the batch that holds them;
    # the copies of each batch's texts, added as sources once that batch is stored.
    pending: dict[str, int] = {}
    copies: dict[int, list[Article]] = {}

    def fresh_batches() -> Iterator[Batch]:
        for batch in batches_of(articles, runner.batch_size):
            digests = [content_hash(a.text) for a in batch.articles]
            stored = store.known_hashes(digests)
            fresh = []
            copies[batch.index] = []
            for article, digest in zip(batch.articles, digests, strict=True):
                if digest in stored:
                    copies[batch.index].append(article)
                elif digest in pending:  # its first copy is on its way: added after it
                    copies.setdefault(pending[digest], []).append(article)
                else:
                    pending[digest] = batch.index
                    fresh.append(article)
            yield Batch(batch.index, fresh)

    for done in runner.run(fresh_batches()):
        _report_failed(done, report, on_error)
        result = store.add_batch(done.articles)
        copied = store.add_sources(copies.pop(done.index, []))
        for digest in [d for d, index in pending.items() if index == done.index]:
            del pending[digest]
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
            for article in done.articles:
                on_article(article)
    return report
