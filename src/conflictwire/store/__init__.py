"""SQLite store for article records: schema migrations, idempotent batch inserts, queries."""

from conflictwire.store.database import ITEM_COLUMNS, TABLES, AddResult, Renamed, Store
from conflictwire.store.errors import Cause, StoreError, explain, explained
from conflictwire.store.migrations import MIGRATIONS, Migration, applied_migrations, migrate
from conflictwire.store.opening import APPLICATION_ID, read_only_connection

__all__ = [
    "APPLICATION_ID",
    "ITEM_COLUMNS",
    "MIGRATIONS",
    "TABLES",
    "AddResult",
    "Cause",
    "Migration",
    "Renamed",
    "Store",
    "StoreError",
    "applied_migrations",
    "explain",
    "explained",
    "migrate",
    "read_only_connection",
]
