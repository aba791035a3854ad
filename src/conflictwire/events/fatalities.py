"""Reported fatalities in a span of text, coded the way ACLED codes them.

Three patterns, with the words of ``data/events/fatality_words.yaml``:

1. victims before a killed word: "at least 12 soldiers were killed", "Fifteen troops died";
2. a killing verb before its victims: "killing three", "killed two soldiers and a civilian" (a
   coordinated list is summed: 3);
3. casualty nouns: "14 fatalities", "the bodies of five men", "the death toll rose to 14".

Vague quantities follow ACLED ("several" 3, "dozens" 12, "hundreds" 100). When the span gives
several figures, ACLED keeps the most conservative one: the lowest figure is returned, a precise
one before a vague word ("Dozens dead ... killing at least 27" → 27). Wounded
counts are never read ("killing three and wounding 12" → 3). "No casualties" → 0; a span that
reports no deaths → ``None`` (the caller then codes 0, as ACLED does).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

_TOKEN = re.compile(r"\d{1,3}(?:,\d{3})+|\d+|[A-Za-z]+(?:'[a-z]+)?|[^\w\s]")
TO_DEATH_REACH = 8  # tokens from "beat" to its "to death" ("beat the two young men to death")
TOLL_WINDOW = 10  # tokens from "toll" to its figure ("the toll from the blast in Aden rose to 14")
_SENTENCE_BREAK = frozenset(".;:!?()[]")
_MONTHS = frozenset(
    name.lower()
    for number in range(1, 13)
    for name in (calendar.month_name[number], calendar.month_abbr[number])
) | {"sept"}


@dataclass(frozen=True)
class FatalityCount:
    count: int
    start: int  # span of the figure (or the phrase) in the text
    end: int
    vague: bool = False  # "dozens", "several": a precise figure beside it is preferred


@dataclass(frozen=True)
class _Token:
    text: str  # lowercase
    start: int
    end: int


@dataclass(frozen=True)
class _Number:
    value: int
    first: int  # token indices, end exclusive
    last: int
    vague: bool = False


# What opens another event's clause in the same sentence.
OTHER_EVENT = re.compile(r"[,;]\s+(?:while|whereas)\b")


def find_fatalities(text: str, span: tuple[int, int]) -> FatalityCount | None:
    """The number killed reported in ``text[span[0]:span[1]]``, or ``None`` if none is."""
    words = _words()
    tokens = [
        _Token(m.group().lower(), m.start(), m.end())
        for m in _TOKEN.finditer(text, span[0], span[1])
    ]
    dates = _date_tokens(tokens)
    found: dict[int, FatalityCount] = {}  # keyed by the first token of the figure
    for i, token in enumerate(tokens):
        after = _victims_after(tokens, i, dates) if _is_killing_verb(tokens, i, words) else None
        if after:  # "militants killed 3 civilians": the object, not the subject, died
            _add(found, after, tokens)
        elif _is_killed_word(tokens, i, words):
            _add(found, _victims_before(tokens, i, dates), tokens)
        if token.text in words["casualty_nouns"] or token.text in words["toll_nouns"]:
            _add(found, _casualty_noun(tokens, i, dates), tokens)
    if found:  # the lowest precise figure: "Dozens dead ... killing at least 27" is 27; but
        # "killed 11 civilians in Douma, while mortar bombs killed three in Damascus" is 11
        other = OTHER_EVENT.search(text, span[0], span[1])
        own = [f for f in found.values() if other is None or f.start < other.start()]
        return min(own or found.values(), key=lambda f: (f.vague, f.count, f.start))
    lowered = text[span[0] : span[1]].lower()
    for phrase in words["no_death_phrases"]:
        if (at := lowered.find(phrase)) >= 0:
            return FatalityCount(0, span[0] + at, span[0] + at + len(phrase))
    return None


@cache
def source_after() -> re.Pattern[str]:
    """What follows the name of a report's source: "(health officials) said", "reported"."""
    words = _words()
    nouns = "|".join(sorted(map(re.escape, words["source_nouns"]), key=len, reverse=True))
    verbs = "|".join(map(re.escape, words["reporting_verbs"]))
    return re.compile(rf"\s+(?:(?P<noun>{nouns})\s+)?(?:{verbs})\b")


