"""End to end event coding: the founding seed, and the sample corpus against its gold.

Real ingest, spaCy model, gazetteer and actor dictionary. The corpus floors are gates set a
little under what the current code measures (the figure is in the comment).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conflictwire.demo import sample_corpus
from conflictwire.evaluate.corpus import (
    corpus_articles,
    dated_by_gold,
    pair_with_gold,
    read_corpus_gold,
)
from conflictwire.ingest import iter_articles
from conflictwire.models import Article, Event
from conflictwire.pipeline import Pipeline
from conflictwire.settings import Settings

pytestmark = pytest.mark.e2e

SEED = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "000_94b7f26e35b82732.txt"
GOLD = Path(__file__).parent / "gold" / "sample_gold.jsonl"
AS_SUKHNAH = 172425
NO_EVENT_CEILING = 0.05  # events found per article the gold says has none (measured 0.0)
TYPE_FLOOR = 0.95  # share of gold articles whose first event type we match (measured 0.99)
SUB_TYPE_FLOOR = 0.90  # the same for the sub-event type (measured 0.93)

needs_seed = pytest.mark.skipif(
    not SEED.exists(), reason="shared/seeds is not beside this checkout"
)


@pytest.fixture(scope="module")
def seed() -> Article:
    settings = Settings(published="2017-08-14")
    articles = [a for a in iter_articles([str(SEED)], settings) if isinstance(a, Article)]
    (article,) = Pipeline(settings).run(articles)
    return article


def _span(article: Article, span: tuple[int, int] | None) -> str:
    assert span is not None
    return article.text[span[0] : span[1]]


def _one(article: Article, sub_type: str) -> Event:
    found = [e for e in article.events if e.sub_event_type == sub_type]
    assert len(found) == 1, [(e.sub_event_type, e.event_date) for e in article.events]
    return found[0]


@needs_seed
def test_seed_recapture_is_the_government_regaining_as_sukhnah(seed):
    event = seed.events[0]
    assert (event.event_type, event.sub_event_type) == ("Battles", "Government regains territory")
    assert event.geonameid == AS_SUKHNAH and event.location == "As Sukhnah"
    assert event.actor1 == "Military Forces of Syria" and event.inter1 == "State forces"
    assert event.actor2 is not None and event.actor2.startswith("Islamic State")
    assert "2017-08-07" <= (event.event_date or "") <= "2017-08-14"


@needs_seed
def test_seed_recapture_has_evidence_for_trigger_actors_and_place(seed):
    event = seed.events[0]
    ev = event.evidence
    assert "recapture" in _span(seed, ev.trigger).lower()
    assert "syrian" in _span(seed, ev.actor1).lower()
    assert _span(seed, ev.actor2) in ("Islamic State", "ISIS")
    assert "sukhnah" in _span(seed, ev.location).lower()


@needs_seed
def test_seed_fall_to_isis_in_may_2015_is_a_past_takeover(seed):
    event = _one(seed, "Non-state actor overtakes territory")
    assert event.event_type == "Battles" and event.geonameid == AS_SUKHNAH
    assert (event.event_date or "").startswith("2015-05") and event.time_precision == 3
    assert event.actor1 is not None and event.actor1.startswith("Islamic State")
    assert "fell" in _span(seed, event.evidence.trigger)


@needs_seed
def test_seed_pledge_to_march_on_is_not_a_protest_or_riot(seed):
    assert {e.event_type for e in seed.events} == {"Battles"}


@pytest.fixture(scope="module")
def corpus() -> list[tuple[dict, Article]]:
    """Each gold record with its article, processed as ``evaluate events`` does: a ``.txt``
    article gets the gold's publication date."""
    gold = read_corpus_gold(GOLD)
    root = sample_corpus()
    settings = Settings()
    articles = dated_by_gold(corpus_articles(root, settings), gold, root)
    pairs = list(pair_with_gold(Pipeline(settings).run(articles), gold, root))
    assert len(pairs) == len(gold)
    return pairs


