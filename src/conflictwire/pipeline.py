"""The stages in order. No domain logic lives here: each stage is a function of one Article
(the NLP stage, of a stream of them) that declares which Article fields it reads (``requires``)
and sets (``assigns``), as spaCy's components do, so the order is checked when a pipeline is
built instead of living in a comment.

1. nlp     spaCy, batched over articles (the one stage that sees several articles at once,
           for speed; each article's result depends on that article alone)
2. places  gazetteer scan, NER filter, resolution
3. actors  dictionary and generic actors, made country-specific from the places
4. events  ACLED event type, actors, date, location, fatalities and evidence
5. quotes  direct and indirect quotations, speakers (name, title, affiliation), linked events
6. claims  stated distances checked against the gazetteer; populations, counts, durations

Every article a pipeline yields states the rules that made it (``rules``, from
``rules_version.py``), extracted or not (another language).
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, fields, replace
from functools import cache, cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from .models import Article
from .rules_version import rules_version
from .settings import Settings

if TYPE_CHECKING:
    from .nlp import FailureHandler

T = TypeVar("T")

# What ingest fills in before any stage runs.
INPUT_FIELDS = ("text", "id", "title", "url", "source", "published", "language", "author", "origin")


class StageOrderError(ValueError):
    """The stages cannot run in the given order (or are not known)."""


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

    return _kept(load_model(name))


@cache
def _shared_gazetteer(path: Path | None) -> Any:
    from .gazetteer import Gazetteer

    return _kept(Gazetteer.open(path))


def _kept(loaded: T) -> T:
    """``loaded``, kept for the life of the process, out of the cyclic collector's sight: the
    model is some 100,000 Python objects that every full collection would walk again (a tenth
    of the time the stages after spaCy take, measured with benchmarks/bench_extract.py). The
    garbage of loading is collected first, so none is kept with it."""
    gc.collect()
    gc.freeze()
    return loaded


@dataclass(frozen=True)
class Stage:
    """One step of the pipeline and the Article fields it reads and sets.

    ``run(article, *, settings, resources) -> Article``; where ``batched``, ``run`` takes the
    stream of articles instead and yields them back in order (spaCy's ``nlp.pipe``).
    """

    name: str
    run: Callable[..., Any]
    requires: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ()
    batched: bool = False

    def over(
        self,
        articles: Iterable[Article],
        *,
        settings: Settings,
        resources: Resources,
        on_failure: FailureHandler | None = None,
    ) -> Iterator[Article]:
        """This stage over a stream of articles, lazily and in order. An article the stage fails
        on goes to ``on_failure`` and is left out; without a handler, the error is raised."""
        if self.batched:
            return iter(
                self.run(articles, settings=settings, resources=resources, on_failure=on_failure)
            )
        return self._each(articles, settings, resources, on_failure)

    def _each(
        self,
        articles: Iterable[Article],
        settings: Settings,
        resources: Resources,
        on_failure: FailureHandler | None,
    ) -> Iterator[Article]:
        for article in articles:
            try:
                yield self.run(article, settings=settings, resources=resources)
            except Exception as exc:
                if on_failure is None:
                    raise
                on_failure(article, exc)


def nlp_stage(
    articles: Iterable[Article],
    *,
    settings: Settings,
    resources: Resources,
    on_failure: FailureHandler | None = None,
) -> Iterator[Article]:
    from .nlp import NlpStage

    stage = NlpStage(
        resources.nlp,
        batch_size=settings.batch_size,
        n_process=settings.n_process,
        languages=settings.languages,
    )
    yield from stage.run(articles, on_failure)


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


# What each stage reads, as its package's code does (``article.places`` and so on).
STAGES: tuple[Stage, ...] = (
    Stage("nlp", nlp_stage, requires=("text", "language"), assigns=("nlp",), batched=True),
    # The place stage also keeps on the NLP view how each place is written (``place_forms``).
    Stage("places", places_stage, requires=("text", "nlp"), assigns=("places", "nlp")),
    Stage("actors", actors_stage, requires=("text", "nlp", "places"), assigns=("actors",)),
    Stage(
        "events",
        events_stage,
        requires=("text", "published", "nlp", "places", "actors"),
        assigns=("events",),
    ),
    Stage(
        "quotes",
        quotes_stage,
        requires=("text", "nlp", "places", "actors", "events"),
        assigns=("quotes",),
    ),
    Stage("claims", claims_stage, requires=("text", "published", "places"), assigns=("claims",)),
)


def stages_until(until: str | None, stages: Sequence[Stage] = STAGES) -> tuple[Stage, ...]:
    """The stages up to and including the one named ``until`` (all of them for ``None``)."""
    names = [stage.name for stage in stages]
    if until is None:
        return tuple(stages)
    if until not in names:
        raise StageOrderError(f"no stage named {until!r}; the stages are {', '.join(names)}")
    return tuple(stages[: names.index(until) + 1])


def check_order(stages: Sequence[Stage]) -> None:
    """Raise if a stage reads a field that neither the input nor an earlier stage sets."""
    known = {f.name for f in fields(Article)}
    available = set(INPUT_FIELDS)
    names = [stage.name for stage in stages]
    if len(set(names)) != len(names):
        raise StageOrderError(f"stage names repeat: {', '.join(names)}")
    for i, stage in enumerate(stages):
        for name in (*stage.requires, *stage.assigns):
            if name not in known:
                raise StageOrderError(
                    f"stage {stage.name!r} declares {name!r}, which is not an Article field"
                )
        for name in stage.requires:
            if name in available:
                continue
            later = [s.name for s in stages[i + 1 :] if name in s.assigns]
            hint = f" (stage {later[0]!r} assigns it, but runs later)" if later else ""
            raise StageOrderError(
                f"stage {stage.name!r} requires {name!r}, which no earlier stage assigns"
                f"{hint}; order: {' -> '.join(names)}"
            )
        available.update(stage.assigns)


class Pipeline:
    """The stages, their order checked when built; ``until`` names the last stage to run."""

    def __init__(
        self,
        settings: Settings,
        resources: Resources | None = None,
        *,
        until: str | None = None,
        stages: Sequence[Stage] = STAGES,
    ) -> None:
        self.settings = settings
        self.resources = resources or Resources(settings)
        check_order(stages)
        self.stages = stages_until(until, stages)

    def run(
        self,
        articles: Iterable[Article],
        *,
        keep_nlp: bool = False,
        on_failure: FailureHandler | None = None,
    ) -> Iterator[Article]:
        """Process articles lazily, in input order, each stating the rules that made it. The NLP
        view is dropped from the output unless ``keep_nlp`` (what evaluating a stage that reads
        the parse needs). An article a stage fails on goes to ``on_failure`` and is left out,
        the others go on; without a handler (evaluations, tests), the error is raised."""
        stream: Iterable[Article] = articles
        for stage in self.stages:
            stream = stage.over(
                stream, settings=self.settings, resources=self.resources, on_failure=on_failure
            )
        rules = rules_version(self.settings.actors_file)
        for article in stream:
            yield replace(article, rules=rules, nlp=article.nlp if keep_nlp else None)
