"""Plain-text files: one article each, a headline kept as title, encodings, sizes."""

from __future__ import annotations

from pathlib import Path

from conflictwire.ingest import IngestError, content_hash, iter_articles
from conflictwire.models import Article
from conflictwire.settings import Settings

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"


def read_one(path: Path, settings: Settings | None = None) -> Article | IngestError:
    items = list(iter_articles([str(path)], settings or Settings()))
    assert len(items) == 1, items
    return items[0]


def test_text_file_is_one_article_with_title_kept_in_text() -> None:
    article = read_one(FIXTURES / "marib_clashes.txt")
    assert isinstance(article, Article)
    assert article.title == "Fighting flares near Marib as truce talks stall"
    assert article.text.startswith(article.title)
    assert article.text == (FIXTURES / "marib_clashes.txt").read_text(encoding="utf-8")
    assert article.language == "en"
    assert article.warnings == []
    assert article.origin == str(FIXTURES / "marib_clashes.txt")


def test_text_id_is_stable_hash_prefix_of_text() -> None:
    article = read_one(FIXTURES / "marib_clashes.txt")
    assert isinstance(article, Article)
    assert article.id == content_hash(article.text)[:16]
    assert len(content_hash(article.text)) == 64


def test_first_line_ending_with_period_is_not_a_title(tmp_path: Path) -> None:
    path = tmp_path / "lede.txt"
    path.write_text("Gunmen attacked a checkpoint in Darfur on Monday.\nTwo guards were hurt.\n")
    article = read_one(path)
    assert isinstance(article, Article)
    assert article.title is None


def test_crlf_bom_and_nfc_are_normalised(tmp_path: Path) -> None:
    path = tmp_path / "crlf.txt"
    decomposed = (
        "Cafe\u0301 shelled in Kherson\r\nA shell hit the cafe\u0301 on the river front.\r\n"
    )
    path.write_bytes(b"\xef\xbb\xbf" + decomposed.encode("utf-8"))
    article = read_one(path)
    assert isinstance(article, Article)
    assert article.text == "Café shelled in Kherson\nA shell hit the café on the river front.\n"
    assert article.title == "Café shelled in Kherson"


def test_published_comes_from_settings_when_input_has_none() -> None:
    settings = Settings().with_overrides(published="2024-03-04")
    article = read_one(FIXTURES / "marib_clashes.txt", settings)
    assert isinstance(article, Article)
    assert article.published == "2024-03-04"


def test_cp1252_text_file_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "kassala.txt"
    text = (
        "Aid workers in Kassala said the Médecins Sans Frontières clinic treated 60 patients,\n"
        "many of them réfugiés from Gezira, at the café turned shelter – “a lifeline”.\n"
    )
    path.write_bytes(text.encode("cp1252"))
    article = read_one(path)
    assert isinstance(article, Article)
    assert "Médecins Sans Frontières" in article.text
    assert "réfugiés" in article.text
    assert "“a lifeline”" in article.text


def test_utf16_text_file_with_bom_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "utf16.txt"
    path.write_bytes("Shelling near Bakhmut was reported on Sunday by officials.".encode("utf-16"))
    article = read_one(path)
    assert isinstance(article, Article)
    assert article.text.startswith("Shelling near Bakhmut")


def test_empty_file_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_text(" \n\t\n")
    error = read_one(path)
    assert isinstance(error, IngestError)
    assert error.origin == str(path)
    assert "empty" in error.message


def test_binary_file_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    error = read_one(path)
    assert isinstance(error, IngestError)
    assert "binary file" in error.message


def test_text_over_max_text_bytes_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text("Shelling continued in Avdiivka on Tuesday, officials said. " * 50)
    error = read_one(path, Settings().with_overrides(max_text_bytes=1000))
    assert isinstance(error, IngestError)
    assert "max_text_bytes" in error.message
    assert "CONFLICTWIRE_MAX_TEXT_BYTES" in error.message
    assert "1,000" in error.message


def test_huge_file_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(50_000_000)  # sparse: 50 MB of NULs, never read whole
    error = read_one(path, Settings().with_overrides(max_text_bytes=10_000))
    assert isinstance(error, IngestError)
    assert "max_text_bytes" in error.message


def test_unknown_extension_named_file_is_read_as_text(tmp_path: Path) -> None:
    path = tmp_path / "note.dispatch"
    path.write_text("Fighting was reported in the Sudanese town of Babanusa on Friday.\n")
    article = read_one(path)
    assert isinstance(article, Article)
    assert "Babanusa" in article.text


def test_unknown_extension_binary_file_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "archive.bin"
    path.write_bytes(b"\x00\x01\x02\x03" * 100)
    error = read_one(path)
    assert isinstance(error, IngestError)
    assert "binary file" in error.message


def test_content_hash_is_the_same_for_composed_and_decomposed_text() -> None:
    assert content_hash("Café in Kherson") == content_hash("Cafe\u0301 in Kherson")


def test_every_leading_byte_order_mark_is_dropped(tmp_path: Path) -> None:
    # A second BOM stayed at the start of the text, and a file of BOMs alone was an article
    # (found by tests/test_fuzz_ingest.py).
    doubled = tmp_path / "doubled.txt"
    doubled.write_bytes(b"\xef\xbb\xbf" * 2 + b"Clashes in Taiz on Friday.")
    only = tmp_path / "only.txt"
    only.write_bytes(b"\xef\xbb\xbf" * 3)
    article, empty = read_one(doubled), read_one(only)
    assert isinstance(article, Article) and article.text == "Clashes in Taiz on Friday."
    assert isinstance(empty, IngestError) and "no text" in empty.message


def test_carriage_returns_alone_are_line_ends_too(tmp_path: Path) -> None:
    # "\r\r\n" kept a CR LF after normalising, and CR-only files kept their CRs (found by
    # tests/test_fuzz_ingest.py): every line end is now "\n", as Python reads text files.
    path = tmp_path / "mac.txt"
    path.write_bytes(b"Shelling in Kherson\r\rA shell hit a cafe.\r\r\nTwo were hurt.\r")
    article = read_one(path)
    assert isinstance(article, Article)
    assert article.text == "Shelling in Kherson\n\nA shell hit a cafe.\n\nTwo were hurt.\n"
