"""The subject of a speech verb, and the clause a quotation is embedded in, from the parse.

"…, adding that …", "took a risk…, telling the crowd" and "ended by saying" take the subject
of the verb above them; a participle speaks for the noun it describes ("footage of Clinton
asking"); a passive verb for its agent ("was asked by X"). A subject inside quotation marks,
or in another paragraph, is a misparse and is left to the surface fallback ("Alaa said" →
Alaa; "said Alaa" → Alaa).
"""

from __future__ import annotations

from collections.abc import Callable

from ..view import SUBJECTS, TokenIndex

INHERITS = frozenset({"advcl", "conj", "xcomp", "pcomp", "acl", "prep", "acomp"})  # "by saying",
# "Trump was quick to add" (an adjective's subject is its verb's)
NOUNS = frozenset({"NOUN", "PROPN"})
RELATIVE = frozenset({"who", "that", "which"})
VERBS = frozenset({"VERB", "AUX"})
TIMES = frozenset({"DATE", "TIME"})
PHRASE = frozenset({"DET", "ADJ", "NOUN", "PROPN", "CCONJ", "PART", "NUM"})  # a noun phrase's


class Subjects:
    def __init__(
        self,
        text: str,
        parse: TokenIndex,
        inside: list[bool],
        as_verbs: frozenset[str] = frozenset(),
        media: frozenset[str] = frozenset(),
        polls: frozenset[str] = frozenset(),
    ) -> None:
        self.text, self.parse, self.inside = text, parse, inside
        self.as_verbs = as_verbs  # "as X put it": the verbs of such a clause
        self.media = media  # "a statement saying …": nouns that speak for who put them out
        self.polls = polls  # "In a … poll, 75 percent said": nouns that speak for a finding

    def of_verb(self, verb: int, is_cue: Callable[[int], bool] | None = None) -> int | None:
        """The head word of the verb's subject: its own, else that of the nearest speech verb
        above it, else one inherited through participles and coordination."""
        tokens = self.parse.tokens
        chain = [verb]
        while len(chain) < 5 and tokens[chain[-1]].head != chain[-1]:
            if self._joined(chain[-1], tokens[chain[-1]].head):
                break  # a parse joined across paragraphs (a headline read with the lead)
            chain.append(tokens[chain[-1]].head)
        agent = self.parse.child(verb, {"agent"})  # "was asked by host Bill Maher"
        by = self.parse.child(agent, {"pobj"}) if agent is not None else None
        if by is not None and not self.inside[by]:
            return by
        own = self._subject(verb)
        own = self._stranded(verb) if own is None else own
        if own is not None:
            return own
        if is_cue is not None:
            for v in chain[1:]:
                if is_cue(v) and self._subject(v) is not None:
                    return self._subject(v)
        for below, v in zip(chain, chain[1:], strict=False):
            if tokens[below].dep == "acl" and tokens[v].pos in NOUNS and not self.inside[v]:
                # "footage of Clinton asking, …": the noun the participle describes; "the
                # ministry issued a statement saying …": who issued it
                return self._issuer(v)
            if tokens[below].dep not in INHERITS:
                break
            subject = self._subject(v)
            if subject is not None:
                return subject
        return None

    def _subject(self, verb: int) -> int | None:
        tokens = self.parse.tokens
        outside = [c for c in self.parse.children[verb] if tokens[c].dep in SUBJECTS]
        outside = [c for c in outside if not self.inside[c]] or outside  # '"One of…," X said'
        if not outside:
            return None
        subject = min(outside, key=lambda c: abs(c - verb))
        if tokens[subject].ent_type in TIMES:  # "Saturday at the convention Sen. Warren said"
            named = [
                i
                for i in range(subject + 1, verb)
                if tokens[i].ent_type in ("PERSON", "ORG") and not self.inside[i]
            ]
            if not named:
                return None
            subject = named[-1]  # the last word of the name nearest the verb
        if tokens[subject].text.lower() in RELATIVE:  # "an academic, who …, praising"
            clause = verb
            for _ in range(4):
                if tokens[clause].dep == "relcl" or tokens[clause].head == clause:
                    break
                clause = tokens[clause].head
            if tokens[clause].dep == "relcl":
                subject = self._issuer(tokens[clause].head)  # "ran a piece that noted …"
        if self.inside[subject] or self._paragraph_break(subject, verb):
            return None
        return subject

    def _stranded(self, verb: int) -> int | None:
        """The noun phrase that opens the verb's paragraph right before it, where the parse
        hung it on the paragraph before (a headline read with the lead: "The Syrian army and
        allied fighters have pledged …" with "army" made an apposition of the headline)."""
        tokens = self.parse.tokens
        i = verb - 1
        while i >= 0 and tokens[i].dep in ("aux", "neg", "advmod") and tokens[i].head == verb:
            i -= 1
        if i < 0 or tokens[i].pos not in NOUNS or self.inside[i]:
            return None
        while tokens[i].dep == "conj" and not self._paragraph_break(i, tokens[i].head):
            i = tokens[i].head  # "the army and allied fighters": the first of them
        if not self._paragraph_break(i, tokens[i].head) or self._paragraph_break(i, verb):
            return None
        para = self.text.rfind("\n", 0, tokens[i].start) + 1
        for j in self.parse.between(para, tokens[verb].start):  # nothing but that phrase
            if tokens[j].pos not in PHRASE and tokens[j].dep not in ("amod", "aux", "neg"):
                return None
        return i

    def _issuer(self, noun: int) -> int:
        """For a statement, video, piece or letter that speaks, the subject of the verb that put
        it out ("His office put out a statement saying …" is the office's); else the noun."""
        tokens = self.parse.tokens
        if tokens[noun].lemma.lower() not in self.media or tokens[noun].dep != "dobj":
            return noun
        issuer = self._subject(tokens[noun].head)
        return issuer if issuer is not None and issuer != noun else noun

    def _joined(self, a: int, b: int) -> bool:
        """A paragraph break between tokens ``a`` and ``b`` that no colon introduces ("… called
        for action:" followed by the words in the next paragraph is one clause)."""
        if not self._paragraph_break(a, b):
            return False
        tokens = self.parse.tokens
        lo, hi = sorted((a, b))
        between = self.text[tokens[lo].start : tokens[hi].end]
        return not between[: between.index("\n")].rstrip().endswith(":")

    def _paragraph_break(self, a: int, b: int) -> bool:
        tokens = self.parse.tokens
        lo, hi = sorted((a, b))
        return "\n" in self.text[tokens[lo].start : tokens[hi].end]

    def governing(
        self,
        start: int,
        end: int,
        is_cue: Callable[[int], bool],
        speaks: Callable[[int], bool] | None = None,
    ) -> tuple[int, int | None] | None:
        """For a quotation embedded in a clause ("Reid called Trump a “spoiled brat”"): the
        verb outside the marks that governs it, in its paragraph, and its subject (that of the
        outermost speech verb above it first: "Trump says parts of it are “negotiable”")."""
        tokens, parse = self.parse.tokens, self.parse
        inner = parse.between(start, end)
        out = next((i for i in inner if not start <= tokens[tokens[i].head].start < end), None)
        if out is None or tokens[out].head == out:
            return None
        node = tokens[out].head
        for _ in range(6):
            if self._paragraph_break(node, out):
                return None
            if not self.inside[node] and tokens[node].pos in VERBS:
                return (
                    self._speech_above(node, is_cue, speaks or is_cue)
                    or self._speech_in_sentence(node, speaks or is_cue)
                    or (node, self.of_verb(node))
                )
            if tokens[node].head == node:
                return None
            node = tokens[node].head
        return None

    def _speech_in_sentence(
        self, verb: int, is_cue: Callable[[int], bool]
    ) -> tuple[int, int] | None:
        """A speech verb set into the sentence beside the clause rather than above it ("Six
        months ago, the senator said, the media considered him a “fringe candidate”"): the
        outermost one with a subject, in the paragraph."""
        tokens = self.parse.tokens
        lo, hi = self.parse.sentence_span(tokens[verb].start)
        found: list[tuple[int, int]] = []
        for i in self.parse.between(lo, hi):
            if is_cue(i) and tokens[i].pos in VERBS and not self._paragraph_break(i, verb):
                subject = self._subject(i)
                if subject is not None:
                    found.append((i, subject))
        return min(found, key=lambda f: self.parse.depth(f[0]), default=None)

    def _speech_above(
        self, verb: int, reports: Callable[[int], bool], speaks: Callable[[int], bool]
    ) -> tuple[int, int] | None:
        """The source of the clause at ``verb``, walking up its paragraph: "according to X" on
        a verb above it (PolNeAR's convention: "Sanders said, according to CNN" is CNN's), else
        the outermost speech verb with a subject ("Obama said Americans will say “no”" is
        Obama's), else the nearest reporting verb with one ("shedding what Gilbert called “a
        perception problem”" is Gilbert's, not the subject of "sought" above it)."""
        tokens = self.parse.tokens
        according = spoken = reported = None
        for _ in range(10):
            source = self.according_to(verb) or self._as_put(verb)
            if source is not None:
                according = source
            passive = self.parse.child(verb, {"auxpass"}) is not None  # "was shouted down"
            if (speaks(verb) or reports(verb)) and not (passive and spoken is not None):
                subject = self.of_verb(verb, reports)
                if subject is not None:
                    if speaks(verb):
                        spoken = verb, subject
                    elif reported is None:
                        reported = verb, subject
            if tokens[verb].head == verb or self._paragraph_break(verb, tokens[verb].head):
                break
            head = tokens[verb].head
            if tokens[verb].dep == "conj" and self._subject(verb) is not None and reports(head):
                break  # "Cruz said he'd …, and Trump vowed to “bomb …”": Trump's own clause
            verb = tokens[verb].head
        return according or spoken or reported

    def _as_put(self, verb: int) -> tuple[int, int] | None:
        """ "As X put it, …" / "as X has pointed out, …" on ``verb``: that clause's verb and X."""
        for c in self.parse.children[verb]:
            if self.parse.tokens[c].dep != "advcl" or self.inside[c]:
                continue
            mark = self.parse.child(c, {"mark"})
            if mark is None or self.parse.word(mark) != "as":
                continue
            if self.parse.tokens[c].lemma.lower() in self.as_verbs:
                subject = self._subject(c)
                if subject is not None:
                    return c, subject
        return None

    def according_to(self, verb: int) -> tuple[int, int] | None:
        """ "according to X" on ``verb``: the word "according" and X; or "in a poll" ("In a
        Post-ABC News poll, 75 percent said …": the poll speaks, as PolNeAR reads it)."""
        tokens = self.parse.tokens
        for c in self.parse.children[verb]:
            if self.inside[c]:
                continue
            if self.parse.word(c) == "according":
                to = self.parse.child(c, {"prep"})
                source = self.parse.child(to, {"pobj"}) if to is not None else None
                if source is not None and not self.inside[source]:
                    return c, source
            if self.parse.word(c) == "in" and tokens[c].dep == "prep" and c < verb:
                source = self.parse.child(c, {"pobj"})
                if source is not None and tokens[source].lemma.lower() in self.polls:
                    return c, source
        return None
