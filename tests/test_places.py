from conflictwire.models import Article
from conflictwire.places import locate_places
from fakes import make_view, syria_gazetteer


def places_of(text: str, entities: dict[str, str] | None = None) -> dict[str, int | None]:
    article = Article(text=text, nlp=make_view(text, entities))
    located = locate_places(article, gazetteer=syria_gazetteer())
    for p in located.places:
        assert text[p.start : p.end] == p.mention
    return {p.mention: p.geonameid for p in located.places}


def test_province_cue_picks_the_governorate_over_the_city():
    found = places_of("It was the last stronghold in the central province of Homs.")
    assert found == {"Homs": 169575}


def test_city_cue_picks_the_city():
    assert places_of("Shells fell on the city of Homs on Tuesday.") == {"Homs": 169577}


def test_admin_word_after_the_name_picks_the_governorate():
    assert places_of("Fighting spread across Hama province overnight.") == {"Hama": 170015}


def test_list_after_provinces_makes_each_name_a_province():
    text = "The road linked other provinces including Hama and Homs to the east."
    assert places_of(text) == {"Hama": 170015, "Homs": 169575}


def test_article_prefixed_arabic_name_is_found_with_its_prefix():
    text = "Troops advanced from al-Sukhnah in the central province of Homs."
    found = places_of(text, {"al-Sukhnah": "PERSON"})
    assert found["al-Sukhnah"] == 172425  # the Homs one, not its namesake near Damascus


def test_country_named_in_the_article_breaks_ties():
    found = places_of("Clashes broke out in Tripoli, in northern Lebanon, on Sunday.")
    assert found["Tripoli"] == 266826
    assert places_of("Clashes broke out in Tripoli on Sunday.")["Tripoli"] == 2210247


def test_name_inside_a_persons_name_is_not_a_place():
    text = "Coach Michael Jordan said the team would travel."
    assert places_of(text, {"Michael Jordan": "PERSON"}) == {}


def test_month_tagged_as_date_is_not_a_place():
    assert places_of("The town fell in March 2019.", {"March 2019": "DATE"}) == {}


def test_lowercase_word_is_not_a_place():
    assert places_of("Thousands will march on the capital.") == {}


def test_agency_acronym_is_not_the_city_but_the_city_is():
    text = "SANA reported the strike. Residents in Sanaa heard blasts."
    assert places_of(text, {"SANA": "ORG"}) == {"Sanaa": 71137}


def test_articles_without_an_nlp_view_pass_through():
    article = Article(text="Homs")
    assert locate_places(article, gazetteer=syria_gazetteer()) is article


def test_province_cue_finds_the_province_of_a_city_spelled_differently():
    text = "Supply lines to provinces including Hama and Deir al-Zour were cut."
    assert places_of(text)["Deir al-Zour"] == 170792


def test_stated_distance_picks_the_namesake_that_far_away():
    east_of_palmyra = places_of("Troops entered Sukhnah, about 70 km east of Palmyra.")
    assert east_of_palmyra["Sukhnah"] == 172425
    near_damascus = places_of("Troops entered Sukhnah, some 30 kilometres east of Damascus.")
    assert near_damascus["Sukhnah"] == 401672


def test_place_missing_from_the_index_is_located_by_its_unit():
    text = "Militants raided Mahin, a village in the central province of Homs."
    article = Article(text=text, nlp=make_view(text, {"Mahin": "GPE"}))
    found = {p.mention: p for p in locate_places(article, gazetteer=syria_gazetteer()).places}
    assert found["Mahin"].feature == "unlisted"
    assert found["Mahin"].geonameid == 169575  # located by Homs province, written after it
    assert found["Mahin"].score < found["Homs"].score


def test_name_and_its_unit_in_parentheses_are_read_together():
    found = places_of("Clashes were reported in Sukhnah (Homs) on Monday.")
    assert found == {"Sukhnah": 172425, "Homs": 169575}  # the governorate that contains it
