"""Decoding: a few bad bytes are replaced and counted, NULs dropped, legacy feeds read right,
true binaries refused, garbled text warned about. Every byte string is built here."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest

from conflictwire.ingest import IngestError, iter_articles
from conflictwire.models import Article
from conflictwire.settings import Settings

KHERSON = (
    "Shelling hits Kherson café\n"
    "Russian shelling hit a café on Kherson’s river front on Sunday – the third strike on the "
    "district this week – killing two civilians, the regional governor said.\n"
)
LEGACY_FEEDS = {
    "koi8-r": (
        "Бои за город Бахмут",
        "Бои за город Бахмут продолжаются. Российские войска обстреляли окраины города, "
        "сообщили местные власти. Погибли двое мирных жителей.",
    ),
    "euc-jp": (
        "ウクライナ東部で戦闘",
        "ウクライナ東部の町で激しい戦闘が続いている。地元当局によると、民間人二人が死亡した。",
    ),
    "shift_jis": (
        "ウクライナ東部で戦闘",
        "ウクライナ東部の町で激しい戦闘が続いている。地元当局によると、民間人二人が死亡した。",
    ),
    "tis-620": (
        "การปะทะในรัฐกะเหรี่ยง",
        "เกิดการปะทะกันอย่างรุนแรงในรัฐกะเหรี่ยง ทหารเมียนมาโจมตีหมู่บ้านใกล้ชายแดนไทย มีผู้เสียชีวิตสามคน",
    ),
    "big5": (
        "緬甸軍方空襲克倫邦",
        "緬甸軍方在克倫邦發動空襲，造成三名平民死亡，數百人逃往泰國邊境。",
    ),
}


def read(path: Path) -> list[Article | IngestError]:
    return list(iter_articles([str(path)], Settings()))


def read_one(path: Path) -> Article | IngestError:
    (item,) = read(path)
    return item


def test_utf8_text_with_a_few_bad_bytes_is_read_with_one_warning(tmp_path: Path) -> None:
    path = tmp_path / "kherson.txt"
    path.write_bytes(KHERSON.encode("utf-8").replace(b"Sunday", b"Sun\xffday \xe2\x80"))
    article = read_one(path)
    assert isinstance(article, Article)
    assert "café on Kherson’s river front" in article.text
    assert "Sun\ufffdday \ufffd" in article.text
    assert article.warnings == [
        "2 invalid utf-8 byte sequences replaced with U+FFFD (\ufffd); check the file's encoding"
    ]


def test_ascii_text_with_one_stray_byte_is_utf8_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "bakhmut.txt"
    path.write_bytes(b"Shelling near Bakhmut was reported on Sunday \x9d by regional officials.\n")
    article = read_one(path)
    assert isinstance(article, Article)
    assert "Sunday \ufffd by" in article.text
    assert "1 invalid utf-8 byte sequence replaced" in article.warnings[0]


def test_page_with_nuls_in_an_ad_block_is_read_and_the_nuls_dropped(tmp_path: Path) -> None:
    ad = '<div class="ad" data-slot="' + "\x00" * 22 + '"></div>'
    paragraphs = "".join(
        f"<p>{line}</p>"
        for line in (
            "Artillery shells struck a crowded market in Hodeidah on Tuesday, killing at least "
            "four civilians and wounding nine, local health officials said.",
            "Witnesses said the shells landed minutes apart near the fish stalls as traders "
            "were setting up for the morning, and ambulances took the wounded to hospital.",
        )
    )
    page = f"<html><head><title>Market shelled</title></head><body>{ad}<article>"
    path = tmp_path / "hodeidah.html"
    path.write_bytes(f"{page}{paragraphs}</article></body></html>".encode())
    article = read_one(path)
    assert isinstance(article, Article)
    assert "fish stalls" in article.text and "\x00" not in article.text
    assert article.warnings == ["22 NUL bytes dropped"]


def test_text_with_nuls_is_read_and_the_nuls_dropped(tmp_path: Path) -> None:
    path = tmp_path / "kherson.txt"
    path.write_bytes(KHERSON.encode("utf-8").replace(b" Sunday", b"\x00\x00 Sunday"))
    article = read_one(path)
    assert isinstance(article, Article)
    assert article.text == KHERSON
    assert article.warnings == ["2 NUL bytes dropped"]


def zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("report.txt", KHERSON)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x10\x20\x30" * 300),
        ("photo.html", b"\xff\xd8\xff\xe0\x00\x10JFIF" + b"\x00\x8f\x41" * 300),
        ("report.txt", b"%PDF-1.7\n" + KHERSON.encode("utf-8")),
        ("archive.json", zip_bytes()),
        ("archive.jsonl", zip_bytes()),
        ("archive.csv", zip_bytes()),
        ("feed.xml", b"\x1f\x8b\x08\x00" + bytes(range(256)) * 4),
        ("noise.dispatch", bytes(range(256)) * 8),
    ],
)
def test_true_binaries_are_refused(tmp_path: Path, name: str, data: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    error = read_one(path)
    assert isinstance(error, IngestError)
    assert error.origin == str(path)
    assert "binary file" in error.message


def test_utf16_text_without_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    path = tmp_path / "utf16.txt"
    path.write_bytes(KHERSON.encode("utf-16-le"))
    article = read_one(path)
    assert isinstance(article, Article)
    assert article.text == KHERSON


def test_bad_byte_in_undeclared_html_is_not_read_as_mac_roman(tmp_path: Path) -> None:
    body = (
        "<p>Russian shelling hit a café on Kherson’s river front on Sunday, killing two "
        "civilians, the regional governor said on Telegram.</p>"
        "<p>The café had reopened in May after the city was retaken \xff by Ukrainian forces.</p>"
    )
    path = tmp_path / "kherson.html"
    path.write_bytes(
        f"<html><head><title>Café shelled</title></head><body><article>{body}</article>"
        "</body></html>".encode().replace("\xff".encode(), b"\xff")
    )
    article = read_one(path)
    assert isinstance(article, Article)
    assert "a café on Kherson’s river front" in article.text
    assert "caf√©" not in article.text
    assert "1 invalid utf-8 byte sequence replaced" in article.warnings[0]


def test_declared_legacy_charset_of_an_html_page_is_honoured(tmp_path: Path) -> None:
    text = "Бои за город Бахмут продолжаются, сообщили местные власти. Погибли двое жителей."
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=koi8-r">'
        f"<title>Бахмут</title></head><body><article><p>{text}</p><p>{text}</p></article>"
        "</body></html>"
    )
    path = tmp_path / "bakhmut.htm"
    path.write_bytes(page.encode("koi8-r"))
    article = read_one(path)
    assert isinstance(article, Article)
    assert text in article.text
    assert article.warnings[0].startswith("language 'ru' detected")


def test_bad_byte_in_a_jsonl_record_is_replaced_with_a_warning_on_that_record(
    tmp_path: Path,
) -> None:
    good = json.dumps({"id": "k1", "text": KHERSON}, ensure_ascii=False).encode()
    damaged = good.replace(b'"k1"', b'"k2"').replace(b"Sunday", b"Sun\xfeday")
    path = tmp_path / "wire.jsonl"
    path.write_bytes(good + b"\n" + damaged + b"\n")
    first, second = read(path)
    assert isinstance(first, Article) and isinstance(second, Article)
    assert first.warnings == []
    assert "café on Kherson’s" in second.text and "Sun\ufffdday" in second.text
    assert second.origin == f"{path}:line 2"
    assert "1 invalid utf-8 byte sequence replaced" in second.warnings[0]


def test_bad_byte_in_a_csv_row_is_replaced_with_a_warning_on_that_row(tmp_path: Path) -> None:
    path = tmp_path / "wire.csv"
    path.write_bytes(
        "id,text\nk1,Shelling hit a café in Kherson on Sunday.\n".encode()
        + b"k2,Shelling hit Mykolaiv on Sun\xffday.\n"
    )
    first, second = read(path)
    assert isinstance(first, Article) and isinstance(second, Article)
    assert first.text == "Shelling hit a café in Kherson on Sunday." and first.warnings == []
    assert second.text == "Shelling hit Mykolaiv on Sun\ufffdday."
    assert "1 invalid utf-8 byte sequence replaced" in second.warnings[0]


def rss(title: str, text: str, declaration: str) -> str:
    return (
        f'{declaration}<rss version="2.0"><channel><title>Regional desk</title>'
        f"<item><title>{title}</title><link>https://desk.example/1</link>"
        f"<description>{text}</description></item></channel></rss>"
    )


@pytest.mark.parametrize("declared", [True, False], ids=["declared", "undeclared"])
@pytest.mark.parametrize("encoding", sorted(LEGACY_FEEDS))
def test_legacy_encoded_feed_is_decoded(tmp_path: Path, encoding: str, declared: bool) -> None:
    title, text = LEGACY_FEEDS[encoding]
    declaration = f'<?xml version="1.0" encoding="{encoding}"?>' if declared else ""
    path = tmp_path / "feed.rss"
    path.write_bytes(rss(title, text, declaration).encode(encoding))
    article = read_one(path)
    assert isinstance(article, Article)
    assert article.title == title
    assert article.text == text
    assert not any("garbled" in w or "invalid" in w for w in article.warnings)


def test_charset_of_a_feed_saved_with_its_http_headers_is_honoured(tmp_path: Path) -> None:
    title, text = LEGACY_FEEDS["koi8-r"]
    headers = b"HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml; charset=KOI8-R\r\n\r\n"
    path = tmp_path / "feed.xml"
    path.write_bytes(headers + rss(title, text, "").encode("koi8-r"))
    article = read_one(path)
    assert isinstance(article, Article)
    assert article.text == text


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        (
            "CafÃ© in Kherson hit by shelling â€“ two dead. Residents of the rÃ©gion said "
            "the cafÃ© had reopened in May â€œas a sign of lifeâ€.",
            "'Ã©'",
        ),
        (
            "Caf√© in Kherson hit by shelling ‚Äì two dead. Residents of the r√©gion said "
            "the caf√© had reopened in May ‚Äúas a sign of life‚Äù.",
            "'√©'",
        ),
        (
            "Бои за город Бахмут продолжаются, сообщили местные власти.".encode("koi8-r").decode(
                "cp1252"
            ),
            "letters are Latin-1",
        ),
        ("Shelling \x93hit\x94 the \x93market\x94 in Kherson \x96 two dead.", "C1 control"),
    ],
    ids=["utf8-as-cp1252", "utf8-as-mac-roman", "koi8-as-cp1252", "c1-controls"],
)
def test_text_that_looks_garbled_is_warned_about(tmp_path: Path, text: str, sign: str) -> None:
    path = tmp_path / "wire.jsonl"
    path.write_text(json.dumps({"id": "g1", "text": text}) + "\n", encoding="utf-8")
    article = read_one(path)
    assert isinstance(article, Article)
    assert any(w.startswith("text looks garbled") and sign in w for w in article.warnings)


@pytest.mark.parametrize(
    "text",
    [
        KHERSON,
        "Des combats ont éclaté à Kharkiv dimanche, selon les autorités régionales. Deux civils "
        "ont été tués à l'aube près de la gare, a précisé le gouverneur.",
        "Þjóðvegurinn lokaðist vegna óveðurs í gær, segir lögreglan á Suðurlandi.",
    ],
)
def test_clean_text_is_not_called_garbled(tmp_path: Path, text: str) -> None:
    path = tmp_path / "clean.txt"
    path.write_text(text, encoding="utf-8")
    article = read_one(path)
    assert isinstance(article, Article)
    assert not any("garbled" in w for w in article.warnings)


def test_nuls_in_a_short_json_line_are_dropped_not_called_binary(tmp_path: Path) -> None:
    good = json.dumps({"id": "k1", "text": KHERSON}, ensure_ascii=False).encode()
    short = b'{"id": "k2", "text": "Drone strike on Sumy.\x00\x00\x00\x00"}'
    path = tmp_path / "wire.jsonl"
    path.write_bytes(good + b"\n" + short + b"\n")
    first, second = read(path)
    assert isinstance(first, Article) and isinstance(second, Article)
    assert second.text == "Drone strike on Sumy."
    assert second.warnings == ["4 NUL bytes dropped"]
