"""Offline language identification with py3langid (the model loads on first use, once)."""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from conflictwire.models import Article
from conflictwire.settings import Settings

if TYPE_CHECKING:
    from py3langid.langid import LanguageIdentifier

# Below this many characters the detector guesses (it calls "Clashes in Khartoum." Latin).
MIN_DETECT_CHARS = 40
# Normalised probability below which the detector's answer is not used; English and French
# news paragraphs of 100+ characters score above 0.95.
MIN_CONFIDENCE = 0.5
# The detector reads this much of a long text: enough to decide, bounded in time.
DETECT_CHARS = 10_000
# The detector also knows languages that have no ISO 639-1 code, the record's ``language``
# (docs/SCHEMA.md): those within a macrolanguage that has one are given its code; the others
# ("kab", "pcm"; "zxx", no linguistic content) are recorded as not told (None).
MACROLANGUAGES = {
    "arz": "ar", "ary": "ar", "yue": "zh", "wuu": "zh", "uzs": "uz", "gug": "gn", "fuv": "ff",
    "sdh": "ku", "ltg": "lv", "kik": "ki",
}  # fmt: skip
# Words, for the second look: names (capitalised words) left out.
WORDS = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


@cache
def _identifier() -> LanguageIdentifier:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> str | None:
    """The ISO 639-1 code of ``text``'s language, or None when the text is too short to tell,
    the detector is unsure or the language has no such code (``MACROLANGUAGES``)."""
    sample = text[:DETECT_CHARS].strip()
    if len(sample) < MIN_DETECT_CHARS:
        return None
    language, confidence = _identifier().classify(sample)
    code = MACROLANGUAGES.get(str(language), str(language))
    if confidence < MIN_CONFIDENCE or len(code) != 2:
        return None
    return code


def without_names(text: str) -> str:
    """The words of ``text`` that are not capitalised: names of places and people left out.

    Scripts without capitals (Arabic, Chinese, Thai) keep all their words.
    """
    return " ".join(w for w in WORDS.findall(text[:DETECT_CHARS]) if not w[0].isupper())


def article_language(text: str, languages: tuple[str, ...]) -> str | None:
    """The language of an article, or None when the detector cannot tell.

    A text judged to be in a language outside ``languages`` gets a second look without its
    names: a list of places or people is read as the language the names come from ("Przemyśl,
    Rzeszów, Chełm" is Polish), while the words around them say what the article is written in.
    The second look decides; too few words left to judge, and nothing is decided.
    """
    language = detect_language(text)
    if language is None or not languages or language in languages:
        return language
    second = detect_language(without_names(text))
    if second is None or second in languages:
        return second
    return language


def assign_language(article: Article, settings: Settings) -> None:
    """Set ``article.language``; warn when it is not one of ``settings.languages``.

    When the detector cannot tell, the first configured language is assumed.
    """
    default = settings.languages[0] if settings.languages else None
    language = article_language(article.text, settings.languages) or default
    article.language = language
    if language is not None and settings.languages and language not in settings.languages:
        wanted = ", ".join(settings.languages)
        article.warnings.append(
            f"language {language!r} detected, not one of the setting languages ({wanted}); "
            "not extracted"
        )
