"""Inputs at scale: WARC archives (written here with warcio), compressed records and files,
folders walked lazily."""

from __future__ import annotations

import bz2
import gzip
import io
import json
import lzma
from pathlib import Path

import pytest
from click.testing import CliRunner
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from conflictwire.cli import main
from conflictwire.demo import sample_corpus
from conflictwire.ingest import IngestError, iter_articles
from conflictwire.ingest.sources import walk_folder
from conflictwire.models import Article
from conflictwire.settings import Settings

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
PAGES = sorted((sample_corpus() / "html").glob("*.html"))


def _response(writer: WARCWriter, uri: str, body: bytes, content_type: str, status: str) -> None:
    http = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
    record = writer.create_warc_record(
        uri,
        "response",
        payload=io.BytesIO(body),
        http_headers=http,
        warc_headers_dict={"WARC-Date": "2024-06-11T08:30:00Z"},
    )
    writer.write_record(record)


def write_warc(path: Path, *, gzipped: bool) -> list[str]:
    """An archive as a crawl writes it: per page a request and its response, with an image,
    a 404 and a redirect among them. Returns the page addresses in order."""
    uris = []
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=gzipped)
        for number, page in enumerate(PAGES[:3]):
            uri = f"https://news.example.org/2024/{page.stem}"
            request = writer.create_warc_record(uri, "request", payload=io.BytesIO(b"GET / \r\n"))
            writer.write_record(request)
            _response(writer, uri, page.read_bytes(), "text/html; charset=utf-8", "200 OK")
            uris.append(uri)
            if number == 0:
                image = b"\x89PNG\r\n\x1a\n" + bytes(200)
                _response(writer, f"{uri}/map.png", image, "image/png", "200 OK")
                _response(writer, f"{uri}/gone", b"<html>gone</html>", "text/html", "404 Not Found")
                _response(writer, f"{uri}/old", b"", "text/html", "301 Moved Permanently")
    return uris


