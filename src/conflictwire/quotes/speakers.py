"""Speaker mentions: name, title and affiliation around a head word, and who a short name or a
pronoun stands for in the article ("Alaa" → "Alaa Mohamed", "he" → the person last named).

"said Major General Muhammad Khaddour with the Syrian army" → name ``Muhammad Khaddour``,
title ``Major General`` (data/quotes/titles.tsv), affiliation ``Syrian army``; an appositive
("Alaa Mohamed, a tribe force fighter") gives a title if it holds one and an affiliation from
its other words. Unnamed sources ("a military source", "residents") are kept as written. Who
the article has named so far, and what it said of them, is kept in ``named.Named``.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import replace

from ..view import TokenIndex
from .lexicon import Lexicon
from .named import Named, SpeakerMention

ORGANISATION_LABELS = frozenset({"ORG", "NORP", "GPE", "FAC"})
NOT_PERSON = frozenset({"ORG", "GPE", "NORP", "FAC", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART"})
DESCRIPTION_SKIP = frozenset({"relcl", "appos", "acl", "advcl", "punct", "cc", "conj"})
PREPOSITIONS = frozenset({"for", "of", "with", "at", "in", "from", "on"})
SURFACE_STOPS = frozenset({"to", "by", "in", "on", "at", "from", "with", "of", "and", "but"})
APPOS_END = frozenset({",", ".", ";", ":", "who", "which", "that", "(", ")", "—", "–"})


class Speakers:
    def __init__(self, text: str, parse: TokenIndex, lexicon: Lexicon, inside: list[bool]) -> None:
        self.text, self.parse, self.lex, self.inside = text, parse, lexicon, inside
        self.named = Named(text, parse)
        for ent in parse.entities:
            if ent.label == "PERSON" and not self._quoted(ent.start):
                self.named.add_person(self._without_possessive(ent.start, ent.end))

    def _quoted(self, offset: int) -> bool:
        return bool(self.parse.tokens) and self.inside[self.parse.index_at(offset)]

    def _without_possessive(self, start: int, end: int) -> tuple[int, int]:
        for suffix in ("'s", "’s"):
            if self.text.endswith(suffix, start, end):
                return start, end - len(suffix)
        return start, end

    # -- one mention ------------------------------------------------------------------------

    def describe(self, head: int) -> SpeakerMention:
        tokens = self.parse.tokens
        tok = tokens[head]
        if self.lex.is_pronoun(tok.text):
            return SpeakerMention(tok.text, tok.start, tok.end, "pronoun")
        ent = self.parse.entity_at(tok.start, tok.end)
        label = ent.label if ent is not None else ""
        known = tok.text in self.named.people_by_word
        known = known or tok.pos == "PROPN" and self._titled(head)  # "mayor Paola Castillo"
        a_name = label == "PERSON" or tok.pos == "PROPN" and (label not in NOT_PERSON or known)
        if a_name and (label == "PERSON" or known or not self._lone_name(head)):
            return self._person(head)
        named = self._named_in_apposition(head)
        if named is not None:
            return named
        described = self._description(head)
        if ent is not None and label in ORGANISATION_LABELS and ent.label != "NORP":
            start, end = min(ent.start, described.start), max(ent.end, described.end)
            return self._organisation(start, end)
        return described

    def _organisation(self, start: int, end: int) -> SpeakerMention:
        """An organisation's name as its entity and its description span it, with "the" before
        it ("the Syrian Observatory for Human Rights", whose parse may make "Rights" the
        subject; "Russia's defence ministry")."""
        first = self.parse.index_at(start)
        if first > 0 and self.parse.word(first - 1) == "the" and not self.inside[first - 1]:
            start = self.parse.tokens[first - 1].start
        start, end = self._without_possessive(start, end)
        return SpeakerMention(self.text[start:end], start, end, "description", type="organisation")

    def _lone_name(self, head: int) -> bool:
        """A single capitalised word that is no entity and no one's name ("JNIM said",
        "Houthis say"): a group more likely than a person."""
        tokens = self.parse.tokens
        alone = not (head > 0 and self._name_word(head - 1))
        alone = alone and not (head + 1 < len(tokens) and self._name_word(head + 1))
        return alone and self.parse.entity_at(tokens[head].start, tokens[head].end) is None

    def _named_in_apposition(self, head: int) -> SpeakerMention | None:
        """ "A spokesman for the coalition, Colonel Daniel Hayes, said": the person named in
        apposition to a description, with its title and affiliation."""
        if not self.parse.has_parse:
            return None
        tokens = self.parse.tokens
        name = self.parse.child(head, {"appos"})
        if name is None or tokens[name].pos != "PROPN" or self.inside[name]:
            return None
        while name + 1 < len(tokens) and self._name_word(name + 1):
            name += 1  # the name's last word
        person = self._person(name)
        title = self._head_title(head) or person.title
        affiliation = person.affiliation or self._described_affiliation(head)
        return replace(person, title=title, affiliation=affiliation)

    def _head_title(self, head: int) -> str | None:
        """The title a description's head is ("spokesman" in "the group's military
        spokesman"), with the modifiers that belong to it ("military spokesman")."""
        tokens = self.parse.tokens
        for title in self.lex.titles:
            lo = head - len(title) + 1
            if lo >= 0 and tuple(t.text.lower() for t in tokens[lo : head + 1]) == title:
                return self._span_text(lo, head)
        return None

    def _described_affiliation(self, head: int) -> str | None:
        """ "for the U.S.-led coalition" after the head, or the possessor before it ("The
        Houthis' spokesman")."""
        tokens = self.parse.tokens
        for c in self.parse.children[head]:
            if tokens[c].dep == "prep" and tokens[c].text.lower() in ("for", "of", "with"):
                obj = self.parse.child(c, {"pobj"})
                if obj is not None:
                    lo, hi = self.parse.subtree(obj)
                    while lo < hi and tokens[lo].text.lower() in self.lex.leading_words:
                        lo += 1
                    return self._span_text(lo, hi)
        poss = self.parse.child(head, {"poss"})
        if poss is not None and not self.lex.is_pronoun(tokens[poss].text):
            lo, hi = self.parse.subtree(poss)
            while lo < hi and tokens[lo].text.lower() in self.lex.leading_words:
                lo += 1
            while hi > lo and tokens[hi].text.lower() in ("'s", "’s", "'", "’"):
                hi -= 1
            return self._span_text(lo, hi)
        return None

    def _person(self, head: int) -> SpeakerMention:
        tokens = self.parse.tokens
        lo = hi = head
        while lo > 0 and self._name_word(lo - 1):
            lo -= 1
        while hi + 1 < len(tokens) and self._name_word(hi + 1):
            hi += 1
        title_end = self._title_at(lo, hi)
        title = None
        if title_end is not None and title_end < hi:
            title, lo = self._span_text(lo, title_end), title_end + 1
        else:
            before = self._title_before(lo)
            if before is not None:
                title = self._span_text(before, lo - 1)
        affiliation = self._affiliation_after(hi) or self._affiliation_before(lo, title)
        appos_title, appos_affiliation = self._appositive(hi)
        start, end = tokens[lo].start, tokens[hi].end
        start, end = self._without_possessive(start, end)
        title, affiliation = title or appos_title, affiliation or appos_affiliation
        return SpeakerMention(self.text[start:end], start, end, "person", title, affiliation)

    def _titled(self, head: int) -> bool:
        """A title is written just before the name run ``head`` ends (the entity label of a
        titled name is often wrong)."""
        lo = head
        while lo > 0 and self._name_word(lo - 1):
            lo -= 1
        return self._title_before(lo) is not None

    def _name_word(self, i: int) -> bool:
        tok = self.parse.tokens[i]
        return tok.pos == "PROPN" and not self.inside[i] and self.lex.cue_lemma(tok.text) is None

    def _title_at(self, lo: int, hi: int) -> int | None:
        """Index of the last token of the title the run ``lo..hi`` starts with, if any."""
        words = [t.text.lower() for t in self.parse.tokens[lo : hi + 1]]
        for title in self.lex.titles:
            if tuple(words[: len(title)]) == title:
                return lo + len(title) - 1
        return None

    def _title_before(self, lo: int) -> int | None:
        """Start of a (lower-case) title written just before a name: "army spokesman Ali"."""
        words = [t.text.lower() for t in self.parse.tokens[max(0, lo - 4) : lo]]
        for title in self.lex.titles:
            if len(title) <= len(words) and tuple(words[-len(title) :]) == title:
                return lo - len(title)
        return None

    def _affiliation_after(self, hi: int) -> str | None:
        """ "with the Syrian army" right after the name."""
        tokens = self.parse.tokens
        i = hi + 1
        if i >= len(tokens) or tokens[i].text.lower() not in self.lex.affiliation_prepositions:
            return None
        if self.parse.has_parse and tokens[i].head not in range(hi - 5, hi + 1):
            return None
        return self._phrase(i + 1)

    def _affiliation_before(self, lo: int, title: str | None) -> str | None:
        """ "Syrian army" in "Syrian army spokesman Ali Mayhoub"."""
        if title is None:
            return None
        start = lo - len(title.split()) - 1
        j = start
        tokens = self.parse.tokens
        while j >= 0 and tokens[j].text[:1].isalnum() and not self.inside[j]:
            if tokens[j].text.lower() in self.lex.leading_words or tokens[j].pos in ("VERB",):
                break
            if self.lex.cue_lemma(tokens[j].text) is not None:
                break
            j -= 1
        return self._span_text(j + 1, start) if j + 1 <= start else None

    def _appositive(self, hi: int) -> tuple[str | None, str | None]:
        """ ", a spokesman for the Houthi movement," / ", a tribe force fighter who …"."""
        tokens = self.parse.tokens
        if hi + 2 >= len(tokens) or tokens[hi + 1].text != ",":
            return None, None
        i = hi + 2
        words: list[int] = []
        while i < len(tokens) and tokens[i].text.lower() not in APPOS_END and len(words) < 10:
            if self.inside[i] or self.lex.cue_lemma(tokens[i].text, tokens[i].lemma):
                return None, None
            words.append(i)
            i += 1
        if not words or tokens[words[0]].text.lower() not in self.lex.leading_words:
            return None, None
        words = words[1:]
        prep = next(
            (n for n, j in enumerate(words) if tokens[j].text.lower() in PREPOSITIONS),
            len(words),
        )
        head_words, after = words[:prep], words[prep + 1 :]
        if prep < len(words) and tokens[words[prep]].text.lower() not in ("for", "of", "with"):
            after = []  # "a surgeon at the hospital": a place, not an affiliation
        title = None
        for n in range(len(head_words)):
            if self._title_at(head_words[n], head_words[-1]) == head_words[-1]:
                title = self._span_text(head_words[n], head_words[-1])
                head_words = head_words[:n]
                break
        else:
            head_words = head_words[:-1]  # "fighter" in "tribe force fighter": a role, not a title
        modifiers = [j for j in head_words if tokens[j].pos != "ADJ" or tokens[j].ent_type]
        while modifiers and tokens[modifiers[-1]].text.lower() in ("'s", "’s"):
            modifiers.pop()
        if after:
            return title, self._phrase(after[0])
        if modifiers:
            affiliation = self._span_text(modifiers[0], modifiers[-1])
            generic = len(modifiers) == 1 and affiliation.islower()  # "the group's spokesman"
            return title, None if generic else affiliation
        return title, None

    def _phrase(self, i: int) -> str | None:
        """The noun phrase starting at token ``i``, without its determiner."""
        tokens = self.parse.tokens
        while i < len(tokens) and tokens[i].text.lower() in self.lex.leading_words:
            i += 1
        j = i
        while j < len(tokens) and j - i < 6 and not self.inside[j]:
            tok = tokens[j]
            if tok.text.lower() in ("'s", "’s"):  # "Ukraine's southern forces"
                j += 1
                continue
            if not tok.text[:1].isalnum() or tok.text.lower() in APPOS_END:
                break
            if tok.pos in ("VERB", "AUX", "ADP", "SCONJ") or self.lex.cue_lemma(tok.text):
                break
            j += 1
        phrase = self._span_text(i, j - 1) if j > i else None
        if phrase and not any(w[:1].isupper() for w in phrase.split()):
            return None
        return phrase

    def _description(self, head: int) -> SpeakerMention:
        tokens = self.parse.tokens
        if self.parse.has_parse:
            lo, hi = self.parse.subtree(head, DESCRIPTION_SKIP)
            lo = max(lo, head - 8)
            hi = min(hi, head + 6)
        else:
            lo = hi = head
            while lo > 0 and tokens[lo - 1].text[:1].isalnum() and not self.inside[lo - 1]:
                word = tokens[lo - 1].text.lower()
                if self.lex.cue_lemma(word) or word in SURFACE_STOPS or head - lo >= 5:
                    break
                lo -= 1
        for j in range(head - 1, lo - 1, -1):
            if (
                tokens[j].text in ("-", "—", "–")
                and self.text[tokens[j].start - 1 : tokens[j].start] == " "
            ):
                lo = j + 1  # "MOGADISHU (Wire) - Al-Shabaab militants": after the dateline
                break
        while lo < hi and (not tokens[lo].text[:1].isalnum() or tokens[lo].dep == "cc"):
            lo += 1
        while hi > lo and "\n" in self.text[tokens[lo].start : tokens[hi].end]:
            hi -= 1
        start, end = self._without_possessive(tokens[lo].start, tokens[hi].end)
        if end <= start:  # a bare possessive
            start, end = tokens[lo].start, tokens[hi].end
        kind = self._body_or_source(head)
        return SpeakerMention(self.text[start:end], start, end, "description", type=kind)

    def _body_or_source(self, head: int) -> str:
        """An organisation ("the ministry", "the Observatory", "Hamas", "Kurdish forces"), or
        an unnamed source ("a military source", "residents", "officials")."""
        tok = self.parse.tokens[head]
        ent = self.parse.entity_at(tok.start, tok.end)
        if ent is not None and ent.label in ORGANISATION_LABELS or tok.pos == "PROPN":
            return "organisation"
        word = tok.text.lower()
        if word in self.lex.organisation_nouns or tok.lemma.lower() in self.lex.organisation_nouns:
            return "organisation"
        return "unnamed"

    def _span_text(self, lo: int, hi: int) -> str:
        return self.text[self.parse.tokens[lo].start : self.parse.tokens[hi].end]

    # -- across the article -----------------------------------------------------------------

    def resolve(self, mention: SpeakerMention) -> SpeakerMention:
        """A short name, or he/she, as the article's full name for that person."""
        if mention.kind == "pronoun":
            if mention.text.lower() in self.lex.body_pronouns:
                return self.named.body_before(mention) or mention
            if mention.text.lower() not in self.lex.person_pronouns:
                return mention
            person = self.named.antecedent(mention.start)
            source = self.named.source_before(mention, after=person[0] if person else -1)
            if source is not None:
                return source  # "A commander … said …. He denied …"
            if person is None:
                return mention
            start, end = person
            named = SpeakerMention(self.text[start:end], start, end, "person")
            return self.resolve(named)
        if mention.kind == "description":
            titled = self._titled_before(mention)
            if titled is None:
                return mention
            mention = titled
        if mention.kind != "person":
            return mention
        self.named.add_person((mention.start, mention.end))
        full = self.named.full_name(mention) or (mention.start, mention.end)
        self.describe_name(full[0])
        known = self.named.described.get(full[0])
        title = mention.title or (known.title if known else None)
        affiliation = mention.affiliation or (known.affiliation if known else None)
        start, end = full
        text = self.text[start:end]
        return replace(
            mention, text=text, start=start, end=end, title=title, affiliation=affiliation
        )

    def _titled_before(self, mention: SpeakerMention) -> SpeakerMention | None:
        """ "the spokesman", "the official", "the general": the person named before with that
        title (the last one, in the article)."""
        words = mention.text.lower().split()
        if len(words) != 2 or words[0] != "the" or words[1] not in self.lex.title_words:
            return None
        for i in range(bisect_right(self.named.people, (mention.start, mention.start)) - 1, -1, -1):
            start, end = self.named.people[i]
            if end > mention.start:
                continue
            self.describe_name(start)
            known = self.named.described.get(start)
            titles = set((known.title or "").lower().split()) if known else set()
            if words[1] in titles | self.named.title_words.get(start, set()):
                title = None if words[1] in titles else mention.text.split()[1]
                return SpeakerMention(self.text[start:end], start, end, "person", title)
        return None

    def describe_name(self, start: int) -> None:
        """Describe the person named at ``start`` (a full name first met outside a quote's
        attribution), so short mentions inherit its title and affiliation."""
        if start in self.named.described or not self.parse.tokens:
            return
        head = self.parse.index_at(start)
        while head + 1 < len(self.parse.tokens) and self._name_word(head + 1):
            head += 1
        self.named.remember(self._person(head))
