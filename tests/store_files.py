"""Store files for the store-opening tests: another program's database, a grouped store of our
own, and that store with pages of garbage in the middle."""

from __future__ import annotations

import random
import sqlite3
from contextlib import closing
from pathlib import Path

from conflictwire.dedup import group_store
from conflictwire.store import Store
from dedup_fakes import all_scenarios, report

SAHEL = (
    "Gunmen on motorcycles attacked the village of Seytenga near Djibo at dawn on Saturday, "
    "residents said. They burned the market and the health centre and drove off the cattle. "
    "A local official who asked not to be named said the army arrived two hours later. "
    "Thousands have fled the area towards Dori since the start of the year. "
)


def sahel_reports(count: int) -> list:
    """``count`` long articles (each its own text), enough to fill several pages."""
    return [
        report(
            f"seytenga-{i}",
            "Sahel Monitor",
            f"Report {i}. " + SAHEL * 6,
            "Attack",
            "Djibo",
            f"2022-06-{1 + i % 28:02d}",
            actor1="Unidentified Armed Group (Burkina Faso)",
            actor2="Civilians (Burkina Faso)",
        )
        for i in range(count)
    ]


def grouped_store(path: Path) -> Path:
    """A store of ours with every report grouped (nothing left for a read-only command to do)."""
    with Store(path) as store:
        store.add_batch(all_scenarios() + sahel_reports(30))
        group_store(store.conn)
    for extra in ("-wal", "-shm"):
        Path(f"{path}{extra}").unlink(missing_ok=True)
    return path


def foreign_database(path: Path, *, wal: bool = False) -> Path:
    """Another program's SQLite database: a small shop's orders."""
    with closing(sqlite3.connect(path)) as conn:
        if wal:
            conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
        conn.execute("CREATE TABLE orders (id INTEGER PRIMARY KEY, customer INTEGER, total REAL)")
        conn.execute("INSERT INTO customers VALUES (1, 'Amina'), (2, 'Oleksandr')")
        conn.execute("INSERT INTO orders VALUES (1, 1, 12.5), (2, 2, 40.0)")
        conn.commit()
    return path


def _children(data: bytes, page: int, size: int) -> list[int]:
    """The child pages of an interior table b-tree page, left to right (SQLite file format)."""
    start = (page - 1) * size
    header = start + (100 if page == 1 else 0)
    assert data[header] == 0x05, "not an interior table page"
    cells = int.from_bytes(data[header + 3 : header + 5], "big")
    rightmost = int.from_bytes(data[header + 8 : header + 12], "big")
    pointers = [
        int.from_bytes(data[header + 12 + 2 * i : header + 14 + 2 * i], "big") for i in range(cells)
    ]
    left = [int.from_bytes(data[start + p : start + p + 4], "big") for p in pointers]
    return [*left, rightmost]


def garble_middle(path: Path) -> list[int]:
    """Overwrite the ``articles`` pages before the last one with random bytes (the last page,
    where new rows go, and every other table stay intact); returns the pages garbled."""
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'articles'").fetchone()
        size = conn.execute("PRAGMA page_size").fetchone()[0]
    for extra in ("-wal", "-shm"):
        Path(f"{path}{extra}").unlink(missing_ok=True)
    data = bytearray(path.read_bytes())
    pages = _children(bytes(data), root[0], size)[:-1]
    assert len(pages) >= 2, "the store is too small to garble its middle"
    rng = random.Random(13)
    for page in pages:
        data[(page - 1) * size : page * size] = rng.randbytes(size)
    path.write_bytes(bytes(data))
    return pages
