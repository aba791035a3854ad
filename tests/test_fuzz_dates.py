"""Fuzz the date readers: ``published`` values as inputs write them, and date expressions in
text read against any publication day. Each gives a real YYYY-MM-DD day or nothing, never an
exception (Hypothesis; profiles in fuzz_profiles.py)."""

from __future__ import annotations

import re
from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from conflictwire.dates import find_dates, publication_date, resolve_date, years_back
from conflictwire.ingest.article import normalise_date
from conflictwire.settings import iso_day, publication_day
from conflictwire.view import Entity
from fuzz_inputs import any_text, hostile_text, json_values, written_dates
from fuzz_profiles import examples

DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
# What date expressions look like in conflict news, to be mixed with anything else.
EXPRESSIONS = (
    "on Tuesday", "last week", "3 March 2023", "March 3", "early June", "5-7 May",
    "two years ago", "in 1994", "the 1990s", "yesterday", "late on Friday night",
    "earlier this month", "2023-02-29", "31 February", "Sept. 11, 2001", "99999 years ago",
    "next month", "for over four years",
)  # fmt: skip
expressions = st.lists(
    st.one_of(st.sampled_from(EXPRESSIONS), hostile_text, written_dates), min_size=1, max_size=3
).map(" ".join)
published_days = st.one_of(
    st.none(),
    st.dates().map(date.isoformat),
    st.sampled_from(("0001-01-01", "9999-12-31", "2024-02-29", "1800-01-01")),
)


def is_day(value: str) -> bool:
    if not DAY.fullmatch(value):
        return False
    date.fromisoformat(value)  # a real day of the calendar, or ValueError
    return True


@examples(ci=200, long=20_000)
@given(value=st.one_of(written_dates, json_values, st.dates(), st.datetimes()))
def test_published_as_written_is_a_day_or_nothing(value: object) -> None:
    day = normalise_date(value)
    assert day is None or is_day(day), day


@examples(ci=100, long=10_000)
@given(value=st.one_of(written_dates, any_text))
def test_published_option_is_a_day_or_a_value_error(value: str) -> None:
    for check in (iso_day, publication_day):
        try:
            day = check(value)
        except ValueError as exc:
            assert str(exc) and "\n" not in str(exc)
        else:
            assert is_day(day)


@examples(ci=100, long=10_000)
@given(expression=expressions, published=published_days)
def test_date_expression_is_a_day_or_nothing(expression: str, published: str | None) -> None:
    value = resolve_date(expression, published)
    assert value is None or (is_day(value.date) and value.precision in (1, 2, 3)), value
    fallback = publication_date(published)
    assert (fallback is None) == (published is None)
    assert isinstance(years_back(expression, published), int)


@st.composite
def texts_with_dates(draw: st.DrawFn) -> tuple[str, list[Entity]]:
    """A text and DATE entities over parts of it, as the NLP stage would mark them."""
    text = draw(expressions)
    entities = []
    for _ in range(draw(st.integers(0, 3))):
        start = draw(st.integers(0, len(text)))
        end = draw(st.integers(start, len(text)))
        entities.append(Entity(start, end, "DATE", text[start:end]))
    return text, entities


@examples(ci=100, long=10_000)
@given(found=texts_with_dates(), published=published_days)
def test_dates_found_in_a_text_lie_within_it(
    found: tuple[str, list[Entity]], published: str | None
) -> None:
    text, entities = found
    for value in find_dates(text, (0, len(text)), entities, published):
        assert is_day(value.date)
        assert value.start is not None and value.end is not None
        assert 0 <= value.start <= value.end <= len(text)
