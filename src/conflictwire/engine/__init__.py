"""Where the stages run: in this process (``local``) or on a Dask cluster (``dask``).

Both take the articles in batches (:class:`~conflictwire.engine.batches.Batch`) and give back
one :class:`~conflictwire.engine.batches.BatchResult` per batch: the processed articles and the
articles that failed, each with a warning naming it. Reading the inputs and writing the results
(files, shards, the store) stay with the caller, in the main process: workers only process.

- :class:`~conflictwire.engine.local.LocalRunner`: batch after batch, in order, with the
  caller's pipeline (spaCy's own ``n_process`` included).
- :class:`~conflictwire.engine.cluster.DaskRunner`: batches as Dask tasks, a bounded number in
  flight, results as they complete; each worker loads the model and gazetteer once.
"""

from __future__ import annotations

from conflictwire.engine.batches import Batch, BatchResult, batches_of, processing_error
from conflictwire.engine.choice import ENGINES, EngineChoice, EngineError, Runner, open_runner

__all__ = [
    "ENGINES",
    "Batch",
    "BatchResult",
    "EngineChoice",
    "EngineError",
    "Runner",
    "batches_of",
    "open_runner",
    "processing_error",
]
