"""Which kind of gold file ``evaluate events`` reads, told by the first record's keys.

- ``corpus``: records name an article of a corpus folder by ``origin`` and carry no ``text``
  (``tests/gold/sample_gold.jsonl``).
- ``case``: the record's ``gold`` has exactly ``event_type`` and ``sub_event_type`` (CASE 2021
  task 2 snippets, ``shared/devdata/events/case2021_dev.jsonl``).
- ``fakes``: ``gold`` has ``admin1`` (a governorate key) and ``credible`` and no event type
  (FA-KES articles, ``shared/devdata/e2e/fakes_dev.jsonl``).
- ``acled``: ``gold`` has ``event_type``, ``sub_event_type`` and more of ACLED's columns
  (ACLED's notes, ``shared/devdata/events/acled_dev.jsonl``).

Any other file is an error that names the keys it found. ``--expect-none`` reads any gold file
with texts and ignores its gold, so it needs no format.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

ACLED, CASE, FAKES, CORPUS = "acled", "case", "fakes", "corpus"
FORMATS = {
    ACLED: "ACLED-style notes: gold has event_type, sub_event_type and more of ACLED's columns",
    CASE: "CASE 2021 snippets: gold has only event_type and sub_event_type",
    FAKES: "FA-KES articles: gold has admin1 (a Syrian governorate key) and credible",
    CORPUS: "a corpus gold file: records name articles by origin (no text)",
}
TYPE_KEYS = frozenset({"event_type", "sub_event_type"})
FAKES_KEYS = frozenset({"admin1", "credible"})


class GoldFormatError(ValueError):
    """A gold file ``evaluate events`` cannot read, with the keys it found."""


def first_record(path: str | Path) -> dict[str, Any] | None:
    """The first non-blank line of a JSONL file, parsed; None for an empty file."""
    with Path(path).open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise GoldFormatError(f"{path}:{number}: not JSON ({exc})") from None
            if not isinstance(record, dict):
                raise GoldFormatError(f"{path}:{number}: a record is a JSON object")
            return record
    return None


def is_corpus_record(record: dict[str, Any]) -> bool:
    """Whether a gold record names a corpus article (``origin``) instead of carrying its text."""
    return "origin" in record and "text" not in record


def record_format(record: dict[str, Any]) -> str | None:
    """The format a gold record is in, or None when its keys fit none."""
    if is_corpus_record(record):
        return CORPUS
    gold = record.get("gold")
    if "text" not in record or not isinstance(gold, dict):
        return None
    keys = set(gold)
    if keys == TYPE_KEYS:
        return CASE
    if keys >= FAKES_KEYS and not keys & TYPE_KEYS:
        return FAKES
    if keys > TYPE_KEYS:
        return ACLED
    return None


def gold_format(path: str | Path) -> str:
    """The format of a gold file (one of ``FORMATS``), read from its first record.

    Raises GoldFormatError naming the record's keys and its gold's keys when they fit no format.
    """
    record = first_record(path)
    if record is None:
        raise GoldFormatError(f"{path}: no gold records")
    found = record_format(record)
    if found is not None:
        return found
    gold = record.get("gold")
    gold_keys = sorted(gold) if isinstance(gold, dict) else gold
    known = "; ".join(f"{name}: {what}" for name, what in FORMATS.items())
    raise GoldFormatError(
        f"{path}: cannot tell the gold format from the first record "
        f"(record keys {sorted(record)}, gold keys {gold_keys}). Formats read: {known}. "
        "For texts that should report no event, whatever their gold, use --expect-none."
    )


def require_texts(path: str | Path) -> None:
    """GoldFormatError unless the file's first record carries a ``text`` (what
    ``--expect-none`` reads)."""
    record = first_record(path)
    if record is None or not isinstance(record.get("text"), str):
        keys = sorted(record) if record is not None else []
        raise GoldFormatError(f"{path}: the first record has no text (keys {keys})")
