"""The event coder on short articles written for these tests (fake NLP view, hand-made places)."""

from __future__ import annotations

import pytest

from conflictwire.events import code_events
from conflictwire.events.rules import default_rules, stem
from conflictwire.events.triggers import find_triggers
from conflictwire.models import ActorMention, Article, Event, Place
from conflictwire.places import with_place_forms
from fakes import make_view


def _article(text: str, places: list[Place] | None = None, dates: tuple[str, ...] = ()) -> Article:
    article = Article(text=text, published="2022-06-10", places=places or [])
    article.nlp = make_view(text, {d: "DATE" for d in dates})
    return with_place_forms(article)


def _place(text: str, mention: str, feature: str = "populated_place", **kw: object) -> Place:
    start = text.index(mention)
    return Place(
        start,
        start + len(mention),
        mention,
        geonameid=1,
        name=mention,
        feature=feature,
        country_code="SY",
        country="Syria",
        latitude=35.0,
        longitude=36.0,
        **kw,  # type: ignore[arg-type]
    )


def _first(text: str, **kw: object) -> Event:
    events = code_events(_article(text, **kw)).events  # type: ignore[arg-type]
    assert events, text
    return events[0]


@pytest.mark.parametrize(
    ("text", "event_type", "sub_type"),
    [
        ("On 3 May 2022, Syrian troops clashed with rebels near Idlib.", "Battles", "Armed clash"),
        (
            "Russian warplanes carried out air strikes on Idlib on Monday.",
            "Explosions/Remote violence",
            "Air/drone strike",
        ),
        (
            "Government forces shelled the village of Kafr Nabl.",
            "Explosions/Remote violence",
            "Shelling/artillery/missile attack",
        ),
        (
            "A roadside bomb hit a bus in Daraa.",
            "Explosions/Remote violence",
            "Remote explosive/landmine/IED",
        ),
        (
            "Resistance fighters carried out a mine attack on an army convoy near Myinmu.",
            "Explosions/Remote violence",
            "Remote explosive/landmine/IED",
        ),
        (
            "The army said it regains all territory around Rutshuru from M23.",
            "Battles",
            "Government regains territory",
        ),
        (
            "Gunmen took away the head of the rescue squad in Enerhodar.",
            "Violence against civilians",
            "Abduction/forced disappearance",
        ),
        (
            "A shepherd was hit by an anti-personnel mine near Tartar.",
            "Explosions/Remote violence",
            "Remote explosive/landmine/IED",
        ),
        (
            "Monitors recorded 25 bursts of fire near Avdiivka.",
            "Battles",
            "Armed clash",
        ),
        (
            "A suicide bomber blew himself up at a market in Mogadishu.",
            "Explosions/Remote violence",
            "Suicide bomb",
        ),
        ("Gunmen shot dead two farmers in Zamfara.", "Violence against civilians", "Attack"),
        (
            "Bandits kidnapped 20 students in Kaduna.",
            "Violence against civilians",
            "Abduction/forced disappearance",
        ),
        (
            "Hundreds of residents staged a demonstration in Khartoum.",
            "Protests",
            "Peaceful protest",
        ),
        (
            "Students protested in Yangon. Police dispersed them with tear gas.",
            "Protests",
            "Protest with intervention",
        ),
        ("Protesters threw stones at police in Bogota.", "Riots", "Violent demonstration"),
        ("A mob lynched a suspected thief in Kano.", "Riots", "Mob violence"),
        ("Police arrested a journalist in Sanaa.", "Strategic developments", "Arrests"),
        (
            "Militants looted shops in Gao.",
            "Strategic developments",
            "Looting/property destruction",
        ),
        (
            "Army engineers defused an explosive device in Mosul.",
            "Strategic developments",
            "Disrupted weapons use",
        ),
        (
            "The two sides signed a ceasefire agreement in Juba.",
            "Strategic developments",
            "Agreement",
        ),
        (
            "Security forces opened fire on protesters in Mandalay, killing three.",
            "Protests",
            "Excessive force against protesters",
        ),
        (
            "Fighters withdrew from the town without a fight.",
            "Strategic developments",
            "Non-violent transfer of territory",
        ),
        (
            "Police seized seven rifles and 200 rounds of ammunition in Ambon.",
            "Strategic developments",
            "Disrupted weapons use",
        ),
        (
            "Turkish forces set up a new observation post near Atarib.",
            "Strategic developments",
            "Headquarters or base established",
        ),
        (
            "Two civilians were hurt when a grenade exploded near a market in Baidoa.",
            "Explosions/Remote violence",
            "Grenade",
        ),
        (
            "Militants fired shells filled with poison gas at the village of Talmenes.",
            "Explosions/Remote violence",
            "Chemical weapon",
        ),
        (
            "Soldiers violently suppressed a peaceful protest in Bethlehem.",
            "Protests",
            "Excessive force against protesters",
        ),
        (
            "Police suppressed a peaceful march of teachers in Goma.",
            "Protests",
            "Protest with intervention",
        ),
        (
            "A protester threw a Molotov cocktail at police during a demonstration in Santiago.",
            "Riots",
            "Violent demonstration",
        ),
    ],
)
def test_each_event_type_is_coded(text: str, event_type: str, sub_type: str) -> None:
    event = _first(text)
    assert (event.event_type, event.sub_event_type) == (event_type, sub_type)


