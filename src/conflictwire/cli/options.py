"""Options, errors and exit codes shared by the commands."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

import click

from ..ingest import IngestError
from ..settings import Settings

EXIT_INPUT_FAILED = 1
EXIT_RESOURCE = 3
FORMATS = ("jsonl", "acled-csv", "geojson", "parquet")

F = TypeVar("F", bound=Callable[..., Any])
T = TypeVar("T")


def settings_options(func: F) -> F:
    """Options every processing command shares; the command receives ``settings=``."""

    @click.option("--config", type=click.Path(dir_okay=False), help="Settings file (TOML).")
    @click.option("--published", help="Publication date (YYYY-MM-DD) for inputs without one.")
    @click.option("--model", "spacy_model", help="spaCy model package to load.")
    @click.option("--n-process", type=int, help="spaCy worker processes.")
    @functools.wraps(func)
    def wrapper(*args: Any, config: str | None, published: str | None, **kwargs: Any) -> Any:
        spacy_model, n_process = kwargs.pop("spacy_model"), kwargs.pop("n_process")
        if published:
            _check_date(published)
        try:
            settings = Settings.load(
                config, published=published, spacy_model=spacy_model, n_process=n_process
            )
        except (ValueError, FileNotFoundError) as exc:
            raise click.UsageError(str(exc)) from None
        return func(*args, settings=settings, **kwargs)

    return wrapper  # type: ignore[return-value]


def _check_output(ctx: click.Context, param: click.Parameter, value: str) -> str:
    if value == "-" and ctx.params.get("fmt") == "parquet":
        raise click.BadParameter("parquet is binary: give a file, e.g. -o events.parquet")
    return value


def output_options(func: F) -> F:
    func = click.option(
        "-o", "--output", default="-", callback=_check_output, help="Output file ('-': stdout)."
    )(func)
    return click.option(
        "-f",
        "--format",
        "fmt",
        type=click.Choice(FORMATS),
        default="jsonl",
        show_default=True,
        is_eager=True,
    )(func)


def _check_date(value: str) -> None:
    from datetime import date

    try:
        date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(
            f"{value!r} is not a date like 2017-08-14", param_hint="--published"
        ) from None


def report_error(error: IngestError) -> None:
    click.echo(f"warning: {error.origin}: {error.message}", err=True)


def fail(message: str) -> None:
    click.echo(f"error: {message}", err=True)
    sys.exit(EXIT_RESOURCE)


def progress(items: Iterable[T], *, desc: str, unit: str = "article") -> Iterator[T]:
    """A progress bar on stderr for long runs; silent when stderr is not a terminal."""
    from tqdm import tqdm

    yield from tqdm(items, desc=desc, unit=unit, disable=not sys.stderr.isatty(), leave=False)
