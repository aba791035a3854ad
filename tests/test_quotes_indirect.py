"""Indirect speech, speaker kinds and stance through the real pipeline (spaCy, gazetteer): short
texts written for these tests, and the sample corpus's issue-16 articles against their gold."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conflictwire.evaluate.gold import GoldDocument
from conflictwire.evaluate.quotes import score_quotes
from conflictwire.models import Article, Quote
from conflictwire.pipeline import Pipeline
from conflictwire.settings import Settings
from quote_texts import find_quote, run_texts

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "src" / "conflictwire" / "data" / "sample_corpus"
GOLD = ROOT / "tests" / "gold" / "sample_gold.jsonl"

TEXTS = {
    "reported": (
        "HOMS, Syria (Wire) - Government forces shelled the village of Talbiseh on Monday, "
        "killing four civilians, the Syrian Observatory for Human Rights said.\n\n"
        "A local doctor said two of the dead were children. He added that the clinic had run "
        "out of bandages.\n\n"
        "It was reported that several families had fled towards the north. The commander of "
        "the garrison is said to have ordered the shelling himself.\n\n"
        "According to activists in the town, the shelling lasted three hours.\n\n"
        "The governor said a witness told him the first shell hit a bakery."
    ),
    "denial": (
        "ADEN, Yemen (Wire) - A drone struck a military camp near Aden on Tuesday, killing "
        "three soldiers, the Yemeni army said.\n\n"
        "The Houthi movement denied carrying out the attack. It said the claim was an attempt "
        "to justify new air strikes.\n\n"
        "The army accused the Houthis of targeting the camp from Taiz. The ministry's statement "
        "that five drones were launched could not be verified.\n\n"
        "A spokesman for the army, Colonel Nabil Qasem, said the camp was rebuilt last year. "
        "The spokesman questioned the rebels' account."
    ),
    "attribution": (
        "KHARTOUM (Wire) - The ministry issued a statement saying the talks had “failed "
        "completely and will not resume”.\n\n"
        "“We will not leave our homes again,” a farmer said, according to Radio Dabanga.\n\n"
        "As the envoy Ahmed Salih put it, “nobody can win this war by force.”\n\n"
        "“The road to Kosti is open again,“ said Colonel Yasir Adam, the army's spokesman."
    ),
}


@pytest.fixture(scope="module")
def articles() -> dict[str, Article]:
    return run_texts(TEXTS)


def find(article: Article, start: str, direct: bool = False) -> Quote:
    return find_quote(article, start, direct=direct)


def test_reported_clause_after_the_lead_names_the_organisation(articles):
    quote = find(articles["reported"], "Government forces shelled the village")
    assert quote.speaker == "the Syrian Observatory for Human Rights"
    assert quote.speaker_type == "organisation"
    assert quote.cue == "said" and quote.event_index == 0 and quote.stance == "claims"


def test_unnamed_source_and_he_after_it(articles):
    doctor = find(articles["reported"], "two of the dead were children")
    assert (doctor.speaker, doctor.speaker_type) == ("A local doctor", "unnamed")
    added = find(articles["reported"], "the clinic had run out of bandages")
    assert added.speaker == "A local doctor" and added.cue == "added"


def test_passive_reports_have_no_source(articles):
    reported = find(articles["reported"], "several families had fled towards the north")
    assert reported.speaker is None and reported.cue == "reported"
    said_to = find(articles["reported"], "The commander of the garrison is said to have")
    assert said_to.speaker is None


def test_according_to(articles):
    quote = find(articles["reported"], "the shelling lasted three hours")
    assert quote.cue == "according to"
    assert quote.speaker == "activists in the town" and quote.speaker_type == "unnamed"


def test_nested_reporting_gives_the_inner_clause_its_own_speaker(articles):
    outer = find(articles["reported"], "a witness told him the first shell hit a bakery")
    assert outer.speaker == "The governor"
    inner = find(articles["reported"], "the first shell hit a bakery")
    assert inner.speaker == "a witness" and inner.cue == "told"


def test_denial_is_linked_to_the_event_with_its_stance(articles):
    article = articles["denial"]
    assert article.events
    denied = find(article, "carrying out the attack")
    assert denied.speaker == "The Houthi movement" and denied.speaker_type == "organisation"
    assert denied.stance == "denies" and denied.event_index == 0
    claimed = find(article, "A drone struck a military camp near Aden")
    assert claimed.speaker == "the Yemeni army" and claimed.stance == "claims"


def test_it_resolves_to_the_body_that_spoke_before(articles):
    quote = find(articles["denial"], "the claim was an attempt to justify new air strikes")
    assert quote.speaker == "The Houthi movement"
    assert quote.speaker_type == "organisation"


def test_accused_of_and_a_statement_that(articles):
    accused = find(articles["denial"], "targeting the camp from Taiz")
    assert accused.speaker == "The army" and accused.cue == "accused"
    statement = find(articles["denial"], "five drones were launched")
    assert statement.cue == "statement" and statement.speaker == "The ministry"


def test_spokesman_named_in_apposition_and_the_spokesman_later(articles):
    named = find(articles["denial"], "the camp was rebuilt last year")
    assert named.speaker == "Nabil Qasem" and named.speaker_type == "person"
    assert named.speaker_title == "spokesman" and named.speaker_affiliation == "army"
    later = find(articles["denial"], "the rebels' account")
    assert later.speaker == "Nabil Qasem" and later.stance == "disputes"


# -- the sample corpus's issue-16 articles ------------------------------------------------------


def _issue16_gold() -> list[dict]:
    lines = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines()]
    return [g for g in lines if any("speaker_type" in q for q in g["quotes"])]


@pytest.fixture(scope="module")
def corpus() -> list[tuple[dict, Article]]:
    gold = _issue16_gold()
    articles = []
    for g in gold:
        title, _, body = (CORPUS / g["origin"]).read_text(encoding="utf-8").partition("\n\n")
        articles.append(Article(text=f"{title}\n\n{body}", title=title, published=g["published"]))
    done = Pipeline(Settings()).run(articles)
    return list(zip(gold, done, strict=True))


def test_the_corpus_has_ten_articles_of_indirect_speech_denials_and_organisations(corpus):
    assert len(corpus) >= 10
    quotes = [q for g, _ in corpus for q in g["quotes"]]
    assert sum(q["speaker_type"] == "organisation" for q in quotes) >= 10
    assert sum(q["stance"] in ("denies", "disputes") for q in quotes) >= 5


def test_corpus_quotes_match_their_gold(corpus):
    wrong = []
    for gold, article in corpus:
        for expected in gold["quotes"]:
            found = [
                q
                for q in article.quotes
                if q.quote.startswith(expected["quote_contains"]) and q.direct == expected["direct"]
            ]
            got = [
                (q.speaker, q.speaker_type, q.speaker_title, q.speaker_affiliation, q.stance)
                for q in found
            ]
            want = tuple(
                expected[k]
                for k in ("speaker", "speaker_type", "speaker_title", "speaker_affiliation")
            )
            if want + (expected["stance"],) not in got:
                wrong.append(f"{gold['origin']}: {expected['quote_contains']!r} -> {got}")
    assert wrong == []


def test_evaluate_quotes_reports_indirect_precision_and_speaker_kinds(articles):
    """A PolNeAR-style gold line for the denial text: one indirect quotation of an organisation
    found, one of a person found, and one predicted quotation no gold line covers."""
    article = articles["denial"]
    text = article.text

    def gold_quote(content: str, speaker: str) -> dict:
        start, at = text.index(content), text.index(speaker)
        return {
            "quote_start": start,
            "quote_end": start + len(content),
            "speaker": speaker,
            "speaker_start": at,
            "speaker_end": at + len(speaker),
            "cue": "said",
            "direct": False,
        }

    gold = {
        "quotes": [
            gold_quote("carrying out the attack", "The Houthi movement"),
            gold_quote("the camp was rebuilt last year", "Colonel Nabil Qasem"),
        ]
    }
    document = GoldDocument(id="t", text=text, gold=gold)
    kept = run_texts({"t": text}, keep_nlp=True)["t"]
    summary = score_quotes([(document, kept)]).summary()
    assert summary["indirect_recall"] == 1.0
    indirect = [q for q in kept.quotes if not q.direct]
    assert summary["indirect_precision"] == round(2 / len(indirect), 4) < 1.0
    kinds = summary["speaker_accuracy_by_kind"]["indirect"]
    assert kinds["organisation"] == {"quotes": 1, "accuracy": 1.0}
    assert kinds["person"] == {"quotes": 1, "accuracy": 1.0}


# -- direct quotations: whose words -------------------------------------------------------------


def test_a_statement_speaks_for_whoever_issued_it(articles):
    quote = find(articles["attribution"], "failed completely", direct=True)
    assert quote.speaker == "The ministry" and quote.speaker_type == "organisation"


def test_according_to_on_the_speech_verb_names_the_source(articles):
    quote = find(articles["attribution"], "We will not leave our homes", direct=True)
    assert quote.speaker == "Radio Dabanga" and quote.cue == "according to"


def test_as_x_put_it_before_a_quotation(articles):
    quote = find(articles["attribution"], "nobody can win this war", direct=True)
    assert quote.speaker == "Ahmed Salih"


def test_a_misturned_closing_mark_still_closes(articles):
    quote = find(articles["attribution"], "The road to Kosti is open again", direct=True)
    assert quote.quote == "The road to Kosti is open again"
    assert quote.speaker == "Yasir Adam" and quote.speaker_title == "Colonel"
