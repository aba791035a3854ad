"""The fuzz suite's two Hypothesis profiles (tests/test_fuzz_*.py), chosen by ``CONFLICTWIRE_FUZZ``.

- ``ci`` (the default, what ``make test`` and CI run): a bounded number of examples per test,
  the same ones on every run (``derandomize``), nothing saved between runs.
- ``long`` (by hand, README "Fuzzing"): fresh random examples, many times more; a failing
  example is kept in ``.hypothesis/`` and tried first on the next run.

No deadline in either: one example's time depends on the machine, and slow is not wrong here.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

FUZZ_ENV = "CONFLICTWIRE_FUZZ"
PROFILES = ("ci", "long")
PROFILE = os.environ.get(FUZZ_ENV) or "ci"
if PROFILE not in PROFILES:
    raise SystemExit(f"{FUZZ_ENV}={PROFILE!r}: give one of {', '.join(PROFILES)}")

# Our inputs are large on purpose (deep nesting, long lines) and some readers are slow.
_HEALTH = (HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example)
settings.register_profile(
    "ci", deadline=None, derandomize=True, database=None, print_blob=True,
    suppress_health_check=_HEALTH,
)  # fmt: skip
settings.register_profile("long", deadline=None, print_blob=True, suppress_health_check=_HEALTH)
settings.load_profile(PROFILE)


def examples(ci: int, long: int) -> settings:
    """A fuzz test's settings: ``ci`` examples under the ci profile, ``long`` under long."""
    return settings(max_examples=long if PROFILE == "long" else ci)
