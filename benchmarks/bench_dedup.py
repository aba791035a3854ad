"""Dedup throughput: group N synthetic stored reports into canonical events in a real SQLite store.

Reports are generated here: true events at random towns (Syria, Sudan, Ukraine, the Sahel,
Myanmar) over two years, each told by 1-7 outlets with jittered dates, points, tolls and missing
actors. Two timings: one pass over the whole store (a backfill) and the incremental passes an
ingest makes (one per batch of 32 articles). Also prints how well groups recover true events.

    python benchmarks/bench_dedup.py [--reports 10000] [--seed 1]
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from collections import Counter
from pathlib import Path

from regions import REGIONS

from conflictwire.dedup import Thresholds, group_pending
from conflictwire.jobs import INGEST_BATCH
from conflictwire.models import Article, Event, Evidence
from conflictwire.store import Store

SUB_TYPES = {
    "Armed clash": "Battles",
    "Government regains territory": "Battles",
    "Shelling/artillery/missile attack": "Explosions/Remote violence",
    "Air/drone strike": "Explosions/Remote violence",
    "Attack": "Violence against civilians",
}
REBELS = ["Islamic State", "Rapid Support Forces", "JNIM", "Arakan Army", "Wagner Group"]
OUTLETS = ["Reuters", "AFP", "AP", "BBC", "Al Jazeera", "SANA", "Dabanga", "RFI", "Irrawaddy"]


def true_events(count: int, rng: random.Random) -> list[dict]:
    towns = []
    for _ in range(600):
        iso = rng.choice(list(REGIONS))
        _, lat, lon, _ = REGIONS[iso]
        towns.append((iso, rng.uniform(*lat), rng.uniform(*lon)))
    events = []
    for n in range(count):
        iso, lat, lon = rng.choice(towns)
        sub = rng.choice(list(SUB_TYPES))
        actor2 = f"Civilians ({REGIONS[iso][0]})" if sub == "Attack" else REGIONS[iso][3]
        events.append(
            {
                "n": n,
                "iso": iso,
                "lat": lat,
                "lon": lon,
                "sub": sub,
                "day": 738000 + rng.randrange(730),
                "actor1": rng.choice(REBELS),
                "actor2": actor2,
                "deaths": rng.randrange(0, 40),
            }
        )
    return events


def report(event: dict, k: int, rng: random.Random) -> Article:
    from datetime import date

    day = event["day"] + rng.choice((0, 0, 0, 1, -1))
    text = f"Report {k} of event {event['n']}: fighting and casualties were reported."
    fatalities = max(0, event["deaths"] + rng.randrange(-3, 4))
    ev = Event(
        event_type=SUB_TYPES[event["sub"]],
        sub_event_type=event["sub"],
        actor1=event["actor1"] if rng.random() > 0.2 else None,
        actor2=event["actor2"] if rng.random() > 0.3 else None,
        event_date=date.fromordinal(day).isoformat(),
        time_precision=1 if rng.random() > 0.15 else 2,
        location=f"Town {event['iso']}{event['n'] % 600}",
        country=REGIONS[event["iso"]][0],
        iso=event["iso"],
        latitude=event["lat"] + rng.uniform(-0.01, 0.01),
        longitude=event["lon"] + rng.uniform(-0.01, 0.01),
        geo_precision=1,
        fatalities=fatalities,
        confidence=round(rng.uniform(0.5, 1.0), 2),
        evidence=Evidence(sentence=(0, len(text)), fatalities=(0, 1) if fatalities else None),
    )
    return Article(
        text=text,
        id=f"e{event['n']}-r{k}",
        source=rng.choice(OUTLETS),
        published=ev.event_date,
        events=[ev],
    )


def make_reports(total: int, seed: int) -> list[Article]:
    rng = random.Random(seed)
    articles: list[Article] = []
    for event in true_events(total // 2, rng):
        for k in range(rng.randint(1, 7)):
            articles.append(report(event, k, rng))
            if len(articles) == total:
                rng.shuffle(articles)
                return articles
    rng.shuffle(articles)
    return articles


def score(store: Store) -> str:
    rows = store.conn.execute(
        "SELECT r.group_id, a.id FROM event_reports r JOIN articles a ON a.pk = r.article_pk"
    ).fetchall()
    truth = {article: article.split("-")[0] for _, article in rows}
    by_group: dict[str, Counter] = {}
    for group, article in rows:
        by_group.setdefault(group, Counter())[truth[article]] += 1
    pure = sum(c.most_common(1)[0][1] for c in by_group.values()) / len(rows)
    return f"{len(by_group)} groups for {len(set(truth.values()))} true events; purity {pure:.3f}"


def partition(store: Store) -> set[frozenset[str]]:
    groups: dict[str, set[str]] = {}
    for group, article in store.conn.execute(
        "SELECT r.group_id, a.id FROM event_reports r JOIN articles a ON a.pk = r.article_pk"
    ):
        groups.setdefault(group, set()).add(article)
    return {frozenset(g) for g in groups.values()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reports", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    articles = make_reports(args.reports, args.seed)
    limits = Thresholds()
    with tempfile.TemporaryDirectory() as tmp:
        with Store(Path(tmp) / "backfill.db") as store:
            store.add_batch(articles)
            start = time.perf_counter()
            result = group_pending(store.conn, limits)
            took = time.perf_counter() - start
            print(
                f"dedup, one pass:    {result.reports} reports in {took:.2f} s "
                f"({result.reports / took:,.0f} reports/s); {score(store)}"
            )
            whole = partition(store)
        with Store(Path(tmp) / "incremental.db") as store:
            took = 0.0
            for i in range(0, len(articles), INGEST_BATCH):
                store.add_batch(articles[i : i + INGEST_BATCH])
                start = time.perf_counter()
                group_pending(store.conn, limits)
                took += time.perf_counter() - start
            print(
                f"dedup, incremental: {len(articles)} reports in {took:.2f} s "
                f"({len(articles) / took:,.0f} reports/s, batches of {INGEST_BATCH}); "
                f"{score(store)}"
            )
            print(f"same groups either way: {partition(store) == whole}")


if __name__ == "__main__":
    main()
