"""The article's country: one weighted vote over its place mentions.

Read by the place stage (which countries the article's other names lie in, as context for
resolving each name), the actor stage (the focus country that names generic actors: "government
forces" are the Military Forces of it) and the event stage (an event's country; whether a place
lies in the country the article is about). Each mention votes for its country with the weight
of its kind (``data/places/rules.yaml`` ``country_vote``): a province says more than a town,
whose name recurs across countries; a demonym says who is involved more than where; a guessed
place (located at its unit) says nothing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from ..models import Article, Place
from .rules import default_rules


class CountryVote:
    """Votes by country code, kept per name so that a name's own votes can be left out (an
    ambiguous name cannot confirm its own first guess)."""

    def __init__(self, weights: dict[str, float] | None = None) -> None:
        self.weights = weights if weights is not None else default_rules().country_vote
        self.by_name: dict[str, Counter[str]] = {}
        self.first_seen: dict[str, int] = {}

    def add(self, name: str, code: str | None, feature: str | None) -> None:
        if not code:
            return
        self.first_seen.setdefault(code, len(self.first_seen))
        votes = self.by_name.setdefault(name, Counter())
        votes[code] += vote_weight(feature, self.weights)  # type: ignore[assignment]

    def counts(self, excluding: str | None = None) -> Counter[str]:
        """The votes of every name but ``excluding``."""
        total: Counter[str] = Counter()
        for name, votes in self.by_name.items():
            if name != excluding:
                total.update(votes)
        return total

    def top(self, excluding: str | None = None) -> str | None:
        """The country with the most votes (ties: the one named first); None without votes."""
        counts = self.counts(excluding)
        if not counts or max(counts.values()) <= 0:
            return None
        return max(counts, key=lambda c: (counts[c], -self.first_seen[c]))


def vote_weight(feature: str | None, weights: dict[str, float] | None = None) -> float:
    """How much one mention of a place of this feature counts for its country."""
    weights = weights if weights is not None else default_rules().country_vote
    return weights.get(feature or "", weights["default"])


def article_vote(article: Article, places: Iterable[Place] | None = None) -> CountryVote:
    """The vote of the article's places (or of ``places``), each mention by itself; places read
    inside a body's or site's name ("Hong Lim Park") do not vote."""
    vote = CountryVote()
    view = article.nlp  # how each place is written: read by the place stage
    for i, place in enumerate(sorted(article.places if places is None else places, key=_start)):
        if view is not None and view.form_of(place.start, place.end).in_a_name:
            continue
        vote.add(str(i), place.country_code, place.feature)
    return vote


def _start(place: Place) -> int:
    return place.start
