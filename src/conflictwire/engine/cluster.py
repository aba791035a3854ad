"""The Dask engine: batches as tasks on a Dask cluster, local or remote.

Without a scheduler address a :class:`distributed.LocalCluster` is started (worker processes of
one thread each). Each worker loads the spaCy model, the gazetteer and the actor dictionary once,
when it joins (a worker plugin; a worker that restarts loads them again), and keeps them for
every task. The driver (this process) reads the inputs, keeps at most ``window`` batches in
flight (never the whole corpus in memory) and hands each result back as it completes.

Failures: an article a stage fails on is left out by the worker, with a warning naming it. A
lost worker's batches are run again by the scheduler on another worker (up to Dask's
``distributed.scheduler.allowed-failures``); a task that raises is retried ``retries`` times. A
batch that still fails is run again one article per task, so only the article that breaks a
worker (or the run) is left out, with a warning naming it.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import uuid
from collections import deque
from collections.abc import Iterable, Iterator
from typing import Any

import dask
from distributed import Client, LocalCluster, WorkerPlugin, as_completed

from conflictwire.engine.batches import (
    Batch,
    BatchResult,
    load_resources,
    process_batch,
    processing_error,
    rules_stated,
)
from conflictwire.engine.choice import EngineError
from conflictwire.nlp import ModelNotFoundError
from conflictwire.settings import Settings

log = logging.getLogger(__name__)

PLUGIN_NAME = "conflictwire-resources"
TRIM_SETTING = "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_"
# Batches in flight per worker: one running, one waiting, so a worker never idles.
IN_FLIGHT_PER_WORKER = 2

# One batch at a time per process: a worker started with several threads shares one model.
_PROCESS_LOCK = threading.Lock()


def locked_batch(batch: Batch, settings: Settings) -> BatchResult:
    """The task: :func:`process_batch`, one at a time in this process."""
    with _PROCESS_LOCK:
        return process_batch(batch, settings)


class LoadResources(WorkerPlugin):
    """Loads the model, gazetteer and actors into a worker when it joins (in a thread, so the
    worker keeps answering the scheduler while it loads)."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    async def setup(self, worker: Any) -> None:
        model = await asyncio.to_thread(load_resources, self.settings)
        log.info("worker %s loaded %s and the gazetteer", worker.address, model)


class DaskRunner:
    """Runs batches on a Dask cluster: the one at ``scheduler``, else a new LocalCluster of
    ``workers`` processes (closed with the runner)."""

    def __init__(
        self,
        settings: Settings,
        *,
        scheduler: str | None = None,
        workers: int = 2,
        batch_size: int = 100,
        retries: int = 2,
        window: int | None = None,
    ) -> None:
        self.settings = settings
        self.batch_size = batch_size
        self.retries = retries
        self.cluster: LocalCluster | None = None
        if not logging.getLogger().isEnabledFor(logging.INFO):  # no -v: Dask's warnings only
            logging.getLogger("distributed").setLevel(logging.WARNING)
        if scheduler:
            self.client = Client(scheduler)
        else:
            # Dask starts workers with MALLOC_TRIM_THRESHOLD_=65536, which makes glibc hand
            # memory back after nearly every free: our stages allocate many small objects and
            # ran ~35% slower so (benchmarks/bench_scale.py). The workers keep glibc's default.
            with dask.config.set({TRIM_SETTING: None}):
                self.cluster = LocalCluster(
                    n_workers=workers,
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=":0",  # any free port: clusters run side by side
                )
            self.client = Client(self.cluster)
        try:
            self._set_up_workers()
        except BaseException:
            self.close()
            raise
        self.workers = max(1, len(self.client.scheduler_info()["workers"]))
        self._window = window

    def _set_up_workers(self) -> None:
        """Load the resources on every worker (and on those that join later); check that each
        states the rules this process would."""
        try:
            self.client.register_plugin(LoadResources(self.settings), name=PLUGIN_NAME)
            stated = self.client.run(rules_stated, self.settings)
        except ModelNotFoundError:
            raise
        except Exception as exc:
            raise EngineError(
                f"the Dask workers could not load conflictwire ({type(exc).__name__}: {exc}); "
                "install the package and its model on every worker (docs/scale.md)"
            ) from exc
        here = rules_stated(self.settings)
        other = {worker: rules for worker, rules in stated.items() if rules != here}
        if other:
            worker, rules = sorted(other.items())[0]
            raise EngineError(
                f"{len(other)} Dask worker(s) run other rules than this process ({worker}: "
                f"{rules}; here: {here}); install the same version on every worker"
            )

    @property
    def window(self) -> int:
        """Batches kept in flight: enough to keep every worker busy, few enough to bound the
        driver's memory."""
        return self._window or IN_FLIGHT_PER_WORKER * self.workers

    def run(self, batches: Iterable[Batch]) -> Iterator[BatchResult]:
        """Each batch's result, in the order they complete."""
        run_id = uuid.uuid4().hex[:12]
        source = iter(batches)
        done = as_completed()
        flight: dict[Any, tuple[Batch, int | None]] = {}
        split: dict[int, list[BatchResult | None]] = {}

        def submit(batch: Batch, part: int | None = None) -> None:
            key = f"conflictwire-{run_id}-{batch.index}" + ("" if part is None else f"-{part}")
            future = self.client.submit(
                locked_batch, batch, self.settings, key=key, retries=self.retries, pure=False
            )
            flight[future] = (batch, part)
            done.add(future)

        def refill() -> None:
            while len(flight) < self.window:
                batch = next(source, None)
                if batch is None:
                    return
                if batch.articles:
                    submit(batch)
                else:  # nothing to send (an ingest batch whose texts are all stored)
                    ready.append(BatchResult(batch.index, []))

        ready: deque[BatchResult] = deque()
        refill()
        while flight or ready:
            if ready:
                yield ready.popleft()
                refill()
                continue
            future = next(done)
            batch, part = flight.pop(future)
            try:
                result: BatchResult | None = future.result()
                error: BaseException | None = None
            except Exception as exc:
                result, error = None, exc
            future.release()
            if error is not None:
                if part is None and len(batch.articles) > 1:
                    log.warning(
                        "batch %d failed (%s: %s); running its %d articles one by one",
                        batch.index,
                        type(error).__name__,
                        error,
                        len(batch.articles),
                    )
                    split[batch.index] = [None] * len(batch.articles)
                    for number, article in enumerate(batch.articles):
                        submit(Batch(batch.index, [article]), number)
                    continue
                result = BatchResult(batch.index, [], [processing_error(batch.articles[0], error)])
            assert result is not None
            if part is None:
                yield result
            else:
                parts = split[batch.index]
                parts[part] = result
                if all(p is not None for p in parts):
                    del split[batch.index]
                    yield _merged(batch.index, [p for p in parts if p is not None])
            refill()

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def _merged(index: int, parts: list[BatchResult]) -> BatchResult:
    return BatchResult(
        index,
        [a for p in parts for a in p.articles],
        [e for p in parts for e in p.failed],
        sum(p.seconds for p in parts),
        ",".join(sorted({p.worker for p in parts if p.worker})),
    )
