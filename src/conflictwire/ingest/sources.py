"""Walk the inputs (files, folders, stdin), pick a reader for each, finish every article.

A file's kind comes from its name (``KINDS``), else from its first bytes (:func:`sniff_kind`);
a compressed file (gzip, bzip2, xz: ``.jsonl.gz``, ``feed.xml.bz2``, or a file whose name
gives no kind and whose first bytes say so) is read through its decompressor, and its
content's kind found the same way.
Folders are walked lazily, one directory listing at a time, in sorted order.
"""

from __future__ import annotations

import bz2
import gzip
import json
import lzma
import os
import sys
import zlib
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, BinaryIO

from conflictwire.ingest.article import finish_article
from conflictwire.ingest.declared import html_charset, split_http_header
from conflictwire.ingest.encoding import SNIFF_BYTES, decode_bytes, read_limited, with_prefix
from conflictwire.ingest.errors import STDIN_ORIGIN, IngestError, Rejected, too_big
from conflictwire.ingest.feeds import looks_like_feed, read_feed
from conflictwire.ingest.html import looks_like_html_page, read_html
from conflictwire.ingest.records import looks_like_csv, read_csv, read_json, read_jsonl
from conflictwire.ingest.text import read_text
from conflictwire.ingest.warc import looks_like_warc, read_warc
from conflictwire.models import Article
from conflictwire.settings import Settings

KINDS: dict[str, str] = {
    ".txt": "text",
    ".html": "html",
    ".htm": "html",
    # Pages saved from dynamic sites keep the server's extension.
    ".xhtml": "html",
    ".shtml": "html",
    ".php": "html",
    ".asp": "html",
    ".aspx": "html",
    ".jsp": "html",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".csv": "csv",
    ".warc": "warc",
}
# Compressed files: the suffix, the first bytes that say so, and the stream that decompresses.
OPENERS: dict[str, Callable[[BinaryIO], Any]] = {
    ".gz": lambda raw: gzip.GzipFile(fileobj=raw, mode="rb"),
    ".bz2": lambda raw: bz2.BZ2File(raw, mode="rb"),
    ".xz": lambda raw: lzma.LZMAFile(raw, mode="rb"),  # noqa: SIM115 (closed by the reader)
}
MAGIC = {b"\x1f\x8b": ".gz", b"BZh": ".bz2", b"\xfd7zXZ\x00": ".xz"}
# A text file of N UTF-8 bytes takes at most 4N bytes on disk (UTF-32), plus a byte-order mark.
TEXT_FILE_FACTOR = 4
# Whole documents (HTML pages, feeds, JSON) carry markup around their text; read at most this
# many times max_text_bytes of them (100 MB by default).
MARKUP_FACTOR = 50

Item = Article | IngestError


def iter_articles(
    inputs: Sequence[str], settings: Settings, *, stdin: BinaryIO | None = None
) -> Iterator[Item]:
    """Articles from files, folders (recursively, sorted) and ``-`` (stdin), in input order.

    Anything that gives no article is an :class:`IngestError` in the stream; reading goes on.
    """
    for name in inputs:
        if name == STDIN_ORIGIN:
            items = _read_stdin(stdin if stdin is not None else sys.stdin.buffer, settings)
        else:
            items = _read_path(Path(name), settings)
        for item in items:
            yield finish_article(item, settings) if isinstance(item, Article) else item


def _read_path(path: Path, settings: Settings) -> Iterator[Item]:
    if path.is_dir():
        found = False
        for file in walk_folder(path):
            found = True
            yield from _read_file(file, file_kind(file), settings)
        if not found:
            known = ", ".join(sorted(KINDS))
            yield IngestError(str(path), f"folder has no files to read (known kinds: {known})")
    elif path.is_file():
        yield from _read_file(path, file_kind(path), settings)
    elif path.exists():
        yield IngestError(str(path), "not a regular file or folder; give a file, a folder or -")
    else:
        yield IngestError(str(path), "no such file or folder; check the path")


def compression_of(path: Path) -> str | None:
    """The compression suffix a file's name ends with (``.gz``, ``.bz2``, ``.xz``), if any."""
    suffix = path.suffix.lower()
    return suffix if suffix in OPENERS else None


def file_kind(path: Path) -> str | None:
    """The kind a file's name says (``x.jsonl`` and ``x.jsonl.gz`` are both jsonl); ``None``
    when the name does not say (sniffed from the content)."""
    inner = path.with_suffix("") if compression_of(path) else path
    return KINDS.get(inner.suffix.lower())


def walk_folder(folder: Path) -> Iterator[Path]:
    """Files of known kinds under ``folder`` (compressed ones too), lazily, in the order of
    their paths' parts sorted; hidden files and folders are skipped. Only one listing per level
    of folders is held, so a folder of millions of files is walked in little memory."""
    try:
        with os.scandir(folder) as listing:
            entries = sorted(
                (e for e in listing if not e.name.startswith(".")), key=lambda e: e.name
            )
    except OSError:
        return
    for entry in entries:
        path = Path(entry.path)
        if entry.is_dir():
            yield from walk_folder(path)
        elif file_kind(path) is not None:
            yield path


