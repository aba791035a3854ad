"""``conflictwire evaluate``: scores against gold data in the ``shared/devdata`` format."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import click

from ..settings import Settings
from .errors import resource_errors
from .options import settings_options
from .progress import progress

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


def processed(
    pipeline: Any, gold: str, limit: int | None, desc: str, *, keep_nlp: bool = False
) -> Iterator[tuple[Any, Any]]:
    """(gold document, processed article) pairs, with a progress bar."""
    from ..evaluate.gold import read_gold

    docs = list(read_gold(Path(gold), limit=limit))
    articles = pipeline.run((d.to_article() for d in docs), keep_nlp=keep_nlp)
    return zip(docs, progress(articles, desc=desc, total=len(docs)), strict=True)


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


EXPECT_NONE = "expect-none"


@evaluate.command()
@gold_options
@click.option(
    "--corpus",
    "corpus_dir",
    type=click.Path(exists=True, file_okay=False),
    help="Folder of the articles a corpus gold file names (default: the bundled sample corpus).",
)
@click.option("--confusion", is_flag=True, help="Print the whole confusion table.")
@click.option(
    "--expect-none",
    is_flag=True,
    help="GOLD's texts should report no event (any gold JSONL; its gold is ignored): the event "
    "rate, the sub-types that fired and examples.",
)
def events(
    gold: str,
    limit: int | None,
    as_json: bool,
    settings: Settings,
    corpus_dir: str | None,
    confusion: bool,
    expect_none: bool,
) -> None:
    """Score the events coded on GOLD (JSONL), each document's first event against its gold.

    The format is told by the first record's keys (an error names them when none fits):

    \b
    acled   ACLED-style notes (gold: event_type, sub_event_type and more of
            ACLED's columns): type, sub-type, location (25 km), actor1, date,
            fatalities, sub-type confusions
    case    CASE 2021 snippets (gold: only event_type, sub_event_type): coverage,
            type, sub-type, weighted F1 of sub-types, sub-type confusions
    fakes   FA-KES articles (gold: admin1, credible): the governorate of the main
            event, split by credible, governorate confusions, misses
    corpus  a corpus gold file naming articles by origin (--corpus DIR): as acled,
            plus the false-positive rate on articles that report no event

    With --expect-none, GOLD's texts should report no event, whatever their gold: the share
    that get one, the sub-types of their first events and examples of what fired. --json prints
    everything (confusion tables, misses, examples)."""
    from ..evaluate.formats import GoldFormatError, gold_format, require_texts
    from ..pipeline import Pipeline

    try:
        if expect_none:
            require_texts(gold)
            kind = EXPECT_NONE
        else:
            kind = gold_format(gold)
    except GoldFormatError as exc:
        raise click.BadParameter(str(exc), param_hint="GOLD") from None
    with resource_errors():
        pipeline = Pipeline(settings)
        summary, scores = _score_events(kind, pipeline, gold, corpus_dir, limit)
    if as_json:
        click.echo(json.dumps({"format": kind, **summary, **scores.details()}, indent=2))
        return
    click.echo(f"{'format':>28}: {kind}")
    for key, value in summary.items():
        click.echo(f"{key:>28}: {value}")
    if kind == EXPECT_NONE:
        _echo_what_fired(scores)
    else:
        _echo_confusions(scores, confusion)


def _score_events(
    kind: str, pipeline: Any, gold: str, corpus_dir: str | None, limit: int | None
) -> tuple[dict[str, Any], Any]:
    """(summary, scores) for a gold file of the given format."""
    from ..evaluate.case import score_case
    from ..evaluate.events import score_events
    from ..evaluate.expect_none import score_expect_none
    from ..evaluate.fakes import score_fakes
    from ..evaluate.formats import ACLED, CASE, CORPUS, FAKES

    if kind == CORPUS:
        corpus = _score_corpus(pipeline, gold, corpus_dir, limit)
        return corpus.summary(), corpus.events
    scorers: dict[str, Callable[..., Any]] = {
        ACLED: score_events,
        CASE: score_case,
        FAKES: score_fakes,
        EXPECT_NONE: score_expect_none,
    }
    scores = scorers[kind](processed(pipeline, gold, limit, "evaluate events"))
    return scores.summary(), scores


def _echo_confusions(scores: Any, whole: bool) -> None:
    """The top confusions (all of them with ``whole``), then any misses the scores keep."""
    if whole:
        click.echo("confusion (gold -> predicted: count):")
        for gold_label, row in scores.confusion().items():
            for predicted, count in sorted(row.items(), key=lambda kv: -kv[1]):
                click.echo(f"  {gold_label} -> {predicted}: {count}")
    else:
        click.echo("top confusions (gold -> predicted: count):")
        for gold_label, predicted, count in scores.top_confusions():
            click.echo(f"  {gold_label} -> {predicted}: {count}")
    misses = scores.details().get("misses", [])
    if misses:
        click.echo("misses (id: gold -> ours, our place):")
    for miss in misses:
        click.echo(f"  {miss['id']}: {miss['gold']} -> {miss['ours']}, {miss['location']}")


def _echo_what_fired(scores: Any) -> None:
    click.echo("first events by sub-type:")
    for sub_type, count in scores.by_sub_type().items():
        click.echo(f"  {sub_type}: {count}")
    click.echo("examples (id, sub-type, trigger: sentence):")
    for item in scores.examples:
        click.echo(
            f"  {item['id']}  {item['sub_event_type']}  {item['trigger']!r}: {item['sentence']}"
        )


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
        shown = progress(articles, desc="evaluate location", total=len(docs))
        pairs = zip(docs, shown, strict=True)
        summary = score_location(pairs).summary()
    if as_json:
        click.echo(json.dumps(summary, indent=2))
        return
    for key, value in summary.items():
        click.echo(f"{key:>22}: {value}")


def _score_corpus(pipeline: Any, gold: str, corpus_dir: str | None, limit: int | None) -> Any:
    from ..demo import sample_corpus
    from ..evaluate.corpus import (
        corpus_articles,
        dated_by_gold,
        pair_with_gold,
        read_corpus_gold,
        score_corpus,
    )

    root = Path(corpus_dir) if corpus_dir else sample_corpus()
    records = read_corpus_gold(gold)
    articles = dated_by_gold(corpus_articles(root, pipeline.settings)[:limit], records, root)
    processed_articles = progress(
        pipeline.run(articles), desc="evaluate events", total=len(articles)
    )
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
    """Direct-quote recall and precision, named-speaker accuracy, indirect-quote recall and
    precision, and speaker accuracy by speaker kind on GOLD (JSONL)."""
    from ..evaluate.quotes import score_quotes
    from ..pipeline import Pipeline

    with resource_errors():
        pairs = processed(Pipeline(settings), gold, limit, "evaluate quotes", keep_nlp=True)
        summary = score_quotes(pairs)
    summary_dict = summary.summary()
    if as_json:
        click.echo(json.dumps(summary_dict, indent=2))
        return
    by_kind = summary_dict.pop("speaker_accuracy_by_kind")
    for key, value in summary_dict.items():
        click.echo(f"{key:>22}: {value}")
    for way, kinds in by_kind.items():
        for kind, figures in kinds.items():
            label = f"{way} speaker, {kind}"
            click.echo(f"{label:>30}: {figures['accuracy']} ({figures['quotes']} quotes)")
