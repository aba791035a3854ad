"""HTML pages: trafilatura's main text without boilerplate, and the page's metadata."""

from __future__ import annotations

import logging
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


def page(body: str, title: str = "Army retakes Kadugli", head: str = "") -> str:
    return (
        f"<!DOCTYPE html><html><head><title>{title}</title>{head}</head><body>{body}</body></html>"
    )


KADUGLI = (
    "<p>Government troops retook the town of Kadugli in South Kordofan on Monday after three "
    "days of fighting, local officials said.</p>"
)


def read_page(tmp_path: Path, markup: str, name: str = "page.html") -> Article | IngestError:
    path = tmp_path / name
    path.write_text(markup, encoding="utf-8")
    (item,) = iter_articles([str(path)], Settings())
    return item


def test_noscript_text_is_not_article_text(tmp_path: Path) -> None:
    noscript = (
        "<noscript><p>Please enable JavaScript to view the comments powered by Disqus and the "
        "interactive map of the front line in Sudan today.</p></noscript>"
    )
    article = read_page(tmp_path, page(noscript + KADUGLI))
    assert isinstance(article, Article)
    assert "Kadugli" in article.text
    assert "JavaScript" not in article.text and "Disqus" not in article.text


def test_title_drops_the_site_and_date_suffix(tmp_path: Path) -> None:
    markup = page(
        f"<article>{KADUGLI}{KADUGLI}</article>",
        title="Army retakes Kadugli | DW | 12.03.2024",
        head='<meta property="og:site_name" content="DW">',
    )
    article = read_page(tmp_path, markup)
    assert isinstance(article, Article)
    assert article.title == "Army retakes Kadugli"
    assert article.source == "DW"


def test_deeply_nested_page_without_scripts_gets_no_javascript_hint(tmp_path: Path) -> None:
    markup = page("<div>" * 255 + KADUGLI + "</div>" * 255)
    error = read_page(tmp_path, markup)
    assert isinstance(error, IngestError)
    assert "no main text" in error.message
    assert "JavaScript" not in error.message


def test_empty_app_shell_gets_the_javascript_hint(tmp_path: Path) -> None:
    markup = page(
        '<noscript>You need to enable JavaScript to run this app.</noscript><div id="root"></div>'
        '<script src="/static/js/main.4f2a1c.js"></script>'
    )
    error = read_page(tmp_path, markup)
    assert isinstance(error, IngestError)
    assert "JavaScript" in error.message


def test_trafilatura_log_lines_do_not_leak(tmp_path: Path, caplog) -> None:
    caplog.set_level(logging.DEBUG)
    read_page(tmp_path, page("<div>" * 255 + KADUGLI + "</div>" * 255))
    assert [r for r in caplog.records if not r.name.startswith("conflictwire")] == []
