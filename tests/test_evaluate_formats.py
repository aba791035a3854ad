"""Which gold format ``evaluate events`` reads, told by the first record's keys, and the error
that names the keys of a file it cannot read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from conflictwire.cli import main
from conflictwire.evaluate.formats import GoldFormatError, gold_format, require_texts

ACLED_GOLD = {
    "event_type": "Battles",
    "sub_event_type": "Armed clash",
    "actor1": "Military Forces of Syria (2000-)",
    "admin1": "Idlib",
    "latitude": 35.9,
    "longitude": 36.6,
    "event_date": "2022-06-02",
    "fatalities": 3,
}


def write(tmp_path: Path, *records: dict, name: str = "gold.jsonl") -> Path:
    path = tmp_path / name
    path.write_text("\n" + "\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    return path


def note(gold: dict) -> dict:
    return {"id": "1", "text": "Troops clashed with rebels.", "gold": gold}


@pytest.mark.parametrize(
    ("record", "expected"),
    [
        (note(ACLED_GOLD), "acled"),
        (note({"event_type": "Protests", "sub_event_type": "Peaceful protest"}), "case"),
        (note({"admin1": "idlib", "credible": False}), "fakes"),
        ({"origin": "txt/clash.txt", "entry": 0, "events": []}, "corpus"),
    ],
)
def test_each_format_is_told_by_its_first_records_keys(tmp_path, record, expected):
    other = note({"toponyms": []})  # later lines do not decide
    assert gold_format(write(tmp_path, record, other)) == expected


@pytest.mark.parametrize(
    "record",
    [
        note({"toponyms": [{"start": 0, "end": 4, "name": "Homs"}]}),
        note({"event_type": "Battles"}),  # a type without its sub-type
        note({"admin1": "idlib", "credible": True, "event_type": "Battles"}),
        {"id": "1", "gold": {"event_type": "Battles", "sub_event_type": "Armed clash"}},  # no text
    ],
)
def test_a_file_no_format_fits_is_an_error_naming_its_keys(tmp_path, record):
    with pytest.raises(GoldFormatError) as error:
        gold_format(write(tmp_path, record))
    message = str(error.value)
    assert f"gold keys {sorted(record['gold'])}" in message
    assert f"record keys {sorted(record)}" in message
    assert "--expect-none" in message


def test_an_empty_or_broken_file_is_an_error(tmp_path):
    with pytest.raises(GoldFormatError, match="no gold records"):
        gold_format(write(tmp_path))
    broken = tmp_path / "broken.jsonl"
    broken.write_text('\n{"id": 1, "text": \n', encoding="utf-8")
    with pytest.raises(GoldFormatError, match="broken.jsonl:2: not JSON"):
        gold_format(broken)


def test_expect_none_needs_texts_only(tmp_path):
    require_texts(write(tmp_path, note({"toponyms": []})))
    corpus = write(tmp_path, {"origin": "txt/a.txt", "events": []})
    with pytest.raises(GoldFormatError, match="no text"):
        require_texts(corpus)


def test_the_command_reports_an_unknown_format_as_a_usage_error(tmp_path):
    path = write(tmp_path, note({"quotes": []}))
    result = CliRunner().invoke(main, ["evaluate", "events", str(path)])
    assert result.exit_code == 2
    assert "gold keys ['quotes']" in result.output
    assert "Traceback" not in result.output


def test_the_commands_help_lists_the_formats():
    result = CliRunner().invoke(main, ["evaluate", "events", "--help"])
    assert result.exit_code == 0
    for name in ("acled", "case", "fakes", "corpus", "--expect-none"):
        assert name in result.output
