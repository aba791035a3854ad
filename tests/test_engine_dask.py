"""The Dask engine on a real 2-worker LocalCluster (processes) with the real model and
gazetteer: the same records as a local run, a worker killed mid-run, a bad article alone,
ingest into the store by the driver, shards."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from conflictwire import jobs
from conflictwire.cli import main
from conflictwire.demo import sample_corpus
from conflictwire.engine import Batch
from conflictwire.engine.cluster import DaskRunner
from conflictwire.models import Article
from conflictwire.pipeline import Pipeline
from conflictwire.settings import Settings
from conflictwire.store import Store

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

SETTINGS = Settings()
TASK_SIZE = 8  # the sample corpus's ~120 articles make ~15 tasks


def canonical(articles: list[Article]) -> list[str]:
    """Records as a user compares two runs: JSON lines, order ignored."""
    return sorted(json.dumps(a.to_dict(), sort_keys=True) for a in articles)


@pytest.fixture(scope="module")
def corpus() -> list[str]:
    return list(jobs.input_files([str(sample_corpus())]))


@pytest.fixture(scope="module")
def local_records(corpus: list[str]) -> list[str]:
    report = jobs.RunReport()
    articles = jobs.extract(corpus, SETTINGS, Pipeline(SETTINGS), report, lambda e: None)
    return canonical(list(articles))


@pytest.fixture(scope="module")
def runner():
    runner = DaskRunner(SETTINGS, workers=2, batch_size=TASK_SIZE)
    yield runner
    runner.close()


def _loaded(runner: DaskRunner) -> dict[str, tuple[int, int, int]]:
    """Per worker: how many pipelines it built, and which model and gazetteer objects it has."""
    from conflictwire.engine import batches

    def loaded() -> tuple[int, int, int]:
        resources = batches.worker_pipeline(SETTINGS).resources
        built = batches.worker_pipeline.cache_info().currsize
        return built, id(resources.nlp_model), id(resources.gazetteer_index)

    return runner.client.run(loaded)


def test_two_workers_give_the_records_of_a_local_run(corpus, local_records, runner) -> None:
    before = _loaded(runner)
    assert len(before) == 2 and all(built == 1 for built, _, _ in before.values())
    report = jobs.RunReport()
    results = list(jobs.extract_batches(corpus, SETTINGS, runner, report, lambda e: None))
    assert len(results) > 4 and len({r.worker for r in results}) == 2  # both workers worked
    assert sorted(r.index for r in results) == list(range(len(results)))
    assert canonical([a for r in results for a in r.articles]) == local_records
    assert report.failed == []
    assert _loaded(runner) == before  # the model and gazetteer were loaded once, not per task


def test_a_worker_killed_mid_run_loses_no_record(corpus, local_records, runner) -> None:
    client = runner.client
    pids = client.run(os.getpid)
    killed: list[int] = []
    articles: list[Article] = []
    report = jobs.RunReport()
    for result in jobs.extract_batches(corpus, SETTINGS, runner, report, lambda e: None):
        articles += result.articles
        if not killed:  # after the first batch: kill a worker that is running one
            busy = [w for w, keys in client.processing().items() if keys] or list(pids)
            killed.append(pids[busy[0]])
            os.kill(killed[0], signal.SIGKILL)
    assert killed and killed[0] not in client.run(os.getpid).values()  # it was gone
    assert canonical(articles) == local_records
    assert report.failed == []


def test_a_bad_article_fails_alone_with_a_warning_naming_it(runner) -> None:
    text = "Rebels attacked an army post near Kidal on Monday, killing three soldiers."
    good = [Article(text=text, id=f"ok{i}", published="2019-03-04", language="en") for i in (1, 2)]
    bad = Article(text=text, id="bad", origin="feed.jsonl:line 7", published="yesterday")
    (result,) = runner.run([Batch(0, [good[0], bad, good[1]])])
    assert [a.id for a in result.articles] == ["ok1", "ok2"]
    assert result.articles[0].events  # processed for real
    (error,) = result.failed
    assert error.origin == "feed.jsonl:line 7" and "could not be processed" in error.message


def test_ingest_on_dask_stores_what_a_local_ingest_stores(tmp_path, corpus, runner) -> None:
    files = corpus[:30]

    def ingest(db: Path, dask: bool) -> jobs.RunReport:
        report = jobs.RunReport()
        with Store(db) as store:
            jobs.ingest(
                files,
                SETTINGS,
                Pipeline(SETTINGS),
                store,
                report,
                lambda e: None,
                runner=runner if dask else None,
            )
        return report

    local, dask = ingest(tmp_path / "local.db", False), ingest(tmp_path / "dask.db", True)
    assert dask.stored == local.stored > 20 and dask.failed == local.failed == []
    assert dask.reports_grouped == local.reports_grouped

    def rows(db: Path) -> list[tuple]:
        with sqlite3.connect(db) as conn:
            found = conn.execute("SELECT content_hash, record FROM articles").fetchall()
            events = conn.execute("SELECT count(*) FROM canonical_events").fetchone()
        return sorted(found) + [events]

    assert rows(tmp_path / "dask.db") == rows(tmp_path / "local.db")
    again = ingest(tmp_path / "dask.db", True)  # re-run after a crash: nothing is redone
    assert again.stored == 0 and again.duplicates == dask.articles


def test_extract_writes_parquet_shards_and_a_rerun_skips_them(tmp_path) -> None:
    folder, inputs = tmp_path / "shards", tmp_path / "in"
    inputs.mkdir()
    for page in sorted((sample_corpus() / "txt").glob("*syria*.txt"))[:4]:
        (inputs / page.name).write_bytes(page.read_bytes())
    args = ["extract", str(inputs), "--engine", "dask", "--workers", "1", "--task-size", "1"]
    result = CliRunner().invoke(main, [*args, "-f", "parquet", "--shards", str(folder)])
    assert result.exit_code == 0, result.stderr
    shards = sorted(folder.iterdir())
    assert [p.name for p in shards] == [f"part-00000{i}.parquet" for i in range(4)]
    import pyarrow.parquet as pq

    from conflictwire.export import parquet_schema

    table = pq.read_table(folder)  # the shards read as one table, with one schema
    assert table.schema.equals(parquet_schema()) and table.num_rows >= 4
    shards[0].unlink()
    stamps = {p: p.stat().st_mtime_ns for p in shards[1:]}
    again = CliRunner().invoke(main, [*args, "-f", "parquet", "--shards", str(folder)])
    assert again.exit_code == 0, again.stderr
    assert shards[0].exists()  # the missing batch was run again, the others were not
    assert all(p.stat().st_mtime_ns == stamp for p, stamp in stamps.items())


def test_scheduler_is_for_the_dask_engine() -> None:
    result = CliRunner().invoke(main, ["extract", "x.txt", "--scheduler", "tcp://127.0.0.1:1"])
    assert result.exit_code == 2 and "--engine dask" in result.stderr


def test_workers_without_the_model_stop_the_run_before_reading(tmp_path) -> None:
    args = ["extract", str(tmp_path / "never-read.txt"), "--engine", "dask", "--workers", "1"]
    result = CliRunner().invoke(main, [*args, "--model", "no_such_spacy_model"])
    assert result.exit_code == 3
    assert "no_such_spacy_model" in result.stderr and "never-read" not in result.stderr
