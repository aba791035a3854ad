"""Toponym detection: which gazetteer matches are place mentions, with what evidence.

The gazetteer scan finds every name; spaCy's entities, part-of-speech tags, capitalisation and
the words around a match decide whether it is a place here. spaCy alone is not trusted: the
small model tags al-Sukhnah and Palmyra as PERSON and Hama as ORG.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from ..gazetteer.normalize import name_articles
from ..view import Entity, NlpView, Token
from .rules import PlaceRules
from .words import alternation, place_words

ARTICLE_PREFIX = re.compile(rf"^(?:{alternation(name_articles())})[-\s’']", re.I)


class NameMatchLike(Protocol):
    start: int
    end: int
    key: str


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    key: str
    cue: str | None  # "admin", "settlement" or None
    strong: bool  # confirmed by an entity, a preposition, a cue or a dateline
    label: str | None  # spaCy's entity label, or "DEMONYM" for an adjective ("Syrian")


def longest_matches(matches: Sequence[NameMatchLike]) -> list[NameMatchLike]:
    """Non-overlapping matches, preferring the longest at each position."""
    chosen: list[NameMatchLike] = []
    last_end = -1
    for m in sorted(matches, key=lambda m: (m.start, -(m.end - m.start))):
        if m.start >= last_end:
            chosen.append(m)
            last_end = m.end
    return chosen


class _Doc:
    """One article's text and token index, with what detection learns on the way."""

    def __init__(self, text: str, view: NlpView) -> None:
        self.text = text
        self.index = view.index
        self.tokens = view.tokens
        self.token_range = self.index.overlapping
        self.word = self.index.word
        self.place_tokens: set[int] = set()  # tokens of capitalised gazetteer matches
        # Words of multi-word person names ("Mark Jordan"): later "Jordan" is the person too.
        self.person_words: set[str] = set()
        for ent in view.entities:
            names = [self.tokens[i] for i in self.token_range(ent.start, ent.end)]
            names = [t for t in names if any(c.isalpha() for c in t.text)]
            if ent.label == "PERSON" and len(names) > 1 and all(t.pos == "PROPN" for t in names):
                self.person_words.update(t.text.lower() for t in names)
        self.covering_entity = self.index.entity_at


def detect(
    text: str, view: NlpView, matches: Sequence[NameMatchLike], rules: PlaceRules
) -> list[Mention]:
    """Mentions from the gazetteer matches that pass the capitalisation and entity filters."""
    doc = _Doc(text, view)
    named = [m for m in matches if _capitalised(text[m.start : m.end], rules)]
    chosen = longest_matches(_without_generic_tails(text, named))
    for match in chosen:
        if text[match.start : match.end].lower() not in rules.common_words:
            doc.place_tokens.update(doc.token_range(match.start, match.end))
    mentions = []
    for match in chosen:
        mention = _judge(doc, match, rules)
        if mention is not None:
            mentions.append(mention)
    return mentions


PERSON_AFTER = re.compile(r", (?:aged )?\d{1,2},")  # a name written with an age is a person's

GENERIC_TAILS = place_words().role("kind")  # "city", "town", ...


def _without_generic_tails(text: str, matches: list[NameMatchLike]) -> list[NameMatchLike]:
    """Drop "Salem city" (an index entry "Salem City") where "Salem" matches too: the lowercase
    word says what kind of place it is, and the name alone has all the readings."""
    starts = {(m.start, m.end) for m in matches}
    kept = []
    for m in matches:
        head, _, tail = text[m.start : m.end].rpartition(" ")
        if tail in GENERIC_TAILS and (m.start, m.start + len(head)) in starts:
            continue
        kept.append(m)
    return kept