@pytest.mark.parametrize("name", ["crawl.warc.gz", "crawl.warc", "crawl.bin"])
def test_a_warc_file_gives_one_article_per_html_page(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    uris = write_warc(path, gzipped=name.endswith(".gz") or name.endswith(".bin"))
    items = list(iter_articles([str(path)], Settings()))
    assert all(isinstance(i, Article) for i in items), items
    assert len(items) == len(uris) == 3
    # the same text, title, date and address (the page's own) as the page read on its own
    for article, page in zip(items, PAGES, strict=False):
        (alone,) = iter_articles([str(page)], Settings())
        assert isinstance(alone, Article)
        assert (article.text, article.title, article.published, article.url) == (
            alone.text,
            alone.title,
            alone.published,
            alone.url,
        )
        assert article.origin.startswith(f"{path}#record ")


def test_a_page_without_a_date_or_address_has_the_capture_day_and_the_archive_address(
    tmp_path: Path,
) -> None:
    path = tmp_path / "one.warc.gz"
    page = (
        b"<html><head><title>Clashes</title></head><body><article><p>"
        + (
            b"Fighting between the army and rebels was reported near Goma on Monday, "
            b"local officials said, and hundreds of families fled towards the city. " * 3
        )
        + b"</p></article></body></html>"
    )
    with path.open("wb") as handle:
        _response(WARCWriter(handle, gzip=True), "https://a.example/goma", page, "text/html", "200")
    (article,) = iter_articles([str(path)], Settings())
    assert isinstance(article, Article)
    assert article.published == "2024-06-11" and article.url == "https://a.example/goma"


def test_a_warc_without_pages_and_a_cut_one_are_reported(tmp_path: Path) -> None:
    empty = tmp_path / "empty.warc"
    with empty.open("wb") as handle:
        writer = WARCWriter(handle, gzip=False)
        writer.write_record(writer.create_warc_record("https://a.example/", "request"))
    (error,) = iter_articles([str(empty)], Settings())
    assert isinstance(error, IngestError) and "no HTML response records" in error.message

    whole = tmp_path / "whole.warc"
    write_warc(whole, gzipped=False)
    cut = tmp_path / "cut.warc"
    data = whole.read_bytes()
    cut.write_bytes(data[: len(data) // 2])
    items = list(iter_articles([str(cut)], Settings()))
    assert isinstance(items[0], Article)
    assert isinstance(items[-1], IngestError) and items[-1].origin.startswith(f"{cut}#record ")
    assert "cut short" in items[-1].message


@pytest.mark.e2e
def test_extract_reads_a_warc_archive_end_to_end(tmp_path: Path) -> None:
    path = tmp_path / "news.warc.gz"
    write_warc(path, gzipped=True)
    result = CliRunner().invoke(main, ["extract", str(path)])
    assert result.exit_code == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == 3
    for record in records:
        for place in record["places"]:
            assert record["text"][place["start"] : place["end"]] == place["mention"]
    assert any(r["events"] for r in records)
    countries = {p["country"] for r in records for p in r["places"]}
    assert {"Sudan", "Yemen"} & countries, countries


# compressed records and files


def _jsonl(texts: list[str]) -> bytes:
    rows = [{"id": f"r{i}", "text": t, "published": "2021-03-02"} for i, t in enumerate(texts)]
    return b"".join(json.dumps(row).encode() + b"\n" for row in rows)


TEXTS = [
    "Government troops shelled villages near Idlib on Tuesday, residents said.",
    "Police dispersed protesters in Mandalay with tear gas on Monday, witnesses said.",
]


@pytest.mark.parametrize(
    ("name", "compress"),
    [
        ("wire.jsonl.gz", gzip.compress),
        ("wire.jsonl.bz2", bz2.compress),
        ("wire.jsonl.xz", lzma.compress),
        ("wire.gz", gzip.compress),  # no kind in the name: sniffed after decompressing
        ("wire.dat", gzip.compress),  # no compression in the name: its first bytes say so
    ],
)
def test_compressed_records_are_read_like_plain_ones(tmp_path: Path, name: str, compress) -> None:
    path = tmp_path / name
    path.write_bytes(compress(_jsonl(TEXTS)))
    items = list(iter_articles([str(path)], Settings()))
    assert [a.text for a in items if isinstance(a, Article)] == TEXTS
    assert [a.origin for a in items] == [f"{path}:line 1", f"{path}:line 2"]


def test_compressed_page_and_text_and_stdin(tmp_path: Path) -> None:
    page = tmp_path / "page.html.gz"
    page.write_bytes(gzip.compress(PAGES[0].read_bytes()))
    text = tmp_path / "note.txt.xz"
    text.write_bytes(lzma.compress(TEXTS[0].encode()))
    html, plain = iter_articles([str(page), str(text)], Settings())
    assert isinstance(html, Article) and html.title
    assert isinstance(plain, Article) and plain.text == TEXTS[0]
    items = list(iter_articles(["-"], Settings(), stdin=io.BytesIO(gzip.compress(_jsonl(TEXTS)))))
    assert [a.text for a in items if isinstance(a, Article)] == TEXTS


def test_a_damaged_compressed_file_is_reported_and_the_next_is_read(tmp_path: Path) -> None:
    bad = tmp_path / "a.jsonl.gz"
    bad.write_bytes(gzip.compress(_jsonl(TEXTS))[:-30] + b"garbage" * 5)
    good = tmp_path / "b.jsonl.gz"
    good.write_bytes(gzip.compress(_jsonl(TEXTS[:1])))
    items = list(iter_articles([str(bad), str(good)], Settings()))
    errors = [i for i in items if isinstance(i, IngestError)]
    assert errors and errors[-1].origin == str(bad) and "decompress" in errors[-1].message
    assert isinstance(items[-1], Article) and items[-1].origin == f"{good}:line 1"


def test_folders_are_walked_lazily_in_sorted_order(tmp_path: Path) -> None:
    for name in ("b/x.txt", "a.txt", "c.jsonl.gz", "b/a/y.txt", ".hidden/z.txt", "d.png", "e.gz"):
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"x")
    walk = walk_folder(tmp_path)
    assert iter(walk) is walk  # a generator: nothing listed before it is asked for
    assert [p.relative_to(tmp_path).as_posix() for p in walk] == [
        "a.txt",
        "b/a/y.txt",
        "b/x.txt",
        "c.jsonl.gz",
    ]
