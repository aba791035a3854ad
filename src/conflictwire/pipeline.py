"""The ordered stages. No domain logic lives here: each stage is a function of one Article.

1. nlp     spaCy, batched over articles (the one stage that sees several articles at once,
           for speed; each article's result depends on that article alone)
2. places  gazetteer scan, NER filter, resolution
3. actors  dictionary and generic actors, made country-specific from the places
4. events  ACLED event type, actors, date, location, fatalities and evidence
5. quotes  direct and indirect quotations, speakers (name, title, affiliation), linked events
6. claims  stated distances checked against the gazetteer; populations, counts, durations
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from functools import cache, cached_property
from pathlib import Path
from typing import Any

from .models import Article
from .settings import Settings

Stage = Callable[..., Article]


@dataclass
class Resources:
    """Heavy shared objects, loaded on first use and reused across articles."""

    settings: Settings
    nlp_model: Any = None
    gazetteer_index: Any = None
    actor_dictionary: Any = None

    @cached_property
    def nlp(self) -> Any:
        if self.nlp_model is None:
            self.nlp_model = _shared_model(self.settings.spacy_model)
        return self.nlp_model

    @cached_property
    def gazetteer(self) -> Any:
        if self.gazetteer_index is None:
            path = self.settings.gazetteer_path
            self.gazetteer_index = _shared_gazetteer(Path(path) if path else None)
        return self.gazetteer_index

    @cached_property
    def actors(self) -> Any:
        if self.actor_dictionary is None:
            from .actors import load_dictionary

            self.actor_dictionary = load_dictionary(self.settings)
        return self.actor_dictionary


# One loaded model and index per process: loading costs seconds, and both are read-only.
@cache
def _shared_model(name: str | None) -> Any:
    from .nlp import load_model

    return load_model(name)


@cache
def _shared_gazetteer(path: Path | None) -> Any:
    from .gazetteer import Gazetteer

    return Gazetteer.open(path)


def places_stage(article: Article, *, settings: Settings, resources: Resources) -> Article:
    from .places import locate_places

    return locate_places(article, gazetteer=resources.gazetteer)


def actors_stage(article: Article, *, settings: Settings, resources: Resources) -> Article:
    from .actors import find_actors

    return find_actors(article, dictionary=resources.actors, settings=settings)


def events_stage(article: Article, *, settings: Settings, resources: Resources) -> Article:
    from .events import code_events

    return code_events(article, seat=resources.gazetteer.seat)


def quotes_stage(article: Article, *, settings: Settings, resources: Resources) -> Article:
    from .quotes import find_quotes

    return find_quotes(article)


def claims_stage(article: Article, *, settings: Settings, resources: Resources) -> Article:
    from .claims import find_claims

    return find_claims(article)


ARTICLE_STAGES: list[Stage] = [
    places_stage,
    actors_stage,
    events_stage,
    quotes_stage,
    claims_stage,
]


class Pipeline:
    def __init__(self, settings: Settings, resources: Resources | None = None) -> None:
        self.settings = settings
        self.resources = resources or Resources(settings)

    def run(self, articles: Iterable[Article]) -> Iterator[Article]:
        """Process articles lazily, in input order. The NLP view is dropped from the output."""
        for article in self._nlp_stage().run(articles):
            yield replace(self.process(article), nlp=None)

    def run_for_events(self, articles: Iterable[Article]) -> Iterator[Article]:
        """The stages the event stage reads (NLP, places, actors), the NLP view kept: what
        choosing where an event happened needs (``conflictwire evaluate location``)."""
        for article in self._nlp_stage().run(articles):
            article = places_stage(article, settings=self.settings, resources=self.resources)
            yield actors_stage(article, settings=self.settings, resources=self.resources)

    def _nlp_stage(self) -> Any:
        from .nlp import NlpStage

        return NlpStage(
            self.resources.nlp,
            batch_size=self.settings.batch_size,
            n_process=self.settings.n_process,
            languages=self.settings.languages,
        )

    def process(self, article: Article) -> Article:
        """Run the per-article stages over one article that already has its NLP view."""
        for stage in ARTICLE_STAGES:
            article = stage(article, settings=self.settings, resources=self.resources)
        return article
