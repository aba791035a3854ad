"""Ingest jobs: batches, skipping stored texts, resuming after an interruption, an article that
fails leaving the others."""

from dataclasses import replace

import pytest

from conflictwire import jobs
from conflictwire.models import Article
from conflictwire.pipeline import Pipeline, Stage
from conflictwire.settings import Settings
from conflictwire.store import Store


class Interrupted(Exception):
    pass


class CountingPipeline:
    """Passes articles through; can be told to fail on a given article title."""

    def __init__(self, fail_on: str | None = None) -> None:
        self.seen: list[str] = []
        self.fail_on = fail_on

    def run(self, articles, on_failure=None):
        for article in articles:
            if self.fail_on is not None and article.title == self.fail_on:
                raise Interrupted("power cut")
            self.seen.append(article.title)
            yield article


@pytest.fixture
def inputs(tmp_path):
    lines = []
    for i in range(5):
        lines.append(
            f'{{"id": "r{i}", "title": "report {i}", "text": "Shelling hit Kharkiv, report {i}."}}'
        )
    path = tmp_path / "wire.jsonl"
    path.write_text("\n".join(lines) + "\n")
    return [str(path)]


def run(inputs, store, pipeline):
    report = jobs.RunReport()
    errors = []
    jobs.ingest(inputs, Settings(), pipeline, store, report, errors.append)
    return report


def test_interrupted_ingest_resumes_without_losing_or_doubling(inputs, tmp_path, monkeypatch):
    monkeypatch.setattr(jobs, "INGEST_BATCH", 2)
    db = tmp_path / "cw.db"
    with Store(db) as store, pytest.raises(Interrupted):
        run(inputs, store, CountingPipeline(fail_on="report 3"))
    with Store(db) as store:
        assert store.counts()["articles"] == 2  # the first batch landed, the second did not
        pipeline = CountingPipeline()
        report = run(inputs, store, pipeline)
        assert pipeline.seen == ["report 2", "report 3", "report 4"]  # stored ones skipped
        assert report.stored == 3 and report.duplicates == 2
        assert store.counts()["articles"] == 5


def test_same_text_twice_in_one_run_is_stored_once(tmp_path):
    path = tmp_path / "dup.jsonl"
    path.write_text('{"text": "Clashes in Sake."}\n{"id": "other", "text": "Clashes in Sake."}\n')
    with Store(tmp_path / "cw.db") as store:
        report = run([str(path)], store, CountingPipeline())
        assert (report.stored, report.duplicates) == (1, 1)


def test_unreadable_input_is_reported_and_the_rest_stored(inputs, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    with Store(tmp_path / "cw.db") as store:
        report = run([*inputs, str(empty)], store, CountingPipeline())
        assert report.stored == 5
        assert [e.origin for e in report.failed] == [str(empty)]
        assert not report.ok


def test_warnings_of_readable_articles_are_shown_but_not_failures(tmp_path):
    french = tmp_path / "kharkiv.txt"
    french.write_text(
        "Des frappes ont visé Kharkiv dans la nuit de dimanche à lundi, selon les autorités "
        "régionales, qui font état de deux blessés et de dégâts importants.\n",
        encoding="utf-8",
    )
    report = jobs.RunReport()
    shown = []
    articles = list(jobs.read_articles([str(french)], Settings(), report, shown.append))
    assert len(articles) == 1 and report.ok
    assert [(e.origin, e.message) for e in shown] == [
        (
            str(french),
            "language 'fr' detected, not one of the setting languages (en); not extracted",
        )
    ]


def failing_pipeline(bad: str) -> Pipeline:
    """A real pipeline of one stage that fails on the article titled ``bad``."""

    def tag(article, **_):
        if article.title == bad:
            raise ValueError(f"cannot read {bad}\nmore detail")
        return replace(article, warnings=["tagged"])

    stage = Stage("tag", tag, requires=("text",), assigns=("warnings",))
    return Pipeline(Settings(), stages=[stage])


def test_an_article_that_fails_is_reported_and_the_others_extracted(inputs):
    report = jobs.RunReport()
    errors = []
    pipeline = failing_pipeline("report 2")
    out = list(jobs.extract(inputs, Settings(), pipeline, report, errors.append))
    assert [a.title for a in out] == ["report 0", "report 1", "report 3", "report 4"]
    assert all(a.warnings == ["tagged"] for a in out)
    (error,) = errors
    assert error.origin == f"{inputs[0]}:line 3"  # the record, as an unreadable one is named
    assert "ValueError: cannot read report 2" in error.message
    assert "more detail" not in error.message  # one line
    assert report.failed == [error] and not report.ok


def test_an_article_that_fails_is_not_stored_and_the_others_are(inputs, tmp_path):
    with Store(tmp_path / "cw.db") as store:
        report = run(inputs, store, failing_pipeline("report 2"))
        assert report.stored == 4
        assert len(report.failed) == 1 and "report 2" in report.failed[0].message
        assert store.counts()["articles"] == 4
        # once fixed, the article is not "already stored": a second run stores it
        again = run(inputs, store, failing_pipeline("none"))
        assert (again.stored, again.duplicates) == (1, 4)


def test_without_a_handler_the_pipeline_raises():
    with pytest.raises(ValueError, match="cannot read x"):
        list(failing_pipeline("x").run([Article(text="Clashes in Sake.", title="x")]))
