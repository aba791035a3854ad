"""A sentence as words for the trigger patterns, and where a pattern matches among them.

A sentence becomes a list of words (hyphenated tokens split, as in the patterns); each word
keeps its token's character span and two light stems, of its lemma and of its text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..models import Span
from ..view import NlpView, Token
from .rules import GAP, MAX_GAP, Pattern, stem


@dataclass(slots=True)  # made for every token of every article: it must be cheap to make
class Word:
    start: int
    end: int
    keys: frozenset[str]
    text: str
    token: int  # index of the token in the NLP view


@dataclass(frozen=True)
class Hit:
    sub_type: str
    strong: bool
    start: int  # characters, into the article text
    end: int
    first: int  # word positions in the sentence
    last: int
    token: int  # the token of the hit's first word


def sentence_words(view: NlpView, text: str, span: Span) -> list[Word]:
    """The words of one sentence, hyphenated tokens split into their parts."""
    words: list[Word] = []
    for index in view.index.between(span[0], span[1]):
        token = view.tokens[index]
        if token.end <= span[1]:
            words.extend(_token_words(token, index))
    return words


def _token_words(token: Token, index: int) -> list[Word]:
    text = token.text
    if text in ("-", "–"):
        return []
    if "-" not in text and "–" not in text and len(text.split()) <= 1:
        keys = frozenset({stem(token.lemma or text), stem(text)})
        return [Word(token.start, token.end, keys, text.lower(), index)]
    parts = list(re.finditer(r"[^\s\-–]+", text))
    if len(parts) <= 1:
        keys = frozenset({stem(token.lemma or token.text), stem(token.text)})
        return [Word(token.start, token.end, keys, token.text.lower(), index)]
    return [
        Word(
            token.start + m.start(),
            token.start + m.end(),
            frozenset({stem(m.group())}),
            m.group().lower(),
            index,
        )
        for m in parts
    ]


def matches(words: list[Word], patterns: Sequence[Pattern], positions: Iterable[int]) -> bool:
    """Whether any of ``patterns`` matches from any of ``positions`` (a pattern is tried only
    where its first word is: looked up by the word's keys, not tried one by one)."""
    by_first, gap_first = by_first_word(patterns)
    for i in positions:
        for key in words[i].keys:
            for pattern in by_first.get(key, ()):
                if match_at(words, i, pattern) is not None:
                    return True
        for pattern in gap_first:
            if match_at(words, i, pattern) is not None:
                return True
    return False


# The patterns of each list of rules by their first word, built once per list: rules are
# loaded once and kept. A list is kept here beside its index, so its id is not reused while
# it is; lists made for one call (a filtered copy) are dropped when the table is full.
_FIRST_WORDS: dict[int, tuple[Sequence[Pattern], dict[str, list[Pattern]], list[Pattern]]] = {}
_FIRST_WORDS_MAX = 512


def by_first_word(patterns: Sequence[Pattern]) -> tuple[dict[str, list[Pattern]], list[Pattern]]:
    known = _FIRST_WORDS.get(id(patterns))
    if known is not None and known[0] is patterns:
        return known[1], known[2]
    by_first: dict[str, list[Pattern]] = {}
    gap_first: list[Pattern] = []
    for pattern in patterns:
        if pattern[0] == GAP:
            gap_first.append(pattern)
        else:
            by_first.setdefault(pattern[0], []).append(pattern)
    if len(_FIRST_WORDS) >= _FIRST_WORDS_MAX:
        _FIRST_WORDS.clear()
    _FIRST_WORDS[id(patterns)] = (patterns, by_first, gap_first)
    return by_first, gap_first


def match_at(words: list[Word], i: int, pattern: Pattern) -> int | None:
    """The position after the last word of ``pattern`` matched from ``words[i]``, or None."""
    pos = i
    k = 0
    while k < len(pattern):
        if pattern[k] == GAP:
            nxt = pattern[k + 1]
            for skip in range(MAX_GAP + 1):
                if pos + skip < len(words) and nxt in words[pos + skip].keys:
                    pos += skip
                    break
            else:
                return None
            k += 1
            continue
        if pos >= len(words) or pattern[k] not in words[pos].keys:
            return None
        pos += 1
        k += 1
    return pos
