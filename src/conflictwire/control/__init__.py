"""Who controls which place, when: control timelines from canonical territory events."""

from conflictwire.control.timeline import (
    Change,
    Timeline,
    build_timelines,
    control_on,
    shown_date,
    territory_sub_types,
)

__all__ = [
    "Change",
    "Timeline",
    "build_timelines",
    "control_on",
    "shown_date",
    "territory_sub_types",
]
