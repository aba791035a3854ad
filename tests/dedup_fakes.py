"""Hand-built reports for the dedup and control tests: short articles with one coded event each.

Places carry real GeoNames ids and points (as the gazetteer resolves them); texts are written for
these tests. ``report(...)`` builds an Article whose one event was read from its first sentence.
"""

from __future__ import annotations

import re

from conflictwire.models import Article, Event, Evidence

# name: (geonameid, latitude, longitude, admin1, country, iso)
PLACES = {
    "As Sukhnah": (172425, 34.88533, 38.8711, "Ḩimş", "Syria", "SY"),
    "Tadmur": (163808, 34.5624, 38.28402, "Ḩimş", "Syria", "SY"),
    "Saraqib": (164816, 35.86447, 36.80591, "Idlib", "Syria", "SY"),
    "El Fasher": (379555, 13.62793, 25.34936, "North Darfur", "Sudan", "SD"),
    "Bakhmut": (713174, 48.59419, 37.99886, "Donetska oblast", "Ukraine", "UA"),
    "Kupyansk": (703656, 49.71003, 37.61581, "Kharkivska oblast", "Ukraine", "UA"),
    "Djibo": (2361177, 14.09864, -1.62665, "Sahel", "Burkina Faso", "BF"),
    "Kidal": (2597449, 19.13558, 1.50521, "Kidal", "Mali", "ML"),
    "Myawaddy": (1308052, 16.68911, 98.50893, "Kayin", "Myanmar", "MM"),
}
TYPES = {
    "Armed clash": "Battles",
    "Government regains territory": "Battles",
    "Non-state actor overtakes territory": "Battles",
    "Shelling/artillery/missile attack": "Explosions/Remote violence",
    "Air/drone strike": "Explosions/Remote violence",
    "Attack": "Violence against civilians",
    "Non-violent transfer of territory": "Strategic developments",
}
ACTOR_TYPES = {
    "Military Forces of": "State forces",
    "Civilians": "Civilians",
}


def _actor_type(name: str | None) -> str | None:
    if name is None:
        return None
    for prefix, kind in ACTOR_TYPES.items():
        if name.startswith(prefix):
            return kind
    return "Rebel group"


def report(
    article_id: str,
    source: str,
    text: str,
    sub_event_type: str,
    place: str,
    date: str,
    *,
    actor1: str | None = None,
    actor2: str | None = None,
    precision: int = 1,
    fatalities: int | None = None,
    published: str | None = None,
    geo_precision: int = 1,
) -> Article:
    geonameid, lat, lon, admin1, country, iso = PLACES[place]
    sentence_end = text.index(".") + 1
    deaths = None
    if fatalities is not None:
        found = re.search(r"\b(\d+|[a-z]+)\b (?:people|civilians|soldiers|fighters)", text)
        deaths = found.span(1) if found else (0, 1)
    inter1, inter2 = _actor_type(actor1), _actor_type(actor2)
    event = Event(
        event_type=TYPES[sub_event_type],
        sub_event_type=sub_event_type,
        disorder_type="Political violence",
        actor1=actor1,
        actor2=actor2,
        inter1=inter1,
        inter2=inter2,
        interaction="-".join(t for t in (inter1, inter2) if t) or None,
        civilian_targeting=sub_event_type == "Attack",
        event_date=date,
        time_precision=precision,
        location=place,
        geonameid=geonameid,
        admin1=admin1,
        country=country,
        iso=iso,
        latitude=lat,
        longitude=lon,
        geo_precision=geo_precision,
        fatalities=fatalities or 0,
        confidence=0.8,
        evidence=Evidence(sentence=(0, sentence_end), fatalities=deaths),
    )
    return Article(
        text=text,
        id=article_id,
        source=source,
        url=f"https://example.org/{article_id}",
        published=published or date,
        language="en",
        events=[event],
    )


RSF = "Rapid Support Forces"
SAF = "Military Forces of Sudan"
SYRIA = "Military Forces of Syria"
IS = "Islamic State (Syria)"
JNIM = "JNIM: Group for Support of Islam and Muslims"
MALI = "Military Forces of Mali"


def el_fasher_shelling() -> list[Article]:
    """Three outlets, one RSF shelling of El Fasher's market, three death tolls (12, 15, 9)."""
    return [
        report(
            "fasher-reuters",
            "Reuters",
            "RSF shelling hit the main market in El Fasher on Sunday, killing 12 civilians.",
            "Shelling/artillery/missile attack",
            "El Fasher",
            "2024-06-09",
            actor1=RSF,
            actor2="Civilians (Sudan)",
            fatalities=12,
        ),
        report(
            "fasher-dabanga",
            "Dabanga",
            "Shells fired by the Rapid Support Forces killed 15 people at the El Fasher market.",
            "Shelling/artillery/missile attack",
            "El Fasher",
            "2024-06-09",
            actor1=RSF,
            actor2="Civilians (Sudan)",
            fatalities=15,
            published="2024-06-10",
        ),
        report(
            "fasher-tribune",
            "Sudan Tribune",
            "At least 9 civilians died when artillery struck a market in El Fasher late Sunday.",
            "Shelling/artillery/missile attack",
            "El Fasher",
            "2024-06-10",
            actor2="Civilians (Sudan)",
            fatalities=9,
        ),
    ]


