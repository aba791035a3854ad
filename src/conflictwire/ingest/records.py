"""Records: JSON lines, JSON (one object or a list), CSV with a header row.

A record has ``text`` (required) and optionally ``id``, ``title``, ``url``, ``source`` and
``published`` (ISO date or datetime); other keys are ignored (docs/SCHEMA.md, "Input").
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Mapping
from typing import Any, BinaryIO

from conflictwire.ingest.article import normalise_date
from conflictwire.ingest.binary import looks_binary
from conflictwire.ingest.encoding import (
    BINARY_MESSAGE,
    SNIFF_BYTES,
    decode_bytes,
    decoding_warnings,
    stream_encoding,
    with_prefix,
)
from conflictwire.ingest.errors import IngestError, Rejected, one_line, too_big
from conflictwire.models import Article

TEXT_FIELDS = ("id", "title", "url", "source")
# Column separators a CSV header row is tried with; the one that shows a "text" column wins.
CSV_DELIMITERS = (",", ";", "\t", "|")
# JSON escapes can take 6 bytes (\u00e9) per character, and a record carries metadata too.
JSON_ESCAPE_FACTOR = 6
METADATA_BYTES = 64 * 1024
SKIP_CHUNK = 1024 * 1024


def record_line_limit(max_text_bytes: int) -> int:
    """The longest JSON line or CSV field that can still hold a text within the limit."""
    return JSON_ESCAPE_FACTOR * max_text_bytes + METADATA_BYTES


def record_to_article(record: Any, origin: str) -> Article:
    """An article from one record; raises :class:`Rejected` when it has no usable text."""
    if not isinstance(record, Mapping):
        kind = type(record).__name__
        raise Rejected(f'expected an object with a "text" field, found a JSON {kind}')
    if "text" not in record:
        found = ", ".join(one_line(str(k)) for k in record) or "none"
        raise Rejected(f'record has no "text" field (fields found: {found}); add the article text')
    text = record["text"]
    if text is None:
        raise Rejected('the "text" field is null; give the article text')
    if not isinstance(text, str):
        raise Rejected(f'"text" must be a string, found {type(text).__name__}')
    article = Article(text=text, origin=origin)
    for name in TEXT_FIELDS:
        value = record.get(name)
        if value is not None and str(value).strip():
            setattr(article, name, str(value).strip())
    raw_date = record.get("published")
    if raw_date not in (None, ""):
        article.published = normalise_date(raw_date)
        if article.published is None:
            article.warnings.append(
                f"published {raw_date!r} is not an ISO date (YYYY-MM-DD); ignored"
            )
    return article


def read_jsonl(
    handle: BinaryIO, origin: str, max_text_bytes: int
) -> Iterator[Article | IngestError]:
    """One article per non-blank line; a bad line is an error and the others go on."""
    head = handle.read(SNIFF_BYTES)
    if looks_binary(head):
        raise Rejected(BINARY_MESSAGE)
    limit = record_line_limit(max_text_bytes)
    records = 0
    for number, line in enumerate(_lines(with_prefix(head, handle), limit), start=1):
        line_origin = f"{origin}:line {number}"
        if line is None:
            records += 1
            yield too_big(f"line {number}", limit).error(line_origin)
            continue
        if not line.strip():
            continue
        records += 1
        try:
            decoded = decode_bytes(line, part=True)
            article = record_to_article(_parse_json(decoded.text), line_origin)
        except Rejected as exc:
            yield exc.error(line_origin)
            continue
        article.warnings[:0] = decoded.warnings
        yield article
    if not records:
        raise Rejected("no records (the file is empty or blank); nothing to extract")


def _lines(handle: BinaryIO, limit: int) -> Iterator[bytes | None]:
    """The lines of ``handle``; None for a line over ``limit`` bytes (skipped unread)."""
    while True:
        line = handle.readline(limit + 1)
        if not line:
            return
        if len(line) <= limit or line.endswith(b"\n"):
            yield line
            continue
        while True:
            rest = handle.readline(SKIP_CHUNK)
            if not rest or rest.endswith(b"\n"):
                break
        yield None


def _parse_json(text: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise Rejected(
            f"not valid JSON ({exc.msg}, line {exc.lineno} column {exc.colno}); fix the record"
        ) from None
    except RecursionError:  # Python's parser recurses per level: "[[[[…" a thousand deep
        raise Rejected(
            "JSON nested too deeply to read (arrays or objects about a thousand levels deep); "
            "an article record has its text one level down"
        ) from None


def read_json(data: bytes, origin: str) -> Iterator[Article | IngestError]:
    """One object, or a list of objects (each one ``#entry N``)."""
    decoded = decode_bytes(data)
    document = _parse_json(decoded.text)
    if isinstance(document, list):
        if not document:
            raise Rejected("the JSON list is empty: no records; nothing to extract")
        for number, record in enumerate(document, start=1):
            entry_origin = f"{origin}#entry {number}"
            try:
                article = record_to_article(record, entry_origin)
            except Rejected as exc:
                yield exc.error(entry_origin)
                continue
            article.warnings[:0] = decoded.warnings
            yield article
    elif isinstance(document, dict):
        article = record_to_article(document, origin)
        article.warnings[:0] = decoded.warnings
        yield article
    else:
        raise Rejected(
            f"expected a JSON object or a list of objects, found a JSON {type(document).__name__}"
        )


def read_csv(handle: BinaryIO, origin: str, max_text_bytes: int) -> Iterator[Article | IngestError]:
    """One article per row after the header row, which must name a ``text`` column.

    The encoding and the column separator (``CSV_DELIMITERS``) are found from the first bytes;
    bytes not valid in that encoding become U+FFFD, with a warning on the row that holds them.
    """
    head = handle.read(SNIFF_BYTES)
    if looks_binary(head):
        raise Rejected(BINARY_MESSAGE)
    encoding = stream_encoding(head, complete=len(head) < SNIFF_BYTES)
    delimiter = csv_delimiter(head.decode(encoding, errors="replace"))
    stream = io.TextIOWrapper(
        with_prefix(head, handle), encoding=encoding, errors="replace", newline=""
    )
    limit = record_line_limit(max_text_bytes)
    if csv.field_size_limit() < limit:
        csv.field_size_limit(limit)
    reader = csv.reader(stream, delimiter=delimiter)
    header = [name.strip().lower() for name in _next_row(reader)]
    if "text" not in header:
        raise Rejected(
            f'the CSV header row has no "text" column (found: {_names(header) or "none"}); '
            'name the column that holds the article text "text"'
        )
    rows = 0
    for item in _csv_rows(reader, header, origin, encoding):
        rows += 1
        yield item
    if not rows:
        raise Rejected("the CSV has a header row but no records; nothing to extract")


def csv_delimiter(sample: str) -> str:
    """The column separator of a CSV whose first line is ``sample``'s: the one that shows a
    ``text`` column, else the one csv.Sniffer finds, else a comma."""
    first = _first_line(sample)
    best = None
    for delimiter in CSV_DELIMITERS:
        names = _header_names(first, delimiter)
        if "text" in names and (best is None or len(names) > best[1]):
            best = (delimiter, len(names))
    if best is not None:
        return best[0]
    try:
        return (
            csv.Sniffer().sniff(sample[:SNIFF_BYTES], delimiters="".join(CSV_DELIMITERS)).delimiter
        )
    except csv.Error:
        return ","


def looks_like_csv(head: bytes) -> bool:
    """Whether a stream's first line is a CSV header row naming a ``text`` column and another."""
    first = _first_line(head.decode("utf-8", "replace"))
    names = _header_names(first, csv_delimiter(first))
    return "text" in names and len(names) > 1


def _first_line(sample: str) -> str:
    lines = sample.removeprefix("\ufeff").splitlines()
    return lines[0] if lines else ""


def _header_names(line: str, delimiter: str) -> list[str]:
    """The column names of a header ``line`` split at ``delimiter`` (none if it is not CSV)."""
    try:
        return [name.strip().lower() for name in next(csv.reader([line], delimiter=delimiter), [])]
    except csv.Error:
        return []


def _names(header: list[str]) -> str:
    return ", ".join(one_line(name) for name in header)


def _next_row(reader: Any) -> list[str]:
    try:
        return list(next(reader))
    except StopIteration:
        raise Rejected('empty CSV file; expected a header row naming a "text" column') from None
    except (csv.Error, UnicodeDecodeError) as exc:
        raise Rejected(f"cannot read the CSV header row ({exc})") from None


def _csv_rows(
    reader: Any, header: list[str], origin: str, encoding: str
) -> Iterator[Article | IngestError]:
    start = reader.line_num + 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except (csv.Error, UnicodeDecodeError) as exc:
            yield IngestError(
                f"{origin}:line {start}",
                f"cannot read the CSV from here on ({exc}); fix the file (quotes, encoding)",
            )
            return
        row_origin = f"{origin}:line {start}"
        start = reader.line_num + 1
        if not any(cell.strip() for cell in row):
            continue
        replaced = sum(cell.count("\ufffd") for cell in row)
        nuls = sum(cell.count("\x00") for cell in row)
        if nuls:
            row = [cell.replace("\x00", "") for cell in row]
        try:
            article = record_to_article(dict(zip(header, row, strict=False)), row_origin)
        except Rejected as exc:
            yield exc.error(row_origin)
            continue
        article.warnings[:0] = decoding_warnings(encoding.removesuffix("-sig"), replaced, nuls)
        yield article
