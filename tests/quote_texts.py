"""Short texts written for the quote tests, run through the real pipeline, and the one way
those tests pick a quotation out of an article (its offsets checked)."""

from __future__ import annotations

from conflictwire.models import Article, Quote
from conflictwire.pipeline import Pipeline
from conflictwire.settings import Settings

PUBLISHED = "2024-05-07"


def run_texts(texts: dict[str, str], *, keep_nlp: bool = False) -> dict[str, Article]:
    """Each text's record, by the text's name (``keep_nlp``: with its parse, as the evaluator
    needs it)."""
    settings = Settings(published=PUBLISHED)
    articles = (Article(text=t, published=PUBLISHED) for t in texts.values())
    done = Pipeline(settings).run(articles, keep_nlp=keep_nlp)
    return dict(zip(texts, done, strict=True))


def find_quote(article: Article, start: str, *, direct: bool) -> Quote:
    """The one quotation (direct or not) that starts with ``start``; its text and its
    speaker's mention are checked against the article's text."""
    (quote,) = [q for q in article.quotes if q.quote.startswith(start) and q.direct == direct]
    assert article.text[quote.start : quote.end] == quote.quote
    if quote.speaker_start is not None:
        assert article.text[quote.speaker_start : quote.speaker_end] == quote.speaker
    return quote
