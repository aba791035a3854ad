"""Fuzz the settings loader: any TOML file, any bytes, any CONFLICTWIRE_* environment value.
Each gives Settings whose values have the types of the defaults, or a SettingsError with a
one-line message, never another exception (Hypothesis; profiles in fuzz_profiles.py)."""

from __future__ import annotations

import json
import math
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import fields
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from conflictwire.settings import Settings, SettingsError
from fuzz_inputs import any_text, hostile_bytes
from fuzz_profiles import examples

NAMES = tuple(f.name for f in fields(Settings))
DEFAULTS = Settings()

toml_scalars = st.one_of(
    st.booleans(),
    st.integers(),
    st.integers(-(2**63), 2**63 - 1),
    st.integers(10**300, 10**400),  # whole numbers past the largest float
    st.sampled_from((0, -1, 1, 2**63 - 1, -(2**63))),
    st.floats(),
    any_text,
    st.sampled_from(("2017-08-14", "9999-12-31", "20170814", "", " ", "1,2", "true", "1e400")),
    st.dates(),
    st.datetimes(),
    st.times(),
)  # fmt: skip
toml_values = st.recursive(
    toml_scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(any_text, inner, max_size=2),
    max_leaves=6,
)


def toml(value: Any) -> str:
    """``value`` written as a TOML value (tomllib reads TOML; the standard library writes none)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        return ("-inf" if value < 0 else "inf") if math.isinf(value) else repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, date | datetime | time):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(toml(v) for v in value) + "]"
    return "{" + ", ".join(f"{toml(str(k))} = {toml(v)}" for k, v in value.items()) + "}"


@st.composite
def toml_documents(draw: st.DrawFn) -> bytes:
    """Settings as a user writes them: known and unknown names, values of any type, under a
    ``[conflictwire]`` table or at the top, or no table at all."""
    names = st.one_of(st.sampled_from(NAMES), any_text)
    count = draw(st.integers(0, 4))
    lines = [f"{toml(draw(names))} = {toml(draw(toml_values))}" for _ in range(count)]
    layout = draw(st.sampled_from(("table", "top", "not a table", "other table")))
    if layout == "table":
        lines.insert(0, "[conflictwire]")
    elif layout == "not a table":
        lines.insert(0, f"conflictwire = {toml(draw(toml_scalars))}")
    elif layout == "other table":
        lines.insert(0, "[other]")
    return "\n".join(lines).encode("utf-8")


@contextmanager
def environment(values: dict[str, str]) -> Iterator[None]:
    """``CONFLICTWIRE_<NAME>`` set to the given values, and no other, for the block."""
    saved = {k: v for k, v in os.environ.items() if k.startswith("CONFLICTWIRE_")}
    for key in saved:
        del os.environ[key]
    os.environ.update({f"CONFLICTWIRE_{name.upper()}": value for name, value in values.items()})
    try:
        yield
    finally:
        for key in [k for k in os.environ if k.startswith("CONFLICTWIRE_")]:
            del os.environ[key]
        os.environ.update(saved)


def check_load(config: bytes, env: dict[str, str]) -> None:
    with tempfile.TemporaryDirectory() as folder, environment(env):
        path = Path(folder, "conflictwire.toml")
        path.write_bytes(config)
        try:
            settings = Settings.load(path)
        except SettingsError as exc:
            assert str(exc).strip() and "\n" not in str(exc), exc
            return
    for name in NAMES:
        value, default = getattr(settings, name), getattr(DEFAULTS, name)
        assert value is None or default is None or type(value) is type(default), (name, value)
        if isinstance(value, float):
            assert math.isfinite(value) and value >= 0, (name, value)
    assert settings.n_process >= 1 and settings.batch_size >= 1 and settings.max_text_bytes >= 1


env_text = st.text(st.characters(codec="utf-8", exclude_characters="\x00"), max_size=30)
environments = st.dictionaries(
    st.sampled_from(NAMES),
    st.one_of(env_text, st.integers().map(str), st.floats().map(str), st.sampled_from(("", " "))),
    max_size=3,
)


@examples(ci=150, long=20_000)
@given(config=toml_documents())
def test_any_settings_file(config: bytes) -> None:
    check_load(config, {})


@examples(ci=50, long=5_000)
@given(config=hostile_bytes)
def test_any_bytes_as_settings_file(config: bytes) -> None:
    check_load(config, {})


@examples(ci=100, long=10_000)
@given(config=toml_documents(), env=environments)
def test_any_environment(config: bytes, env: dict[str, str]) -> None:
    check_load(config, env)
