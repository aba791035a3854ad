"""Trigger words in a sentence: which ACLED sub-types it speaks of, and where.

Patterns match a sentence's words (``words``) the longest first and a word belongs to one
trigger only ("air strike" is not a "strike"). Triggers shortly after negation, modality,
threats or denials are dropped, and so are those inside a protest's motive ("protested
against the killing of ...").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from ..models import ActorMention, Span
from ..positions import actors_by_position
from ..quotes.marks import OPENERS, quoted_spans
from ..view import NlpView, Token
from .background import reported
from .rules import GAP, EventRules, Pattern, stem
from .senses import in_its_sense
from .words import Hit, Word, match_at, matches, sentence_words

# Words that end a protest's motive clause: what follows may be the event again.
_CLAUSE_END = {",", ";", "which", "when", "before", "but", "while", "until", "where", "as", "and"}


def _all_hits(words: list[Word], rules: EventRules) -> list[Hit]:
    found: list[tuple[int, bool, Hit]] = []
    index = rules.pattern_index()
    for i, word in enumerate(words):
        for key in sorted(word.keys):  # in a fixed order: ties keep the first found
            for strong, sub_type, pattern in index.get(key, ()):
                end = match_at(words, i, pattern)
                if end is None:
                    continue
                size = sum(1 for w in pattern if w != GAP)
                hit = Hit(sub_type, strong, word.start, words[end - 1].end, i, end - 1, word.token)
                found.append((size, GAP in pattern, hit))
    # Longest first, an unbroken phrase before one with a gap ("mine attack" before "attack ...
    # convoy"), then strong before weak, then higher rank, then the one that spans more words
    # ("killed 2 civilian men" before "killed 2 civilian"): each word serves one trigger.
    found.sort(
        key=lambda p: (
            -p[0],
            p[1],
            not p[2].strong,
            -rules.sub_type(p[2].sub_type).rank,
            p[2].first - p[2].last,
        )
    )
    taken: set[int] = set()
    kept: list[Hit] = []
    for _, _, hit in found:
        positions = set(range(hit.first, hit.last + 1))
        if positions & taken:
            continue
        taken |= positions
        kept.append(hit)
    return sorted(kept, key=lambda h: h.first)


def _cue_before(words: list[Word], pos: int, cues: list[Pattern], window: int) -> bool:
    for i in range(max(0, pos - window), pos):
        keys = words[i].keys
        for cue in cues:
            end = match_at(words, i, cue) if cue[0] in keys or cue[0] == GAP else None
            if end is not None and end <= pos:
                return True
    return False


def _in_motive(words: list[Word], hit: Hit, hits: list[Hit], rules: EventRules) -> bool:
    """Whether ``hit`` sits in the motive of an earlier protest trigger of the sentence."""
    protest = rules.ontology.group("protest")
    protests = [h.last for h in hits if h.sub_type in protest and h.last < hit.first]
    if not protests or hit.sub_type in protest:
        return False
    for i in range(protests[0] + 1, hit.first):
        if matches(words, rules.motive_cues, (i,)):
            between = words[i + 1 : hit.first]
            if not any(w.text in _CLAUSE_END for w in between):
                return True
    return False


_MONTHS = {"march", "may"}  # months that are also trigger words


def _month(text: str, hit: Hit, span: Span) -> bool:
    """A capitalised "March" or "May" inside a sentence is a month, not a protest or a modal."""
    word = text[hit.start : hit.end]
    return word.lower() in _MONTHS and word[:1].isupper() and hit.start > span[0]


def _in_name(view: NlpView, text: str, hit: Hit, span: Span, words: list[Word]) -> bool:
    """A capitalised trigger inside a sentence, tagged a proper noun, is part of a name
    ("Kosovo Liberation Army", "the Fight Committee"); one that ends on a common noun is not
    ("a Molotov cocktail")."""
    token = view.tokens[hit.token]
    last = view.tokens[words[hit.last].token]
    return (
        token.pos == "PROPN"
        and last.pos in ("PROPN", "")
        and text[hit.start : hit.start + 1].isupper()
        and hit.start > span[0]
    )


def find_triggers(
    view: NlpView,
    text: str,
    span: Span,
    rules: EventRules,
    actors: Sequence[ActorMention] = (),
    lead: Sequence[Word] = (),
) -> list[Hit]:
    """The triggers of one sentence that report an event that happened (``actors``: the
    article's actor mentions, and ``lead``: the words of its lead, which a trigger with an
    everyday sense may need beside it)."""
    words = sentence_words(view, text, span)
    # a date ("March 3") or a person ("Loretta Lynch") is no trigger
    names = [(e.start, e.end) for e in view.index.entities_in(*span) if e.label in NOT_TRIGGERS]
    hits = [
        h
        for h in _all_hits(words, rules)
        if not any(s < h.end and h.start < e and h.end <= e for s, e in names)
        and not _month(text, h, span)
        and not _in_name(view, text, h, span, words)
    ]
    kept = [
        replace(h, strong=False) if _weak_here(view, text, span, h, hits, rules) else h
        for h in hits
        if not _cue_before(words, h.first, rules.cancel_cues, rules.cancel_window)
        and not _in_motive(words, h, hits, rules)
        and _has_context(words, h, rules)
        and in_its_sense(words, h, span, actors_by_position(view, actors).starting_in(span), lead)
        and not _intended(view, h, rules)
        and not _takeover_to_come(view, h, rules)
    ]
    return reported(view, words, kept)


def _weak_here(
    view: NlpView, text: str, span: Span, hit: Hit, hits: list[Hit], rules: EventRules
) -> bool:
    """Whether a trigger is only weak evidence of its event's type here: inside a quoted term,
    a participle that describes a noun ("a mission fighting the gangs"),
    a battle that is the circumstance of a weapon's use ("grenades were hurled at troops during
    Friday's armed clashes") or an attack whose weapon another trigger names ("a grenade attack
    on a police post")."""
    if _quoted_term(text, span, hit):
        return True
    if not view.index.has_parse:
        return False
    token = view.tokens[hit.token]
    if token.tag == "VBG" and token.dep == "acl":
        return True  # describes who someone is: "a multinational mission fighting the gangs"
    if _backdrop(view, hit, hits, rules):
        return True
    if token.pos == "NOUN" and token.dep == "pobj" and _beside_a_weapon(hit, hits, rules):
        head = view.tokens[token.head]
        if (head.lemma or head.text).lower() in CIRCUMSTANCES:
            return True
    return any(
        view.tokens[c].dep == "compound"
        and any(o is not hit and o.start <= view.tokens[c].start < o.end for o in hits)
        for c in view.index.children[hit.token]
    )


