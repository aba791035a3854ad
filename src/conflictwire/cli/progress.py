"""The one progress writer, in the main process only: a bar on stderr while a command runs on
a terminal; otherwise (a log file, a batch job) a line every ``LOG_SECONDS`` once a run has
lasted that long, and a last line with the totals when such a run ends.

``extract`` and ``ingest`` count input files against their total (folders are counted first,
which is cheap) and show the articles done so far, their rate and the failures so far; the
articles a feed, JSONL, CSV or WARC file holds are known only by reading it, so they get a
count, not a total. ``evaluate`` counts documents against the gold file's.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterable, Iterator
from types import TracebackType
from typing import Any, TypeVar

T = TypeVar("T")
REFRESH_SECONDS = 0.5  # how often a count beside the steps is redrawn
LOG_SECONDS = 10.0  # how often a line is written when stderr is not a terminal


def on_terminal() -> bool:
    """Whether progress is shown: stderr is a terminal (not a file, a pipe or a test)."""
    return sys.stderr.isatty()


class Progress:
    """A progress line: ``step`` advances it towards ``total`` (if known); ``count`` passes
    items through (``count_one`` hears of one) and advances it, or, given a ``noun``, shows
    how many went by next to the steps, their rate and, given ``failures`` (a count to ask),
    the failures so far ("3/10 [..., articles: 41, 12.5/s, failed: 1]")."""

    def __init__(
        self,
        desc: str,
        *,
        total: int | None = None,
        unit: str = "article",
        noun: str = "",
        failures: Callable[[], int] | None = None,
    ) -> None:
        from tqdm import tqdm

        self._terminal = on_terminal()
        self._bar: Any = tqdm(
            total=total, desc=desc, unit=unit, disable=not self._terminal, leave=False
        )
        self._desc, self._unit, self._total = desc, unit, total
        self._noun = noun
        self._failures = failures
        self._started = self._shown = self._logged = time.monotonic()
        self.counted = 0
        self.steps = 0

    def step(self, *_: object) -> None:
        self.steps += 1
        self._bar.update()
        self._log()

    def count_one(self, *_: object) -> None:
        self.counted += 1
        if not self._noun:
            self._bar.update()
            self._log()
            return
        now = time.monotonic()
        self._bar.set_postfix_str(self.postfix(now), refresh=False)
        if now - self._shown >= REFRESH_SECONDS:  # one big file: the count still moves
            self._bar.refresh()
            self._shown = now
        self._log()

    def postfix(self, now: float | None = None) -> str:
        """The counts beside the steps: "articles: 41, 12.5/s, failed: 1"."""
        elapsed = (now or time.monotonic()) - self._started
        rate = f", {self.counted / elapsed:.1f}/s" if elapsed > 0 else ""
        failed = f", failed: {self._failures()}" if self._failures is not None else ""
        return f"{self._noun}: {self.counted}{rate}{failed}"

    def _log(self, *, last: bool = False) -> None:
        """Off a terminal, a line every ``LOG_SECONDS``: what the bar would show; ``last``: the
        totals at the end of a run that has logged lines."""
        if self._terminal:
            return
        now = time.monotonic()
        if last and self._logged == self._started:
            return  # a short run: no lines, no last line
        if not last and now - self._logged < LOG_SECONDS:
            return
        self._logged = now
        of = f"/{self._total}" if self._total is not None else ""
        counts = (
            self.postfix(now) if self._noun else f"{self.counted / (now - self._started):.1f}/s"
        )
        # with a noun, the steps are the files and the count is beside them ("0/1 files" while
        # one big file is read); without one, the count is what the line counts
        done = self.steps if self._noun else (self.steps or self.counted)
        sys.stderr.write(
            f"{self._desc}: {done}{of} {self._unit}s, {counts} [{now - self._started:.0f} s]\n"
        )
        sys.stderr.flush()

    def count(self, items: Iterable[T]) -> Iterator[T]:
        for item in items:
            self.count_one()
            yield item

    def __str__(self) -> str:
        """The line as shown now ("extract: 67%|... | 2/3 [..., articles: 5]")."""
        return str(self._bar)

    def close(self) -> None:
        if self._noun:
            self._bar.set_postfix_str(self.postfix(), refresh=False)
        self._bar.close()
        self._log(last=True)

    def __enter__(self) -> Progress:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()


def progress(
    items: Iterable[T], *, desc: str, unit: str = "article", total: int | None = None
) -> Iterator[T]:
    """``items``, counted on a progress line (against ``total`` when it is known)."""
    with Progress(desc, total=total, unit=unit) as bar:
        yield from bar.count(items)
