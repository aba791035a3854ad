"""Articles in batches, and what processing one batch gives: the unit a worker runs.

:func:`process_batch` is what a Dask worker runs for each task: the pipeline of its process
(built once per process and settings, :func:`worker_pipeline`: the spaCy model and the gazetteer
are loaded once, not per task) over the batch, an article that fails left out with a warning
naming it. It is a plain function of picklable values, so it runs the same anywhere.
"""

from __future__ import annotations

import logging
import os
import socket
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import cache
from itertools import islice

from conflictwire.ingest.errors import IngestError
from conflictwire.models import Article
from conflictwire.pipeline import Pipeline
from conflictwire.rules_version import rules_version
from conflictwire.settings import Settings

log = logging.getLogger(__name__)

# The most of an error's message a warning quotes.
ERROR_CHARS = 200


@dataclass
class Batch:
    """Articles processed together: ``index`` counts the run's batches from 0."""

    index: int
    articles: list[Article]


@dataclass
class BatchResult:
    """What a batch gave: its processed articles (in the batch's order, failures left out), a
    warning for each article that failed, and where and how long it ran."""

    index: int
    articles: list[Article]
    failed: list[IngestError] = field(default_factory=list)
    seconds: float = 0.0
    worker: str = ""


def batches_of(articles: Iterable[Article], size: int) -> Iterator[Batch]:
    """``articles`` in batches of ``size`` (the last may be shorter), read lazily."""
    iterator = iter(articles)
    index = 0
    while chunk := list(islice(iterator, size)):
        yield Batch(index, chunk)
        index += 1


def processing_error(article: Article, exc: BaseException) -> IngestError:
    """The warning for an article that could not be processed: it names the article and the
    error (its first line, shortened), and says the others go on."""
    said = (str(exc).strip().splitlines() or [""])[0]
    said = said if len(said) <= ERROR_CHARS else said[: ERROR_CHARS - 3] + "..."
    return IngestError(
        article.origin or article.id or "article",
        f"could not be processed ({type(exc).__name__}: {said}); left out, the other "
        "articles go on",
    )


@cache
def worker_pipeline(settings: Settings) -> Pipeline:
    """This process's pipeline for ``settings``, built once: a worker keeps its model and
    gazetteer for every task. spaCy runs in this process (``n_process`` 1): a worker is
    already one of several processes."""
    return Pipeline(replace(settings, n_process=1))


def load_resources(settings: Settings) -> str:
    """Load the model, gazetteer and actor dictionary into this process; says which model."""
    resources = worker_pipeline(settings).resources
    resources.gazetteer  # noqa: B018 (loaded for its side effect)
    resources.actors  # noqa: B018
    return str(resources.nlp.meta.get("name", "?"))


def rules_stated(settings: Settings) -> str:
    """What this process's records state as ``rules``: the package version and a hash of its
    rule files (a worker must state what the driver would)."""
    return rules_version(settings.actors_file)


def run_batch(pipeline: Pipeline, batch: Batch) -> BatchResult:
    """``batch`` through ``pipeline``; an article a stage fails on is left out, with a warning."""
    start = time.perf_counter()
    failed: list[IngestError] = []

    def on_failure(article: Article, exc: Exception) -> None:
        log.debug("processing %s failed", article.origin or article.id, exc_info=exc)
        failed.append(processing_error(article, exc))

    articles = list(pipeline.run(batch.articles, on_failure=on_failure))
    worker = f"{socket.gethostname()}:{os.getpid()}"
    return BatchResult(batch.index, articles, failed, time.perf_counter() - start, worker)


def process_batch(batch: Batch, settings: Settings) -> BatchResult:
    """A worker's task: ``batch`` through this process's pipeline for ``settings``."""
    return run_batch(worker_pipeline(settings), batch)
