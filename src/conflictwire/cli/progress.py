"""The one progress writer: a line on stderr while a command runs, only on a terminal.

``extract`` and ``ingest`` count input files against their total (folders are listed first,
which is cheap) and show the articles done so far; the articles a feed, JSONL or CSV file holds
are known only by reading it, so they get a count, not a total. ``evaluate`` counts documents
against the gold file's.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable, Iterator
from types import TracebackType
from typing import Any, TypeVar

T = TypeVar("T")
REFRESH_SECONDS = 0.5  # how often a count beside the steps is redrawn


def on_terminal() -> bool:
    """Whether progress is shown: stderr is a terminal (not a file, a pipe or a test)."""
    return sys.stderr.isatty()


class Progress:
    """A progress line: ``step`` advances it towards ``total`` (if known); ``count`` passes
    items through (``count_one`` hears of one) and advances it, or, given a ``noun``, shows
    how many went by next to the steps ("3/10 [..., articles: 41]")."""

    def __init__(
        self, desc: str, *, total: int | None = None, unit: str = "article", noun: str = ""
    ) -> None:
        from tqdm import tqdm

        self._bar: Any = tqdm(
            total=total, desc=desc, unit=unit, disable=not on_terminal(), leave=False
        )
        self._noun = noun
        self._shown = 0.0
        self.counted = 0

    def step(self, *_: object) -> None:
        self._bar.update()

    def count_one(self, *_: object) -> None:
        self.counted += 1
        if not self._noun:
            self._bar.update()
            return
        self._bar.set_postfix_str(f"{self._noun}: {self.counted}", refresh=False)
        now = time.monotonic()
        if now - self._shown >= REFRESH_SECONDS:  # one big file: the count still moves
            self._bar.refresh()
            self._shown = now

    def count(self, items: Iterable[T]) -> Iterator[T]:
        for item in items:
            self.count_one()
            yield item

    def __str__(self) -> str:
        """The line as shown now ("extract: 67%|... | 2/3 [..., articles: 5]")."""
        return str(self._bar)

    def close(self) -> None:
        self._bar.close()

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
