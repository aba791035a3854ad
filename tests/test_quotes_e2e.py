"""Quotes and claims through the real pipeline (spaCy, gazetteer) on short articles written for
these tests."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from conflictwire.cli import main
from conflictwire.models import Article, Quote
from conflictwire.pipeline import Pipeline
from conflictwire.settings import Settings

pytestmark = pytest.mark.e2e

YEMEN = """\
SANAA, March 3 (Wire) - Yemen's Houthi movement said on Sunday it had struck an oil depot in \
Jizan with drones, the third such attack this month.

"Our forces targeted the Aramco facilities in Jizan with six drones, and the hits were \
accurate," said Brigadier General Yahya Saree, the group's military spokesman, in a televised \
statement.

Saree warned that further strikes would follow. "The operations will continue as long as the \
aggression and the siege continue," he said.

Residents of Jizan said they heard two loud explosions before dawn.

Marib, about 120 kilometres east of Sanaa, has been contested for over three years.
"""

UKRAINE = """\
Ukrainian troops repelled a Russian assault near Pokrovsk on Tuesday, the General Staff said.

Colonel Oleksandr Shtupun, a spokesman for Ukraine's southern forces, told reporters: “The \
enemy lost eleven armoured vehicles in one morning.

“They keep attacking in small groups.”

Shtupun added that Russian forces had used glide bombs against Kurakhove, 30 miles north of \
Pokrovsk. Kramatorsk, 300 km west of Pokrovsk, was quiet.
"""


@pytest.fixture(scope="module")
def articles() -> dict[str, Article]:
    settings = Settings(published="2024-03-04")
    texts = {"yemen": YEMEN, "ukraine": UKRAINE}
    done = Pipeline(settings).run(Article(text=t, published="2024-03-04") for t in texts.values())
    return dict(zip(texts, done, strict=True))


def test_offsets_point_at_quotes_and_speakers(articles):
    for article in articles.values():
        assert article.quotes
        for q in article.quotes:
            assert article.text[q.start : q.end] == q.quote
            if q.speaker_start is not None:
                assert article.text[q.speaker_start : q.speaker_end] == q.speaker


def test_inverted_attribution_with_rank_and_a_pronoun_later(articles):
    quotes = [q for q in articles["yemen"].quotes if q.direct]
    assert [q.speaker for q in quotes] == ["Yahya Saree", "Yahya Saree"]
    assert all(q.speaker_title == "Brigadier General" for q in quotes)
    assert [q.cue for q in quotes] == ["said", "said"]
    assert quotes[0].event_index is not None  # it names Jizan, where the strike was


def test_indirect_speech_and_unnamed_sources(articles):
    indirect = {q.quote: q for q in articles["yemen"].quotes if not q.direct}
    assert indirect["further strikes would follow"].speaker == "Yahya Saree"
    residents = indirect["they heard two loud explosions before dawn"]
    assert residents.speaker == "Residents of Jizan"


def test_a_quotation_over_two_paragraphs_with_a_colon_attribution(articles):
    first, second = [q for q in articles["ukraine"].quotes if q.direct]
    assert first.quote == "The enemy lost eleven armoured vehicles in one morning."
    assert second.quote == "They keep attacking in small groups."
    for quote in (first, second):
        assert quote.speaker == "Oleksandr Shtupun"
        assert quote.speaker_title == "Colonel"
        assert quote.speaker_affiliation == "Ukraine's southern forces"
        assert quote.cue == "told"


def test_distances_checked_against_the_gazetteer(articles):
    (marib,) = [c for c in articles["yemen"].claims if c.kind == "distance"]
    assert (marib.object, marib.stated_bearing, marib.verdict) == ("Sanaa", "E", "consistent")
    assert abs(marib.measured_km - 120) < 10
    ukraine = {c.text: c for c in articles["ukraine"].claims if c.kind == "distance"}
    # Kurakhove is not among the gazetteer's places: nothing to measure.
    assert ukraine["30 miles north of Pokrovsk"].verdict == "unverifiable"
    # Kramatorsk lies about 60 km north-east of Pokrovsk, not 300 km west.
    kramatorsk = ukraine["300 km west of Pokrovsk"]
    assert kramatorsk.subject == "Kramatorsk" and kramatorsk.verdict == "inconsistent"


def test_durations_and_counts(articles):
    claims = {(c.kind, c.text): c for c in articles["yemen"].claims}
    assert claims[("duration", "for over three years")].value == 3
    assert claims[("count", "six drones")].unit == "drones"


def test_readme_quote_and_claim_example_is_what_extract_prints():
    root = Path(__file__).resolve().parents[1]
    section = (root / "README.md").read_text(encoding="utf-8").split("## Quotes and claims")[1]
    command = re.search(r"conflictwire extract (\S+)", section)
    shown = json.loads(re.search(r"```json\n(.*?)```", section, flags=re.S).group(1))
    assert command is not None
    result = CliRunner().invoke(
        main, ["extract", str(root / command.group(1)), "--published", "2017-10-22"]
    )
    record = json.loads(result.stdout)
    distances = [c for c in record["claims"] if c["kind"] == "distance"]
    quote = {k: v for k, v in record["quotes"][0].items() if k != "event_index"}
    assert shown == {"quote": quote, "claim": distances[0]}


ATTRIBUTION = {
    "sudan": """\
