"""Bytes to text: byte-order marks, then UTF-8, then charset-normalizer's best guess."""

from __future__ import annotations

import codecs
import io
from typing import Any, BinaryIO, cast

from charset_normalizer import from_bytes

from conflictwire.ingest.errors import Rejected

# Longest BOMs first: the UTF-32-LE mark begins with the UTF-16-LE one.
BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Windows-1252 is the commonest legacy encoding of English-language news; charset-normalizer
# often ranks a sibling code page (cp1250, cp1257) first with the same chaos score, which turns
# French "à" into "ŕ". On a tie we prefer this one.
PREFERRED_LEGACY = "cp1252"
CHAOS_TIE = 0.01
# How much of a file is enough to tell binary from text.
SNIFF_BYTES = 64 * 1024

BINARY_MESSAGE = (
    "binary file (NUL bytes or no text encoding fits); give a text, HTML, feed, JSON or CSV file"
)


def bom_encoding(data: bytes) -> str | None:
    """The encoding a byte-order mark at the start of ``data`` names, if any."""
    for bom, name in BOMS:
        if data.startswith(bom):
            return name
    return None


def looks_binary(data: bytes) -> bool:
    """NUL bytes near the start of a file without a UTF-16/32 byte-order mark."""
    encoding = bom_encoding(data)
    return (encoding is None or encoding == "utf-8-sig") and b"\x00" in data[:SNIFF_BYTES]


def detect_encoding(data: bytes, *, complete: bool = True) -> str:
    """The encoding of ``data`` (a whole file, or its first bytes when ``complete`` is False).

    Raises :class:`Rejected` ("binary file") when no encoding fits.
    """
    encoding = bom_encoding(data)
    if encoding is not None:
        return encoding
    if b"\x00" in data[:SNIFF_BYTES]:
        raise Rejected(BINARY_MESSAGE)
    try:
        codecs.getincrementaldecoder("utf-8")().decode(data, final=complete)
        return "utf-8"
    except UnicodeDecodeError:
        return _legacy_encoding(data)


def decode_bytes(data: bytes) -> str:
    """Decode a whole file; raises :class:`Rejected` ("binary file") when no encoding fits."""
    encoding = detect_encoding(data)
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise Rejected(f"not valid {encoding} ({exc.reason}); {BINARY_MESSAGE}") from None


def _legacy_encoding(data: bytes) -> str:
    matches = list(from_bytes(data))
    if not matches:
        raise Rejected(BINARY_MESSAGE)
    best = matches[0]
    for match in matches:
        tied = abs(match.chaos - best.chaos) <= CHAOS_TIE
        if tied and PREFERRED_LEGACY in match.could_be_from_charset:
            return PREFERRED_LEGACY
    return str(best.encoding)


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
