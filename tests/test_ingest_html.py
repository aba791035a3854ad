"""HTML pages: trafilatura's main text without boilerplate, and the page's metadata."""

from __future__ import annotations

from pathlib import Path

from conflictwire.ingest import IngestError, iter_articles
from conflictwire.models import Article
from conflictwire.settings import Settings

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"


def test_html_page_gives_main_text_and_metadata() -> None:
    (article,) = iter_articles([str(FIXTURES / "hodeidah_market.html")], Settings())
    assert isinstance(article, Article)
    assert "killing at least four civilians" in article.text
    assert "independent investigation" in article.text
    assert article.title == "Shelling hits market in Hodeidah"
    assert article.published == "2024-03-05"
    assert article.author == "Amal Haddad"
    assert article.url == "https://coastline.example/yemen/hodeidah-market"
    assert article.source == "Coastline Wire"
    assert article.language == "en"


def test_html_boilerplate_is_left_out() -> None:
    (article,) = iter_articles([str(FIXTURES / "hodeidah_market.html")], Settings())
    assert isinstance(article, Article)
    for boilerplate in ("Subscribe to our newsletter", "READER COMMENT", "All rights reserved"):
        assert boilerplate not in article.text


def test_truncated_html_still_gives_its_text() -> None:
    (article,) = iter_articles([str(FIXTURES / "truncated.html")], Settings())
    assert isinstance(article, Article)
    assert "two municipal workers were injured" in article.text


def test_html_without_text_is_a_clear_error() -> None:
    (error,) = iter_articles([str(FIXTURES / "truncated_head.html")], Settings())
    assert isinstance(error, IngestError)
    assert "no main text" in error.message


def test_html_in_legacy_encoding_is_decoded(tmp_path: Path) -> None:
    page = (FIXTURES / "hodeidah_market.html").read_text(encoding="utf-8")
    page = page.replace('charset="utf-8"', 'charset="windows-1252"').replace("—", "-")
    page = page.replace("Salem", "Salém")
    path = tmp_path / "legacy.htm"
    path.write_bytes(page.encode("cp1252"))
    (article,) = iter_articles([str(path)], Settings())
    assert isinstance(article, Article)
    assert "Salém" in article.text
