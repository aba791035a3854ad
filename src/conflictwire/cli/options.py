"""Options the commands share, one decorator per family.

- :func:`db_option`: ``--db`` (:func:`existing_store` opens it read-only, :func:`open_store`
  either way);
- :func:`config_option`: ``--config`` (the command receives ``settings=``);
  :func:`settings_options`: the same plus ``--published``, ``--model``, ``--n-process``;
- :func:`output_options`: ``-f/--format`` (the formats a command writes) and ``-o/--output``;
- :func:`engine_options`: ``--engine``, ``--scheduler``, ``--workers``, ``--task-size`` (the
  command receives ``engine=``, an :class:`~conflictwire.engine.EngineChoice`);
- :func:`date_option`: a date (``YYYY-MM-DD``), checked by :func:`check_date`;
- :func:`refuse_output_among`: ``-o`` must not name one of the command's inputs.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import click

from ..engine.choice import DEFAULT_TASK_SIZE, DEFAULT_WORKERS, ENGINES, EngineChoice
from ..export import FORMATS
from ..export.output import is_stdout
from ..settings import Settings, iso_day, publication_day
from ..store import Store, explained
from .errors import ExitCode, fail, resource_errors

F = TypeVar("F", bound=Callable[..., Any])


def check_date(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """A date option's value as ``YYYY-MM-DD`` (any ISO 8601 form of a day is taken, e.g.
    ``20170814`` or ``2017-W33-1``); a usage error for anything that is not a date."""
    if value is None:
        return None
    try:
        return iso_day(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


def check_published(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """:func:`check_date` for ``--published``, which must also be a plausible publication date."""
    if value is None:
        return None
    try:
        return publication_day(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


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
    """Settings from ``config`` (or the defaults' sources) and the options given; exit 2 with
    a one-line message for a missing or unreadable file or a value a setting cannot take."""
    try:
        return Settings.load(config, **overrides)
    except (ValueError, FileNotFoundError) as exc:  # SettingsError is a ValueError
        fail(str(exc), ExitCode.USAGE)


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
    @click.option(
        "--published",
        callback=check_published,
        help="Publication date (YYYY-MM-DD) for inputs without one.",
    )
    @click.option("--model", "spacy_model", help="spaCy model package to load.")
    @click.option("--n-process", type=click.IntRange(min=1), help="spaCy worker processes.")
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


def engine_options(func: F) -> F:
    """Where the stages run; the command receives ``engine=``."""

    @click.option(
        "--engine",
        type=click.Choice(ENGINES),
        default="local",
        show_default=True,
        help="Run the stages in this process, or on a Dask cluster.",
    )
    @click.option(
        "--scheduler",
        envvar="DASK_SCHEDULER_ADDRESS",
        show_envvar=True,
        help="A running Dask scheduler (tcp://HOST:8786) for --engine dask; without one, a "
        "local cluster of --workers processes is started.",
    )
    @click.option(
        "--workers",
        type=click.IntRange(min=1),
        default=DEFAULT_WORKERS,
        show_default=True,
        help="Worker processes of the local Dask cluster.",
    )
    @click.option(
        "--task-size",
        type=click.IntRange(min=1),
        default=DEFAULT_TASK_SIZE,
        show_default=True,
        help="Articles per Dask task (and per file with --shards).",
    )
    @functools.wraps(func)
    def wrapper(
        *args: Any, engine: str, scheduler: str | None, workers: int, task_size: int, **kwargs: Any
    ) -> Any:
        ctx = click.get_current_context()
        given = ctx.get_parameter_source("scheduler") == click.core.ParameterSource.COMMANDLINE
        if engine == "local" and given:
            fail("--scheduler is for --engine dask; add --engine dask", ExitCode.USAGE)
        choice = EngineChoice(engine, scheduler or None, workers, task_size)
        return func(*args, engine=choice, **kwargs)

    return wrapper  # type: ignore[return-value]


def _check_output(ctx: click.Context, param: click.Parameter, value: str) -> str:
    if value == "-" and ctx.params.get("fmt") == "parquet" and not ctx.params.get("shards"):
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


def _same_file(a: str | Path, b: str | Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:  # one of them does not exist (yet)
        return False


def refuse_output_among(output: str, inputs: Iterable[str | Path]) -> None:
    """Exit 2, before anything is read, when ``-o`` names one of ``inputs`` (the same file,
    through any symbolic or hard link): writing it would destroy what is being read."""
    if is_stdout(output):
        return
    for name in inputs:
        if name != "-" and _same_file(output, name):
            fail(
                f"-o {output} is one of the inputs ({name}); write the output to another file",
                ExitCode.USAGE,
            )
