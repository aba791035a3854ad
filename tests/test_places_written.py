"""How a place is written, as the place stage reads it once for the stages after it: the words
for kinds of place, the units written after a place, names and landmarks, the article's
country vote. Hand-made places on short texts we wrote."""

from __future__ import annotations

import pytest

from conflictwire.models import Article, Place
from conflictwire.places import with_place_forms
from conflictwire.places.country import CountryVote, top_country
from conflictwire.places.rules import default_rules
from conflictwire.places.words import PlaceWords, place_words
from fakes import make_view


def _place(text: str, mention: str, feature: str = "populated_place", **kw: object) -> Place:
    start = text.index(mention)
    fields: dict[str, object] = {"geonameid": hash(mention) % 10_000, "name": mention}
    fields.update(kw)
    return Place(start, start + len(mention), mention, feature=feature, **fields)  # type: ignore[arg-type]


def _forms(text: str, places: list[Place]) -> dict[str, object]:
    article = Article(text=text, places=places)
    article.nlp = make_view(text)
    view = with_place_forms(article).nlp
    assert view is not None
    return {p.mention: view.form_of(p.start, p.end) for p in places}


def test_every_role_and_level_has_words_and_the_place_rules_read_them():
    words = place_words()
    rules = default_rules()
    assert {"province", "provinces", "district", "countryside"} <= rules.admin_words
    assert {"town", "the", "capital"} & rules.settlement_words == {"town", "capital"}
    assert "kebele" in rules.unit_words and "kebele" in words.level("district")
    assert words.plurals("admin") >= {"provinces", "districts", "governorates"}
    assert "district" in words.role("unit_of") and "quarter" in words.role("unit_of")
    assert words.role("kind") == {"city", "town", "village"}


def test_an_unknown_role_or_level_is_an_error_naming_it():
    with pytest.raises(ValueError, match="'county seat'"):
        place_words().role("county seat")
    with pytest.raises(ValueError, match="unit_words.yaml: 'raion'"):
        PlaceWords.from_mapping({"words": {"raion": {"level": "oblast"}}})
    with pytest.raises(ValueError, match="unit_words.yaml: 'raion'"):
        PlaceWords.from_mapping({"words": {"raion": {"level": "district", "roles": ["seat"]}}})


def test_units_in_parentheses_qualify_the_place_before_them():
    text = "Clashes in Kutkai township (Muse district, Shan state) left two dead."
    places = [
        _place(text, "Kutkai", admin1="Shan", country="Myanmar"),
        _place(text, "Muse", "admin2", admin1="Shan", country="Myanmar"),
        _place(text, "Shan", "admin1", country="Myanmar"),
    ]
    forms = _forms(text, places)
    kutkai, muse, shan = (forms[m] for m in ("Kutkai", "Muse", "Shan"))
    assert kutkai.units == ((places[1].start, places[1].end), (places[2].start, places[2].end))
    assert kutkai.qualified and not kutkai.in_parentheses
    assert muse.in_parentheses and muse.unit_rank == 0 and shan.unit_rank == 1


def test_a_comma_unit_is_the_container_of_the_town_before_it():
    text = "Gunmen attacked a bus near Ensenada, Baja California, on Monday."
    places = [
        _place(text, "Ensenada", admin1="Baja California"),
        _place(text, "Baja California", "admin1"),
    ]
    forms = _forms(text, places)
    assert forms["Baja California"].container and forms["Ensenada"].qualified


def test_landmarks_bodies_and_datelines_are_read_once():
    text = (
        "TRIPOLI, Aug 16 (Wire) - Fighters clashed in Adwar, 10 miles (16 kilometers) south of "
        "Tikrit, near the Tikrit University campus."
    )
    places = [
        _place(text, "TRIPOLI"),
        _place(text, "Adwar"),
        _place(text, "Tikrit"),
    ]
    university = text.index("Tikrit University")
    places.append(Place(university, university + 6, "Tikrit", geonameid=1, name="Tikrit"))
    forms = _forms(text, places)
    assert forms["TRIPOLI"].dateline and not forms["Adwar"].dateline
    landmark = _forms(text, places[:3])["Tikrit"]
    assert landmark.anchor and not forms["Adwar"].anchor
    view = with_place_forms(Article(text=text, places=places, nlp=make_view(text))).nlp
    assert view is not None and view.form_of(university, university + 6).in_a_name


def test_a_direction_without_a_distance_marks_a_landmark_too():
    text = "Floods hit Saptari district, south of Kathmandu, on Friday."
    places = [_place(text, "Saptari", "admin2"), _place(text, "Kathmandu")]
    forms = _forms(text, places)
    assert forms["Kathmandu"].anchor and not forms["Saptari"].anchor


def test_the_country_vote_weighs_provinces_over_towns_and_leaves_out_a_name_of_its_own():
    vote = CountryVote()
    vote.add("idlib", "SY", "admin1")  # a province: 2
    vote.add("tripoli", "LB", "populated_place")  # a town: 1
    vote.add("syrian", "SY", "demonym")  # says who, not where
    assert vote.counts() == {"SY": 2, "LB": 1}
    assert top_country(vote.counts()) == "SY"
    assert top_country(vote.counts(excluding="idlib")) == "LB"


def test_as_resolution_context_a_demonym_counts_a_little():
    vote = CountryVote(default_rules().country_vote_in_context)
    vote.add("idlib", "SY", "admin1")
    vote.add("syrian", "SY", "demonym")
    assert vote.counts(excluding="idlib") == {"SY": pytest.approx(0.3)}


def test_ties_go_to_the_country_named_first():
    vote = CountryVote()
    vote.add("aden", "YE", "populated_place")
    vote.add("djibouti", "DJ", "populated_place")
    assert top_country(vote.counts()) == "YE"


def test_places_inside_a_body_s_name_do_not_vote():
    text = "Students of Alexandria University marched in Cairo, Egypt."
    places = [
        _place(text, "Alexandria", country_code="US", country="United States"),
        _place(text, "Cairo", country_code="EG", country="Egypt"),
    ]
    article = with_place_forms(Article(text=text, places=places, nlp=make_view(text)))
    assert article.nlp is not None and article.nlp.country_votes == {"EG": 1}
