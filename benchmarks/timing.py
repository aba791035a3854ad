"""How the throughput benchmarks (bench_extract, bench_scale) time a run and use its output."""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Iterable


def timed(func: Callable[[], object]) -> float:
    """Seconds ``func()`` took."""
    start = time.perf_counter()
    func()
    return time.perf_counter() - start


def drained(items: Iterable[object]) -> None:
    """Every item made and dropped, as a run that writes its records does."""
    deque(items, maxlen=0)
