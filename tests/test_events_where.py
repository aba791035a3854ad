"""Where an event happened, when a report names more places than the event's own: roads named
after towns, marches, sites and bodies named after places, lists of units, namesakes abroad.
Short reports we wrote, run through the real spaCy model and gazetteer."""

from __future__ import annotations

import pytest

from conflictwire.models import Article, Event, Place
from conflictwire.nlp import joined_sentences
from conflictwire.pipeline import Pipeline
from conflictwire.settings import Settings


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline(Settings())


def event_of(pipeline: Pipeline, text: str) -> Event:
    (article,) = pipeline.run([Article(text=text, language="en", published="2024-04-25")])
    assert article.events, "no event coded"
    return article.events[0]


def place_of(pipeline: Pipeline, text: str, mention: str) -> Place:
    (article,) = pipeline.run([Article(text=text, language="en", published="2024-04-25")])
    return next(p for p in article.places if p.mention == mention)


@pytest.mark.e2e
def test_a_road_named_after_towns_is_not_where_the_blockade_was(pipeline):
    text = (
        "On 3 April 2024, residents blocked the Kandy - Colombo main road at Kadugannawa, "
        "demanding a water supply."
    )
    assert event_of(pipeline, text).location == "Kadugannawa"


@pytest.mark.e2e
def test_a_march_is_coded_where_it_ends(pipeline):
    text = (
        "On 6 April 2024, about 300 students marched from Medellin to Bello to demand free tuition."
    )
    assert event_of(pipeline, text).location == "Bello"


@pytest.mark.e2e
@pytest.mark.parametrize(
    ("text", "where"),
    [
        (
            "On 7 April 2024, 120 people held a peaceful protest at Hong Lim Park in Singapore "
            "against a new tax.",
            "Singapore",
        ),
        (
            "On 7 April 2024, teachers demonstrated at the Victor-Hugo high school in Poitiers "
            "against class closures.",
            "Poitiers",
        ),
        (
            "On 22 April 2024, members of the Environmental Initiative of Magnesia clashed with "
            "police in Volos during a protest against a landfill.",
            "Volos",
        ),
    ],
)
def test_a_site_or_body_named_after_a_place_is_not_the_place(pipeline, text, where):
    assert event_of(pipeline, text).location == where


@pytest.mark.e2e
def test_a_capitalised_against_in_a_groups_name_opens_no_motive(pipeline):
    text = (
        "On 8 April 2024, about 40 protesters from the Committee Against the Port Expansion in "
        "Gwadar gathered in Turbat (Kech, Balochistan) to oppose the project."
    )
    assert event_of(pipeline, text).location == "Turbat"


@pytest.mark.e2e
def test_the_country_written_after_a_motive_place_is_motive_too(pipeline):
    text = (
        "On 9 April 2024, hundreds demonstrated in Gothenburg to denounce the attack on a mosque "
        "in Bergen, Norway."
    )
    event = event_of(pipeline, text)
    assert (event.location, event.country) == ("Gothenburg", "Sweden")


@pytest.mark.e2e
def test_a_village_in_a_provinces_countryside_is_not_at_its_capital(pipeline):
    # the village is not in the index: the province's own point, not its capital city
    text = (
        "On 12 April 2024, unknown gunmen killed a man in Khasham town in Deir ez Zor countryside."
    )
    event = event_of(pipeline, text)
    assert event.location != "Deir ez-Zor"
    assert event.admin1 == "Dayr az Zawr" and event.geo_precision == 3


@pytest.mark.e2e
def test_the_countryside_of_a_town_is_the_town_not_its_province(pipeline):
    text = (
        "On 13 April 2024, Turkish drones struck a car in a village in the countryside of Al Bab, "
        "killing two fighters."
    )
    assert place_of(pipeline, text, "Al Bab").feature == "populated_place"
    assert event_of(pipeline, text).location == "Al Bāb"


