"""The NLP stage's view of an article, for the stages after it: tokens with their parse,
sentences and entities copied out of spaCy into our own records, and one index over them.

Not part of the output record. Later stages read the view, never spaCy objects, so they can be
tested with hand-made views; a hand-made view without a dependency parse says so
(``TokenIndex.has_parse``) and the stages fall back to the surface.
"""

from __future__ import annotations

import weakref
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, TypeVar

T = TypeVar("T")

Span = tuple[int, int]


@dataclass(slots=True)
class Token:
    """One token of the NLP view (with slots: there is one for every word of every article)."""

    start: int
    end: int
    text: str
    lemma: str
    pos: str
    tag: str
    dep: str
    head: int  # index of the head token within the article
    ent_type: str
    ent_iob: str


@dataclass
class Entity:
    start: int
    end: int
    label: str
    text: str


@dataclass(frozen=True)
class PlaceForm:
    """How the place stage read one place mention's writing (``places.written``)."""

    units: tuple[Span, ...] = ()  # the places written right after it as its units ("X (Y, Z)")
    qualified: bool = False  # one of those units contains it ("Ann Arbor (Michigan)")
    container: bool = False  # written as the unit of the place before it ("X, Y": Y)
    in_parentheses: bool = False  # inside a parenthesis right after another place
    unit_rank: int = 0  # its position in a parenthesised list of units, the first 0
    unit_of: bool = False  # after "district of" following another place: that place's unit
    owner: bool = False  # a possessive before another place ("Mogadishu's Huriwaa district")
    with_district: bool = False  # a city written with its district ("La Plata - Tolosa")
    body: bool = False  # names an organisation or building ("Periyar University")
    site: bool = False  # part of a site's or institution's name ("Hong Lim Park")
    road: bool = False  # part of a road's name ("the Sanliurfa-Akcakale highway")
    anchor: bool = False  # the landmark a distance or direction is measured from
    route_start: bool = False  # where a march starts ("from Kaufbeuren to Kempten")
    dateline: bool = False  # the dateline's place ("TRIPOLI, Aug 16 (Wire) -")
    whole_name: bool = False  # a name of its own, read by that very name
    area: bool = False  # followed by a unit word naming the area around it ("X district")
    countryside: bool = False  # followed by "countryside" or "rural areas"

    @property
    def in_a_name(self) -> bool:
        """Read inside a body's or site's name: it says nothing of where the article is."""
        return self.body or self.site


NO_FORM = PlaceForm()


