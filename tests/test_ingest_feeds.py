"""RSS 2.0 and Atom feeds: one article per entry, entry errors do not stop the feed."""

from __future__ import annotations

from pathlib import Path

from conflictwire.ingest import IngestError, iter_articles
from conflictwire.models import Article
from conflictwire.settings import Settings

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"


def test_rss_feed_gives_one_article_per_entry_and_an_error_for_the_empty_one() -> None:
    path = FIXTURES / "sudan_feed.rss"
    first, second, third = iter_articles([str(path)], Settings())
    assert isinstance(first, Article) and isinstance(second, Article)
    assert first.text.startswith("OMDURMAN, Sudan — Artillery shells")
    assert "\nThe volunteers said" in first.text  # paragraphs become lines
    assert "Short teaser" not in first.text  # full content wins over the summary
    assert first.title == "Shelling reported in Omdurman"
    assert first.url == "https://niledesk.example/omdurman-shelling"
    assert first.source == "Nile Desk"
    assert first.published == "2024-03-05"  # the date as written (+0300), not UTC
    assert first.origin == f"{path}#entry 1"
    assert second.text.startswith("KASSALA, Sudan")
    assert "<p>" not in second.text
    assert second.published == "2024-03-04"
    assert isinstance(third, IngestError)
    assert third.origin == f"{path}#entry 3"


def test_atom_feed_uses_content_then_summary_and_updated_date() -> None:
    first, second = iter_articles([str(FIXTURES / "ukraine_feed.atom")], Settings())
    assert isinstance(first, Article) and isinstance(second, Article)
    assert first.text.startswith("ODESA, Ukraine — Air defence units")
    assert first.published == "2024-03-06"
    assert first.source == "Steppe Daily"
    assert first.url == "https://steppe.example/odesa-air-defence"
    assert second.text.startswith("Local authorities said 120 residents")
    assert second.published == "2024-03-05"


def test_malformed_feed_with_entries_warns_and_goes_on(tmp_path: Path) -> None:
    broken = (FIXTURES / "sudan_feed.rss").read_text(encoding="utf-8")
    broken = broken.replace("</channel>\n</rss>", "").replace("Nile Desk", "Nile & Desk")
    path = tmp_path / "broken.xml"
    path.write_text(broken, encoding="utf-8")
    articles = [a for a in iter_articles([str(path)], Settings()) if isinstance(a, Article)]
    assert len(articles) == 2
    assert all("not well-formed" in w for a in articles for w in a.warnings)


def test_xml_that_is_not_a_feed_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "config.xml"
    path.write_text('<?xml version="1.0"?><settings><unit>km</unit></settings>')
    (error,) = iter_articles([str(path)], Settings())
    assert isinstance(error, IngestError)
    assert "feed" in error.message


def test_entry_date_before_year_1000_keeps_four_year_digits(tmp_path: Path) -> None:
    path = tmp_path / "feed.rss"
    path.write_text(
        "<rss version='2.0'><channel><title>Wire</title><item><title>Taiz</title>"
        "<pubDate>0999-01-01</pubDate><description>Clashes in Taiz on Friday.</description>"
        "</item></channel></rss>"
    )
    (article,) = iter_articles([str(path)], Settings())
    assert isinstance(article, Article) and article.published == "0999-01-01"


def test_entry_date_of_zeros_is_no_date(tmp_path: Path) -> None:
    # feedparser reads "0000-00-00" as year -1, which was stored as "-001-11-30" against the
    # schema's date pattern (found by tests/test_fuzz_ingest.py).
    path = tmp_path / "feed.atom"
    path.write_text(
        "<feed xmlns='http://www.w3.org/2005/Atom'><title>Wire</title><entry><title>Taiz</title>"
        "<published>0000-00-00</published><updated>2024-03-06T08:00:00Z</updated>"
        "<content type='text'>Clashes in Taiz on Friday.</content></entry></feed>"
    )
    (article,) = iter_articles([str(path)], Settings())
    assert isinstance(article, Article) and article.published == "2024-03-06"
