"""Throughput as processes are added: spaCy alone, extract in this process with 1 and 2 spaCy
processes (``n_process``), and the Dask engine with 1 and 2 workers, on the same articles in one
run; scaling efficiency, peak memory per worker, and the Dask task size.

The articles are read once, before any timing; each timing runs from the first article handed
in to the last record out (records dropped once out, as a run that writes them drops them). The
Dask clusters are started first (their workers loading the model and gazetteer: timed apart).
Each figure is timed in turn, ``--rounds`` times, and keeps its fastest round (another process's
load only ever slows a round down). Compare the figures within one run, and read the scaling
against the cores the machine has (``os.cpu_count()``).

    python benchmarks/bench_scale.py [--repeat N] [--rounds N] [--task-size N] [--sizes N,...]
"""

from __future__ import annotations

import argparse
import os
import resource
import time
from collections.abc import Callable
from dataclasses import replace

from timing import drained, timed

from conflictwire.demo import sample_corpus
from conflictwire.engine import batches_of
from conflictwire.engine.cluster import DaskRunner
from conflictwire.ingest import iter_articles
from conflictwire.models import Article
from conflictwire.pipeline import Pipeline
from conflictwire.settings import Settings


def peak_rss_mb() -> float:
    """This process's peak resident memory in MB: Linux's high-water mark of its own memory
    (``ru_maxrss`` would carry over a spawning parent's), else ``ru_maxrss``."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


BUSY: dict[int, list[tuple[float, float]]] = {}  # workers -> (busy seconds, wall seconds) a run


def dask_run(runner: DaskRunner, articles: list[Article], size: int) -> None:
    """``articles`` through ``runner`` in tasks of ``size``; every record comes back. Notes how
    long the workers were busy, to tell idle workers from workers slowed by other load."""
    runner.batch_size = size
    start = time.perf_counter()
    results = list(runner.run(batches_of(articles, size)))
    wall = time.perf_counter() - start
    assert sum(len(r.articles) for r in results) == len(articles)
    BUSY.setdefault(runner.workers, []).append((sum(r.seconds for r in results), wall))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=4, help="Copies of the corpus to process.")
    parser.add_argument("--rounds", type=int, default=2, help="Timings of each; the fastest.")
    parser.add_argument("--task-size", type=int, default=25, help="Articles per Dask task.")
    parser.add_argument(
        "--sizes", default="10,50,100", help="Other task sizes tried on 2 workers ('' for none)."
    )
    args = parser.parse_args()

    settings = Settings.load()
    read = list(iter_articles([str(sample_corpus())], settings))
    base = [a for a in read if isinstance(a, Article) and a.language in settings.languages]
    articles = base * args.repeat
    n, words = len(articles), sum(len(a.text.split()) for a in articles)
    texts = [a.text for a in articles]

    one = Pipeline(settings)
    nlp = one.resources.nlp
    one.resources.gazetteer  # loaded outside the timings  # noqa: B018
    list(one.run(base[:2]))
    two = Pipeline(replace(settings, n_process=2), one.resources)

    size = args.task_size
    clusters: dict[int, DaskRunner] = {}
    startup: dict[int, float] = {}
    for workers in (1, 2):
        start = time.perf_counter()
        clusters[workers] = DaskRunner(settings, workers=workers, batch_size=size)
        startup[workers] = time.perf_counter() - start
    runs: list[tuple[str, Callable[[], object]]] = [
        ("spaCy alone", lambda: drained(nlp.pipe(texts, batch_size=settings.batch_size))),
        ("extract, 1 process", lambda: drained(one.run(articles))),
        ("extract, n_process 2", lambda: drained(two.run(articles))),
        (f"dask, 1 worker ({size}/task)", lambda: dask_run(clusters[1], articles, size)),
        (f"dask, 2 workers ({size}/task)", lambda: dask_run(clusters[2], articles, size)),
    ]
    timings: dict[str, list[float]] = {label: [] for label, _ in runs}
    sizes: dict[int, float] = {}
    try:
        for _ in range(args.rounds):
            for label, run in runs:
                timings[label].append(timed(run))
        for other in (int(s) for s in args.sizes.split(",") if s.strip()):
            sizes[other] = timed(lambda: dask_run(clusters[2], articles, other))  # noqa: B023
        peaks = [mb for w in (1, 2) for mb in sorted(clusters[w].client.run(peak_rss_mb).values())]
    finally:
        for runner in clusters.values():
            runner.close()
    rows = [(label, min(timings[label])) for label, _ in runs]
    sizes[size] = rows[4][1]

    print(
        f"{n} articles, {words} words ({len(base)} distinct x {args.repeat}); "
        f"{os.cpu_count()} cores; the fastest of {args.rounds} rounds"
    )
    for label, seconds in rows:
        print(
            f"{label:>30}: {seconds:7.2f} s  {n / seconds:7.1f} articles/s  "
            f"{words / seconds:8.0f} words/s"
        )
    spacy, local1, local2, d1, d2 = (seconds for _, seconds in rows)
    print(f"{'dask 2 workers / 1 worker':>30}: {d1 / d2:5.2f}x  (efficiency {d1 / d2 / 2:.0%})")
    busy, wall = max(BUSY[2], key=lambda b: b[0] / b[1])
    print(f"{'2 workers busy':>30}: {busy / wall / 2:5.0%} of the time (the rest: idle)")
    print(f"{'n_process 2 / 1 process':>30}: {local1 / local2:5.2f}x")
    print(f"{'dask 1 worker / extract':>30}: {local1 / d1:5.2f}x  (what tasks cost)")
    print(f"{'extract / spaCy alone':>30}: {local1 / spacy:5.2f}x time")
    print(f"{'cluster start':>30}: {startup[1]:5.1f} s (1 worker), {startup[2]:.1f} s (2)")
    print(
        f"{'peak memory per worker':>30}: "
        + ", ".join(f"{mb:.0f} MB" for mb in peaks)
        + f"; this process {peak_rss_mb():.0f} MB"
    )
    for task, seconds in sorted(sizes.items()):
        print(f"{f'2 workers, {task} articles/task':>30}: {n / seconds:7.1f} articles/s")


if __name__ == "__main__":
    main()
