"""Offline GeoNames gazetteer: a compact SQLite index, name normalisation and text scanning.

from conflictwire.gazetteer import Gazetteer
gaz = Gazetteer.open()                 # builds <cache>/gazetteer-v5.sqlite on first use
gaz.lookup("Deir al-Zour")[0].geonameid  # 170794
[text[m.start:m.end] for m in gaz.scan(text)]
"""

from conflictwire.gazetteer.build import build_index, default_index_path
from conflictwire.gazetteer.geonames_dump import DumpError, import_geonames_dump
from conflictwire.gazetteer.index import Candidate, Gazetteer, GazetteerError
from conflictwire.gazetteer.normalize import name_keys, normalize
from conflictwire.gazetteer.scan import NameMatch
from conflictwire.gazetteer.schema import FORMAT_VERSION
from conflictwire.gazetteer.sources import SourcePaths, default_sources

__all__ = [
    "FORMAT_VERSION",
    "Candidate",
    "DumpError",
    "Gazetteer",
    "GazetteerError",
    "NameMatch",
    "SourcePaths",
    "build_index",
    "default_index_path",
    "default_sources",
    "import_geonames_dump",
    "name_keys",
    "normalize",
]
