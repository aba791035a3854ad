"""The README stays in step with the code: set-up first, every command and setting documented."""

import json
import re
from dataclasses import fields
from pathlib import Path

import click
import pytest

from conflictwire.cli import main
from conflictwire.ontology import ontology
from conflictwire.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_opens_with_the_two_setup_commands():
    head = README.splitlines()[:6]
    assert any(line.startswith("make demo") for line in head)
    assert any(line.startswith("make test") for line in head)


def command_rows() -> dict[str, str]:
    """The rows of the README's command table: the command's words after ``conflictwire``
    ("extract", "gazetteer build") -> the usage it shows (``\\|`` unescaped)."""
    section = README.split("## Command line", 1)[1].split("\n## ", 1)[0]
    rows = {}
    for line in section.splitlines():
        cells = re.split(r"(?<!\\)\|", line)
        found = re.fullmatch(r"\s*`conflictwire ([^`]+)`\s*", cells[1]) if len(cells) > 2 else None
        if found:
            usage = found.group(1).replace("\\|", "|")
            words = usage.split()
            group = main.commands.get(words[0])
            name = " ".join(words[:2]) if isinstance(group, click.Group) else words[0]
            assert name not in rows, f"two rows for conflictwire {name}"
            rows[name] = usage
    return rows


def commands(group: click.Group = main, prefix: str = "") -> dict[str, click.Command]:
    """Every command that runs (not a group) by its words: "extract", "evaluate geo"."""
    found: dict[str, click.Command] = {}
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            found.update(commands(command, f"{prefix}{name} "))
        else:
            found[f"{prefix}{name}"] = command
    return found


def test_every_command_is_in_the_cli_reference():
    rows = command_rows()
    for name in main.commands:
        assert f"conflictwire {name}" in README, name
    for name in commands():
        assert name in rows, f"no row for `conflictwire {name} ...` in the README's command table"


def test_each_row_of_the_cli_reference_shows_options_its_command_has():
    known = commands()
    for name, usage in command_rows().items():
        command = main if name == "--version" else known.get(name)
        assert command is not None, f"the README shows `conflictwire {name}`, which does not exist"
        params = [
            p for p in command.get_params(click.Context(command)) if isinstance(p, click.Option)
        ]
        options = {o: p for p in params for o in [*p.opts, *p.secondary_opts]}
        for option in re.findall(r"(?<![\w-])--?[A-Za-z][\w-]*", usage):
            assert option in options, f"`conflictwire {name}` has no {option}"
        for option, shown in re.findall(r"(?<![\w-])(--?[A-Za-z][\w-]*) ([a-z][\w|-]*)", usage):
            choices = getattr(options[option].type, "choices", None)
            if choices is not None:
                missing = {c for c in shown.split("|") if c.islower()} - set(choices)
                assert not missing, f"`conflictwire {name} {option}` has no {missing}"


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


def test_dedup_doc_lists_the_ontologys_compatible_sub_types_and_territory_changes():
    doc = (ROOT / "docs" / "dedup.md").read_text(encoding="utf-8")
    row = next(line for line in doc.splitlines() if line.startswith("| same `event_type`"))
    shown = {frozenset(t.strip() for t in s.split(",")) for s in re.findall(r"\{([^}]*)\}", row)}
    assert shown == set(ontology().compatible)
    listed = re.search(r"a territory sub-type \(([^:]*):", " ".join(doc.split()))
    assert listed is not None
    territory = {t.strip() for t in listed.group(1).split(",")}
    assert territory == ontology().group("territory_changes")


ROOT = Path(__file__).resolve().parents[1]


def _layout_modules() -> set[str]:
    """The modules docs/ARCHITECTURE.md's layout lists: ``  x.py`` at the top level, ``  pkg/``
    then ``    y.py`` inside a package."""
    text = (ROOT / "docs" / "ARCHITECTURE.md").read_text(encoding="utf-8")
    block = text.split("## Layout (as built)", 1)[1].split("```")[1]
    found: set[str] = set()
    package = None
    for line in block.splitlines():
        top = re.match(r"^  (\w+\.py)\s", line)
        opened = re.match(r"^  (\w+)/\s", line)
        inner = re.match(r"^    (\w+\.py)\s", line)
        if top:
            found.add(top.group(1))
            package = None
        elif opened:
            package = opened.group(1)
        elif inner:
            assert package is not None, line
            found.add(f"{package}/{inner.group(1)}")
    return found


def test_the_architecture_layout_lists_every_module_and_nothing_else():
    source = ROOT / "src" / "conflictwire"
    modules = {
        p.relative_to(source).as_posix()
        for p in source.rglob("*.py")
        if p.name != "__init__.py" and "data" not in p.relative_to(source).parts
    }
    listed = _layout_modules()
    assert sorted(modules - listed) == [], "modules missing from docs/ARCHITECTURE.md"
    assert sorted(listed - modules) == [], "docs/ARCHITECTURE.md lists modules that do not exist"