@cache
def _words() -> dict[str, Any]:
    path = resources.files("conflictwire").joinpath("data/events/fatality_words.yaml")
    raw: dict[str, Any] = yaml.safe_load(path.read_text("utf-8"))
    keys = ("killed_words", "killing_verbs", "to_death_verbs", "casualty_nouns", "toll_nouns")
    for key in (*keys, "stop_words", "possessives"):
        raw[key] = frozenset(raw[key])
    return raw


def _add(
    found: dict[int, FatalityCount], figure: list[_Number] | None, tokens: list[_Token]
) -> None:
    if not figure:
        return
    count = sum(n.value for n in figure)
    start, end = tokens[figure[0].first].start, tokens[figure[-1].last - 1].end
    key = figure[0].first
    if key not in found or found[key].count < count:
        found[key] = FatalityCount(count, start, end, vague=any(n.vague for n in figure))


def _date_tokens(tokens: list[_Token]) -> set[int]:
    """Indices of numbers that belong to dates ("8 June 2022", "June 8", "in 2014")."""
    out: set[int] = set()
    for i, token in enumerate(tokens):
        if token.text in _MONTHS:
            out.update(j for j in (i - 1, i + 1) if 0 <= j < len(tokens))
            if i >= 2 and tokens[i - 1].text == "of":  # "8th of June"
                out.add(i - 2)
        if token.text.isdigit() and len(token.text) == 4 and token.text[:2] in ("19", "20"):
            out.add(i)
    return out


def _is_killed_word(tokens: list[_Token], i: int, words: dict[str, Any]) -> bool:
    text = tokens[i].text
    if text not in words["killed_words"]:
        return False
    needs = words["killed_needs_next"].get(text)
    return needs is None or (i + 1 < len(tokens) and tokens[i + 1].text in needs)


def _is_killing_verb(tokens: list[_Token], i: int, words: dict[str, Any]) -> bool:
    text = tokens[i].text
    if text in words["to_death_verbs"]:  # "beat two men to death"
        after = [t.text for t in tokens[i + 1 : i + 1 + TO_DEATH_REACH]]
        return any(a == "to" and b == "death" for a, b in zip(after, after[1:], strict=False))
    if text not in words["killing_verbs"]:
        return False
    needs = words["killing_verbs_need_next"].get(text)
    return needs is None or (i + 1 < len(tokens) and tokens[i + 1].text in needs)


def _victims_before(tokens: list[_Token], k: int, dates: set[int]) -> list[_Number] | None:
    """ "(at least) 12 soldiers and two civilians were killed": numbers left of a killed word."""
    words = _words()
    figure: list[_Number] = []
    stops = words["stop_words"] - {"and"}
    j = k - 1
    gap = 0
    while j >= 0 and gap <= words["max_gap_words"]:
        token = tokens[j]
        number = None if j in dates else _number_ending_at(tokens, j)
        if number is None and (token.text in _SENTENCE_BREAK or token.text in stops):
            break
        if number is not None:
            figure.insert(0, number)
            j = number.first - 1
            gap = 0
            if not (j >= 0 and tokens[j].text in {"and", ","}):
                break
            j -= 1
            continue
        if token.text == "and" and figure:
            break
        j -= 1
        gap += 1
    return figure or None


def _victims_after(tokens: list[_Token], v: int, dates: set[int]) -> list[_Number] | None:
    """ "killing three", "killed two soldiers and a civilian", "killing the victim"."""
    words = _words()
    j = v + 1
    if j < len(tokens) and tokens[j].text == "of":  # "the killing of a local" is no report
        return None
    if j < len(tokens) and tokens[j].text == "dead":
        j += 1
    while j < len(tokens) and tokens[j].text in words["before_number"]:
        j += 1
    if j < len(tokens) and tokens[j].text in words["singular_objects"]:
        return [_Number(1, j, j + 1)]
    figure: list[_Number] = []
    kin = False  # after "his", "her", "their": one of the victim's family
    while j < len(tokens):
        number = None if j in dates else _number_at(tokens, j)
        if number is None and kin and tokens[j].text.isalpha():
            number = _Number(1, j, j + 1)  # "a mother, her three children and their grandfather"
        if number is None or (figure and not kin and _reports(tokens, number.last)):
            break  # "killing 12 militants, a military source said": a source, not a victim
        figure.append(number)
        j = number.last
        # the victims' noun phrase, then "and" / "," before the next number of the list
        for _ in range(4):
            if j >= len(tokens) or tokens[j].text in {"and", ","} or _number_at(tokens, j):
                break
            if tokens[j].text in _SENTENCE_BREAK or tokens[j].text in words["stop_words"]:
                return figure
            j += 1
        kin = False
        if j < len(tokens) and tokens[j].text in {"and", ","}:
            j += 1
            if j < len(tokens) and tokens[j].text in words["possessives"]:
                j += 1  # "a man and his two sons"
                kin = True
    return figure or None


