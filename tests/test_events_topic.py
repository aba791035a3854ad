"""An article reports events only where its headline and lead speak of conflict
(data/events/senses.yaml, ``topic``); a note or a snippet is judged trigger by trigger; an event
dated over three years before publication is history. Texts we wrote, the fake NLP view."""

from __future__ import annotations

from conflictwire.events import code_events
from conflictwire.events.topic import headline_words, speaks_of_conflict
from conflictwire.models import Article
from conflictwire.places.written import with_place_forms
from fakes import make_view

LATE = "Gunmen killed five villagers and burned houses near the town of Gao."

CAMPAIGN = [
    "The senator opened her campaign office in Columbus on Monday.",
    "She promised lower taxes and better schools to a crowd of supporters.",
    "Her rival has raised more money in the state this year.",
    "Polls show the race is close in the suburbs.",
    "Both campaigns plan more visits before the primary.",
    LATE,
]

CONFLICT = [
    "The UN urged troops and rebels in the north to end the violence against civilians.",
    "Its envoy is expected in the capital next week.",
    "The governor asked for more food supplies.",
    "Aid agencies said roads to the area were closed.",
    "The governor asked for more food supplies.",
    LATE,
]


def _coded(sentences: list[str], title: str | None = None, published: str = "2022-06-10"):
    text = " ".join(sentences)
    article = Article(text=text, title=title, published=published)
    article.nlp = make_view(text, {"1994": "DATE"})
    return code_events(with_place_forms(article)).events


def test_an_article_whose_lead_is_not_about_conflict_reports_no_event():
    assert _coded(CAMPAIGN) == []


def test_a_conflict_articles_later_sentence_still_reports_its_event():
    late = len(" ".join(CONFLICT)) - len(LATE)
    events = _coded(CONFLICT)
    assert events and all(e.evidence.trigger and e.evidence.trigger[0] >= late for e in events)


def test_the_headline_counts_toward_the_lead():
    title = "Gunmen kill villagers as militants attack Gao"
    assert speaks_of_conflict([headline_words(title)])
    assert not speaks_of_conflict([headline_words("Senator opens campaign office in Columbus")])
    assert _coded(CAMPAIGN, title=title) != []


def test_a_lead_of_only_deaths_or_only_police_is_no_conflict():
    epidemic = "Cholera deaths rise in the capital as 40 more patients died this week"
    crime = "Police officers with weapons searched the home of a councillor"
    assert not speaks_of_conflict([headline_words(epidemic)])
    assert not speaks_of_conflict([headline_words(crime)])
    assert speaks_of_conflict([headline_words("Soldiers killed near the border")])
    assert speaks_of_conflict([headline_words("Peacekeepers complete withdrawal from last base")])


def test_a_note_is_judged_by_its_triggers_alone():
    assert [e.sub_event_type for e in _coded([LATE])] == ["Attack"]


def test_an_event_over_three_years_old_is_history():
    text = "Mortar attacks killed 68 people at the market in 1994."
    assert _coded([text], published="2025-04-05") == []
    assert _coded([text], published="1994-03-01") != []