The Rapid Support Forces shelled El Fasher again on Monday, residents said.

"The hospital has no fuel left for the generators," Dr. Amira Osman, a surgeon with Medecins \
Sans Frontieres who has worked in the city since May, told reporters on Monday.

"Nothing the army promised has reached the camp," the Sudanese doctor said.

Dr. Osman was asked by a journalist whether the wards were still open: "Can you still take the \
wounded?"
""",
    "yemen": """\
The Houthi movement said it had targeted a ship in the Red Sea.

Yahya Saree ended his televised address by saying, "Our operations will not stop until the siege \
is lifted."

The crowd chanted "Death to America" as he spoke.
""",
    "myanmar": """\
Fighting continued around Lashio on Tuesday.

Rebel commander Zaw Min said the junta was losing ground, although its generals said otherwise. \
"They have no soldiers left to send."

Zaw Min said the villagers call the airstrikes "the punishment from the sky."
""",
    "gaza": """\
Israeli strikes hit Rafah overnight, the Gaza health ministry said.

Hamas official Basem Naim said after meeting Egyptian intelligence chief Hassan Rashad in Cairo \
that the talks would go on.

"There is no deal without a full withdrawal," he said.
""",
    "colombia": """\
Colombian police said a car bomb exploded in Jamundi on Sunday.

"We will not let terror win in the Cauca valley," Jamundi mayor Paola Castillo, who visited the \
site on Sunday afternoon, told local radio.
""",
}


@pytest.fixture(scope="module")
def attributed() -> dict[str, list[Quote]]:
    settings = Settings(published="2024-03-04")
    texts = ATTRIBUTION.values()
    done = Pipeline(settings).run(Article(text=t, published="2024-03-04") for t in texts)
    speakers = {}
    for name, article in zip(ATTRIBUTION, done, strict=True):
        for q in article.quotes:
            assert article.text[q.start : q.end] == q.quote
            if q.speaker_start is not None:
                assert article.text[q.speaker_start : q.speaker_end] == q.speaker
        speakers[name] = [q for q in article.quotes if q.direct]
    return speakers


def speaker_of(found: list[Quote], opening: str) -> str | None:
    return next(q.speaker for q in found if q.quote.startswith(opening))


def test_a_long_appositive_and_a_misparsed_subject_after_the_quotation(attributed):
    sudan = attributed["sudan"]
    assert speaker_of(sudan, "The hospital") == "Amira Osman"
    assert speaker_of(sudan, "Nothing the army") == "the Sudanese doctor"


def test_a_passive_speech_verb_is_said_by_its_agent(attributed):
    assert speaker_of(attributed["sudan"], "Can you still") == "a journalist"


def test_by_saying_takes_the_subject_of_the_verb_above(attributed):
    assert speaker_of(attributed["yemen"], "Our operations") == "Yahya Saree"


def test_chanted_is_a_speech_verb(attributed):
    assert speaker_of(attributed["yemen"], "Death to America") == "The crowd"


def test_a_quotation_after_a_sentence_takes_its_main_speaker(attributed):
    myanmar = attributed["myanmar"]
    assert speaker_of(myanmar, "They have no soldiers") == "Zaw Min"  # not "its generals"
    assert speaker_of(myanmar, "the punishment") == "Zaw Min"  # the outer speaker, as PolNeAR


def test_he_is_the_person_last_named_as_a_subject(attributed):
    assert speaker_of(attributed["gaza"], "There is no deal") == "Basem Naim"  # not Rashad


def test_a_titled_name_is_a_person_whatever_its_entity_label(attributed):
    (quote,) = attributed["colombia"]  # "Paola Castillo" is read as an ORG
    assert quote.speaker == "Paola Castillo"
    assert quote.speaker_title == "mayor"
    assert quote.speaker_affiliation == "Jamundi"
