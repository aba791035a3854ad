"""Options every command shares: one --db, --config, -f/-o and date check, one set of exit codes,
and help that loads nothing heavy."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from conflictwire.cli import main
from conflictwire.cli.errors import ExitCode
from conflictwire.store import Store
from dedup_fakes import all_scenarios


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def command_paths(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    paths = []
    for name, command in group.commands.items():
        paths.append((*prefix, name))
        if isinstance(command, click.Group):
            paths += command_paths(command, (*prefix, name))
    return paths


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("store") / "scenarios.db"
    with Store(path) as store:
        store.add_batch(all_scenarios())
    return str(path)


def test_help_loads_neither_pyarrow_nor_numpy():
    top = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "conflictwire", "--help"],
        capture_output=True,
        text=True,
        check=True,
    )
    imported = {line.rsplit("|", 1)[-1].strip() for line in top.stderr.splitlines()}
    assert "click" in imported and not imported & {"pyarrow", "numpy"}
    script = f"""
import sys
from click.testing import CliRunner
from conflictwire.cli import main
heavy = []
for path in [(), *{command_paths(main)!r}]:
    result = CliRunner().invoke(main, [*path, "--help"])
    assert result.exit_code == 0 and "Usage:" in result.output, path
    heavy += [" ".join(path) + ": " + m for m in ("pyarrow", "numpy") if m in sys.modules]
print(heavy)
"""
    every = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert every.returncode == 0, every.stderr
    assert every.stdout.strip() == "[]"


@pytest.mark.parametrize(
    "args",
    [
        ("extract", "x.txt", "--published", "14/08/2017"),
        ("demo", "--published", "14/08/2017"),
        ("events", "--since", "14/08/2017"),
        ("events", "--until", "14/08/2017"),
        ("control", "--date", "14/08/2017"),
    ],
)
def test_every_date_option_says_what_a_date_looks_like(args):
    code, _, err = run(*args)
    option = next(a for a in args if a.startswith("--"))
    assert code == ExitCode.USAGE
    assert f"Invalid value for '{option}': '14/08/2017' is not a date like 2017-08-14" in err


def test_a_date_written_another_iso_way_filters_like_its_yyyy_mm_dd_form(db):
    _, plain, _ = run("events", "--db", db, "-f", "jsonl", "--until", "2016-01-01")
    _, basic, _ = run("events", "--db", db, "-f", "jsonl", "--until", "20160101")
    assert len(plain.splitlines()) == 1 and basic == plain


@pytest.mark.parametrize("command", [("extract", "x.txt"), ("export",), ("events",)])
def test_parquet_to_stdout_is_refused_by_every_command_that_writes_it(command):
    code, _, err = run(*command, "-f", "parquet")
    assert code == ExitCode.USAGE
    assert "parquet is binary: give a file, e.g. -o events.parquet" in err


@pytest.mark.parametrize(
    "command",
    [("events",), ("timeline", "Kidal"), ("control", "--date", "2020-01-01"), ("export",)],
)
def test_every_store_command_says_how_to_make_a_missing_database(command, tmp_path):
    code, _, err = run(*command, "--db", str(tmp_path / "none.db"))
    assert code == ExitCode.RESOURCE
    assert "no database at" in err and "conflictwire ingest INPUT --db" in err


@pytest.mark.parametrize(
    "command", [("events",), ("timeline", "Kidal"), ("control", "--date", "2020-01-01")]
)
def test_a_missing_settings_file_is_a_usage_error(command, db, tmp_path):
    code, _, err = run(*command, "--db", db, "--config", str(tmp_path / "none.toml"))
    assert code == ExitCode.USAGE and "settings file not found" in err


def test_an_output_file_that_cannot_be_written_is_a_resource_error(db, tmp_path):
    missing = str(tmp_path / "no" / "such" / "dir" / "out.json")
    for command in (("events",), ("control", "--date", "2020-01-01", "-f", "json")):
        code, _, err = run(*command, "--db", db, "-o", missing)
        assert code == ExitCode.RESOURCE and "No such file or directory" in err


def test_control_as_json_to_a_file(db, tmp_path):
    out = tmp_path / "control.json"
    code, stdout, _ = run(
        "control", "--date", "2016-06-01", "--db", db, "-f", "json", "-o", str(out)
    )
    assert code == ExitCode.OK and stdout == ""
    places = {p["place"]: p for p in json.loads(out.read_text("utf-8"))}
    assert places["As Sukhnah"]["since"] == "2015-05-15"


def test_exit_codes_are_the_readme_s_and_click_s():
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    line = next(line for line in readme.split("\n\n") if line.startswith("Exit codes:"))
    assert [f"`{code.value}`" in line for code in ExitCode] == [True] * len(ExitCode)
    assert click.UsageError.exit_code == ExitCode.USAGE
