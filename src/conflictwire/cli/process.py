"""Commands that process inputs or stored records: extract, ingest, export, demo."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .. import export as exporting
from .. import jobs
from ..pipeline import Pipeline
from ..settings import Settings
from .errors import exit_for, report_error, resource_errors
from .options import (
    db_option,
    existing_store,
    load_settings,
    open_store,
    output_options,
    refuse_output_among,
    settings_options,
)
from .progress import Progress


@click.command()
@click.argument("inputs", nargs=-1, required=True)
@output_options()
@settings_options
def extract(inputs: tuple[str, ...], fmt: str, output: str, settings: Settings) -> None:
    """Extract records from INPUTS (files, folders, '-' for stdin) and write them.

    Writes JSONL records (docs/SCHEMA.md) to stdout unless --format/--output say otherwise.
    A file given with --output appears only when the run has written it whole.
    """
    files = jobs.input_files(inputs)
    refuse_output_among(output, files)
    report = jobs.RunReport()
    with resource_errors(), _files_progress("extract", files) as bar:
        pipeline = Pipeline(settings)
        articles = jobs.extract(
            files, settings, pipeline, report, report_error, sys.stdin.buffer, bar.step
        )
        exporting.write(bar.count(articles), fmt, output)
    exit_for(report.failed)


def _files_progress(desc: str, files: jobs.InputFiles) -> Progress:
    """Input files read of their total, and the articles done so far (on a terminal)."""
    return Progress(desc, total=len(files), unit="file", noun="articles")


@click.command()
@click.argument("inputs", nargs=-1, required=True)
@db_option
@settings_options
def ingest(inputs: tuple[str, ...], db: str | None, settings: Settings) -> None:
    """Process INPUTS into the database; already stored texts are skipped (an identical copy
    from another outlet adds that outlet as a source of the stored article)."""
    files = jobs.input_files(inputs)
    report = jobs.RunReport()
    with (
        open_store(db or settings.db_path, read_only=False) as store,
        _files_progress("ingest", files) as bar,
    ):
        jobs.ingest(
            files,
            settings,
            Pipeline(settings),
            store,
            report,
            report_error,
            stdin=sys.stdin.buffer,
            on_article=bar.count_one,
            on_input=bar.step,
        )
    click.echo(
        f"{report.articles} articles read, {report.stored} stored, "
        f"{report.duplicates} already stored, {report.sources_added} copies from another "
        f"outlet (added as sources), {len(report.failed)} inputs failed; "
        f"{report.reports_grouped} event reports grouped ({report.groups_written} events updated)",
        err=True,
    )
    exit_for(report.failed)


@click.command()
@db_option
@output_options()
def export(db: str | None, fmt: str, output: str) -> None:
    """Write the stored articles' records in one of the output formats (read-only).

    A file given with --output appears only when the run has written it whole."""
    path = db or load_settings(None).db_path
    refuse_output_among(output, [path])
    with existing_store(path) as store:
        count = exporting.write(store.iter_articles(), fmt, output)
    click.echo(f"{count} records written", err=True)


@click.command()
@click.option("--out", default="demo-output", show_default=True, help="Output folder.")
@settings_options
def demo(out: str, settings: Settings) -> None:
    """Process the bundled sample corpus into OUT and print a summary."""
    from ..demo import run_demo

    with resource_errors():
        report = run_demo(Path(out), settings, echo=click.echo)
    exit_for(report.failed)
