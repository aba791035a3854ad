"""``conflictwire serve``: a JSON API (and, to come, the map) over a store, read-only."""

from conflictwire.serve.app import create_app

__all__ = ["create_app"]