def test_a_battle_absorbs_the_shelling_in_it() -> None:
    event = _first("Syrian troops clashed with rebels and shelled their positions near Hama.")
    assert event.sub_event_type == "Armed clash"


def test_protesters_clashing_with_police_make_a_riot() -> None:
    event = _first("Demonstrators clashed with police in Bogota.")
    assert event.sub_event_type == "Violent demonstration"


def test_an_attack_on_soldiers_is_a_battle() -> None:
    event = _first("Gunmen attacked and killed two soldiers in Borno.")
    assert event.event_type == "Battles"


def test_a_protest_against_a_killing_stays_a_protest() -> None:
    event = _first("Residents protested against the killing of a teacher in Kaduna.")
    assert event.sub_event_type == "Peaceful protest"
    assert event.fatalities == 0


def test_recapture_by_state_forces_regains_territory() -> None:
    text = "The Syrian army recaptured al-Qaryatayn from Islamic State."
    article = _article(text, places=[_place(text, "al-Qaryatayn")])
    article.actors = [
        ActorMention(4, 15, "Syrian army", "Military Forces of Syria", "State forces", "SY"),
        ActorMention(44, 58, "Islamic State", "Islamic State", "Rebel group", None),
    ]
    event = code_events(article).events[0]
    assert event.sub_event_type == "Government regains territory"
    assert event.actor1 == "Military Forces of Syria"
    assert event.actor2 == "Islamic State"
    assert event.interaction == "State forces-Rebel group"


@pytest.mark.parametrize(
    "text",
    [
        "The foreign minister met his Turkish counterpart in Ankara to discuss trade and tourism.",
        "Inflation rose to 12 percent in March, and the central bank raised interest rates.",
        "The rebels threatened to attack the city if talks fail.",
        "The army denied that it shelled the village.",
        "Officials said the group could launch air strikes next week.",
    ],
)
def test_non_events_and_unreal_events_are_not_coded(text: str) -> None:
    assert code_events(_article(text)).events == []


def test_in_an_article_the_first_sentence_names_the_main_events_type() -> None:
    lead = "Rockets hit a police station in Kirkuk on Sunday."
    later = "Witnesses said gunmen had tried to storm the building before the fighting."
    filler = [
        "Officials gave no toll.",
        "The station was closed.",
        "Roads were shut.",
        "Schools stayed open.",
        "Markets reopened on Monday.",
    ]
    assert _first(" ".join([lead, later, *filler])).sub_event_type == (
        "Shelling/artillery/missile attack"
    )
    # a note (five sentences or fewer) is one event throughout: the battle absorbs the rockets
    assert _first(" ".join([lead, later])).sub_event_type == "Armed clash"


def test_civilians_are_never_the_perpetrators_of_political_violence() -> None:
    text = "Civilians were killed when shelling hit the market in Kafr Nabl."
    article = _article(text, places=[_place(text, "Kafr Nabl")])
    article.actors = [ActorMention(0, 9, "Civilians", "Civilians (Syria)", "Civilians", "SY")]
    event = code_events(article).events[0]
    assert event.actor1 is not None and not event.actor1.startswith("Civilians")
    assert event.actor2 == "Civilians (Syria)"


