"""Whether a text speaks of political violence, a protest or a strategic development at all,
judged from its headline and lead (``data/events/senses.yaml``, ``topic``): an article whose lead
does not reports no event, whatever words it uses later. A campaign story that recalls "the
Munich attack", or an epidemic report's "fight against the virus", reports none."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from .rules import Pattern, compile_pattern, stem
from .senses import flat, senses_data
from .words import Word, by_first_word, match_at

TOPIC_LEAD = 3  # sentences of the text that form its lead, after the headline
NOTE = 5  # a text of this many sentences or fewer (a note, a snippet) is all lead: its triggers
# are judged one by one


@dataclass(frozen=True)
class Topic:
    needs: int  # distinct topic words the lead must hold
    patterns: tuple[Pattern, ...]
    armed: frozenset[Pattern]  # words for armed people and arms
    harmed: frozenset[Pattern]  # words for the dead and the wounded

    def enough(self, found: set[Pattern]) -> bool:
        """Enough distinct words, and not only armed ones ("police officers") nor only harmed
        ones ("deaths", "died": an epidemic, a disaster): an act of conflict, or arms and harm."""
        if len(found) < self.needs:
            return False
        acts = found - self.armed - self.harmed
        return bool(acts) or bool(found & self.armed and found & self.harmed)


@cache
def _topic() -> Topic:
    data = senses_data()

    def patterns(key: str) -> frozenset[Pattern]:
        return frozenset(compile_pattern(str(w)) for w in flat(data[key]))

    return Topic(
        int(data["topic_needs"]),
        tuple(sorted(patterns("topic"))),
        patterns("armed"),
        patterns("harmed"),
    )


def headline_words(title: str | None) -> list[Word]:
    """A headline's words, stemmed as a sentence's are (headlines are not parsed)."""
    return [
        Word(-1, -1, frozenset({stem(m.group())}), m.group().lower(), -1)
        for m in re.finditer(r"[A-Za-z]+", title or "")
    ]


def speaks_of_conflict(lead: Sequence[Sequence[Word]]) -> bool:
    """Whether the headline and lead sentences (each a list of words) hold enough distinct
    topic words (``Topic.enough``)."""
    topic = _topic()
    by_first, _ = by_first_word(topic.patterns)  # a pattern starts with a word
    found: set[Pattern] = set()
    for words in lead:
        as_list = list(words)
        for i, word in enumerate(as_list):
            for key in word.keys:
                for pattern in by_first.get(key, ()):
                    if match_at(as_list, i, pattern) is not None:
                        found.add(pattern)
        if topic.enough(found):
            return True
    return False
