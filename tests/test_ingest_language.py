"""Language detection: other languages are kept with a warning; short texts are not judged."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conflictwire.ingest import detect_language, iter_articles
from conflictwire.models import Article
from conflictwire.settings import Settings

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"


def test_french_article_is_kept_with_a_warning() -> None:
    (article,) = iter_articles([str(FIXTURES / "kharkiv_fr.txt")], Settings())
    assert isinstance(article, Article)
    assert article.language == "fr"
    assert article.warnings == [
        "language 'fr' detected, not one of the setting languages (en); not extracted"
    ]


def test_french_is_accepted_when_configured() -> None:
    settings = Settings().with_overrides(languages=("en", "fr"))
    (article,) = iter_articles([str(FIXTURES / "kharkiv_fr.txt")], settings)
    assert isinstance(article, Article)
    assert article.language == "fr"
    assert article.warnings == []


def test_detect_language_on_english_paragraph() -> None:
    text = "Artillery shells struck a crowded market in Hodeidah on Tuesday, officials said."
    assert detect_language(text) == "en"


def test_short_text_is_not_judged() -> None:
    assert detect_language("Clashes in Khartoum.") is None


def test_short_text_gets_first_configured_language(tmp_path: Path) -> None:
    path = tmp_path / "short.txt"
    path.write_text("Clashes in Khartoum.")
    settings = Settings().with_overrides(languages=("en", "ar"))
    (article,) = iter_articles([str(path)], settings)
    assert isinstance(article, Article)
    assert article.language == "en"
    assert article.warnings == []


def test_language_model_is_not_loaded_at_import() -> None:
    code = (
        "import conflictwire.ingest\n"
        "from conflictwire.ingest.language import _identifier\n"
        "assert _identifier.cache_info().currsize == 0\n"
    )
    src = str(Path(__file__).parents[1] / "src")
    subprocess.run([sys.executable, "-c", code], check=True, env={**os.environ, "PYTHONPATH": src})


BORDER_ALERT = (
    "Polish towns on alert\n"
    "Air raid alerts sounded on Monday in Przemyśl, Rzeszów, Lublin, Chełm, Zamość, Hrubieszów, "
    "Tomaszów Lubelski, Biłgoraj, Jarosław, Przeworsk, Łańcut, Krosno, Sanok, Ustrzyki Dolne, "
    "Lesko, Medyka, Dorohusk, Zosin, Hrebenne and Budomierz after a drone crossed the border.\n"
)
CAUCA_VICTIMS = (
    "Victims of the Cauca massacre named\n"
    "Killed in the attack: Juan Carlos Rodríguez, María José Fernández, José Luis García, "
    "Ana María López, Francisco Javier Martínez, Carmen Rosa Sánchez, Luis Alberto Pérez, "
    "Rosa Elena Gómez, Miguel Ángel Díaz, Laura Isabel Torres, Carlos Andrés Ramírez, "
    "Diana Patricia Vargas, Jorge Enrique Castro, Sandra Milena Rojas.\n"
)


def test_english_list_of_places_is_english(tmp_path: Path) -> None:
    path = tmp_path / "alert.txt"
    path.write_text(BORDER_ALERT, encoding="utf-8")
    (article,) = iter_articles([str(path)], Settings())
    assert isinstance(article, Article)
    assert article.language == "en"
    assert article.warnings == []


def test_english_list_of_names_is_english(tmp_path: Path) -> None:
    path = tmp_path / "cauca.txt"
    path.write_text(CAUCA_VICTIMS, encoding="utf-8")
    (article,) = iter_articles([str(path)], Settings())
    assert isinstance(article, Article)
    assert article.language == "en"
    assert article.warnings == []


def test_bare_list_of_names_falls_back_to_the_configured_language(tmp_path: Path) -> None:
    path = tmp_path / "crossings.txt"
    path.write_text(
        "Border crossings closed\nMedyka, Dorohusk, Zosin, Hrebenne, Budomierz, Korczowa, "
        "Przemyśl, Rzeszów, Chełm, Zamość, Hrubieszów, Tomaszów Lubelski.\n",
        encoding="utf-8",
    )
    (article,) = iter_articles([str(path)], Settings())
    assert isinstance(article, Article)
    assert article.language == "en"
    assert article.warnings == []


def test_polish_article_is_still_polish(tmp_path: Path) -> None:
    path = tmp_path / "alarm.txt"
    path.write_text(
        "Alarm w Przemyślu\nW poniedziałek rano w Przemyślu i w Rzeszowie ogłoszono alarm "
        "przeciwlotniczy, po tym jak dron przeleciał nad granicą. Mieszkańcy zostali poproszeni "
        "o pozostanie w domach.\n",
        encoding="utf-8",
    )
    (article,) = iter_articles([str(path)], Settings())
    assert isinstance(article, Article)
    assert article.language == "pl"
    assert "not extracted" in article.warnings[0]


def test_languages_without_an_iso_639_1_code_never_reach_the_record() -> None:
    # The detector answered "yue" (Cantonese) or "wuu", which broke the schema's two-letter
    # language pattern (found by tests/test_fuzz_ingest.py): a macrolanguage's code is used.
    cantonese = "佢哋喺阿勒頗炮轟咗一間醫院，死咗四個平民，當局話今日仲有更多人受傷。"
    assert detect_language(cantonese * 2) == "zh"
