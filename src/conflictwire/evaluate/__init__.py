"""Scoring against gold JSONL in the ``../shared/devdata`` format."""

from .gold import GoldDocument, read_gold

__all__ = ["GoldDocument", "read_gold"]
