"""Hostile inputs for the fuzz suite (Hypothesis strategies) and the checks every output passes.

The inputs are what comes from outside: bytes of any kind, and documents that are well formed
enough to reach deep into a reader (a feed with entries, a CSV with a "text" column, JSON
records) but carry hostile values: any Unicode, NULs, invalid UTF-8, byte-order marks, CR-only
line ends, deep nesting in few bytes, fields of the wrong type, dates of every shape.
"""

from __future__ import annotations

import csv
import io
import json
import tempfile
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta, timezone
from email.utils import format_datetime
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from hypothesis import strategies as st

from conflictwire.ingest import IngestError, iter_articles
from conflictwire.models import Article
from conflictwire.settings import Settings
from schema_check import load_schema, schema_errors

SCHEMA = load_schema()

# Snippets of the news these readers are for, and of what breaks readers.
NEWS = (
    "Shelling hit Aleppo on Tuesday, killing 4 civilians.",
    "RSF fighters attacked El Fasher in North Darfur",
    "Two soldiers were killed near Bakhmut, officials said.",
    "The army said it had retaken Lashio from the MNDAA.",
    "JNIM militants ambushed a convoy outside Djibo, Burkina Faso",
    '"We fled at night," a resident of Khartoum told reporters.',
    "Airstrikes struck Idlib province late on 3 March 2023",
    "Protesters gathered in Mandalay last week",
)
ODD = (
    "\x00", "\r", "\r\n", "\n", "\n\n", "\ufeff", "\ufffd", "\u2028", "\u2029", "\x85", "\t",
    "\u200b", "\u200f", "\u202e", "e\u0301", "\U0001f4a5", "caf\u00c3\u00a9", "\u00e9",
    "\u062d\u0644\u0628", "\u0425\u0430\u0440\u043a\u0456\u0432", "\u6771\u4eac", "&amp;", "&#0;",
    "<", ">", "]]>", '"', "'", ",", ";", "|", "\\", "{", "[", "\ud7ff", "\U0010ffff", " " * 40,
)  # fmt: skip
BOMS = (b"", b"", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\xff\xfe\x00\x00")
NEWLINES = ("\n", "\r\n", "\r")
CODECS = ("utf-8", "utf-8", "utf-8-sig", "utf-16", "utf-16-le", "cp1252", "latin-1", "koi8-r",
          "shift_jis", "gb18030", "utf-7")  # fmt: skip
CHARSET_LABELS = (*CODECS, "iso-8859-1", "windows-1251", "euc-jp", "big5", "x-unknown", "",
                  "utf-32", "ebcdic-cp-us", "../../etc", "utf-8\x00")  # fmt: skip

any_text = st.text(st.characters(codec="utf-8"), max_size=40)  # no lone surrogates
hostile_text = st.lists(
    st.one_of(st.sampled_from(NEWS), st.sampled_from(ODD), any_text), max_size=12
).map("".join)


@st.composite
def encoded(draw: st.DrawFn, text: str) -> bytes:
    """``text`` in some encoding (what cannot be written becomes ``?``), maybe after a BOM,
    with a few bytes flipped or cut off at the end."""
    data = text.encode(draw(st.sampled_from(CODECS)), errors="replace")
    data = draw(st.sampled_from(BOMS)) + data
    for _ in range(draw(st.integers(0, 3))):
        if not data:
            break
        at = draw(st.integers(0, len(data) - 1))
        data = data[:at] + bytes([draw(st.integers(0, 255))]) + data[at + 1 :]
    if data and draw(st.booleans()):
        data = data[: draw(st.integers(0, len(data)))]
    return data


hostile_bytes = st.one_of(st.binary(max_size=300), hostile_text.flatmap(encoded))


def deep(open_: str, close: str) -> st.SearchStrategy[str]:
    """Deep nesting in few bytes: a few levels, or thousands (up to 50,000), closed or not."""
    levels = st.one_of(st.integers(1, 50), st.integers(500, 50_000))
    return st.tuples(levels, st.booleans()).map(
        lambda t: open_ * t[0] + (close * t[0] if t[1] else "")
    )


deep_json = st.one_of(deep("[", "]"), deep('{"a":', "}"), deep('{"text":[', "]}"))

# Dates as they are written in records, feeds and pages, well and badly.
DAY_AND_A_BIT = timedelta(hours=23, minutes=59)
offsets = st.builds(timezone, st.timedeltas(min_value=-DAY_AND_A_BIT, max_value=DAY_AND_A_BIT))
ODD_DATES = (
    "9999-12-31", "0001-01-01", "0000-00-00", "2017-02-30", "20170814", "2017-W33-1",
    "2024-13-45T99:99", "yesterday", "Tue, 31 Feb 2023 25:61:00", "Sat, 01 Jan 0001 00:00:00 +0000",
    "1e400", " ", "",
)  # fmt: skip
written_dates = st.one_of(
    st.dates().map(lambda d: d.isoformat()),
    st.datetimes(timezones=st.one_of(st.none(), offsets)).map(lambda d: d.isoformat()),
    st.datetimes(
        min_value=datetime(1900, 1, 1), max_value=datetime(9999, 12, 30), timezones=st.just(UTC)
    ).map(format_datetime),
    st.sampled_from(ODD_DATES),
    any_text,
)
# JSON values of every type, nested a little.
json_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(), any_text, st.integers(-(10**30), 10**30)
)
json_values = st.recursive(
    json_scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(any_text, inner, max_size=3),
    max_leaves=8,
)
# What a record's "text" may be: text, or a value of the wrong type.
record_texts = st.one_of(hostile_text, hostile_text, json_values)


