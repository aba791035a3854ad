"""SQLite store for article records: schema migrations, idempotent batch inserts, queries."""

from conflictwire.store.database import ITEM_COLUMNS, TABLES, AddResult, Store
from conflictwire.store.migrations import MIGRATIONS, Migration, applied_migrations, migrate

__all__ = [
    "ITEM_COLUMNS",
    "MIGRATIONS",
    "TABLES",
    "AddResult",
    "Migration",
    "Store",
    "applied_migrations",
    "migrate",
]
