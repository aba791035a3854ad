"""The quote stage's word lists, read from ``data/quotes/`` (each file names its source)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache, cached_property
from importlib import resources
from typing import Any

import yaml


@dataclass(frozen=True)
class Lexicon:
    cue_forms: dict[str, str]  # any written form ("told") → its lemma ("tell")
    weak_cues: frozenset[str]
    titles: tuple[tuple[str, ...], ...]  # lower-cased token sequences, longest first
    person_pronouns: frozenset[str]
    other_pronouns: frozenset[str]
    affiliation_prepositions: frozenset[str]
    leading_words: frozenset[str]
    name_stops: frozenset[str]
    min_unattributed_words: int
    cue_reach: int
    # indirect speech and stance (reporting.yaml)
    clause_verbs: frozenset[str] = frozenset()
    object_verbs: frozenset[str] = frozenset()
    prep_verbs: dict[str, frozenset[str]] = field(default_factory=dict)
    clause_adjectives: frozenset[str] = frozenset()
    speech_nouns: frozenset[str] = frozenset()
    topic_prepositions: frozenset[str] = frozenset()
    as_clause_verbs: frozenset[str] = frozenset()
    stance_nouns: frozenset[str] = frozenset()
    passive_reports: frozenset[str] = frozenset()
    stance: dict[str, str] = field(default_factory=dict)  # lemma -> "denies" | "disputes"
    reporting_forms: dict[str, str] = field(default_factory=dict)  # "hoping" -> "hope"
    organisation_nouns: frozenset[str] = frozenset()
    media_nouns: frozenset[str] = frozenset()
    document_cues: frozenset[str] = frozenset()  # speech verbs only with a media noun ("read")
    finding_nouns: frozenset[str] = frozenset()
    body_pronouns: frozenset[str] = frozenset()
    title_words: frozenset[str] = frozenset()  # one-word titles: "the spokesman" is a person

    def reporting_lemma(self, word: str, lemma: str) -> str:
        """The lemma of a reporting word of reporting.yaml ("hoping" is hope, not spaCy's
        "hop"), else spaCy's."""
        return self.reporting_forms.get(word.lower()) or lemma.lower()

    def cue_lemma(self, word: str, lemma: str = "") -> str | None:
        """The speech verb ``word`` is a form of, or None."""
        return self.cue_forms.get(word.lower()) or self.cue_forms.get(lemma.lower())

    @cached_property
    def _reporting_lemmas(self) -> frozenset[str]:
        return frozenset().union(
            self.clause_verbs,
            self.object_verbs,
            self.prep_verbs,
            self.passive_reports,
            self.clause_adjectives,
            self.speech_nouns,
        )

    def may_report(self, word: str, lemma: str) -> bool:
        """Whether a token could report what someone said or holds: "according", a form of a
        speech verb, or a reporting word of reporting.yaml. Only these need a closer look (most
        of a text's tokens are none of them)."""
        return (
            word.lower() == "according"
            or self.cue_lemma(word, lemma) is not None
            or self.reporting_lemma(word, lemma) in self._reporting_lemmas
        )

    def is_pronoun(self, word: str) -> bool:
        low = word.lower()
        return low in self.person_pronouns or low in self.other_pronouns


def _data(name: str) -> str:
    return resources.files("conflictwire").joinpath(f"data/quotes/{name}").read_text("utf-8")


def _lines(name: str) -> list[str]:
    return [
        line.rstrip("\n") for line in _data(name).splitlines() if line and not line.startswith("#")
    ]


def regular_forms(lemma: str) -> set[str]:
    """say → says, sayed, saying…: enough for regular verbs; irregular ones are listed."""
    stem = lemma[:-1] if lemma.endswith("e") else lemma
    forms = {lemma, lemma + "s", lemma + "ed", lemma + "ing", stem + "ed", stem + "ing"}
    if lemma.endswith("y"):
        forms |= {lemma[:-1] + "ied", lemma[:-1] + "ies"}
    if lemma.endswith(("s", "sh", "ch", "x")):
        forms.add(lemma + "es")
    return forms


@cache
def lexicon() -> Lexicon:
    forms: dict[str, str] = {}
    for line in _lines("cues.tsv"):
        lemma, *irregular = line.split("\t")
        for form in regular_forms(lemma) | set(irregular):
            forms.setdefault(form, lemma)
    titles = {tuple(t.lower().split()) for t in _lines("titles.tsv")}
    words: dict[str, Any] = yaml.safe_load(_data("words.yaml"))
    reporting: dict[str, Any] = yaml.safe_load(_data("reporting.yaml"))
    reporting_forms: dict[str, str] = {}
    for key in ("clause_verbs", "object_verbs", "passive_reports"):
        for lemma in reporting[key]:
            for form in regular_forms(lemma):
                reporting_forms.setdefault(form, lemma)
    for lemma in reporting["prep_verbs"]:
        for form in regular_forms(lemma):
            reporting_forms.setdefault(form, lemma)
    return Lexicon(
        cue_forms=forms,
        weak_cues=frozenset(words["weak_cues"]),
        titles=tuple(sorted(titles, key=len, reverse=True)),
        person_pronouns=frozenset(words["person_pronouns"]),
        other_pronouns=frozenset(words["other_pronouns"]),
        affiliation_prepositions=frozenset(words["affiliation_prepositions"]),
        leading_words=frozenset(words["leading_words"]),
        name_stops=frozenset(words["name_stops"]),
        min_unattributed_words=int(words["min_unattributed_words"]),
        cue_reach=int(words["cue_reach"]),
        clause_verbs=frozenset(reporting["clause_verbs"]),
        object_verbs=frozenset(reporting["object_verbs"]),
        prep_verbs={k: frozenset(v) for k, v in reporting["prep_verbs"].items()},
        clause_adjectives=frozenset(reporting["clause_adjectives"]),
        speech_nouns=frozenset(reporting["speech_nouns"]) | frozenset(reporting["stance_nouns"]),
        topic_prepositions=frozenset(reporting["topic_prepositions"]),
        as_clause_verbs=frozenset(reporting["as_clause_verbs"]),
        stance_nouns=frozenset(reporting["stance_nouns"]),
        passive_reports=frozenset(reporting["passive_reports"]),
        reporting_forms=reporting_forms,
        organisation_nouns=frozenset(words["organisation_nouns"]),
        media_nouns=frozenset(words["media_nouns"]),
        document_cues=frozenset(words["document_cues"]),
        finding_nouns=frozenset(words["finding_nouns"]),
        body_pronouns=frozenset(words["body_pronouns"]),
        title_words=frozenset(t[-1] for t in titles if len(t) == 1) | {"official"},
        stance={w: kind for kind, ws in reporting["stance"].items() for w in ws},
    )
