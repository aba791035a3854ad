"""Quotations and speakers on hand-made NLP views (no parse: the surface rules)."""

from __future__ import annotations

import pytest

from conflictwire.models import Article, Event, Evidence, Place, Quote
from conflictwire.quotes import find_quotes
from conflictwire.quotes.marks import quoted_spans
from fakes import make_view


def quotes_of(text: str, people: tuple[str, ...] = (), events: list[Event] | None = None):
    article = Article(text=text, events=events or [])
    article.nlp = make_view(text, {p: "PERSON" for p in people})
    found = find_quotes(article).quotes
    for q in found:
        assert text[q.start : q.end] == q.quote
        if q.speaker_start is not None:
            assert text[q.speaker_start : q.speaker_end] == q.speaker
    return found


def direct(quotes: list[Quote]) -> list[Quote]:
    return [q for q in quotes if q.direct]


@pytest.mark.parametrize(
    "text, inner",
    [
        ("The commander said: “We will hold Bakhmut until the last day.”", "We will hold"),
        ('The commander said: "We will hold Bakhmut until the last day."', "We will hold"),
        ("Le commandant a dit : « Nous tiendrons la ville jusqu'au bout ».", "Nous tiendrons"),
        ("The envoy said: ‘The ceasefire in Hodeidah is holding for now.’", "The ceasefire"),
        ("Der Sprecher sagte: „Die Lage in Goma bleibt sehr angespannt.“", "Die Lage"),
    ],
)
def test_every_common_mark_style_is_read(text, inner):
    (span,) = quoted_spans(text)
    quote = text[span.start : span.end]
    assert quote.startswith(inner)
    assert quote.rstrip(".").endswith(("day", "bout", "now", "angespannt"))


def test_apostrophes_are_not_quotation_marks():
    text = "The RSF’s fighters don’t hold El Fasher’s airport, officials said."
    assert quoted_spans(text) == []


def test_a_quotation_split_by_its_attribution_has_one_speaker():
    text = (
        "“We are not leaving Khartoum,” said Amira Osman, a nurse at Al-Nao hospital, "
        "“whatever the shelling does to the wards.”"
    )
    first, second = direct(quotes_of(text, ("Amira Osman",)))
    assert first.quote == "We are not leaving Khartoum"
    assert second.quote == "whatever the shelling does to the wards."
    assert first.speaker == second.speaker == "Amira Osman"
    assert first.cue == second.cue == "said"


def test_a_quotation_across_paragraphs_keeps_its_speaker():
    text = (
        "Ko Zaw, a farmer from Sagaing, described the raid.\n\n"
        "“The soldiers came at dawn and burned the rice stores.\n\n"
        "“Nobody in the village slept that night,” Ko Zaw said."
    )
    first, second = direct(quotes_of(text, ("Ko Zaw",)))
    assert first.quote == "The soldiers came at dawn and burned the rice stores."
    assert second.quote == "Nobody in the village slept that night"
    assert first.speaker == second.speaker == "Ko Zaw"


def test_title_name_and_affiliation_of_an_inverted_attribution():
    text = "“The road to Popayán is open again,” said Colonel Andrés Rojas of the Colombian Army."
    (quote,) = direct(quotes_of(text, ("Andrés Rojas",)))
    assert quote.speaker == "Andrés Rojas"
    assert quote.speaker_title == "Colonel"
    assert quote.speaker_affiliation == "Colombian Army"


def test_a_short_name_and_a_pronoun_resolve_to_the_full_name():
    text = (
        "Yahya Saree, a spokesman for the Houthi movement, spoke on television.\n\n"
        "“Our drones reached Jizan,” said Saree.\n\n"
        "“More will follow,” he said."
    )
    first, second = direct(quotes_of(text, ("Yahya Saree", "Saree")))
    for quote in (first, second):
        assert quote.speaker == "Yahya Saree"
        assert (quote.speaker_start, quote.speaker_end) == (0, len("Yahya Saree"))
        assert quote.speaker_title == "spokesman"
        assert quote.speaker_affiliation == "Houthi movement"


