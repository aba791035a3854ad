"""Text that still looks garbled after decoding (mojibake), found before it reaches extraction.

Signs, each counted over the whole text (a stray one is not enough: ``MIN_SIGNS`` and a share):

- a non-Latin script read as Windows-1252 (Cyrillic, Thai, Arabic bytes become Latin-1 letters
  and signs): most of the letters are Latin-1 accented ones;
- UTF-8 read as a single-byte code page: ``Ã©`` for "é", ``â€™`` for "’" (Windows-1252),
  ``√©`` and ``‚Äô`` (Mac Roman);
- C1 control characters (U+0080–U+009F), which no text holds: Windows-1252 read as Latin-1;
- replacement characters (U+FFFD) left by an earlier decoder.
"""

from __future__ import annotations

import re

MIN_SIGNS = 3
# Share of the text's non-space characters: mojibake and C1 signs (1 in 1,000), replacement
# characters (1 in 100: a few bad bytes are already counted by the decoder's own warning).
MOJIBAKE_SHARE = 0.001
REPLACEMENT_SHARE = 0.01
# Share of the letters that are Latin-1 accented ones. French or Portuguese news has under 10%,
# Icelandic under 30%; Cyrillic or Thai read as Windows-1252 over 90%.
LATIN1_LETTER_SHARE = 0.5
MIN_LETTERS = 20

C1_CONTROLS = re.compile("[\u0080-\u009f]")
LATIN1_LETTERS = re.compile("[\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u00ff]")
LETTERS = re.compile(r"[^\W\d_]")
REPLACEMENT = "\ufffd"


def _read_as(codec: str, first: int, last: int) -> str:
    """The characters bytes ``first``..``last`` become in ``codec`` (Latin-1 where undefined)."""
    chars = []
    for byte in range(first, last + 1):
        try:
            chars.append(bytes([byte]).decode(codec))
        except UnicodeDecodeError:
            chars.append(bytes([byte]).decode("latin-1"))
    return re.escape("".join(chars))


def _utf8_read_as(codec: str) -> str:
    """A pattern for UTF-8 sequences of Latin-1 letters (lead bytes C2, C3) and of general
    punctuation (lead byte E2: quotes, dashes) read one byte at a time in ``codec``."""
    follow = f"[{_read_as(codec, 0x80, 0xBF)}]"
    return f"[{_read_as(codec, 0xC2, 0xC3)}]{follow}|{_read_as(codec, 0xE2, 0xE2)}{follow}{{2}}"


MOJIBAKE = re.compile(f"{_utf8_read_as('cp1252')}|{_utf8_read_as('mac_roman')}")


def garbled_reason(text: str) -> str | None:
    """Why ``text`` looks garbled, or None when it does not."""
    chars = len("".join(text.split()))
    if not chars:
        return None
    letters = _count(LETTERS, text)
    latin1 = _count(LATIN1_LETTERS, text)
    if letters >= MIN_LETTERS and latin1 > LATIN1_LETTER_SHARE * letters:
        return f"{latin1:,} of {letters:,} letters are Latin-1 accented ones: another script read"
    mojibake = MOJIBAKE.findall(text)
    if _many(len(mojibake), chars, MOJIBAKE_SHARE):
        return f"{len(mojibake):,} sequences like {mojibake[0]!r}: UTF-8 read as a legacy encoding"
    controls = _count(C1_CONTROLS, text)
    if _many(controls, chars, MOJIBAKE_SHARE):
        return f"{controls:,} C1 control characters: Windows-1252 read as Latin-1"
    replaced = text.count(REPLACEMENT)
    if _many(replaced, chars, REPLACEMENT_SHARE):
        return f"{replaced:,} replacement characters (U+FFFD)"
    return None


def _count(pattern: re.Pattern[str], text: str) -> int:
    """How many characters of ``text`` match ``pattern`` (no list of them is built)."""
    return len(text) - len(pattern.sub("", text))


def _many(count: int, chars: int, share: float) -> bool:
    return count >= MIN_SIGNS and count >= share * chars


def garbled_warning(text: str) -> str | None:
    """The warning for a text that looks garbled, or None."""
    reason = garbled_reason(text)
    if reason is None:
        return None
    return f"text looks garbled ({reason}); check the input's encoding"
