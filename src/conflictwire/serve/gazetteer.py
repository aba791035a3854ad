"""The gazetteer for place searches: opened on the first request that needs it (never built
here: a missing or stale index is a 503 saying how to build it), shared under a lock."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from starlette.requests import Request

from ..settings import Settings
from .errors import ApiError


class Places:
    """Gazetteer look-ups for the API (``gazetteer``: an opened one, for tests)."""

    def __init__(self, settings: Settings, gazetteer: Any = None) -> None:
        self.settings = settings
        self._gazetteer = gazetteer
        self._lock = threading.Lock()

    def _open(self) -> Any:
        if self._gazetteer is None:
            from ..gazetteer import Gazetteer, GazetteerError

            path = self.settings.gazetteer_path
            try:
                self._gazetteer = Gazetteer.open(Path(path) if path else None, build=False)
            except GazetteerError as exc:
                reason = str(exc).split(";")[0]
                raise ApiError(
                    503, f"{reason}; build it with `conflictwire gazetteer build`"
                ) from None
        return self._gazetteer

    def lookup(self, name: str) -> list[Any]:
        """Places ``name`` may refer to, most populous first (``Gazetteer.lookup``)."""
        with self._lock:
            return list(self._open().lookup(name))

    def get(self, geonameid: int) -> Any | None:
        with self._lock:
            return self._open().get(geonameid)


def places_of(request: Request) -> Places:
    found: Places = request.app.state.places
    return found
