"""Whether a text speaks of political violence, a protest or a strategic development at all,
judged from its headline and lead (``data/events/senses.yaml``, ``topic``): an article whose lead
does not reports no event, whatever words it uses later. A campaign story that recalls "the
Munich attack", or an epidemic report's "fight against the virus", reports none."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from importlib import resources

import yaml

from .rules import Pattern, compile_pattern, stem
from .senses import flat
from .words import Word, match_at

TOPIC_LEAD = 3  # sentences of the text that form its lead, after the headline
NOTE = 5  # a text of this many sentences or fewer (a note, a snippet) is all lead: its triggers
# are judged one by one


@cache
def _topic() -> tuple[int, tuple[Pattern, ...]]:
    path = resources.files("conflictwire").joinpath("data/events/senses.yaml")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    patterns = {compile_pattern(str(w)) for w in flat(data["topic"])}
    return int(data["topic_needs"]), tuple(sorted(patterns))


def headline_words(title: str | None) -> list[Word]:
    """A headline's words, stemmed as a sentence's are (headlines are not parsed)."""
    return [
        Word(-1, -1, frozenset({stem(m.group())}), m.group().lower(), -1)
        for m in re.finditer(r"[A-Za-z]+", title or "")
    ]


def speaks_of_conflict(lead: Sequence[Sequence[Word]]) -> bool:
    """Whether the headline and lead sentences (each a list of words) hold at least the
    needed number of distinct topic words."""
    needs, patterns = _topic()
    found: set[Pattern] = set()
    for words in lead:
        as_list = list(words)
        for i, word in enumerate(as_list):
            for pattern in patterns:
                if pattern[0] in word.keys and match_at(as_list, i, pattern) is not None:
                    found.add(pattern)
        if len(found) >= needs:
            return True
    return False