@pytest.mark.e2e
def test_a_city_written_with_its_district_takes_the_districts_units(pipeline):
    text = (
        "On 14 April 2024, in Sao Goncalo - Neves (Rio de Janeiro), armed men killed a man "
        "outside a bar."
    )
    assert place_of(pipeline, text, "Sao Goncalo").admin1 == "Rio de Janeiro"


@pytest.mark.e2e
@pytest.mark.parametrize(
    ("text", "mention", "country"),
    [
        ("On 15 April 2024, about twenty teachers protested in Nis, demanding pay.", "Nis", "RS"),
        (
            "On 15 April 2024, people staged a protest in Galle (Galle, Southern) over fuel.",
            "Galle",
            "LK",
        ),
    ],
)
def test_a_place_of_that_very_name_beats_one_known_so_by_an_alternate_name(
    pipeline, text, mention, country
):
    # Nice and Halle are larger and also carry these names in GeoNames' alternate names
    assert place_of(pipeline, text, mention).country_code == country


@pytest.mark.e2e
def test_the_place_after_district_of_is_the_districts_unit(pipeline):
    text = (
        "On 16 April 2024, Turkish warplanes struck PKK militants in Sehid Kendal area (Kurdish "
        "name) in Zap region (Al Amadiya district) of Duhok, with artillery support."
    )
    event = event_of(pipeline, text)
    assert (event.location, event.geo_precision) == ("Al ‘Amādīyah", 2)


@pytest.mark.e2e
def test_the_first_of_a_villages_units_is_the_nearest(pipeline):
    text = (
        "On 17 April 2024, in Nam Hkam village (Kutkai township, Muse district, Shan-North "
        "state), soldiers burned ten houses."
    )
    assert event_of(pipeline, text).location == "Kutkai"


@pytest.mark.e2e
def test_a_numbered_operations_name_is_no_place(pipeline):
    text = (
        "On 18 April 2024, gendarmerie forces launched operation 'Eren-Blockade-14' against PKK "
        "militants in Hakkari province."
    )
    assert event_of(pipeline, text).admin1 == "Hakkâri"


@pytest.mark.e2e
def test_a_unions_acronym_among_acronyms_is_no_province(pipeline):
    text = (
        "On 19 April 2024, 400 people demonstrated in Rennes at the call of unions (CGT, FO, "
        "Sud, FSU) for higher wages."
    )
    event = event_of(pipeline, text)
    assert (event.location, event.country) == ("Rennes", "France")


@pytest.mark.e2e
@pytest.mark.parametrize(
    ("text", "country"),
    [
        # the index knows only a Peruvian El Alto; La Paz says the town is in Bolivia
        ("On 20 April 2024, in El Alto (La Paz), residents blocked roads over fuel.", "Bolivia"),
        (
            "On 21 April 2024, activists protested near Oktyabr district in Bishkek city against "
            "a new media law.",
            "Kyrgyzstan",
        ),
    ],
)
def test_a_namesake_abroad_is_not_the_place_its_units_name(pipeline, text, country):
    assert event_of(pipeline, text).country == country


@pytest.mark.e2e
@pytest.mark.parametrize(
    ("text", "mention", "country"),
    [
        ("On 23 April 2024, crowds marched in Sanabis (Capital) for detainees.", "Capital", "BH"),
        ("On 24 April 2024, residents protested in Chui region against bad roads.", "Chui", "KG"),
    ],
)
def test_provinces_by_their_english_names(pipeline, text, mention, country):
    place = place_of(pipeline, text, mention)
    assert (place.feature, place.country_code) == ("admin1", country)


def test_a_sentence_broken_before_a_parenthesis_or_lowercase_word_is_joined():
    text = "In Urcos town (coded to Urcos) (Cusco), residents marched. Police watched."
    cut, police = text.index(" (Cusco)"), text.index("Police")
    parser = [(0, cut), (cut + 1, police - 1), (police, len(text))]  # a break before "(Cusco)"
    assert joined_sentences(text, parser) == [(0, police - 1), (police, len(text))]
    lowered = "Fighters entered the town of\nKafr Nabl. Then they left."
    line = lowered.index("Kafr")
    spans = [(0, line), (line, line + 10), (line + 11, len(lowered))]
    assert joined_sentences(lowered, spans) == spans  # a new line is a break


