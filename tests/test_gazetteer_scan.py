"""Scanning text for gazetteer names: offsets into the original text, boundaries, articles."""

from __future__ import annotations

from pathlib import Path

import pytest

from conflictwire.gazetteer import Gazetteer, NameMatch, SourcePaths, build_index

FIXTURES = SourcePaths.in_directory(Path(__file__).parent / "fixtures" / "gazetteer")


@pytest.fixture(scope="module")
def gaz(tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    path = build_index(tmp_path_factory.mktemp("scan") / "gaz.sqlite", sources=FIXTURES)
    return Gazetteer.open(path, build=False)


def surfaces(gaz: Gazetteer, text: str) -> list[str]:
    return [text[m.start : m.end] for m in gaz.scan(text)]


def test_scan_offsets_point_into_the_original_text(gaz: Gazetteer) -> None:
    text = "Fighting near Palmyra and Homs."
    assert gaz.scan(text) == [NameMatch(14, 21, "palmyra"), NameMatch(26, 30, "homs")]


def test_scan_offsets_survive_multibyte_and_expanding_characters(gaz: Gazetteer) -> None:
    text = "« Ḩimş » – Straße 🚀 ① and “Ḩamāh”: shelling in Homs’ outskirts"
    assert surfaces(gaz, text) == ["Ḩimş", "Ḩamāh", "Homs"]
    hama = [m for m in gaz.scan(text) if m.key == "hamah"][0]
    assert text[hama.start : hama.end] == "Ḩamāh"


def test_scan_is_case_insensitive(gaz: Gazetteer) -> None:
    assert surfaces(gaz, "CLASHES IN DEIR EZ-ZOR AND HAMA") == ["DEIR EZ-ZOR", "HAMA"]


def test_scan_matches_hyphenated_arabic_names(gaz: Gazetteer) -> None:
    text = "the road to Deir al-Zour, then Deir ez Zor"
    found = {(text[m.start : m.end], m.key) for m in gaz.scan(text)}
    assert ("Deir al-Zour", "deir al zour") in found
    assert ("Deir ez Zor", "deir ez zor") in found


def test_article_prefixed_name_includes_the_article(gaz: Gazetteer) -> None:
    text = "They marched from al-Sukhnah. Al-Sukhnah fell; AL SUKHNAH is quiet."
    matches = gaz.scan(text)
    assert [text[m.start : m.end] for m in matches] == ["al-Sukhnah", "Al-Sukhnah", "AL SUKHNAH"]
    assert {m.key for m in matches} == {"sukhnah"}
    assert matches[0].start == text.index("al-Sukhnah")


def test_english_word_articles_are_not_pulled_into_names(gaz: Gazetteer) -> None:
    text = "fighting at Sukhnah; As Sukhnah; es-Sukhnah"
    assert surfaces(gaz, text) == ["Sukhnah", "As Sukhnah", "es-Sukhnah"]


def test_scan_respects_word_boundaries(gaz: Gazetteer) -> None:
    assert gaz.scan("Homsville and Palmyran and xHama") == []
    assert surfaces(gaz, "Syria's Homs's Palmyra-based") == ["Syria", "Homs", "Palmyra"]


def test_scan_returns_overlapping_matches_sorted(gaz: Gazetteer) -> None:
    text = "Homs Governorate"
    assert [(m.start, m.end, m.key) for m in gaz.scan(text)] == [
        (0, 4, "homs"),
        (0, 16, "homs governorate"),
    ]


def test_automaton_is_persisted_and_reloaded(gaz: Gazetteer) -> None:
    gaz.scan("Homs")
    saved = list(gaz.path.parent.glob("*.automaton"))
    assert len(saved) == 1
    with Gazetteer.open(gaz.path, build=False) as again:
        assert surfaces(again, "near Palmyra") == ["Palmyra"]


def test_scan_of_empty_and_nameless_text(gaz: Gazetteer) -> None:
    assert gaz.scan("") == []
    assert gaz.scan("   \n\t ") == []
    assert gaz.scan("nothing to see") == []
