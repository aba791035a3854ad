"""Populations, counts and durations stated in the text, with value, unit and date.

- population: "home to some 18,000 people", "a town of 40,000 residents", "population of 1.2
  million (2010)"; ``as_of`` is a year or month written with it ("in 2010", "2004 census"),
  as the first day of that year or month (the schema's dates are full dates).
- count: "<number> <noun>" for the nouns of data/claims/claims.yaml ("3,000 fighters").
- duration: "for over four years" (value 4, unit years), "since May 2015" / "since it fell …
  in May 2015" (``as_of`` the start, 2015-05-01; value and unit the time from
  it to publication, in months or years, where the article has a publication date).
The subject is the place named last before the phrase in its sentence (else null). Nothing
here is checked: ``verdict`` is null.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from datetime import date

from ..dates import MONTHS
from ..models import Claim, Place
from ..positions import Positions
from .rules import ClaimRules

_SENTENCE_BREAK = re.compile(r"[.!?]\s")
_MONTH = "|".join(sorted((m for m in MONTHS if len(m) > 2), key=len, reverse=True))
_AS_OF = re.compile(
    rf"^[^.;]{{0,40}}?(?:\b(?:in|as of|by)\s+(?:(?P<month>{_MONTH})\s+)?(?P<year>(?:19|20)\d\d)\b"
    rf"|\((?P<paren>(?:19|20)\d\d)\)|(?P<census>(?:19|20)\d\d)\s+census)",
    re.IGNORECASE,
)


def _words(words: Sequence[str]) -> str:
    return "|".join(re.escape(w) for w in words)


def _patterns(rules: ClaimRules) -> dict[str, re.Pattern[str]]:
    if id(rules) not in _COMPILED:
        _COMPILED[id(rules)] = (rules, _compile(rules))
    return _COMPILED[id(rules)][1]


_COMPILED: dict[int, tuple[ClaimRules, dict[str, re.Pattern[str]]]] = {}


def _compile(rules: ClaimRules) -> dict[str, re.Pattern[str]]:
    num, approx = rules.number(), rules.approx()
    units = _words(sorted(rules.duration_units, key=len, reverse=True))
    return {
        "population": re.compile(
            rf"\b(?P<lead>{_words(rules.population_leads)})\s+(?:{approx})?{num}"
            rf"(?:\s+(?P<noun>{_words(rules.population_nouns)}))?\b"
            rf"|\b(?:{approx})?{num.replace('num', 'num2').replace('mult', 'mult2')}\s+"
            rf"(?P<noun2>{_words(sorted(rules.standalone_nouns))})\b",
            re.IGNORECASE,
        ),
        "count": re.compile(
            rf"\b(?:{approx})?{num}\s+(?:[a-z]+\s+){{0,2}}?(?P<noun>{_words(rules.count_nouns)})\b",
            re.IGNORECASE,
        ),
        "duration": re.compile(
            rf"\bfor\s+(?:the\s+(?:past|last)\s+)?(?:{approx})?{num}\s+(?P<unit>{units})\b"
            rf"|\b(?P<num2>\d+|{_words(list(rules.number_words))})-(?P<unit2>{units})(?:-long)?\b"
            rf"|\bsince\b[^.;]{{0,60}}?(?:\bin\s+)?(?:(?P<month>{_MONTH})\s+)?"
            rf"(?P<year>(?:19|20)\d\d)\b",
            re.IGNORECASE,
        ),
    }


def quantity_claims(
    text: str, places: Sequence[Place], published: str | None, rules: ClaimRules
) -> list[Claim]:
    pats = _patterns(rules)
    claims: list[Claim] = []
    for claim in _population(text, pats["population"], rules):
        claims.append(claim)
    taken = [(c.start, c.end) for c in claims]
    for m in pats["count"].finditer(text):
        if any(s < m.end() and m.start() < e for s, e in taken) or _is_year(m.group("num")):
            continue
        value = rules.value(m.group("num"), m.group("mult"))
        claims.append(_make("count", text, m, value, m.group("noun").lower(), None))
    for claim in _durations(text, pats["duration"], published, rules):
        claims.append(claim)
    near = Positions(places)
    breaks = [m.start() for m in _SENTENCE_BREAK.finditer(text)]
    for claim in claims:
        subject = _place_before(claim.start, near, breaks)
        claim.subject = subject.name if subject else None
    return claims


def _is_year(num: str) -> bool:
    return bool(re.fullmatch(r"(?:19|20)\d\d", num))


def _make(
    kind: str, text: str, m: re.Match[str], value: float | None, unit: str | None, as_of: str | None
) -> Claim:
    start, end = m.span()
    return Claim(kind, text[start:end], start, end, value=value, unit=unit, as_of=as_of)


def _population(text: str, pattern: re.Pattern[str], rules: ClaimRules) -> Iterator[Claim]:
    for m in pattern.finditer(text):
        num, mult = m.group("num") or m.group("num2"), m.group("mult") or m.group("mult2")
        noun = m.group("noun") or m.group("noun2")
        lead = (m.group("lead") or "").lower()
        if _is_year(num) or (not noun and not lead.startswith("population")):
            continue
        if num.lower() in rules.number_words and not mult:
            continue  # "a town of residents": no figure
        unit = "people" if not noun or noun.lower() == "population" else noun.lower()
        as_of = _as_of(text[m.end() : m.end() + 60])
        yield _make("population", text, m, rules.value(num, mult), unit, as_of)


def _as_of(after: str) -> str | None:
    m = _AS_OF.match(after)
    if m is None:
        return None
    if m.group("year"):
        month = m.group("month")
        return _first_day(int(m.group("year")), MONTHS[month.lower()] if month else None)
    return _first_day(int(m.group("paren") or m.group("census")), None)


def _first_day(year: int, month: int | None) -> str:
    """A year or month as the schema's full date: its first day."""
    return f"{year}-{month or 1:02d}-01"


def _durations(
    text: str, pattern: re.Pattern[str], published: str | None, rules: ClaimRules
) -> Iterator[Claim]:
    for m in pattern.finditer(text):
        if m.group("year"):
            month = m.group("month")
            year = int(m.group("year"))
            as_of = _first_day(year, MONTHS[month.lower()] if month else None)
            value, unit = _elapsed(year, MONTHS[month.lower()] if month else None, published)
            yield _make("duration", text, m, value, unit, as_of)
            continue
        num = m.group("num") or m.group("num2")
        unit = rules.duration_units[(m.group("unit") or m.group("unit2")).lower()]
        yield _make("duration", text, m, rules.value(num, m.group("mult")), unit, None)


def _elapsed(year: int, month: int | None, published: str | None) -> tuple[float | None, str]:
    """Whole months (or years, for a bare year) from the start to publication."""
    unit = "months" if month else "years"
    try:
        pub = date.fromisoformat((published or "")[:10])
    except ValueError:
        return None, unit
    if month is None:
        return float(pub.year - year), unit
    return float((pub.year - year) * 12 + pub.month - month), unit


def _place_before(offset: int, places: Positions[Place], breaks: list[int]) -> Place | None:
    """The last place before ``offset`` with no sentence break between (``breaks``: where the
    text's sentence breaks start, each two characters long)."""
    last = bisect_right(breaks, offset - 2) - 1  # the last break that ends by ``offset``
    since = breaks[last] + 1 if last >= 0 else 0
    before = [p for p in places.ending_in(since, offset) if p.geonameid]
    points = [p for p in before if p.feature not in ("country", "admin1", "admin2", "demonym")]
    found = points or before
    return found[-1] if found else None
