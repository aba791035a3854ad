"""Whether a speaker claims, denies or disputes what it reports, from its cue word.

A cue in the ``stance`` lists of ``data/quotes/reporting.yaml`` denies ("rebels denied …",
"the ministry rejected the report") or disputes ("the group questioned the toll"); any other
cue claims ("the army said it had retaken the town", "according to the Observatory"). A negated
cue takes no stance (null: "the ministry did not confirm the toll" neither claims nor denies
it). The stance is kept only on quotations linked to an event (``link``).
"""

from __future__ import annotations

from .attribution import Attributor

CLAIMS, DENIES, DISPUTES = "claims", "denies", "disputes"


def stance_of(at: Attributor, cue: int) -> str | None:
    tok = at.parse.tokens[cue]
    if tok.text.lower() == "according":
        return CLAIMS
    lemma = at.lex.cue_lemma(tok.text, tok.lemma) or at.lex.reporting_lemma(tok.text, tok.lemma)
    if _negated(at, cue):
        return None
    return at.lex.stance.get(lemma, CLAIMS)


def _negated(at: Attributor, cue: int) -> bool:
    parse = at.parse
    if parse.has_parse:
        return parse.child(cue, {"neg"}) is not None
    return cue > 0 and parse.word(cue - 1) in ("not", "n't", "never")