# Prepositions whose object is the setting of another event, not the event itself.
CIRCUMSTANCES = frozenset({"during", "amid", "amidst"})
# ... and the words that open what came before or around it, after another event's trigger:
# "agreed a ceasefire, following two weeks of fighting", "as Iraqi forces battle IS in Mosul".
BACKDROP_PREPOSITIONS = frozenset({"after", "following", "since", "amid", "amidst", "during"})
BACKDROP_MARKS = frozenset({"as", "after", "since", "while"})


def _opens_a_backdrop(token: Token) -> bool:
    return (
        token.text.lower() in BACKDROP_PREPOSITIONS or token.lemma.lower() in BACKDROP_PREPOSITIONS
    )


def _backdrop(view: NlpView, hit: Hit, hits: list[Hit], rules: EventRules) -> bool:
    """Whether a trigger sits in a clause or phrase that sets the scene for a strong trigger
    of another event type before it in its sentence (demonstrations aside: "clashes" during a
    protest are its violence)."""
    tokens = view.tokens
    at = hit.token
    if tokens[at].dep == "conj":  # "during the violence and clashes"
        at = tokens[at].head
    token = tokens[at]
    opener = None  # the preposition or mark that opens the scene
    head = tokens[token.head]
    if token.dep in ("pobj", "pcomp") and _opens_a_backdrop(head):
        opener = head  # "following a clash", "after fighting on October 16"
    elif token.dep == "pobj" and head.lemma.lower() == "of":
        noun = tokens[head.head]  # "after days of street fighting"
        if noun.dep == "pobj" and _opens_a_backdrop(tokens[noun.head]):
            opener = tokens[noun.head]
    else:  # "as Iraqi forces battle IS", "as border clashes entered the 7th day"
        verb = token.head if token.dep == "nsubj" else at
        marks = [
            tokens[c]
            for c in view.index.children[verb]
            if tokens[c].dep == "mark" and tokens[c].lemma.lower() in BACKDROP_MARKS
        ]
        opener = marks[0] if marks else None
    if opener is None:
        return False
    crowd = rules.ontology.event_types("demonstrations")
    kind = rules.sub_type(hit.sub_type).event_type
    return kind not in crowd and any(
        o.strong
        and o.start < opener.start
        and rules.sub_type(o.sub_type).event_type not in (kind, *crowd)
        for o in hits
    )


