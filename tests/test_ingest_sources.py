"""Walking inputs: folders (recursive, sorted, hidden skipped), stdin (sniffed), bad paths."""

from __future__ import annotations

import io
from pathlib import Path

from conflictwire.ingest import IngestError, iter_articles
from conflictwire.models import Article
from conflictwire.settings import Settings

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"


def test_folder_is_read_recursively_sorted_skipping_hidden_and_unknown() -> None:
    folder = FIXTURES / "corpus"
    items = list(iter_articles([str(folder)], Settings()))
    assert [i.origin for i in items] == [
        str(folder / "sanaa.txt"),
        str(folder / "yemen" / "hajjah.txt"),
    ]
    assert all(isinstance(i, Article) for i in items)


def test_empty_folder_is_reported(tmp_path: Path) -> None:
    (error,) = iter_articles([str(tmp_path)], Settings())
    assert isinstance(error, IngestError)
    assert "no files to read" in error.message


def test_missing_path_is_an_error_and_the_next_input_is_read() -> None:
    missing = str(FIXTURES / "no_such_file.txt")
    error, article = iter_articles([missing, str(FIXTURES / "marib_clashes.txt")], Settings())
    assert isinstance(error, IngestError)
    assert error.origin == missing
    assert isinstance(article, Article)


def read_stdin(data: bytes) -> list[Article | IngestError]:
    return list(iter_articles(["-"], Settings(), stdin=io.BytesIO(data)))


def test_stdin_plain_text() -> None:
    (article,) = read_stdin(b"Clashes were reported near Bakhmut on Sunday, officials said.\n")
    assert isinstance(article, Article)
    assert article.origin == "-"


def test_stdin_json_lines() -> None:
    data = (FIXTURES / "wire.jsonl").read_bytes()
    items = read_stdin(data)
    assert [type(i).__name__ for i in items] == ["Article", "IngestError", "IngestError", "Article"]
    assert items[1].origin == "-:line 2"


def test_stdin_html() -> None:
    (article,) = read_stdin((FIXTURES / "hodeidah_market.html").read_bytes())
    assert isinstance(article, Article)
    assert article.title == "Shelling hits market in Hodeidah"


def test_stdin_feed() -> None:
    items = read_stdin((FIXTURES / "ukraine_feed.atom").read_bytes())
    assert [i.origin for i in items] == ["-#entry 1", "-#entry 2"]


def test_stdin_pretty_printed_json() -> None:
    items = read_stdin((FIXTURES / "wire.json").read_bytes())
    assert len(items) == 2 and all(isinstance(i, Article) for i in items)


def test_stdin_empty_is_an_error() -> None:
    (error,) = read_stdin(b"")
    assert isinstance(error, IngestError)
    assert error.origin == "-"


def test_stdin_over_limit_is_an_error() -> None:
    data = b"Shelling continued overnight in the city, officials said. " * 10_000
    items = list(
        iter_articles(["-"], Settings().with_overrides(max_text_bytes=100), stdin=io.BytesIO(data))
    )
    assert len(items) == 1 and isinstance(items[0], IngestError)
    assert "max_text_bytes" in items[0].message
