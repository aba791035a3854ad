"""Claims: stated distances checked against resolved places; populations, counts, durations."""

from __future__ import annotations

from conflictwire.claims import find_claims
from conflictwire.models import Article, Claim, Place


def place(text: str, mention: str, name: str, lat: float | None, lon: float | None, **kw) -> Place:
    at = text.index(mention)
    geonameid = kw.pop("geonameid", abs(hash(name)) % 10**6 if lat is not None else None)
    feature = kw.pop("feature", "populated_place")
    return Place(
        at, at + len(mention), mention, geonameid, name, feature, latitude=lat, longitude=lon
    )


def claims_of(text: str, places: list[Place], published: str | None = None) -> list[Claim]:
    found = find_claims(Article(text=text, places=places, published=published)).claims
    for claim in found:
        assert text[claim.start : claim.end] == claim.text
    return found


def distances(claims: list[Claim]) -> list[Claim]:
    return [c for c in claims if c.kind == "distance"]


def test_a_stated_distance_and_bearing_that_fit_the_map_are_consistent():
    text = "Fighting reached Marib city, some 120 kilometres east of Sanaa, on Friday."
    places = [
        place(text, "Marib", "Ma'rib", 15.4629, 45.3253),
        place(text, "Sanaa", "Sanaa", 15.3547, 44.2067),
    ]
    (claim,) = distances(claims_of(text, places))
    assert claim.text == "120 kilometres east of Sanaa"
    assert (claim.subject, claim.object) == ("Ma'rib", "Sanaa")
    assert claim.stated_km == 120 and claim.stated_bearing == "E"
    assert 110 < claim.measured_km < 130 and 80 < claim.measured_bearing < 100
    assert claim.verdict == "consistent"


def test_a_distance_in_miles_with_the_wrong_direction_is_inconsistent():
    # Kramatorsk lies about 160 km south-east of Kharkiv, not 30 miles north.
    text = "Kramatorsk, 30 miles north of Kharkiv, was shelled overnight."
    places = [
        place(text, "Kramatorsk", "Kramatorsk", 48.7230, 37.5563),
        place(text, "Kharkiv", "Kharkiv", 49.9808, 36.2527),
    ]
    (claim,) = distances(claims_of(text, places))
    assert claim.stated_km == 48.3 and claim.stated_bearing == "N"
    assert claim.measured_km > 150
    assert claim.verdict == "inconsistent"


def test_the_stated_direction_is_checked_too():
    text = "El Fasher, about 195 km north of Nyala, has been under siege since May."
    places = [
        place(text, "El Fasher", "Al Fashir", 13.6279, 25.3494),
        place(text, "Nyala", "Nyala", 12.0489, 24.8807),
    ]
    (claim,) = distances(claims_of(text, places))
    assert 170 < claim.measured_km < 200  # the distance fits…
    assert claim.verdict == "consistent"  # …and Al Fashir does lie north of Nyala
    text = text.replace("north", "south")
    (claim,) = distances(
        claims_of(
            text,
            [
                place(text, "El Fasher", "Al Fashir", 13.6279, 25.3494),
                place(text, "Nyala", "Nyala", 12.0489, 24.8807),
            ],
        )
    )
    assert claim.verdict == "inconsistent"


def test_a_distance_to_an_unresolved_place_is_unverifiable():
    text = "The camp at Tin Zaouatine lies 40 km from the village of Boughessa."
    places = [
        place(text, "Tin Zaouatine", "Tinzaouaten", 19.9666, 2.9666),
        place(text, "Boughessa", "Boughessa", None, None),
    ]
    (claim,) = distances(claims_of(text, places))
    assert claim.stated_km == 40 and claim.measured_km is None
    assert claim.verdict == "unverifiable"


def test_a_distance_to_a_border_or_an_area_is_unverifiable():
    text = "Rafah, 2 km from the border with Egypt, was struck. Gaza City, 30 km from Israel."
    places = [
        place(text, "Rafah", "Rafah", 31.2968, 34.2435),
        place(text, "Egypt", "Egypt", 27.0, 30.0, feature="country"),
        place(text, "Gaza City", "Gaza", 31.5017, 34.4668),
        place(text, "Israel", "Israel", 31.5, 34.75, feature="country"),
    ]
    first, second = distances(claims_of(text, places))
    assert first.object == "Egypt" and first.verdict == "unverifiable"
    assert second.object == "Israel" and second.verdict == "unverifiable"


def test_population_with_its_date():
    text = "Located in eastern Homs, Palmyra was home to some 51,000 people in 2010."
    places = [place(text, "Palmyra", "Tadmur", 34.56, 38.28)]
    (claim,) = [c for c in claims_of(text, places) if c.kind == "population"]
    assert claim.text == "home to some 51,000 people"
    assert (claim.subject, claim.value, claim.unit, claim.as_of) == (
        "Tadmur",
        51000,
        "people",
        "2010-01-01",
    )
    assert claim.verdict is None


def test_population_in_millions_and_residents():
    text = "Mandalay, a city of 1.5 million residents, lost power. Lashio has 130,000 inhabitants."
    places = [
        place(text, "Mandalay", "Mandalay", 21.97, 96.08),
        place(text, "Lashio", "Lashio", 22.93, 97.75),
    ]
    found = [c for c in claims_of(text, places) if c.kind == "population"]
    assert [(c.subject, c.value, c.unit) for c in found] == [
        ("Mandalay", 1_500_000, "residents"),
        ("Lashio", 130_000, "inhabitants"),
    ]


def test_counts():
    text = "More than 3,000 fighters and 40 trucks entered Goma, where twelve villages burned."
    places = [place(text, "Goma", "Goma", -1.68, 29.22)]
    found = [(c.value, c.unit) for c in claims_of(text, places) if c.kind == "count"]
    assert found == [(3000, "fighters"), (40, "trucks"), (12, "villages")]


def test_durations_stated_and_since_a_date():
    text = (
        "Deir al-Zour has been under siege for over four years. "
        "Al-Sukhnah was held by the group since it fell in May 2015. "
        "The three-day truce in Cauca ended."
    )
    found = [c for c in claims_of(text, [], published="2017-08-14") if c.kind == "duration"]
    assert [(c.text, c.value, c.unit, c.as_of) for c in found] == [
        ("for over four years", 4, "years", None),
        ("since it fell in May 2015", 27, "months", "2015-05-01"),
        ("three-day", 3, "days", None),
    ]
