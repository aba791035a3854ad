"""Bad options and settings: a message naming the value and exit 2, never a traceback; dates
stored the schema's way; `gazetteer import` of what is not a GeoNames dump: exit 3 naming the
file, nothing imported; the size message states the file's size and the limit."""

from __future__ import annotations

import json
import re
import sqlite3
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli_fakes import PassThrough
from conflictwire.cli import main
from conflictwire.cli import process as process_commands
from conflictwire.cli.errors import ExitCode
from conflictwire.gazetteer import Gazetteer, SourcePaths, build_index
from conflictwire.settings import Settings, SettingsError
from schema_check import load_schema

KHARKIV = "Shelling hit Kharkiv on Monday, killing two civilians, the regional governor said."
GAZETTEER_FIXTURES = Path(__file__).parent / "fixtures" / "gazetteer"


def run(*args: str | Path, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, [str(a) for a in args], env=env)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception  # a traceback a user would have seen
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def no_model(monkeypatch: pytest.MonkeyPatch) -> type[PassThrough]:
    PassThrough.built = 0
    monkeypatch.setattr(process_commands, "Pipeline", PassThrough)
    return PassThrough


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "kharkiv.txt"
    path.write_text(KHARKIV, encoding="utf-8")
    return path


# options


@pytest.mark.parametrize(
    ("option", "value", "says"),
    [
        ("--n-process", "0", "Invalid value for '--n-process': 0 is not in the range x>=1"),
        ("--n-process", "-2", "Invalid value for '--n-process': -2 is not in the range x>=1"),
        (
            "--published",
            "9999-12-31",
            "Invalid value for '--published': '9999-12-31' is not a plausible publication date; "
            "give one from 1800-01-01 to 2199-12-31",
        ),
        ("--published", "2017-02-30", "'2017-02-30' is not a date like 2017-08-14"),
    ],
)
def test_a_bad_option_is_a_usage_error(no_model, article, option, value, says):
    code, stdout, err = run("extract", article, option, value)
    assert code == ExitCode.USAGE
    assert says in err and stdout == ""
    assert no_model.built == 0


@pytest.mark.parametrize("written", ["20170814", "2017-W33-1", "2017W331", "2017-08-14"])
def test_published_written_any_iso_way_is_stored_as_yyyy_mm_dd(no_model, article, written):
    code, stdout, _ = run("extract", article, "--published", written)
    assert code == ExitCode.OK
    (record,) = map(json.loads, stdout.splitlines())
    assert record["published"] == "2017-08-14"
    assert re.fullmatch(load_schema()["properties"]["published"]["pattern"], record["published"])


def test_published_from_the_settings_file_is_stored_as_yyyy_mm_dd(no_model, article, tmp_path):
    config = tmp_path / "cw.toml"
    config.write_text('published = "2017-W33-1"\n')
    code, stdout, _ = run("extract", article, "--config", config)
    assert code == ExitCode.OK
    assert json.loads(stdout)["published"] == "2017-08-14"


# settings files and the environment


@pytest.mark.parametrize(
    ("toml", "says"),
    [
        ("batch_size = 0", "setting 'batch_size' must be at least 1, not 0 (in {config})"),
        ("n_process = -1", "setting 'n_process' must be at least 1, not -1 (in {config})"),
        ("max_text_bytes = 0", "setting 'max_text_bytes' must be at least 1, not 0 (in {config})"),
        ("dedup_km_place = -5.0", "setting 'dedup_km_place' must not be negative: -5.0 (in "),
        ("batch_size = [16]", "setting 'batch_size' in {config}: expected a whole number, found"),
        ("batch_size = true", "setting 'batch_size' in {config}: expected a whole number, found"),
        ("batch_size = 1.5", "setting 'batch_size' in {config}: expected a whole number, found"),
        ('batch_size = "many"', "setting 'batch_size' in {config}: expected a whole number"),
        ('dedup_km_near = "nan"', "setting 'dedup_km_near' in {config}: expected a number"),
        # A whole number past the largest float raised OverflowError (found by the fuzz suite).
        ("dedup_km_near = 1" + "0" * 400, "setting 'dedup_km_near' in {config}: expected a"),
        ("spacy_model = 3", "setting 'spacy_model' in {config}: expected text, found 3"),
        ('published = "9999-12-31"', "setting 'published': '9999-12-31' is not a plausible"),
        ('published = "yesterday"', "setting 'published': 'yesterday' is not a date like"),
        ("conflictwire = 5", "settings file {config}: [conflictwire] must be a table"),
        ("batch_size = ", "cannot read settings file {config}: "),
        ("batchsize = 4", "unknown setting 'batchsize' in {config}"),
    ],
)
def test_a_bad_settings_file_is_one_line_and_exit_2(no_model, article, tmp_path, toml, says):
    config = tmp_path / "cw.toml"
    config.write_text(toml + "\n")
    code, stdout, err = run("extract", article, "--config", config)
    assert code == ExitCode.USAGE
    assert err.startswith("error: " + says.format(config=config))
    assert len(err.splitlines()) == 1 and stdout == ""
    assert no_model.built == 0


