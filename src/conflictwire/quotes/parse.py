"""Token look-ups over the NLP view: offsets to tokens, children, subtrees."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable

from ..models import Entity, NlpView, Token

SUBJECTS = frozenset({"nsubj", "nsubjpass"})


class Parse:
    def __init__(self, view: NlpView) -> None:
        self.tokens: list[Token] = view.tokens
        self.entities = view.entities
        self.sentences = view.sentences
        self.starts = [t.start for t in self.tokens]
        self.sentence_starts = [s[0] for s in self.sentences]
        self.children: list[list[int]] = [[] for _ in self.tokens]
        for i, tok in enumerate(self.tokens):
            if tok.head != i and 0 <= tok.head < len(self.tokens):
                self.children[tok.head].append(i)
        # Hand-made views (tests) have no dependency labels: callers fall back to the surface.
        self.has_deps = any(t.dep in SUBJECTS for t in self.tokens)

    def index_at(self, offset: int) -> int:
        """Index of the first token that ends after ``offset``."""
        return max(0, bisect_right(self.starts, offset) - 1) if self.tokens else 0

    def between(self, start: int, end: int) -> range:
        """Indices of the tokens that lie inside ``[start, end)``."""
        return range(bisect_left(self.starts, start), bisect_left(self.starts, end))

    def child(self, i: int, deps: frozenset[str] | set[str]) -> int | None:
        return next((c for c in self.children[i] if self.tokens[c].dep in deps), None)

    def subtree(
        self, i: int, skip: frozenset[str] = frozenset(), cut: Callable[[int], bool] | None = None
    ) -> tuple[int, int]:
        """First and last token index of ``i``'s subtree, leaving out its children whose
        relation is in ``skip`` and any descendant for which ``cut`` is true."""
        lo = hi = i
        stack = [i]
        while stack:
            j = stack.pop()
            for c in self.children[j]:
                if (self.tokens[c].dep in skip and j == i) or (cut is not None and cut(c)):
                    continue
                lo, hi = min(lo, c), max(hi, c)
                stack.append(c)
        return lo, hi

    def depth(self, i: int) -> int:
        """How many heads lie above token ``i`` (0 for a sentence's root)."""
        n = 0
        while self.tokens[i].head != i and n < 50:
            i, n = self.tokens[i].head, n + 1
        return n

    def sentence_span(self, offset: int) -> tuple[int, int]:
        i = bisect_right(self.sentence_starts, offset) - 1
        if 0 <= i < len(self.sentences) and self.sentences[i][0] <= offset < self.sentences[i][1]:
            return self.sentences[i]
        return offset, offset

    def entity_at(self, start: int, end: int) -> Entity | None:
        """The first entity overlapping ``[start, end)``."""
        return next((e for e in self.entities if e.start < end and start < e.end), None)
