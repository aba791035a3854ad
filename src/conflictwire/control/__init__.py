"""Who controls which place, when: control timelines from canonical territory events."""

from conflictwire.control.timeline import (
    TERRITORY_SUB_TYPES,
    Change,
    Timeline,
    build_timelines,
    control_on,
    shown_date,
)

__all__ = [
    "TERRITORY_SUB_TYPES",
    "Change",
    "Timeline",
    "build_timelines",
    "control_on",
    "shown_date",
]
