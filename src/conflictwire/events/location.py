"""Where an event happened: the place among its sentences' places that ACLED would code, the
article's focus place, and ACLED's geo-precision (docs/events.md)."""

from __future__ import annotations

import re
from collections import Counter

from ..models import Article, Place, Span
from ..places.country import top_country, vote_weight, votes_of
from ..places.units import REGION_FEATURES, same_province
from ..places.words import place_words
from ..positions import actors_of, places_of
from ..view import NO_FORM, PlaceForm
from .parse_ties import acts, tied
from .rules import EventRules, stem

# Features whose place is only a province or wider: ACLED geo-precision 3.
WIDE_FEATURES = REGION_FEATURES - {"admin2"}


def event_place(
    article: Article,
    sentences: list[Span],
    trigger: Span,
    rules: EventRules,
    *,
    protest: bool = False,
) -> Place | None:
    """The event's location among the places of its sentences, the way ACLED codes it: never a
    demonym or continent; the first by ``place_rank``, whose order docs/events.md lists with
    examples (outside a protest's motive, not a dateline's, in the article's country, not a
    namesake, not part of another name or a landmark, a town before a province, ...).
    """
    candidates = [
        p for p in places_of(article).starting_in(*sentences) if _may_be_where(article, p)
    ]
    motive = {id(p) for p in candidates if protest and _in_motive(article, trigger, p)}
    votes = votes_of(article)
    ranked = sorted(
        candidates,
        key=lambda p: place_rank(article, sentences, trigger, rules, p, protest, motive, votes),
    )
    return ranked[0] if ranked else None


def _may_be_where(article: Article, place: Place) -> bool:
    """Whether a place can be where an event happened: located, not a demonym or continent,
    not part of a group's name, not where a group is based."""
    return (
        place.latitude is not None
        and place.feature not in NOT_LOCATIONS
        and not _in_a_group_name(article, place)
        and not _home_of(article, place)
    )


HOME_OF = re.compile(r"-based\b")


def _home_of(article: Article, place: Place) -> bool:
    """Whether the place is where a group is based ("the London-based Syrian Observatory"),
    not where anything happened."""
    return HOME_OF.match(article.text, place.end) is not None


def _in_a_group_name(article: Article, place: Place) -> bool:
    """Whether the place is part of a group's name ("the Islamic State of Iraq and the
    Levant", "the Free Syrian Army"): no place where anything happened."""
    return any(
        a.start <= place.start
        and place.end <= a.end
        and a.end - a.start > place.end - place.start
        and _a_name(article.text[a.start : a.end])
        for a in actors_of(article).overlapping(place.start, place.end)
    )


NAME_GLUE = frozenset({"of", "and", "the", "for", "in", "al", "el", "de"})


def _a_name(words: str) -> bool:
    """Whether words are written as a name ("Islamic State of Iraq and the Levant"), not a
    phrase a pattern found ("gathered outside the town hall in Bari to protest")."""
    return all(w[:1].isupper() or w.lower() in NAME_GLUE for w in words.split())


def place_rank(
    article: Article,
    sentences: list[Span],
    trigger: Span,
    rules: EventRules,
    place: Place,
    protest: bool,
    motive: set[int],
    votes: dict[str, float],
) -> tuple[int, ...]:
    """``event_place``'s order for one place (lower first); ``motive`` holds the ids of the
    places in a protest's motive, ``votes`` the article's country vote (``votes_of``)."""
    specificity = SPECIFICITY.get(place.feature or "", 1)
    at_home = _coherent(article, place, votes, alone=False) or _sole_town(article, trigger, place)
    form = form_of(article, place)
    return (
        1 if id(place) in motive else 0,
        1 if form.dateline else 0,
        0 if form.with_district else 1,
        0 if at_home else 1,
        1 if _misplaced(article, place, votes) else 0,
        1 if form.body or form.anchor else 0,
        1 if acts(article, trigger, place) else 0,
        1 if specificity >= BROAD else 0,
        1 if form.road or form.site else 0,
        1 if protest and form.route_start else 0,
        0 if _coherent(article, place, votes) else 1,
        0 if _in_sentence(sentences, place, trigger) else 1,
        1 if form.container or form.in_parentheses else 0,
        1 if form.owner else 0,
        1 if form.unit_of else 0,
        form.unit_rank,
        0 if form.qualified else 1,
        specificity,
        0 if tied(article, trigger, place) else 1,
        0 if _object_of(article.text, trigger, place) else 1,
        _cue_rank(_word_before(article.text, place.start), rules),
        abs(place.start - trigger[0]),
    )


