"""Reading gold files: one ``{"id", "text", "title"?, "published"?, "gold": {...}}`` a line."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..models import Article


@dataclass
class GoldDocument:
    id: str
    text: str
    gold: dict[str, Any]
    title: str | None = None
    published: str | None = None
    url: str | None = None

    def to_article(self) -> Article:
        return Article(
            text=self.text,
            id=self.id,
            title=self.title,
            published=self.published,
            url=self.url,
            language="en",
        )


def read_gold(path: str | Path, *, limit: int | None = None) -> Iterator[GoldDocument]:
    """Gold documents from a JSONL file; a bad line raises with its line number."""
    with Path(path).open(encoding="utf-8") as handle:
        count = 0
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            if limit is not None and count >= limit:
                return
            try:
                data = json.loads(line)
                doc = GoldDocument(
                    id=str(data.get("id", number)),
                    text=data["text"],
                    gold=data.get("gold") or {},
                    title=data.get("title"),
                    published=data.get("published"),
                    url=data.get("url"),
                )
            except (json.JSONDecodeError, KeyError, TypeError) as exc:
                raise ValueError(f"{path}:{number}: not a gold record ({exc})") from None
            count += 1
            yield doc


def ratio(part: int, whole: int) -> float | None:
    """``part / whole`` rounded to 4 places, or None when there is nothing to divide by."""
    return round(part / whole, 4) if whole else None
