"""One export package for every record kind: canonical events and control timelines go through
the same format dispatch, ACLED row builder and Parquet writer as articles."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from conflictwire.control import build_timelines, control_on
from conflictwire.dedup import Thresholds, group_store
from conflictwire.dedup.tables import iter_canonical
from conflictwire.export import (
    ACLED_COLUMNS,
    CONTROL_FORMATS,
    FORMATS,
    TIMELINE_FORMATS,
    parquet_schema,
    write,
    write_canonical,
    write_control,
    write_timelines,
)
from conflictwire.store import Store
from dedup_fakes import el_fasher_shelling, sukhnah_history


@pytest.fixture(scope="module")
def fasher() -> list[dict[str, Any]]:
    """One canonical event: three outlets' reports of the El Fasher shelling."""
    store = Store.memory()
    store.add_batch(el_fasher_shelling())
    group_store(store.conn)
    return list(iter_canonical(store.conn))


def acled_rows(write_rows: Any) -> list[dict[str, str]]:
    out = io.StringIO()
    write_rows(out)
    return list(csv.DictReader(io.StringIO(out.getvalue())))


def test_a_canonical_event_row_has_every_outlet_the_lowest_toll_and_the_seed_sentence(fasher):
    (row,) = acled_rows(lambda out: write_canonical(fasher, "acled-csv", out, timestamp=7))
    (record,) = fasher
    assert row["source"] == "Dabanga; Reuters; Sudan Tribune"
    assert row["source_scale"] == "National-International"
    assert row["fatalities"] == "9" and row["notes"] == record["notes"]
    assert row["event_id_cnty"].startswith("SDN") and row["timestamp"] == "7"
    assert (row["iso"], row["region"]) == ("729", "Northern Africa")


def test_a_canonical_row_and_its_reports_rows_agree_on_the_event_fields(fasher):
    (canonical,) = acled_rows(lambda out: write_canonical(fasher, "acled-csv", out, timestamp=7))
    reports = acled_rows(lambda out: write(el_fasher_shelling(), "acled-csv", out, timestamp=7))
    assert len(reports) == 3
    same = ("event_type", "sub_event_type", "iso", "region", "country", "location", "latitude")
    for report in reports:
        assert {k: report[k] for k in same} == {k: canonical[k] for k in same}
        assert report["source_scale"] == ""  # an article's row has no scale
    ids = {r["event_id_cnty"] for r in reports} | {canonical["event_id_cnty"]}
    assert len(ids) == 4  # each article's event and the group have their own stable id


def test_canonical_events_as_parquet_join_on_the_group_id(fasher, tmp_path: Path):
    path = tmp_path / "events.parquet"
    assert write_canonical(fasher, "parquet", path, timestamp=1) == 1
    table = pq.read_table(path)
    assert table.schema.equals(parquet_schema())
    (row,) = table.to_pylist()
    assert row["article_id"] == fasher[0]["group_id"] and row["fatalities"] == 9


def test_canonical_events_as_jsonl_and_geojson(fasher):
    out = io.StringIO()
    assert write_canonical(fasher, "jsonl", out) == 1
    assert json.loads(out.getvalue()) == fasher[0]
    out = io.StringIO()
    assert write_canonical(fasher, "geojson", out) == 1
    (feature,) = json.loads(out.getvalue())["features"]
    assert feature["properties"]["reports"] == 3
    assert sorted(json.loads(feature["properties"]["report_ids"])) == [
        "fasher-dabanga",
        "fasher-reuters",
        "fasher-tribune",
    ]


def test_every_kind_writes_to_a_path_and_refuses_parquet_to_stdout(fasher, tmp_path: Path):
    path = tmp_path / "events.jsonl"
    assert write_canonical(fasher, "jsonl", path) == 1
    assert json.loads(path.read_text("utf-8"))["group_id"] == fasher[0]["group_id"]
    for out in (None, "-", io.StringIO()):
        with pytest.raises(ValueError, match="give a file path"):
            write_canonical(fasher, "parquet", out)


def test_each_kind_lists_its_own_formats_when_given_another():
    store = Store.memory()
    store.add_batch(sukhnah_history())
    group_store(store.conn)
    timelines = build_timelines(iter_canonical(store.conn), Thresholds())
    cases = [
        (lambda fmt: write([], fmt, None), FORMATS),
        (lambda fmt: write_canonical([], fmt, None), FORMATS),
        (lambda fmt: write_timelines(timelines, fmt, None), TIMELINE_FORMATS),
        (
            lambda fmt: write_control(control_on(timelines, "2016-01-01"), "x", fmt, None),
            CONTROL_FORMATS,
        ),
    ]
    for writer, formats in cases:
        with pytest.raises(ValueError, match=f"choose one of: {', '.join(formats)}$"):
            writer("kml")
    assert (TIMELINE_FORMATS, CONTROL_FORMATS) == (("json", "csv"), ("geojson", "json"))
    with pytest.raises(ValueError, match="parquet"):
        write_timelines(timelines, "parquet", "out.parquet")


def test_timelines_to_a_file_are_what_goes_to_a_stream(tmp_path: Path):
    store = Store.memory()
    store.add_batch(sukhnah_history())
    group_store(store.conn)
    timelines = build_timelines(iter_canonical(store.conn), Thresholds())
    for fmt in TIMELINE_FORMATS:
        out = io.StringIO()
        write_timelines(timelines, fmt, out)
        path = tmp_path / f"timelines.{fmt}"
        write_timelines(timelines, fmt, path)
        assert path.read_text("utf-8") == out.getvalue()


def test_pyarrow_is_imported_only_when_parquet_is_written(tmp_path: Path):
    script = f"""
import io, sys
from conflictwire.export import write
from conflictwire.models import Article
article = Article(text="x", id="a")
for fmt in ("jsonl", "acled-csv", "geojson"):
    write([article], fmt, io.StringIO())
print(sorted(m for m in ("pyarrow", "numpy") if m in sys.modules))
write([article], "parquet", {str(tmp_path / "x.parquet")!r})
print("pyarrow" in sys.modules)
"""
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert result.stdout.split("\n")[:2] == ["[]", "True"]


def test_acled_columns_are_the_parquet_columns_before_article_id():
    assert parquet_schema().names == [*ACLED_COLUMNS, "article_id"]
