"""conflictwire: conflict news → sourced, geocoded, auditable event records."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("conflictwire")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0+unknown"
