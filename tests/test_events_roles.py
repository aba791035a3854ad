"""Who did what to whom: passive agents, crowds, non-state arrests, unnamed attackers."""

from __future__ import annotations

from conflictwire.events import code_events
from conflictwire.models import Article, Place
from fakes import article_with


def _article(text: str, actors: list[tuple[str, str, str]]) -> Article:
    start = text.index("Homs")
    place = Place(start, start + 4, "Homs", geonameid=1, name="Homs", feature="populated_place",
                  country_code="SY", country="Syria", latitude=34.7, longitude=36.7)  # fmt: skip
    return article_with(text, actors, places=[place], published="2022-06-10")


CIVILIANS = ("a man", "Civilians (Syria)", "Civilians")
GUNMEN = ("armed men", "Unidentified Armed Group (Syria)", "Political militia")


def test_a_passive_trigger_takes_its_agent_as_actor1() -> None:
    text = "In Homs, a man was shot and killed by armed men."
    (event,) = code_events(_article(text, [CIVILIANS, GUNMEN])).events
    assert event.sub_event_type == "Attack"
    assert (
        event.actor1 == "Unidentified Armed Group (Syria)" and event.actor2 == "Civilians (Syria)"
    )


def test_an_unnamed_attacker_is_an_unidentified_armed_group() -> None:
    text = "In Homs, a man was shot dead."
    (event,) = code_events(_article(text, [CIVILIANS])).events
    assert event.actor1 == "Unidentified Armed Group (Syria)"


def test_a_crowd_beating_a_man_is_mob_violence() -> None:
    text = "In Homs, villagers beat a suspected thief."
    crowd = ("villagers", "Civilians (Syria)", "Civilians")
    (event,) = code_events(_article(text, [crowd])).events
    assert (event.event_type, event.sub_event_type) == ("Riots", "Mob violence")


def test_detention_by_a_rebel_group_is_an_abduction() -> None:
    text = "In Homs, the SDF detained two civilians."
    sdf = ("the SDF", "QSD: Syrian Democratic Forces", "Rebel group")
    (event,) = code_events(_article(text, [sdf])).events
    assert event.sub_event_type == "Abduction/forced disappearance"
