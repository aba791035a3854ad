"""Throughput of ``extract`` against spaCy alone on the same texts, in one run.

Machines here are shared and noisy, so read the ratios: spaCy's share of extract, and the cost
of the stages after spaCy relative to spaCy itself. spaCy alone and extract are timed in turn,
``--rounds`` times, and each keeps its fastest round (another process's load only ever slows a
round down); spaCy alone runs with the pipes and batch size extract uses. Records are drained
as a run writes them, not kept. Each extract round also times spaCy inside it: the time the
stages add to that round is the figure the machine's load moves least, as both parts of it are
measured in the same seconds.

    python benchmarks/bench_extract.py [--repeat N] [--rounds N] [--inputs PATH ...]
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Iterator
from typing import Any

from timing import drained, timed

from conflictwire.demo import sample_corpus
from conflictwire.ingest import IngestError, iter_articles
from conflictwire.models import Article
from conflictwire.pipeline import Pipeline
from conflictwire.settings import Settings


class SpacyClock:
    """Wraps a loaded model's ``pipe`` to add up the seconds spent making its Docs."""

    def __init__(self, nlp: Any) -> None:
        self.nlp, self.pipe, self.seconds = nlp, nlp.pipe, 0.0

    def __enter__(self) -> SpacyClock:
        self.seconds = 0.0
        self.nlp.pipe = self._timed_pipe
        return self

    def __exit__(self, *exc: object) -> None:
        self.nlp.pipe = self.pipe

    def _timed_pipe(self, *args: Any, **kwargs: Any) -> Iterator[Any]:
        docs = iter(self.pipe(*args, **kwargs))
        while True:
            start = time.perf_counter()
            try:
                doc = next(docs)
            except StopIteration:
                return
            finally:
                self.seconds += time.perf_counter() - start
            yield doc


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=4, help="Copies of the corpus to process.")
    parser.add_argument("--rounds", type=int, default=3, help="Timings of each; the fastest.")
    parser.add_argument("--inputs", nargs="*", default=None, help="Inputs (default: the sample).")
    args = parser.parse_args()

    settings = Settings.load()
    inputs = args.inputs or [str(sample_corpus())]
    base = [a for a in iter_articles(inputs, settings) if not isinstance(a, IngestError)]
    base = [a for a in base if a.language in settings.languages]
    articles = base * args.repeat
    words = sum(len(a.text.split()) for a in articles)

    pipeline = Pipeline(settings)
    nlp = pipeline.resources.nlp
    pipeline.resources.gazetteer  # load outside the timings  # noqa: B018
    list(pipeline.run(base[:2]))  # warm up caches

    texts = [a.text for a in articles]
    spacy_rounds, extract_rounds, added = [], [], []
    clock = SpacyClock(nlp)
    for _ in range(args.rounds):
        spacy_rounds.append(timed(lambda: drained(nlp.pipe(texts, batch_size=settings.batch_size))))
        with clock:
            extract_rounds.append(timed(lambda: drained(pipeline.run(articles))))
        added.append(extract_rounds[-1] / clock.seconds)
    t_spacy, t_extract = min(spacy_rounds), min(extract_rounds)
    per_stage = {}
    current: list[Article] = articles
    for stage in pipeline.stages:
        start = time.perf_counter()
        current = list(stage.over(current, settings=settings, resources=pipeline.resources))
        per_stage[stage.name] = time.perf_counter() - start
    del per_stage["nlp"]  # spaCy, timed alone above
    t_after = sum(per_stage.values())

    n = len(articles)
    print(
        f"{n} articles, {words} words ({len(base)} distinct x {args.repeat}); "
        f"the fastest of {args.rounds} rounds"
    )
    for label, seconds in (("spaCy alone", t_spacy), ("extract", t_extract)):
        print(
            f"{label:>22}: {seconds:7.2f} s  {n / seconds:8.1f} articles/s  "
            f"{words / seconds:9.0f} words/s"
        )
    print(f"{'stages after spaCy':>22}: {t_after:7.2f} s")
    for name, seconds in per_stage.items():
        print(f"{name + ' stage':>22}: {seconds:7.2f} s  {100 * seconds / t_spacy:5.1f}% of spaCy")
    print(
        f"{'extract / spaCy':>22}: {t_extract / t_spacy:7.2f}x time "
        f"(spaCy is {100 * t_spacy / t_extract:.0f}% of extract)"
    )
    print(
        f"{'after-spaCy / spaCy':>22}: {100 * t_after / t_spacy:7.1f}% "
        "(place stage and later stages vs spaCy)"
    )
    print(
        f"{'extract / its spaCy':>22}: {statistics.median(added):7.2f}x time, median of the "
        f"rounds (from {min(added):.2f}x to {max(added):.2f}x): each round against the spaCy "
        "time inside it"
    )


if __name__ == "__main__":
    main()
