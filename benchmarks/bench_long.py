"""Long texts: time and memory of ``extract`` over one article of 50k, 200k, 800k and 5M characters.

Issue 13's acceptance: cost linear in the text's length, so 800k characters take at most 5x the
time and 2x the memory of 200k. The articles are generated here (fixed seed, nothing committed):
invented conflict-news paragraphs from 27 countries, their towns drawn from the built
gazetteer index (thousands of distinct names, as a long compiled report or live blog has), with
actors, dates, tolls and quotes varied from paragraph to paragraph. Each size is one prefix of one
stream, cut at a paragraph's end, written to a ``.txt`` file.

Each size runs in a fresh process: the model, gazetteer and actor dictionary are loaded and warmed
on a short article first (the baseline), then the file goes through what ``conflictwire extract``
does (read, size gate, decode, language, the real ``Pipeline``, JSONL written to a file), timed.
Memory is the process's resident set: its peak during the run (VmHWM, reset after the warm-up
where the kernel allows) and that peak minus the baseline. The baseline (model and gazetteer,
about 0.3 GB) does not grow with the text, so the check reads the increment: the memory the text
itself costs. Both are printed.

    python benchmarks/bench_long.py [--sizes 50000 200000 800000 5000000] [--seed 13]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import sqlite3
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

SIZES = (50_000, 200_000, 800_000, 5_000_000)
# The acceptance ratios, 800k over 200k.
PAIR = (200_000, 800_000)
MAX_TIME_RATIO = 5.0
MAX_MEMORY_RATIO = 2.0

# iso: (country, demonym, state forces, armed groups or other side)
COUNTRIES: dict[str, tuple[str, str, str, tuple[str, ...]]] = {
    "SY": (
        "Syria",
        "Syrian",
        "Syrian government forces",
        ("Hayat Tahrir al-Sham", "Islamic State", "the Syrian Democratic Forces"),
    ),
    "SD": (
        "Sudan",
        "Sudanese",
        "the Sudanese Armed Forces",
        ("the Rapid Support Forces", "the SPLM-N"),
    ),
    "SS": (
        "South Sudan",
        "South Sudanese",
        "the South Sudan People's Defence Forces",
        ("the SPLA-IO", "the National Salvation Front"),
    ),
    "UA": ("Ukraine", "Ukrainian", "Ukrainian forces", ("Russian forces", "Russian troops")),
    "ML": ("Mali", "Malian", "the Malian army", ("JNIM", "Islamic State Sahel")),
    "BF": (
        "Burkina Faso",
        "Burkinabe",
        "the Burkinabe army",
        ("JNIM", "the Islamic State in the Greater Sahara"),
    ),
    "NE": ("Niger", "Nigerien", "Nigerien soldiers", ("Islamic State Sahel", "JNIM")),
    "NG": (
        "Nigeria",
        "Nigerian",
        "the Nigerian Army",
        ("Boko Haram", "ISWAP", "armed bandits"),
    ),
    "MM": (
        "Myanmar",
        "Burmese",
        "the Myanmar military",
        ("the Arakan Army", "the Kachin Independence Army", "People's Defence Force fighters"),
    ),
    "SO": ("Somalia", "Somali", "the Somali National Army", ("al-Shabaab",)),
    "YE": ("Yemen", "Yemeni", "Yemeni government forces", ("the Houthis", "AQAP")),
    "IQ": ("Iraq", "Iraqi", "Iraqi security forces", ("Islamic State",)),
    "AF": (
        "Afghanistan",
        "Afghan",
        "Taliban security forces",
        ("Islamic State Khorasan", "the National Resistance Front"),
    ),
    "CD": (
        "DR Congo",
        "Congolese",
        "Congolese troops",
        ("M23 rebels", "the ADF", "CODECO militiamen"),
    ),
    "ET": (
        "Ethiopia",
        "Ethiopian",
        "Ethiopian federal forces",
        ("Fano militiamen", "the Oromo Liberation Army"),
    ),
    "LY": (
        "Libya",
        "Libyan",
        "forces loyal to the Tripoli government",
        ("the Libyan National Army",),
    ),
    "CF": (
        "the Central African Republic",
        "Central African",
        "Central African troops",
        ("3R rebels", "UPC fighters"),
    ),
    "MZ": ("Mozambique", "Mozambican", "Mozambican troops", ("Islamic State Mozambique",)),
    "CM": (
        "Cameroon",
        "Cameroonian",
        "Cameroonian soldiers",
        ("Ambazonian separatists", "Boko Haram"),
    ),
    "PK": (
        "Pakistan",
        "Pakistani",
        "Pakistani security forces",
        ("the Pakistani Taliban", "the Balochistan Liberation Army"),
    ),
    "CO": (
        "Colombia",
        "Colombian",
        "the Colombian army",
        ("the ELN", "FARC dissidents", "the Clan del Golfo"),
    ),
    "MX": (
        "Mexico",
        "Mexican",
        "the Mexican National Guard",
        ("the Sinaloa Cartel", "the Jalisco New Generation Cartel"),
    ),
    "PH": (
        "the Philippines",
        "Philippine",
        "Philippine troops",
        ("the New People's Army", "Abu Sayyaf"),
    ),
    "HT": ("Haiti", "Haitian", "Haitian police", ("the Viv Ansanm gang coalition", "gangs")),
    "IN": ("India", "Indian", "Indian security forces", ("Maoist rebels", "armed militants")),
    "TD": ("Chad", "Chadian", "Chadian troops", ("Boko Haram",)),
    "LB": ("Lebanon", "Lebanese", "the Lebanese army", ("Hezbollah",)),
}
PER_COUNTRY = 400  # most populous towns taken from each country
OUTLETS = ("Reuters", "AFP", "AP", "the BBC", "Al Jazeera", "RFI", "local media", "state TV")
MONTHS = (
    *("January", "February", "March", "April", "May", "June", "July", "August"),
    *("September", "October", "November", "December"),
)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
PEOPLE = ("Amina", "Yusuf", "Olena", "Thant Zin", "Fatima", "Ibrahim", "Maria", "Abdi", "Pierre")
ROLES = ("a farmer", "a teacher", "a nurse", "a local chief", "a shopkeeper", "an aid worker")
NUMBERS = ("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "a dozen")


def cap(text: str) -> str:
    """``text`` with its first letter a capital (the rest as written)."""
    return text[:1].upper() + text[1:]


def strip_marks(name: str) -> str:
    """A name as wire copy spells it: without diacritics or ayn/hamza marks."""
    bare = unicodedata.normalize("NFKD", name)
    bare = "".join(c for c in bare if not unicodedata.combining(c))
    return re.sub(r"[\u2018\u2019\u02bb\u02bc\u02be\u02bf`]", "", bare).strip()


def load_towns(index: Path) -> dict[str, list[tuple[str, str]]]:
    """Per country: (town, province) pairs, the most populous towns first."""
    conn = sqlite3.connect(f"file:{index}?mode=ro", uri=True)
    towns: dict[str, list[tuple[str, str]]] = {}
    for iso in COUNTRIES:
        rows = conn.execute(
            "SELECT p.name, r.name FROM places p JOIN regions r ON r.country_code = p.country_code"
            " AND r.admin1_code = p.admin1_code AND r.admin2_code = ''"
            " WHERE p.feature = 'populated_place' AND p.country_code = ?"
            " ORDER BY p.population DESC, p.geonameid LIMIT ?",
            (iso, PER_COUNTRY),
        )
        pairs = [(strip_marks(a), strip_marks(b)) for a, b in rows]
        towns[iso] = [(a, b) for a, b in pairs if len(a) > 3 and a.replace(" ", "").isalpha()]
    conn.close()
    return towns


class Writer:
    """Paragraphs of invented news, one country at a time, from a seeded generator."""

    def __init__(self, towns: dict[str, list[tuple[str, str]]], seed: int) -> None:
        self.rng = random.Random(seed)
        self.towns = {iso: pairs for iso, pairs in towns.items() if pairs}
        self.year = 2023

    def paragraphs(self) -> Iterator[str]:
        while True:
            iso = self.rng.choice(list(self.towns))
            yield self.headline(iso)
            for _ in range(self.rng.randint(3, 9)):
                yield self.paragraph(iso)

    # -- pieces ----------------------------------------------------------------------------
    def town(self, iso: str) -> tuple[str, str]:
        return self.rng.choice(self.towns[iso])

    def date(self) -> str:
        r = self.rng
        month, day = r.choice(MONTHS), r.randint(1, 28)
        return r.choice(
            (
                f"on {r.choice(WEEKDAYS)}",
                f"on {day} {month}",
                f"on {month} {day}, {self.year}",
                "overnight",
                "late on Saturday",
                f"early on {r.choice(WEEKDAYS)}",
                "last week",
            )
        )

    def toll(self) -> str:
        r = self.rng
        return r.choice((str(r.randint(2, 140)), r.choice(NUMBERS), f"at least {r.randint(3, 60)}"))

    def headline(self, iso: str) -> str:
        country, demonym, _, groups = COUNTRIES[iso]
        place, _ = self.town(iso)
        r = self.rng
        group = r.choice(groups)
        self.year = r.choice((2022, 2023, 2024))
        return r.choice(
            (
                f"{cap(self.toll())} killed in attack on {place}",
                f"{demonym} army says it retook {place} from {group.removeprefix('the ')}",
                f"Fighting spreads in {country} as thousands flee {place}",
                f"UPDATE {r.randint(1, 9)}-{country}: strikes hit {place}, officials say",
                f"{place} under siege: what we know",
            )
        )

    def paragraph(self, iso: str) -> str:
        r = self.rng
        sentences = [self.sentence(iso) for _ in range(r.randint(2, 5))]
        if r.random() < 0.25:
            place, _ = self.town(iso)
            outlet = r.choice(OUTLETS[:6])
            month = r.choice(MONTHS)[:3]
            dateline = f"{place.upper()}, {month} {r.randint(1, 28)} ({outlet}) - "
            sentences[0] = dateline + sentences[0]
        return " ".join(sentences)

    def sentence(self, iso: str) -> str:
        r = self.rng
        country, demonym, forces, groups = COUNTRIES[iso]
        group = r.choice(groups)
        (a, province), (b, _) = self.town(iso), self.town(iso)
        n, date, outlet = self.toll(), self.date(), r.choice(OUTLETS)
        who = f"{r.choice(PEOPLE)}, {r.choice(ROLES)} from {a}"
        options = (
            f"{cap(group)} attacked {a}, a town in {province} province, {date}, killing {n} "
            f"civilians, local officials said.",
            f"{cap(forces)} shelled the outskirts of {a} {date}, wounding {n} people, "
            f"according to {outlet}.",
            f"An air strike on a market in {a} killed {n} people {date}, residents told {outlet}.",
            f"Clashes between {forces} and {group} near {a} left {n} fighters dead, a military "
            f"source said.",
            f"{cap(forces)} said they had regained control of {a} and {b} after "
            f"{r.randint(2, 20)} days of fighting.",
            f"A drone struck a vehicle on the road between {a} and {b} {date}, killing {n}.",
            f"More than {r.randint(2, 90)},000 people have fled {a} for {b} since "
            f"{r.choice(MONTHS)}, the UN refugee agency said.",
            f"Gunmen abducted {n} passengers on the highway near {a} in {province} {date}.",
            f"Hundreds of people marched through {a} {date} to demand the release of detained "
            f"activists, and police fired tear gas.",
            f"A roadside bomb exploded as an army patrol passed through {a}, killing {n} soldiers.",
            f"\u201cWe heard the explosions all night,\u201d said {who}. \u201cNobody came.\u201d",
            f"The {province} region has seen repeated fighting since {self.year - 2}, when "
            f"{group} seized much of the countryside around {a}.",
            f"Aid agencies said access to {a} remained cut off and that food prices there had "
            f"tripled since {r.choice(MONTHS)}.",
            f"The death toll from the attack on {a} rose to {r.randint(5, 200)}, the {demonym} "
            f"health ministry said {date}.",
            f"{cap(group)} claimed responsibility for the ambush about "
            f"{r.randint(5, 80)} km north of {b}, in a statement posted online.",
            f"Residents of {a} said {r.choice(NUMBERS)} houses were set on fire and that "
            f"{n} villagers were missing.",
            f"Talks between {forces} and {group} in {b} collapsed {date}, a mediator told "
            f"{outlet}.",
            f"{cap(country.removeprefix('the '))}'s government declared a curfew in "
            f"{a} and {b} {date}.",
        )
        return r.choice(options)


def article_text(towns: dict[str, list[tuple[str, str]]], chars: int, seed: int) -> str:
    """The first ``chars`` characters (or a little less: cut at a paragraph's end) of the stream."""
    parts: list[str] = []
    total = 0
    for paragraph in Writer(towns, seed).paragraphs():
        if total + len(paragraph) + 2 > chars:
            break
        parts.append(paragraph)
        total += len(paragraph) + 2
    return "\n\n".join(parts) + "\n"


# -- one size, in a fresh process -----------------------------------------------------------


def rss_kb(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def reset_peak() -> bool:
    """Reset VmHWM to the current RSS (Linux 4.0+); False where the kernel refuses."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


def timed_stages(stages: Any, spent: dict[str, float]) -> tuple[Any, ...]:
    """The stages, each one-article stage adding its time to ``spent`` (the NLP stage, with
    reading the input and writing the record, is what remains of the total)."""

    def clock(name: str, run: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return run(*args, **kwargs)
            finally:
                spent[name] = spent.get(name, 0.0) + time.perf_counter() - start

        return timed

    return tuple(s if s.batched else replace(s, run=clock(s.name, s.run)) for s in stages)


def child(path: str, max_bytes: int) -> None:
    from conflictwire import export, jobs
    from conflictwire.ingest import IngestError
    from conflictwire.models import Article
    from conflictwire.pipeline import STAGES, Pipeline
    from conflictwire.settings import Settings

    settings = Settings.load(max_text_bytes=max_bytes)
    spent: dict[str, float] = {}
    pipeline = Pipeline(settings, stages=timed_stages(STAGES, spent))
    warm = Article(
        text="KHARTOUM, May 3 (Reuters) - The Rapid Support Forces shelled El Fasher on "
        "Sunday, killing 12 civilians, local officials said.",
        id="warm-up",
        language="en",
    )
    list(pipeline.run([warm]))  # model, gazetteer automaton, actors loaded and warm
    spent.clear()
    baseline = rss_kb("VmRSS")
    reset = reset_peak()
    if not reset:
        baseline = rss_kb("VmHWM")  # the peak so far; the increment is over it
    errors: list[IngestError] = []
    report = jobs.RunReport()
    out = Path(path).with_suffix(".jsonl")
    seen: list[Article] = []

    def kept(articles: Iterator[Article]) -> Iterator[Article]:
        for article in articles:
            seen.append(article)
            yield article

    start = time.perf_counter()
    articles = jobs.extract([path], settings, pipeline, report, errors.append)
    written = export.write(kept(articles), "jsonl", str(out))
    seconds = time.perf_counter() - start
    peak = rss_kb("VmHWM")
    article = seen[0] if seen else None
    result = {
        "seconds": seconds,
        "baseline_mb": baseline / 1024,
        "peak_mb": peak / 1024,
        "increment_mb": (peak - baseline) / 1024,
        "peak_reset": reset,
        "records": written,
        "errors": [str(e) for e in errors],
        "places": len(article.places) if article else 0,
        "distinct_places": len({p.geonameid for p in article.places}) if article else 0,
        "events": len(article.events) if article else 0,
        "stages": {"read+nlp+write": seconds - sum(spent.values()), **spent},
    }
    print(json.dumps(result))


def run_size(path: Path, max_bytes: int, timeout: float) -> dict[str, Any]:
    command = [sys.executable, __file__, "--child", str(path), "--max-bytes", str(max_bytes)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{path.name}: the run failed (exit {done.returncode}):\n{done.stderr}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="*", default=list(SIZES))
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--timeout", type=float, default=1800, help="Seconds allowed per size.")
    parser.add_argument("--keep", type=Path, default=None, help="Write the texts here, kept.")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--max-bytes", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.max_bytes)
        return

    from conflictwire.gazetteer import Gazetteer
    from conflictwire.settings import Settings

    settings = Settings.load()
    path = settings.gazetteer_path
    with Gazetteer.open(Path(path) if path else None) as gazetteer:
        towns = load_towns(gazetteer.path)
    print(
        f"{sum(map(len, towns.values())):,} towns of {len(towns)} countries from the gazetteer; "
        f"each size in a fresh process ({os.cpu_count()} CPUs here); memory in MB, the increment "
        "is the peak minus the baseline (model and gazetteer loaded)"
    )
    print(HEADER, flush=True)
    results: dict[int, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        for chars in sorted(args.sizes):
            text = article_text(towns, chars, args.seed)
            size = len(text.encode("utf-8"))
            file = folder / f"long-{chars}.txt"
            file.write_text(text, encoding="utf-8")
            # max_text_bytes raised above the text where the default would refuse it
            limit = max(Settings().max_text_bytes, size + 1)
            result = run_size(file, limit, args.timeout)
            results[chars] = {"chars": len(text), "bytes": size, **result}
            show(results[chars])
    verdict(results)


HEADER = (
    f"{'chars':>10} {'bytes':>10} {'seconds':>8} {'s/100k':>7} {'peak MB':>8} {'baseline':>8} "
    f"{'increment':>9} {'places':>7} {'distinct':>8} {'events':>7}"
)


def show(r: dict[str, Any]) -> None:
    """One size's row, and its stages' seconds below it."""
    stages = ", ".join(f"{k} {v:.1f}" for k, v in r["stages"].items())
    errors = f"\n{'':>12}ERRORS: {r['errors']}" if r["errors"] else ""
    if not r["peak_reset"]:
        errors += f"\n{'':>12}(the kernel kept the warm-up's peak: the increment is over it)"
    print(
        f"{r['chars']:>10,} {r['bytes']:>10,} {r['seconds']:>8.1f} "
        f"{1e5 * r['seconds'] / r['chars']:>7.2f} {r['peak_mb']:>8.0f} {r['baseline_mb']:>8.0f} "
        f"{r['increment_mb']:>9.0f} {r['places']:>7,} {r['distinct_places']:>8,} "
        f"{r['events']:>7,}\n{'':>12}stages (s): {stages}{errors}",
        flush=True,
    )


def verdict(results: dict[int, dict[str, Any]]) -> None:
    small, large = (results.get(size) for size in PAIR)
    if small is None or large is None:
        return
    time_ratio = large["seconds"] / small["seconds"]
    memory_ratio = large["increment_mb"] / max(small["increment_mb"], 1.0)
    peak_ratio = large["peak_mb"] / small["peak_mb"]
    length = large["chars"] / small["chars"]

    def mark(ok: bool) -> str:
        return "PASS" if ok else "FAIL"

    print(f"800k / 200k ({length:.2f}x the characters):")
    print(
        f"  time   {time_ratio:5.2f}x  (at most {MAX_TIME_RATIO:g}x): "
        f"{mark(time_ratio <= MAX_TIME_RATIO)}"
    )
    print(
        f"  memory {memory_ratio:5.2f}x  (increment over the loaded baseline; at most "
        f"{MAX_MEMORY_RATIO:g}x): {mark(memory_ratio <= MAX_MEMORY_RATIO)}"
    )
    print(f"  (whole-process peak {peak_ratio:.2f}x, baseline included)")


if __name__ == "__main__":
    main()