# Words after a protest's trigger that open what it is about: places after them are its
# motive ("protested in Burgas against the Russian aggression on Ukraine"), not its location.
MOTIVE = re.compile(
    r"(?<![\w-])(?:against|condemn\w*|denounc\w*|in solidarity|in support of|in protest|to protest|"
    r"protesting|demanding|to demand|calling for|to call for|justice for|to oppose|"
    r"opposing|commemorat\w*|in memory of|to show support|in support|supporting|to support|"
    r"to celebrate|celebrating|to mark|marking)\b",
    re.IGNORECASE,
)


def form_of(article: Article, place: Place) -> PlaceForm:
    """How the place stage read the place's writing (``places.written``)."""
    return article.nlp.form_of(place.start, place.end) if article.nlp else NO_FORM


def units_of(article: Article, place: Place) -> list[Place]:
    """The places written right after the place as its units ("X (Y, Z)", "X, Y")."""
    spans = set(form_of(article, place).units)
    near = places_of(article).starting_in(*((start, start + 1) for start, _ in spans))
    return [p for p in near if (p.start, p.end) in spans]


def _in_motive(article: Article, trigger: Span, place: Place) -> bool:
    """Whether a protest's place is in what the protest is about: after the trigger, a lowercase
    motive word ("against", "to condemn"; not the "Against" of a name) opens a clause that runs on
    to the place, or to the place it is the unit of ("denounce the shooting in Oslo, Norway")."""
    span = (place.start, place.end)
    return _motive_clause(article.text, trigger, place) or any(
        _motive_clause(article.text, trigger, inner) and span in form_of(article, inner).units
        for inner in places_of(article).starting_in((trigger[1] + 1, place.start + 1))
        if inner.end <= place.start
    )


def _motive_clause(text: str, trigger: Span, place: Place) -> bool:
    if place.start <= trigger[1]:
        return False
    between = text[trigger[1] : place.start]
    if any(mark in between for mark in ".;\n"):
        return False
    opened = [m.end() for m in MOTIVE.finditer(between) if m.group()[:1].islower()]
    if not opened:
        return False
    clause = RELATIVE.sub(" ", between[opened[-1] :])  # "the decision, which ended ..." runs on
    return not any(mark in clause for mark in ",()")


RELATIVE = re.compile(r",\s+(?=which\b|who\b)")


# "retook the desert town of al-Qaryatayn", "shelled Homs": the place is what the trigger acts on.
OBJECT_GAP = re.compile(
    rf"^[^\W\d]*\s+(?:(?:the|a|an|of|{place_words().pattern('object')}|desert|strategic|key|"
    r"besieged|nearby|[\w-]+-held)\s+){0,5}$",
    re.IGNORECASE,
)


def _object_of(text: str, trigger: Span, place: Place) -> bool:
    """Whether the place stands right after the trigger word, only a few words between."""
    return 0 <= place.start - trigger[1] <= 40 and bool(
        OBJECT_GAP.match(text[trigger[1] : place.start])
    )


# Lower is more specific: ACLED codes the most specific place the report gives. An unlisted
# place is located at its unit, so a listed town comes first.
SPECIFICITY = {
    "populated_place": 0,
    "unlisted": 1,
    "admin2": 2,
    "admin1": 3,
    "region": 4,
    "country": 5,
}
BROAD = 3  # admin1 and wider: the event's place only where the report names nothing smaller
NOT_LOCATIONS = {"demonym", "continent"}


def _coherent(
    article: Article, place: Place, votes: dict[str, float] | None = None, alone: bool = True
) -> bool:
    """Whether the place lies in a country the article's other places (or, not ``alone``, all
    its places) name most surely, or they name none: "Al" read as a Norwegian village among
    Lebanese places does not. ``votes`` is ``votes_of(article)`` where already counted."""
    counts: dict[str, float] = dict(votes_of(article) if votes is None else votes)
    code = place.country_code or ""
    if alone and code and not form_of(article, place).in_a_name:
        counts[code] = counts.get(code, 0.0) - vote_weight(place.feature)
    top = max(counts.values(), default=0)
    return top == 0 or counts.get(code, 0.0) == top


def _sole_town(article: Article, trigger: Span, place: Place) -> bool:
    """Whether the place is the only town or district the trigger's sentence names: there a
    town abroad is the event's ("Residents of Jizan heard explosions" in a report from Sanaa)."""
    sentence = article.nlp.sentence_of(trigger[0]) if article.nlp else None
    if sentence is None or SPECIFICITY.get(place.feature or "", 1) >= BROAD:
        return False
    towns = {
        p.geonameid
        for p in places_of(article).starting_in(sentence)
        if p.latitude is not None and SPECIFICITY.get(p.feature or "", 1) < BROAD
    }
    return (
        towns == {place.geonameid}
        and sentence[0] <= place.start < sentence[1]
        and not form_of(article, place).dateline
        and form_of(article, place).whole_name
    )


