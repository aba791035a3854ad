"""The local engine: batch after batch in this process, in order."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from conflictwire.engine.batches import Batch, BatchResult, run_batch
from conflictwire.pipeline import Pipeline


class LocalRunner:
    """Runs each batch with ``pipeline`` (spaCy's ``n_process`` as the settings say), in order."""

    workers = 1

    def __init__(self, pipeline: Pipeline, batch_size: int) -> None:
        self.pipeline = pipeline
        self.batch_size = batch_size

    def run(self, batches: Iterable[Batch]) -> Iterator[BatchResult]:
        for batch in batches:
            yield run_batch(self.pipeline, batch)

    def close(self) -> None:
        pass