def el_fasher_air_strike() -> list[Article]:
    """The same day in El Fasher, a different event: an army air strike on RSF positions."""
    return [
        report(
            "fasher-airstrike",
            "Al Jazeera",
            "Army jets bombed RSF positions east of El Fasher on Sunday, killing 5 fighters.",
            "Air/drone strike",
            "El Fasher",
            "2024-06-09",
            actor1=SAF,
            actor2=RSF,
            fatalities=5,
        )
    ]


def kidal_changes_hands() -> list[Article]:
    """Kidal: army takes it from the rebels (Nov 2023), a rebel coalition retakes it later."""
    csp = "CSP-PSD: Permanent Strategic Framework"
    return [
        report(
            "kidal-army-1",
            "AFP",
            "Malian troops entered Kidal on Tuesday after the rebels withdrew from the town.",
            "Government regains territory",
            "Kidal",
            "2023-11-14",
            actor1=MALI,
            actor2=csp,
        ),
        report(
            "kidal-army-2",
            "Reuters",
            "Mali's army said it had taken control of Kidal, a rebel stronghold for a decade.",
            "Government regains territory",
            "Kidal",
            "2023-11-15",
            actor1=MALI,
            actor2=csp,
            published="2023-11-15",
        ),
        report(
            "kidal-rebels",
            "RFI",
            "Rebel fighters of the CSP seized Kidal again after heavy fighting with the army.",
            "Non-state actor overtakes territory",
            "Kidal",
            "2025-02-20",
            actor1=csp,
            actor2=MALI,
        ),
    ]


def bakhmut_contradiction() -> list[Article]:
    """One outlet says Bakhmut fell to Wagner; another, the same day, that it had not."""
    wagner = "Wagner Group"
    ukraine = "Military Forces of Ukraine"
    return [
        report(
            "bakhmut-claim",
            "Press TV",
            "Wagner fighters captured Bakhmut on Saturday, the group's founder said.",
            "Non-state actor overtakes territory",
            "Bakhmut",
            "2023-05-20",
            actor1=wagner,
            actor2=ukraine,
        ),
        report(
            "bakhmut-denial",
            "Kyiv Independent",
            "Ukraine's military denied that Bakhmut had fallen to Wagner, saying fighting went on.",
            "Non-state actor overtakes territory",
            "Bakhmut",
            "2023-05-20",
            actor1=wagner,
            actor2=ukraine,
        ),
    ]


def sukhnah_history() -> list[Article]:
    """The seed's al-Sukhnah: Islamic State from May 2015, the government from August 2017."""
    return [
        report(
            "sukhnah-2015",
            "SANA",
            "The town of al-Sukhnah fell in the hands of ISIS in May 2015.",
            "Non-state actor overtakes territory",
            "As Sukhnah",
            "2015-05-15",
            actor1=IS,
            precision=3,
        ),
        report(
            "sukhnah-2017",
            "Xinhua",
            "Syrian troops regained control of al-Sukhnah from Islamic State fighters.",
            "Government regains territory",
            "As Sukhnah",
            "2017-08-14",
            actor1=SYRIA,
            actor2=IS,
            precision=2,
        ),
    ]


def myawaddy_and_djibo() -> list[Article]:
    """Unrelated events far apart: each its own group."""
    return [
        report(
            "myawaddy",
            "Irrawaddy",
            "Resistance forces attacked a junta base near Myawaddy on Friday, killing 4 soldiers.",
            "Armed clash",
            "Myawaddy",
            "2024-04-05",
            actor1="Karen National Liberation Army",
            actor2="Military Forces of Myanmar",
            fatalities=4,
        ),
        report(
            "djibo",
            "AFP",
            "Militants attacked Djibo on Sunday, killing 40 people, residents said.",
            "Attack",
            "Djibo",
            "2023-05-28",
            actor1=JNIM,
            actor2="Civilians (Burkina Faso)",
            fatalities=40,
        ),
    ]


def all_scenarios() -> list[Article]:
    return (
        el_fasher_shelling()
        + el_fasher_air_strike()
        + kidal_changes_hands()
        + bakhmut_contradiction()
        + sukhnah_history()
        + myawaddy_and_djibo()
    )
