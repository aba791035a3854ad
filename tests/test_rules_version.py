"""Every record states the rules that made it: the package version and a hash of the rule and
dictionary files, which changes when one of them (or the user's actors file) does."""

from __future__ import annotations

import json
import re
import shutil
from importlib import resources
from pathlib import Path

import pytest
from click.testing import CliRunner

from conflictwire import __version__
from conflictwire.cli import main
from conflictwire.models import Article
from conflictwire.pipeline import Pipeline
from conflictwire.rules_version import rules_digest, rules_version
from conflictwire.settings import Settings

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
VERSION = re.compile(r"^conflictwire \S+[+.]rules\.[0-9a-f]{8}$")
ACTORS = """\
actors:
  - name: Free Harbour Brigade
    type: Political militia
    country: YE
    aliases: [Harbour Brigade]
"""


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A copy of the packaged data folder, to edit."""
    packaged = Path(str(resources.files("conflictwire").joinpath("data")))
    return Path(shutil.copytree(packaged, tmp_path / "data"))


def records(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def test_the_version_names_the_package_version_and_a_short_hash():
    version = rules_version()
    assert VERSION.match(version), version
    assert version.startswith(f"conflictwire {__version__}")


def test_changing_a_rule_file_changes_the_hash(data: Path):
    before = rules_digest(data)
    triggers = data / "events" / "triggers.yaml"
    triggers.write_bytes(triggers.read_bytes() + b"\n")
    assert rules_digest(data) != before


def test_renaming_a_dictionary_file_changes_the_hash(data: Path):
    before = rules_digest(data)
    (data / "actors" / "europe.yaml").rename(data / "actors" / "europe2.yaml")
    assert rules_digest(data) != before


def test_the_sample_corpus_and_the_record_schema_are_not_rules(data: Path):
    before = rules_digest(data)
    (data / "sample_corpus" / "extra.txt").write_text("Shelling hit Homs.", encoding="utf-8")
    (data / "article.schema.json").write_text("{}", encoding="utf-8")
    assert rules_digest(data) == before


def test_an_actors_file_changes_the_version(tmp_path: Path):
    one, two = tmp_path / "one.yaml", tmp_path / "two.yaml"
    one.write_text(ACTORS, encoding="utf-8")
    two.write_text(ACTORS.replace("Political militia", "Identity militia"), encoding="utf-8")
    versions = {rules_version(), rules_version(str(one)), rules_version(str(two))}
    assert len(versions) == 3
    assert all(VERSION.match(v) for v in versions)


def test_every_article_a_pipeline_yields_states_the_rules_even_unextracted():
    out = list(Pipeline(Settings(), stages=[]).run([Article(text="x", language="fr")]))
    assert out[0].rules == rules_version()


@pytest.mark.e2e
def test_extract_states_the_rules_on_every_record_other_languages_included():
    inputs = [str(FIXTURES / "marib_clashes.txt"), str(FIXTURES / "kharkiv_fr.txt")]
    result = CliRunner().invoke(main, ["extract", *inputs])
    assert result.exit_code == 0, result.output
    english, french = records(result.stdout)
    assert english["places"] and french["language"] == "fr" and french["places"] == []
    assert english["rules"] == french["rules"] == rules_version()


@pytest.mark.e2e
def test_ingest_then_export_keeps_the_rules(tmp_path: Path):
    runner = CliRunner()
    marib = str(FIXTURES / "marib_clashes.txt")
    extracted = records(runner.invoke(main, ["extract", marib]).stdout)
    db = str(tmp_path / "cw.db")
    assert runner.invoke(main, ["ingest", marib, "--db", db]).exit_code == 0
    exported = records(runner.invoke(main, ["export", "--db", db, "-f", "jsonl"]).stdout)
    assert [r["rules"] for r in exported] == [r["rules"] for r in extracted] == [rules_version()]


@pytest.mark.e2e
def test_a_run_with_an_actors_file_says_so(tmp_path: Path):
    actors = tmp_path / "actors.yaml"
    actors.write_text(ACTORS, encoding="utf-8")
    marib = str(FIXTURES / "marib_clashes.txt")
    plain = records(CliRunner().invoke(main, ["extract", marib]).stdout)
    config = tmp_path / "conflictwire.toml"
    config.write_text(f'actors_file = "{actors.as_posix()}"\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", marib, "--config", str(config)])
    assert result.exit_code == 0, result.output
    (own,) = records(result.stdout)
    assert own["rules"] != plain[0]["rules"]
    assert own["rules"] == rules_version(str(actors))