def _judge(doc: _Doc, match: NameMatchLike, rules: PlaceRules) -> Mention | None:
    surface = doc.text[match.start : match.end]
    if not _is_name_word(surface):
        return None  # "Al" of "Al Shabaab", "El" of "El Palo": an article alone names no place
    if _acronym(surface, match) and not _dateline(doc.text, match.start, surface):
        return None  # "UN", "SANA": an organisation's initials, not the place Un or Sanaa
    span = doc.token_range(match.start, match.end)
    ent = doc.covering_entity(match.start, match.end)
    if ent is not None and _after_a_bare_possessive(doc, ent, span):
        ent = None  # "Syrias Aleppo" (an apostrophe lost in scraping) tagged PRODUCT
    label = ent.label if ent else None
    if not span or label in rules.non_place_labels:
        return None
    if ent is not None and _part_of_other_name(doc, ent, span, rules):
        return None
    if PERSON_AFTER.match(doc.text, match.end):
        return None  # "Downey, 72, and ...": a person and their age
    cue = _cue(doc, span, rules)
    words = [
        doc.tokens[i]
        for i in span
        if _is_name_word(doc.tokens[i].text)
        and doc.word(i) not in rules.direction_words
        and doc.word(i) not in rules.admin_words  # "Pakokku district": the unit word is no name
        and not (i > span.start and doc.word(i) in rules.name_particles)  # "Santiago del Estero"
    ]
    if words and all(t.tag == "JJ" for t in words):
        return Mention(match.start, match.end, match.key, cue, True, "DEMONYM")  # "Syrian"
    namelike = all(_namelike(doc, t) for t in words) or _framed_as_place(doc, span, rules)
    if label not in rules.place_labels and not namelike:
        return None
    if label not in ("GPE", "LOC") and _not_a_place_here(doc, span, surface, rules):
        return None
    if _tail_of_longer_name(doc, span, rules, ner_place=label in ("GPE", "LOC")):
        return None
    if label != "GPE" and len(span) == 1 and doc.word(span.start) in rules.common_words:
        return None
    if len(span) == 1 and doc.word(span.start) in rules.common_words | rules.direction_words:
        following = doc.tokens[span.stop] if span.stop < len(doc.tokens) else None
        if following is not None and following.pos == "PROPN" and following.text[:1].isupper():
            return None  # "Eastern Maliha", "North Okkalapa": the head of a longer name
    strong = (
        label in rules.place_labels
        or cue is not None
        or _after_preposition(doc, span, rules)
        or _dateline(doc.text, match.start, surface)
    )
    return Mention(match.start, match.end, match.key, cue, strong, label)


def _not_a_place_here(doc: _Doc, span: range, surface: str, rules: PlaceRules) -> bool:
    """Words that NER did not call a place and that read as something else in context."""
    if _generic(doc, span, rules):
        return True
    after_preposition = doc.word(span.start - 1) in rules.place_prepositions or (
        doc.word(span.start - 2) in rules.place_prepositions
        and _bare_possessive(doc.tokens[span.start - 1].text if span.start > 0 else "")
    )  # "in Aleppo", "in Syrias Aleppo"
    # "Jones said", after "Tom Jones" was introduced
    return surface.lower() in doc.person_words and not after_preposition


def _acronym(surface: str, match: NameMatchLike) -> bool:
    """All-caps and short, matched by a case-blind key (exact-case aliases like "US" pass)."""
    letters = [c for c in surface if c.isalpha()]
    return surface.isupper() and len(letters) <= 4 and match.key != surface


def _capitalised(surface: str, rules: PlaceRules) -> bool:
    """Written as a name: "Homs", "al-Sukhnah", or "eastern Ghouta" (a lowercase direction)."""
    body = ARTICLE_PREFIX.sub("", surface, count=1)
    first, _, rest = body.partition(" ")
    if first.lower() in rules.direction_words and rest:
        body = rest
    return bool(body) and body[0].isupper()


def _generic(doc: _Doc, span: range, rules: PlaceRules) -> bool:
    """An everyday word, part of an address, or the tail of a longer proper name."""
    words = [doc.word(i) for i in span]
    if len(words) == 1 and words[0] in rules.common_words:
        return True
    street = doc.word(span.stop) in rules.street_words
    return street and doc.tokens[span.stop].text[:1].isupper()  # "Dublin Road"


def _tail_of_longer_name(doc: _Doc, span: range, rules: PlaceRules, *, ner_place: bool) -> bool:
    """Preceded by a capitalised word of another name: "Main Street", "Islamic State Khorasan".

    Where NER calls the match a place, only a capitalised everyday word before it counts
    ("West Texas Intermediate"), not a name ("Pleasant Township", "Baghdad Homs").
    """
    before = span.start - 1
    while before > 0 and (
        ARTICLE_PREFIX.fullmatch(doc.word(before) + "-") or doc.word(before) in rules.name_particles
    ):
        before -= 1  # "Ghadir al Bostan", "Boca do Rio": look past the article or particle
    if before < 0 or before in doc.place_tokens:
        return False
    token = doc.tokens[before]
    if doc.word(before) in rules.direction_words:
        return False  # "North Texas", "Northeast Georgia"
    if (
        _bare_possessive(doc.tokens[before].text)
        and doc.word(before - 1) in rules.place_prepositions
    ):
        return False  # "in Syrias Aleppo": a possessive that lost its apostrophe
    if ner_place and doc.word(before) not in rules.common_words:
        return False
    if token.text[:1].isupper() and token.pos == "PROPN":
        return not _sentence_initial(doc, before)
    return False


def _sentence_initial(doc: _Doc, index: int) -> bool:
    if index == 0:
        return True
    gap = doc.text[doc.tokens[index - 1].end : doc.tokens[index].start]
    return "\n" in gap or doc.tokens[index - 1].text in (".", "!", "?", ":", '"', "“")


