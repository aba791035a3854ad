"""Finding actor mentions in text: dictionary aliases and generic roles.

Every candidate is a span with a priority; overlaps are settled longest first, then by
priority (named actor > generic pattern > demonym + noun > bare phrase), then leftmost.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property

from ..models import ActorMention
from .countries import CountryNames
from .dictionary import ActorDictionary, ActorEntry, GenericRole

NAMED, PATTERN, PREFIXED, PHRASE = 3, 2, 1, 0
# An all-caps token this short makes an alias case-sensitive ("IS", "RSF", "IS fighters").
ACRONYM_MAX_LEN = 5
_ACRONYM = re.compile(r"^[A-Z0-9][A-Z0-9/&.-]*$")
_WORD = re.compile(r"[A-Za-z]+")
_WORD_SPAN = re.compile(r"(?:[A-Z]\.){2,}|[\w'’-]+")  # "U.S." is one word


@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    actor: str
    actor_type: str
    country_code: str | None
    priority: int


def is_case_sensitive(alias: str) -> bool:
    """True when the alias holds a short all-caps token: "IS", "ADF", "IS fighters", "M23"."""
    return any(
        _ACRONYM.match(tok) and any(c.isalpha() for c in tok) and len(tok) <= ACRONYM_MAX_LEN
        for tok in alias.split()
    )


def _alternation(words: Iterable[str], *, fold: bool = False) -> str:
    """A regex of the alternation of ``words`` written as a trie (shared beginnings once, the
    longer continuations tried first): it matches what ``w1|w2|...`` sorted longest first
    matches, and Python's regex engine tries a trie many times faster than a 1,000-way
    alternation at every position. A space matches any run of whitespace. ``fold`` (for a
    case-insensitive pattern) merges words that differ only in case."""
    root: dict[str, dict] = {}
    for word in set(words):
        key = word.lower() if fold and len(word.lower()) == len(word) else word
        node = root
        for char in key:
            node = node.setdefault(char, {})
        node[""] = {}  # a word ends here
    return _trie_pattern(root)


def _trie_pattern(node: dict[str, dict]) -> str:
    branches = [
        (r"\s+" if char == " " else re.escape(char)) + _trie_pattern(node[char])
        for char in sorted(c for c in node if c)
    ]
    if not branches:
        return ""
    optional = "?" if "" in node else ""  # a word ends here, or goes on
    return "(?:" + "|".join(branches) + ")" + optional


class ActorMatcher:
    """Compiled patterns for one dictionary; reuse it across articles."""

    def __init__(self, dictionary: ActorDictionary, countries: CountryNames) -> None:
        self.dictionary = dictionary
        self.countries = countries
        self.alias_entry: dict[str, ActorEntry] = {}
        for entry in dictionary.entries:
            for alias in entry.aliases:
                self.alias_entry[_fold(alias)] = entry

    @cached_property
    def _named(self) -> list[re.Pattern[str]]:
        sensitive = [a for e in self.dictionary.entries for a in e.aliases if is_case_sensitive(a)]
        others = [a for e in self.dictionary.entries for a in e.aliases if not is_case_sensitive(a)]
        out = []
        if sensitive:
            out.append(re.compile(rf"(?<!\w)(?=({_alternation(sensitive)})(?!\w))"))
        if others:
            pattern = _alternation(others, fold=True)
            out.append(re.compile(rf"(?<!\w)(?=({pattern})(?!\w))", re.IGNORECASE))
        return out

    @cached_property
    def _nationality_words(self) -> dict[str, int]:
        """Lower-cased demonyms and country names -> their length in words (up to 4)."""
        words = list(self.countries.demonyms) + list(self.dictionary.nationality_words)
        return {w.lower(): len(w.split()) for w in words if len(w) > 1}

    @cached_property
    def _generic(self) -> list[tuple[GenericRole, re.Pattern[str], re.Pattern[str] | None]]:
        # The phrase is matched first; the nationality before it is looked up in a dict
        # (a 600-way regex alternation tried at every word made this stage slower than spaCy).
        out = []
        for role in self.dictionary.roles:
            bare = _alternation(role.phrases, fold=True) if role.phrases else None
            prefixed = _alternation(role.phrases + role.prefixed, fold=True)
            pattern = re.compile(rf"(?<![\w-])(?=({prefixed})(?!\w))", re.IGNORECASE)
            bare_re = re.compile(rf"(?<![\w-])(?=({bare})(?!\w))", re.IGNORECASE) if bare else None
            out.append((role, pattern, bare_re))
        return out

    def _nationality_before(self, text: str, start: int) -> tuple[int, str] | None:
        """The demonym or country name written right before ``start`` ("Iraqi police")."""
        offset = max(0, start - 60)
        head = text[offset:start]
        words = list(_WORD_SPAN.finditer(head))
        if not words or not head[words[-1].end() :].isspace():
            return None
        for n in range(min(4, len(words)), 0, -1):
            chosen = words[-n:]
            phrase = " ".join(w.group() for w in chosen)
            between = head[chosen[0].start() : chosen[-1].end()]
            if " ".join(between.split()) != phrase:
                continue
            if self._nationality_words.get(phrase.lower()) == n:
                return offset + chosen[0].start(), phrase
            bare = re.sub(r"['’]s$", "", phrase)  # "Sudan's army"
            if bare != phrase and self._nationality_words.get(bare.lower()) == n:
                return offset + chosen[0].start(), bare
        return None

    def find(self, text: str, focus: str | None) -> list[ActorMention]:
        candidates = [
            *self._named_candidates(text, focus),
            *self._generic_candidates(text, focus),
            *self._pattern_candidates(text, focus),
        ]
        kept = _resolve(candidates)
        return [
            ActorMention(
                c.start, c.end, text[c.start : c.end], c.actor, c.actor_type, c.country_code
            )
            for c in sorted(kept, key=lambda c: c.start)
        ]

    def _named_candidates(self, text: str, focus: str | None) -> Iterable[Candidate]:
        for regex in self._named:
            for m in regex.finditer(text):
                start, end = m.span(1)
                entry = self.alias_entry[_fold(m.group(1))]
                if entry.only_in and focus not in entry.only_in:
                    continue
                if is_case_sensitive(m.group(1)) and _shouting(text, start, end):
                    continue
                country = entry.country or focus
                yield Candidate(start, end, entry.name_for(focus), entry.type, country, NAMED)

    def _generic_candidates(self, text: str, focus: str | None) -> Iterable[Candidate]:
        for role, regex, bare in self._generic:
            for m in regex.finditer(text):
                found = self._nationality_before(text, m.start(1))
                if found is None:
                    continue
                pre_start, pre = found
                if not pre[:1].isupper() or _blocked(text, pre_start, self):
                    continue
                code = self._code(pre)
                if code:
                    yield self._generic_candidate(role, pre_start, m.end(1), code, PREFIXED)
            if bare is None or focus is None:
                continue
            for m in bare.finditer(text):
                yield self._generic_candidate(role, m.start(1), m.end(1), focus, PHRASE)

    def _pattern_candidates(self, text: str, focus: str | None) -> Iterable[Candidate]:
        if focus is None:
            return
        for role in self.dictionary.roles:
            for pattern in role.patterns:
                for m in re.finditer(pattern, text, re.IGNORECASE):
                    start, end = m.span(1) if m.re.groups else m.span()
                    yield self._generic_candidate(role, start, end, focus, PATTERN)

    def _code(self, word: str) -> str | None:
        extra = self.dictionary.nationality_words
        for key, value in extra.items():
            if key.lower() == word.lower():
                return value
        return self.countries.code_of(re.sub(r"\s+", " ", word))

    def _generic_candidate(
        self, role: GenericRole, start: int, end: int, code: str, priority: int
    ) -> Candidate:
        name = role.name.format(
            country=self.countries.name(code), force_country=self.countries.force_name(code)
        )
        return Candidate(start, end, name, role.type, code, priority)


def _fold(alias: str) -> str:
    return " ".join(alias.split()).lower()


def _blocked(text: str, pre_start: int, matcher: ActorMatcher) -> bool:
    """ "pro-Russian rioters": a demonym after pro-/anti- names no country of the group."""
    head = re.search(r"(\w+)-$", text[max(0, pre_start - 8) : pre_start])
    return bool(head and head.group(1).lower() in matcher.dictionary.prefix_blockers)


def _shouting(text: str, start: int, end: int) -> bool:
    """An acronym between two all-caps words is a shouted headline ("WHY IS IT"), not a name."""
    before = _WORD.findall(text[max(0, start - 30) : start])
    after = _WORD.findall(text[end : end + 30])
    return bool(
        before
        and after
        and before[-1].isupper()
        and after[0].isupper()
        and len(before[-1]) > 1
        and len(after[0]) > 1
    )


def _resolve(candidates: Sequence[Candidate]) -> list[Candidate]:
    """Longest first, then priority, then leftmost; drop anything overlapping a kept span."""
    kept: list[Candidate] = []
    starts: list[int] = []  # the kept spans in text order: apart, so their ends ascend too
    ends: list[int] = []
    for cand in sorted(candidates, key=lambda c: (c.start - c.end, -c.priority, c.start)):
        i = bisect_left(starts, cand.end)  # the kept spans that start before it ends ...
        if i and ends[i - 1] > cand.start:  # ... overlap it if the last of them does
            continue
        kept.append(cand)
        at = bisect_left(starts, cand.start)
        starts.insert(at, cand.start)
        ends.insert(at, cand.end)
    return kept
