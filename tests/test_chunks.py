"""Long texts in pieces spaCy takes: cuts at the text's own boundaries, offsets exact."""

import json
import random

import pytest
import spacy

from conflictwire.chunks import PIECE_CHARS, WHOLE_CHARS, chunk_spans
from conflictwire.ingest import IngestError, iter_articles
from conflictwire.models import Article
from conflictwire.nlp import NlpStage
from conflictwire.settings import Settings

PLACES = ["Marib", "El Fasher", "Gao", "Bakhmut", "Sittwe", "Idlib", "Kidal", "Nyala", "Kherson"]
ACTORS = ["Houthi fighters", "the Rapid Support Forces", "JNIM militants", "Russian forces"]
SENTENCES = [
    "{actor} shelled the outskirts of {place} on Monday, killing {n} civilians, medics said.",
    "Hundreds of residents fled {place} after {n} days of fighting, aid workers said.",
    'A local official in {place} said: "We have no water and no power."',
    "{actor} seized a checkpoint near {place}, according to a monitoring group.",
    "The United Nations envoy urged both sides to open a corridor to {place}.",
]


def long_text(size: int, seed: int = 7) -> str:
    """Invented wire-style paragraphs of one to three sentences, ``size`` characters at least."""
    rnd = random.Random(seed)
    paragraphs: list[str] = []
    total = 0
    while total < size:
        sentences = [
            rnd.choice(SENTENCES).format(
                actor=rnd.choice(ACTORS), place=rnd.choice(PLACES), n=rnd.randint(2, 90)
            )
            for _ in range(rnd.randint(1, 3))
        ]
        paragraph = " ".join(s[:1].upper() + s[1:] for s in sentences)
        paragraphs.append(paragraph)
        total += len(paragraph) + 2
    return "\n\n".join(paragraphs) + "\n"


def test_a_text_over_spacys_limit_is_cut_after_paragraphs_into_pieces_it_takes():
    text = long_text(1_200_000)
    assert len(text) > 1_000_000  # spaCy's max_length: a text this long fails whole (E088)
    spans = chunk_spans(text)
    assert len(spans) > 1
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(spans, spans[1:], strict=False))  # no gap, no overlap
    assert all(0 < end - start <= PIECE_CHARS for start, end in spans)
    assert "".join(text[s:e] for s, e in spans) == text
    for _, end in spans[:-1]:
        assert text[end - 2 : end] == "\n\n"  # after a blank line ...
        assert text[end].isupper()  # ... so the next piece starts a paragraph


def test_a_text_that_fits_is_one_piece():
    assert chunk_spans("Clashes erupted near Marib.", limit=100) == [(0, 27)]
    assert chunk_spans("", limit=100) == [(0, 0)]


def test_without_paragraphs_a_piece_ends_after_a_sentence_then_a_space_then_anywhere():
    one_paragraph = long_text(3_000).replace("\n\n", " ").strip()
    for _, end in chunk_spans(one_paragraph, limit=400)[:-1]:
        assert one_paragraph[end - 2 : end] in (". ", '" ')
    words = "Gao Kidal Nyala Marib " * 200
    for _, end in chunk_spans(words, limit=101)[:-1]:
        assert words[end - 1] == " " and words[end] != " "
    solid = "x" * 1_000
    assert chunk_spans(solid, limit=300) == [(0, 300), (300, 600), (600, 900), (900, 1000)]


def test_every_piece_but_the_last_is_at_least_half_the_limit():
    # A blank line early in a piece's window is not taken when a later break exists.
    text = "Gao.\n\n" + "Kidal was quiet on Monday. " * 40
    spans = chunk_spans(text, limit=200)
    assert all(end - start >= 100 for start, end in spans[:-1])
    assert "".join(text[s:e] for s, e in spans) == text


def test_a_limit_below_two_characters_is_refused():
    with pytest.raises(ValueError, match="at least 2"):
        chunk_spans("Marib", limit=1)


@pytest.fixture(scope="module")
def blank_nlp():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "GPE", "pattern": p} for p in PLACES])
    return nlp


