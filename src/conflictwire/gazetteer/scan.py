"""Finding gazetteer names in running text with an Aho-Corasick automaton over all name keys.

Keys are added padded with spaces (``" homs "``) and the folded text is scanned padded too, so the
automaton itself only reports matches that start and end on word boundaries. The value stored for
each key is ``len(key) << 3 | flags``: ``PLAIN`` (some place has this normalised key),
``EXACT`` (a case-sensitive alias folds to it) and ``STRIPPED`` (the key is an article-stripped
form, such as ``sukhnah`` from ``As Sukhnah``).

Case-sensitive aliases (``US``, ``W.Va.``; see ``curated``) are added under their folded form
(``us``, ``w va``). Where one is found, the text as written must equal the alias (whitespace
aside): then the match's key is the alias itself (``NameMatch(.., key="W.Va.")``) and, for an
alias ending in a dot, its span includes the dot that follows in the text - also where that dot
ends the sentence too ("in Charleston, W.Va." -> span ``W.Va.``). A case-sensitive match replaces
a plain match of the same span ("US" -> ``US``, not the village ``us``); elsewhere the plain key
is reported as before ("told us" -> ``us`` if some place is called "Us", never ``US``).

The automaton is built once from the index and persisted next to it as
``<index>.<names_token>.automaton``; a new build or a dump import renews the token.
"""

from __future__ import annotations

import os
import pickle
import sqlite3
import sys
import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import NamedTuple

import ahocorasick

from conflictwire.gazetteer.normalize import (
    FoldedText,
    articles,
    english_word_articles,
    fold_text,
    normalize,
)

STRIPPED, EXACT, PLAIN = 1, 2, 4
_FLAG_BITS = 3
ExactForms = Mapping[str, tuple[str, ...]]  # folded key -> case-sensitive aliases folding to it

_JOINERS = "-\u2010\u2011\u2013 "  # what may stand between an article and the name


class NameMatch(NamedTuple):
    """A gazetteer key found in text: ``text[start:end]`` is the surface as written."""

    start: int
    end: int
    key: str


def automaton_path(index_path: Path, names_token: str) -> Path:
    return index_path.with_name(f"{index_path.name}.{names_token}.automaton")


def remove_automata(index_path: Path) -> None:
    """Delete the automata persisted for earlier names of this index (readers keep theirs in
    memory; a process that has not loaded one yet rebuilds it)."""
    for old in index_path.parent.glob(f"{index_path.name}.*.automaton"):
        old.unlink(missing_ok=True)


def build_automaton(conn: sqlite3.Connection) -> ahocorasick.Automaton:
    """An automaton over every key in the ``names`` table (exact keys by their folded form)."""
    flags: dict[str, int] = {}
    rows = conn.execute("SELECT key, max(is_stripped), max(is_exact) FROM names GROUP BY key")
    for key, stripped, exact in rows:
        if exact:
            folded = normalize(key)
            flags[folded] = flags.get(folded, 0) | EXACT
        else:
            flags[key] = flags.get(key, 0) | PLAIN | (STRIPPED if stripped else 0)
    automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
    for key, flag in flags.items():
        automaton.add_word(f" {key} ", len(key) << _FLAG_BITS | flag)
    automaton.make_automaton()
    return automaton


def read_exact_forms(conn: sqlite3.Connection) -> dict[str, tuple[str, ...]]:
    """Folded key -> the case-sensitive aliases (as written) that fold to it."""
    forms: dict[str, list[str]] = {}
    for (key,) in conn.execute("SELECT DISTINCT key FROM names WHERE is_exact = 1"):
        forms.setdefault(normalize(key), []).append(key)
    return {folded: tuple(sorted(keys, key=len, reverse=True)) for folded, keys in forms.items()}