@dataclass
class NlpView:
    """What the NLP stage keeps for later stages.

    ``sentences`` are ``(start, end)`` character spans in text order; tokens carry the
    dependency parse (``head`` is a token index); entities are spaCy's named-entity spans.
    """

    model: str
    sentences: list[Span] = field(default_factory=list)
    tokens: list[Token] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    # Set by the place stage: how each place (by its span) is written, and the article's country
    # vote (country code -> weight, in the order countries are first named).
    place_forms: dict[Span, PlaceForm] = field(default_factory=dict)
    country_votes: dict[str, float] = field(default_factory=dict)
    # What stages derived from the view and its article, for ``memo`` (not copied by replace)
    _memo: dict[str, tuple[Callable[[], Any], Any]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def form_of(self, start: int, end: int) -> PlaceForm:
        """How the place at ``[start, end)`` is written (nothing known: ``NO_FORM``)."""
        return self.place_forms.get((start, end), NO_FORM)

    @cached_property
    def index(self) -> TokenIndex:
        """Look-ups over the tokens, built once per view."""
        return TokenIndex(self)

    def memo(self, key: str, owner: Any, build: Callable[[], T]) -> T:
        """``build()``, computed once for this view and ``owner`` (what it is built from: the
        article, or a list of the article's; computed again for another): an index a stage
        builds once instead of scanning the article on every call. Articles and their lists
        are never changed in place (stages use replace)."""
        held = self._memo.get(key)
        if held is not None and held[0]() is owner:
            return held[1]
        value = build()
        self._memo[key] = (_reference(owner), value)
        return value

    def sentence_of(self, offset: int) -> Span | None:
        found = self.index.sentence_at(offset)
        return self.sentences[found] if found is not None else None


def _reference(owner: Any) -> Callable[[], Any]:
    """A weak reference to ``owner`` where it takes one (an article: no cycle through its view),
    else a strong one (a list, which does not refer to the view)."""
    try:
        return weakref.ref(owner)
    except TypeError:
        return lambda: owner


# The label spaCy's parser gives each sentence's root; a view without any has no parse.
ROOT = "ROOT"
SUBJECTS = frozenset({"nsubj", "nsubjpass"})  # the relations of a clause's subject


class TokenIndex:
    """Offsets to tokens, children, subtrees and neighbouring words over one view."""

    def __init__(self, view: NlpView) -> None:
        self.tokens = view.tokens
        self.entities = view.entities
        self.sentences = view.sentences
        self.starts = [t.start for t in self.tokens]
        self.sentence_starts = [s[0] for s in self.sentences]
        self.entity_starts = [e.start for e in self.entities]
        self.entity_ends = [e.end for e in self.entities]
        ents = self.entities
        self.entities_apart = all(a.end <= b.start for a, b in zip(ents, ents[1:], strict=False))
        self.children: list[list[int]] = [[] for _ in self.tokens]
        for i, tok in enumerate(self.tokens):
            if tok.head != i and 0 <= tok.head < len(self.tokens):
                self.children[tok.head].append(i)
        self.has_parse = any(t.dep == ROOT for t in self.tokens)

    def index_at(self, offset: int) -> int:
        """Index of the last token that starts at or before ``offset`` (0 before the first)."""
        return max(0, bisect_right(self.starts, offset) - 1) if self.tokens else 0

    def token_at(self, offset: int) -> int | None:
        """Index of the token that holds ``offset``; None between tokens."""
        i = bisect_right(self.starts, offset) - 1
        if i >= 0 and self.tokens[i].start <= offset < self.tokens[i].end:
            return i
        return None

    def between(self, start: int, end: int) -> range:
        """Indices of the tokens that start inside ``[start, end)``."""
        return range(bisect_left(self.starts, start), bisect_left(self.starts, end))

    def overlapping(self, start: int, end: int) -> range:
        """Indices of the tokens that overlap ``[start, end)``."""
        first = max(0, bisect_right(self.starts, start) - 1)
        last = bisect_left(self.starts, end)
        if first < len(self.tokens) and self.tokens[first].end <= start:
            first += 1
        return range(first, max(first, last))

    def word(self, index: int) -> str:
        """The lower-cased text of token ``index``; "" outside the text."""
        if 0 <= index < len(self.tokens):
            return self.tokens[index].text.lower()
        return ""

    def child(self, i: int, deps: frozenset[str] | set[str]) -> int | None:
        """The first child of ``i`` whose relation is in ``deps``."""
        return next((c for c in self.children[i] if self.tokens[c].dep in deps), None)

    def subtree(
        self, i: int, skip: frozenset[str] = frozenset(), cut: Callable[[int], bool] | None = None
    ) -> tuple[int, int]:
        """First and last token index of ``i``'s subtree, leaving out its children whose
        relation is in ``skip`` and any descendant for which ``cut`` is true."""
        lo = hi = i
        stack = [i]
        while stack:
            j = stack.pop()
            for c in self.children[j]:
                if (self.tokens[c].dep in skip and j == i) or (cut is not None and cut(c)):
                    continue
                lo, hi = min(lo, c), max(hi, c)
                stack.append(c)
        return lo, hi

    def depth(self, i: int) -> int:
        """How many heads lie above token ``i`` (0 for a sentence's root)."""
        n = 0
        while self.tokens[i].head != i and n < 50:
            i, n = self.tokens[i].head, n + 1
        return n

    def sentence_at(self, offset: int) -> int | None:
        """Index of the sentence that holds ``offset``."""
        i = bisect_right(self.sentence_starts, offset) - 1
        if 0 <= i < len(self.sentences) and self.sentences[i][0] <= offset < self.sentences[i][1]:
            return i
        return None

    def sentence_span(self, offset: int) -> Span:
        """The sentence that holds ``offset``; the empty span at ``offset`` between sentences."""
        i = self.sentence_at(offset)
        return self.sentences[i] if i is not None else (offset, offset)

    def entities_in(self, start: int, end: int) -> list[Entity]:
        """The entities that overlap ``[start, end)``, in order."""
        if not self.entities_apart:  # a hand-made view may overlap them
            return [e for e in self.entities if e.start < end and start < e.end]
        first = bisect_right(self.entity_ends, start)
        return self.entities[first : max(first, bisect_left(self.entity_starts, end))]

    def entity_at(self, start: int, end: int) -> Entity | None:
        """The first entity overlapping ``[start, end)``."""
        if not self.entities_apart:  # a hand-made view may overlap them
            return next((e for e in self.entities if e.start < end and start < e.end), None)
        # In text order and apart (as spaCy's are): the first that ends after ``start``.
        i = bisect_right(self.entity_ends, start)
        if i < len(self.entities) and self.entities[i].start < end:
            return self.entities[i]
        return None
