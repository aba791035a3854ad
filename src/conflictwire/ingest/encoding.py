"""Bytes to text: byte-order marks, a declared charset, UTF-8, then a confident legacy guess.

Nothing is rejected for a few bad bytes: invalid sequences become U+FFFD and NUL bytes are
dropped, each with one warning that counts them. Only a binary file (``binary.py``) is refused.
The order of choice is in :func:`choose_encoding`; the README ("Command line", Encodings)
tells users the same.
"""

from __future__ import annotations

import codecs
import io
import threading
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from typing import Any, BinaryIO, cast

from charset_normalizer import from_bytes

from conflictwire.ingest.binary import SNIFF_BYTES, looks_binary, wide_encoding
from conflictwire.ingest.errors import Rejected

__all__ = [
    "SNIFF_BYTES",
    "Decoded",
    "choose_encoding",
    "decode_bytes",
    "stream_encoding",
    "read_limited",
    "with_prefix",
]

BINARY_MESSAGE = (
    "binary file (an image, archive, PDF or program, not text); "
    "give a text, HTML, feed, JSON or CSV file"
)
# Windows-1252 is the commonest legacy encoding of English-language news; charset-normalizer
# often ranks a sibling code page (cp1250, cp1257) first with the same chaos score, which turns
# French "à" into "ŕ". On a tie we prefer this one.
PREFERRED_LEGACY = "cp1252"
CHAOS_TIE = 0.01
# A legacy guess is taken only when it reads as text: charset-normalizer's mess ("chaos") at
# most this, and at most this share of its non-ASCII characters (in the first SNIFF_BYTES)
# symbols or controls.
LEGACY_MAX_CHAOS = 0.1
LEGACY_MAX_ODD_SHARE = 0.1
# ... and only with this many non-ASCII characters to go on: one or two odd bytes in an English
# text are more likely damage in UTF-8 (replaced, with a warning) than a legacy encoding.
LEGACY_MIN_CHARS = 3
ODD_CATEGORIES = frozenset(("Cc", "Cf", "Cn", "Co", "Cs", "Sk", "Sm", "So"))
# Bytes that are mostly UTF-8 are UTF-8 with damage: at least this share of their non-ASCII bytes
# in valid UTF-8 sequences. Legacy texts reach it only by chance: single-byte code pages almost
# never (a letter followed by symbols), CJK multi-byte encodings and Thai often, as both halves
# of their characters fall in UTF-8's byte ranges (under 55% of the bytes in 300 random
# characters of each, up to 90% in 10). A guess of one of those is taken unless UTF-8 reaches this
# share; a guess of any other legacy encoding only when no valid UTF-8 sequence is there.
UTF8_MIN_SHARE = 0.8
CHANCE_UTF8 = frozenset(
    ("big5", "big5hkscs", "cp932", "cp949", "cp950", "euc_jis_2004", "euc_jisx0213", "euc_jp",
     "euc_kr", "gb18030", "gb2312", "gbk", "johab", "shift_jis", "shift_jis_2004",
     "shift_jisx0213", "cp874", "tis-620", "iso8859-11")
)  # fmt: skip
# Labels that pages and feeds use for a narrower encoding than their bytes hold, read as the
# wider one, as browsers do (WHATWG Encoding Standard); a UTF-16/32 label on bytes without a
# byte-order mark or NUL pattern is a page saved as UTF-8.
WIDER_ENCODINGS = {
    "ascii": "cp1252",
    "iso8859-1": "cp1252",
    "latin-1": "cp1252",
    "iso8859-9": "cp1254",
    "iso8859-11": "cp874",
    "tis-620": "cp874",
    "shift_jis": "cp932",
    "euc_kr": "cp949",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "big5": "big5hkscs",
    "utf-16": "utf-8",
    "utf-16-le": "utf-8",
    "utf-16-be": "utf-8",
    "utf-32": "utf-8",
    "utf-32-le": "utf-8",
    "utf-32-be": "utf-8",
}
# Codecs Python knows that are not a document's character encoding.
NOT_CHARSETS = frozenset(
    ("unicode_escape", "raw_unicode_escape", "undefined", "idna", "punycode", "utf-7")
)
COUNTING_ERRORS = "conflictwire.count-replace"


@dataclass
class Decoded:
    """A document's text, the encoding it was read with and what went wrong on the way."""

    text: str
    encoding: str
    warnings: list[str] = field(default_factory=list)


def decode_bytes(data: bytes, *, declared: str | None = None, part: bool = False) -> Decoded:
    """The text of a whole document; ``declared`` is the charset it names, if any.

    Raises :class:`Rejected` for a binary file, unless ``data`` is a ``part`` of a file whose
    first bytes were checked (a JSON line, which may hold more NULs than a whole file would).
    """
    if not part and looks_binary(data):
        raise Rejected(BINARY_MESSAGE)
    encoding = wide_encoding(data)
    nuls = 0
    if encoding is None:
        nuls = data.count(0)
        data = data.replace(b"\x00", b"") if nuls else data
        encoding = choose_encoding(data, declared)
    text, replaced = decode_counting(data, encoding)
    if "\x00" in text:  # UTF-16/32 text holding NUL characters
        nuls = text.count("\x00")
        text = text.replace("\x00", "")
    return Decoded(text, encoding, decoding_warnings(encoding, replaced, nuls))


