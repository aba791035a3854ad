"""Fuzz extraction end to end: small hostile texts through the real pipeline (spaCy model,
gazetteer, every stage). No stage raises, records are schema-valid and every offset lies within
the text (Hypothesis; profiles in fuzz_profiles.py). Slow: few examples, the model loaded once."""

from __future__ import annotations

import io
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conflictwire.ingest import iter_articles
from conflictwire.pipeline import Pipeline
from conflictwire.settings import Settings
from fuzz_inputs import NEWS, ODD, any_text, check_items, check_record
from fuzz_profiles import examples

pytestmark = pytest.mark.e2e

# What makes the stages work hard: lists of places, numbers and tolls of every size, quotes
# left open, dates far from publication, actors' names.
HARD = (
    "Aleppo, Homs, Hama, Idlib, Raqqa, Deir ez-Zor, Daraa and Latakia",
    "killing 10000000000000000000 people", "at least 0 dead", "dozens were wounded",
    '"They came at dawn', "he said.\"", "99999 years ago", "on 31 February 9999",
    "Islamic State of Iraq and the Levant", "the Rapid Support Forces (RSF)",
    "Wagner Group", "Hamas", "Tatmadaw", "near the village of", "(Kharkiv Oblast, Ukraine)",
    "50 km north of Mosul", "3 km", "Mr.", "...", "\n\n",
)  # fmt: skip
texts = st.lists(
    st.one_of(
        st.sampled_from(NEWS), st.sampled_from(NEWS), st.sampled_from(HARD),
        st.sampled_from(ODD), any_text,
    ),
    min_size=1,
    max_size=10,
).map(" ".join)  # fmt: skip
published = st.one_of(
    st.none(),
    st.sampled_from(("2023-03-07", "0001-01-01", "9999-12-31", "1800-01-01", "2199-12-31")),
    st.dates().map(lambda d: d.isoformat()),
)


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline(Settings())


@examples(ci=25, long=5_000)
@given(text=texts, day=published)
def test_any_small_text_through_the_pipeline(pipeline: Pipeline, text: str, day: str | None):
    record = {"text": text, "published": day, "title": text[:40]}
    data = json.dumps(record).encode("utf-8")
    items = list(iter_articles(["-"], pipeline.settings, stdin=io.BytesIO(data)))
    articles = check_items(items)
    for article in pipeline.run(articles):  # no failure handler: any stage's error is raised
        check_record(article.to_dict())
