"""Territory, intent and protest-context rules of the event coder (fake NLP view)."""

from __future__ import annotations

import pytest

from conflictwire.events import code_events
from conflictwire.models import Article, Place
from fakes import article_with


def _article(
    text: str, actors: list[tuple[str, str, str]] = (), dates: tuple[str, ...] = ()
) -> Article:
    return article_with(text, actors, dates=dates, published="2017-08-14")


SYRIA = ("Syrian army", "Military Forces of Syria", "State forces")
IS = ("Islamic State", "Islamic State", "Rebel group")


def test_recapture_by_state_forces_is_government_regains_territory() -> None:
    text = "The Syrian army recaptured the town of Sukhnah from Islamic State on Sunday."
    (event,) = code_events(_article(text, [SYRIA, IS])).events
    assert event.sub_event_type == "Government regains territory"
    assert event.actor1 == "Military Forces of Syria" and event.actor2 == "Islamic State"


def test_a_town_falling_in_the_hands_of_a_group_is_taken_by_that_group() -> None:
    text = "Residents left the town after it fell in the hands of Islamic State in May 2015."
    (event,) = code_events(_article(text, [IS], dates=("May 2015",))).events
    assert event.sub_event_type == "Non-state actor overtakes territory"
    assert event.actor1 == "Islamic State"
    assert event.event_date == "2015-05-15" and event.time_precision == 3


def test_an_undated_recapture_takes_the_publication_date_not_a_past_one() -> None:
    text = (
        "The Syrian army retook the town from Islamic State. "
        "The town had fallen in the hands of Islamic State in May 2015."
    )
    events = code_events(_article(text, [SYRIA, IS], dates=("May 2015",))).events
    assert [(e.sub_event_type, e.event_date) for e in events] == [
        ("Government regains territory", "2017-08-14"),
        ("Non-state actor overtakes territory", "2015-05-15"),
    ]
    assert events[0].time_precision == 2


@pytest.mark.parametrize(
    "text",
    [
        "The army and allied fighters marched on Raqqa to drive out the militants.",
        "Warplanes struck a market in Idlib.",
        "Missiles hit apartment blocks in Kharkiv.",
    ],
)
def test_military_marches_and_strikes_are_not_protests(text: str) -> None:
    events = code_events(_article(text)).events
    assert all(e.event_type not in ("Protests", "Riots") for e in events)


def test_pledges_and_vows_are_not_events() -> None:
    text = "Troops pledged to storm the city and vowed to recapture it."
    assert code_events(_article(text)).events == []


@pytest.mark.parametrize(
    "text",
    [
        "Hundreds of people marched in Caracas against fuel prices.",
        "Teachers held a strike in Lagos over unpaid salaries.",
        "Farmers blocked the highway near Delhi.",
    ],
)
def test_marches_strikes_and_blockades_with_protest_context_are_protests(text: str) -> None:
    events = code_events(_article(text)).events
    assert events and events[0].sub_event_type == "Peaceful protest"


def test_the_datelines_date_is_the_reports_not_the_events() -> None:
    text = (
        "DAMASCUS, Oct 22 (Wire) - The Syrian army recaptured the town of Sukhnah from "
        "Islamic State on Saturday, October 21, 2017."
    )
    dates = ("Oct 22", "Saturday, October 21, 2017")
    article = article_with(text, [SYRIA, IS], dates=dates, published="2017-10-22")
    (event,) = code_events(article).events
    assert event.event_date == "2017-10-21"


def test_the_place_the_trigger_acts_on_is_the_location() -> None:
    text = "The Syrian army retook Qaryatayn from Islamic State fighters in Homs."
    places = [
        Place(
            text.index(name),
            text.index(name) + len(name),
            name,
            geonameid=gid,
            name=name,
            feature="populated_place",
            country_code="SY",
            country="Syria",
            latitude=lat,
            longitude=36.7,
        )  # fmt: skip
        for name, gid, lat in (("Qaryatayn", 173361, 34.2), ("Homs", 169577, 34.7))
    ]
    article = article_with(text, [SYRIA, IS], places=places, published="2017-10-22")
    (event,) = code_events(article).events
    assert event.location == "Qaryatayn"
