"""Who said it: the speech verb ("said") next to a quotation, and the head of its subject.

A direct quotation's attribution is looked for, in order: just after its closing mark
(``"…," said X`` / ``"…," X said`` / ``"…" ― X``), the clause it is embedded in (``Reid
called Trump a "spoiled brat"``), a speech verb before its opening mark in the same sentence
(``X said: "…"``), a label before a colon (``Pew Research: "…"``). The subject comes from
the dependency parse; views without one (hand-made test views) fall back to the words next to
the verb.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..view import SUBJECTS, TokenIndex
from .lexicon import Lexicon
from .marks import QuotedSpan
from .subjects import Subjects

_SENTENCE_END = re.compile(r"[.!?][\"'”’»]?\s")
_SHORT_WORD = re.compile(r"(?:\b[A-Z][a-z]{0,3}|\b[A-Za-z])$")  # "Mr." "Sen." "U.S." "p.m."
DASHES = "―—–-"
LABEL_WORDS = frozenset({"PROPN", "NOUN", "DET", "PART", "CCONJ"})  # "Blumenthal and Cohen:"


def _nothing(i: int) -> bool:
    return False


# Subjects that name no source: "That prompted Rubio to … call Trump “very flexible”"
_NO_SOURCE = frozenset({"this", "that", "these", "those", "which", "what", "it"})
CLOSERS = "”\"’'»“"
INTRODUCING = frozenset({"ccomp", "parataxis"})  # a clause the parse hangs under a quotation
_TRANSCRIPT = re.compile(r"(?:[A-Z]{2,}\.? )?([A-Z][A-Z’'-]+):\s")  # "PENCE: …", "MR. TRUMP: …"


@dataclass(frozen=True)
class Attribution:
    cue: int  # token index of the speech verb (or of "according", a dash)
    head: int | None  # token index of the speaker's head word


class Attributor:
    def __init__(self, text: str, parse: TokenIndex, lexicon: Lexicon, spans: list[QuotedSpan]):
        self.text, self.parse, self.lex = text, parse, lexicon
        self.inside = [False] * len(parse.tokens)
        for span in spans:
            end = span.close + 1 if span.close is not None else span.end
            for i in parse.between(span.open, end):
                self.inside[i] = True
        # a quotation that is what a subject "is" ("his guilty pleasure is “Football Life”"),
        # by its opening mark: that subject is its source only where the context names none
        self.copular: dict[int, Attribution] = {}
        self.subjects = Subjects(
            text,
            parse,
            self.inside,
            lexicon.as_clause_verbs,
            lexicon.media_nouns,
            lexicon.finding_nouns,
        )

    def is_cue(self, i: int, *, weak_ok: bool = True) -> bool:
        tok = self.parse.tokens[i]
        if self.inside[i]:
            return False
        lemma = self.lex.cue_lemma(tok.text, tok.lemma)
        if lemma in self.lex.document_cues:
            return self._read_by_document(i)
        if tok.pos in ("NOUN", "PROPN", "ADJ", "DET", "ADP", "NUM") and tok.lemma != "according":
            return False
        if lemma is None or (lemma == "according" and self._next_word(i) != "to"):
            return False
        return weak_ok or lemma not in self.lex.weak_cues

    def _read_by_document(self, i: int) -> bool:
        """ "read" speaks for a statement, sign or message: its subject or object, or the noun
        right before or after it (the parse often takes "the editorial read" for a noun)."""
        tokens, parse = self.parse.tokens, self.parse
        near = [c for c in parse.children[i] if tokens[c].dep in SUBJECTS]
        if i > 0:
            near.append(i - 1)
        after = i + 1
        while after < len(tokens) and tokens[after].text.lower() in self.lex.leading_words:
            after += 1
        if i > 0 and not tokens[i - 1].text[:1].isalnum():
            near.append(after)  # '“…,” read the statement' (not "to read my statement")
        relative = any(parse.word(c) in ("that", "which") for c in near[:-2])
        if tokens[i].dep == "relcl" and relative:
            near.append(tokens[i].head)  # "a sign that read"
        return any(
            0 <= j < len(tokens)
            and not self.inside[j]
            and tokens[j].lemma.lower() in self.lex.media_nouns
            for j in near
        )

    def reports(self, i: int) -> bool:
        """A speech verb, or a verb of the reporting lists (``reporting.yaml``: "thanked X for
        “…”", "called for “…”", "hopes to “…”")."""
        if self.is_cue(i):
            return True
        tok = self.parse.tokens[i]
        if tok.pos != "VERB" or self.inside[i]:
            return False
        lemma, lex = self.lex.reporting_lemma(tok.text, tok.lemma), self.lex
        return lemma in lex.clause_verbs or lemma in lex.object_verbs or lemma in lex.prep_verbs

    def _next_word(self, i: int) -> str:
        tokens = self.parse.tokens
        return tokens[i + 1].text.lower() if i + 1 < len(tokens) else ""

    def sentence_ends(self, lo: int, hi: int) -> Iterator[int]:
        """Offsets just after each sentence end in ``[lo, hi)`` ("Mr." and "U.S." are none)."""
        for m in _SENTENCE_END.finditer(self.text, lo, hi):
            if m.group()[0] != "." or not _SHORT_WORD.search(self.text, lo, m.start()):
                yield m.end()

    # -- direct quotations ------------------------------------------------------------------

    def direct(
        self, span: QuotedSpan, paragraph: tuple[int, int], next_open: int
    ) -> Attribution | None:
        """The attribution written with one quotation, or None."""
        transcript = self._transcript(span)
        if transcript is not None:
            return transcript
        found = self._layered(self._after(span, paragraph, next_open))
        weak = None
        if found is None and self.parse.has_parse:
            clause = self.subjects.governing(span.start, span.end, self.reports, self.is_cue)
            short = len(self.text[span.start : span.end].split()) < self.lex.min_unattributed_words
            if short and clause is not None:  # a stance verb far above gives no scare quote a
                # source it lacks ('ordered … “playbooks” that advised …'), it only corrects one
                alone = self.subjects.governing(span.start, span.end, self.is_cue, _nothing)
                clause = clause if alone is not None and alone[1] is not None else None
            if clause is not None and clause[1] is not None:
                if self.reports(clause[0]) and self.parse.word(clause[1]) not in _NO_SOURCE:
                    found = Attribution(*clause)
                elif self.parse.tokens[clause[0]].lemma == "be":  # "its slogan is “…”"
                    self.copular[span.open] = Attribution(*clause)  # the context may say
                else:  # "… his tax returns were made public ― Trump boasted, “…”"
                    weak = Attribution(*clause)
        label = None if found else self._label(span, paragraph)
        if label is not None and self._label_after_dash(span, paragraph):
            return label  # 'HEADLINE AGREE - Carl Bialik: “…”': not the headline's verb
        before = None if found else self._layered(self._before(span, paragraph))
        introduced = None if found or before or weak else self._introduced(span, paragraph)
        return found or before or weak or label or introduced

    def _after(
        self, span: QuotedSpan, paragraph: tuple[int, int], next_open: int
    ) -> Attribution | None:
        if span.close is None:
            return None
        signed = self._signature(span.close + 1, next_open)
        if signed is not None:
            return signed
        stop = min(next_open, paragraph[1])
        rest = self.text[span.close + 1 : stop]
        inner_end = self.text[span.open + 1 : span.close].rstrip(CLOSERS + " ")[-1:]
        if inner_end not in ",?!—–-…" and not rest.startswith(","):
            return None  # an embedded quotation ('called it “strong” for years')
        reach = 4 if inner_end == "." else self.lex.cue_reach  # '“….” Trump said.'
        stop = next(self.sentence_ends(span.close + 1, stop), stop)

        for n, i in enumerate(self.parse.between(span.close + 1, stop)):
            if n > reach:
                break
            if self.is_cue(i):
                head = self.speaker_head(i)
                between = self.parse.between(span.close + 1, self.parse.tokens[i].start)
                own = head in between or self.parse.tokens[i].text.lower() == "according"
                if not own and len(between) and self.parse.has_parse:
                    head = self._first_nominal(between, i) or head  # '“…,” X, a …, said'
                return Attribution(i, head)
        return None

    def labelled(self, span: QuotedSpan) -> bool:
        """The quotation opens with a transcript's speaker label ("PENCE: …")."""
        return _TRANSCRIPT.match(self.text, span.start, span.end) is not None

    def _transcript(self, span: QuotedSpan) -> Attribution | None:
        """'"PENCE: Well, look, …"': a transcript's speaker label, in capitals, opening the
        quotation, where the article names a person by that name; the speaker is that
        person's name as last written before the quotation (else first after it)."""
        label = _TRANSCRIPT.match(self.text, span.start, span.end)
        if label is None:
            return None
        name = label.group(1).title()
        named = [
            e
            for e in self.parse.entities
            if e.label == "PERSON"
            and e.text.split()[-1].removesuffix("’s").removesuffix("'s") == name
            and not self.inside[self.parse.index_at(e.start)]
        ]
        if not named:
            return None
        before = [e for e in named if e.end <= span.open]
        person = before[-1] if before else named[0]
        head = self.parse.index_at(self.text.rindex(name, person.start, person.end))
        return Attribution(self.parse.index_at(label.end(1)), head)

    def _layered(self, found: Attribution | None) -> Attribution | None:
        """ "“…,” Sanders said, according to CNN": the source the reporter names for the
        speech (PolNeAR's convention), where "according to" hangs on the speech verb."""
        if found is None or not self.parse.has_parse:
            return found
        layered = self.subjects.according_to(found.cue)
        return Attribution(*layered) if layered is not None else found

    def _first_nominal(self, between: range, cue: int) -> int | None:
        """The subject written between a quotation and its verb, as the first name, noun or
        pronoun there (the end of a name: '“…,” Nate Silver, the polling guru, tweeted'),
        unless it is the subject of another verb."""
        tokens = self.parse.tokens
        for i in between:
            if tokens[i].pos in ("NOUN", "PROPN", "PRON") and not self.inside[i]:
                while i + 1 in between and tokens[i + 1].pos == tokens[i].pos == "PROPN":
                    i += 1
                other = tokens[i].dep in SUBJECTS and tokens[i].head != cue
                return None if other else i
        return None

    def _signature(self, start: int, stop: int) -> Attribution | None:
        """ "…" ― Veronica Cruz: a dash and a name after the quotation (or starting the next
        paragraph)."""
        rest = self.text[start:stop]
        dash = rest.lstrip()[:1]
        if not dash or dash not in DASHES:
            return None
        at = start + rest.index(dash)
        names = [i for i in self.parse.between(at, stop) if self.parse.tokens[i].pos == "PROPN"]
        first = self.parse.index_at(at)
        if not names or names[0] - first > 4 or self.inside[names[0]]:
            return None
        last = names[0]
        while last + 1 in names:
            last += 1
        return Attribution(first, last)

    def _before(self, span: QuotedSpan, paragraph: tuple[int, int]) -> Attribution | None:
        start = self._sentence_start(span.open, paragraph[0])
        before = list(self.parse.between(start, span.open))
        colon = self.text[start : span.open].rstrip().endswith((":", ","))
        for n, i in enumerate(reversed(before)):
            if n > self.lex.cue_reach and not colon:
                break
            if self.is_cue(i, weak_ok=colon):
                return Attribution(i, self.speaker_head(i))
        if self.parse.has_parse and colon:
            for i in reversed(before):  # 'As The Post's Dana Milbank puts it, “…”'
                tok = self.parse.tokens[i]
                mark = self.parse.child(i, {"mark"})
                as_clause = mark is not None and self.parse.word(mark) == "as"
                if as_clause and tok.lemma.lower() in self.subjects.as_verbs:
                    head = self.subjects.of_verb(i)
                    if head is not None:
                        return Attribution(i, head)
        return None

    def _introduced(self, span: QuotedSpan, paragraph: tuple[int, int]) -> Attribution | None:
        """'Hillary shot back, “I suppose …”', 'The board was conclusive in its findings: “…”':
        a clause ending in a comma or colon right before the opening mark, which the parse
        hangs under the quotation's own verb, introduces it; its subject is the source."""
        if not self.parse.has_parse:
            return None
        start = self._sentence_start(span.open, paragraph[0])
        if not self.text[start : span.open].rstrip().endswith((",", ":")):
            return None
        tokens = self.parse.tokens
        before = self.parse.between(start, span.open)
        verbs = [i for i in before if tokens[i].pos in ("VERB", "AUX") and not self.inside[i]]
        if not verbs:
            return None
        verb = max(verbs, key=lambda i: (tokens[i].dep in INTRODUCING, -self.parse.depth(i)))
        head = tokens[verb].head
        if tokens[verb].dep not in INTRODUCING or not self.inside[head]:
            return None
        subject = self.subjects.of_verb(verb)
        if subject is None or subject not in before or self.parse.word(subject) in _NO_SOURCE:
            return None
        word = self.parse.word(subject)
        if self.lex.is_pronoun(word) and word not in self.lex.person_pronouns | {"they"}:
            return None  # "we used to say, “…”": the writer, no source
        return Attribution(verb, subject)

    def _label(self, span: QuotedSpan, paragraph: tuple[int, int]) -> Attribution | None:
        """A source written as a label before a colon, without a verb: 'Pew Research: “…”',
        '… - Jeffrey M. Jones: “…”', '… - Mark Blumenthal and Jon Cohen: “…”', 'More from the
        report: “…”' (newsletter style)."""
        start = self._sentence_start(span.open, paragraph[0])
        before = self.text[start : span.open].rstrip()
        if not before.endswith(":"):
            return None
        colon = start + len(before) - 1
        start = max(start, *(before.rfind(d) + start + 1 for d in DASHES))
        words = list(self.parse.between(start, colon))
        tokens = self.parse.tokens
        lead = [w.lower() for w in self.text[start:colon].split()[:2]]
        if lead[:1] == ["from"] or lead == ["more", "from"]:  # 'More from the report:'
            words = words[lead.index("from") + 1 :]
            if words and tokens[words[-1]].pos == "NOUN" and self.parse.word(words[0]) == "the":
                return Attribution(self.parse.index_at(colon), words[-1])
        if not 0 < len(words) <= 5 or tokens[words[-1]].pos != "PROPN":
            return None
        if any(tokens[i].pos not in LABEL_WORDS for i in words):
            return None
        return Attribution(self.parse.index_at(colon), words[-1])

    def _label_after_dash(self, span: QuotedSpan, paragraph: tuple[int, int]) -> bool:
        """The label stands after a spaced dash in its sentence (a headline before it)."""
        start = self._sentence_start(span.open, paragraph[0])
        return any(f" {d} " in self.text[start : span.open] for d in DASHES)

    def _sentence_start(self, offset: int, floor: int) -> int:
        """Start of the sentence around ``offset`` (a previous quotation's close also ends it)."""
        start = floor
        for end in self.sentence_ends(floor, offset):
            start = end
        for i in reversed(self.parse.between(start, offset)):
            if self.inside[i]:
                return self.parse.tokens[i].end
        return start

    def in_sentences_before(self, offset: int, floor: int) -> Attribution | None:
        """The main speech verb with a subject of the last sentence that has one between
        ``floor`` and ``offset`` ('Alaa said it was hard. "We are not afraid."'), or the
        subject of a sentence that ends with a colon right before ``offset`` ('Cruz called
        them on it: "…"')."""
        found: list[Attribution] = []
        sentence = (-1, -1)
        for i in reversed(self.parse.between(floor, offset)):
            if found and self.parse.sentence_span(self.parse.tokens[i].start) != sentence:
                break
            if self.is_cue(i):
                head = self.speaker_head(i)
                if head is not None:
                    found.append(Attribution(i, head))
                    sentence = self.parse.sentence_span(self.parse.tokens[i].start)
        if found:  # the main clause's speech verb ('Flynn said Trump was right when he said')
            return min(found, key=lambda a: self.parse.depth(a.cue))
        if self.parse.has_parse and self.text[floor:offset].rstrip().endswith(":"):
            tokens = self.parse.tokens
            colon = self.parse.index_at(self.text.rindex(":", floor, offset))
            verb = colon
            while tokens[verb].head != verb and tokens[verb].pos != "VERB":
                verb = tokens[verb].head
            head = self.subjects.of_verb(verb)
            if head is not None:
                return Attribution(verb, head)
        return None

    # -- speakers ---------------------------------------------------------------------------

    def speaker_head(self, cue: int) -> int | None:
        """The head word of the speech verb's subject."""
        tokens = self.parse.tokens
        if self._inverted(cue):  # "…," said Alan Abramowitz, a demographer…
            return self._surface_head(cue)
        if self.parse.has_parse:
            if tokens[cue].text.lower() == "according":
                to = self.parse.child(cue, {"prep"})
                pobj = self.parse.child(to, {"pobj"}) if to is not None else None
                if pobj is not None:
                    return pobj
            else:
                head = self.subjects.of_verb(cue, self.is_cue)
                if head is not None:
                    return head
        return self._surface_head(cue)

    def _inverted(self, cue: int) -> bool:
        """ "…," said Name: the verb follows a comma or mark and a name follows it."""
        tokens = self.parse.tokens
        if cue == 0 or cue + 1 >= len(tokens) or tokens[cue - 1].text.isalnum():
            return False
        after = tokens[cue + 1]
        titled = any(after.text.lower() == t[0] for t in self.lex.titles)
        return (after.ent_type == "PERSON" or titled) and not self.inside[cue + 1]

    def _before_aside(self, last: int) -> int:
        """The name before an aside set off by commas ("Trump, in Kentucky, said": Trump), or
        -1."""
        tokens = self.parse.tokens
        j = last
        while j > 0 and tokens[j].text != "," and last - j < 6:
            j -= 1
        if tokens[j].text == "," and j > 0 and tokens[j - 1].pos == "PROPN":
            return j - 1
        return -1

    def _surface_head(self, cue: int) -> int | None:
        """Without a parse: the word right before the verb ("Alaa said"), else the words right
        after it ("said Alaa", "according to Alaa")."""
        tokens = self.parse.tokens
        i = cue + (2 if tokens[cue].text.lower() == "according" else 1)
        before = cue - 1
        if i == cue + 1 and before >= 0 and tokens[before].text == ")":
            while before > 0 and tokens[before].text != "(" and cue - before < 8:
                before -= 1  # "Rep. Paul Ryan (R-WI) said"
            before = before - 1 if tokens[before].text == "(" else -1
        if i == cue + 1 and before >= 0 and tokens[before].text == ",":
            before -= 1  # "her adviser, Jake Sullivan, said"
            if tokens[before].pos != "PROPN":
                before = -1
            elif self.parse.has_parse and tokens[before].dep == "pobj":
                before = self._before_aside(before)  # "Trump, in Kentucky, said"
        surface_word = before >= 0 and tokens[before].text.isalpha() and not self.inside[before]
        if i == cue + 1 and surface_word:
            return before
        if i >= len(tokens) or not tokens[i].text[:1].isalnum() or self.inside[i]:
            return None
        last = i  # the last name word before a preposition or punctuation
        while i + 1 < len(tokens) and not self.inside[i + 1]:
            word = tokens[i + 1].text
            if word.lower() in ("'s", "’s") or word.isspace():
                i += 1
                continue
            stop = word.lower() in self.lex.name_stops or tokens[i + 1].pos == "ADP"
            if stop or not word[:1].isalnum():
                break
            i += 1
            if tokens[i].ent_type in ("DATE", "TIME"):
                break  # "said Smith Tuesday"
            if tokens[i].pos in ("PROPN", "NOUN") or tokens[last].pos not in ("PROPN", "NOUN"):
                last = i  # "wrote a Trump supporter": the noun the name modifies
        return last
