"""The place stage: every place mention in an article, resolved against the gazetteer.

1. Scan the text for gazetteer names (Aho-Corasick over normalised keys).
2. Keep the matches that spaCy's entities, tags, capitalisation and cues agree are places.
3. Resolve mentions with strong evidence first; what they say about the article's countries
   and provinces becomes context.
4. Keep weakly evidenced mentions only when the article supports them, and resolve all
   mentions with that context (and the text's own hints: "Paris, Texas", "70 km east of").
5. Names spaCy calls places that the index lacks are located by their containing unit.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import Any, Protocol

from ..gazetteer.normalize import normalize
from ..models import Article, Place
from .cues import distance_cues
from .detect import Mention, NameMatchLike, detect
from .resolve import CandidateLike, DocContext, Hints, confidence, inside, rank
from .rules import PlaceRules, default_rules
from .units import open_parenthesis
from .unlisted import UNLISTED, UNLISTED_SCORE, unlisted_places
from .words import place_words
from .written import with_place_forms

__all__ = ["locate_places", "PlaceRules", "default_rules", "with_place_forms"]


class GazetteerLike(Protocol):
    def scan(self, text: str) -> Sequence[NameMatchLike]: ...

    def candidates(self, key: str) -> Sequence[CandidateLike]: ...

    def lookup(self, name: str) -> Sequence[CandidateLike]: ...


def locate_places(
    article: Article, *, gazetteer: GazetteerLike, rules: PlaceRules | None = None
) -> Article:
    """Return the article with ``places`` filled; articles without an NLP view pass through."""
    if article.nlp is None:
        return article
    rules = rules or default_rules()
    mentions = detect(article.text, article.nlp, gazetteer.scan(article.text), rules)
    candidates = {m.key: list(gazetteer.candidates(m.key)) for m in mentions}
    for m in mentions:
        if m.cue == "admin" and not _below_province(article.text, m):
            candidates[m.key] = _with_own_province(candidates[m.key], gazetteer)
    for m in mentions:
        if m.label in ("DEMONYM", "NORP"):
            candidates[m.key] = _as_demonym(candidates[m.key], m.label == "DEMONYM", rules)
    mentions = [m for m in mentions if candidates[m.key]]
    context = _context_from(mentions, candidates, rules, strong_only=True)
    nested = _nested(article.text, mentions, candidates, rules)
    units = _units_in_parentheses(article.text, mentions, candidates)
    confirmed = {m.key for m in mentions if m.strong} | nested | {m.key for m in units}
    kept = [
        m
        for m in mentions
        if m.strong or _supported(m, candidates[m.key], confirmed, context.for_key(m.key), rules)
    ]
    context = _context_from(kept, candidates, rules, strong_only=False)
    hints = _hints(article.text, kept, candidates, context, rules)
    lost = _namesakes(article.text, kept, candidates, context, rules)
    places = [
        _at_unit(article.text, m, lost[i], rules)
        if i in lost
        else _place(article.text, m, candidates[m.key], context, rules, hints.get(i))
        for i, m in enumerate(kept)
    ]
    places += unlisted_places(article.text, article.nlp, places)
    places.sort(key=lambda p: p.start)
    return with_place_forms(replace(article, places=places))


def _hints(
    text: str,
    mentions: Sequence[Mention],
    candidates: dict[str, list[Any]],
    context: DocContext,
    rules: PlaceRules,
) -> dict[int, Hints]:
    """Per mention index: the unit written after its name, whether it is itself such a unit,
    and the distances stated from it."""
    containers, units = _containers(text, mentions, candidates, context, rules)
    anchors: dict[int, list[tuple[float, float, float]]] = {}
    for cue in distance_cues(text, mentions, rules):
        obj = mentions[cue.object]
        ranked = rank(
            candidates[obj.key], obj.cue, context.for_key(obj.key), rules, written=obj.key
        )
        best = ranked[0][1]
        if best.latitude is not None and best.longitude is not None:
            anchors.setdefault(cue.subject, []).append((best.latitude, best.longitude, cue.km))
    hints = {}
    for i, m in enumerate(mentions):
        container = None if i in units else containers.get(m.key)
        if container is not None or i in units or i in anchors:
            hints[i] = Hints(container, tuple(anchors.get(i, ())), units.get(i))
    return hints


UNIT_FEATURES = ("country", "admin1", "admin2")


def _containers(
    text: str,
    mentions: Sequence[Mention],
    candidates: dict[str, list[Any]],
    context: DocContext,
    rules: PlaceRules,
) -> tuple[dict[str, Any], dict[int, Any]]:
    """Units written right after a name: "Greer, S.C.", "San Lorenzo (Santa Fe)".

    Both names are read together: the unit is the best-ranked reading of the second name that
    contains a reading of the first. Returns name -> unit (one sense per article, so later bare
    mentions of the name are read the same way) and mention index -> unit for the second names.
    """
    by_key: dict[str, Any] = {}
    units: dict[int, Any] = {}
    index = {id(m): i for i, m in enumerate(mentions)}
    for first, second in _unit_pairs(text, mentions, rules):
        ranked = rank(
            candidates[second.key],
            second.cue,
            context.for_key(second.key),
            rules,
            written=second.key,
        )
        unit = next(
            (
                c
                for _, c in ranked
                if c.feature in UNIT_FEATURES and any(inside(x, c) for x in candidates[first.key])
            ),
            None,
        )
        if unit is not None:
            by_key.setdefault(first.key, unit)
            units[index[id(second)]] = unit
    return by_key, units


def _unit_pairs(
    text: str, mentions: Sequence[Mention], rules: PlaceRules
) -> list[tuple[Mention, Mention]]:
    """Neighbouring names written as place and unit: "X, Y", "X (Y)", "X (Y, Z)", "X town (Y)";
    a city written with its district takes the district's units ("Sao Goncalo - Neves (Rio de
    Janeiro)": Rio de Janeiro is the unit of both)."""
    pairs = []
    for at, (first, second) in enumerate(zip(mentions, mentions[1:], strict=False)):
        between = text[first.end : second.start]
        if not rules.qualifier.fullmatch(between):
            continue
        if "(" in between and text[second.end : second.end + 1] not in (")", ","):
            continue
        pairs.append((first, second))
        city = mentions[at - 1] if at > 0 else None
        if city is not None and CITY_DASH.fullmatch(text[city.end : first.start]):
            pairs.append((city, second))
    return pairs