def test_a_past_event_with_its_own_date_is_a_separate_later_event() -> None:
    text = (
        "On 2 June 2022, Syrian troops clashed with Islamic State fighters near Palmyra. "
        "The town had fallen to Islamic State fighters in May 2020 after heavy fighting."
    )
    events = code_events(_article(text, dates=("2 June 2022", "May 2020"))).events
    assert [e.event_date for e in events] == ["2022-06-02", "2020-05-15"]
    assert events[1].time_precision == 3


def test_follow_up_sentences_join_the_lead_event() -> None:
    text = "Rebels clashed with troops in Homs on 4 June 2022. The fighting lasted two hours."
    assert len(code_events(_article(text)).events) == 1


def test_evidence_spans_point_at_their_values() -> None:
    text = "On 8 June 2022, gunmen killed five villagers in Zamfara."
    article = _article(text, places=[_place(text, "Zamfara")], dates=("8 June 2022",))
    event = code_events(article).events[0]
    ev = event.evidence
    assert ev.trigger and "killed" in text[ev.trigger[0] : ev.trigger[1]]
    assert ev.date and text[ev.date[0] : ev.date[1]] == "8 June 2022"
    assert ev.location and text[ev.location[0] : ev.location[1]] == "Zamfara"
    assert ev.sentence == (0, len(text))
    assert event.event_date == "2022-06-08"
    assert event.location == "Zamfara" and event.geo_precision == 1
    assert event.fatalities == 5 and ev.fatalities is not None
    assert event.civilian_targeting


def test_the_town_is_preferred_over_its_province() -> None:
    text = "On 21 April 2022, people staged a protest in Mahiyanganaya (Uva) over prices."
    places = [_place(text, "Mahiyanganaya"), _place(text, "Uva", feature="admin1")]
    event = code_events(_article(text, places=places)).events[0]
    assert event.location == "Mahiyanganaya"
    assert event.actor1 == "Protesters (Syria)"


def test_an_article_without_nlp_passes_through() -> None:
    article = Article(text="Troops clashed with rebels.")
    assert code_events(article) is article


def test_every_sub_type_has_triggers_and_tables() -> None:
    rules = default_rules()
    assert len(rules.ontology.sub_types) == 25
    assert all(rules.strong[name] for name in rules.strong)
    assert stem("clashed") == stem("clashes") == stem("clash")


def test_a_trigger_in_a_quoted_term_is_weak_evidence_of_the_type() -> None:
    rules = default_rules()
    quoted = 'The army said it sent soldiers after reports of a "violent confrontation" there.'
    plain = "The army said it sent soldiers after a violent confrontation there."
    for text, strong in ((quoted, False), (plain, True)):
        view = make_view(text)
        hits = find_triggers(view, text, view.sentences[0], rules)
        assert [(h.sub_type, h.strong) for h in hits] == [("Armed clash", strong)], text


def test_a_quoted_term_does_not_retype_the_event_it_describes() -> None:
    text = (
        "Settlers attacked homes and shot dead a man in the village on Saturday. The army said "
        'soldiers were sent after reports of a "violent confrontation".'
    )
    (event,) = code_events(_article(text)).events
    assert event.sub_event_type == "Attack"


def test_an_event_placed_only_at_a_country_moves_to_the_province_the_article_names() -> None:
    text = "Gunmen shot dead two drivers in Syria on Monday. Medics in Aleppo said the road closed."
    syria = _place(text, "Syria", feature="country", admin1=None)
    aleppo = _place(text, "Aleppo", admin1="Aleppo")
    event = _first(text, places=[syria, aleppo])
    assert event.location == "Aleppo" and event.admin1 == "Aleppo"


def test_a_toll_with_its_own_date_in_a_later_sentence_is_not_the_events() -> None:
    text = (
        "On 8 June 2022, gunmen abducted a farmer in Kafr Nabl. "
        "At least 40 people died in the town in April."
    )
    event = _first(text, dates=("8 June 2022", "April"))
    assert event.sub_event_type == "Abduction/forced disappearance"
    assert event.fatalities == 0


def test_crowds_are_named_with_acleds_country_names() -> None:
    text = "Rioters torched a police station in Beni on Monday."
    beni = _place(text, "Beni")
    beni.country_code, beni.country = "CD", "Democratic Republic of the Congo"
    article = _article(text, places=[beni])
    article.actors = [ActorMention(0, 7, "Rioters", "Rioters", "Rioters", "CD")]
    event = code_events(article).events[0]
    assert event.actor1 == "Rioters (Democratic Republic of Congo)"
