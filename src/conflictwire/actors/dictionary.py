"""The actor dictionary: named actors and generic roles, read from ``data/actors/*.yaml``.

A user file (the ``actors_file`` setting) in the same format is laid over the built-in one: an
entry with the name of a built-in entry replaces it, others are added.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from ..models import ACTOR_TYPES

DATA_DIR = "data/actors"
NON_ACTOR_FILES = ("countries.yaml", "generic.yaml")
ROLE_KEYS = ("name", "type", "phrases", "prefixed", "patterns")


class ActorFileError(ValueError):
    """A malformed actor file or entry; the message names the file and the entry."""


@dataclass(frozen=True, eq=False)
class ActorEntry:
    name: str
    type: str
    country: str | None = None
    aliases: tuple[str, ...] = ()
    by_country: Mapping[str, str] = field(default_factory=dict)
    only_in: frozenset[str] = frozenset()  # focus countries where the aliases count (empty: all)
    source: str = ""

    def name_for(self, focus: str | None) -> str:
        """The canonical name in an article about ``focus`` ("Islamic State (Iraq)")."""
        return self.by_country.get(focus or "", self.name)


@dataclass(frozen=True)
class GenericRole:
    """An unnamed group ("government forces", "protesters") named after its country."""

    role: str
    name: str  # template with {country} / {force_country}
    type: str
    phrases: tuple[str, ...] = ()
    prefixed: tuple[str, ...] = ()
    patterns: tuple[str, ...] = ()


@dataclass(frozen=True, eq=False)  # hashed by identity: one compiled matcher per dictionary
class ActorDictionary:
    entries: tuple[ActorEntry, ...]
    roles: tuple[GenericRole, ...]
    nationality_words: Mapping[str, str | None]
    prefix_blockers: frozenset[str]

    @classmethod
    def load(cls, actors_file: str | Path | None = None) -> ActorDictionary:
        """The packaged dictionary, with ``actors_file`` (if given) merged over it."""
        folder = resources.files("conflictwire").joinpath(DATA_DIR)
        by_name: dict[str, ActorEntry] = {}
        for item in sorted(folder.iterdir(), key=lambda f: f.name):
            if item.name.endswith(".yaml") and item.name not in NON_ACTOR_FILES:
                _merge(by_name, _read_entries(item.read_text("utf-8"), item.name))
        if actors_file is not None:
            path = Path(actors_file)
            if not path.is_file():
                raise ActorFileError(f"actors file not found: {path}")
            _merge(by_name, _read_entries(path.read_text("utf-8"), str(path)))
        generic = yaml.safe_load(folder.joinpath("generic.yaml").read_text("utf-8"))
        roles = tuple(_role(k, v) for k, v in generic["roles"].items())
        return cls(
            entries=tuple(by_name.values()),
            roles=roles,
            nationality_words=dict(generic.get("nationality_words") or {}),
            prefix_blockers=frozenset(str(w).lower() for w in generic.get("prefix_blockers", [])),
        )

    def entry(self, name: str) -> ActorEntry | None:
        return next((e for e in self.entries if e.name == name), None)


def _merge(by_name: dict[str, ActorEntry], entries: Iterable[ActorEntry]) -> None:
    for entry in entries:
        by_name[entry.name] = entry


def _read_entries(text: str, source: str) -> list[ActorEntry]:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ActorFileError(f"{source}: not valid YAML: {exc}") from None
    if not isinstance(data, dict) or not isinstance(data.get("actors"), list):
        raise ActorFileError(f"{source}: expected a mapping with an 'actors' list")
    return [_entry(raw, source, i) for i, raw in enumerate(data["actors"], start=1)]


def _entry(raw: Any, source: str, index: int) -> ActorEntry:
    where = f"{source}, entry {index}"
    if not isinstance(raw, dict):
        raise ActorFileError(f"{where}: expected a mapping with name, type, country, aliases")
    name = raw.get("name")
    if not isinstance(name, str) or not name.strip():
        raise ActorFileError(f"{where}: 'name' must be a non-empty string")
    where = f"{source}, entry {index} ({name!r})"
    unknown = set(raw) - {"name", "type", "country", "aliases", "by_country", "only_in"}
    if unknown:
        raise ActorFileError(f"{where}: unknown field(s) {', '.join(sorted(unknown))}")
    if raw.get("type") not in ACTOR_TYPES:
        raise ActorFileError(f"{where}: 'type' must be one of {', '.join(ACTOR_TYPES)}")
    country = raw.get("country")
    if country is not None and not (isinstance(country, str) and len(country) == 2):
        raise ActorFileError(f"{where}: 'country' must be an ISO 3166-1 alpha-2 code or null")
    aliases = raw.get("aliases") or []
    if not isinstance(aliases, list) or not all(isinstance(a, str) and a for a in aliases):
        raise ActorFileError(f"{where}: 'aliases' must be a list of strings")
    by_country = raw.get("by_country") or {}
    if not isinstance(by_country, dict):
        raise ActorFileError(f"{where}: 'by_country' must map ISO2 codes to names")
    only_in = raw.get("only_in") or []
    if not isinstance(only_in, list):
        raise ActorFileError(f"{where}: 'only_in' must be a list of ISO2 codes")
    return ActorEntry(
        name=name.strip(),
        type=raw["type"],
        country=country.upper() if country else None,
        aliases=tuple(aliases),
        by_country={str(k).upper(): str(v) for k, v in by_country.items()},
        only_in=frozenset(str(c).upper() for c in only_in),
        source=source,
    )


def _role(role: str, raw: dict[str, Any]) -> GenericRole:
    if raw.get("type") not in ACTOR_TYPES or not isinstance(raw.get("name"), str):
        raise ActorFileError(f"generic.yaml, role {role!r}: needs a 'name' and a valid 'type'")
    return GenericRole(
        role=role,
        name=raw["name"],
        type=raw["type"],
        phrases=tuple(raw.get("phrases") or ()),
        prefixed=tuple(raw.get("prefixed") or ()),
        patterns=tuple(raw.get("patterns") or ()),
    )
