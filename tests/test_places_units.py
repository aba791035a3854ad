"""Places written with their administrative units, as conflict monitors write them: "X village
(Y township, Z district, W region)", "X, Y", "Y province". Short texts we wrote, with the real
spaCy model and gazetteer."""

from __future__ import annotations

import pytest

from conflictwire.models import Article, Event, Place
from conflictwire.pipeline import Pipeline
from conflictwire.settings import Settings

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline(Settings())


def run(pipeline: Pipeline, text: str) -> Article:
    (article,) = pipeline.run([Article(text=text, language="en", published="2024-03-20")])
    for place in article.places:
        assert text[place.start : place.end] == place.mention
    return article


def by_mention(places: list[Place]) -> dict[str, Place]:
    return {p.mention: p for p in places}


def test_a_district_tagged_as_an_organisation_is_still_a_place(pipeline):
    text = (
        "On 2 March 2024, troops burned houses in a village (Pauk township, Pakokku district, "
        "Magway region), residents said."
    )
    found = by_mention(run(pipeline, text).places)
    assert found["Pakokku district"].feature == "admin2"
    assert found["Pakokku district"].admin1 == "Magway"


def test_lowercase_particles_inside_a_name(pipeline):
    text = "On 4 March 2024, teachers protested in Santiago del Estero province over unpaid wages."
    found = by_mention(run(pipeline, text).places)
    assert found["Santiago del Estero province"].country_code == "AR"
    assert found["Santiago del Estero province"].feature == "admin1"


def test_a_town_and_its_units_confirm_each_other(pipeline):
    # spaCy tags both names ORG; written as "(town, province)" they are places
    text = (
        "On 5 March 2024, farmers blocked a road near the market in Welimada town (Badulla, Uva) "
        "demanding fertiliser."
    )
    found = by_mention(run(pipeline, text).places)
    assert found["Badulla"].country_code == "LK"
    assert found["Uva"].feature == "admin1" and found["Uva"].country_code == "LK"


def test_an_article_alone_is_no_place(pipeline):
    text = "On 6 March 2024, Al Shabaab militants attacked an army post near Jowhar, police said."
    found = by_mention(run(pipeline, text).places)
    assert "Al" not in found
    assert found["Jowhar"].country_code == "SO"


def test_a_town_outside_the_unit_written_after_it_is_a_namesake(pipeline):
    # The index knows Orients in other states only: this one is located at Ohio, unlisted
    text = "On 11 March 2024, inmates rioted at the prison in Orient, Ohio, guards said."
    found = by_mention(run(pipeline, text).places)
    assert found["Orient"].feature == "unlisted"
    assert found["Orient"].admin1 == "Ohio" and found["Orient"].country_code == "US"


def test_a_list_of_names_is_not_a_town_and_its_unit(pipeline):
    text = "On 12 March 2024, air strikes hit Aleppo, Idlib and Hama, monitors said."
    found = by_mention(run(pipeline, text).places)
    assert found["Aleppo"].feature == "populated_place" and found["Aleppo"].country_code == "SY"


def first_event(article: Article) -> Event:
    assert article.events, article.text
    return article.events[0]


def test_an_event_known_by_its_province_is_placed_at_the_provincial_capital(pipeline):
    text = "On 9 March 2024, thousands of residents held a rally in Amran governorate."
    event = first_event(run(pipeline, text))
    assert event.geo_precision == 3
    assert event.location == "‘Amrān" and event.admin1 == "‘Amrān"
    assert event.latitude == pytest.approx(15.66, abs=0.05)  # the town, not the middle
    assert event.evidence.location is not None


def test_the_capital_is_the_town_of_the_province_name_not_the_largest(pipeline):
    text = "On 10 March 2024, the army shelled villages across Sagaing region, a monitor said."
    event = first_event(run(pipeline, text))
    assert event.location == "Sagaing"  # Kalemyo is larger, Sagaing the capital


def test_a_direction_word_opening_a_longer_name_is_no_place(pipeline):
    text = "On 13 March 2024, an IED exploded in Eastern Maliha in Daraa governorate."
    found = by_mention(run(pipeline, text).places)
    assert "Eastern" not in found  # not Uganda's Eastern Region
    assert found["Daraa governorate"].country_code == "SY"


def test_a_city_word_after_a_name_keeps_all_its_readings(pipeline):
    # the index has a "Salem City" in Virginia; "Salem city" here is the Indian one
    text = "On 14 March 2024, students protested in Salem city (Salem district, Tamil Nadu)."
    found = by_mention(run(pipeline, text).places)
    assert found["Salem"].country_code == "IN"
    assert found["Salem"].feature == "populated_place"


def test_a_district_named_after_its_town_is_the_town_not_its_province(pipeline):
    # "Deir al-Zour province" means the province; "Al Amadiya district" is the town's district
    text = "On 15 March 2024, warplanes struck PKK positions in Al Amadiya district of Duhok."
    found = by_mention(run(pipeline, text).places)
    assert found["Al Amadiya"].feature == "populated_place"
    assert found["Al Amadiya"].country_code == "IQ"


def test_arabic_names_ending_in_ah_are_found_without_the_h(pipeline):
    text = "On 16 March 2024, clashes erupted near Sukhna and in Hasaka, monitors said."
    found = by_mention(run(pipeline, text).places)
    assert found["Sukhna"].geonameid == 172425
    assert found["Hasaka"].country_code == "SY"


