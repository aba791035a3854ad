"""The actor stage: every mention of an armed or political actor, named in ACLED's style.

1. Work out the article's focus country from its resolved places.
2. Match the dictionary's aliases (acronyms case-sensitively) and the generic roles
   ("Syrian government forces", "protesters"), named after a demonym before them or the focus.
3. Keep the longest match where spans overlap, named actors before generic ones.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache

from ..models import Article
from ..settings import Settings
from .countries import CountryNames, country_names, focus_country
from .dictionary import ActorDictionary, ActorEntry, ActorFileError, GenericRole
from .match import ActorMatcher

__all__ = [
    "ActorDictionary",
    "ActorEntry",
    "ActorFileError",
    "ActorMatcher",
    "CountryNames",
    "GenericRole",
    "country_names",
    "find_actors",
    "focus_country",
    "load_dictionary",
]


def load_dictionary(settings: Settings | None = None) -> ActorDictionary:
    """The built-in dictionary, with the ``actors_file`` setting's entries merged over it."""
    return ActorDictionary.load(settings.actors_file if settings else None)


def find_actors(
    article: Article, *, dictionary: ActorDictionary, settings: Settings | None = None
) -> Article:
    """Return the article with ``actors`` filled in text order; without an NLP view (not
    extracted, e.g. another language) it passes through unchanged."""
    if article.nlp is None:
        return article
    matcher = _matcher(dictionary)
    actors = matcher.find(article.text, focus_country(article))
    return replace(article, actors=actors)


@cache
def _matcher(dictionary: ActorDictionary) -> ActorMatcher:
    return ActorMatcher(dictionary, country_names())
