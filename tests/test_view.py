"""The one token index over the NLP view: offsets to tokens, children, subtrees, sentences."""

from __future__ import annotations

from conflictwire.view import Entity, NlpView, Token


def _token(start: int, text: str, dep: str, head: int) -> Token:
    return Token(start, start + len(text), text, text.lower(), "X", "X", dep, head, "", "O")


def _view() -> NlpView:
    # "Rebels seized Marib ." with "seized" the root
    tokens = [
        _token(0, "Rebels", "nsubj", 1),
        _token(7, "seized", "ROOT", 1),
        _token(14, "Marib", "dobj", 1),
        _token(19, ".", "punct", 1),
    ]
    return NlpView("test", [(0, 20)], tokens, [Entity(14, 19, "GPE", "Marib")])


def test_offsets_map_to_tokens_and_gaps_to_none():
    index = _view().index
    assert index.token_at(8) == 1 and index.token_at(6) is None
    assert index.index_at(6) == 0
    assert list(index.between(7, 19)) == [1, 2]
    assert list(index.overlapping(10, 16)) == [1, 2]
    assert index.word(2) == "marib" and index.word(9) == ""


def test_children_subtrees_and_sentences():
    view = _view()
    index = view.index
    assert index.children[1] == [0, 2, 3]
    assert index.child(1, {"dobj"}) == 2
    assert index.subtree(1) == (0, 3)
    assert index.subtree(1, skip=frozenset({"nsubj"})) == (1, 3)
    assert index.depth(2) == 1
    assert view.sentence_of(15) == (0, 20) and view.sentence_of(25) is None
    assert index.entity_at(10, 16) is not None and index.entity_at(0, 5) is None


def test_a_view_without_a_parse_says_so():
    parsed = _view()
    flat = NlpView(
        "test",
        parsed.sentences,
        [_token(t.start, t.text, "", i) for i, t in enumerate(parsed.tokens)],
    )
    assert parsed.index.has_parse and not flat.index.has_parse
