"""Commands that process inputs or stored records: extract, ingest, export, demo."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .. import export as exporting
from .. import jobs
from ..engine import EngineChoice, open_runner
from ..export.output import is_stdout
from ..export.shards import shard_path, write_shard
from ..pipeline import Pipeline
from ..settings import Settings
from .errors import ExitCode, exit_for, fail, report_error, resource_errors
from .options import (
    db_option,
    engine_options,
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
@click.option(
    "--shards",
    type=click.Path(file_okay=False),
    is_eager=True,  # read before -o, which it replaces (parquet needs no -o with it)
    help="Write one file per --task-size articles into this folder (part-000000.jsonl, ...), "
    "each written whole; run again on the same inputs, it skips the files already there.",
)
@engine_options
@settings_options
def extract(
    inputs: tuple[str, ...],
    fmt: str,
    output: str,
    shards: str | None,
    engine: EngineChoice,
    settings: Settings,
) -> None:
    """Extract records from INPUTS (files, folders, '-' for stdin) and write them.

    Writes JSONL records (docs/SCHEMA.md) to stdout unless --format/--output say otherwise.
    A file given with --output appears only when the run has written it whole. With --engine
    dask the records come in the order their batches finish.
    """
    files = jobs.input_files(inputs)
    if shards is not None and not is_stdout(output):
        fail("give --shards FOLDER or -o FILE, not both", ExitCode.USAGE)
    refuse_output_among(output, files)
    report = jobs.RunReport()
    with resource_errors(), _files_progress("extract", files, report) as bar:
        if engine.local and shards is None:  # one stream through one pipeline
            pipeline = Pipeline(settings)
            articles = jobs.extract(
                files, settings, pipeline, report, report_error, sys.stdin.buffer, bar.step
            )
            exporting.write(bar.count(articles), fmt, output)
        else:
            _extract_batches(files, fmt, output, shards, engine, settings, report, bar)
    exit_for(report.failed)


def _extract_batches(
    files: jobs.InputFiles,
    fmt: str,
    output: str,
    shards: str | None,
    engine: EngineChoice,
    settings: Settings,
    report: jobs.RunReport,
    bar: Progress,
) -> None:
    """``extract`` a batch at a time: on a Dask cluster, or into shards (a file per batch)."""
    folder = Path(shards) if shards is not None else None
    with open_runner(engine, settings, lambda: Pipeline(settings)) as runner:
        results = jobs.extract_batches(
            files,
            settings,
            runner,
            report,
            report_error,
            sys.stdin.buffer,
            bar.step,
            skip=(lambda i: shard_path(folder, i, fmt).exists()) if folder else None,
        )
        if folder is None:
            exporting.write(bar.count(a for r in results for a in r.articles), fmt, output)
            return
        for result in results:
            write_shard(result.articles, fmt, folder, result.index)
            for article in result.articles:
                bar.count_one(article)


def _files_progress(desc: str, files: jobs.InputFiles, report: jobs.RunReport) -> Progress:
    """Input files read of their total, the articles done so far, their rate and the failures."""
    return Progress(
        desc, total=len(files), unit="file", noun="articles", failures=lambda: len(report.failed)
    )


@click.command()
@click.argument("inputs", nargs=-1, required=True)
@db_option
@engine_options
@settings_options
def ingest(
    inputs: tuple[str, ...], db: str | None, engine: EngineChoice, settings: Settings
) -> None:
    """Process INPUTS into the database; already stored texts are skipped (an identical copy
    from another outlet adds that outlet as a source of the stored article). Only this process
    writes the database, one transaction per batch, whichever --engine processes them."""
    files = jobs.input_files(inputs)
    report = jobs.RunReport()
    with (
        open_store(db or settings.db_path, read_only=False) as store,
        _files_progress("ingest", files, report) as bar,
    ):
        pipeline = Pipeline(settings)  # loads nothing until it runs
        with open_runner(engine, settings, lambda: pipeline, jobs.INGEST_BATCH) as runner:
            jobs.ingest(
                files,
                settings,
                pipeline,
                store,
                report,
                report_error,
                stdin=sys.stdin.buffer,
                on_article=bar.count_one,
                on_input=bar.step,
                runner=runner,
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
