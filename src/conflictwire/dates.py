"""Date expressions → ACLED event dates with a time precision, relative to publication.

The order follows ``docs/ARCHITECTURE.md`` ("Dates"): spaCy DATE spans (and a regex pass for
explicit forms spaCy misses) → small rules read from ``data/dates/rules.yaml`` → ``dateparser``
with the publication date as its base. Never ``search_dates`` over free text.

Decisions (ACLED codebook, "Event time"; precision 1 day, 2 week or range, 3 month):

- A weekday is the most recent such day on or before publication; a weekday equal to the
  publication day is the publication day itself (wire style names today by its weekday).
- Week precision is dated the middle (Thursday) of that Monday-Sunday week, "earlier this week"
  the middle of the days up to publication; a range of days its middle day, precision 2.
- Month precision is dated the 15th, as ACLED does; a bare year the 1st of July, precision 3.
- "early/mid/late March" is the 5th/15th/25th with precision 2.
- Durations ("for over four years", "24 hours") are not dates: ``None``.
- A date more than ``max_days_after_publication`` after publication is rejected (for a week or
  month, its first day is compared). Without a publication date only expressions that name a
  year resolve.
- An undated report falls back to its publication date with precision 2 (``publication_date``).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from functools import cache
from importlib import resources
from typing import Any

import yaml

from conflictwire.view import Entity

PUBLICATION_PRECISION = 2  # undated report: coded at publication with week precision

MONTHS = {
    name.lower(): number
    for number in range(1, 13)
    for name in (calendar.month_name[number], calendar.month_abbr[number])
}
MONTHS["sept"] = 9
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"

# Explicit day-level forms, searched in free text by ``find_dates``.
EXPLICIT_DATE = re.compile(
    rf"\b(?:{_WEEKDAY},?\s+)?(?:"
    rf"{_DAY}\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR})?"
    rf"|{_MONTH.replace('month', 'month2')}\s+{_DAY.replace('day', 'day2')}\b"
    rf"(?:,?\s+{_YEAR.replace('year', 'year2')})?"
    rf")\b",
    re.IGNORECASE,
)
_ISO = re.compile(r"(?P<year>\d{4})-(?P<month>\d\d)-(?P<day>\d\d)")
_RANGE = re.compile(
    rf"(?P<first>[0-3]?\d)(?:st|nd|rd|th)?\s*(?:-|–|to|and)\s*{_DAY}\s+(?:of\s+)?{_MONTH}"
    rf"(?:,?\s+{_YEAR})?"
)
_MONTH_YEAR = re.compile(rf"(?P<qualifier>[a-z ]+?)?[- ]?{_MONTH}(?:,?\s+{_YEAR})?")
_BARE_YEAR = re.compile(_YEAR)
_AGO = re.compile(r"(?P<number>\d+|[a-z ]+?)\s+(?P<unit>day|week|month|year)s?\s+ago")
_YEAR_PAIR = re.compile(rf"{_YEAR}\s*(?:and|or|to|-|–)\s*(?:19|20)\d\d")
_DECADE = re.compile(r"(?P<decade>1[89]\d0|20\d0)'?s")
# "a hundred years since", "30 years after", "20 years ago", "the 1990s", "1916": how far back a
# headline dates its subject (``years_back``).
_YEARS_BACK = re.compile(
    r"\b(?P<number>\d+|[a-z]+)\s+years?\s+(?:ago|since|after|on)\b"
    r"|\b(?P<decade>1[89]\d0|20\d0)'?s\b|\b(?P<year>1[89]\d\d|20\d\d)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class DateValue:
    date: str  # YYYY-MM-DD; for week/month precision the midpoint, as ACLED does
    precision: int  # ACLED time_precision: 1 day, 2 week (or a range of a few days), 3 month
    start: int | None  # span in the text it was read from (None when not from the text)
    end: int | None


@dataclass(frozen=True)
class _Rules:
    leading_words: frozenset[str]
    weekdays: tuple[str, ...]
    day_parts: frozenset[str]
    relative_days: dict[str, int]
    relative_weeks: dict[str, int]
    relative_months: dict[str, int]
    month_qualifiers: dict[str, dict[str, int]]
    year_midpoint: str
    duration_units: frozenset[str]
    number_words: dict[str, int]
    max_days_after_publication: int


@cache
def _rules() -> _Rules:
    text = resources.files("conflictwire").joinpath("data/dates/rules.yaml").read_text("utf-8")
    raw: dict[str, Any] = yaml.safe_load(text)
    return _Rules(
        leading_words=frozenset(raw["leading_words"]),
        weekdays=tuple(raw["weekdays"]),
        day_parts=frozenset(raw["day_parts"]),
        relative_days=dict(raw["relative_days"]),
        relative_weeks=dict(raw["relative_weeks"]),
        relative_months=dict(raw["relative_months"]),
        month_qualifiers=dict(raw["month_qualifiers"]),
        year_midpoint=str(raw["year_midpoint"]),
        duration_units=frozenset(raw["duration_units"]),
        number_words=dict(raw["number_words"]),
        max_days_after_publication=int(raw["max_days_after_publication"]),
    )


def publication_date(published: str | None) -> DateValue | None:
    """The fallback for an undated report: its publication date, precision 2."""
    day = _parse_published(published)
    return None if day is None else DateValue(day.isoformat(), PUBLICATION_PRECISION, None, None)


def resolve_date(expression: str, published: str | None) -> DateValue | None:
    """Resolve one date expression ("on Saturday", "8 June 2022", "last month")."""
    pub = _parse_published(published)
    _, text = _strip_leading(expression)
    text = " ".join(text.lower().replace(",", " , ").split()).replace(" ,", ",").strip(" .,;:")
    if not text:
        return None
    try:
        found = _absolute(text, pub) or _relative(text, pub)
        if found is None and not _is_duration(text):
            found = _dateparser(text, pub)
        if found is None:
            return None
        day, precision, earliest = found
        if pub is not None:
            latest = pub + timedelta(days=_rules().max_days_after_publication)
            if earliest > latest:
                return None
    except (OverflowError, ValueError):
        # Beyond the calendar (years 1 to 9999): "5000 years ago", or a publication date at
        # its edge (9999-12-31 in a record). Not a date we can code, not a reason to fail.
        return None
    return DateValue(day.isoformat(), precision, None, None)


def find_dates(
    text: str, span: tuple[int, int], entities: Sequence[Entity], published: str | None
) -> list[DateValue]:
    """Dates inside ``span`` of ``text``, in text order, from DATE entities and explicit forms."""
    lo, hi = span
    candidates = [(m.start(), m.end(), True) for m in EXPLICIT_DATE.finditer(text, lo, hi)]
    candidates += [(e.start, e.end, False) for e in entities if e.label == "DATE"]
    found: list[DateValue] = []
    # Explicit forms first: where one overlaps a DATE entity, its offsets are the tighter ones.
    for start, end, _ in sorted(candidates, key=lambda c: (not c[2], c[0])):
        if start < lo or end > hi or any(_overlaps(start, end, v) for v in found):
            continue
        value = _resolve_span(text, start, end, published)
        if value is not None:
            found.append(value)
    return sorted(found, key=lambda v: v.start or 0)


def _resolve_span(text: str, start: int, end: int, published: str | None) -> DateValue | None:
    skipped, rest = _strip_leading(text[start:end])
    value = resolve_date(rest, published)
    if value is None:
        return None
    rest_start = start + skipped
    return replace(value, start=rest_start, end=rest_start + len(rest.rstrip(" .,;:")))


def _overlaps(start: int, end: int, value: DateValue) -> bool:
    if value.start is None or value.end is None:
        return False
    return start < value.end and value.start < end


def _strip_leading(expression: str) -> tuple[int, str]:
    """Drop leading prepositions; return how many characters went and what is left."""
    words = _rules().leading_words
    position = len(expression) - len(expression.lstrip())
    while True:
        match = re.match(r"([A-Za-z]+)\s+", expression[position:])
        if match is None or match.group(1).lower() not in words:
            return position, expression[position:]
        position += match.end()


def _parse_published(published: str | None) -> date | None:
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError as error:
        raise ValueError(f"publication date {published!r} is not YYYY-MM-DD") from error


_Found = tuple[date, int, date]  # (date, precision, earliest day it may stand for)


def _absolute(text: str, pub: date | None) -> _Found | None:
    text = re.sub(rf"^{_WEEKDAY},?\s+", "", text)
    if match := _ISO.fullmatch(text):
        return _day_found(int(match["year"]), int(match["month"]), int(match["day"]))
    if match := _RANGE.fullmatch(text):
        return _range_found(match, pub)
    if match := EXPLICIT_DATE.fullmatch(text):
        month = MONTHS[(match["month"] or match["month2"]).lower()]
        day, year = int(match["day"] or match["day2"]), match["year"] or match["year2"]
        resolved = _with_year(year, month, pub)
        return None if resolved is None else _day_found(resolved, month, day)
    if match := _MONTH_YEAR.fullmatch(text):
        return _month_found(match, pub)
    if match := _BARE_YEAR.fullmatch(text):
        mid = date.fromisoformat(f"{match['year']}-{_rules().year_midpoint}")
        return mid, 3, date(mid.year, 1, 1)
    if match := _YEAR_PAIR.fullmatch(text):  # "1994 and 1995": the first
        mid = date.fromisoformat(f"{match['year']}-{_rules().year_midpoint}")
        return mid, 3, date(mid.year, 1, 1)
    if match := _DECADE.fullmatch(text):  # "the 1990s": the middle of the decade
        first = int(match["decade"])
        return date(first + 5, 1, 1), 3, date(first, 1, 1)
    return None


def years_back(text: str, published: str | None) -> int:
    """How many whole years before publication the furthest date that ``text`` (a headline)
    names lies: "100 years since the battle" 100, "the trenches of 1916" in 2024 108, "the
    1990s" from the decade's end; 0 for none or without a publication date."""
    pub = _parse_published(published)
    if pub is None:
        return 0
    furthest = 0
    for match in _YEARS_BACK.finditer(text):
        if match["number"]:
            number = match["number"].lower()
            count = int(number) if number.isdigit() else _rules().number_words.get(number, 0)
        elif match["decade"]:
            count = pub.year - (int(match["decade"]) + 9)
        else:
            count = pub.year - int(match["year"])
        furthest = max(furthest, count)
    return furthest


