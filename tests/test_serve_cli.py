"""`conflictwire serve` on the command line: its help, the stores and ports it refuses (exit 3),
and a real server answering on a port of its own (issue 14)."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from click.testing import CliRunner

from conflictwire.cli import main
from conflictwire.serve.security import CONTENT_SECURITY_POLICY
from serve_store import build_store
from store_files import foreign_database

SRC = Path(__file__).parents[1] / "src"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_help():
    code, out, _ = run("serve", "--help")
    assert code == 0
    for option in ("--db", "--host", "--port", "127.0.0.1", "8000", "/api/docs"):
        assert option in out


def test_a_missing_store_is_refused_with_exit_3(tmp_path: Path):
    missing = tmp_path / "missing.db"
    code, _, err = run("serve", "--db", str(missing))
    assert code == 3
    assert f"error: no database at {missing}" in err and "conflictwire ingest" in err
    assert not missing.exists()


def test_another_programs_database_is_refused_with_exit_3(tmp_path: Path):
    path = foreign_database(tmp_path / "shop.db")
    code, _, err = run("serve", "--db", str(path))
    assert code == 3 and f"error: {path} is not a conflictwire store" in err


def test_a_port_in_use_is_refused_with_exit_3(tmp_path: Path):
    path = build_store(tmp_path / "store.db")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        code, _, err = run("serve", "--db", str(path), "--port", str(port))
    assert code == 3 and f"error: cannot listen on 127.0.0.1:{port}" in err


def test_a_bad_port_is_a_usage_error(tmp_path: Path):
    assert run("serve", "--port", "70000")[0] == 2


def test_the_server_answers_on_its_port_until_ctrl_c(tmp_path: Path):
    path = build_store(tmp_path / "store.db")
    env = {**os.environ, "PYTHONPATH": f"{SRC}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"}
    server = subprocess.Popen(
        [sys.executable, "-m", "conflictwire", "serve", "--db", str(path), "--port", "0"],
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=tmp_path,
    )
    try:
        assert server.stderr is not None
        line = server.stderr.readline()
        assert line.startswith(f"serving {path} at http://127.0.0.1:"), line
        base = line.split(" at ", 1)[1].split()[0].rstrip("/")
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"{base}/api/events?mode=points") as response:
                    body = json.load(response)
                    headers = response.headers
                break
            except OSError:
                assert time.monotonic() < deadline, "the server did not answer"
                time.sleep(0.2)
        assert body["total"] == 10
        assert headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
        server.send_signal(signal.SIGINT)
        assert server.wait(timeout=30) == 130  # Ctrl-C, as every command ends on it
        assert "interrupted" in server.stderr.read()
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()
