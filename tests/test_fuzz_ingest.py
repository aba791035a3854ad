"""Fuzz every reader with hostile input: each gives articles with schema-valid records, or a
one-line error naming the input, never an exception (Hypothesis; profiles in fuzz_profiles.py)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from conflictwire.ingest.sources import KINDS
from conflictwire.settings import Settings
from fuzz_inputs import (
    any_document,
    check_items,
    csv_documents,
    feed_documents,
    hostile_bytes,
    html_documents,
    json_documents,
    jsonl_documents,
    read_file,
    read_stdin,
)
from fuzz_profiles import examples

SUFFIXES = (*sorted(KINDS), ".TXT", ".dat", "")


@examples(ci=60, long=10_000)
@given(data=hostile_bytes, suffix=st.sampled_from(SUFFIXES))
def test_any_bytes_under_any_name(data: bytes, suffix: str) -> None:
    check_items(read_file(data, f"article{suffix}"))


@examples(ci=40, long=5_000)
@given(data=hostile_bytes)
def test_text_files(data: bytes) -> None:
    check_items(read_file(data, "article.txt"))


@examples(ci=40, long=5_000)
@given(data=jsonl_documents())
def test_jsonl_files(data: bytes) -> None:
    check_items(read_file(data, "wire.jsonl"))


@examples(ci=40, long=5_000)
@given(data=json_documents())
def test_json_files(data: bytes) -> None:
    check_items(read_file(data, "wire.json"))


@examples(ci=40, long=5_000)
@given(data=csv_documents())
def test_csv_files(data: bytes) -> None:
    check_items(read_file(data, "wire.csv"))


@examples(ci=30, long=3_000)
@given(data=html_documents(), suffix=st.sampled_from((".html", ".htm", ".php", ".txt")))
def test_html_pages(data: bytes, suffix: str) -> None:
    check_items(read_file(data, f"page{suffix}"))


@examples(ci=30, long=3_000)
@given(data=feed_documents(), suffix=st.sampled_from((".xml", ".rss", ".atom", "")))
def test_feeds(data: bytes, suffix: str) -> None:
    check_items(read_file(data, f"feed{suffix}"))


@examples(ci=40, long=5_000)
@given(data=any_document, suffix=st.sampled_from(SUFFIXES))
def test_any_document_under_any_name(data: bytes, suffix: str) -> None:
    check_items(read_file(data, f"input{suffix}"))


@examples(ci=60, long=10_000)
@given(data=any_document, max_text_bytes=st.sampled_from((2_000_000, 64, 1)))
def test_stdin_of_any_kind(data: bytes, max_text_bytes: int) -> None:
    settings = Settings(max_text_bytes=max_text_bytes)
    check_items(read_stdin(data, settings), settings)
