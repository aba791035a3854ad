"""Reported fatalities, coded the ACLED way."""

from __future__ import annotations

import pytest

from conflictwire.events.fatalities import FatalityCount, find_fatalities


def _count(text: str) -> int | None:
    found = find_fatalities(text, (0, len(text)))
    return None if found is None else found.count


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("An airstrike on Saada killed three civilians.", 3),
        ("At least 12 soldiers were killed in the attack on Marib.", 12),
        ("Between 10 and 15 people were killed in El Geneina.", 10),
        ("Twenty-one people died when shelling hit Kharkiv.", 21),
        ("A soldier was killed by a mine near Bakhmut.", 1),
        ("The army said it killed two soldiers and a civilian in Sagaing.", 3),
        ("The bodies of five men were found near Nyala.", 5),
        ("The death toll from the blast in Aden rose to 14.", 14),
        ("RSF shelling killed several civilians in Omdurman.", 3),
        ("Dozens were killed in the raid on the Myanmar village.", 12),
        ("Hundreds of people died in the fighting in Darfur.", 100),
        ("The clashes left 1,200 dead, officials said.", 1200),
        ("The Kharkiv strike caused 4 fatalities.", 4),
        ("Gunmen opened fire on a mosque, killing three and wounding 12.", 3),
        ("Militants shot dead a teacher in Borno.", 1),
        ("Officials said at least 12 were killed; residents said 20 died.", 12),
        ("On 8 June 2022, 5 Houthi fighters were killed in Taiz.", 5),
        ("Fifteen troops and PNO members died in Shan State.", 15),
        ("Two soldiers and three rebels were killed near Kidal.", 5),
        ("Dozens dead in Saada. Jets struck a market, killing at least 19 civilians.", 19),
        ("An air strike hit a house in Deir al-Balah, killing a man and his two sons.", 3),
        ("An angry crowd beat two men to death in Beni.", 2),
        ("Drones hit Odesa port overnight. No one was killed, officials said.", 0),
        ("A strike hit a house, killing a man and his two sons, relatives said.", 3),
        ("It killed a mother, her three children and their grandfather, medics said.", 5),
        ("Shelling killed 11 civilians in Douma, while mortar bombs killed three in Damascus.", 11),
    ],
)
def test_find_fatalities_counts_the_killed(text: str, expected: int):
    assert _count(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "12 people were wounded when a drone hit Odesa.",
        "Protesters in Khartoum denounced the killing of a student.",
        "Troops entered Mariupol on 8 June 2022.",
    ],
)
def test_find_fatalities_ignores_spans_without_deaths(text: str):
    assert _count(text) is None


@pytest.mark.parametrize(
    "text", ["There were no casualties in the Marib clash.", "No one was hurt in the Lviv strike."]
)
def test_no_casualties_is_zero(text: str):
    assert _count(text) == 0


def test_figure_offsets_are_exact():
    text = "In Yemen, at least 12 soldiers were killed."
    found = find_fatalities(text, (0, len(text)))
    assert found == FatalityCount(12, text.index("12"), text.index("12") + 2)


def test_find_fatalities_keeps_to_the_span():
    text = "Four people were killed in Sittwe. Two soldiers were wounded in Hpakant."
    assert find_fatalities(text, (text.index("Two"), len(text))) is None


def test_the_source_after_a_comma_is_not_a_victim() -> None:
    text = "Fighting killed at least 12 militants, a military source said on Sunday."
    found = find_fatalities(text, (0, len(text)))
    assert found is not None and found.count == 12
