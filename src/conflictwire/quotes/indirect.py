"""Indirect speech: what a source is reported to say, think or hold, outside quotation marks.

From the dependency parse, each of these gives a reported span and its source (word lists in
``data/quotes/cues.tsv`` and ``reporting.yaml``):

- a speech verb's clausal complement, before or after it (``X said (that) …``, ``…, X said``,
  ``X told reporters …``), and that of a cognition, evidence or intention verb (``officials
  believe …``, ``the report shows …``, ``the army plans to …``);
- a stance verb's object (``the army denied the report``, ``the group claimed the attack``),
  or the object of its preposition (``called for a truce``, ``accused the army of shelling``);
- ``according to X``: the rest of the clause;
- a noun of speech with a ``that`` clause (``the ministry's statement that …``), an adjective
  with one (``residents are afraid that …``);
- passive reports (``it was reported that …``, ``X is said to have fled``): the whole reported
  clause, its source the agent (``by X``) or none.

Nested reports give each level its own record: in ``X said Y told him Z`` X reports ``Y told
him Z`` and Y reports ``Z``. Without a parse only ``<speech verb> that …`` and ``according to
X, …`` are read, to the end of the sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..view import Token
from .attribution import Attribution, Attributor

_CLAUSE_END = re.compile(r"[.!?;](?=\s|$)")
_CLAUSES = frozenset({"ccomp", "xcomp"})
_OBJECTS = frozenset({"dobj"})
_PREP_OBJECTS = frozenset({"pobj", "pcomp"})
# A noun's "that" clause (a relative clause has "that" as its subject or object, not as mark)
_NOUN_CLAUSES = frozenset({"acl", "ccomp", "relcl", "appos"})
_SOURCES = frozenset({"by", "of", "from"})
_DASHES = frozenset({"-", "—", "–"})
_JOINERS = frozenset({"cc", "mark", "prep", "aux", "det", "advmod"})
_NOMINALS = frozenset({"NOUN", "PROPN", "PRON", "NUM", "X"})

Found = tuple[int, int, int | None]  # first and last token of the content, speaker head


def indirect_speech(text: str, at: Attributor) -> Iterator[tuple[int, int, Attribution]]:
    """(start, end, attribution) of each reported span outside quotation marks."""
    parse = at.parse
    tokens = parse.tokens
    kept: dict[tuple[int, int], Attribution] = {}
    for i in range(len(tokens)):
        if at.inside[i]:
            continue
        if parse.has_parse:
            found: list[Found] = list(_reported(at, i))
        else:
            found = _surface(text, at, i)
        for lo, hi, head in found:
            span = _cleaned(text, at, i, lo, hi)
            if span is not None and span not in kept:
                kept[span] = Attribution(i, head)
    for (lo, hi), attribution in kept.items():
        if not _restated(at, lo, hi, attribution, kept):
            yield tokens[lo].start, tokens[hi].end, attribution


def _restated(
    at: Attributor,
    lo: int,
    hi: int,
    attribution: Attribution,
    kept: dict[tuple[int, int], Attribution],
) -> bool:
    """The span lies inside another one of the same source (its own subject, or a pronoun
    inside the outer span) and its cue is no speech verb: "adding that he is willing to die …"
    holds "to die …" after "willing", which restates it. A speech verb inside is nested
    reporting ("X said Y told him …") and keeps its own record; so does another source's view
    ("the army said residents believe …")."""
    if _speech_verb(at, attribution.cue):
        return False
    head = attribution.head
    for (olo, ohi), outer in kept.items():
        if not (olo <= lo and hi <= ohi and (olo, ohi) != (lo, hi)):
            continue
        pronoun = head is not None and olo <= head <= ohi and at.lex.is_pronoun(at.parse.word(head))
        if head == outer.head or pronoun:  # "…, adding that he is willing to die …"
            return True
    return False


def _cleaned(text: str, at: Attributor, cue: int, lo: int, hi: int) -> tuple[int, int] | None:
    """The content cut to the cue's paragraph, without a leading "that" or punctuation, or
    None where it crosses a paragraph, holds a quotation or has no word."""
    tokens = at.parse.tokens
    while hi > lo and tokens[hi].text.isspace():
        hi -= 1  # the blank line spaCy hangs on a paragraph's last full stop
    if (lo, hi) != _in_paragraph(text, tokens, cue, lo, hi):
        return None  # a clause across paragraphs is a misparse (a headline read with the lead)
    if tokens[lo].start == text.rfind("\n", 0, tokens[lo].start) + 1:
        for j in range(lo, min(hi, lo + 12)):  # "HOMS, Syria (Wire) - Government forces …"
            if tokens[j].text in _DASHES and text[tokens[j].start - 1 : tokens[j].start] == " ":
                lo = j + 1
                break
    while lo < hi and (tokens[lo].dep == "mark" or not tokens[lo].text[:1].isalnum()):
        lo += 1
    while hi > lo and not tokens[hi].text[:1].isalnum():
        hi -= 1
    quoted = next((j for j in range(lo, hi + 1) if at.inside[j]), None)
    if quoted is not None:  # "… he saw no need to change, telling X that “…”": up to the mark
        hi = quoted - 1
        while hi > lo and (not tokens[hi].text[:1].isalnum() or tokens[hi].dep in _JOINERS):
            hi -= 1
        if hi - lo < 2:
            return None
    if not tokens[lo].text[:1].isalnum() or at.inside[lo]:
        return None
    return lo, hi


def _in_paragraph(text: str, tokens: list[Token], cue: int, lo: int, hi: int) -> tuple[int, int]:
    """The clause cut to the speech verb's paragraph."""
    para_lo = text.rfind("\n", 0, tokens[cue].start) + 1
    para_hi = text.find("\n", tokens[cue].end)
    para_hi = len(text) if para_hi < 0 else para_hi
    while lo <= hi and tokens[lo].start < para_lo:
        lo += 1
    while hi >= lo and tokens[hi].end > para_hi:
        hi -= 1
    return lo, hi


