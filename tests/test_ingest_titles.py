"""Headlines without the site's suffix; a dash inside a sentence is kept."""

from __future__ import annotations

import pytest

from conflictwire.ingest.titles import clean_title


@pytest.mark.parametrize(
    ("title", "cleaned"),
    [
        ("Army retakes town | DW | 12.03.2024", "Army retakes town"),
        ("Army retakes town - Reuters", "Army retakes town"),
        ("Army retakes Kadugli — Al Jazeera", "Army retakes Kadugli"),
        ("Ceasefire collapses in Gaza – The New York Times", "Ceasefire collapses in Gaza"),
        (
            "Troops push into Bakhmut – March 12, 2024 – Kyiv Independent",
            "Troops push into Bakhmut",
        ),
        ("Clashes in Taiz - coastline.example", "Clashes in Taiz"),
        ("Russia - Ukraine talks stall as shelling resumes", None),
        ("Sudan: RSF shells El Fasher - witnesses", None),
        ("Taiz — a city under siege for nine years", None),
        ("Kyiv-Lviv train hit by drone", None),
        ("DW | News", None),
    ],
)
def test_site_suffixes_are_dropped_and_sentences_kept(title: str, cleaned: str | None) -> None:
    assert clean_title(title) == (cleaned or title)


def test_the_site_name_given_is_dropped_however_it_is_written() -> None:
    assert clean_title("Fighting near Marib | coastline wire", site="Coastline Wire") == (
        "Fighting near Marib"
    )
    assert clean_title(
        "Fighting near Marib - sahel observer", url="https://sahelobserver.example/a"
    )
    assert clean_title(
        "Fighting near Marib :: nile desk", url="https://www.niledesk.example/x"
    ) == ("Fighting near Marib")


def test_no_title_stays_none() -> None:
    assert clean_title(None) is None
