"""Turning failures of heavy resources into messages a user can act on (exit code 3)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from .options import fail


@contextmanager
def resource_errors() -> Iterator[None]:
    from ..nlp import ModelNotFoundError

    try:
        yield
    except ModelNotFoundError as exc:
        fail(str(exc))
    except sqlite3.DatabaseError as exc:
        fail(f"database error: {exc} (is the --db file a conflictwire database?)")
    except OSError as exc:
        fail(str(exc))
