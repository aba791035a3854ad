"""Which engine a run uses (``--engine``, ``--scheduler``, ``--workers``, ``--task-size``) and
the runner it opens."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Protocol

from conflictwire.engine.batches import Batch, BatchResult
from conflictwire.pipeline import Pipeline
from conflictwire.settings import Settings

ENGINES = ("local", "dask")
# Articles per Dask task: large enough that sending a task costs little next to running it
# (spaCy takes ~10 ms an article), small enough that a lost worker loses little work and every
# worker gets several (benchmarks/bench_scale.py measures it).
DEFAULT_TASK_SIZE = 100
DEFAULT_WORKERS = 2


class EngineError(RuntimeError):
    """The engine cannot run: its workers lack the package, the model or the same rules."""


class Runner(Protocol):
    """Processes batches and gives one result per batch (in any order)."""

    batch_size: int
    workers: int

    def run(self, batches: Iterable[Batch]) -> Iterator[BatchResult]: ...

    def close(self) -> None: ...


@dataclass(frozen=True)
class EngineChoice:
    engine: str = "local"
    scheduler: str | None = None  # a Dask scheduler's address; None starts a LocalCluster
    workers: int = DEFAULT_WORKERS  # LocalCluster worker processes
    task_size: int = DEFAULT_TASK_SIZE

    @property
    def local(self) -> bool:
        return self.engine == "local"


@contextmanager
def open_runner(
    choice: EngineChoice,
    settings: Settings,
    pipeline: Callable[[], Pipeline],
    local_batch: int | None = None,
) -> Iterator[Runner]:
    """The runner ``choice`` names, closed (with any cluster it started) after the block. The
    local one runs ``pipeline()`` on batches of ``local_batch`` (default: the task size)."""
    runner: Runner
    if choice.local:
        from conflictwire.engine.local import LocalRunner

        runner = LocalRunner(pipeline(), local_batch or choice.task_size)
    else:
        from conflictwire.engine.cluster import DaskRunner

        runner = DaskRunner(
            settings,
            scheduler=choice.scheduler,
            workers=choice.workers,
            batch_size=choice.task_size,
        )
    try:
        yield runner
    finally:
        runner.close()