def decoding_warnings(encoding: str, replaced: int, nuls: int) -> list[str]:
    """The warnings for ``replaced`` invalid byte sequences and ``nuls`` dropped NUL bytes."""
    warnings = []
    if replaced:
        s = "" if replaced == 1 else "s"
        warnings.append(
            f"{replaced:,} invalid {encoding} byte sequence{s} replaced with U+FFFD (\ufffd); "
            "check the file's encoding"
        )
    if nuls:
        warnings.append(f"{nuls:,} NUL byte{'' if nuls == 1 else 's'} dropped")
    return warnings


def choose_encoding(data: bytes, declared: str | None = None, *, complete: bool = True) -> str:
    """The encoding of ``data`` (no byte-order mark; a whole document unless ``complete`` is
    False, when a sequence cut at the end is not an error):

    1. the declared charset, when the bytes decode with it;
    2. UTF-8, when the bytes are UTF-8;
    3. a declared legacy charset all the same (its bad bytes replaced);
    4. UTF-8, when the bytes mostly are (``UTF8_MIN_SHARE``);
    5. charset-normalizer's legacy encoding, when it reads as text (``LEGACY_MAX_*``) and the
       valid UTF-8 sequences, if any, can be chance (``CHANCE_UTF8``);
    6. UTF-8, bad bytes replaced.
    """
    codec = codec_for(declared) if declared else None
    if codec is not None and _decodes(data, codec, complete):
        return codec
    if _decodes(data, "utf-8", complete):
        return "utf-8"
    if codec is not None and codec != "utf-8":
        return codec
    share = _utf8_share(data)
    if share >= UTF8_MIN_SHARE:
        return "utf-8"
    legacy = _confident_legacy(data)
    if legacy is not None and (share == 0 or legacy in CHANCE_UTF8):
        return legacy
    return "utf-8"


def stream_encoding(head: bytes, *, complete: bool) -> str:
    """The encoding to read a stream with, from its first bytes (a BOM is skipped in reading)."""
    encoding = wide_encoding(head) or choose_encoding(head.replace(b"\x00", b""), complete=complete)
    return "utf-8-sig" if encoding == "utf-8" else encoding


def codec_for(label: str) -> str | None:
    """Python's codec for a declared charset label, or None for a label that is not one."""
    try:
        info = codecs.lookup(label.strip())
    except LookupError:
        return None
    if not getattr(info, "_is_text_encoding", True) or info.name in NOT_CHARSETS:
        return None
    return WIDER_ENCODINGS.get(info.name, info.name)


def _decodes(data: bytes, codec: str, complete: bool) -> bool:
    try:
        codecs.getincrementaldecoder(codec)().decode(data, final=complete)
    except UnicodeDecodeError:
        return False
    return True


def _utf8_share(data: bytes) -> float:
    """The share of the non-ASCII bytes of ``data`` that are in valid UTF-8 sequences."""
    text, _ = decode_counting(data, "utf-8")
    invalid = _counter.bytes
    valid = len(text.replace("\ufffd", "").encode("utf-8")) - len(text.encode("ascii", "ignore"))
    return valid / (valid + invalid) if valid + invalid else 0.0


def _confident_legacy(data: bytes) -> str | None:
    matches = list(from_bytes(data))
    if not matches:
        return None
    best = matches[0]
    encoding = str(best.encoding)
    for match in matches:
        tied = abs(match.chaos - best.chaos) <= CHAOS_TIE
        if tied and PREFERRED_LEGACY in match.could_be_from_charset:
            encoding = PREFERRED_LEGACY
            break
    if best.chaos > LEGACY_MAX_CHAOS:
        return None
    text = data[:SNIFF_BYTES].decode(encoding, errors="ignore")
    non_ascii = [ch for ch in text if ord(ch) > 0x7F]
    if len(non_ascii) < LEGACY_MIN_CHARS:
        return None
    odd = sum(1 for ch in non_ascii if unicodedata.category(ch) in ODD_CATEGORIES)
    if odd > LEGACY_MAX_ODD_SHARE * len(non_ascii):
        return None
    return codecs.lookup(encoding).name


_counter = threading.local()


def _count_and_replace(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeDecodeError):
        raise error
    _counter.count += 1
    _counter.bytes += error.end - error.start
    return "\ufffd", error.end


@cache
def _counting_errors() -> str:
    codecs.register_error(COUNTING_ERRORS, _count_and_replace)
    return COUNTING_ERRORS


def decode_counting(data: bytes, encoding: str) -> tuple[str, int]:
    """``data`` decoded, each invalid byte sequence replaced by U+FFFD; and their count."""
    errors = _counting_errors()
    _counter.count = _counter.bytes = 0
    text = data.decode(encoding, errors)
    return text, _counter.count


def read_limited(handle: BinaryIO, limit: int) -> bytes | None:
    """All of ``handle``, or None (having read ``limit + 1`` bytes) when it is longer."""
    data = handle.read(limit + 1)
    return None if len(data) > limit else data


class _Prefixed(io.RawIOBase):
    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        self._head = head
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer).cast("B")
        if self._head:
            size = min(len(view), len(self._head))
            view[:size] = self._head[:size]
            self._head = self._head[size:]
            return size
        data = self._rest.read(len(view))
        view[: len(data)] = data
        return len(data)


def with_prefix(head: bytes, rest: BinaryIO) -> BinaryIO:
    """A stream that gives ``head`` again, then the rest of ``rest`` (for sniffed streams)."""
    return cast(BinaryIO, io.BufferedReader(_Prefixed(head, rest)))