def _reports(tokens: list[_Token], start: int) -> bool:
    """Whether a reporting verb follows within a few words ("a military source said")."""
    verbs = _words()["reporting_verbs"]
    return any(t.text in verbs for t in tokens[start : start + 4])


def _casualty_noun(tokens: list[_Token], n: int, dates: set[int]) -> list[_Number] | None:
    """ "14 fatalities", "the bodies of five men", "the death toll rose to 14"."""
    words = _words()
    text = tokens[n].text
    if text in {"death", "deaths"} and n + 1 < len(tokens) and tokens[n + 1].text == "of":
        return _victims_after(tokens, n + 1, dates)  # "the death of 3 soldiers and 3 rebels"
    if text in words["toll_nouns"] or text == "bodies":
        for j in range(n + 1, min(n + 1 + TOLL_WINDOW, len(tokens))):
            if tokens[j].text in _SENTENCE_BREAK:
                break
            number = None if j in dates else _number_at(tokens, j)
            if number is not None and number.value > 1 or (number and text == "bodies"):
                return [number]
        return None
    for j in (n - 1, n - 2):
        if j >= 0 and j not in dates:
            number = _number_ending_at(tokens, j)
            if number is not None:
                return [number]
    return None


def _number_at(tokens: list[_Token], i: int) -> _Number | None:
    """A number starting at token ``i``: digits, words ("twenty-one", "two hundred"), vague."""
    words = _words()
    for length in (3, 2, 1):
        phrase = " ".join(t.text for t in tokens[i : i + length])
        if phrase in words["vague_numbers"]:
            return _Number(words["vague_numbers"][phrase], i, i + length, vague=True)
    text = tokens[i].text
    if text == "between" and (low := _number_at(tokens, i + 1)) and low.value > 1:
        return _Number(low.value, i, _range_end(tokens, low.last))
    if text.replace(",", "").isdigit():
        return _Number(int(text.replace(",", "")), i, _range_end(tokens, i + 1))
    if text in words["singular_words"]:
        if text == "one" and i > 0 and tokens[i - 1].text in ("no", "not"):
            return _Number(0, i - 1, i + 1)  # "no one was killed"
        return _Number(1, i, i + 1)
    value = _word_value(text, words)
    if value is None:
        return None
    j = i + 1
    if j + 1 < len(tokens) and tokens[j].text == "-":  # "twenty - one" tokenised apart
        unit = words["units"].get(tokens[j + 1].text)
        if unit is not None and value >= 20:
            value, j = value + unit, j + 2
    if j < len(tokens) and tokens[j].text in words["multipliers"]:
        value, j = value * words["multipliers"][tokens[j].text], j + 1
    return _Number(value, i, _range_end(tokens, j))


def _range_end(tokens: list[_Token], j: int) -> int:
    """Skip the upper bound of "20-60", "20 to 60", "35 and 45": ACLED keeps the lowest."""
    if j + 1 < len(tokens) and tokens[j].text in {"-", "to", "or", "and"}:
        upper = tokens[j + 1].text
        if upper.replace(",", "").isdigit() or _word_value(upper, _words()) is not None:
            return j + 2
    return j


def _number_ending_at(tokens: list[_Token], j: int) -> _Number | None:
    for first in range(max(0, j - 5), j + 1):
        number = _number_at(tokens, first)
        if number is not None and number.last == j + 1:
            return number
    return None


def _word_value(text: str, words: dict[str, Any]) -> int | None:
    if text in words["units"]:
        return int(words["units"][text])
    if text in words["tens_words"]:
        return int(words["tens_words"][text])
    return None
