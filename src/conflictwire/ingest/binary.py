"""Binary files (images, archives, PDFs, programs) told apart from text with a few odd bytes.

A file is binary when it opens with a known file signature, or when more than
``CONTROL_SHARE`` of its first bytes are control bytes that text never holds. One stray byte, or
a few NULs in a saved page's ad block, is not enough: such a text is read, the NULs dropped.
"""

from __future__ import annotations

import codecs

# How much of a file is enough to tell binary from text.
SNIFF_BYTES = 64 * 1024

# Signatures at the start of common binary formats (images, documents, archives, programs).
SIGNATURES: tuple[bytes, ...] = (
    b"\x89PNG\r\n\x1a\n",
    b"\xff\xd8\xff",  # JPEG
    b"GIF87a",
    b"GIF89a",
    b"%PDF-",
    b"PK\x03\x04",  # zip, docx, xlsx, epub, odt
    b"PK\x05\x06",  # empty zip
    b"\x1f\x8b",  # gzip
    b"BZh",
    b"\xfd7zXZ\x00",
    b"7z\xbc\xaf\x27\x1c",
    b"Rar!\x1a\x07",
    b"\x7fELF",
    b"SQLite format 3\x00",
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",  # OLE: doc, xls, msg
    b"II*\x00",  # TIFF
    b"MM\x00*",
    b"OggS",
    b"fLaC",
    b"wOFF",
    b"wOF2",
    b"\x00asm",
    b"\xca\xfe\xba\xbe",  # Java class, Mach-O fat binary
)
# RIFF containers (WebP, WAV, AVI) and ISO media (MP4, MOV, HEIC) name their kind at an offset.
RIFF_KINDS = (b"WEBP", b"WAVE", b"AVI ")
ISO_MEDIA_MARK = b"ftyp"

# Control bytes that no text encoding we read uses for text: C0 controls but tab, line feed,
# vertical tab, form feed, carriage return and escape (ISO-2022-JP and terminal logs use ESC),
# and DEL. Binary formats without a known signature hold many (uniform random bytes: 11%).
CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x1B), *range(0x1C, 0x20), 0x7F])
CONTROL_SHARE = 0.05
TEXT_CONTROLS = "\t\n\v\f\r\x1b"

# UTF-16 text without a byte-order mark: Latin-script text has a NUL in every other byte.
UTF16_NUL_SHARE = 0.4  # of the bytes on the NUL side, at least
UTF16_OTHER_SIDE_NULS = 0.05  # of the bytes on the other side, at most

BOMS: tuple[tuple[bytes, str], ...] = (
    # Longest first: the UTF-32-LE mark begins with the UTF-16-LE one.
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def bom_encoding(data: bytes) -> str | None:
    """The encoding a byte-order mark at the start of ``data`` names, if any."""
    for bom, name in BOMS:
        if data.startswith(bom):
            return name
    return None


def utf16_without_bom(data: bytes) -> str | None:
    """``utf-16-le`` or ``utf-16-be`` for UTF-16 text without a byte-order mark, else None."""
    head = data[:SNIFF_BYTES]
    even, odd = head[0::2], head[1::2]
    if len(odd) < 2:
        return None
    even_nuls, odd_nuls = even.count(0), odd.count(0)
    encoding = None
    if odd_nuls >= UTF16_NUL_SHARE * len(odd) and even_nuls <= UTF16_OTHER_SIDE_NULS * len(even):
        encoding = "utf-16-le"
    elif even_nuls >= UTF16_NUL_SHARE * len(even) and odd_nuls <= UTF16_OTHER_SIDE_NULS * len(odd):
        encoding = "utf-16-be"
    if encoding is None:
        return None
    # Read as UTF-16, binary data with that NUL pattern is still full of control characters.
    text = head[: len(head) // 2 * 2].decode(encoding, errors="replace")
    controls = sum(1 for ch in text if ord(ch) < 0x20 and ch not in TEXT_CONTROLS)
    return encoding if controls <= CONTROL_SHARE * len(text) else None


def wide_encoding(data: bytes) -> str | None:
    """The UTF-16/32 (or UTF-8 with BOM) encoding of ``data`` told by a BOM or NUL pattern."""
    return bom_encoding(data) or utf16_without_bom(data)


def has_signature(head: bytes) -> bool:
    """Whether ``head`` opens with the signature of a known binary format."""
    if head.startswith(SIGNATURES):
        return True
    if head.startswith(b"RIFF") and head[8:12] in RIFF_KINDS:
        return True
    return head[4:8] == ISO_MEDIA_MARK


def control_share(head: bytes) -> float:
    """The share of ``head``'s bytes that are control bytes text never holds."""
    if not head:
        return 0.0
    return (len(head) - len(head.translate(None, CONTROL_BYTES))) / len(head)


def looks_binary(data: bytes) -> bool:
    """Whether ``data`` (a file, or its first bytes) is a binary file rather than text."""
    head = data[:SNIFF_BYTES]
    if has_signature(head):
        return True
    encoding = wide_encoding(head)
    if encoding is not None and encoding != "utf-8-sig":
        return False
    return control_share(head) > CONTROL_SHARE
