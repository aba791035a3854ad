"""The demo job: the bundled sample corpus → ``demo-output/`` and a readable summary."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from importlib import resources
from pathlib import Path

from . import export as exporting
from . import jobs
from .ingest import IngestError
from .models import Article
from .nlp import model_label
from .pipeline import Pipeline
from .settings import Settings
from .store import Store

OUTPUTS = {
    "records.jsonl": "jsonl",
    "events.csv": "acled-csv",
    "map.geojson": "geojson",
}


def sample_corpus() -> Path:
    """The folder of sample articles shipped with the package."""
    return Path(str(resources.files("conflictwire").joinpath("data/sample_corpus")))


def run_demo(out: Path, settings: Settings, echo: Callable[[str], None]) -> jobs.RunReport:
    out.mkdir(parents=True, exist_ok=True)
    corpus = sample_corpus()
    echo(f"Processing the sample corpus in {corpus} ...")
    report = jobs.RunReport()

    def show(article: Article) -> None:
        countries = Counter(p.country or "?" for p in article.places)
        where = ", ".join(c for c, _ in countries.most_common(2)) or "no places"
        note = f" [{article.warnings[0]}]" if article.warnings else ""
        echo(
            f"  {(article.title or article.id or '')[:60]:<60} {where}; "
            f"{len(article.events)} events{note}"
        )

    def warn(error: IngestError) -> None:
        echo(f"  warning: {error.origin}: {error.message}")

    pipeline = Pipeline(settings)
    echo(f"spaCy model: {model_label(pipeline.resources.nlp)}")
    with Store(out / "conflictwire.db") as store:
        jobs.ingest([str(corpus)], settings, pipeline, store, report, warn, on_article=show)
        for name, fmt in OUTPUTS.items():
            exporting.write(store.iter_articles(), fmt, out / name)
        stored = list(store.iter_articles())
    places = Counter(p.country or "?" for a in stored for p in a.places)
    events = Counter(f"{e.event_type} / {e.sub_event_type}" for a in stored for e in a.events)
    _summary(echo, out, report, len(stored), places, events)
    return report


def _summary(
    echo: Callable[[str], None],
    out: Path,
    report: jobs.RunReport,
    stored: int,
    places: Counter[str],
    events: Counter[str],
) -> None:
    echo("")
    echo(
        f"Articles: {report.articles} read, {report.stored} newly stored "
        f"({stored} in the database), {len(report.failed)} inputs failed"
    )
    echo("Places by country: " + ", ".join(f"{c} {n}" for c, n in places.most_common(12)))
    if events:
        echo("Events by type:")
        for kind, n in events.most_common():
            echo(f"  {n:>3}  {kind}")
    echo(f"Outputs in {out}/: " + ", ".join([*OUTPUTS, "conflictwire.db"]))