def _is_name_word(word: str) -> bool:
    """Words that must look like a name: not punctuation, not an Arabic article."""
    return any(c.isalpha() for c in word) and ARTICLE_PREFIX.fullmatch(word + "-") is None


def _framed_as_place(doc: _Doc, span: range, rules: PlaceRules) -> bool:
    """Capitalised inside a sentence, after a place preposition (and a lowercase direction: "in
    central Thessaloniki") or before a unit word: "in Sagaing town" is a place although the
    tagger reads "Sagaing" as a verb."""
    first = doc.tokens[span.start]
    if not first.text[:1].isupper() or _sentence_initial(doc, span.start):
        return False
    units = rules.unit_words | rules.admin_words | rules.settlement_words
    return _after_preposition(doc, span, rules) or doc.word(span.stop) in units


def _after_preposition(doc: _Doc, span: range, rules: PlaceRules) -> bool:
    """After a place preposition, or a preposition and a lowercase direction: "in central
    Thessaloniki", "in northern Aleppo"."""
    before = span.start - 1
    if doc.word(before) in rules.direction_words and doc.tokens[before].text.islower():
        before -= 1
    return doc.word(before) in rules.place_prepositions


def _namelike(doc: _Doc, token: Token) -> bool:
    """Tagged a proper noun, or capitalised inside a sentence ("the capital Sana'a")."""
    if token.pos == "PROPN" or token.tag in ("NNP", "NNPS") or token.text.isupper():
        return True
    index = bisect.bisect_left(doc.index.starts, token.start)
    return (
        token.text[:1].isupper()
        and token.pos in ("X", "INTJ", "NOUN")
        and not (_sentence_initial(doc, index))
    )


def _after_a_bare_possessive(doc: _Doc, ent: Entity, span: range) -> bool:
    """Whether the entity is the match behind a possessive that lost its apostrophe ("Syrias
    Aleppo", "Iraqs Mosul"): a capitalised word ending in "s" as the entity's first token."""
    inside = doc.token_range(ent.start, ent.end)
    if span.start != inside.start + 1 or span.stop != inside.stop:
        return False
    return _bare_possessive(doc.tokens[inside.start].text)


def _bare_possessive(word: str) -> bool:
    """ "Syrias", "Iraqs": a capitalised name with an "s" where "'s" was."""
    return len(word) > 3 and word[0].isupper() and word[1:].islower() and word[-1] == "s"


def _part_of_other_name(doc: _Doc, ent: Entity, span: range, rules: PlaceRules) -> bool:
    """True when the match is one piece of a longer person or organisation name."""
    inside = doc.token_range(ent.start, ent.end)
    after, before = span.stop, span.start - 1
    if ent.label == "FAC" and after in inside and doc.word(after) in rules.org_suffixes:
        return True  # "Aleppo Central Prison", "Homs Military Academy": a building
    if before in inside and doc.word(before) == "for":
        return True  # "the Syrian Observatory for Human Rights": a body's name
    if ent.label == "PERSON":
        # "Michael Jordan": a neighbouring proper noun inside the person's name.
        return any(i in inside and doc.tokens[i].tag == "NNP" for i in (before, after))
    return False


def _cue(doc: _Doc, span: range, rules: PlaceRules) -> str | None:
    after = doc.word(span.stop)
    if after in rules.admin_words or doc.word(span.stop - 1) in rules.admin_words:
        return "admin"  # "Homs province", or a name that says it: "Boone County"
    if after in ("city",) or doc.word(span.start - 1) in rules.settlement_words:
        return "settlement"  # "Aleppo city", "the capital Sana'a", "the town Sukhnah"
    if doc.word(span.start - 1) == "of":
        head = doc.word(span.start - 2)
        if head in rules.admin_words:
            return "admin"
        if head in rules.settlement_words:
            return "settlement"
    return _list_cue(doc, span, rules)


def _list_cue(doc: _Doc, span: range, rules: PlaceRules) -> str | None:
    """An admin word a few tokens back, with only names and list glue in between."""
    index = span.start - 1
    for _ in range(rules.admin_list_window):
        if index < 0:
            return None
        word = doc.word(index)
        if word in rules.admin_plurals:
            return "admin"
        if word not in rules.list_glue and not _namelike(doc, doc.tokens[index]):
            return None
        index -= 1
    return None


def _dateline(text: str, start: int, surface: str) -> bool:
    """An all-caps place at the start of a line, as in ``ADEN, Yemen (Reuters) -``."""
    line_start = text.rfind("\n", 0, start) + 1
    following = text[start + len(surface) : start + len(surface) + 3].lstrip()
    return (
        surface.isupper()
        and not text[line_start:start].strip()
        and following[:1] in (",", "(", "-", "\u2013", "\u2014")
    )
