"""Records in shards: one file per batch of articles, in a folder (``extract --shards``).

Each shard is written whole by the one writer (:func:`conflictwire.export.write`: a temporary
file renamed on success), so a shard that exists is complete; a run again over the same inputs
with the same batch size skips the batches whose shard is there. Parquet shards share one
explicit schema (:func:`conflictwire.export.parquet_schema`), so they read as one table.
"""

from __future__ import annotations

from pathlib import Path

from conflictwire.export.articles import write
from conflictwire.models import Article

SUFFIXES = {"jsonl": ".jsonl", "acled-csv": ".csv", "geojson": ".geojson", "parquet": ".parquet"}


def shard_path(folder: Path, index: int, fmt: str) -> Path:
    """The file of batch ``index``: ``part-000012.jsonl``."""
    return folder / f"part-{index:06d}{SUFFIXES[fmt]}"


def write_shard(articles: list[Article], fmt: str, folder: Path, index: int) -> int:
    """Write batch ``index``'s records; returns the number of records written."""
    folder.mkdir(parents=True, exist_ok=True)
    return write(articles, fmt, shard_path(folder, index, fmt))
