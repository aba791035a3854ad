"""Which rules made a record: the package version and a short hash of the rule and dictionary
files under ``data/`` (and of the ``actors_file`` setting's file, when one is set), so that two
runs with different rules or dictionaries say so in every record they write::

    conflictwire 0.1.0+rules.3f2a9c1b
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from functools import cache
from importlib import resources
from pathlib import Path

from . import __version__

# Data that is not a rule: the articles to try the tool on, the description of its output, and
# the tables only evaluation reads (data/evaluate/).
NOT_RULES = frozenset({"sample_corpus", "article.schema.json", "evaluate"})
HASH_DIGITS = 8  # hex digits, as many as a short commit id


@cache
def rules_version(actors_file: str | None = None) -> str:
    """``conflictwire VERSION+rules.HASH`` for the packaged data and ``actors_file`` (once per
    process and file). A missing ``actors_file`` adds nothing: loading the actors reports it."""
    data = Path(str(resources.files("conflictwire").joinpath("data")))
    extra = Path(actors_file) if actors_file is not None else None
    digest = rules_digest(data, extra if extra is not None and extra.is_file() else None)
    # A version that already has a local part ("0.1.0+dev") takes the hash as one more segment.
    joiner = "." if "+" in __version__ else "+"
    return f"conflictwire {__version__}{joiner}rules.{digest}"


def rules_digest(data: Path, actors_file: Path | None = None) -> str:
    """A short hash over the paths and bytes of the rule files under ``data`` (sorted by path),
    then the bytes of ``actors_file``."""
    digest = hashlib.sha256()
    for relative, path in sorted(_rule_files(data)):
        digest.update(relative.encode("utf-8") + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    if actors_file is not None:
        digest.update(b"actors_file\0")
        digest.update(hashlib.sha256(actors_file.read_bytes()).digest())
    return digest.hexdigest()[:HASH_DIGITS]


def _rule_files(data: Path) -> Iterator[tuple[str, Path]]:
    for path in data.rglob("*"):
        relative = path.relative_to(data)
        if not path.is_file() or relative.parts[0] in NOT_RULES:
            continue
        if "__pycache__" in relative.parts or relative.name.startswith("."):
            continue
        yield relative.as_posix(), path