def test_a_place_qualified_after_a_unit_word_is_the_event_location(pipeline):
    text = (
        "On 17 March 2024, in the rural area of Caruaru municipality (Pernambuco), gunmen shot "
        "and killed a farmer at the Campo Novo farm."
    )
    event = first_event(run(pipeline, text))
    assert event.location == "Caruaru"


def test_a_protests_motive_is_not_its_place(pipeline):
    text = (
        "On 18 March 2024, hundreds of people protested in Burgas against the Russian "
        "aggression on Ukraine, organisers said."
    )
    event = first_event(run(pipeline, text))
    assert event.location == "Burgas"


def test_a_datelines_place_is_where_the_report_was_filed_not_the_event(pipeline):
    text = (
        "PORT SUDAN, Sudan (Wire) - Paramilitary fighters seized the town of Singa on Saturday "
        "after the army withdrew, residents said."
    )
    event = first_event(run(pipeline, text))
    assert event.location == "Singa"


def test_a_square_and_a_ministry_are_not_places_of_their_own(pipeline):
    text = (
        "On 19 March 2024, bakers protested in front of the Ministry of Economy and in Bra "
        "Square in Verona."
    )
    found = by_mention(run(pipeline, text).places)
    assert "Economy" not in found and "Bra" not in found
    assert found["Verona"].country_code == "IT"


def test_a_town_and_its_units_are_paired_across_a_unit_word():
    from conflictwire.places import _unit_pairs, default_rules
    from conflictwire.places.detect import Mention

    text = "in Mansa town (Mansa district, Punjab) and in Homs, Hama and Idlib (north) today"

    def mention(name: str, nth: int = 0) -> Mention:
        start = -1
        for _ in range(nth + 1):
            start = text.index(name, start + 1)
        return Mention(start, start + len(name), name.lower(), None, True, "GPE")

    mentions = [
        mention("Mansa"),
        mention("Mansa district"),
        mention("Punjab"),
        mention("Homs"),
        mention("Hama"),
        mention("Idlib"),
    ]
    pairs = [(a.key, b.key) for a, b in _unit_pairs(text, mentions, default_rules())]
    assert ("mansa", "mansa district") in pairs  # across "town ("
    assert ("mansa district", "punjab") in pairs
    assert ("homs", "hama") in pairs  # "X, Y" is a candidate pair; resolution decides
    assert ("hama", "idlib") not in pairs  # "and" is no unit


def test_syrian_towns_are_found_in_their_english_spellings(pipeline):
    text = "On 21 March 2024, Turkish drones struck Ein Issa and Tal Tamr in northeast Syria."
    found = by_mention(run(pipeline, text).places)
    assert found["Ein Issa"].country_code == "SY" and found["Tal Tamr"].country_code == "SY"


def test_burmese_names_are_found_joined_as_well_as_apart(pipeline):
    text = "On 22 March 2024, students protested in Kyainseikgyi township (Kayin state), Myanmar."
    found = by_mention(run(pipeline, text).places)
    assert found["Kyainseikgyi"].country_code == "MM"


def test_a_city_written_with_its_district_is_the_event_location(pipeline):
    text = (
        "On 23 March 2024, in La Plata - Tolosa (Buenos Aires), nurses blocked the access to a "
        "hospital to protest against thefts, the Alejandro Korn union said."
    )
    event = first_event(run(pipeline, text))
    assert event.location == "La Plata"


def test_a_place_read_as_a_verb_is_still_a_place_in_a_place_frame(pipeline):
    # the tagger reads "Sagaing" as a verb (-ing); "in ... town" frames it as a place
    text = "On 24 March 2024, in Sagaing town (Sagaing region), soldiers arrested four women."
    found = by_mention(run(pipeline, text).places)
    assert found["Sagaing"].country_code == "MM"


def test_the_units_of_a_village_the_index_lacks_are_read_in_parentheses(pipeline):
    text = "On 25 March 2024, truck drivers blocked a road in Pinero (Santa Fe) over fuel prices."
    found = by_mention(run(pipeline, text).places)
    assert found["Santa Fe"].country_code == "AR"


def test_every_unit_in_a_parenthesised_list_after_an_unknown_village_counts(pipeline):
    text = "On 26 March 2024, militants burned a school in Doaligou (Diapangou, Gourma)."
    found = by_mention(run(pipeline, text).places)
    assert found["Gourma"].country_code == "BF"


def test_a_protests_motive_after_its_units_is_still_its_motive(pipeline):
    text = (
        "On 27 March 2024, traders held a protest rally in Gwadar city (Gwadar, Balochistan), "
        "against the decision to revoke the special status of Jammu."
    )
    event = first_event(run(pipeline, text))
    assert event.location == "Gwadar"


def test_a_countrys_own_name_is_the_country_not_a_village_so_called(pipeline):
    text = "Farmers in Dayton, Ohio, and Columbus, Ohio, said sanctions on Russia raised prices."
    found = by_mention(run(pipeline, text).places)
    assert found["Russia"].feature == "country"  # not Russia, Ohio (656 people)
    text = "Residents of Mexico, Missouri, held a vigil on Sunday."
    found = by_mention(run(pipeline, text).places)
    assert found["Mexico"].country_code == "US"  # written with its state: the town