def _read_file(path: Path, kind: str | None, settings: Settings) -> Iterator[Item]:
    """Read one file as ``kind``; a file of no known kind, or a .txt that opens like an HTML
    page, is read as what its first bytes look like; a compressed file, through its
    decompressor (sizes are then checked as the content is read)."""
    origin = str(path)
    try:
        with path.open("rb") as raw:
            head = raw.read(SNIFF_BYTES)
        # by its name, else (a name that gives no kind) by its first bytes: a ".xml" that
        # starts like gzip is a binary file, refused as one
        compression = compression_of(path) or (_compression_of(head) if kind is None else None)
        if compression is not None:
            with path.open("rb") as raw, OPENERS[compression](raw) as handle:
                yield from _read_stream(handle, origin, settings, kind)
            return
        if kind is None:
            kind = sniff_kind(head)
        elif kind == "text" and looks_like_html_page(head):
            kind = "html"
        if kind == "text":
            _check_size(path, TEXT_FILE_FACTOR, settings.max_text_bytes, 4)
        elif kind in ("html", "feed", "json"):
            _check_size(path, MARKUP_FACTOR, settings.max_text_bytes)
        with path.open("rb") as handle:
            yield from _read_kind(kind, handle, origin, settings)
    except Rejected as exc:
        yield exc.error(origin)
    except (OSError, EOFError, lzma.LZMAError, zlib.error) as exc:
        if isinstance(exc, OSError) and exc.strerror:  # the file itself
            yield IngestError(origin, f"cannot read the file ({exc.strerror}); check it exists")
        else:  # a damaged or cut compressed stream
            yield IngestError(origin, f"cannot decompress the file ({exc}); the rest is skipped")


def _compression_of(head: bytes) -> str | None:
    return next((suffix for magic, suffix in MAGIC.items() if head.startswith(magic)), None)


def _read_stream(
    stream: BinaryIO, origin: str, settings: Settings, kind: str | None = None
) -> Iterator[Item]:
    """Read a stream (decompressed, or stdin) as ``kind``, else as its first bytes look."""
    head = stream.read(SNIFF_BYTES)
    if kind is None:
        kind = sniff_kind(head)
    elif kind == "text" and looks_like_html_page(head):
        kind = "html"
    yield from _read_kind(kind, with_prefix(head, stream), origin, settings)


def _check_size(path: Path, factor: int, max_text_bytes: int, extra: int = 0) -> None:
    """Reject a file over ``factor`` × ``max_text_bytes`` (+ ``extra``), stating both sizes."""
    limit = factor * max_text_bytes + extra
    size = path.stat().st_size
    if size > limit:
        plus = f" + {extra}" if extra else ""
        basis = f" ({factor} × max_text_bytes {max_text_bytes:,}{plus})"
        raise too_big("the file", limit, size, basis)


def _read_kind(kind: str, handle: BinaryIO, origin: str, settings: Settings) -> Iterator[Item]:
    """Run the reader for ``kind``; raises :class:`Rejected` when the input gives nothing."""
    if kind == "jsonl":
        yield from read_jsonl(handle, origin, settings.max_text_bytes)
    elif kind == "warc":
        yield from read_warc(handle, origin, MARKUP_FACTOR * settings.max_text_bytes)
    elif kind == "csv":
        yield from read_csv(handle, origin, settings.max_text_bytes)
    elif kind == "text":
        decoded = decode_bytes(_read_all(handle, TEXT_FILE_FACTOR * settings.max_text_bytes + 4))
        article = read_text(decoded.text, origin)
        article.warnings[:0] = decoded.warnings
        yield article
    else:
        data = _read_all(handle, MARKUP_FACTOR * settings.max_text_bytes)
        if kind == "html":
            charset, body = split_http_header(data)
            decoded = decode_bytes(body, declared=charset or html_charset(body))
            article = read_html(decoded.text, origin)
            article.warnings[:0] = decoded.warnings
            yield article
        elif kind == "feed":
            yield from read_feed(data, origin)
        else:
            yield from read_json(data, origin)


def _read_all(handle: BinaryIO, limit: int) -> bytes:
    data = read_limited(handle, limit)
    if data is None:
        raise too_big("the input", limit)
    return data


def _read_stdin(stream: BinaryIO, settings: Settings) -> Iterator[Item]:
    try:
        head = stream.read(SNIFF_BYTES)
        whole = with_prefix(head, stream)
        compression = _compression_of(head)
        if compression is not None:
            with OPENERS[compression](whole) as handle:
                yield from _read_stream(handle, STDIN_ORIGIN, settings)
        else:
            yield from _read_stream(whole, STDIN_ORIGIN, settings)
    except Rejected as exc:
        yield exc.error(STDIN_ORIGIN)
    except (EOFError, lzma.LZMAError, zlib.error, gzip.BadGzipFile) as exc:
        yield IngestError(STDIN_ORIGIN, f"cannot decompress the input ({exc}); the rest is skipped")


def sniff_kind(head: bytes) -> str:
    """What the first bytes of a stream look like: warc, jsonl, json, feed, html, csv or text."""
    if looks_like_warc(head):
        return "warc"
    _, head = split_http_header(head)
    start = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    if start.startswith(b"["):
        return "json"
    if start.startswith(b"{"):
        first, newline, _ = start.partition(b"\n")
        return "jsonl" if not newline or _is_json_object(first) else "json"
    if start.startswith(b"<"):
        return "feed" if looks_like_feed(start[:2048]) else "html"
    if looks_like_csv(start):
        return "csv"
    return "text"


def _is_json_object(line: bytes) -> bool:
    try:
        return isinstance(json.loads(line), dict)
    except (ValueError, RecursionError):  # not JSON, or nested too deeply to read
        return False