def _beside_a_weapon(hit: Hit, hits: list[Hit], rules: EventRules) -> bool:
    """A battle trigger beside a strong trigger of remote violence (a weapon's use)."""
    battles = rules.ontology.event_types("battles")
    remote = rules.ontology.event_types("remote_violence")
    return rules.sub_type(hit.sub_type).event_type in battles and any(
        o.strong and rules.sub_type(o.sub_type).event_type in remote for o in hits
    )


# A trigger inside a quoted term of at most this many words is a speaker's word for what
# happened ('reports of a "violent confrontation"'), weak evidence of the event's type.
QUOTED_TERM_WORDS = 4


def _quoted_term(text: str, span: Span, hit: Hit) -> bool:
    if not any(mark in text[span[0] : hit.start] for mark in OPENERS):
        return False
    piece = text[span[0] : span[1]]
    return any(
        q.close is not None
        and q.start <= hit.start - span[0]
        and hit.end - span[0] <= q.end
        and len(piece[q.start : q.end].split()) <= QUOTED_TERM_WORDS
        for q in quoted_spans(piece)
    )


def _has_context(words: list[Word], hit: Hit, rules: EventRules) -> bool:
    """A context-bound trigger ("marched") beside military words needs a protest word too;
    a strict one ("strike") needs a protest word and no military one."""
    bound = rules.context_triggers.get(hit.sub_type, set())
    strict = rules.strict_triggers.get(hit.sub_type, set())
    if hit.first != hit.last or not words[hit.first].keys & (bound | strict):
        return True

    def holds(cues: list[Pattern]) -> bool:
        return matches(words, cues, (i for i in range(len(words)) if i != hit.first))

    military = holds(rules.military_words[hit.sub_type])
    if words[hit.first].keys & strict:
        return not military and holds(rules.context_words[hit.sub_type])
    return not military or holds(rules.context_words[hit.sub_type])


NOT_TRIGGERS = ("DATE", "PERSON")


INTENT_DEPTH = 3  # heads walked up from a trigger to find a verb of intent
# Relations through which a verb of intent governs the trigger ("vowed to step up the fight").
INTENT_DEPS = ("xcomp", "advcl", "conj", "pobj", "prep", "dobj")


def _takeover_to_come(view: NlpView, hit: Hit, rules: EventRules) -> bool:
    """ "an attack to capture the positions ... was fended off": a takeover in the infinitive is
    an aim, unless it was managed ("managed to retake the town")."""
    if not view.index.has_parse or hit.sub_type not in rules.ontology.group("territory_taken"):
        return False
    children = view.index.children[hit.token]
    if not any(
        view.tokens[c].dep == "aux" and view.tokens[c].text.lower() == "to" for c in children
    ):
        return False
    head = view.tokens[view.tokens[hit.token].head]
    return stem(head.lemma or head.text) not in MANAGED


MANAGED = frozenset({stem("manage"), stem("succeed")})  # "managed to", "succeeded to"


def _intended(view: NlpView, hit: Hit, rules: EventRules) -> bool:
    """Whether the parse puts the trigger under a verb of intent ("vowed to ... liberate",
    "called for the withdrawal of troops")."""
    if not view.index.has_parse or not rules.intent_heads:
        return False
    index = hit.token
    for _ in range(INTENT_DEPTH):
        token = view.tokens[index]
        if token.dep not in INTENT_DEPS or token.head == index:
            return False
        index = token.head
        head = view.tokens[index]
        if stem(head.lemma or head.text) in rules.intent_heads and head.start < hit.start:
            return True
    return False


def armed_target(
    view: NlpView, text: str, span: Span, hit: Hit, rules: EventRules, attacker: Span | None = None
) -> bool:
    """Whether an attack's target is armed: an armed-target word after the trigger (before
    it when the trigger is passive, "a soldier was killed"), outside the attacker's mention."""
    words = sentence_words(view, text, span)
    passive = hit.first > 0 and words[hit.first - 1].text in rules.passive_aux
    span_of = range(0, hit.first) if passive else range(hit.last + 1, min(len(words), hit.last + 9))
    window = [
        i for i in span_of if attacker is None or not attacker[0] <= words[i].start < attacker[1]
    ]
    return matches(words, rules.armed_targets, window)


def taker_after(view: NlpView, text: str, span: Span, hit: Hit, rules: EventRules) -> bool:
    """Whether a territory trigger names its taker after it ("fell in the hands of ISIS")."""
    words = sentence_words(view, text, span)
    return matches(words, rules.taker_after, (hit.first,))