CITY_DASH = re.compile(r" [-\u2013] ")  # "La Plata - Tolosa": a city, then its district


def _nested(
    text: str, mentions: Sequence[Mention], candidates: dict[str, list[Any]], rules: PlaceRules
) -> set[str]:
    """Names confirmed by each other: "Welimada town (Badulla, Uva)" - a reading of Uva
    contains a reading of Badulla, so both are places even where NER called them ORG."""
    found: set[str] = set()
    for first, second in _unit_pairs(text, mentions, rules):
        units = [c for c in candidates[second.key] if c.feature in UNIT_FEATURES]
        if any(inside(x, u) for u in units for x in candidates[first.key]):
            found.update((first.key, second.key))
    return found


LIST_GLUE = re.compile(r"\s*(?:,|&|,?\s*and|,?\s*or)\s*")


def _namesakes(
    text: str,
    mentions: Sequence[Mention],
    candidates: dict[str, list[Any]],
    context: DocContext,
    rules: PlaceRules,
) -> dict[int, Any]:
    """Towns written with a unit none of their readings lies in: in "Orient, Ohio" the index
    knows only an Orient of another state, so this one is unlisted and located at its unit.
    Returns mention index -> unit. A list of names ("Aleppo, Idlib and Hama") is not a town and
    its unit."""
    index = {id(m): i for i, m in enumerate(mentions)}
    found: dict[int, Any] = {}
    for town, unit in _unit_pairs(text, mentions, rules):
        after = index[id(unit)] + 1
        if after < len(mentions) and LIST_GLUE.fullmatch(text[unit.end : mentions[after].start]):
            continue
        readings = candidates[town.key]
        if any(c.feature in UNIT_FEATURES for c in readings):
            continue
        ranked = rank(
            candidates[unit.key], unit.cue, context.for_key(unit.key), rules, written=unit.key
        )
        best = ranked[0][1]
        units = [c for c in candidates[unit.key] if c.feature in UNIT_FEATURES]
        if best.feature in UNIT_FEATURES and not any(inside(x, u) for u in units for x in readings):
            found[index[id(town)]] = best
    return found


def _at_unit(text: str, mention: Mention, unit: Any, rules: PlaceRules) -> Place:
    """The mention located at its unit, as a place the index lacks."""
    place = _place(text, mention, [unit], DocContext(), rules)
    return replace(place, feature=UNLISTED, score=UNLISTED_SCORE)


# Unit words below a province ("Al Amadiya district" is the district of the town, not the
# town's province, as "Deir al-Zour province" is) and words for the land around a town.
BELOW_PROVINCE = place_words().level("district", "area")


def _below_province(text: str, mention: Mention) -> bool:
    """Whether the admin word is a unit below a province ("X district"), or the countryside
    around a town ("the countryside of Al Bab"), which is no reading of its province."""
    following = text[mention.end : mention.end + 20].split()
    word = following[0].lower().strip(",.;:()") if following else ""
    if text[max(0, mention.start - 20) : mention.start].lower().endswith("countryside of "):
        return True
    return word in BELOW_PROVINCE


VILLAGE = 5000  # a place this small is not what a country's own name means