@st.composite
def records(draw: st.DrawFn) -> dict[str, Any]:
    """One input record: "text" and the other fields we read present or not, of any type."""
    record: dict[str, Any] = {}
    if draw(st.integers(0, 9)):
        record["text"] = draw(record_texts)
    for name in ("id", "title", "url", "source"):
        if draw(st.booleans()):
            record[name] = draw(st.one_of(hostile_text, json_values))
    if draw(st.booleans()):
        record["published"] = draw(st.one_of(written_dates, json_values))
    record.update(draw(st.dictionaries(any_text, json_values, max_size=2)))
    return record


def _newlines(draw: st.DrawFn, lines: list[str]) -> str:
    return draw(st.sampled_from(NEWLINES)).join(lines)


@st.composite
def jsonl_documents(draw: st.DrawFn) -> bytes:
    """JSON lines: records, bad lines, blank lines, deep nesting; any line ends and encoding."""
    lines = draw(
        st.lists(
            st.one_of(
                records().map(lambda r: json.dumps(r, ensure_ascii=False)),
                records().map(json.dumps),
                json_values.map(json.dumps),
                deep_json,
                hostile_text.map(lambda t: t.replace("\n", " ")),
                st.just(""),
            ),
            max_size=6,
        )
    )
    return draw(encoded(_newlines(draw, lines)))


@st.composite
def json_documents(draw: st.DrawFn) -> bytes:
    """A JSON document: a list of records, one record, another value, or deep nesting."""
    document = draw(st.one_of(st.lists(records(), max_size=4), records(), json_values, st.just([])))
    text = json.dumps(
        document, ensure_ascii=draw(st.booleans()), indent=draw(st.sampled_from((None, 1)))
    )
    text = draw(st.one_of(st.just(text), deep_json))
    return draw(encoded(text.replace("\n", draw(st.sampled_from(NEWLINES)))))


@st.composite
def csv_documents(draw: st.DrawFn) -> bytes:
    """A CSV: a header (with a "text" column, mostly) and rows of hostile cells."""
    column = st.one_of(st.sampled_from(("id", "title", "published", "url")), any_text)
    names = draw(st.lists(column, max_size=4))
    if draw(st.integers(0, 5)):
        names.insert(draw(st.integers(0, len(names))), draw(st.sampled_from(("text", " Text "))))
    delimiter = draw(st.sampled_from((",", ";", "\t", "|")))
    cell = st.one_of(hostile_text, written_dates)
    rows = draw(st.lists(st.lists(cell, max_size=len(names) + 1), max_size=5))
    out = io.StringIO()
    writer = csv.writer(
        out,
        delimiter=delimiter,
        lineterminator=draw(st.sampled_from(NEWLINES)),
        quoting=draw(st.sampled_from((csv.QUOTE_MINIMAL, csv.QUOTE_ALL))),
    )
    writer.writerow(names)
    writer.writerows(rows)
    text = out.getvalue()
    if draw(st.booleans()):  # a stray quote or cut: a CSV that no writer made
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.sampled_from(('"', "\x00", "\r", ""))) + text[at:]
    return draw(encoded(text))


HTML_TAGS = ("p", "div", "article", "span", "h1", "li", "noscript", "script", "style", "b", "br")


@st.composite
def html_fragments(draw: st.DrawFn, depth: int = 0) -> str:
    parts = []
    for _ in range(draw(st.integers(0, 4))):
        if depth < 3 and draw(st.booleans()):
            tag = draw(st.sampled_from(HTML_TAGS))
            inner = draw(html_fragments(depth + 1))
            parts.append(f"<{tag}>{inner}" + draw(st.sampled_from((f"</{tag}>", ""))))
        else:
            parts.append(escape(draw(hostile_text)) if draw(st.booleans()) else draw(hostile_text))
    return "".join(parts)