def test_a_settings_file_that_is_not_text_is_named(no_model, article, tmp_path):
    config = tmp_path / "cw.toml"
    config.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    code, _, err = run("extract", article, "--config", config)
    assert code == ExitCode.USAGE
    assert err.startswith(f"error: cannot read settings file {config}: ")


@pytest.mark.parametrize(
    ("name", "value"),
    [("N_PROCESS", "0"), ("BATCH_SIZE", "-4"), ("BATCH_SIZE", "lots"), ("PUBLISHED", "20171340")],
)
def test_a_bad_environment_variable_is_exit_2(no_model, article, name, value):
    code, _, err = run("extract", article, env={f"CONFLICTWIRE_{name}": value})
    assert code == ExitCode.USAGE
    assert err.startswith(f"error: setting '{name.lower()}'") and "environment" in err


def test_commands_without_processing_options_check_settings_too(tmp_path):
    code, _, err = run("export", env={"CONFLICTWIRE_BATCH_SIZE": "0"})
    assert code == ExitCode.USAGE and "batch_size" in err
    code, _, err = run("gazetteer", "info", env={"CONFLICTWIRE_N_PROCESS": "x"})
    assert code == ExitCode.USAGE and "n_process" in err


def test_settings_normalise_and_check_their_values():
    assert Settings(published="20170814").published == "2017-08-14"
    assert Settings().with_overrides(published="2017-W33-1").published == "2017-08-14"
    with pytest.raises(SettingsError, match="batch_size"):
        Settings(batch_size=0)
    with pytest.raises(SettingsError, match="not a plausible publication date"):
        Settings(published="0001-01-01")


# gazetteer import


@pytest.fixture
def index(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A small built index the command uses (the real one is never touched)."""
    path = build_index(
        tmp_path / "gaz.sqlite", sources=SourcePaths.in_directory(GAZETTEER_FIXTURES)
    )
    monkeypatch.setenv("CONFLICTWIRE_GAZETTEER_PATH", str(path))
    # Built from test sources, the index is "stale" against the installed ones: keep it.
    monkeypatch.setattr(Gazetteer, "open", classmethod(lambda cls, path=None, **_: None))
    return path


def _places(index: Path) -> int:
    with sqlite3.connect(index) as conn:
        return conn.execute("SELECT count(*) FROM places").fetchone()[0]


def _bad_zip(path: Path) -> None:
    path.write_text("PK but not really a zip\n")


def _zip_without_a_dump(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("notes.md", "nothing here")


def _zip_of_binary(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(f"{path.stem}.txt", bytes(range(256)) * 4)


@pytest.mark.parametrize(
    ("name", "make", "says"),
    [
        (
            "article.txt",
            lambda p: p.write_text("Shelling hit Kharkiv on Monday.\nTwo were killed.\n"),
            "line 1: expected 19 tab-separated columns, found 1",
        ),
        ("photo.txt", lambda p: p.write_bytes(bytes(range(256)) * 8), "not UTF-8 text"),
        ("SY.zip", _bad_zip, "not a readable zip file"),
        ("SY.zip", _zip_without_a_dump, "expected SY.txt inside the zip"),
        ("SY.zip", _zip_of_binary, "not UTF-8 text"),
        (
            "five.txt",
            lambda p: p.write_text("1\tAleppo\tAleppo\t\t36.2\n"),
            "line 1: expected 19 tab-separated columns, found 5",
        ),
        (
            "shifted.txt",
            lambda p: p.write_text("\t".join(["x"] * 19) + "\n"),
            "line 1: invalid literal for int()",
        ),
        ("empty.txt", lambda p: p.write_text(""), "no rows"),
    ],
)
def test_gazetteer_import_of_a_file_that_is_not_a_dump(index, tmp_path, name, make, says):
    before = _places(index)
    dump = tmp_path / name
    make(dump)
    code, _, err = run("gazetteer", "import", dump)
    assert code == ExitCode.RESOURCE
    assert err.startswith(f"error: {dump}") and says in err
    assert "GeoNames dump" in err and len(err.splitlines()) == 1
    assert _places(index) == before


def test_gazetteer_import_of_a_real_dump_still_works(index):
    code, _, err = run("gazetteer", "import", GAZETTEER_FIXTURES / "SY_sample.txt")
    assert code == ExitCode.OK, err
    assert err.startswith("4 places imported from")


# the size message


def test_the_size_message_states_the_files_size_and_the_limit(no_model, tmp_path):
    big = tmp_path / "long.txt"
    big.write_text(KHARKIV * 200, encoding="utf-8")  # 16,800 bytes
    code, _, err = run("extract", big, env={"CONFLICTWIRE_MAX_TEXT_BYTES": "1000"})
    assert code == ExitCode.INPUT_FAILED
    assert (
        f"warning: {big}: the file is {big.stat().st_size:,} bytes, over the limit of 4,004 bytes "
        "(4 × max_text_bytes 1,000 + 4); raise the setting max_text_bytes"
    ) in err
