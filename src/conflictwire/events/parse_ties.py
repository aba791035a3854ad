"""What the dependency parse says about a place and an event's trigger: whether the place is
where the trigger happened ("gathered in Hitachi") or the one acting ("Turkey launched an
offensive")."""

from __future__ import annotations

from ..models import Article, Place, Span
from ..view import NlpView

# Prepositions that put an event at a place: "clashed in X", "an attack near X".
LOCATIVE = {"in", "at", "near", "outside", "around", "inside", "across", "into", "on", "of"}
NAME_DEPS = {"compound", "flat", "amod", "nmod", "npadvmod", "appos", "nummod"}


def tied(article: Article, trigger: Span, place: Place) -> bool:
    """Whether the parse ties the place to the trigger: the place is the object of a locative
    preposition that hangs on the trigger or on the verb the trigger is part of ("protesters
    gathered in Hitachi", "demonstrated in Vasteras to denounce the shooting in Oslo")."""
    found = _tokens(article, trigger, place, NAME_DEPS)
    if found is None:
        return False
    view, index, at = found
    anchors = {index}
    while view.tokens[index].pos not in ("VERB", "AUX") and view.tokens[index].head != index:
        index = view.tokens[index].head
        anchors.add(index)
    prep = view.tokens[at].head
    return (
        view.tokens[at].dep == "pobj"
        and view.tokens[prep].text.lower() in LOCATIVE
        and view.tokens[prep].head in anchors
    )


def acts(article: Article, trigger: Span, place: Place) -> bool:
    """Whether the place is the subject of a trigger that takes an object, an actor by its name
    ("Turkey launched an offensive in northern Syria"); "Kabul fell to the Taliban" is Kabul's."""
    found = _tokens(article, trigger, place, {"compound", "flat"})
    if found is None:
        return False
    view, index, at = found
    if view.tokens[at].dep != "nsubj" or view.tokens[at].head != index:
        return False
    return view.index.child(index, {"dobj"}) is not None


def _tokens(
    article: Article, trigger: Span, place: Place, name_deps: set[str]
) -> tuple[NlpView, int, int] | None:
    """The view, the trigger's token and the token heading the place's name (climbing the
    ``name_deps`` that join a name's words), where the parse has both."""
    view = article.nlp
    if view is None:
        return None
    index = view.index.token_at(trigger[0])
    at = view.index.token_at(place.start)
    if index is None or at is None:
        return None
    while view.tokens[at].dep in name_deps and view.tokens[at].head != at:
        at = view.tokens[at].head
    return view, index, at
