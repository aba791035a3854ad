"""Who an article has named so far, and what it said of them: the people (their name spans,
by each word of the name), the titles and affiliations their quotes gave them, and the bodies and
groups that spoke. The speaker stage (``speakers.Speakers``) asks it who a short name, a pronoun
or "the spokesman" stands for.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from ..view import SUBJECTS, TokenIndex


@dataclass(frozen=True)
class SpeakerMention:
    text: str
    start: int
    end: int
    kind: str  # "person", "pronoun" or "description"
    title: str | None = None
    affiliation: str | None = None
    type: str | None = None  # "person", "organisation", "unnamed" (an unnamed source); None

    @property
    def speaker_type(self) -> str | None:
        return "person" if self.kind == "person" else self.type


class Named:
    def __init__(self, text: str, parse: TokenIndex) -> None:
        self.text, self.parse = text, parse
        self.people: list[tuple[int, int]] = []  # spans of person names, in text order
        # the spans of those names by each of their words (a look-up instead of a scan of every
        # name per mention: a long article names thousands of people)
        self.people_by_word: dict[str, list[tuple[int, int]]] = {}
        self.described: dict[int, SpeakerMention] = {}  # full names with a title or affiliation
        self.title_words: dict[int, set[str]] = {}  # a name's titles, as its quotes gave them
        self._body_starts: list[int] = []  # bodies and groups that spoke, in text order
        self._bodies: list[SpeakerMention] = []

    def add_person(self, span: tuple[int, int]) -> None:
        """Keep a person's name span, in text order, once."""
        at = bisect_left(self.people, span)
        if at < len(self.people) and self.people[at] == span:
            return
        self.people.insert(at, span)
        for word in set(self.text[span[0] : span[1]].split()):
            self.people_by_word.setdefault(word, []).append(span)

    def remember(self, mention: SpeakerMention) -> None:
        """Keep a full name's title and affiliation for its later short mentions, and a body or
        group that spoke for a later "it" or "they"."""
        if mention.kind == "person" and (mention.title or mention.affiliation):
            self.described.setdefault(mention.start, mention)
        if mention.kind == "person" and mention.title:
            self.title_words.setdefault(mention.start, set()).update(mention.title.lower().split())
        if mention.kind == "description" and mention.type is not None:
            at = bisect_right(self._body_starts, mention.start)
            self._body_starts.insert(at, mention.start)
            self._bodies.insert(at, mention)

    def antecedent(self, offset: int) -> tuple[int, int] | None:
        """The person a he/she at ``offset`` stands for: the last one named as a subject in
        its paragraph or the one before ("Obama said after meeting Putin. He …"), else the
        last one named; None where no one is named before ``offset``."""
        floor = self.paragraph_floor(offset)
        tokens = self.parse.tokens
        last = None
        # names that start at or before ``offset``, walked back from the nearest
        for i in range(bisect_right(self.people, (offset, offset)) - 1, -1, -1):
            start, end = self.people[i]
            if end > offset:
                continue
            last = last or (start, end)
            if start < floor:
                break
            if tokens[self.parse.index_at(end - 1)].dep in SUBJECTS:
                return start, end
        return last

    def full_name(self, mention: SpeakerMention) -> tuple[int, int] | None:
        words = set(mention.text.split())
        # only names that hold the mention's words can be its full name
        holding = min((self.people_by_word.get(w, []) for w in words), key=len, default=None)
        longer = [
            p
            for p in (self.people if holding is None else sorted(holding))
            if words < set(self.text[p[0] : p[1]].split())
            and len(self.text[p[0] : p[1]].split()) > len(words)
        ]
        if not longer:
            return None
        before = [p for p in longer if p[1] <= mention.start]
        return before[-1] if before else longer[0]

    def body_before(self, pronoun: SpeakerMention) -> SpeakerMention | None:
        """The organisation ("it", "its") or group ("they") that spoke last before the pronoun,
        in its paragraph or the one before."""
        floor = self.paragraph_floor(pronoun.start)
        plural = pronoun.text.lower() in ("they", "their", "them")
        for n in range(bisect_left(self._body_starts, pronoun.start) - 1, -1, -1):
            body = self._bodies[n]
            if body.start < floor:
                break
            if body.type == "organisation" or plural:
                return body
        return None

    def source_before(self, pronoun: SpeakerMention, after: int) -> SpeakerMention | None:
        """The unnamed singular source ("a commander of one of the groups", "an official") that
        spoke last before a he/she, in its paragraph or the one before, where no person is
        named between them."""
        floor = max(self.paragraph_floor(pronoun.start), after + 1)
        for n in range(bisect_left(self._body_starts, pronoun.start) - 1, -1, -1):
            body = self._bodies[n]
            if body.start < floor:
                break
            first = body.text.split()[0].lower() if body.text.strip() else ""
            if body.type == "unnamed" and first in ("a", "an"):
                return body
        return None

    def paragraph_floor(self, offset: int) -> int:
        """Start of the paragraph before the one holding ``offset``."""
        here = self.text.rfind("\n", 0, offset)
        above = here  # the end of the paragraph before, its trailing blank lines left out
        while above > 0 and self.text[above - 1].isspace():
            above -= 1
        return self.text.rfind("\n", 0, above) + 1 if here > 0 else 0
