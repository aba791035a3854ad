"""An outlet's name, the one rule for it: the source as given, else the URL's host, else unknown.

Used where sources are compared (the store: is a copy of a stored text from another outlet?) and
listed (a canonical event's ``source``).
"""

from __future__ import annotations

from urllib.parse import urlsplit


def outlet_name(source: str | None, url: str | None) -> str:
    """``source`` (stripped), else the host of ``url`` without ``www.``, else ``unknown``."""
    if source and source.strip():
        return source.strip()
    try:
        host = urlsplit(url).hostname if url else None
    except ValueError:
        host = None
    return host.removeprefix("www.") if host else "unknown"