def _in_sentence(sentences: list[Span], place: Place, trigger: Span) -> bool:
    return any(s <= place.start < e and s <= trigger[0] < e for s, e in sentences)


def _misplaced(article: Article, place: Place, votes: dict[str, float] | None = None) -> bool:
    """Whether the place is qualified by units that do not contain it: "Benito Juarez, Nuevo
    Leon" read as a Benito Juarez of another state, "Kanker Khera (Mawana, Meerut district, UP)"
    read as the Kanker of another state, "El Alto (La Paz)" read as a Peruvian El Alto (a unit
    abroad counts where the article's places agree on its country)."""
    if place.admin1 is None:
        return False
    units = [
        u
        for u in units_of(article, place)
        if u.feature in ("admin1", "populated_place", "admin2")
        and (u.country == place.country or _coherent(article, u, votes, alone=False))
    ]
    if not units:
        return False
    return not any(u.country == place.country and same_province(u, place) for u in units)


def focus_place(article: Article) -> Place | None:
    """The article's focus: in the lead, a qualified place ("X (Y)") of the main country, the
    most specific, the first; else the same over the whole article (found once per article)."""
    if article.nlp is None:
        return _focus_place(article)
    return article.nlp.memo("focus_place", article, lambda: _focus_place(article))


def _focus_place(article: Article) -> Place | None:
    located = [p for p in article.places if _may_be_where(article, p)]
    if not located:
        return None
    lead_end = article.nlp.sentences[1][1] if article.nlp and len(article.nlp.sentences) > 1 else 0
    return min(
        located,
        key=lambda p: (
            0 if p.start < lead_end else 1,
            0 if form_of(article, p).qualified else 1,
            0 if _coherent(article, p) else 1,
            SPECIFICITY.get(p.feature or "", 1),
            p.start,
        ),
    )


def within_country(article: Article, place: Place) -> Place:
    """For an event placed only at a country ("an attack on an aid convoy in Syria", "a bombing
    at the Syria-Turkey border"): the article's own province inside that country or, where it
    names none there, inside the article's main country - the province its places fall in most
    often (ties: the first named), at its first place there. ACLED codes the most specific place
    the report supports; a country stays where the article names nothing smaller."""
    if place.feature != "country":
        return place
    for code in (place.country_code, top_country(votes_of(article))):
        found = _province_place(article, code)
        if found is not None:
            return found
    return place


def _province_place(article: Article, code: str | None) -> Place | None:
    """The first place of the country's province the article's places fall in most often (ties:
    the first named); None where it names none there (once per article and country)."""
    found: dict[str | None, Place | None] = (
        article.nlp.memo("province_place", article, dict) if article.nlp else {}
    )
    if code not in found:
        inside = [
            p
            for p in article.places
            if p.country_code == code
            and p.latitude is not None
            and p.admin1
            and p.feature not in NOT_LOCATIONS
        ]
        # places are in text order: max keeps the first named of tied provinces
        counts = Counter(p.admin1 for p in inside)
        top = max(counts, key=counts.__getitem__) if counts else None
        found[code] = next((p for p in inside if p.admin1 == top), None)
    return found[code]


def geo_precision(article: Article, place: Place, rules: EventRules) -> int:
    """ACLED's geo-precision: 1 the place itself; 2 near it ("near X", "outskirts of X"), an
    area or district named by it ("X district", "X township"), or a place located by its unit
    (unlisted, a district); 3 only a province, region or country."""
    if place.feature in WIDE_FEATURES:
        return 3
    if place.feature in ("admin2", "unlisted") or place.geonameid is None:
        return 2
    before = article.text[max(0, place.start - 40) : place.start].lower()
    words = [stem(w) for w in before.replace(",", " ").split()][-4:]
    # a cue ending on one of the last two words: "near X", "outskirts of X"
    if any(_ends_with(words[: len(words) - k], c) for c in rules.near_cues for k in range(2)):
        return 2
    return 2 if form_of(article, place).area else 1


def _ends_with(words: list[str], cue: tuple[str, ...]) -> bool:
    return bool(cue) and tuple(words[-len(cue) :]) == cue


def _cue_rank(word: str, rules: EventRules) -> int:
    """0 after a cue of where ("in", "near"), 1 after "from" (whence: "students from Malang"),
    2 after no cue."""
    if word not in rules.place_cues:
        return 2
    return 1 if word == "from" else 0


def _word_before(text: str, offset: int) -> str:
    words = text[max(0, offset - 30) : offset].split()
    return stem(words[-1]) if words else ""
