"""Triggers that report no event: disasters, court cases, figures of speech, trends, background.

The word lists are data (``data/events/not_events.yaml``). Checks that read the parse are
skipped for views without one.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

from ..ontology import ontology
from ..view import NlpView
from .rules import Pattern, compile_pattern, stem
from .words import Hit, Word, matches

CAUSE_PREPOSITIONS = {"in", "by", "from", "during", "after"}


@dataclass(frozen=True)
class NotEvents:
    natural_causes: frozenset[str]
    court_words: tuple[Pattern, ...]
    figurative: frozenset[str]
    trend_cues: tuple[Pattern, ...]
    conflict_nouns: frozenset[str]
    verbs_only: frozenset[str]
    territory_objects: tuple[Pattern, ...]
    non_human_objects: frozenset[str]
    acts_qualified: frozenset[str]


@cache
def not_events() -> NotEvents:
    path = resources.files("conflictwire").joinpath("data/events/not_events.yaml")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))

    def stems(name: str) -> frozenset[str]:
        return frozenset(stem(str(w)) for w in data[name])

    def patterns(name: str) -> tuple[Pattern, ...]:
        return tuple(compile_pattern(str(w)) for w in data[name])

    return NotEvents(
        natural_causes=stems("natural_causes"),
        court_words=patterns("court_words"),
        figurative=stems("figurative"),
        trend_cues=patterns("trend_cues"),
        conflict_nouns=stems("conflict_nouns"),
        verbs_only=stems("verbs_only"),
        territory_objects=patterns("territory_objects"),
        non_human_objects=stems("non_human_objects"),
        acts_qualified=stems("acts_qualified"),
    )


def reported(view: NlpView, words: list[Word], hits: list[Hit]) -> list[Hit]:
    """The hits that report an event, given their sentence's words."""
    if not hits:
        return hits
    rules = not_events()
    present = frozenset().union(*(w.keys for w in words))

    def holds(cues: tuple[Pattern, ...]) -> bool:
        cues = tuple(c for c in cues if c[0] in present)  # a cue's first word must be there
        return matches(words, cues, range(len(words)))

    if holds(rules.trend_cues):
        return []
    court = holds(rules.court_words)
    exempt = ontology().group("court_exempt")  # arrests, and protests about the case
    return [
        h
        for h in hits
        if not (court and h.sub_type not in exempt)
        and not _figurative(words, h, rules)
        and not _verb_expected(view, words, h, rules)
        and not _natural_cause(view, h, rules)
        and not _non_human_object(view, h, rules)
        and not _qualifies_a_thing(view, h, hits, rules)
        and not _describes_a_conflict(view, h, rules)
        and not _undated_since(view, h)
    ]


def names_ground(words: list[Word]) -> bool:
    """Whether a sentence's words name ground that can change hands ("the town", "positions")."""
    cues = not_events().territory_objects
    return matches(words, cues, range(len(words)))


def _figurative(words: list[Word], hit: Hit, rules: NotEvents) -> bool:
    return hit.first > 0 and bool(words[hit.first - 1].keys & rules.figurative)


def _verb_expected(view: NlpView, words: list[Word], hit: Hit, rules: NotEvents) -> bool:
    """ "cuts to road building", "cross-border strikes": a verb pattern read off a noun or an
    adjective."""
    token = view.tokens[hit.token]
    first = words[hit.first].keys
    return bool(first & rules.verbs_only) and token.pos not in ("VERB", "AUX", "")


def _lemma(view: NlpView, index: int) -> str:
    token = view.tokens[index]
    return stem(token.lemma or token.text)


def _children(view: NlpView, index: int) -> list[int]:
    return view.index.children[index]


