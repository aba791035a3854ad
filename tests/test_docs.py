"""The README stays in step with the code: set-up first, every command and setting documented."""

import json
import re
from dataclasses import fields
from pathlib import Path

import pytest

from conflictwire.cli import main
from conflictwire.settings import Settings

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def test_readme_opens_with_the_two_setup_commands():
    head = README.splitlines()[:6]
    assert any(line.startswith("make demo") for line in head)
    assert any(line.startswith("make test") for line in head)


def test_every_command_is_in_the_cli_reference():
    for name, command in main.commands.items():
        assert f"conflictwire {name}" in README, name
        for sub in getattr(command, "commands", {}):
            assert sub in README, f"{name} {sub}"


def test_every_setting_is_documented():
    for field in fields(Settings):
        assert f"`{field.name}`" in README, field.name


@pytest.mark.e2e
def test_readme_example_is_what_extract_prints_today():
    from click.testing import CliRunner

    section = README.split("## A real example", 1)[1]
    command = re.search(r"conflictwire extract (\S+)", section)
    shown = json.loads(re.search(r"```json\n(.*?)```", section, flags=re.S).group(1))
    assert command is not None
    root = Path(__file__).resolve().parents[1]
    result = CliRunner().invoke(
        main, ["extract", str(root / command.group(1)), "--published", "2017-10-22"]
    )
    record = json.loads(result.stdout)
    assert shown == {"places": record["places"][7:9], "events": record["events"][:1]}