def test_a_view_read_in_pieces_matches_the_whole_with_offsets_into_the_full_text(blank_nlp):
    text = long_text(6_000, seed=3)
    whole = NlpStage(blank_nlp)(Article(text=text)).nlp
    pieces = NlpStage(blank_nlp, whole_chars=500, piece_chars=500)(Article(text=text)).nlp
    assert whole is not None and pieces is not None
    assert len(chunk_spans(text, 500)) > 10
    assert [(t.start, t.end, t.text) for t in pieces.tokens] == [
        (t.start, t.end, t.text) for t in whole.tokens
    ]
    assert all(text[t.start : t.end] == t.text for t in pieces.tokens)
    assert [t.head for t in pieces.tokens] == list(range(len(pieces.tokens)))  # no parse: itself
    assert [(e.start, e.end, e.label) for e in pieces.entities] == [
        (e.start, e.end, e.label) for e in whole.entities
    ]
    assert all(text[e.start : e.end] == e.text for e in pieces.entities)

    # the sentencizer starts a sentence at a blank line, which a piece may end on
    def said(view):
        return [text[s:e].strip() for s, e in view.sentences if text[s:e].strip()]

    assert said(pieces) == said(whole)
    last = pieces.entities[-1]
    assert last.start > len(text) - 600 and text[last.start : last.end] in PLACES


def test_spacys_own_limit_caps_the_pieces(blank_nlp, monkeypatch):
    monkeypatch.setattr(blank_nlp, "max_length", 300)
    text = long_text(2_000, seed=5)
    stage = NlpStage(blank_nlp)
    assert (stage.whole_chars, stage.piece_chars) == (300, 300)
    view = stage(Article(text=text)).nlp
    assert view is not None
    assert all(text[e.start : e.end] == e.text for e in view.entities)
    assert view.tokens[-1].end == len(text)


SEEN: list[int] = []


@spacy.Language.component("remembers_lengths")
def remembers_lengths(doc):
    SEEN.append(len(doc.text))
    return doc


def test_an_ordinary_article_goes_whole_and_a_long_one_in_pieces():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("remembers_lengths")
    ordinary, long = long_text(20_000), long_text(WHOLE_CHARS + 1)
    SEEN.clear()
    list(NlpStage(nlp).run([Article(text=ordinary), Article(text=long)]))
    assert SEEN[0] == len(ordinary)  # read as it always was
    assert len(SEEN) > 2 and sum(SEEN[1:]) == len(long) and max(SEEN[1:]) <= PIECE_CHARS


class RecordingNlp:
    """Stands in for a spaCy pipeline: keeps the length of each text it is given and returns an
    empty ``Doc`` (running a real model over 5 MB would take minutes)."""

    meta = {"lang": "en", "name": "recording", "version": "0"}
    max_length = 1_000_000  # spaCy's default: a longer text fails with E088

    def __init__(self) -> None:
        self.vocab = spacy.vocab.Vocab()
        self.lengths: list[int] = []

    def pipe(self, texts, batch_size=16, n_process=1):
        for text in texts:
            assert len(text) <= self.max_length, "spaCy would refuse this text (E088)"
            self.lengths.append(len(text))
            yield spacy.tokens.Doc(self.vocab, words=[])


@pytest.mark.parametrize("suffix", [".txt", ".jsonl"])
def test_a_5_mb_article_is_read_once_max_text_bytes_is_raised_and_goes_to_spacy_in_pieces(
    tmp_path, monkeypatch, suffix
):
    text = long_text(5_000_000, seed=13)
    size = len(text.encode("utf-8"))
    assert size > 5_000_000
    path = tmp_path / f"long{suffix}"
    if suffix == ".txt":
        path.write_text(text, encoding="utf-8")
    else:
        path.write_text(json.dumps({"id": "long", "text": text}) + "\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)  # no settings file of the checkout's

    # at the default limit (2 MB) the text is refused with a message naming the setting
    (refused,) = iter_articles([str(path)], Settings.load())
    assert isinstance(refused, IngestError)
    assert f"{size:,} bytes" in refused.message and "CONFLICTWIRE_MAX_TEXT_BYTES" in refused.message

    monkeypatch.setenv("CONFLICTWIRE_MAX_TEXT_BYTES", "6000000")
    settings = Settings.load()
    assert settings.max_text_bytes == 6_000_000
    (article,) = iter_articles([str(path)], settings)
    assert isinstance(article, Article), article
    assert article.text == text and article.language == "en"

    nlp = RecordingNlp()
    (done,) = NlpStage(nlp).run([article])
    assert done.nlp is not None and done.text == text
    assert sum(nlp.lengths) == len(text)  # every character read, once
    assert max(nlp.lengths) <= PIECE_CHARS
    assert min(nlp.lengths[:-1]) >= PIECE_CHARS // 2  # so the count of pieces is linear
    assert len(nlp.lengths) == len(chunk_spans(text)) > len(text) // PIECE_CHARS
