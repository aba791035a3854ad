"""Date expressions → ACLED dates and precisions, relative to the publication date."""

from __future__ import annotations

import pytest

from conflictwire.dates import DateValue, find_dates, publication_date, resolve_date, years_back
from conflictwire.view import Entity

PUBLISHED = "2022-06-10"  # a Friday


@pytest.mark.parametrize(
    ("expression", "expected", "precision"),
    [
        ("On 8 June 2022", "2022-06-08", 1),
        ("June 8, 2022", "2022-06-08", 1),
        ("Sunday, October 21, 2017", "2017-10-21", 1),
        ("8th of June", "2022-06-08", 1),
        ("on Saturday", "2022-06-04", 1),
        ("Saturday night", "2022-06-04", 1),
        ("on Tuesday and Wednesday", "2022-06-07", 1),
        ("yesterday", "2022-06-09", 1),
        ("today", "2022-06-10", 1),
        ("last night", "2022-06-09", 1),
        ("overnight", "2022-06-09", 1),
        ("this morning", "2022-06-10", 1),
        ("two days ago", "2022-06-08", 1),
        ("last week", "2022-06-02", 2),
        ("earlier this week", "2022-06-08", 2),
        ("earlier this month", "2022-06-15", 3),
        ("last month", "2022-05-15", 3),
        ("in May 2015", "2015-05-15", 3),
        ("May 2015", "2015-05-15", 3),
        ("in 2014", "2014-07-01", 3),
        ("mid-June", "2022-06-15", 2),
        ("early March", "2022-03-05", 2),
        ("late March", "2022-03-25", 2),
        ("between 6 and 8 June 2022", "2022-06-07", 2),
        ("since 2011", "2011-07-01", 3),
        ("in the 1990s", "1995-01-01", 3),
        ("in 1994 and 1995", "1994-07-01", 3),
        ("two years ago", "2020-06-15", 3),
    ],
)
def test_resolve_date_reads_wire_expressions(expression: str, expected: str, precision: int):
    assert resolve_date(expression, PUBLISHED) == DateValue(expected, precision, None, None)


def test_weekday_of_publication_is_the_publication_day():
    assert resolve_date("Friday", PUBLISHED) == DateValue("2022-06-10", 1, None, None)


@pytest.mark.parametrize(
    "expression", ["for over four years", "three days", "years", "decades", "24 hours", ""]
)
def test_durations_are_not_dates(expression: str):
    assert resolve_date(expression, PUBLISHED) is None


def test_dates_after_publication_are_rejected():
    assert resolve_date("11 June 2022", PUBLISHED) is not None  # one day of slack
    assert resolve_date("12 June 2022", PUBLISHED) is None
    assert resolve_date("July 2022", PUBLISHED) is None


def test_without_publication_only_absolute_dates_resolve():
    assert resolve_date("on Saturday", None) is None
    assert resolve_date("last month", None) is None
    assert resolve_date("8 June", None) is None
    assert resolve_date("8 June 2022", None) == DateValue("2022-06-08", 1, None, None)


def test_month_without_year_is_the_most_recent_one():
    assert resolve_date("in December", PUBLISHED) == DateValue("2021-12-15", 3, None, None)


def test_publication_date_is_the_fallback_with_week_precision():
    assert publication_date(PUBLISHED) == DateValue(PUBLISHED, 2, None, None)
    assert publication_date(None) is None


def test_bad_publication_date_says_what_is_expected():
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        resolve_date("yesterday", "10/06/2022")


def _entity(text: str, phrase: str) -> Entity:
    start = text.index(phrase)
    return Entity(start, start + len(phrase), "DATE", phrase)


def test_find_dates_reads_entities_and_explicit_forms_in_text_order_with_offsets():
    text = (
        "Houthi drones struck Marib on Saturday night. On 8 June 2022 shelling hit Taiz, "
        "where the siege has lasted for over seven years."
    )
    entities = [_entity(text, "Saturday night"), _entity(text, "over seven years")]
    found = find_dates(text, (0, len(text)), entities, PUBLISHED)
    assert [(v.date, text[v.start : v.end]) for v in found if v.start is not None] == [
        ("2022-06-04", "Saturday night"),
        ("2022-06-08", "8 June 2022"),
    ]


def test_find_dates_strips_a_leading_preposition_from_an_entity():
    text = "RSF fighters shelled El Fasher since Tuesday, residents said."
    found = find_dates(text, (0, len(text)), [_entity(text, "since Tuesday")], PUBLISHED)
    assert found == [DateValue("2022-06-07", 1, text.index("Tuesday"), text.index(","))]


def test_find_dates_keeps_to_the_span():
    text = "On 3 May 2022 troops entered Mariupol. On 5 May 2022 a drone hit Kharkiv."
    second = (text.index("On 5"), len(text))
    assert [v.date for v in find_dates(text, second, [], PUBLISHED)] == ["2022-05-05"]


@pytest.mark.parametrize(
    ("headline", "years"),
    [
        ("Thousands gather on the Somme to mark 100 years since the battle", 100),
        ("Review: a film drags Cannes into the trenches of 1916", 106),
        ("A book retells the siege of the 1990s", 23),
        ("Ten years after the massacre, survivors return", 10),
        ("Army retakes the town of Tessit", 0),
        ("Rebels shell Kherson in 2022 push", 0),
    ],
)
def test_years_back_says_how_far_back_a_headline_dates_its_subject(headline, years):
    assert years_back(headline, PUBLISHED) == years
    assert years_back(headline, None) == 0


def test_dates_beyond_the_calendar_are_not_coded_and_do_not_fail():
    # A record may carry a placeholder publication date (9999-12-31) or a text reach far back:
    # nothing to code, and no OverflowError taking the whole batch down.
    assert resolve_date("on Monday", "9999-12-31") is None
    assert resolve_date("5000 years ago", "2020-01-01") is None
    assert resolve_date("last month", "0001-01-05") is None
    assert resolve_date("on Monday", "2024-03-06").date == "2024-03-04"
