"""Walking inputs: folders (recursive, sorted, hidden skipped), stdin (sniffed), bad paths."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

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


@pytest.mark.parametrize("delimiter", [",", ";"])
def test_stdin_csv_is_sniffed(delimiter: str) -> None:
    data = (
        f"id{delimiter}text\n"
        f"sd-1{delimiter}Fighting resumed in El Fasher on Saturday, residents said.\n"
        f'sd-2{delimiter}"Shelling hit Omdurman; two died, medics said."\n'
    )
    first, second = read_stdin(data.encode("utf-8"))
    assert isinstance(first, Article) and isinstance(second, Article)
    assert first.id == "sd-1" and first.origin == "-:line 2"
    assert second.text == "Shelling hit Omdurman; two died, medics said."


def test_text_starting_like_a_csv_without_a_text_column_stays_text() -> None:
    (article,) = read_stdin(b"Taiz, Yemen - Clashes resumed on Sunday, local officials said.\n")
    assert isinstance(article, Article)
    assert article.text.startswith("Taiz, Yemen")


HODEIDAH_PAGE = (FIXTURES / "hodeidah_market.html").read_bytes()


@pytest.mark.parametrize("suffix", [".php", ".aspx", ".asp", ".shtml", ".xhtml", ".jsp"])
def test_pages_saved_with_a_server_extension_are_html(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"hodeidah{suffix}"
    path.write_bytes(HODEIDAH_PAGE)
    (article,) = iter_articles([str(tmp_path)], Settings())
    assert isinstance(article, Article)
    assert article.origin == str(path)
    assert article.title == "Shelling hits market in Hodeidah"
    assert "<p>" not in article.text and "killing at least four civilians" in article.text


@pytest.mark.parametrize("name", ["hodeidah.txt", "hodeidah.cfm", "hodeidah"])
def test_a_page_under_another_name_is_sniffed_as_html(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(HODEIDAH_PAGE)
    (article,) = iter_articles([str(path)], Settings())
    assert isinstance(article, Article)
    assert article.title == "Shelling hits market in Hodeidah"
    assert "<p>" not in article.text


def test_a_feed_or_records_under_another_name_are_sniffed(tmp_path: Path) -> None:
    feed = tmp_path / "sudan.feed"
    feed.write_bytes((FIXTURES / "sudan_feed.rss").read_bytes())
    records = tmp_path / "wire.dump"
    records.write_bytes((FIXTURES / "wire.jsonl").read_bytes())
    items = list(iter_articles([str(feed), str(records)], Settings()))
    assert [i.origin for i in items][:3] == [f"{feed}#entry {n}" for n in (1, 2, 3)]
    assert items[-1].origin == f"{records}:line 5"


def test_stdin_with_a_carriage_return_in_its_first_line_is_still_read() -> None:
    (article,) = read_stdin(b"Clashes near Kidal,\rresidents said; text,id\nMore fighting.\n")
    assert isinstance(article, Article)
