"""Who speaks: newsletter labels, transcripts, documents that "read", a clause that introduces
a quotation, a subject the parse hung on the headline, and the scorer's swapped gold records.
Short texts written for these tests, through the real pipeline (spaCy, gazetteer)."""

from __future__ import annotations

import pytest

from conflictwire.evaluate.gold import GoldDocument
from conflictwire.evaluate.quotes import score_quotes, swapped
from conflictwire.models import Article, Quote
from quote_texts import find_quote, run_texts

pytestmark = pytest.mark.e2e

TEXTS = {
    "newsletter": (
        "Morning Brief: the ceasefire talks.\n\n"
        "TALKS STALL OVER PRISONER LISTS - Amina Yusuf and Tomas Brandt: “The two delegations "
        "spent the whole day on the prisoner lists and never reached the maps.”\n\n"
        "What the monitors found - More from the report: “Shelling near the river crossings "
        "fell by half in the first week of the truce.”"
    ),
    "transcript": (
        "Defence Minister Rafael Ortega spoke to the presenter Lucia Marquez on Sunday.\n\n"
        '"MARQUEZ: Will the army withdraw from the border villages this month?\n\n'
        '"ORTEGA: We will pull back two brigades once the observers arrive.\n\n'
        '"HOST: We have to leave it there for today."'
    ),
    "documents": (
        "The rebel council posted a notice on the town hall door.\n\n"
        "“All fighters must leave the market area by Friday,” the notice read.\n\n"
        "The governor answered the next day. The mayor shot back, “Nobody will leave "
        "this town because of a notice on a door.”"
    ),
    "headline": (
        "Army retakes Sukhnah\n\n"
        "The army and allied militias have vowed to push on towards the river after the "
        "recapture of the town."
    ),
}


@pytest.fixture(scope="module")
def articles() -> dict[str, Article]:
    return run_texts(TEXTS)


def find(article: Article, start: str, direct: bool = True) -> Quote:
    return find_quote(article, start, direct=direct)


def test_a_label_after_a_headline_names_both_authors_not_the_headline(articles):
    quote = find(articles["newsletter"], "The two delegations")
    assert quote.speaker is not None and "Brandt" in quote.speaker
    assert quote.cue == ":"


def test_more_from_the_report_names_the_report(articles):
    quote = find(articles["newsletter"], "Shelling near the river")
    assert quote.speaker == "the report"


def test_transcript_labels_name_each_turn_and_an_unknown_label_names_no_one(articles):
    article = articles["transcript"]
    assert find(article, "MARQUEZ: Will the army").speaker == "Lucia Marquez"
    assert find(article, "ORTEGA: We will pull back").speaker == "Rafael Ortega"
    assert find(article, "HOST: We have to leave").speaker is None


def test_a_notice_that_reads_speaks(articles):
    quote = find(articles["documents"], "All fighters must leave")
    assert quote.speaker is not None and quote.speaker.endswith("notice")
    assert quote.cue == "read"


def test_a_clause_before_the_opening_mark_introduces_the_quotation(articles):
    quote = find(articles["documents"], "Nobody will leave this town")
    assert quote.speaker == "The mayor"


def test_a_subject_hung_on_the_headline_still_speaks(articles):
    quote = find(articles["headline"], "to push on towards the river", direct=False)
    assert quote.speaker is not None and "army" in quote.speaker


def test_gold_records_with_speaker_and_cue_swapped_are_not_scored():
    assert swapped({"speaker": "said", "cue": "Jillian Soto"})
    assert not swapped({"speaker": "Will", "cue": "claims"})  # a name, capitalised
    assert not swapped({"speaker": "Mrs. Clinton", "cue": "said"})
    text = "“We will rebuild the bridge,” said Omar Haddad."
    start, at = text.index("We will"), text.index("said")
    record = {
        "quote_start": start,
        "quote_end": text.index(",”"),
        "speaker": "said",
        "speaker_start": at,
        "speaker_end": at + 4,
        "cue": "Omar Haddad",
        "direct": True,
    }
    document = GoldDocument(id="t", text=text, gold={"quotes": [record]})
    article = run_texts({"t": text}, keep_nlp=True)["t"]
    summary = score_quotes([(document, article)]).summary()
    assert summary["direct_recall"] == 1.0
    assert summary["swapped_speakers"] == 1 and summary["named_speakers"] == 0
