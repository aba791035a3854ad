"""Where an event happened, on news sentences labelled with the event's verb and the toponyms
where it happened (``shared/devdata/events/event_location_dev.jsonl``, from
ahalterman/event_location): ``{"text", "gold": {"verb": {start, end}, "locations": [{start,
end, name}]}}``.

For each sentence the place and actor stages run as usual and ``event_place`` chooses among
its places for the verb, as it does for a trigger. The choice is *right* when it overlaps a
gold location or is another mention of the same name ("Kosovo is patrolled ... deployed in
Kosovo").
Sentences whose gold spans do not read as a name where they point (an offset that lands on
"s" or on nothing, as in about a tenth of the file) are skipped and counted. Sentences without
a gold location count how often a place is chosen anyway. A verb the event stage reads as a
protest's or riot's trigger is scored as a protest (its motive and a march's start set apart).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..events.location import event_place
from ..events.rules import EventRules, default_rules
from ..events.triggers import find_triggers
from ..models import Article
from .gold import GoldDocument, ratio


@dataclass
class LocationScores:
    sentences: int = 0
    skipped: int = 0
    with_location: int = 0
    placed: int = 0
    right: int = 0
    without_location: int = 0
    placed_anyway: int = 0

    def summary(self) -> dict[str, Any]:
        return {
            "sentences": self.sentences,
            "skipped_malformed": self.skipped,
            "with_location": self.with_location,
            "accuracy": ratio(self.right, self.with_location),
            "placed": self.placed,
            "accuracy_when_placed": ratio(self.right, self.placed),
            "without_location": self.without_location,
            "placed_anyway": ratio(self.placed_anyway, self.without_location),
        }


def well_formed(doc: GoldDocument) -> bool:
    """Whether the record has a verb span and each gold location reads as a name there."""
    verb = doc.gold.get("verb") or {}
    if not isinstance(verb.get("start"), int) or not isinstance(verb.get("end"), int):
        return False
    for location in doc.gold.get("locations") or []:
        written = doc.text[location["start"] : location["end"]]
        if len(written.strip()) < 2 or not written[:1].isupper():
            return False
    return True


def score_document(
    scores: LocationScores, doc: GoldDocument, article: Article, rules: EventRules
) -> None:
    scores.sentences += 1
    if not well_formed(doc) or article.nlp is None:
        scores.skipped += 1
        return
    verb = (doc.gold["verb"]["start"], doc.gold["verb"]["end"])
    protest = _protest_verb(article, verb, rules)
    place = event_place(article, article.nlp.sentences, verb, rules, protest=protest)
    locations = doc.gold.get("locations") or []
    if not locations:
        scores.without_location += 1
        scores.placed_anyway += place is not None
        return
    scores.with_location += 1
    if place is None:
        return
    scores.placed += 1
    scores.right += any(
        min(place.end, g["end"]) - max(place.start, g["start"]) > 0
        or place.mention == doc.text[g["start"] : g["end"]]
        for g in locations
    )


def _protest_verb(article: Article, verb: tuple[int, int], rules: EventRules) -> bool:
    """Whether the verb is a protest's or riot's trigger, as the event stage would read it."""
    assert article.nlp is not None
    sentence = article.nlp.sentence_of(verb[0])
    if sentence is None:
        return False
    demonstrations = rules.ontology.event_types("demonstrations")
    return any(
        hit.start < verb[1]
        and verb[0] < hit.end
        and rules.sub_type(hit.sub_type).event_type in demonstrations
        for hit in find_triggers(article.nlp, article.text, sentence, rules, article.actors)
    )


def score_location(
    pairs: Iterable[tuple[GoldDocument, Article]], rules: EventRules | None = None
) -> LocationScores:
    rules = rules or default_rules()
    scores = LocationScores()
    for doc, article in pairs:
        score_document(scores, doc, article, rules)
    return scores
