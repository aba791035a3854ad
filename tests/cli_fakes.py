"""Stand-ins for the CLI's heavy parts: a pipeline without the model."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from conflictwire.models import Article
from conflictwire.nlp import FailureHandler


class PassThrough:
    """The pipeline, minus the model: articles go out as they came in. ``stop_at`` raises
    ``KeyboardInterrupt`` (Ctrl-C) on the article with that id; ``built`` counts pipelines
    made (0: the command loaded nothing)."""

    built = 0
    stop_at: str | None = None

    def __init__(self, settings: object) -> None:
        PassThrough.built += 1

    def run(
        self, articles: Iterable[Article], on_failure: FailureHandler | None = None
    ) -> Iterator[Article]:
        for article in articles:
            if article.id == PassThrough.stop_at:
                raise KeyboardInterrupt
            yield article
