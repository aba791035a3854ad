"""Outputs as a user meets them: -o written whole or not at all, never over an input, failed
writes (stdout too) an error, a closed pipe quiet, Ctrl-C 130, progress with a total.

Commands that need the model run with a pass-through pipeline in-process; the store commands
and stdout's own failures run as real processes (/dev/full, a closed pipe).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli_fakes import PassThrough
from conflictwire.cli import main
from conflictwire.cli import process as process_commands
from conflictwire.cli import progress as progress_module
from conflictwire.cli.errors import ExitCode
from conflictwire.export import output as output_module
from conflictwire.store import Store
from dedup_fakes import all_scenarios

SRC = Path(__file__).resolve().parents[1] / "src"
KHARKIV = "Shelling hit Kharkiv on Monday, killing two civilians, the regional governor said."
EL_FASHER = "RSF fighters shelled El Fasher on Sunday; at least nine people were killed."
DJIBO = "Jihadists attacked an army post near Djibo in northern Burkina Faso on Friday."


@pytest.fixture
def no_model(monkeypatch: pytest.MonkeyPatch) -> type[PassThrough]:
    PassThrough.built = 0
    PassThrough.stop_at = None
    monkeypatch.setattr(process_commands, "Pipeline", PassThrough)
    return PassThrough


@pytest.fixture
def wire(tmp_path: Path) -> Path:
    path = tmp_path / "wire.jsonl"
    lines = [
        {"id": "kh1", "text": KHARKIV, "published": "2024-03-04"},
        {"id": "ef1", "text": EL_FASHER, "published": "2024-05-12"},
        {"id": "dj1", "text": DJIBO, "published": "2023-11-24"},
    ]
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("store") / "scenarios.db"
    with Store(path) as store:
        store.add_batch(all_scenarios())
    return path


def run(*args: str | Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, [str(a) for a in args])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception  # a traceback a user would have seen
    return result.exit_code, result.stdout, result.stderr


def cli(*args: str | Path, stdout: object = subprocess.PIPE) -> subprocess.CompletedProcess:
    """The command as a separate process, as a shell runs it."""
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    return subprocess.run(
        [sys.executable, "-m", "conflictwire", *map(str, args)],
        stdout=stdout,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


# -o: whole or nothing


def test_extract_to_a_file_replaces_it_only_when_complete(no_model, wire, tmp_path):
    out = tmp_path / "records.jsonl"
    out.write_text("yesterday's records\n", encoding="utf-8")
    code, stdout, _ = run("extract", wire, "-o", out)
    assert code == ExitCode.OK and stdout == ""
    assert [json.loads(line)["id"] for line in out.read_text().splitlines()] == [
        "kh1",
        "ef1",
        "dj1",
    ]
    assert leftovers(tmp_path) == []


def test_ctrl_c_exits_130_and_leaves_the_earlier_file(no_model, wire, tmp_path):
    out = tmp_path / "records.jsonl"
    out.write_text("yesterday's records\n", encoding="utf-8")
    no_model.stop_at = "dj1"  # two records are written, then Ctrl-C
    code, _, err = run("extract", wire, "-o", out)
    assert code == ExitCode.INTERRUPTED == 130
    assert err.strip() == "error: interrupted"
    assert out.read_text() == "yesterday's records\n"
    assert leftovers(tmp_path) == []


def test_a_write_that_fails_at_the_end_leaves_no_partial_file(
    no_model, wire, tmp_path, monkeypatch
):
    out = tmp_path / "records.jsonl"
    out.write_text("yesterday's records\n", encoding="utf-8")

    def disk_full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(output_module.os, "fsync", disk_full)
    code, _, err = run("extract", wire, "-o", out)
    assert code == ExitCode.RESOURCE
    assert err.strip() == f"error: cannot write {out}: No space left on device"
    assert out.read_text() == "yesterday's records\n"
    assert leftovers(tmp_path) == []


def test_a_device_is_written_in_place_and_its_errors_reported(no_model, wire):
    code, _, err = run("extract", wire, "-o", "/dev/full")
    assert code == ExitCode.RESOURCE
    assert err.strip() == "error: cannot write /dev/full: No space left on device"
    assert Path("/dev/full").is_char_device()  # not replaced by a file
    code, _, _ = run("extract", wire, "-o", os.devnull)
    assert code == ExitCode.OK and Path(os.devnull).is_char_device()


def test_an_output_through_a_symlink_keeps_the_link(no_model, wire, tmp_path):
    real = tmp_path / "real.jsonl"
    real.write_text("old\n")
    link = tmp_path / "latest.jsonl"
    link.symlink_to(real)
    code, _, _ = run("extract", wire, "-o", link)
    assert code == ExitCode.OK
    assert link.is_symlink() and len(real.read_text().splitlines()) == 3


def test_an_existing_files_permissions_are_kept(no_model, wire, tmp_path):
    out = tmp_path / "shared.jsonl"
    out.write_text("old\n")
    out.chmod(0o640)
    assert run("extract", wire, "-o", out)[0] == ExitCode.OK
    assert out.stat().st_mode & 0o777 == 0o640


def test_an_output_folder_is_refused_with_its_name(no_model, wire, tmp_path):
    code, _, err = run("extract", wire, "-o", tmp_path)
    assert code == ExitCode.RESOURCE
    assert err.strip() == f"error: cannot write {tmp_path}: it is a folder; give a file name"


def test_store_output_files_are_written_whole(db, tmp_path):
    for command in (
        ("export", "-f", "parquet"),
        ("events", "-f", "acled-csv"),
        ("control", "--date", "2016-06-01", "-f", "geojson"),
    ):
        out = tmp_path / f"{command[0]}.out"
        code, _, err = run(*command, "--db", db, "-o", out)
        assert code == ExitCode.OK, err
        assert out.stat().st_size > 0
    assert leftovers(tmp_path) == []


# -o naming an input


@pytest.mark.parametrize("how", ["same path", "symlink", "hardlink", "inside an input folder"])
def test_an_output_that_is_an_input_is_refused_before_reading(no_model, wire, tmp_path, how):
    before = wire.read_bytes()
    given = wire if how in ("same path", "inside an input folder") else tmp_path / "other.jsonl"
    if how == "symlink":
        given.symlink_to(wire)
    elif how == "hardlink":
        os.link(wire, given)
    inputs = [tmp_path] if how == "inside an input folder" else [wire]
    code, stdout, err = run("extract", *inputs, "-o", given)
    assert code == ExitCode.USAGE
    assert err.startswith(f"error: -o {given} is one of the inputs (")
    assert len(err.strip().splitlines()) == 1 and stdout == ""
    assert no_model.built == 0  # nothing was read or loaded
    assert wire.read_bytes() == before


@pytest.mark.parametrize(
    "command", [("export",), ("events",), ("control", "--date", "2020-01-01"), ("timeline", "x")]
)
def test_an_output_that_is_the_database_is_refused(command, db):
    before = db.read_bytes()
    code, _, err = run(*command, "--db", db, "-o", db)
    assert code == ExitCode.USAGE
    assert (
        err.strip()
        == f"error: -o {db} is one of the inputs ({db}); write the output to another file"
    )
    assert db.read_bytes() == before


# stdout


@pytest.mark.parametrize(
    "command",
    [("export",), ("events",), ("events", "-f", "jsonl"), ("control", "--date", "2016-06-01")],
)
def test_a_failed_write_to_stdout_exits_3_without_claiming_success(command, db):
    with open("/dev/full", "w") as full:
        done = cli(*command, "--db", db, stdout=full)
    assert done.returncode == ExitCode.RESOURCE
    # the last word is the error (a note on a store not yet grouped may come before it)
    assert done.stderr.endswith("error: cannot write stdout: No space left on device\n")
    assert "written" not in done.stderr


@pytest.mark.parametrize("command", [("export",), ("events", "-f", "jsonl"), ("events",)])
def test_a_closed_pipe_ends_quietly(command, db):
    reader = subprocess.Popen(
        [sys.executable, "-m", "conflictwire", *command, "--db", str(db)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(SRC)},
    )
    assert reader.stdout is not None and reader.stderr is not None
    reader.stdout.close()  # like `| head` that has read enough: before anything is written
    err = reader.stderr.read()
    assert reader.wait() == ExitCode.CLOSED_PIPE == 141
    # no traceback, no "Broken pipe": at most the store's own notes
    assert all(line.startswith(b"note: ") for line in err.splitlines()), err


@pytest.mark.e2e
def test_extract_to_a_full_stdout_fails_with_the_real_pipeline(wire):
    with open("/dev/full", "w") as full:
        done = cli("extract", wire, stdout=full)
    assert done.returncode == ExitCode.RESOURCE
    assert done.stderr.strip().splitlines()[-1] == (
        "error: cannot write stdout: No space left on device"
    )
    assert "Traceback" not in done.stderr


def test_exit_codes_for_interrupts_and_pipes_are_the_shells():
    assert ExitCode.INTERRUPTED == 128 + 2 and ExitCode.CLOSED_PIPE == 128 + 13


# progress


def test_extract_and_ingest_count_files_against_their_total(no_model, wire, tmp_path, monkeypatch):
    monkeypatch.setattr(progress_module, "on_terminal", lambda: True)
    (tmp_path / "kharkiv.txt").write_text(KHARKIV)
    (tmp_path / "djibo.txt").write_text(DJIBO)
    code, _, err = run("extract", tmp_path, "--published", "2024-03-04", "-o", tmp_path / "o.x")
    assert code == ExitCode.OK
    assert "extract:" in err and "0/3 [" in err and "file" in err
    code, _, err = run("ingest", tmp_path, "--db", tmp_path / "cw.db")
    assert code == ExitCode.OK
    assert "ingest:" in err and "0/3 [" in err


def test_the_progress_line_shows_files_of_the_total_and_articles(monkeypatch):
    monkeypatch.setattr(progress_module, "on_terminal", lambda: True)
    failed = [1]
    with progress_module.Progress(
        "extract", total=3, unit="file", noun="articles", failures=lambda: len(failed)
    ) as bar:
        for _ in bar.count(["kh1", "ef1", "dj1", "k", "d"]):
            pass
        for _ in range(3):
            bar.step()
        line = str(bar)
    assert line.startswith("extract: 100%") and "3/3 [" in line and "articles: 5, " in line
    assert re.search(r"articles: 5, [0-9.]+/s, failed: 1\]", line), line


def test_off_a_terminal_a_line_is_logged_every_few_seconds(monkeypatch, capsys):
    monkeypatch.setattr(progress_module, "on_terminal", lambda: False)
    monkeypatch.setattr(progress_module, "LOG_SECONDS", 0.0)
    with progress_module.Progress("ingest", total=2, unit="file", noun="articles") as bar:
        bar.count_one()
        bar.step()
    err = capsys.readouterr().err
    assert re.search(r"^ingest: 1/2 files, articles: 1, [0-9.]+/s \[\d+ s\]$", err, re.M), err


def test_off_a_terminal_one_big_file_counts_no_file_done_until_it_is_read(monkeypatch, capsys):
    monkeypatch.setattr(progress_module, "on_terminal", lambda: False)
    monkeypatch.setattr(progress_module, "LOG_SECONDS", 0.0)
    with progress_module.Progress("extract", total=1, unit="file", noun="articles") as bar:
        for _ in range(4):  # four records of one JSONL file, the file not read to its end
            bar.count_one()
        first = capsys.readouterr().err.splitlines()
        bar.step()
    assert first and all(line.startswith("extract: 0/1 files, articles: ") for line in first)
    last = capsys.readouterr().err.splitlines()[-1]
    assert last.startswith("extract: 1/1 files, articles: 4, "), last


def test_off_a_terminal_a_long_run_ends_on_its_totals(monkeypatch, capsys):
    monkeypatch.setattr(progress_module, "on_terminal", lambda: False)
    monkeypatch.setattr(progress_module, "LOG_SECONDS", 0.0)
    with progress_module.Progress("extract", total=3, unit="file", noun="articles") as bar:
        bar.step()  # a line is logged here; two more files and 7 articles follow
        monkeypatch.setattr(progress_module, "LOG_SECONDS", 3600.0)
        for _ in range(7):
            bar.count_one()
        bar.step()
        bar.step()
    last = capsys.readouterr().err.splitlines()[-1]
    assert re.fullmatch(r"extract: 3/3 files, articles: 7, [0-9.]+/s \[\d+ s\]", last), last


def test_no_progress_when_stderr_is_not_a_terminal(no_model, wire, tmp_path):
    code, _, err = run("extract", wire, "-o", tmp_path / "o.jsonl")
    assert code == ExitCode.OK and err == ""