def _day_found(year: int, month: int, day: int) -> _Found | None:
    try:
        value = date(year, month, day)
    except ValueError:
        return None
    return value, 1, value


def _range_found(match: re.Match[str], pub: date | None) -> _Found | None:
    month = MONTHS[match["month"].lower()]
    year = _with_year(match["year"], month, pub)
    first, last = int(match["first"]), int(match["day"])
    if year is None or not 1 <= first < last:
        return None
    found = _day_found(year, month, (first + last) // 2)
    return None if found is None else (found[0], 2, date(year, month, first))


def _month_found(match: re.Match[str], pub: date | None) -> _Found | None:
    month = MONTHS[match["month"].lower()]
    year = _with_year(match["year"], month, pub)
    qualifier = (match["qualifier"] or "").strip()
    rule = _rules().month_qualifiers.get(qualifier, {"day": 15, "precision": 3})
    if year is None or (qualifier and qualifier not in _rules().month_qualifiers):
        return None
    return date(year, month, rule["day"]), rule["precision"], date(year, month, 1)


def _with_year(year: str | None, month: int, pub: date | None) -> int | None:
    """The stated year, or the most recent year in which ``month`` has begun by publication."""
    if year:
        return int(year)
    if pub is None:
        return None
    return pub.year if month <= pub.month else pub.year - 1


def _relative(text: str, pub: date | None) -> _Found | None:
    rules = _rules()
    if pub is None:
        return None
    if text in rules.relative_days:
        value = pub - timedelta(days=rules.relative_days[text])
        return value, 1, value
    if text in rules.relative_weeks:
        return _week_found(pub, rules.relative_weeks[text])
    if text in rules.relative_months:
        back = rules.relative_months[text]
        year, month = divmod(pub.year * 12 + pub.month - 1 - back, 12)
        return date(year, month + 1, 15), 3, date(year, month + 1, 1)
    if match := _AGO.fullmatch(text):
        return _ago_found(match, pub)
    return _weekday_found(text, pub)


def _week_found(pub: date, weeks_back: int) -> _Found:
    monday = pub - timedelta(days=pub.weekday() + 7 * weeks_back)
    if weeks_back == 0:
        return monday + (pub - monday) // 2, 2, monday
    return monday + timedelta(days=3), 2, monday


def _ago_found(match: re.Match[str], pub: date) -> _Found | None:
    number = match["number"].strip()
    count = int(number) if number.isdigit() else _rules().number_words.get(number)
    if count is None:
        return None
    if match["unit"] == "day":
        value = pub - timedelta(days=count)
        return value, 1, value
    if match["unit"] == "week":
        value = pub - timedelta(days=7 * count)
        return value, 2, value - timedelta(days=3)
    if match["unit"] == "year":
        value = date(pub.year - count, pub.month, 15)
        return value, 3, date(value.year, value.month, 1)
    year, month = divmod(pub.year * 12 + pub.month - 1 - count, 12)
    return date(year, month + 1, 15), 3, date(year, month + 1, 1)


def _weekday_found(text: str, pub: date) -> _Found | None:
    """ "Saturday", "Saturday night", "Tuesday and Wednesday" (the first day)."""
    rules = _rules()
    words = re.findall(r"[a-z]+", text.replace("last ", "", 1))
    if not words or words[0] not in rules.weekdays:
        return None
    allowed = rules.day_parts | set(rules.weekdays) | {"and", "or", "to", "early", "late", "hours"}
    if not set(words) <= allowed:
        return None
    value = pub - timedelta(days=(pub.weekday() - rules.weekdays.index(words[0])) % 7)
    return value, 1, value


def _is_duration(text: str) -> bool:
    rules = _rules()
    words = re.findall(r"[a-z]+|\d+", text)
    return any(w in rules.duration_units for w in words) and not any(
        w in MONTHS or w in rules.weekdays for w in words
    )


def _dateparser(text: str, pub: date | None) -> _Found | None:
    """Last resort: dateparser, English only, anchored on publication (or on a stated year)."""
    if pub is None and not _BARE_YEAR.search(text):
        return None
    if not re.search(r"\d", text) and not any(m in text.split() for m in MONTHS):
        return None
    parser = _date_data_parser(pub or date(2000, 1, 1))
    data = parser.get_date_data(text)
    if data.date_obj is None:
        return None
    value = data.date_obj.date()
    if data.period in ("day", "time"):
        return value, 1, value
    if data.period == "week":
        return value, 2, value - timedelta(days=3)
    if data.period == "month":
        return value.replace(day=15), 3, value.replace(day=1)
    return None


@cache
def _date_data_parser(base: date) -> Any:
    from dateparser.date import DateDataParser  # slow import: only when a rule did not answer

    settings = {
        "RELATIVE_BASE": datetime(base.year, base.month, base.day),
        "PREFER_DATES_FROM": "past",
        "PREFER_DAY_OF_MONTH": "first",
        "RETURN_TIME_AS_PERIOD": True,
        "TIMEZONE": "UTC",
        "RETURN_AS_TIMEZONE_AWARE": False,
        "PARSERS": ["relative-time", "absolute-time"],
    }
    return DateDataParser(languages=["en"], settings=settings)
