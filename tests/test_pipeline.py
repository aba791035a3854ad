"""The pipeline: stages declare what they read and set, the order is checked when it is built,
and a pipeline can stop after a named stage."""

from dataclasses import replace

import pytest

from conflictwire.models import Article, Place
from conflictwire.pipeline import STAGES, Pipeline, Stage, StageOrderError, check_order
from conflictwire.settings import Settings


def stage(name: str) -> Stage:
    (found,) = [s for s in STAGES if s.name == name]
    return found


def test_the_built_in_order_passes_the_check():
    check_order(STAGES)
    assert [s.name for s in STAGES] == ["nlp", "places", "actors", "events", "quotes", "claims"]


def test_stages_declare_the_fields_their_code_reads():
    assert stage("nlp").assigns == ("nlp",)
    assert "places" in stage("actors").requires
    assert {"places", "actors"} <= set(stage("events").requires)
    assert "events" in stage("quotes").requires
    assert "places" in stage("claims").requires


def test_a_stage_before_the_one_it_reads_is_refused_naming_both():
    misordered = [stage("nlp"), stage("actors"), stage("places")]
    with pytest.raises(StageOrderError) as error:
        Pipeline(Settings(), stages=misordered)
    message = str(error.value)
    assert "'actors' requires 'places'" in message
    assert "stage 'places' assigns it, but runs later" in message


def test_a_field_that_no_stage_sets_is_refused():
    with pytest.raises(StageOrderError, match="'quotes' requires 'events', which no earlier"):
        check_order([stage("nlp"), stage("places"), stage("actors"), stage("quotes")])


def test_a_declared_name_that_is_not_an_article_field_is_refused():
    typo = Stage("tagger", lambda a, **_: a, requires=("sentences",))
    with pytest.raises(StageOrderError, match="'tagger' declares 'sentences'"):
        check_order([typo])


def test_an_unknown_stage_to_stop_after_lists_the_stages():
    with pytest.raises(StageOrderError, match="no stage named 'place'; the stages are nlp, places"):
        Pipeline(Settings(), until="place")


def test_until_keeps_the_stages_up_to_the_named_one():
    assert [s.name for s in Pipeline(Settings(), until="actors").stages] == [
        "nlp",
        "places",
        "actors",
    ]
    assert Pipeline(Settings()).stages == STAGES


def test_stages_run_in_order_over_hand_made_stages():
    def tag(article: Article, **_: object) -> Article:
        return replace(article, places=[Place(0, 4, article.text[:4])])

    def note(article: Article, **_: object) -> Article:
        return replace(article, warnings=[f"{len(article.places)} places"])

    stages = [
        Stage("tag", tag, requires=("text",), assigns=("places",)),
        Stage("note", note, requires=("places",), assigns=("warnings",)),
    ]
    out = list(
        Pipeline(Settings(), stages=stages).run([Article(text="Homs"), Article(text="Hama")])
    )
    assert [(a.places[0].mention, a.warnings) for a in out] == [
        ("Homs", ["1 places"]),
        ("Hama", ["1 places"]),
    ]


TEXT = (
    "Syrian army troops clashed with Islamic State fighters near Palmyra on Monday, "
    "killing 12 militants, a military source said."
)


@pytest.mark.e2e
def test_running_up_to_actors_gives_places_and_actors_but_no_events():
    article = Article(text=TEXT, language="en", published="2024-03-20")
    (partial,) = Pipeline(Settings(), until="actors").run([article], keep_nlp=True)
    (full,) = Pipeline(Settings()).run([article])
    assert "Palmyra" in [p.mention for p in partial.places]
    assert partial.actors and partial.places == full.places and partial.actors == full.actors
    assert partial.events == [] and partial.quotes == [] and partial.claims == []
    assert full.events  # the full pipeline codes the clash
    assert partial.nlp is not None and full.nlp is None  # the NLP view only where asked for
