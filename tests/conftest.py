import sys
from pathlib import Path

# Make tests/fakes.py importable as `fakes` from every test module.
sys.path.insert(0, str(Path(__file__).parent))

# The fuzz suite's Hypothesis profile, loaded before any test module is imported.
import fuzz_profiles  # noqa: E402, F401