@st.composite
def html_documents(draw: st.DrawFn) -> bytes:
    """An HTML page: doctype or not, a declared charset, metadata, a body of hostile markup,
    deep nesting at times; in some encoding."""
    charset = draw(st.sampled_from(CHARSET_LABELS))
    head = (
        f'<meta charset="{charset}"><title>{escape(draw(hostile_text))}</title>'
        f'<meta property="article:published_time" content="{escape(draw(written_dates))}">'
    )
    body = draw(html_fragments())
    if draw(st.integers(0, 4)) == 0:
        levels = draw(st.integers(1, 5000))
        body = "<div>" * levels + body + "</div>" * draw(st.integers(0, levels))
    doctype = draw(st.sampled_from(("<!DOCTYPE html>", "", "<?xml version='1.0'?>", "<html>")))
    page = f"{doctype}<html><head>{head}</head><body><article>{body}</article></body></html>"
    if draw(st.booleans()):
        page = "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=" + charset + "\r\n\r\n" + page
    return draw(encoded(page))


@st.composite
def feed_documents(draw: st.DrawFn) -> bytes:
    """An RSS 2.0 or Atom feed: declared encoding, entries with hostile titles, bodies (escaped
    HTML, CDATA, plain) and dates; sometimes cut short."""
    charset = draw(st.sampled_from(CHARSET_LABELS))
    entries = []
    atom = draw(st.booleans())
    for _ in range(draw(st.integers(0, 4))):
        title = escape(draw(hostile_text))
        body = draw(html_fragments())
        body = draw(st.sampled_from((escape(body), f"<![CDATA[{body}]]>", body)))
        when = escape(draw(written_dates))
        link = escape(draw(st.one_of(st.just("https://news.example/a"), any_text)))
        if atom:
            kind = draw(st.sampled_from(("html", "text", "xhtml", "text/plain")))
            entries.append(
                f"<entry><title>{title}</title><link href='{link}'/><id>{link}</id>"
                f"<updated>{when}</updated><published>{when}</published>"
                f"<content type='{kind}'>{body}</content></entry>"
            )
        else:
            entries.append(
                f"<item><title>{title}</title><link>{link}</link><guid>{link}</guid>"
                f"<pubDate>{when}</pubDate><description>{body}</description></item>"
            )
    name = escape(draw(hostile_text))
    items = "".join(entries)
    if atom:
        feed = f"<feed xmlns='http://www.w3.org/2005/Atom'><title>{name}</title>{items}</feed>"
    else:
        feed = f"<rss version='2.0'><channel><title>{name}</title>{items}</channel></rss>"
    text = f"<?xml version='1.0' encoding='{charset}'?>\n{feed}"
    if draw(st.booleans()):
        text = text[: draw(st.integers(0, len(text)))]
    return draw(encoded(text))


any_document = st.one_of(
    hostile_bytes,
    jsonl_documents(),
    json_documents(),
    csv_documents(),
    html_documents(),
    feed_documents(),
)


def read_file(data: bytes, name: str, settings: Settings | None = None) -> list[Any]:
    """What ingest gives for ``data`` saved as the file ``name`` (in a fresh folder)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, name)
        path.write_bytes(data)
        return list(iter_articles([str(path)], settings or Settings()))


def read_stdin(data: bytes, settings: Settings | None = None) -> list[Any]:
    """What ingest gives for ``data`` on standard input (its kind sniffed)."""
    return list(iter_articles(["-"], settings or Settings(), stdin=io.BytesIO(data)))


def check_items(items: Iterable[Any], settings: Settings | None = None) -> list[Article]:
    """Each item is an article whose record is schema-valid, or an error with a one-line
    message naming its input; returns the articles."""
    limit = (settings or Settings()).max_text_bytes
    articles = []
    for item in items:
        if isinstance(item, IngestError):
            assert item.origin and item.message.strip(), item
            assert "\n" not in item.message and "\r" not in item.message, item
            continue
        assert isinstance(item, Article), item
        check_record(item.to_dict())
        assert item.text.strip() and not item.text.startswith("\ufeff")
        assert "\r" not in item.text  # line ends are "\n"
        assert len(item.text.encode("utf-8")) <= limit
        for warning in item.warnings:
            assert warning.strip() and "\n" not in warning and "\r" not in warning, warning
        articles.append(item)
    return articles


def check_record(record: dict[str, Any]) -> None:
    """The record is schema-valid and every offset it gives lies within its text; mentions
    are the text at their offsets."""
    assert list(schema_errors(record, SCHEMA, SCHEMA)) == []
    size = len(record["text"])
    for span in _spans(record):
        start, end = span
        assert 0 <= start <= end <= size, (span, size)
    for key in ("places", "actors"):
        for mention in record[key]:
            assert record["text"][mention["start"] : mention["end"]] == mention["mention"]


def _spans(value: Any) -> Iterable[tuple[int, int]]:
    """Every (start, end) pair in a record: mentions, quotes, claims, evidence spans."""
    if isinstance(value, dict):
        for prefix in ("", "speaker_"):
            start, end = value.get(f"{prefix}start"), value.get(f"{prefix}end")
            if isinstance(start, int) and isinstance(end, int):
                yield start, end
        for key, inner in value.items():
            if key == "evidence":
                yield from (tuple(s) for s in inner.values() if s is not None)
            elif key != "text":
                yield from _spans(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from _spans(inner)
