"""Sentences that use event words without reporting an ACLED event, and their near twins that
do report one. Texts we wrote; the real spaCy model, since several rules read the parse."""

from __future__ import annotations

import pytest

from conflictwire.models import Article
from conflictwire.pipeline import Pipeline
from conflictwire.settings import Settings

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline(Settings())


def sub_types(pipeline: Pipeline, text: str) -> list[str]:
    article = Article(text=text, language="en", published="2024-05-20")
    (done,) = pipeline.run([article])
    return [e.sub_event_type for e in done.events]


@pytest.mark.parametrize(
    "text",
    [
        # a disaster's toll
        "Floods have killed at least 31 people in Beledweyne since Friday, officials said.",
        "Seven people were killed in a landslide near Hpakant on Sunday.",
        # a court case: the crimes tried are no new event
        "A court in Bogota sentenced two former militiamen to 40 years for the killings of "
        "civilians in Uraba.",
        # figures of speech
        "The policy clash between the two ministers delayed the budget in Baghdad.",
        "The governor of Kassala died of a heart attack on Monday.",
        # a trend, not an incident
        "Aid agencies said fighting in Shan State has spread over the past year.",
        # a war described, or its toll
        "The war, fought between federal forces and Tigrayan forces, ended in 2022.",
        "The war, which began when the Houthis seized the capital Sanaa, has killed thousands.",
        # an undated origin
        "Israel has restricted imports since Hamas took control of the Gaza Strip.",
        # words of territory that are not about territory
        "DAMASCUS (Wire) - The Syrian pound fell to a record low on Wednesday, traders said.",
        "Shakhtar's attack took over after the restart and won the match.",
        # words of protest or clashes that are not about either
        "Niger announced cuts to road building in Tillaberi to pay for new drones.",
        "Cross-border strikes largely stopped after the truce in Saada.",
        "Speakers in Mekelle called for the withdrawal of Eritrean troops.",
        "Talks in Muscat ended without a deal on turning the informal ceasefire into a roadmap.",
        # a violent verb with a thing as its object
        "The messaging app killed its disappearing-posts feature in Nairobi on Thursday.",
        "The council in Erbil shot down every proposal to widen the road.",
    ],
)
def test_no_event_is_coded(pipeline, text):
    assert sub_types(pipeline, text) == []


@pytest.mark.parametrize(
    ("text", "sub_type"),
    [
        ("Gunmen killed at least 31 villagers in Beledweyne on Friday.", "Attack"),
        (
            "Police arrested two men after a court in Bogota sentenced their leader.",
            "Arrests",
        ),
        (
            "Relatives protested outside the court in La Paz against the sentence.",
            "Peaceful protest",
        ),
        (
            "Fighting broke out between the army and the TNLA in Shan State on Sunday.",
            "Armed clash",
        ),
        (
            "Residents have left the town of Tessit since it fell in the hands of ISIS in "
            "May 2023.",
            "Non-state actor overtakes territory",
        ),
        ("The two sides agreed to a ceasefire in Juba on Sunday.", "Agreement"),
        ("Gunmen killed two traders in Nairobi on Thursday.", "Attack"),
    ],
)
def test_the_twins_that_report_an_event_are_coded(pipeline, text, sub_type):
    assert sub_type in sub_types(pipeline, text)


def test_the_group_that_claimed_an_attack_is_its_perpetrator(pipeline):
    text = (
        "A suicide bomber killed six people at a checkpoint in Mogadishu on Sunday. "
        "Al Shabaab claimed responsibility for the attack in a statement."
    )
    article = Article(text=text, language="en", published="2024-05-20")
    (done,) = pipeline.run([article])
    assert done.events and done.events[0].actor1 == "Al Shabaab"


def test_a_headline_that_dates_its_subject_years_back_makes_undated_triggers_history(pipeline):
    body = (
        "Aubertin follows a company of infantrymen through ten months of the battle. "
        "Her grandfather's uncle was killed in the battle at Verdun, she told reporters. "
        "The film shows soldiers fighting for a ruined fort. "
        "Critics praised its sound. Its budget was small. It opens in Paris in June."
    )
    old = Article(
        text=body,
        title="Review: a film drags Cannes into the trenches of 1916",
        language="en",
        published="2024-05-20",
    )
    new = Article(
        text=body, title="Review: a film about war", language="en", published="2024-05-20"
    )
    done_old, done_new = pipeline.run([old, new])
    assert done_old.events == []
    assert done_new.events != []


@pytest.mark.parametrize(
    ("text", "sub_type"),
    [
        # the battle is the setting of the weapon's use
        (
            "Over 100 grenades were hurled at Israeli troops during armed clashes at the "
            "Gaza border on Friday.",
            "Grenade",
        ),
        # the weapon names the attack on a post
        (
            "Four people were wounded in a grenade attack on a police check post in Kabul "
            "on Tuesday.",
            "Grenade",
        ),
        # a battle without a weapon's use stays a battle
        ("Two soldiers were killed during clashes with rebels in Kidal on Friday.", "Armed clash"),
        # a takeover in the infinitive is an aim: the attack is the event
        (
            "The militants' attack to capture army positions near Deir ez-Zor airport was "
            "fended off on Friday.",
            "Armed clash",
        ),
    ],
)
def test_a_weapon_decides_over_the_battle_it_happened_in(pipeline, text, sub_type):
    assert sub_types(pipeline, text)[:1] == [sub_type]