def _natural_cause(view: NlpView, hit: Hit, rules: NotEvents) -> bool:
    """ "Floods have killed 31", "were killed in a landslide", "fires destroyed shelters", "the
    earthquake that has killed 30,000" (a relative clause's subject is the noun it qualifies)."""
    if not view.index.has_parse:
        return False
    token = view.tokens[hit.token]
    if token.dep == "relcl" and _lemma(view, token.head) in rules.natural_causes:
        return True
    if token.pos == "VERB":  # "H5N1 has killed", whatever the parse made of the name
        before = hit.token - 1
        while before >= 0 and view.tokens[before].dep in ("aux", "auxpass", "advmod", "neg"):
            before -= 1
        noun = before >= 0 and view.tokens[before].pos in ("NOUN", "PROPN")
        if noun and _lemma(view, before) in rules.natural_causes:
            return True
    for child in _children(view, hit.token):
        dep = view.tokens[child].dep
        if dep in ("nsubj", "nsubjpass") and _a_cause(view, child, rules):
            return True
        if dep in ("prep", "agent") and view.tokens[child].text.lower() in CAUSE_PREPOSITIONS:
            objects = [g for g in _children(view, child) if view.tokens[g].dep == "pobj"]
            if any(_lemma(view, g) in rules.natural_causes for g in objects):
                return True
    return False


def _non_human_object(view: NlpView, hit: Hit, rules: NotEvents) -> bool:
    """ "The app kills its feature", "shot down every proposal", "rounding up chickens": a
    violent verb whose object (or passive subject) is a thing or an animal."""
    if not view.index.has_parse or view.tokens[hit.token].pos != "VERB":
        return False
    if hit.sub_type not in ontology().group("harms_its_object"):
        return False  # "demonstrated ... against the bill" is parsed with the bill as object
    for child in _children(view, hit.token):
        if view.tokens[child].dep in ("dobj", "nsubjpass"):
            return _lemma(view, child) in rules.non_human_objects
    return False


def _qualifies_a_thing(view: NlpView, hit: Hit, hits: list[Hit], rules: NotEvents) -> bool:
    """ "a caravan park", "attack helicopters": a one-word trigger that is a compound of a noun
    that is no trigger itself nor an act ("rocket fire")."""
    if not view.index.has_parse or hit.first != hit.last:
        return False
    if hit.sub_type not in ontology().group("kind_as_modifier"):
        return False
    token = view.tokens[hit.token]
    head = view.tokens[token.head]
    if token.dep != "compound" or head.pos not in ("NOUN", "PROPN"):
        return False
    in_a_hit = any(h.start <= head.start < h.end for h in hits)
    return not in_a_hit and _lemma(view, token.head) not in rules.acts_qualified


WAR_TOLL_DEPTH = 4  # heads walked up from a trigger to the verb whose subject may be "the war"


def _a_cause(view: NlpView, noun: int, rules: NotEvents) -> bool:
    """A natural cause, or a noun that one qualifies: "a methane explosion", "a mine collapse"."""
    if _lemma(view, noun) in rules.natural_causes:
        return True
    return any(
        view.tokens[c].dep in ("compound", "amod") and _lemma(view, c) in rules.natural_causes
        for c in _children(view, noun)
    )


def _describes_a_conflict(view: NlpView, hit: Hit, rules: NotEvents) -> bool:
    """ "The war, fought between ...": a trigger that only qualifies a war or conflict; "The war
    has killed hundreds of thousands through fighting": a war's toll."""
    if not view.index.has_parse:
        return False
    token = view.tokens[hit.token]
    while token.dep in ("conj", "advcl") and view.tokens[token.head] is not token:
        # "the war, which began in 2011 and has killed ...", "which began when X seized ..."
        token = view.tokens[token.head]
    if token.dep in ("acl", "relcl") and _lemma(view, token.head) in rules.conflict_nouns:
        return True
    index = hit.token
    for _ in range(WAR_TOLL_DEPTH):
        subjects = [c for c in _children(view, index) if view.tokens[c].dep == "nsubj"]
        if any(_lemma(view, c) in rules.conflict_nouns for c in subjects):
            return True
        token = view.tokens[index]
        if token.dep not in ("pobj", "prep", "dobj", "conj") or token.head == index:
            return False
        index = token.head
    return False


def _undated_since(view: NlpView, hit: Hit) -> bool:
    """ "since Hamas took control of the strip": a state's undated origin, not an event. With a
    date ("since it fell to ISIS in May 2015") the past event is coded."""
    if not view.index.has_parse:
        return False
    marks = [c for c in _children(view, hit.token) if view.tokens[c].dep == "mark"]
    if not any(view.tokens[c].text.lower() == "since" for c in marks):
        return False
    sentence = view.sentence_of(view.tokens[hit.token].start)
    if sentence is None:
        return True
    return not any(
        e.label == "DATE" and sentence[0] <= e.start < sentence[1]
        for e in view.index.entities_in(*sentence)
    )
