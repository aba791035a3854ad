"""The command line, run in-process with the real model and gazetteer on our own fixtures."""

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from conflictwire import __version__
from conflictwire.cli import main

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
MARIB = str(FIXTURES / "marib_clashes.txt")

pytestmark = pytest.mark.e2e


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def records(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def test_version(runner):
    result = runner.invoke(main, ["--version"])
    assert result.exit_code == 0
    assert __version__ in result.output


def test_every_command_has_help(runner):
    for command in ("extract", "ingest", "export", "gazetteer", "evaluate", "demo"):
        result = runner.invoke(main, [command, "--help"])
        assert result.exit_code == 0, command
        assert "Usage:" in result.output


def test_extract_writes_one_jsonl_record_with_resolved_places(runner):
    result = runner.invoke(main, ["extract", MARIB, "--published", "2024-03-05"])
    assert result.exit_code == 0, result.output
    (record,) = records(result.stdout)
    assert record["schema"] == "conflictwire.article/1"
    assert record["published"] == "2024-03-05"
    marib = [p for p in record["places"] if p["mention"].lower() == "marib"]
    assert marib and all(p["country_code"] == "YE" for p in marib)
    for place in record["places"]:
        assert record["text"][place["start"] : place["end"]] == place["mention"]


def test_extract_reads_stdin(runner):
    text = Path(MARIB).read_text(encoding="utf-8")
    result = runner.invoke(main, ["extract", "-"], input=text)
    assert result.exit_code == 0
    assert len(records(result.stdout)) == 1


def test_bad_input_is_reported_and_the_others_still_come_out(runner, tmp_path):
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "good.txt").write_text(Path(MARIB).read_text(encoding="utf-8"))
    result = runner.invoke(main, ["extract", str(tmp_path)])
    assert result.exit_code == 1
    assert "empty.txt" in result.stderr
    assert len(records(result.stdout)) == 1


def test_missing_input_exits_1_with_its_name(runner, tmp_path):
    result = runner.invoke(main, ["extract", str(tmp_path / "nope.txt")])
    assert result.exit_code == 1
    assert "nope.txt" in result.stderr


def test_bad_published_date_is_a_usage_error(runner):
    result = runner.invoke(main, ["extract", MARIB, "--published", "14/08/2017"])
    assert result.exit_code == 2
    assert "2017-08-14" in result.output


def test_extract_formats_to_files(runner, tmp_path):
    out = tmp_path / "map.geojson"
    result = runner.invoke(main, ["extract", MARIB, "-f", "geojson", "-o", str(out)])
    assert result.exit_code == 0
    collection = json.loads(out.read_text())
    assert collection["type"] == "FeatureCollection"
    assert any(f["properties"]["kind"] == "place" for f in collection["features"])
    result = runner.invoke(main, ["extract", MARIB, "-f", "acled-csv"])
    header = next(csv.reader(io.StringIO(result.stdout)))
    assert header[:3] == ["event_id_cnty", "event_date", "year"]


def test_parquet_to_stdout_is_refused_with_advice(runner):
    result = runner.invoke(main, ["extract", MARIB, "-f", "parquet"])
    assert result.exit_code != 0
    assert result.exit_code == 2
    assert "-o events.parquet" in result.output


def test_ingest_twice_stores_once_then_exports(runner, tmp_path):
    db = str(tmp_path / "cw.db")
    inputs = [str(FIXTURES / "wire.json"), MARIB]
    first = runner.invoke(main, ["ingest", *inputs, "--db", db])
    assert first.exit_code == 0, first.output
    again = runner.invoke(main, ["ingest", *inputs, "--db", db])
    assert "0 stored" in again.stderr
    exported = runner.invoke(main, ["export", "--db", db, "-f", "jsonl"])
    stored = records(exported.stdout)
    assert len(stored) == len({r["id"] for r in stored}) >= 2


def test_export_without_a_database_says_how_to_make_one(runner, tmp_path):
    result = runner.invoke(main, ["export", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 3
    assert "conflictwire ingest" in result.stderr


def test_gazetteer_info_reports_counts(runner):
    result = runner.invoke(main, ["gazetteer", "info"])
    assert result.exit_code == 0
    info = json.loads(result.stdout)
    assert info["places_by_feature"]["populated_place"] > 200_000


def test_evaluate_geo_on_a_small_gold_file(runner, tmp_path):
    text = "Shells hit the city of Homs and the port of Latakia on Monday."
    gold = {
        "id": "g1",
        "text": text,
        "gold": {
            "toponyms": [
                {
                    "start": 23,
                    "end": 27,
                    "name": "Homs",
                    "lat": 34.73,
                    "lon": 36.72,
                    "geonameid": 169577,
                },
                {"start": 44, "end": 51, "name": "Latakia", "lat": 35.52, "lon": 35.79},
                {"start": 0, "end": 6, "name": "Nowhere", "lat": 0.0, "lon": 0.0},
            ]
        },
    }
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(gold) + "\n")
    result = runner.invoke(main, ["evaluate", "geo", str(path), "--json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)
    assert scores["gold_toponyms"] == 3
    assert scores["recall"] == pytest.approx(2 / 3, abs=0.01)
    assert scores["acc_161km"] == 1.0


def test_article_skipped_for_its_language_is_named_on_stderr(runner):
    french = str(FIXTURES / "kharkiv_fr.txt")
    result = runner.invoke(main, ["extract", french])
    assert result.exit_code == 0
    assert f"warning: {french}: language 'fr' detected" in result.stderr
    (record,) = records(result.stdout)
    assert record["language"] == "fr" and record["events"] == []


def test_a_few_bad_bytes_are_replaced_with_a_warning_naming_the_file(runner, tmp_path):
    text = Path(MARIB).read_text(encoding="utf-8").encode("utf-8")
    damaged = tmp_path / "marib.txt"
    damaged.write_bytes(text.replace(b" ", b" \xff", 1).replace(b".", b".\x00", 1))
    result = runner.invoke(main, ["extract", str(damaged)])
    assert result.exit_code == 0
    assert f"warning: {damaged}: 1 invalid utf-8 byte sequence replaced" in result.stderr
    assert f"warning: {damaged}: 1 NUL byte dropped" in result.stderr
    (record,) = records(result.stdout)
    assert "\ufffd" in record["text"] and "\x00" not in record["text"]
    assert any(p["mention"].lower() == "marib" for p in record["places"])
