"""An event's attributes read from the article: date, fatalities, actors (its place: location.py).

Each reader returns the value and the span it was read from. The date and fatality readers of
their own modules (``conflictwire.dates``, ``events.fatalities``) are imported lazily.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from ..models import ActorMention, Article, Span
from ..places.written import DATELINE
from ..positions import actors_of
from ..view import TokenIndex
from .rules import EventRules


@dataclass
class Dated:
    date: str
    precision: int
    span: Span | None


def _iso(value: Any) -> str:
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)[:10]


def _date_readers() -> tuple[Any, Any]:
    from ..dates import find_dates, publication_date

    return find_dates, publication_date


def sentence_dates(article: Article, span: Span) -> list[Dated]:
    """The dates of one sentence (read once per sentence of an article; do not change the list)."""
    if article.nlp is None:
        return _sentence_dates(article, span)
    memo = article.nlp.memo("sentence_dates", article, dict)
    if span not in memo:
        memo[span] = _sentence_dates(article, span)
    found: list[Dated] = memo[span]
    return found


def _sentence_dates(article: Article, span: Span) -> list[Dated]:
    find_dates, _ = _date_readers()
    entities = article.nlp.index.entities_in(*span) if article.nlp else []
    datelines = [m.span() for m in DATELINE.finditer(article.text, span[0], span[1])]
    return [
        Dated(_iso(d.date), int(d.precision or 1), (d.start, d.end))
        for d in find_dates(article.text, span, entities, article.published)
        if d.date is not None and not any(s <= (d.start or -1) < e for s, e in datelines)
    ]


BACKGROUND_DAYS = 30  # a date this long before publication is background, not the news
HISTORY_DAYS = 3 * 365  # ... and over three years before, history: not coded from this report


def is_background(dated: Dated, article: Article) -> bool:
    """Whether a date is well before the article's publication (a past event it recalls)."""
    return _days_before(dated, article) > BACKGROUND_DAYS


def is_history(dated: Dated, article: Article) -> bool:
    """Whether a date is years before the article's publication: a commemoration's battle, a
    book's siege. A report recalls such events; it is not a source for them."""
    return _days_before(dated, article) > HISTORY_DAYS


def history_headline(article: Article) -> bool:
    """Whether the headline dates its subject years back ("100 years since the battle", "the
    trenches of 1916"): the report's undated triggers speak of that past."""
    from ..dates import years_back

    return years_back(article.title or "", article.published) * 365 > HISTORY_DAYS


def _days_before(dated: Dated, article: Article) -> int:
    published = published_date(article)
    if published is None:
        return 0
    try:
        day, pub = dt.date.fromisoformat(dated.date), dt.date.fromisoformat(published.date)
    except ValueError:
        return 0
    return (pub - day).days


def published_date(article: Article) -> Dated | None:
    _, publication_date = _date_readers()
    value = publication_date(article.published) if article.published else None
    if value is None or value.date is None:
        return None
    return Dated(_iso(value.date), int(value.precision or 1), None)


def fatalities(
    article: Article, spans: list[Span], headline: Span | None = None
) -> tuple[int, Span | None]:
    """The event's toll: the first precise figure of its sentences; one in the ``headline``
    is compared with the next sentence's, and the lower taken, as ACLED takes the lower of
    conflicting reports ("Suicide bomber kills 13" above "killing at least nine people").
    A vague word counts only without a precise figure ("Dozens dead" above "at least 27")."""
    from .fatalities import find_fatalities

    vague = None
    first = None
    for span in dict.fromkeys(spans):  # each sentence once, in order
        found = find_fatalities(article.text, span)
        if found is None or found.count is None:
            continue
        if found.vague:
            vague = vague or found
        elif first is None and span == headline:
            first = found
        else:
            best = found if first is None or found.count < first.count else first
            return int(best.count), (best.start, best.end)
    chosen = first or vague
    return (int(chosen.count), (chosen.start, chosen.end)) if chosen else (0, None)


AGENT_CHARS = 80  # how far after a passive trigger its "by X" may be
AGENT_WORDS = 3  # "an attack by X", "a grenade attack by unknown X": the agent of a noun trigger