def test_a_datelines_dash_ends_its_sentence():
    text = "BOGOTA (Wire) - Police fired tear gas on Monday."
    start = text.index("Police")
    assert joined_sentences(text, [(0, start - 1), (start, len(text))]) == [
        (0, start - 1),
        (start, len(text)),
    ]


@pytest.mark.e2e
def test_the_town_a_distance_is_measured_from_is_a_landmark(pipeline):
    text = (
        "On 5 May 2024, gunmen killed five villagers in Ain Defla province, 150 km west of Algiers."
    )
    assert event_of(pipeline, text).admin1 == "Aïn Defla"
    assert event_of(pipeline, text).location != "Algiers"


@pytest.mark.e2e
def test_a_possessive_city_contains_the_district_after_it(pipeline):
    text = "On 6 May 2024, a car bomb killed two civilians in Baghdad's Sadr City district."
    assert event_of(pipeline, text).location == "Sadr City"


@pytest.mark.e2e
def test_a_name_written_with_an_age_is_a_person_not_a_place(pipeline):
    text = "On 7 May 2024, Downey, 72, was shot dead outside his home in Chicago."
    assert "Downey" not in {p.mention for p in pipeline_places(pipeline, text)}


@pytest.mark.e2e
def test_a_protest_over_a_price_rise_in_a_city_is_in_that_city(pipeline):
    text = "On 8 May 2024, students from Malang protested over the fuel price rise in Surabaya."
    assert event_of(pipeline, text).location == "Surabaya"


def pipeline_places(pipeline: Pipeline, text: str) -> list[Place]:
    (article,) = pipeline.run([Article(text=text, language="en", published="2024-05-10")])
    return article.places


@pytest.mark.e2e
@pytest.mark.parametrize(
    ("text", "where"),
    [
        (
            "On 9 May 2024, a car bomb killed a civilian in Adhamiya neighborhood in northern "
            "Baghdad.",
            "Adhamiyah",
        ),
        # "bombed" is an explosion; Kathmandu is only the landmark
        (
            "On 10 May 2024, rebels bombed a police post in Saptari district, south of Kathmandu.",
            "Saptari",
        ),
    ],
)
def test_a_neighbourhoods_city_and_a_directions_landmark_are_not_the_place(pipeline, text, where):
    assert event_of(pipeline, text).location == where


@pytest.mark.e2e
def test_the_places_in_a_groups_name_are_not_where_it_fought(pipeline):
    text = (
        "On 12 May 2024, the Islamic State of Iraq and Al-Sham launched an offensive in the Deir "
        "Ezzor Governorate, targeting army positions."
    )
    event = event_of(pipeline, text)
    assert (event.country, event.admin1) == ("Syria", "Dayr az Zawr")


@pytest.mark.e2e
def test_a_country_that_acts_is_not_where_it_acted(pipeline):
    text = (
        "On 14 May 2024, Turkey launched an offensive in northern Syria against Kurdish fighters."
    )
    assert event_of(pipeline, text).country == "Syria"
    fell = (
        "On 15 May 2024, Kabul fell to the Taliban, whose fighters entered from Paghman district."
    )
    assert event_of(pipeline, fell).location == "Kabul"  # a town that falls is where it fell


@pytest.mark.e2e
def test_a_town_in_a_province_carved_out_of_the_named_one_is_not_a_namesake(pipeline):
    # GeoNames has Sorong in Papua Barat Daya, split from Papua Barat (West Papua) in 2022
    text = "On 16 May 2024, thousands of Papuans protested in Sorong city (West Papua province)."
    assert event_of(pipeline, text).location == "Sorong"
