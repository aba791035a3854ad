"""Name normalisation: one function for gazetteer names and for the text we scan.

``normalize`` folds diacritics and transliterates (anyascii), lowercases, turns hyphens,
underscores and other punctuation into spaces, drops apostrophes and the ʿ ʾ ‘ ’ ` marks, and
collapses whitespace. ``name_keys`` adds a second key with Arabic articles removed, so that
``al-Sukhnah``, ``As Sukhnah`` and ``Sukhnah`` meet.

``fold_text`` applies the same per-character folding to running text while keeping, for every
folded character, the index of the original character it came from.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from itertools import chain, compress, islice, product, repeat

from anyascii import anyascii

from conflictwire.gazetteer.datafiles import read_table

_DROPPED = frozenset("'`")  # anyascii turns ʿ ʾ ‘ ’ ʼ into these
# A stripped key shorter than this is not indexed: "Al Ain" -> "ain", "Al Bab" -> "bab" would
# match too much running text; "al ain" itself is still a key.
MIN_STRIPPED_KEY_LENGTH = 4
# English possessive "Syria's": the apostrophe separates words in running text.
_POSSESSIVE = re.compile(r"['’‘`ʼ](?=[sS](?![^\W\d_]))")
_SPACE_RUNS = re.compile(r" {2,}")


class _FoldTable(dict[str, str]):
    """Character -> folded string, filled on first use of each character."""

    def __missing__(self, char: str) -> str:
        folded = "".join(
            ch if ch.isalnum() else ("" if ch in _DROPPED else " ") for ch in anyascii(char).lower()
        )
        folded = "".join(ch for ch in folded if ch.isascii())
        self[char] = folded
        return folded


_FOLDS = _FoldTable()
_ASCII_TABLE = str.maketrans({chr(i): _FOLDS[chr(i)] for i in range(128)})


def normalize(text: str) -> str:
    """The lookup key of a name: ``"Deir ez-Zor"`` -> ``"deir ez zor"``."""
    if text.isascii():
        folded = text.translate(_ASCII_TABLE)
    else:
        folded = "".join(map(_FOLDS.__getitem__, text))
    return " ".join(folded.split())


@cache
def articles() -> frozenset[str]:
    """Arabic article tokens (from ``data/gazetteer/arabic_articles.tsv``)."""
    return frozenset(row["article"] for row in read_table("arabic_articles.tsv"))


@cache
def name_articles() -> frozenset[str]:
    """The article forms that open a place name in running text ("al-Sukhnah", "As Sukhnah")."""
    return frozenset(
        row["article"] for row in read_table("arabic_articles.tsv") if row["starts"] == "yes"
    )


def english_word_articles() -> frozenset[str]:
    """Articles that are also common English words ("as", "at", "an")."""
    rows = read_table("arabic_articles.tsv")
    return frozenset(row["article"] for row in rows if row["english_word"] == "yes")


@cache
def arabic_countries() -> frozenset[str]:
    """Countries whose names are romanised from Arabic (``data/gazetteer/arabic_countries.tsv``)."""
    return frozenset(row["country_code"] for row in read_table("arabic_countries.tsv"))


@cache
def arabic_variants() -> dict[str, tuple[str, ...]]:
    """Word -> its common English spellings (``data/gazetteer/arabic_variants.tsv``)."""
    return {
        row["word"]: tuple(row["variants"].split("|")) for row in read_table("arabic_variants.tsv")
    }


@cache
def syllable_countries() -> frozenset[str]:
    """Countries whose names are romanised syllable by syllable, written both joined and apart
    ("Kyain Seikgyi" / "Kyainseikgyi"; ``data/gazetteer/syllable_countries.tsv``)."""
    return frozenset(row["country_code"] for row in read_table("syllable_countries.tsv"))


MAX_SPELLINGS = 16  # variant keys per key, at most


def spellings(key: str) -> list[str]:
    """The key with its words in their common English spellings: "ayn isa" -> "ein issa", ..."""
    options = [(word, *arabic_variants().get(word, ())) for word in key.split(" ")]
    if all(len(o) == 1 for o in options):
        return []
    found = [" ".join(words) for words in islice(product(*options), MAX_SPELLINGS + 1)]
    return [k for k in found if k != key][:MAX_SPELLINGS]


TA_MARBUTA_MIN = 5  # letters in a final word before its "-ah" may be read as "-a"


def without_final_h(key: str) -> str:
    """ "al amadiyah" -> "al amadiya": the "-ah" ending also written "-a"; ``""`` if none."""
    last = key.rsplit(" ", 1)[-1]
    return key[:-1] if last.endswith("ah") and len(last) >= TA_MARBUTA_MIN else ""


def strip_articles(key: str) -> str:
    """A normalised key without its standalone article tokens; ``""`` if nothing would remain."""
    tokens = key.split(" ")
    kept = [token for token in tokens if token not in articles()]
    if not kept or len(kept) == len(tokens):
        return ""
    return " ".join(kept)


def fuse_articles(key: str) -> str:
    """An inner article written onto the next word: "deir ez zor" -> "deir ezzor" ("Deir
    Ezzor", "Ras alAin" are common spellings); ``""`` if the key has no inner article."""
    tokens = key.split(" ")
    out: list[str] = []
    fused = False
    for i, token in enumerate(tokens):
        if out and i + 1 < len(tokens) and token in articles():
            tokens[i + 1] = token + tokens[i + 1]
            fused = True
            continue
        out.append(token)
    return " ".join(out) if fused else ""


def name_keys(name: str) -> list[str]:
    """The keys a name is indexed under: its normalised form, the article-stripped form, and
    the form with inner articles fused to the next word."""
    key = normalize(name)
    keys = [key] if usable_key(key) else []
    stripped = strip_articles(key)
    if len(stripped) >= MIN_STRIPPED_KEY_LENGTH and usable_key(stripped):
        keys.append(stripped)
    fused = fuse_articles(key)
    if fused and usable_key(fused):
        keys.append(fused)
    return keys


def usable_key(key: str) -> bool:
    """Keys of one character or only digits are never indexed."""
    return len(key) >= 2 and not key.replace(" ", "").isdigit()


@cache
def _is_latin_letter(char: str) -> bool:
    if not char.isalpha() or char.isascii():
        return True
    name = unicodedata.name(char, "")
    return "LATIN" in name or name.startswith("MODIFIER LETTER")


def is_latin(name: str) -> bool:
    """Whether every letter of ``name`` is Latin (with any diacritics) - not Arabic, Cyrillic..."""
    return name.isascii() or all(map(_is_latin_letter, name))


@dataclass(frozen=True)
class FoldedText:
    """Text folded like ``normalize``; ``offsets[i]`` is the original index of ``text[i]``."""

    text: str
    offsets: list[int]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The original ``[start, end)`` of folded ``[start, end)`` (``end > start``)."""
        return self.offsets[start], self.offsets[end - 1] + 1


def fold_text(text: str) -> FoldedText:
    """Fold running text for scanning, keeping an exact offset map back to ``text``."""
    pieces = list(map(_FOLDS.__getitem__, text))
    for match in _POSSESSIVE.finditer(text):
        pieces[match.start()] = " "
    raw = "".join(pieces)
    lengths = list(map(len, pieces))
    if len(raw) == len(text) and min(lengths, default=1) == 1:
        offsets = list(range(len(text)))
    else:
        offsets = list(chain.from_iterable(map(repeat, range(len(text)), lengths)))
    return _collapse_spaces(raw, offsets)


def _collapse_spaces(raw: str, offsets: list[int]) -> FoldedText:
    """Runs of spaces become one space (the first of the run keeps its offset)."""
    keep = bytearray(b"\x01") * len(raw)
    for run in _SPACE_RUNS.finditer(raw):
        start, end = run.start() + 1, run.end()
        keep[start:end] = bytes(end - start)
    if len(keep) == keep.count(1):
        return FoldedText(raw, offsets)
    return FoldedText(_SPACE_RUNS.sub(" ", raw), list(compress(offsets, keep)))
