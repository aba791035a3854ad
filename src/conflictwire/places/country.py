"""The article's country: one weighted vote over its place mentions.

Read by the place stage (which countries the article's other names lie in, as context for
resolving each name), the actor stage (the focus country that names generic actors: "government
forces" are the Military Forces of it) and the event stage (an event's country; whether a place
lies in the country the article is about). Each mention votes for its country with the weight
of its kind (``data/places/rules.yaml``: ``country_vote`` for the article's vote, which the place
stage counts once and keeps on the NLP view; ``country_vote_in_context`` while resolving names,
where a province already counts through its own admin1 vote): a province says more than a
town, whose name recurs across countries; a demonym says who is involved more than where; a
guessed place (located at its unit) says nothing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from typing import TypeVar

from ..models import Article, Place, Span
from ..view import PlaceForm
from .rules import default_rules

K = TypeVar("K")


class CountryVote:
    """Votes by country code, kept per name so that a name's own votes can be left out (an
    ambiguous name cannot confirm its own first guess)."""

    def __init__(self, weights: dict[str, float] | None = None) -> None:
        self.weights = weights if weights is not None else default_rules().country_vote
        self.by_name: dict[str, Counter[str]] = {}
        self._total: Counter[str] | None = None  # every name's votes, once there are many

    def add(self, name: str, code: str | None, feature: str | None) -> None:
        if not code:
            return
        votes = self.by_name.setdefault(name, Counter())
        votes[code] += vote_weight(feature, self.weights)  # type: ignore[assignment]
        self._total = None

    def counts(self, excluding: str | None = None) -> Counter[str]:
        """The votes of every name but ``excluding``: added up name by name, in the order the
        names were first seen; with over ``EXACT_NAMES`` names, the total less the name's own
        votes (the same to within a float's rounding, and linear in the names over all names)."""
        if excluding is not None and len(self.by_name) > EXACT_NAMES:
            if self._total is None:
                self._total = self.counts()
            return less(self._total, self.by_name.get(excluding, Counter()))
        total: Counter[str] = Counter()
        for name, votes in self.by_name.items():
            if name != excluding:
                total.update(votes)
        return total


# Up to this many names (every ordinary article), each name's context is added up from the
# other names, one by one; above, it is the article's total less the name's own votes.
EXACT_NAMES = 200


def less(total: Counter[K], own: Mapping[K, float]) -> Counter[K]:
    """``total`` less ``own``, keeping only what stays above zero (the votes of the others)."""
    if not own:
        return Counter(total)
    left: Counter[K] = Counter()
    for key, value in total.items():
        rest = value - own.get(key, 0)
        if rest > 0:
            left[key] = rest  # type: ignore[assignment]
    return left


def top_country(votes: Mapping[str, float]) -> str | None:
    """The country with the most votes (ties: the one named first: ``votes`` keeps the order in
    which countries were first named); None without votes."""
    if not votes or max(votes.values()) <= 0:
        return None
    return max(votes, key=votes.__getitem__)


def vote_weight(feature: str | None, weights: dict[str, float] | None = None) -> float:
    """How much one mention of a place of this feature counts for its country."""
    weights = weights if weights is not None else default_rules().country_vote
    return weights.get(feature or "", weights["default"])


def article_votes(places: Iterable[Place], forms: Mapping[Span, PlaceForm]) -> dict[str, float]:
    """The article's vote, by country code in the order countries are first named: each place
    mention by itself, places read inside a body's or site's name ("Hong Lim Park") left out.
    The place stage counts it once and keeps it on the NLP view (``NlpView.country_votes``)."""
    vote = CountryVote()
    for i, place in enumerate(sorted(places, key=_start)):
        form = forms.get((place.start, place.end))
        if form is not None and form.in_a_name:
            continue
        vote.add(str(i), place.country_code, place.feature)
    return dict(vote.counts())


def votes_of(article: Article) -> dict[str, float]:
    """The article's country vote: as the place stage counted it, else (a view the place stage
    did not see) counted from the places alone."""
    view = article.nlp
    if view is not None and view.place_forms:
        return view.country_votes
    return article_votes(article.places, {})


def _start(place: Place) -> int:
    return place.start
