"""Walk the inputs (files, folders, stdin), pick a reader for each, finish every article."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import BinaryIO

from conflictwire.ingest.article import finish_article
from conflictwire.ingest.declared import html_charset, split_http_header
from conflictwire.ingest.encoding import SNIFF_BYTES, decode_bytes, read_limited, with_prefix
from conflictwire.ingest.errors import STDIN_ORIGIN, IngestError, Rejected, too_big
from conflictwire.ingest.feeds import looks_like_feed, read_feed
from conflictwire.ingest.html import looks_like_html_page, read_html
from conflictwire.ingest.records import looks_like_csv, read_csv, read_json, read_jsonl
from conflictwire.ingest.text import read_text
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
}
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
        files = walk_folder(path)
        if not files:
            known = ", ".join(sorted(KINDS))
            yield IngestError(str(path), f"folder has no files to read (known kinds: {known})")
        for file in files:
            yield from _read_file(file, KINDS[file.suffix.lower()], settings)
    elif path.is_file():
        yield from _read_file(path, KINDS.get(path.suffix.lower()), settings)
    elif path.exists():
        yield IngestError(str(path), "not a regular file or folder; give a file, a folder or -")
    else:
        yield IngestError(str(path), "no such file or folder; check the path")


def walk_folder(folder: Path) -> list[Path]:
    """Files of known kinds under ``folder``, sorted; hidden files and folders are skipped."""
    found: list[Path] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if not name.startswith(".") and Path(name).suffix.lower() in KINDS:
                found.append(Path(root, name))
    return sorted(found, key=lambda p: p.relative_to(folder).parts)


def _read_file(path: Path, kind: str | None, settings: Settings) -> Iterator[Item]:
    """Read one file as ``kind``; a file of no known kind, or a .txt that opens like an HTML
    page, is read as what its first bytes look like."""
    origin = str(path)
    try:
        if kind is None or kind == "text":
            with path.open("rb") as handle:
                head = handle.read(SNIFF_BYTES)
            if kind is None:
                kind = sniff_kind(head)
            elif looks_like_html_page(head):
                kind = "html"
        if kind == "text":
            _check_size(path, TEXT_FILE_FACTOR, settings.max_text_bytes, 4)
        elif kind in ("html", "feed", "json"):
            _check_size(path, MARKUP_FACTOR, settings.max_text_bytes)
        with path.open("rb") as handle:
            yield from _read_kind(kind, handle, origin, settings)
    except Rejected as exc:
        yield exc.error(origin)
    except OSError as exc:
        yield IngestError(origin, f"cannot read the file ({exc.strerror or exc}); check it exists")


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
        kind = sniff_kind(head)
        yield from _read_kind(kind, with_prefix(head, stream), STDIN_ORIGIN, settings)
    except Rejected as exc:
        yield exc.error(STDIN_ORIGIN)


def sniff_kind(head: bytes) -> str:
    """What the first bytes of a stream look like: jsonl, json, feed, html, csv or text."""
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
