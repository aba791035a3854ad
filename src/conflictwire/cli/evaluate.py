"""``conflictwire evaluate``: scores against gold data in the ``shared/devdata`` format."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import click

from ..settings import Settings
from .errors import resource_errors
from .options import progress, settings_options

F = TypeVar("F", bound=Callable[..., Any])


@click.group()
def evaluate() -> None:
    """Score the system against gold annotations."""


def gold_options(func: F) -> F:
    """The arguments every ``evaluate`` command takes."""
    func = settings_options(func)
    func = click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")(func)
    func = click.option("--limit", type=int, help="Only the first N documents.")(func)
    return click.argument("gold", type=click.Path(exists=True, dir_okay=False))(func)


def processed(pipeline: Any, gold: str, limit: int | None, desc: str) -> Iterator[tuple[Any, Any]]:
    """(gold document, processed article) pairs, with a progress bar."""
    from ..evaluate.gold import read_gold

    docs = list(read_gold(Path(gold), limit=limit))
    articles = pipeline.run(d.to_article() for d in docs)
    return zip(docs, progress(articles, desc=desc), strict=True)


@evaluate.command()
@gold_options
def geo(gold: str, limit: int | None, as_json: bool, settings: Settings) -> None:
    """Toponym recall, precision, Acc@161km and error distances on GOLD (JSONL)."""
    from ..evaluate.geo import score_geo
    from ..pipeline import Pipeline

    with resource_errors():
        pipeline = Pipeline(settings)
        pairs = processed(pipeline, gold, limit, "evaluate geo")
        summary = score_geo(pairs, pipeline.resources.gazetteer).summary()
    if as_json:
        click.echo(json.dumps(summary, indent=2))
        return
    for key, value in summary.items():
        if key != "misses":
            click.echo(f"{key:>20}: {value}")
    click.echo(f"{'misses':>20}: " + ", ".join(f"{k} {v}" for k, v in summary["misses"].items()))


@evaluate.command()
@gold_options
@click.option(
    "--corpus",
    "corpus_dir",
    type=click.Path(exists=True, file_okay=False),
    help="Folder of the articles a corpus gold file names (default: the bundled sample corpus).",
)
@click.option("--confusion", is_flag=True, help="Print the whole sub-type confusion table.")
def events(
    gold: str,
    limit: int | None,
    as_json: bool,
    settings: Settings,
    corpus_dir: str | None,
    confusion: bool,
) -> None:
    """Event type, sub-type, location (25 km), actor1, date and fatalities on GOLD (JSONL).

    GOLD is either ACLED-style notes (``text`` and ``gold`` per line, as in shared/devdata) or a
    corpus gold file naming articles by ``origin`` (as tests/gold/sample_gold.jsonl); for the
    latter the false-positive rate on articles that report no event is given too. With --json,
    the confusion table (gold sub-type -> predicted -> count) is included."""
    from ..evaluate.corpus import is_corpus_gold
    from ..evaluate.events import score_events
    from ..pipeline import Pipeline

    with resource_errors():
        pipeline = Pipeline(settings)
        if is_corpus_gold(gold):
            corpus = _score_corpus(pipeline, gold, corpus_dir, limit)
            summary, scores = corpus.summary(), corpus.events
        else:
            scores = score_events(processed(pipeline, gold, limit, "evaluate events"))
            summary = scores.summary()
    if as_json:
        click.echo(json.dumps({**summary, "confusion": scores.confusion()}, indent=2))
        return
    for key, value in summary.items():
        click.echo(f"{key:>28}: {value}")
    if confusion:
        click.echo("confusion (gold -> predicted: count):")
        for gold_type, row in scores.confusion().items():
            for predicted, count in sorted(row.items(), key=lambda kv: -kv[1]):
                click.echo(f"  {gold_type} -> {predicted}: {count}")
        return
    click.echo("top confusions (gold -> predicted: count):")
    for gold_type, predicted, count in scores.top_confusions():
        click.echo(f"  {gold_type} -> {predicted}: {count}")


@evaluate.command()
@gold_options
def location(gold: str, limit: int | None, as_json: bool, settings: Settings) -> None:
    """Where events happened: the place chosen for each sentence's verb on GOLD (JSONL, as
    shared/devdata's event_location_dev.jsonl), right when it overlaps a gold location."""
    from ..evaluate.gold import read_gold
    from ..evaluate.location import score_location
    from ..pipeline import Pipeline

    with resource_errors():
        pipeline = Pipeline(settings, until="actors")  # what choosing an event's place reads
        docs = list(read_gold(Path(gold), limit=limit))
        articles = pipeline.run((d.to_article() for d in docs), keep_nlp=True)
        pairs = zip(docs, progress(articles, desc="evaluate location"), strict=True)
        summary = score_location(pairs).summary()
    if as_json:
        click.echo(json.dumps(summary, indent=2))
        return
    for key, value in summary.items():
        click.echo(f"{key:>22}: {value}")


def _score_corpus(pipeline: Any, gold: str, corpus_dir: str | None, limit: int | None) -> Any:
    from ..demo import sample_corpus
    from ..evaluate.corpus import corpus_articles, pair_with_gold, read_corpus_gold, score_corpus

    root = Path(corpus_dir) if corpus_dir else sample_corpus()
    records = read_corpus_gold(gold)
    articles = corpus_articles(root, pipeline.settings)[:limit]
    processed_articles = progress(pipeline.run(articles), desc="evaluate events")
    gazetteer = pipeline.resources.gazetteer

    def locate(geonameid: int) -> tuple[float, float] | None:
        place = gazetteer.get(geonameid)
        if place is None or place.latitude is None or place.longitude is None:
            return None
        return place.latitude, place.longitude

    return score_corpus(pair_with_gold(processed_articles, records, root), locate)


@evaluate.command()
@gold_options
def quotes(gold: str, limit: int | None, as_json: bool, settings: Settings) -> None:
    """Direct-quote recall, named-speaker accuracy and indirect-quote recall on GOLD (JSONL)."""
    from ..evaluate.quotes import score_quotes
    from ..pipeline import Pipeline

    with resource_errors():
        summary = score_quotes(processed(Pipeline(settings), gold, limit, "evaluate quotes"))
    summary_dict = summary.summary()
    if as_json:
        click.echo(json.dumps(summary_dict, indent=2))
        return
    for key, value in summary_dict.items():
        click.echo(f"{key:>22}: {value}")
