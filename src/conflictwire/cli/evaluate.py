"""``conflictwire evaluate``: scores against gold data in the ``shared/devdata`` format."""

from __future__ import annotations

import json
from pathlib import Path

import click

from ..settings import Settings
from .options import progress, settings_options
from .resources import resource_errors


@click.group()
def evaluate() -> None:
    """Score the system against gold annotations."""


@evaluate.command()
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@click.option("--limit", type=int, help="Only the first N documents.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@settings_options
def geo(gold: str, limit: int | None, as_json: bool, settings: Settings) -> None:
    """Toponym recall, precision, Acc@161km and error distances on GOLD (JSONL)."""
    from ..evaluate.geo import score_geo
    from ..evaluate.gold import read_gold
    from ..pipeline import Pipeline

    with resource_errors():
        pipeline = Pipeline(settings)
        docs = list(read_gold(Path(gold), limit=limit))
        articles = pipeline.run(d.to_article() for d in docs)
        pairs = zip(docs, progress(articles, desc="evaluate geo"), strict=True)
        summary = score_geo(pairs, pipeline.resources.gazetteer).summary()
    if as_json:
        click.echo(json.dumps(summary, indent=2))
        return
    for key, value in summary.items():
        if key != "misses":
            click.echo(f"{key:>20}: {value}")
    click.echo(f"{'misses':>20}: " + ", ".join(f"{k} {v}" for k, v in summary["misses"].items()))


@evaluate.command()
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@click.option("--limit", type=int, help="Only the first N documents.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores (and confusion) as JSON.")
@settings_options
def events(gold: str, limit: int | None, as_json: bool, settings: Settings) -> None:
    """Event type, sub-type, location (25 km), actor1, date and fatalities on GOLD (JSONL)."""
    from ..evaluate.events import score_events
    from ..evaluate.gold import read_gold
    from ..pipeline import Pipeline

    with resource_errors():
        pipeline = Pipeline(settings)
        docs = list(read_gold(Path(gold), limit=limit))
        articles = pipeline.run(d.to_article() for d in docs)
        scores = score_events(zip(docs, progress(articles, desc="evaluate events"), strict=True))
    summary = scores.summary()
    if as_json:
        click.echo(json.dumps({**summary, "confusion": scores.confusion()}, indent=2))
        return
    for key, value in summary.items():
        click.echo(f"{key:>16}: {value}")
    click.echo("top confusions (gold -> predicted: count):")
    for gold_type, predicted, count in scores.top_confusions():
        click.echo(f"  {gold_type} -> {predicted}: {count}")
