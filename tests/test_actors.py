"""The actor stage: dictionary aliases, acronyms, generic actors, user files."""

from __future__ import annotations

from pathlib import Path

import pytest

from conflictwire.actors import (
    ActorDictionary,
    ActorFileError,
    find_actors,
    focus_country,
    load_dictionary,
)
from conflictwire.models import Article, Place
from conflictwire.settings import Settings
from fakes import make_view


@pytest.fixture(scope="module")
def dictionary() -> ActorDictionary:
    return load_dictionary()


def article(text: str, *countries: str) -> Article:
    places = [
        Place(i, i + 1, "x", country_code=c, feature="country") for i, c in enumerate(countries)
    ]
    return Article(text=text, places=places, nlp=make_view(text))


def found(text: str, dictionary: ActorDictionary, *countries: str) -> list[tuple[str, str]]:
    return [
        (a.mention, a.actor)
        for a in find_actors(article(text, *countries), dictionary=dictionary).actors
    ]


def test_alias_matches_with_exact_offsets(dictionary: ActorDictionary) -> None:
    text = "Fighters of al-Shabaab attacked the base."
    actors = find_actors(article(text, "SO"), dictionary=dictionary).actors
    assert len(actors) == 1
    mention = actors[0]
    assert (mention.start, mention.end) == (12, 22)
    assert text[mention.start : mention.end] == mention.mention == "al-Shabaab"
    assert (mention.actor, mention.actor_type, mention.country_code) == (
        "Al Shabaab",
        "Rebel group",
        "SO",
    )


def test_acronym_is_case_sensitive(dictionary: ActorDictionary) -> None:
    assert found("IS fighters entered the town.", dictionary, "IQ") == [
        ("IS fighters", "Islamic State (Iraq)")
    ]
    assert found("Is this the end? It is.", dictionary, "IQ") == []
    assert found("The rsf said nothing.", dictionary, "SD") == []
    assert found("The RSF said nothing.", dictionary, "SD") == [("RSF", "Rapid Support Forces")]


def test_acronym_in_shouted_headline_is_not_a_name(dictionary: ActorDictionary) -> None:
    assert found("WHY IS THIS HAPPENING", dictionary, "IQ") == []


def test_longest_match_wins(dictionary: ActorDictionary) -> None:
    assert found("ISIS-K claimed the attack.", dictionary, "AF") == [
        ("ISIS-K", "Islamic State Khorasan Province")
    ]


def test_generic_actor_takes_country_from_demonym(dictionary: ActorDictionary) -> None:
    pairs = found("Iraqi police and Congolese troops met in Kenya.", dictionary, "KE")
    assert pairs == [
        ("Iraqi police", "Police Forces of Iraq"),
        ("Congolese troops", "Military Forces of the Democratic Republic of Congo"),
    ]


def test_generic_actor_takes_focus_country(dictionary: ActorDictionary) -> None:
    text = "Unidentified gunmen killed a farmer; government forces arrived later."
    assert found(text, dictionary, "NG") == [
        ("Unidentified gunmen", "Unidentified Armed Group (Nigeria)"),
        ("a farmer", "Civilians (Nigeria)"),
        ("government forces", "Military Forces of Nigeria"),
    ]


def test_demonym_after_pro_is_not_the_group_country(dictionary: ActorDictionary) -> None:
    assert found("pro-Russian rioters gathered.", dictionary, "BG") == [
        ("rioters", "Rioters (Bulgaria)")
    ]


def test_protest_with_residents_gives_protesters(dictionary: ActorDictionary) -> None:
    text = "A group of residents staged a demonstration."
    actors = {a for _, a in found(text, dictionary, "BO")}
    assert actors == {"Protesters (Bolivia)"}


def test_article_without_nlp_passes_through(dictionary: ActorDictionary) -> None:
    plain = Article(text="Les forces du RSF ont attaqué.", language="fr")
    assert find_actors(plain, dictionary=dictionary) is plain


