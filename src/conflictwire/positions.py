"""An article's places and actor mentions looked up by where they are in the text.

Stages ask, for each sentence or event, which places or actors lie in some span. Scanning the
whole list for every question costs time that grows with the square of the text's length;
``Positions`` answers by bisection over the items sorted once by their start. What a look-up
returns keeps the order of the list it was built from.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from typing import Generic, Protocol, TypeVar

from .models import ActorMention, Article, Place, Span
from .view import NlpView


class Spanned(Protocol):
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...


T = TypeVar("T", bound=Spanned)


class Positions(Generic[T]):
    """``items`` by their ``start`` (and ``end``) character offsets."""

    def __init__(self, items: Sequence[T]) -> None:
        self.items = items
        self.order = sorted(range(len(items)), key=lambda i: items[i].start)
        self.starts = [items[i].start for i in self.order]
        self.longest = max([0, *(item.end - item.start for item in items)])

    def _from(self, start: int, end: int) -> list[int]:
        """List indices of the items that start inside ``[start, end)``, by start."""
        return self.order[bisect_left(self.starts, start) : bisect_left(self.starts, end)]

    def where_start(self, *spans: Span) -> list[int]:
        """List indices, ascending, of the items that start inside one of ``spans``."""
        return sorted({i for start, end in spans for i in self._from(start, end)})

    def where_end(self, start: int, end: int) -> list[int]:
        """List indices, ascending, of the items that end inside ``[start, end]``."""
        near = self._from(start - self.longest, end + 1)
        return sorted(i for i in near if start <= self.items[i].end <= end)

    def starting_in(self, *spans: Span) -> list[T]:
        """The items that start inside one of ``spans``, in list order."""
        return [self.items[i] for i in self.where_start(*spans)]

    def ending_in(self, start: int, end: int) -> list[T]:
        """The items that end inside ``[start, end]``, in list order."""
        return [self.items[i] for i in self.where_end(start, end)]

    def overlapping(self, start: int, end: int) -> list[T]:
        """The items that overlap ``[start, end)``, in list order."""
        near = self._from(start - self.longest, end)
        return [self.items[i] for i in sorted(near) if self.items[i].end > start]


def places_of(article: Article) -> Positions[Place]:
    """The article's places by position (built once per list of places and NLP view)."""
    if article.nlp is None:
        return Positions(article.places)
    return article.nlp.memo("places", article.places, lambda: Positions(article.places))


def actors_of(article: Article) -> Positions[ActorMention]:
    """The article's actor mentions by position (built once per list of them and NLP view)."""
    if article.nlp is None:
        return Positions(article.actors)
    return actors_by_position(article.nlp, article.actors)


def actors_by_position(view: NlpView, actors: Sequence[ActorMention]) -> Positions[ActorMention]:
    """``actors`` (an article's actor mentions) by position, built once per list and view."""
    return view.memo("actors", actors, lambda: Positions(actors))