def actors_near(
    article: Article, sentence: Span, trigger: Span, rules: EventRules
) -> tuple[ActorMention | None, ActorMention | None]:
    """Actor 1 and actor 2 of a trigger: by the parse where there is one, else by position.

    A passive trigger ("a man was shot by gunmen"), or one followed closely by "by X" ("an
    attack by X"), takes its agent as actor 1 and the mention before it as actor 2.
    """
    mentions = [
        a
        for a in actors_of(article).starting_in(sentence)
        if not is_source(article.text, a, trigger)
    ]
    if not mentions:
        return None, None
    subject, obj, did_it = _by_parse(article, mentions, trigger)
    # "A U.S. drone strike": the mention that begins before the trigger and runs into it.
    before = [a for a in mentions if a.start < trigger[0] and a.end < trigger[1]]
    after = [a for a in mentions if a.start >= trigger[1]]
    if obj is not None and did_it:
        # "A roadside bomb killed three soldiers": what the trigger did was done to the object.
        actor1 = subject or (before[-1] if before else None)
        return actor1, (obj if actor1 is None or obj.actor != actor1.actor else None)
    close = _agent(article.text, trigger, after, AGENT_WORDS)
    if _passive(article.text, trigger, rules) or (close is not None and subject is None):
        agent = subject or close or _agent(article.text, trigger, after)
        victim = obj or (before[-1] if before else None)
        if victim is not None and agent is not None and victim.actor == agent.actor:
            victim = None
        return agent, victim
    actor1 = subject or (before[-1] if before else None) or (after[0] if after else None)
    rest = [a for a in after if a is not actor1 and a.actor != (actor1.actor if actor1 else None)]
    actor2 = obj or (rest[0] if rest else None)
    if actor2 is actor1:
        actor2 = None
    return actor1, actor2


def is_source(text: str, mention: ActorMention, trigger: Span | None = None) -> bool:
    """Whether a mention names the report's source, not an actor: "Houthi health officials
    said" anywhere, a group followed by "said" after the trigger (", the air force said") or
    anywhere when no trigger is given."""
    from .fatalities import source_after

    found = source_after().match(text, mention.end)
    if found is None:
        return False
    return found.group("noun") is not None or trigger is None or mention.start > trigger[1]


def _passive(text: str, trigger: Span, rules: EventRules) -> bool:
    words = text[max(0, trigger[0] - 20) : trigger[1]].lower().split()
    if not words:
        return False
    said = text[trigger[0] : trigger[1]].lower().split()
    before = words[: len(words) - len(said)]
    return said[0] in rules.passive_aux or bool(before and before[-1] in rules.passive_aux)


def _agent(
    text: str, trigger: Span, after: list[ActorMention], words: int | None = None
) -> ActorMention | None:
    """The "by X" after a trigger, within AGENT_CHARS (or within ``words`` words)."""
    for mention in after:
        between = text[trigger[1] : mention.start]
        if mention.start - trigger[1] > AGENT_CHARS:
            return None
        if words is not None and len(between.split()) > words:
            return None
        if re.search(r"\bby\b", between):
            return mention
    return None


def _by_parse(
    article: Article, mentions: list[ActorMention], trigger: Span
) -> tuple[ActorMention | None, ActorMention | None, bool]:
    """The trigger's subject and object among the mentions, and whether the trigger is itself
    the subject of its verb ("A roadside bomb killed three soldiers": the object is then what
    the verb did to)."""
    view = article.nlp
    if view is None or not view.index.has_parse:
        return None, None, False
    index = view.index
    heads = index.between(trigger[0], trigger[1])
    if not heads:
        return None, None, False
    verb = heads[0]
    subject = obj = None
    top = _top(index, heads)
    did_it = index.tokens[top].dep == "nsubj"
    if did_it:  # the trigger did it: its object suffered it
        obj = _object_of(mentions, index, index.tokens[top].head)
    for i in index.children[verb]:
        tok = index.tokens[i]
        if tok.dep in ("nsubj",) or (tok.dep == "agent"):
            subject = subject or _mention_at(mentions, index, i)
        elif tok.dep in ("dobj", "nsubjpass", "obj"):
            obj = obj or _mention_at(mentions, index, i)
        elif tok.dep == "prep" and tok.lemma in ("with", "against", "on"):
            kid = index.child(i, {"pobj"})
            if kid is not None:
                obj = obj or _mention_at(mentions, index, kid)
    return subject, obj, did_it


def _top(index: TokenIndex, heads: range) -> int:
    """The token of a trigger whose head lies outside it ("strike" of "drone strike")."""
    return next((i for i in heads if index.tokens[i].head not in heads), heads[0])


def _object_of(mentions: list[ActorMention], index: TokenIndex, verb: int) -> ActorMention | None:
    """The actor named as the direct object of ``verb``."""
    kid = index.child(verb, {"dobj", "obj"})
    return _mention_at(mentions, index, kid) if kid is not None else None


def _mention_at(mentions: list[ActorMention], index: TokenIndex, at: int) -> ActorMention | None:
    tokens = index.tokens
    sub = [tokens[c] for c in index.children[at]] + [tokens[at]]
    start, end = min(t.start for t in sub), max(t.end for t in sub)
    for a in mentions:
        if a.start < end and start < a.end:
            return a
    return None


def is_headline(article: Article, sentence: Span) -> bool:
    """Whether a sentence is the article's headline: its title, written as a line of the text."""
    words = article.text[sentence[0] : sentence[1]].strip()
    title = (article.title or "").strip()
    return bool(title) and words == title
