"""What ingest reports when an input gives no article."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

STDIN_ORIGIN = "-"


@dataclass
class IngestError:
    """An input (or one entry, line or record of it) that could not be read as an article.

    ``origin`` is the file path, with ``#entry N`` or ``:line N`` where it names a part of the
    file, or ``-`` for stdin; ``message`` says what went wrong and what the user can do.
    """

    origin: str
    message: str

    def __str__(self) -> str:
        return f"{self.origin}: {self.message}"


class Rejected(Exception):
    """Raised inside a reader for an input that gives no article; becomes an :class:`IngestError`.

    The message is for the user, as :attr:`IngestError.message`.
    """

    def error(self, origin: str) -> IngestError:
        return IngestError(origin, str(self))


def too_big(what: str, limit: int, size: int | None = None, basis: str = "") -> Rejected:
    """The error for an input over a size limit derived from ``max_text_bytes``: its size when
    known (a file), the limit and ``basis``, how the limit follows from the setting."""
    stated = f"is {size:,} bytes, over" if size is not None else "is over"
    return Rejected(
        f"{what} {stated} the limit of {limit:,} bytes{basis}; raise the setting "
        "max_text_bytes (env CONFLICTWIRE_MAX_TEXT_BYTES) to read it"
    )


# Characters that would break a one-line message, or change how the rest of it shows:
# control characters, line and paragraph separators, format characters (bidi overrides).
UNSHOWN_CATEGORIES = frozenset(("Cc", "Cf", "Zl", "Zp"))


def one_line(value: str) -> str:
    """``value`` (a name read from the input) as a message may quote it: characters of
    ``UNSHOWN_CATEGORIES`` written as Python escapes (``\\n``, ``\\x00``, ``\\u202e``)."""
    return "".join(
        ascii(ch)[1:-1] if unicodedata.category(ch) in UNSHOWN_CATEGORIES else ch for ch in value
    )