def test_articles_without_events_yield_almost_none(corpus):
    quiet = [article for gold, article in corpus if not gold["events"]]
    assert len(quiet) >= 40  # appeals, markets, sport, recipes, culture, disasters, a French report
    found = sum(len(a.events) for a in quiet)
    assert found / len(quiet) <= NO_EVENT_CEILING, [
        (a.title, [e.sub_event_type for e in a.events]) for a in quiet if a.events
    ]


def test_event_types_match_the_gold_first_event(corpus):
    coded = [(gold["events"][0], article) for gold, article in corpus if gold["events"]]
    assert len(coded) >= 70
    first = [(g, a.events[0] if a.events else None) for g, a in coded]
    types = sum(e is not None and e.event_type == g["event_type"] for g, e in first)
    subs = sum(e is not None and e.sub_event_type == g["sub_event_type"] for g, e in first)
    wrong = [(g["sub_event_type"], e and e.sub_event_type) for g, e in first]
    assert types / len(coded) >= TYPE_FLOOR, wrong
    assert subs / len(coded) >= SUB_TYPE_FLOOR, wrong


@pytest.fixture(scope="module")
def coded():
    pipeline = Pipeline(Settings(published="2023-06-01"))

    def run(text: str, title: str | None = None) -> Article:
        (article,) = pipeline.run([Article(id="t", text=text, title=title)])
        return article

    return run


def test_the_victims_of_a_roadside_bomb_are_actor_2(coded):
    article = coded(
        "A roadside bomb killed three Iraqi soldiers near Daquq on Sunday, May 28, 2023, "
        "security officials said."
    )
    event = article.events[0]
    assert event.sub_event_type == "Remote explosive/landmine/IED"
    assert event.actor2 is not None and event.actor2.startswith("Military Forces of Iraq")
    assert event.actor1 is None or not event.actor1.startswith("Military Forces of Iraq")


def test_the_source_of_a_report_is_not_its_actor(coded):
    article = coded(
        "An air strike hit a market in Saada on Saturday, May 27, 2023, killing 11 civilians, "
        "Houthi health officials said."
    )
    event = article.events[0]
    assert event.sub_event_type == "Air/drone strike"
    assert "Supreme Political Council" not in (event.actor1 or "")


def test_a_battle_that_is_the_backdrop_does_not_type_the_bombing(coded):
    article = coded(
        "Suicide bombings at two markets in Baghdad killed at least 18 people on Sunday, May 28, "
        "2023, as Iraqi forces battle the Islamic State group in Mosul."
    )
    event = article.events[0]
    assert (event.sub_event_type, event.location, event.fatalities) == (
        "Suicide bomb",
        "Baghdad",
        18,
    )


def test_a_headline_toll_is_weighed_against_the_lead(coded):
    title = "Suicide bomber kills 13 at market in Iraq's Tarmiyah"
    lead = (
        "A suicide bomber blew himself up in a market in the town of Tarmiyah on Thursday, "
        "May 25, 2023, killing at least nine people and wounding 22, police said."
    )
    rest = " ".join(
        [
            "The attacker walked into the fruit section of the market.",
            "Shops were closed on Friday.",
            "A health official later put the toll at 13.",
            "Two of the dead were policemen.",
            "No group claimed the attack.",
        ]
    )
    article = coded(f"{title}\n\n{lead}\n\n{rest}", title=title)
    assert article.events[0].fatalities == 9  # ACLED takes the lower of conflicting tolls


def test_where_a_monitor_is_based_is_not_where_the_strike_was(coded):
    article = coded(
        "Air strikes killed at least 12 civilians in a village on Monday, May 29, 2023, the "
        "London-based Syrian Observatory for Human Rights said. The Islamic State of Iraq and "
        "the Levant claimed nothing."
    )
    event = article.events[0]
    assert event.sub_event_type == "Air/drone strike"
    assert event.location not in ("London", "Levant", "Uman")