def _reported(at: Attributor, i: int) -> Iterator[Found]:
    """What token ``i`` reports, if it is a reporting word, with its source's head."""
    tok = at.parse.tokens[i]
    if not at.lex.may_report(tok.text, tok.lemma):
        return  # most tokens: none of the words looked at below
    lemma = at.lex.reporting_lemma(tok.text, tok.lemma)
    if tok.text.lower() == "according":
        if at.is_cue(i):
            span = _according(at, i)
            if span is not None:
                yield (*span, at.speaker_head(i))
        return
    if tok.pos == "NOUN" and lemma in at.lex.speech_nouns:
        yield from _noun(at, i)
    elif tok.pos == "ADJ" and lemma in at.lex.clause_adjectives:
        yield from _adjective(at, i)
    elif tok.pos == "VERB" or at.is_cue(i):
        yield from _verb(at, i, at.lex.cue_lemma(tok.text, lemma) or lemma)


def _verb(at: Attributor, i: int, lemma: str) -> Iterator[Found]:
    parse, lex = at.parse, at.lex
    speech = at.is_cue(i)
    if lemma in lex.passive_reports and parse.child(i, {"auxpass"}) is not None:
        yield from _passive(at, i)
        return
    holds = lemma in lex.clause_verbs
    if not (speech or holds or lemma in lex.object_verbs or lemma in lex.prep_verbs):
        return
    # a speech verb reports its "that" clause; "to" clauses only after verbs of intention
    # and promise ("vowed to retake"), not "continued to trail"
    clause = parse.child(i, {"ccomp"}) if speech or holds else None
    if clause is None and (holds or speech):
        clause = parse.child(i, {"xcomp"})
        if clause is not None and not holds and parse.child(clause, {"aux"}) is not None:
            clause = None  # "continued to trail"; "said legalizing it could …" is reported
    if clause is not None:  # a speech verb below reports its own part ("…, adding that …")
        yield (*parse.subtree(clause, cut=lambda j: _speech_verb(at, j)), _source(at, i, speech))
        return
    if (speech or holds) and parse.tokens[i].dep == "parataxis":
        span = _around(at, i)  # "The town, the army said, fell on Monday."
        if span is not None:
            yield (*span, _source(at, i, speech))
        return
    if lemma in lex.object_verbs:
        obj = parse.child(i, _OBJECTS)
        if obj is not None:
            yield (*parse.subtree(obj), _source(at, i, speech))
    preps = lex.prep_verbs.get(lemma, frozenset()) | lex.topic_prepositions
    if preps:
        for c in parse.children[i]:
            if parse.tokens[c].dep in ("prep", "dative") and parse.word(c) in preps:
                obj = parse.child(c, _PREP_OBJECTS)
                if obj is not None:
                    yield (*parse.subtree(obj), _source(at, i, speech))


def _speech_verb(at: Attributor, i: int) -> bool:
    return at.is_cue(i) and at.parse.tokens[i].pos == "VERB"


