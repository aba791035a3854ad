"""Fuzz the command line where outside bytes enter: any input on stdin, any option values.
No traceback, ever: an exit code the README lists, stdout holding schema-valid records only,
and what ``ingest`` stores is what ``extract`` writes (Hypothesis; profiles in fuzz_profiles.py).

The pipeline is the pass-through stand-in (cli_fakes.py): the model's part is fuzzed end to end
in test_fuzz_extract.py.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Sequence
from pathlib import Path
from unittest import mock

from click.testing import CliRunner, Result
from hypothesis import given
from hypothesis import strategies as st

from cli_fakes import PassThrough
from conflictwire.cli import main
from conflictwire.cli import process as process_commands
from conflictwire.cli.errors import ExitCode
from conflictwire.export import FORMATS
from fuzz_inputs import any_document, any_text, check_record, written_dates
from fuzz_profiles import examples

EXIT_CODES = (ExitCode.OK, ExitCode.INPUT_FAILED, ExitCode.USAGE, ExitCode.RESOURCE)
# Lines a command writes on stderr besides click's usage errors.
MESSAGE_STARTS = ("warning: ", "error: ", "note: ")
SUMMARIES = ("events updated)", " records written")  # ingest's and export's last lines

option_values = st.one_of(any_text, written_dates, st.integers().map(str))
options = st.lists(
    st.one_of(
        st.tuples(st.just("--published"), option_values),
        st.tuples(st.just("--n-process"), option_values),
        st.tuples(st.just("--format"), st.one_of(st.sampled_from(FORMATS), any_text)),
        st.tuples(st.just("--model"), any_text),
    ),
    max_size=3,
).map(lambda pairs: [word for pair in pairs for word in pair])


def invoke(args: Sequence[str], data: bytes = b"") -> Result:
    with mock.patch.object(process_commands, "Pipeline", PassThrough):
        result = CliRunner().invoke(main, list(args), input=data)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception  # a traceback a user would have seen
    assert result.exit_code in EXIT_CODES, (result.exit_code, result.stderr)
    if result.exit_code != ExitCode.USAGE:
        for line in result.stderr.splitlines():
            assert line.startswith(MESSAGE_STARTS) or line.endswith(SUMMARIES), line
    return result


def records(stdout: str) -> list[dict]:
    found = [json.loads(line) for line in stdout.splitlines()]
    for record in found:
        check_record(record)
    return found


@examples(ci=40, long=5_000)
@given(data=any_document, words=options)
def test_extract_from_stdin_with_any_options(data: bytes, words: list[str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        output = Path(folder, "out")
        result = invoke(["extract", "-", *words, "-o", str(output)], data)
        if result.exit_code in (ExitCode.OK, ExitCode.INPUT_FAILED) and "--format" not in words:
            records(output.read_text(encoding="utf-8"))


@examples(ci=30, long=3_000)
@given(data=any_document)
def test_ingest_stores_what_extract_writes(data: bytes) -> None:
    extracted = invoke(["extract", "-"], data)
    with tempfile.TemporaryDirectory() as folder:
        db = str(Path(folder, "cw.db"))
        ingested = invoke(["ingest", "-", "--db", db], data)
        assert (extracted.exit_code, ingested.exit_code) in ((0, 0), (1, 1))
        if Path(db).exists():
            exported = invoke(["export", "--db", db])
            assert exported.exit_code == ExitCode.OK
            stored = records(exported.stdout)
        else:
            stored = []
    written = records(extracted.stdout)
    assert {r["text"] for r in stored} == {r["text"] for r in written}
    assert len({r["id"] for r in stored}) == len(stored)
