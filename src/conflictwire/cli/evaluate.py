"""``conflictwire evaluate``: scores against gold data in the ``shared/devdata`` format."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import click

from ..settings import Settings
from .options import progress, settings_options
from .resources import resource_errors

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
def events(gold: str, limit: int | None, as_json: bool, settings: Settings) -> None:
    """Event type, sub-type, location (25 km), actor1, date and fatalities on GOLD (JSONL).

    With --json, the confusion table (gold sub-type -> predicted -> count) is included."""
    from ..evaluate.events import score_events
    from ..pipeline import Pipeline

    with resource_errors():
        scores = score_events(processed(Pipeline(settings), gold, limit, "evaluate events"))
    summary = scores.summary()
    if as_json:
        click.echo(json.dumps({**summary, "confusion": scores.confusion()}, indent=2))
        return
    for key, value in summary.items():
        click.echo(f"{key:>16}: {value}")
    click.echo("top confusions (gold -> predicted: count):")
    for gold_type, predicted, count in scores.top_confusions():
        click.echo(f"  {gold_type} -> {predicted}: {count}")


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
