"""Options the commands share, one decorator per family.

- :func:`db_option`: ``--db`` (:func:`existing_store` opens it read-only, :func:`open_store`
  either way);
- :func:`config_option`: ``--config`` (the command receives ``settings=``);
  :func:`settings_options`: the same plus ``--published``, ``--model``, ``--n-process``;
- :func:`output_options`: ``-f/--format`` (the formats a command writes) and ``-o/--output``;
- :func:`date_option`: a date (``YYYY-MM-DD``), checked by :func:`check_date`.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

import click

from ..export import FORMATS
from ..settings import Settings
from ..store import Store, explained
from .errors import resource_errors

F = TypeVar("F", bound=Callable[..., Any])
T = TypeVar("T")


def check_date(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """A date option's value as ``YYYY-MM-DD``; a usage error for anything that is not a date."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date like 2017-08-14") from None


def date_option(*names: str, **kwargs: Any) -> Callable[[F], F]:
    """A ``YYYY-MM-DD`` option (``--published``, ``--since``, ``--until``, ``--date``)."""
    return click.option(*names, callback=check_date, **kwargs)


def db_option(func: F) -> F:
    return click.option(
        "--db", default=None, help="SQLite database file [default: ./conflictwire.db]."
    )(func)


@contextmanager
def existing_store(db: str | Path) -> Iterator[Store]:
    """The store at ``db`` (``--db``, else the settings' ``db_path``), opened read-only; exit 3
    with the cause when there is none (saying how to make one), or it is not ours or damaged."""
    with open_store(db, read_only=True) as store:
        yield store


@contextmanager
def open_store(db: str | Path, *, read_only: bool) -> Iterator[Store]:
    """The store at ``db``; any failure on it, opening or later in the block, exits 3 with a
    message for its cause (not ours, damaged, read-only, disk full, locked)."""
    with resource_errors(), Store(db, read_only=read_only) as store, explained(db):
        for note in store.notes:
            click.echo(f"note: {note}", err=True)
        yield store


def load_settings(config: str | None, **overrides: Any) -> Settings:
    """Settings from ``config`` (or the defaults' sources) and the options given; a usage error
    for a missing or malformed file."""
    try:
        return Settings.load(config, **overrides)
    except (ValueError, FileNotFoundError) as exc:
        raise click.UsageError(str(exc)) from None


_config = click.option("--config", type=click.Path(dir_okay=False), help="Settings file (TOML).")


def config_option(func: F) -> F:
    """``--config``; the command receives ``settings=``."""

    @_config
    @functools.wraps(func)
    def wrapper(*args: Any, config: str | None, **kwargs: Any) -> Any:
        return func(*args, settings=load_settings(config), **kwargs)

    return wrapper  # type: ignore[return-value]


def settings_options(func: F) -> F:
    """Options every processing command shares; the command receives ``settings=``."""

    @_config
    @date_option("--published", help="Publication date (YYYY-MM-DD) for inputs without one.")
    @click.option("--model", "spacy_model", help="spaCy model package to load.")
    @click.option("--n-process", type=int, help="spaCy worker processes.")
    @functools.wraps(func)
    def wrapper(
        *args: Any,
        config: str | None,
        published: str | None,
        spacy_model: str | None,
        n_process: int | None,
        **kwargs: Any,
    ) -> Any:
        settings = load_settings(
            config, published=published, spacy_model=spacy_model, n_process=n_process
        )
        return func(*args, settings=settings, **kwargs)

    return wrapper  # type: ignore[return-value]


def _check_output(ctx: click.Context, param: click.Parameter, value: str) -> str:
    if value == "-" and ctx.params.get("fmt") == "parquet":
        raise click.BadParameter("parquet is binary: give a file, e.g. -o events.parquet")
    return value


def output_options(formats: Sequence[str] = FORMATS, default: str = "jsonl") -> Callable[[F], F]:
    """``-f/--format`` (one of ``formats``) and ``-o/--output`` ('-': stdout; not for parquet)."""

    def decorate(func: F) -> F:
        func = click.option(
            "-o", "--output", default="-", callback=_check_output, help="Output file ('-': stdout)."
        )(func)
        return click.option(
            "-f",
            "--format",
            "fmt",
            type=click.Choice(formats),
            default=default,
            show_default=True,
            is_eager=True,
        )(func)

    return decorate


def progress(items: Iterable[T], *, desc: str, unit: str = "article") -> Iterator[T]:
    """A progress bar on stderr for long runs; silent when stderr is not a terminal."""
    from tqdm import tqdm

    yield from tqdm(items, desc=desc, unit=unit, disable=not sys.stderr.isatty(), leave=False)
