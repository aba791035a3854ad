"""`conflictwire serve` at scale: bbox + date queries and the aggregated world view on a
synthetic store of 1M canonical events.

The store is generated here, in a temporary folder (or ``--db``, kept for another run): a real
store made by our migrations, its canonical events written by dedup's own writer
(``dedup.tables.write_component``, which keeps the R*Tree and the cell counts) in transactions
of 100,000. Events fall in towns of five countries (Syria, Sudan, Ukraine, Mali, Myanmar), a few
of them hot spots, over five years.

Startup: from starting `conflictwire serve` (a process) to its first answer. Latencies are
measured in-process against the app (FastAPI's TestClient, so routing, parameter checks, the
query and JSON encoding all count; no network): the first page of events in random city- or
region-sized boxes over 30-day windows, and the aggregated world view at zoom 2 (all dates; and
at zoom 3 over one year between any two days, which also reads the R*Tree for the days at either
end of the range).

    python benchmarks/bench_serve.py [--events 1000000] [--queries 200] [--db PATH] [--seed 1]
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
import warnings
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from regions import REGIONS

from conflictwire.dedup.tables import write_component
from conflictwire.store import Store

SUB_TYPES = {
    "Armed clash": ("Battles", "Political violence"),
    "Government regains territory": ("Battles", "Political violence"),
    "Non-state actor overtakes territory": ("Battles", "Political violence"),
    "Shelling/artillery/missile attack": ("Explosions/Remote violence", "Political violence"),
    "Air/drone strike": ("Explosions/Remote violence", "Political violence"),
    "Attack": ("Violence against civilians", "Political violence"),
    "Peaceful protest": ("Protests", "Demonstrations"),
    "Looting/property destruction": ("Strategic developments", "Strategic developments"),
}
REBELS = ["Islamic State", "Rapid Support Forces", "JNIM", "Arakan Army", "Wagner Group"]
OUTLETS = ["Reuters", "AFP", "AP", "BBC", "Al Jazeera", "SANA", "Dabanga", "RFI", "Irrawaddy"]
FIRST_DAY = date(2020, 1, 1)
DAYS = 5 * 365
BATCH = 10_000
TRANSACTION = 100_000


def towns(rng: random.Random, count: int = 3000) -> list[tuple[str, str, float, float, float]]:
    """``(iso, name, lat, lon, weight)``: a few hot spots take most events (Zipf weights)."""
    found = []
    for n in range(count):
        iso = rng.choice(list(REGIONS))
        _, lat, lon, _ = REGIONS[iso]
        found.append((iso, f"Town {n}", rng.uniform(*lat), rng.uniform(*lon), 1.0 / (1 + n)))
    return found


def record(n: int, town: tuple, rng: random.Random) -> dict:
    iso, name, lat, lon, _ = town
    country, _, _, state = REGIONS[iso]
    sub = rng.choice(list(SUB_TYPES))
    kind, disorder = SUB_TYPES[sub]
    day = (FIRST_DAY + timedelta(days=rng.randrange(DAYS))).isoformat()
    actor1 = rng.choice(REBELS)
    actor2 = f"Civilians ({country})" if sub == "Attack" else state
    outlets = rng.sample(OUTLETS, rng.randint(1, 3))
    notes = f"{actor1} fighters attacked positions near {name} on {day}, local sources said."
    group = f"cw{n:012x}"
    return {
        "group_id": group,
        "event_type": kind,
        "sub_event_type": sub,
        "disorder_type": disorder,
        "actor1": actor1,
        "assoc_actor_1": None,
        "actor2": actor2,
        "assoc_actor_2": None,
        "inter1": "Rebel group",
        "inter2": "State forces",
        "interaction": "Rebel group-State forces",
        "civilian_targeting": sub == "Attack",
        "event_date": day,
        "time_precision": 1,
        "location": name,
        "geonameid": 10_000_000 + int(name.split()[1]),
        "admin1": f"{country} Province {int(lat) % 7}",
        "admin2": None,
        "country": country,
        "iso": iso,
        "latitude": round(lat + rng.gauss(0, 0.02), 5),
        "longitude": round(lon + rng.gauss(0, 0.02), 5),
        "geo_precision": 1,
        "fatalities": rng.randrange(0, 30),
        "source": "; ".join(sorted(outlets)),
        "source_scale": "International",
        "notes": notes,
        "confidence": round(rng.uniform(0.5, 0.95), 3),
        "reports": [
            {
                "key": f"{group}-{k}",
                "article_id": f"{outlet.lower().replace(' ', '-')}-{n}",
                "event_index": 0,
                "source": outlet,
                "url": f"https://news.example.org/{outlet.lower().replace(' ', '-')}/{n}",
                "published": day,
                "sub_event_type": sub,
                "actor1": actor1,
                "actor2": actor2,
                "event_date": day,
                "time_precision": 1,
                "location": name,
                "geonameid": None,
                "fatalities": None,
                "notes": notes,
                "reason": "seed" if k == 0 else "same type, 0 days, 0.0 km",
                "also_in": [],
            }
            for k, outlet in enumerate(outlets)
        ],
    }


def generate(path: Path, count: int, seed: int) -> float:
    """Write ``count`` canonical events to a new store at ``path``; returns the seconds taken."""
    rng = random.Random(seed)
    places = towns(rng)
    weights = [t[4] for t in places]
    started = time.perf_counter()
    with Store(path) as store:
        conn = store.conn
        conn.execute("PRAGMA cache_size = -1048576")  # 1 GiB: the indexes' pages stay in memory
        conn.execute("PRAGMA synchronous = OFF")  # a throwaway store: no waiting for the disk
        for start in range(0, count, TRANSACTION):
            conn.execute("BEGIN IMMEDIATE")
            for batch in range(start, min(start + TRANSACTION, count), BATCH):
                picked = rng.choices(places, weights, k=min(BATCH, count - batch))
                rows = [record(batch + i, town, rng) for i, town in enumerate(picked)]
                write_component(conn, [], f"bench-{batch}", [], rows)
            conn.execute("COMMIT")
            print(f"  {min(start + TRANSACTION, count):>9,} events", file=sys.stderr, flush=True)
    return time.perf_counter() - started


def percentiles(times: list[float]) -> str:
    ms = sorted(t * 1000 for t in times)
    p95 = ms[min(len(ms) - 1, int(len(ms) * 0.95))]
    return f"p50 {statistics.median(ms):7.1f} ms   p95 {p95:7.1f} ms   (n={len(ms)})"


def timed_get(client: Any, url: str) -> tuple[float, Any]:
    """Seconds ``client`` takes to answer ``url``, and the answer (an error raises)."""
    started = time.perf_counter()
    response = client.get(url)
    took = time.perf_counter() - started
    response.raise_for_status()
    return took, response


def random_box(rng: random.Random, places: list) -> tuple[float, float, float, float]:
    """A city-sized (0.1-0.3 degrees) or region-sized (0.5-2 degrees) box around a town."""
    _, _, lat, lon, _ = rng.choice(places[:300])
    half = rng.uniform(0.05, 0.15) if rng.random() < 0.5 else rng.uniform(0.25, 1.0)
    return (lon - half, lat - half, lon + half, lat + half)


def startup(path: Path) -> float:
    """Seconds from starting `conflictwire serve` to its first answer."""
    started = time.perf_counter()
    server = subprocess.Popen(
        [sys.executable, "-m", "conflictwire", "serve", "--db", str(path), "--port", "0"],
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stderr is not None
        line = server.stderr.readline()
        if " at http://" not in line:
            raise RuntimeError(f"serve did not start: {line}{server.stderr.read()}")
        base = line.split(" at ", 1)[1].split()[0].rstrip("/")
        while True:
            try:
                with urllib.request.urlopen(f"{base}/api/health") as response:
                    response.read()
                return time.perf_counter() - started
            except OSError:
                time.sleep(0.02)
    finally:
        server.terminate()
        server.wait()


def measure(path: Path, queries: int, seed: int) -> None:
    warnings.filterwarnings("ignore", message="Using .httpx. with .starlette.testclient")
    from fastapi.testclient import TestClient

    from conflictwire.serve import create_app

    print(f"`conflictwire serve` start to first answer: {startup(path):.2f} s")
    client = TestClient(create_app(path))
    rng = random.Random(seed + 1)
    places = towns(random.Random(seed))
    bbox_times, matched = [], []
    for _ in range(queries):
        box = ",".join(f"{v:.4f}" for v in random_box(rng, places))
        since = FIRST_DAY + timedelta(days=rng.randrange(DAYS - 30))
        until = since + timedelta(days=29)
        url = f"/api/events?bbox={box}&since={since}&until={until}&mode=points&limit=100"
        took, response = timed_get(client, url)
        bbox_times.append(took)
        matched.append(response.json()["total"])
    print(f"bbox + 30 days, first page of 100:  {percentiles(bbox_times)}")
    print(
        f"  events matched per query: median {statistics.median(matched):.0f}, max {max(matched)}"
    )
    world_times = []
    for _ in range(max(10, queries // 10)):
        url = "/api/events/aggregate?bbox=-180,-90,180,90&zoom=2"
        took, response = timed_get(client, url)
        world_times.append(took)
    body = response.json()
    print(f"aggregated world view, zoom 2:      {percentiles(world_times)}")
    print(f"  {len(body['cells'])} cells, {body['total']:,} events")
    year_times = []
    for _ in range(max(10, queries // 10)):
        since = FIRST_DAY + timedelta(days=rng.randrange(DAYS - 365))
        url = f"/api/events/aggregate?bbox=-180,-90,180,90&zoom=3&since={since}"
        url += f"&until={since + timedelta(days=364)}"
        year_times.append(timed_get(client, url)[0])
    print(f"aggregated world view, zoom 3, one year (any dates): {percentiles(year_times)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--db", type=Path, help="keep the store here (reused when it exists)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = args.db or Path(tmp) / "bench.db"
        if not path.exists():
            print(f"generating {args.events:,} canonical events ...", file=sys.stderr)
            seconds = generate(path, args.events, args.seed)
            size = path.stat().st_size / 2**20
            print(f"generated {args.events:,} canonical events in {seconds:.0f} s ({size:.0f} MiB)")
        measure(path, args.queries, args.seed)


if __name__ == "__main__":
    main()