def _source(at: Attributor, verb: int, speech: bool) -> int | None:
    """The head of the verb's subject: a speech verb's as a direct quotation's (with the
    surface fallback), another verb's only from the parse, and only a noun or pronoun."""
    head = at.speaker_head(verb) if speech else at.subjects.of_verb(verb, at.is_cue)
    if head is None or at.parse.tokens[head].pos not in _NOMINALS:
        return None
    if at.parse.tokens[head].dep == "expl":  # "it was reported", "there were claims"
        return None
    return head


def _passive(at: Attributor, i: int) -> Iterator[Found]:
    """ "The commander is said to have fled" / "It was reported that the town fell"."""
    parse = at.parse
    agent = parse.child(i, {"agent"})
    head = parse.child(agent, {"pobj"}) if agent is not None else None
    subject = parse.child(i, {"nsubjpass"})
    clause = parse.child(i, {"ccomp"})
    xcomp = parse.child(i, {"xcomp"})
    if clause is not None:
        yield (*parse.subtree(clause), head)
    elif xcomp is not None and subject is not None and parse.word(subject) != "it":
        yield parse.subtree(subject)[0], parse.subtree(xcomp)[1], head


def _adjective(at: Attributor, i: int) -> Iterator[Found]:
    """ "Residents are afraid (that) …", "the army is confident it can …"."""
    parse = at.parse
    clause = parse.child(i, _CLAUSES)
    if clause is None:
        return
    verb = parse.tokens[i].head if parse.tokens[i].dep in ("acomp", "amod") else i
    head = at.subjects.of_verb(verb)
    if head is not None and parse.tokens[head].text.lower() == "it":
        head = None  # "it is clear that …": no one holds it
    yield (*parse.subtree(clause), head)


def _noun(at: Attributor, i: int) -> Iterator[Found]:
    """ "The ministry's statement that …", "claims by the rebels that …", "the army's denial
    of the report", "criticism of the raid"."""
    parse = at.parse
    tokens = parse.tokens
    stance = at.lex.reporting_lemma(tokens[i].text, tokens[i].lemma) in at.lex.stance_nouns
    head = parse.child(i, {"poss"})
    if head is None:
        for p in parse.children[i]:
            if tokens[p].dep == "prep" and parse.word(p) in _SOURCES - {"of"}:
                head = parse.child(p, {"pobj"})
                break
    for c in parse.children[i]:
        if c < i:
            continue
        if tokens[c].dep in _NOUN_CLAUSES:
            mark = parse.child(c, {"mark"})
            if mark is not None and parse.word(mark) == "that":
                yield (*parse.subtree(c), head)
                return
        elif stance and tokens[c].dep == "prep" and parse.word(c) in at.lex.topic_prepositions:
            obj = parse.child(c, _PREP_OBJECTS)
            if obj is not None:
                yield (*parse.subtree(obj), head)
                return


def _according(at: Attributor, cue: int) -> tuple[int, int] | None:
    """ "According to X, the town fell." / "The town fell, according to X." """
    return _around(at, cue)


def _around(at: Attributor, cue: int) -> tuple[int, int] | None:
    """The clause a source is set into ("According to X, …", "…, according to X", "…, X
    said, …"): the rest of it where the source opens or closes it, the whole of it (as PolNeAR
    marks it) where the source stands in the middle."""
    parse = at.parse
    verb = parse.tokens[cue].head
    if verb == cue:
        return None
    own_lo, own_hi = parse.subtree(cue)
    lo, hi = parse.subtree(verb)
    if own_lo <= lo:
        return own_hi + 1, hi
    if own_hi >= hi - 1:
        return lo, own_lo - 1
    return lo, hi


def _surface(text: str, at: Attributor, cue: int) -> list[Found]:
    """Without a parse: "<speech verb> that …" and "according to X, …" to the sentence end."""
    if not at.is_cue(cue, weak_ok=False):
        return []
    tokens = at.parse.tokens
    word = tokens[cue].text.lower()
    if word == "according":
        comma = text.find(",", tokens[cue].end)
        if comma < 0 or comma - tokens[cue].end > 60:
            return []
        start = comma + 1
    elif cue + 1 < len(tokens) and tokens[cue + 1].text.lower() == "that":
        start = tokens[cue + 1].end
    else:
        return []
    end = _CLAUSE_END.search(text, start)
    stop = end.start() if end else len(text)
    inner = at.parse.between(start, stop)
    if len(inner) < 2:
        return []
    return [(inner[0], inner[-1], at.speaker_head(cue))]
