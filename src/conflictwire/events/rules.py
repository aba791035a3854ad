"""The event rules as data: triggers, cues and ACLED/CAMEO/PLOVER tables from ``data/events``."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from typing import Any

import yaml

from ..ontology import Ontology, SubType, ontology

GAP = "..."  # in a pattern: skip up to MAX_GAP tokens
MAX_GAP = 4
_VOWELS = set("aeiou")
_SUFFIXES = (("ies", "y"), ("ied", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", ""), ("e", ""))


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A light stem, the same for a word's inflections: clash/clashed/clashes/clashing → clash.

    Applied to both the patterns and the tokens, so it need only be consistent, not linguistic.
    """
    w = word.lower().replace("’", "'")
    for suffix, repl in _SUFFIXES:
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            w = w[: len(w) - len(suffix)] + repl
            break
    if len(w) >= 4 and w[-1] == w[-2] and w[-1] not in _VOWELS:
        w = w[:-1]
    return w


def split_words(text: str) -> list[str]:
    """Words of a pattern or token, hyphens and apostrophes splitting as the tokenizers do."""
    return [w for w in re.split(r"[\s\-–]+", text.lower()) if w]


Pattern = tuple[str, ...]


def compile_pattern(text: str) -> Pattern:
    return tuple(GAP if w == GAP else stem(w) for w in split_words(text))


@dataclass
class EventRules:
    ontology: Ontology
    strong: dict[str, list[Pattern]]
    weak: dict[str, list[Pattern]]
    cancel_cues: list[Pattern]
    cancel_window: int
    motive_cues: list[Pattern]
    near_cues: list[Pattern]
    place_cues: set[str] = field(default_factory=set)
    armed_targets: list[Pattern] = field(default_factory=list)
    intent_heads: set[str] = field(default_factory=set)
    taker_after: list[Pattern] = field(default_factory=list)
    context_triggers: dict[str, set[str]] = field(default_factory=dict)
    context_words: dict[str, list[Pattern]] = field(default_factory=dict)
    military_words: dict[str, list[Pattern]] = field(default_factory=dict)
    strict_triggers: dict[str, set[str]] = field(default_factory=dict)
    passive_aux: frozenset[str] = frozenset()
    armed_words: tuple[str, ...] = ()
    _index: dict[str, list[tuple[bool, str, Pattern]]] = field(default_factory=dict, repr=False)

    def sub_type(self, name: str) -> SubType:
        return self.ontology.sub_type(name)

    def pattern_index(self) -> dict[str, list[tuple[bool, str, Pattern]]]:
        """Patterns by their first stem: ``(strong, sub_type, pattern)``."""
        if not self._index:
            for strong, table in ((True, self.strong), (False, self.weak)):
                for sub_type, patterns in table.items():
                    for pattern in patterns:
                        self._index.setdefault(pattern[0], []).append((strong, sub_type, pattern))
        return self._index


def _load(name: str) -> Any:
    text = (
        resources.files("conflictwire").joinpath(f"data/events/{name}").read_text(encoding="utf-8")
    )
    return yaml.safe_load(text)


def _patterns(words: list[Any]) -> list[Pattern]:
    return sorted({compile_pattern(str(w)) for w in words}, key=lambda p: (-len(p), p))


def build_rules(ontology: Ontology, triggers: dict[str, Any]) -> EventRules:
    """Rules from the ontology (``types.yaml``) and the trigger document (``triggers.yaml``)."""
    unknown = set(triggers["triggers"]) - set(ontology.sub_types)
    if unknown:
        raise ValueError(f"triggers.yaml names sub-types missing from types.yaml: {unknown}")
    cancel = triggers["cancel_cues"]
    return EventRules(
        ontology=ontology,
        strong={k: _patterns(v.get("strong", [])) for k, v in triggers["triggers"].items()},
        weak={k: _patterns(v.get("weak", [])) for k, v in triggers["triggers"].items()},
        cancel_cues=_patterns(cancel["words"]),
        cancel_window=int(cancel["window"]),
        motive_cues=_patterns(triggers["motive_cues"]),
        near_cues=_patterns(triggers["near_cues"]),
        place_cues=_stems(triggers["place_cues"]),
        armed_targets=_patterns(triggers.get("armed_targets", [])),
        intent_heads=_stems(triggers.get("intent_heads", [])),
        taker_after=_patterns(triggers.get("taker_after", [])),
        context_triggers=_context(ontology, triggers, "triggers", _stems),
        context_words=_context(ontology, triggers, "context", _patterns),
        military_words=_context(ontology, triggers, "military", _patterns),
        strict_triggers=_context(ontology, triggers, "strict", _stems),
        passive_aux=frozenset(str(w).lower() for w in triggers.get("passive_auxiliaries", [])),
        armed_words=tuple(str(w).lower() for w in triggers.get("armed_words", [])),
    )


def _stems(words: list[Any]) -> set[str]:
    return {stem(str(w)) for w in words}


def _context(ontology: Ontology, triggers: dict[str, Any], key: str, read: Any) -> dict[str, Any]:
    """Context-bound triggers, by sub-type: protests, and interventions in them."""
    section = triggers.get("protest_context")
    if not section:
        return {}
    return {name: read(section[key]) for name in sorted(ontology.group("protest_context"))}


@cache
def default_rules() -> EventRules:
    """The packaged rules (loaded once per process)."""
    return build_rules(ontology(), _load("triggers.yaml"))
