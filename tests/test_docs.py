"""The README stays in step with the code: set-up first, every command and setting documented."""

from dataclasses import fields
from pathlib import Path

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