def load_automaton(conn: sqlite3.Connection, path: Path) -> ahocorasick.Automaton:
    """The persisted automaton at ``path``; built from ``conn`` and saved there if missing."""
    if path.is_file():
        try:
            return ahocorasick.load(str(path), pickle.loads)
        except (OSError, ValueError, pickle.UnpicklingError) as exc:
            print(f"gazetteer: rebuilding unreadable automaton {path} ({exc})", file=sys.stderr)
    automaton = build_automaton(conn)
    _save(automaton, path)
    return automaton


def _save(automaton: ahocorasick.Automaton, path: Path) -> None:
    """Write atomically; a read-only cache directory only costs the next process a rebuild."""
    tmp: Path | None = None
    try:
        handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        os.close(handle)
        tmp = Path(name)
        automaton.save(str(tmp))  # STORE_INTS: no serializer
        tmp.chmod(0o644)  # mkstemp makes it private; the cache may be shared like the index
        os.replace(tmp, path)
    except OSError as exc:
        print(
            f"gazetteer: could not save the automaton to {path} ({exc}); "
            "it will be rebuilt by each new process",
            file=sys.stderr,
        )
    finally:
        if tmp is not None:
            tmp.unlink(missing_ok=True)


def scan_text(
    automaton: ahocorasick.Automaton, text: str, exact_forms: ExactForms | None = None
) -> list[NameMatch]:
    """All (overlapping) key matches in ``text``, with offsets into ``text``, sorted by start."""
    folded = fold_text(text)
    body, offsets = folded.text, folded.offsets
    lead = 0 if body.startswith(" ") else 1
    padded = " " * lead + body + ("" if body.endswith(" ") else " ")
    found: dict[tuple[int, int], NameMatch] = {}
    extended: list[NameMatch] = []
    exact: list[NameMatch] = []
    for last, value in automaton.iter(padded):
        end = last - lead  # padded[last] is the key's trailing space: folded end (exclusive)
        start = end - (value >> _FLAG_BITS)
        if value & EXACT:
            exact.extend(_exact_matches(text, folded, start, end, exact_forms or {}))
        if not value & PLAIN:
            continue
        if value & STRIPPED:
            article_start = _article_start(text, folded, start)
            if article_start is not None:
                extended.append(NameMatch(article_start, offsets[end - 1] + 1, body[start:end]))
                continue
        match = NameMatch(offsets[start], offsets[end - 1] + 1, body[start:end])
        found[match[:2]] = match
    for match in extended:  # a plain match over the same span wins ("As Sukhnah")
        found.setdefault(match[:2], match)
    for match in exact:  # the alias as written wins over a plain key of the same span
        found[match[:2]] = match
    return sorted(found.values())


def _exact_matches(
    text: str, folded: FoldedText, start: int, end: int, exact_forms: ExactForms
) -> Iterator[NameMatch]:
    """The case-sensitive aliases folding to ``folded.text[start:end]`` written there as such."""
    first, stop = folded.original_span(start, end)
    written = text[first:stop]
    for form in exact_forms.get(folded.text[start:end], ()):
        surface = written + "." if form.endswith(".") and text[stop : stop + 1] == "." else written
        if " ".join(surface.split()) == form:
            yield NameMatch(first, first + len(surface), form)
            return


def _article_start(text: str, folded: FoldedText, start: int) -> int | None:
    """Original start of an article written just before folded ``start`` ("al-" in al-Sukhnah)."""
    body = folded.text
    if start < 2 or body[start - 1] != " ":
        return None
    token_start = body.rfind(" ", 0, start - 1) + 1
    token = body[token_start : start - 1]
    if token not in articles():
        return None
    article_start, article_end = folded.original_span(token_start, start - 1)
    joiner = text[article_end : folded.offsets[start]]
    if not joiner or joiner.strip(_JOINERS) or len(joiner) > 2:
        return None
    hyphenated = joiner.strip() != ""
    if token in english_word_articles() and not hyphenated and text[article_start].islower():
        return None  # "at Sukhnah" in running English
    return article_start