def _country_of_that_name(text: str, mention: Mention, options: Sequence[Any]) -> Any:
    """A country written by its own name, over a village that has it as an alternate name
    ("Ukraine" is not the Spanish village GeoNames also calls so)."""
    written = normalize(text[mention.start : mention.end])
    return next(
        (c for c in options if c.feature == "country" and normalize(c.name) == written), None
    )


def _units_in_parentheses(
    text: str, mentions: Sequence[Mention], candidates: dict[str, list[Any]]
) -> set[Mention]:
    """Names in a parenthesis after another name, with a province or district reading: "in
    Pinero (Santa Fe)", "Belehede (Tongomayel, Soum)" - the units of a place the index lacks,
    even where NER called them organisations."""
    found: set[Mention] = set()
    for m in mentions:
        opened = open_parenthesis(text, m.start)
        if opened is None or not text[:opened].rstrip()[-1:].isalpha():
            continue
        if not PAREN_LIST.fullmatch(text[opened + 1 : m.start]):
            continue
        if any(c.feature in ("admin1", "admin2") for c in candidates[m.key]):
            found.add(m)
    return found


# Only capitalised names and commas between the "(" and the unit: "(Tongomayel, Soum)".
PAREN_LIST = re.compile(r"(?:\s*[A-Z][\w'\u2019.-]*(?:\s+[A-Z][\w'\u2019.-]*)*\s*,)*\s*")


def _with_own_province(options: list[Any], gazetteer: GazetteerLike) -> list[Any]:
    """For "Deir al-Zour province": add the admin1 unit of each city the name may be.

    GeoNames often spells a city and its province differently (Deir ez-Zor / Dayr az Zawr), so
    the name alone may find only the city; the cue says the province is meant.
    """
    if any(c.feature in ("admin1", "admin2") for c in options):
        return options
    extra = []
    for city in options:
        if city.feature != "populated_place" or not city.admin1:
            continue
        for unit in gazetteer.lookup(city.admin1):
            same = (unit.country_code, unit.admin1_code) == (city.country_code, city.admin1_code)
            if unit.feature == "admin1" and same and unit not in extra:
                extra.append(unit)
    return options + extra


def _context_from(
    mentions: Sequence[Mention],
    candidates: dict[str, list[Any]],
    rules: PlaceRules,
    *,
    strong_only: bool,
) -> DocContext:
    """Countries and admin1 units named by the mentions, each resolved without context."""
    context = DocContext()
    empty = DocContext()
    for m in mentions:
        if strong_only and not m.strong:
            continue
        ranked = rank(candidates[m.key], m.cue, empty, rules, written=m.key)
        if ranked:
            context.add(m.key, ranked[0][1])
    return context


def _supported(
    mention: Mention,
    options: Sequence[CandidateLike],
    confirmed: set[str],
    context: DocContext,
    rules: PlaceRules,
) -> bool:
    """A weakly evidenced proper noun is a place if the article backs that reading."""
    if mention.key in confirmed:
        return True
    if mention.label == "ORG":  # "El Fasher" tagged ORG: only where its country is in play
        return any(
            _prominent(c, rules) and context.country_share(c.country_code) > 0 for c in options
        )
    return any(_prominent(c, rules) or context.country_share(c.country_code) > 0 for c in options)


def _as_demonym(options: list[Any], adjective: bool, rules: PlaceRules) -> list[Any]:
    """ "Syrian" is Syria only as a demonym. spaCy also calls some towns NORP ("Afgooye"):
    those keep their readings; an adjective that is no demonym keeps only prominent places."""
    demonyms = [c for c in options if c.feature == "demonym"]
    if demonyms:
        return demonyms
    return [c for c in options if _prominent(c, rules)] if adjective else options


def _prominent(candidate: Any, rules: PlaceRules) -> bool:
    """Known well enough to be read without other evidence: a country, a province, a region
    we list by name (data/gazetteer/regions.tsv), a city."""
    if candidate.feature in ("country", "admin1", "region", "continent"):
        return True
    return bool(candidate.population >= rules.min_population_unconfirmed)


def _place(
    text: str,
    mention: Mention,
    options: Sequence[CandidateLike],
    context: DocContext,
    rules: PlaceRules,
    hints: Hints | None = None,
) -> Place:
    ranked = rank(options, mention.cue, context.for_key(mention.key), rules, hints, mention.key)
    best = ranked[0][1]
    if best.feature == "populated_place" and best.population < VILLAGE and hints is None:
        best = _country_of_that_name(text, mention, options) or best
    return Place(
        start=mention.start,
        end=mention.end,
        mention=text[mention.start : mention.end],
        geonameid=best.geonameid,
        name=best.name,
        feature=best.feature,
        country_code=best.country_code,
        country=best.country,
        admin1=best.admin1,
        admin2=best.admin2,
        latitude=best.latitude,
        longitude=best.longitude,
        score=confidence(ranked),
    )
