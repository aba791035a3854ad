"""Name normalisation and text folding."""

from __future__ import annotations

import pytest

from conflictwire.gazetteer.normalize import fold_text, is_latin, name_keys, normalize


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Ḩimş", "hims"),
        ("Ḩamāh", "hamah"),
        ("Deir ez-Zor", "deir ez zor"),
        ("Sant Julià de Lòria", "sant julia de loria"),
        ("Ma‘arrat an-Nu‘man", "maarrat an numan"),
        ("Ma'arrat al_Nu`man", "maarrat al numan"),
        ("Raʾs al-ʿAyn", "ras al ayn"),
        ("  St. Louis,  MO ", "st louis mo"),
        ("Straße", "strasse"),
        ("AL-SUKHNAH", "al sukhnah"),
    ],
)
def test_normalize_folds_diacritics_punctuation_and_case(name: str, key: str) -> None:
    assert normalize(name) == key


@pytest.mark.parametrize(
    ("name", "keys"),
    [
        ("al-Sukhnah", ["al sukhnah", "sukhnah"]),
        ("As Sukhnah", ["as sukhnah", "sukhnah"]),
        ("Sukhnah", ["sukhnah"]),
        ("Deir al-Zour", ["deir al zour", "deir zour", "deir alzour"]),
        ("Deir ez-Zor", ["deir ez zor", "deir zor", "deir ezzor"]),
        ("Ash-Shaykh Maskin", ["ash shaykh maskin", "shaykh maskin"]),
        ("Al", ["al"]),  # nothing would remain
        ("Al Ain", ["al ain"]),  # "ain" is too short to stand alone
    ],
)
def test_name_keys_adds_an_article_stripped_key(name: str, keys: list[str]) -> None:
    assert name_keys(name) == keys


def test_name_keys_skip_single_characters_and_digits() -> None:
    assert name_keys("A") == []
    assert name_keys("1234") == []
    assert name_keys("12 34") == []


def test_spellings_of_the_same_place_meet() -> None:
    assert set(name_keys("al-Sukhnah")) & set(name_keys("As Sukhnah")) == {"sukhnah"}
    assert name_keys("Sukhnah")[0] in name_keys("al-Sukhnah")


def test_is_latin_accepts_diacritics_and_rejects_other_scripts() -> None:
    assert is_latin("Ḩimş")
    assert is_latin("Dayr az Zūr")
    assert is_latin("Raʾs al-ʿAyn")
    assert not is_latin("دير الزور")
    assert not is_latin("Пальмира")
    assert not is_latin("巴尔米拉")


def test_fold_text_maps_every_folded_character_back() -> None:
    text = "Ḩimş – “Straße” of Ma‘arrat!"
    folded = fold_text(text)
    assert folded.text == "hims strasse of maarrat "
    start = folded.text.index("strasse")
    assert text[slice(*folded.original_span(start, start + 7))] == "Straße"
    start = folded.text.index("maarrat")
    assert text[slice(*folded.original_span(start, start + 7))] == "Ma‘arrat"


def test_fold_text_splits_english_possessives() -> None:
    assert fold_text("Syria’s army and Homs' streets").text == "syria s army and homs streets"


def test_arabic_words_get_their_common_english_spellings():
    from conflictwire.gazetteer.normalize import spellings, without_final_h

    assert "ein issa" in spellings("ayn isa")
    assert "tal tamr" in spellings("tall tamr")
    assert spellings("homs") == []
    assert without_final_h("al amadiyah") == "al amadiya"
    assert without_final_h("homs") == ""
