"""Trigger words with an everyday sense report an event only with what the event needs beside
them (data/events/senses.yaml): sentences we wrote, the fake NLP view, hand-made actors."""

from __future__ import annotations

import pytest

from conflictwire.events.rules import default_rules
from conflictwire.events.senses import senses
from conflictwire.events.triggers import find_triggers
from conflictwire.models import ActorMention
from fakes import make_view


def sub_types(text: str, actors: list[ActorMention] | None = None) -> list[str]:
    view = make_view(text)
    return [
        h.sub_type
        for span in view.sentences
        for h in find_triggers(view, text, span, default_rules(), actors or [])
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Researchers hope a vaccine will help fight the virus.", []),
        ("Troops fought rebels near the border.", ["Armed clash"]),
        ("The agency released its report on Tuesday.", []),
        ("The group released six detainees on Tuesday.", ["Other"]),
        ("Dozens of wild birds were found dead near the lake.", []),
        ("Two farmers were found dead near the lake.", ["Attack"]),
        ("More than a thousand toads exploded in a pond.", []),
        ("A roadside bomb exploded near a market.", ["Remote explosive/landmine/IED"]),
        (
            "Residents said they heard two loud explosions before dawn.",
            ["Remote explosive/landmine/IED"],
        ),
        ("The ministry deployed a team of nurses to the region.", []),
        ("The army deployed troops to the region.", ["Change to group/activity"]),
        ("Police arrested four vendors for selling rotten meat.", []),
        ("Police arrested four activists at the square.", ["Arrests"]),
        ("The senator spoke at a campaign rally in Ohio.", []),
        ("Hundreds of teachers held a rally in the capital.", ["Peaceful protest"]),
        ("The match was halted for an hour by an air-raid alert.", []),
        ("An air raid hit the town.", ["Air/drone strike"]),
        ("The company dropped the feature after an explosive interview.", []),
        ("Fighter jets roared low over the crowds at the air show.", []),
        ("Warplanes struck the town.", ["Air/drone strike"]),
        ("The side stormed back after falling behind in the first half.", []),
        ("Doctors say the city is losing its battle against the coronavirus.", []),
        ("A gang seized control of servers at the company's warehouse.", []),
        (
            "Rebels seized control of the town after a day of fighting.",
            ["Armed clash", "Non-state actor overtakes territory"],
        ),
        ("Security forces cordoned off the road after the crash.", []),
        (
            "Police cordoned off the square to stop the protesters.",
            ["Peaceful protest", "Protest with intervention"],
        ),
        ("Thousands gathered at the memorial to mark the centenary with wreaths.", []),
        ("Thousands of fans gathered outside the stadium after the final whistle.", []),
        (
            "Thousands of workers gathered outside the ministry to demand their wages.",
            ["Peaceful protest"],
        ),
        ("The champions were beaten in the derby on Sunday.", []),
        ("Volunteers found the missing boy near the lake on Sunday.", []),
        (
            "Soldiers discovered a cache of rifles and ammunition in a house.",
            ["Disrupted weapons use"],
        ),
    ],
)
def test_a_word_with_an_everyday_sense_needs_its_event_beside_it(text, expected):
    assert sorted(set(sub_types(text))) == expected


def test_an_actor_of_the_needed_kind_is_enough():
    text = "On Monday the FLN clashed with the MDL near Gao."
    actors = [
        ActorMention(text.index("FLN"), text.index("FLN") + 3, "FLN", "FLN", "Rebel group"),
        ActorMention(text.index("MDL"), text.index("MDL") + 3, "MDL", "MDL", "Political militia"),
    ]
    assert sub_types(text) == []
    assert sub_types(text, actors) == ["Armed clash"]


def test_every_sense_restricts_known_sub_types_and_names_its_needs():
    known = default_rules().ontology.sub_types
    for sense in senses():
        assert sense.sub_types <= set(known), sense.name
        assert sense.triggers and (sense.needs or sense.actor_types), sense.name


def test_a_trigger_word_belongs_to_one_sense_of_its_sub_type():
    seen: dict[tuple[str, tuple[str, ...]], str] = {}
    for sense in senses():
        for sub_type in sense.sub_types:
            for pattern in sense.triggers:
                key = (sub_type, pattern)
                assert key not in seen, f"{pattern} in {seen.get(key)} and {sense.name}"
                seen[key] = sense.name


def test_a_mass_arrest_needs_no_political_word():
    assert sub_types("Police detained 35 migrants near the border.") == ["Arrests"]
    assert sub_types("Police detained 150 people after the match.") == ["Arrests"]
    assert sub_types("Police detained two men after the match.") == []
