"""Which of an article's places is an event's location, and its ACLED geo-precision."""

from __future__ import annotations

import pytest

from conflictwire.events.location import event_place, focus_place, geo_precision
from conflictwire.events.rules import default_rules
from conflictwire.models import Article, Place, Span
from conflictwire.places import with_place_forms
from fakes import make_view

US = {"country": "United States", "country_code": "US"}


def _place(text: str, mention: str, feature: str = "populated_place", nth: int = 0, **kw: object):
    start = -1
    for _ in range(nth + 1):
        start = text.index(mention, start + 1)
    fields: dict[str, object] = {
        "geonameid": 1,
        "name": mention,
        "country": "Syria",
        "country_code": "SY",
        "latitude": 35.0,
        "longitude": 36.0,
    }
    fields.update(kw)
    return Place(start, start + len(mention), mention, feature=feature, **fields)  # type: ignore[arg-type]


def _article(text: str, places: list[Place]) -> Article:
    article = Article(text=text, published="2022-06-10", places=places)
    article.nlp = make_view(text)
    return with_place_forms(article)


def _located(text: str, places: list[Place], trigger: str) -> str | None:
    """The event place's mention, for a trigger word in the article's sentences."""
    article = _article(text, places)
    assert article.nlp is not None
    start = text.index(trigger)
    sentences: list[Span] = list(article.nlp.sentences)
    place = event_place(article, sentences, (start, start + len(trigger)), default_rules())
    return f"{place.mention}@{place.start}" if place else None


def test_the_place_qualified_by_its_unit_wins():
    text = "Students protested at Skyline High School in Ann Arbor (Michigan)."
    places = [
        _place(text, "Skyline", admin1="Michigan", **US),
        _place(text, "Ann Arbor", admin1="Michigan", **US),
        _place(text, "Michigan", "admin1", admin1="Michigan", **US),
    ]
    assert _located(text, places, "protested") == f"Ann Arbor@{text.index('Ann')}"


def test_a_comma_unit_qualifies_too():
    text = "In Westport, Connecticut, residents protested against the closure of Bedford school."
    places = [
        _place(text, "Westport", admin1="Connecticut", **US),
        _place(text, "Connecticut", "admin1", admin1="Connecticut", **US),
        _place(text, "Bedford", admin1="Connecticut", **US),
    ]
    assert _located(text, places, "protested") == "Westport@3"


def test_a_town_before_its_province_of_the_same_name():
    text = "In Kharkiv (Kharkiv), Russian forces shelled houses."
    places = [
        _place(text, "Kharkiv", admin1="Kharkiv"),
        _place(text, "Kharkiv", "admin1", nth=1, admin1="Kharkiv"),
        _place(text, "Russian", "demonym"),
    ]
    assert _located(text, places, "shelled") == "Kharkiv@3"


def test_units_in_parentheses_are_not_the_location():
    text = "Civil society members protested in Talhar town (Badin, Sindh) against inflation."
    places = [
        _place(text, "Talhar", admin1="Sindh"),
        _place(text, "Badin", admin1="Sindh"),
        _place(text, "Sindh", "admin1", admin1="Sindh"),
    ]
    assert _located(text, places, "protested") == f"Talhar@{text.index('Talhar')}"


def test_a_town_before_a_district_and_never_a_demonym():
    text = "Syrian nurses demonstrated outside Emanuel Medical Center in Turlock."
    places = [
        _place(text, "Syrian", "demonym"),
        _place(text, "Emanuel", "admin2"),
        _place(text, "Turlock"),
    ]
    assert _located(text, places, "demonstrated") == f"Turlock@{text.index('Turlock')}"
    only_demonym = [places[0]]
    assert _located(text, only_demonym, "demonstrated") is None


def test_a_stray_place_abroad_loses_to_the_articles_country():
    text = "Hundreds rallied at Ogawa Plaza in Oakland. Police in California watched."
    places = [
        _place(text, "Ogawa", country="Japan", country_code="JP"),
        _place(text, "Oakland", admin1="California", **US),
        _place(text, "California", "admin1", admin1="California", **US),
    ]
    assert _located(text, places, "rallied") == f"Oakland@{text.index('Oakland')}"


def test_a_namesake_outside_the_named_province_loses():
    text = "In Benito Juarez, Nuevo Leon, a man was killed in Monterrey."
    places = [
        _place(text, "Benito Juarez", admin1="Quintana Roo", country="Mexico"),
        _place(text, "Nuevo Leon", "admin1", admin1="Nuevo Leon", country="Mexico"),
        _place(text, "Monterrey", admin1="Nuevo Leon", country="Mexico"),
    ]
    assert _located(text, places, "killed") == f"Monterrey@{text.index('Monterrey')}"
    places[0].admin1 = "Nuevo Leon"
    assert _located(text, places, "killed") == "Benito Juarez@3"


def test_a_country_in_the_trigger_sentence_does_not_beat_a_town_of_the_event():
    text = "People gathered in Sayama. They protested against violence in Japan."
    places = [
        _place(text, "Sayama", country="Japan"),
        _place(text, "Japan", "country", country="Japan"),
    ]
    assert _located(text, places, "protested") == "Sayama@19"


def test_focus_place_skips_demonyms_and_prefers_a_qualified_town():
    text = "Italian residents gathered. Later in Udine (Friuli), they marched."
    places = [
        _place(text, "Italian", "demonym", country="Italy"),
        _place(text, "Udine", admin1="Friuli", country="Italy"),
        _place(text, "Friuli", "admin1", admin1="Friuli", country="Italy"),
    ]
    place = focus_place(_article(text, places))
    assert place is not None and place.mention == "Udine"


@pytest.mark.parametrize(
    ("text", "mention", "feature", "precision"),
    [
        ("Troops shelled Idlib.", "Idlib", "populated_place", 1),
        ("Troops shelled positions near Idlib.", "Idlib", "populated_place", 2),
        ("Troops shelled the outskirts of Idlib.", "Idlib", "populated_place", 2),
        ("Troops shelled Ariha district, Idlib.", "Ariha", "populated_place", 2),
        ("Troops shelled Kafrnabl village.", "Kafrnabl", "unlisted", 2),
        ("Troops shelled Ariha district.", "Ariha district", "admin2", 2),
        ("Troops shelled Idlib province.", "Idlib", "admin1", 3),
        ("Troops shelled Syria.", "Syria", "country", 3),
    ],
)
def test_geo_precision(text: str, mention: str, feature: str, precision: int):
    place = _place(text, mention, feature)
    assert geo_precision(_article(text, [place]), place, default_rules()) == precision
