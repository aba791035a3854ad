"""Records in JSON lines, JSON and CSV: per-record errors name the line, others go on."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from conflictwire.ingest import IngestError, iter_articles
from conflictwire.models import Article
from conflictwire.settings import Settings

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"


def test_jsonl_malformed_line_among_good_ones() -> None:
    path = FIXTURES / "wire.jsonl"
    items = list(iter_articles([str(path)], Settings()))
    assert [type(i).__name__ for i in items] == ["Article", "IngestError", "IngestError", "Article"]
    first, bad_json, no_text, last = items
    assert isinstance(first, Article) and isinstance(last, Article)
    assert first.id == "cw-001"
    assert first.title == "Clashes in Taiz"
    assert first.source == "Coastline Wire"
    assert first.published == "2024-02-16"
    assert first.origin == f"{path}:line 1"
    assert isinstance(bad_json, IngestError) and bad_json.origin == f"{path}:line 2"
    assert "not valid JSON" in bad_json.message
    assert isinstance(no_text, IngestError) and no_text.origin == f"{path}:line 3"
    assert '"text"' in no_text.message
    assert last.origin == f"{path}:line 5"
    assert last.url == "https://coastline.example/aden-protest"
    assert last.id is not None and len(last.id) == 16


def test_json_list_gives_one_article_per_object() -> None:
    path = FIXTURES / "wire.json"
    first, second = iter_articles([str(path)], Settings())
    assert isinstance(first, Article) and isinstance(second, Article)
    assert first.id == "nd-7"
    assert first.published == "2024-01-10"
    assert second.source == "Nile Desk"
    assert second.origin == f"{path}#entry 2"


def test_json_single_object(tmp_path: Path) -> None:
    path = tmp_path / "one.json"
    path.write_text('{"text": "Gunfire was heard in Juba overnight, residents said.", "id": 7}')
    (article,) = iter_articles([str(path)], Settings())
    assert isinstance(article, Article)
    assert article.id == "7"


def test_csv_rows_with_header() -> None:
    path = FIXTURES / "wire.csv"
    first, empty, third = iter_articles([str(path)], Settings())
    assert isinstance(first, Article)
    assert first.id == "uk-1"
    assert first.title == "Strike on Zaporizhzhia"
    assert first.text.endswith("\nNo casualties were reported.")
    assert first.published == "2024-03-07"
    assert isinstance(empty, IngestError)
    assert empty.origin == f"{path}:line 4"
    assert isinstance(third, Article)
    assert third.published is None
    assert third.warnings == ["published 'not a date' is not an ISO date (YYYY-MM-DD); ignored"]


def test_csv_without_text_column_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "wrong.csv"
    path.write_text("headline,body\nA,B\n")
    (error,) = iter_articles([str(path)], Settings())
    assert isinstance(error, IngestError)
    assert 'no "text" column' in error.message


def test_jsonl_line_over_the_limit_is_an_error_and_reading_goes_on(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    long_text = "Shelling was reported in Donetsk. " * 2000
    short = "Rockets hit an airfield near Mykolaiv on Monday, the air force said."
    path.write_text(f'{{"text": "{long_text}"}}\n{{"text": "{short}"}}\n')
    too_big, article = iter_articles([str(path)], Settings().with_overrides(max_text_bytes=1000))
    assert isinstance(too_big, IngestError)
    assert "max_text_bytes" in too_big.message
    assert isinstance(article, Article)
    assert article.text == short


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("empty.jsonl", "", "no records"),
        ("blank.jsonl", "\n  \n\n", "no records"),
        ("header.csv", "id,title,text,published\n", "header row but no records"),
        ("header_blank.csv", "id,title,text\n\n,,\n", "header row but no records"),
        ("empty_list.json", "[]", "empty"),
    ],
)
def test_files_without_records_are_reported(
    tmp_path: Path, name: str, content: str, expected: str
) -> None:
    path = tmp_path / name
    path.write_text(content)
    (error,) = iter_articles([str(path)], Settings())
    assert isinstance(error, IngestError)
    assert error.origin == str(path)
    assert expected in error.message


def test_null_text_is_called_null_not_missing(tmp_path: Path) -> None:
    path = tmp_path / "wire.jsonl"
    path.write_text('{"id": "s1", "title": "Clashes in Juba", "text": null}\n')
    (error,) = iter_articles([str(path)], Settings())
    assert isinstance(error, IngestError)
    assert 'the "text" field is null' in error.message
    assert 'no "text" field' not in error.message


@pytest.mark.parametrize("delimiter", [";", "\t", "|"], ids=["semicolon", "tab", "pipe"])
def test_csv_with_another_separator_is_read(tmp_path: Path, delimiter: str) -> None:
    rows = [
        ["id", "title", "text", "published"],
        ["ml-1", "Attack near Mopti", "Gunmen attacked a convoy near Mopti, Mali, on Friday.", ""],
        ["ml-2", "Sévaré", "Drones struck a depot near Sévaré, killing three; officials said.", ""],
    ]
    path = tmp_path / "sahel.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, delimiter=delimiter).writerows(rows)
    first, second = iter_articles([str(path)], Settings())
    assert isinstance(first, Article) and isinstance(second, Article)
    assert (first.id, first.title) == ("ml-1", "Attack near Mopti")
    assert second.text == "Drones struck a depot near Sévaré, killing three; officials said."


# Python's JSON parser recurses once per level: a thousand "[" in a few bytes used to raise
# RecursionError out of the reader (found by tests/test_fuzz_ingest.py).
DEEP = b'{"text": ' + b"[" * 5000 + b"]" * 5000 + b"}"


def test_jsonl_line_nested_too_deeply_is_an_error_and_the_others_go_on(tmp_path: Path) -> None:
    path = tmp_path / "wire.jsonl"
    path.write_bytes(DEEP + b'\n{"text": "Shelling hit Aleppo on Tuesday."}\n')
    deep, good = iter_articles([str(path)], Settings())
    assert isinstance(deep, IngestError) and deep.origin == f"{path}:line 1"
    assert "nested too deeply" in deep.message
    assert isinstance(good, Article) and good.text == "Shelling hit Aleppo on Tuesday."


@pytest.mark.parametrize("data", [DEEP, b"[" * 5000, b'{"a":' * 3000])
def test_json_nested_too_deeply_is_an_error(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "wire.json"
    path.write_bytes(data)
    (error,) = iter_articles([str(path)], Settings())
    assert isinstance(error, IngestError) and "nested too deeply" in error.message


def test_stdin_nested_too_deeply_is_an_error() -> None:
    (error,) = iter_articles(["-"], Settings(), stdin=io.BytesIO(b'{"a":' * 3000 + b"\n{}"))
    assert isinstance(error, IngestError) and error.origin == "-"
    assert "nested too deeply" in error.message


@pytest.mark.parametrize(
    ("written", "stored"),
    [("0999-01-01", "0999-01-01"), ("0045-03-15T12:00:00+01:00", "0045-03-15")],
)
def test_published_before_year_1000_keeps_four_year_digits(
    tmp_path: Path, written: str, stored: str
) -> None:
    # strftime("%Y") writes year 999 as "999", which broke the schema's date pattern
    # (found by tests/test_fuzz_ingest.py).
    path = tmp_path / "wire.jsonl"
    path.write_text(f'{{"text": "Clashes in Taiz on Friday.", "published": "{written}"}}\n')
    (article,) = iter_articles([str(path)], Settings())
    assert isinstance(article, Article) and article.published == stored


def test_names_read_from_the_input_are_quoted_on_one_line(tmp_path: Path) -> None:
    # A field or column name holding a line break or a NUL used to split the warning over
    # lines (found by tests/test_fuzz_ingest.py).
    jsonl = tmp_path / "wire.jsonl"
    jsonl.write_text('{"ti\\ntle": "Clashes in Taiz", "body\\u0000": "x"}\n')
    table = tmp_path / "wire.csv"
    table.write_bytes(b'"head\nline",body\x00\n"Clashes in Taiz",x\n')
    (record,) = iter_articles([str(jsonl)], Settings())
    (header,) = iter_articles([str(table)], Settings())
    assert isinstance(record, IngestError) and isinstance(header, IngestError)
    assert "(fields found: ti\\ntle, body\\x00)" in record.message
    assert "(found: head\\nline, body\\x00)" in header.message
    assert "\n" not in record.message + header.message