def test_focus_country_weighs_countries_and_dateline() -> None:
    places = [
        Place(0, 5, "Aleppo", country_code="SY", feature="populated_place"),
        Place(10, 15, "Turkey", country_code="TR", feature="country"),
        Place(20, 25, "Homs", country_code="SY", feature="populated_place"),
    ]
    assert focus_country(Article(text="x" * 30, places=places)) == "SY"
    assert focus_country(Article(text="x")) is None


def test_user_file_is_merged_over_defaults(tmp_path: Path) -> None:
    user = tmp_path / "actors.yaml"
    user.write_text(
        "actors:\n"
        "  - name: Al Shabaab\n    type: Rebel group\n    country: SO\n    aliases: [the Youth]\n"
        "  - name: Test Brigade\n    type: Political militia\n    country: SY\n"
        "    aliases: [Test Brigade]\n",
        encoding="utf-8",
    )
    merged = load_dictionary(Settings(actors_file=str(user)))
    assert found("The Test Brigade and the Youth fought.", merged, "SO") == [
        ("Test Brigade", "Test Brigade"),
        ("the Youth", "Al Shabaab"),
    ]
    assert found("al-Shabaab fought.", merged, "SO") == []  # replaced, not extended
    assert merged.entry("Hamas Movement") is not None


def test_malformed_user_file_names_file_and_entry(tmp_path: Path) -> None:
    user = tmp_path / "bad.yaml"
    user.write_text(
        "actors:\n  - name: Good Group\n    type: Rebel group\n    country: SY\n"
        "  - name: Bad Group\n    type: Freedom fighters\n",
        encoding="utf-8",
    )
    with pytest.raises(ActorFileError, match=r"bad\.yaml, entry 2 \('Bad Group'\): 'type'"):
        ActorDictionary.load(user)


def test_missing_user_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ActorFileError, match="actors file not found"):
        ActorDictionary.load(tmp_path / "nope.yaml")


MAIN_GROUPS = {
    "SY": ["Syrian Democratic Forces", "Hayat Tahrir al-Sham", "Syrian army"],
    "IQ": ["Popular Mobilization Forces", "PKK", "Peshmerga"],
    "YE": ["Houthis", "Saudi-led coalition", "AQAP", "Southern Transitional Council"],
    "LY": ["Libyan National Army"],
    "SD": ["Rapid Support Forces", "Sudanese Armed Forces"],
    "SO": ["al-Shabab"],
    "ML": ["JNIM"],
    "BF": ["JNIM", "VDP"],
    "NE": ["Islamic State Sahel Province"],
    "NG": ["Boko Haram", "ISWAP"],
    "CD": ["M23", "ADF", "CODECO"],
    "ET": ["Fano", "Oromo Liberation Army"],
    "UA": ["Russian forces", "Ukrainian forces"],
    "PS": ["Hamas", "IDF"],
    "LB": ["Hezbollah"],
    "AF": ["Taliban", "ISKP"],
    "MM": ["Tatmadaw", "People's Defense Force", "Arakan Army"],
    "CO": ["ELN", "FARC dissidents"],
    "MX": ["CJNG", "Sinaloa Cartel"],
}


@pytest.mark.parametrize("country", sorted(MAIN_GROUPS))
def test_each_listed_country_has_its_main_groups(dictionary: ActorDictionary, country: str) -> None:
    for alias in MAIN_GROUPS[country]:
        pairs = found(f"On Monday {alias} attacked.", dictionary, country)
        assert [m for m, _ in pairs] == [alias], (country, alias, pairs)
        assert not pairs[0][1].startswith(("Civilians", "Unidentified")), pairs


def test_a_country_in_the_possessive_names_its_forces(dictionary: ActorDictionary) -> None:
    assert found("Sudan's army retook the town; U.S. drones struck it.", dictionary, "SD") == [
        ("Sudan's army", "Military Forces of Sudan"),
        ("U.S. drones", "Military Forces of the United States"),
    ]


def test_russias_air_arm_is_named_as_acled_names_it_in_each_war(
    dictionary: ActorDictionary,
) -> None:
    text = "Russian warplanes struck the market."
    assert found(text, dictionary, "SY") == [("Russian warplanes", "Military Forces of Russia")]
    assert found(text, dictionary, "UA") == [
        ("Russian warplanes", "Military Forces of Russia Air Force")
    ]