def test_unnamed_sources_are_kept_as_written():
    text = "“The convoy was hit twice near Gao,” a military source said."
    (quote,) = direct(quotes_of(text))
    assert quote.speaker == "a military source"
    assert quote.speaker_title is None


def test_indirect_speech_with_according_to_and_said_that():
    text = (
        "According to local officials, the fighting displaced hundreds of families. "
        "The governor said that the checkpoint near Rafah would reopen on Sunday."
    )
    first, second = quotes_of(text)
    assert not first.direct and first.quote == "the fighting displaced hundreds of families"
    assert first.speaker == "local officials" and first.cue == "according to"
    assert second.quote == "the checkpoint near Rafah would reopen on Sunday"
    assert second.cue == "said"


def test_short_unattributed_scare_quotes_are_not_quotations():
    text = "The army calls them “terrorists” while the group calls its war a “revolution”."
    assert direct(quotes_of(text)) == []


def test_a_quotation_is_linked_to_the_event_it_is_about():
    text = (
        "Shelling hit a market in Kharkiv on Monday. “We counted nine bodies,” said Oleh "
        "Syniehubov.\n\n"
        "“Kharkiv needs more air defence,” said Oleh Syniehubov.\n\n"
        "“The winter will be hard for everyone,” said Oleh Syniehubov."
    )
    event = Event("Explosions/Remote violence", "Shelling/artillery/missile attack")
    event.geonameid = 706483
    event.evidence = Evidence(sentence=(0, 43))
    kharkiv = text.index("Kharkiv needs")
    article = Article(text=text, events=[event])
    article.places = [Place(kharkiv, kharkiv + 7, "Kharkiv", geonameid=706483, name="Kharkiv")]
    article.nlp = make_view(text, {"Oleh Syniehubov": "PERSON"})
    same_paragraph, names_place, neither = find_quotes(article).quotes
    assert same_paragraph.event_index == 0
    assert names_place.event_index == 0
    assert neither.event_index is None


def test_a_source_written_as_a_label_before_a_colon():
    text = (
        "Reporters asked the envoy about Sittwe.\n\n"
        "Julie Bishop: “The violence against civilians in Rakhine must end now.”"
    )
    (quote,) = direct(quotes_of(text, ("Julie Bishop",)))
    assert quote.speaker == "Julie Bishop"
    assert quote.cue == ":"


def test_a_quotation_ending_in_a_nested_quotation_keeps_its_speaker():
    text = "“The soldier told us ‘nobody leaves Sagaing tonight,’” said Ko Zaw."
    (quote,) = direct(quotes_of(text, ("Ko Zaw",)))
    assert quote.speaker == "Ko Zaw"


def test_shouted_slogans_have_their_crowd():
    text = "“Free Sudan, free El Fasher!” the crowd chanted outside the embassy."
    (quote,) = direct(quotes_of(text))
    assert quote.speaker == "the crowd"
    assert quote.cue == "chanted"


def test_only_words_that_may_report_speech_are_looked_at_closer():
    """Indirect speech looks closer only at these: speech verbs in any form, "according", the
    reporting nouns and adjectives and verbs of holding of reporting.yaml ("hoping" is hope's
    form there, not spaCy's "hop"); never at the words of the events themselves."""
    from conflictwire.quotes.lexicon import lexicon

    lex = lexicon()
    reporting = [("said", "say"), ("According", "accord"), ("statement", "statement")]
    reporting += [("denied", "deny"), ("afraid", "afraid"), ("hoping", "hop")]
    assert all(lex.may_report(word, lemma) for word, lemma in reporting)
    others = [("tanks", "tank"), ("the", "the"), ("shelled", "shell"), ("Kharkiv", "Kharkiv")]
    assert not any(lex.may_report(word, lemma) for word, lemma in others)
