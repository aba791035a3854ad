"""The map page in a real browser for the tests: `conflictwire serve`'s app on uvicorn in a
thread over a store, and Debian's chromium driven by Playwright (its own browser download does
not work here). Any request that is not to the local server is aborted and recorded, and the
test using the page fails on it; so do script errors, dialogs (an ``alert`` run from hostile
text) and Content-Security-Policy violations. Screenshots go to ``$CONFLICTWIRE_TEST_OUTPUT``
(default ``test-output/``) under ``browser/``."""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import uvicorn

CHROMIUM = os.environ.get("CONFLICTWIRE_CHROMIUM", "/usr/bin/chromium")
# Flags as root in a container, and none of chromium's own calls home (refused here anyway).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-features=MediaRouter,OptimizationHints,Translate",
]
OUTPUT = Path(os.environ.get("CONFLICTWIRE_TEST_OUTPUT", "test-output")) / "browser"


def chromium_or_skip() -> str:
    """The browser's path; a missing one skips the test, unless CI asked for them (`.ci/run`
    sets CONFLICTWIRE_BROWSER_TESTS=required and installs chromium)."""
    if Path(CHROMIUM).exists() or shutil.which(CHROMIUM):
        return CHROMIUM
    message = f"no chromium at {CHROMIUM} (apt-get install chromium, as .ci/run does)"
    if os.environ.get("CONFLICTWIRE_BROWSER_TESTS") == "required":
        pytest.fail(message)
    pytest.skip(message)


@contextmanager
def serving(app: Any) -> Iterator[str]:
    """``app`` served on a free local port; yields its base address."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join(10)


@dataclass
class Watch:
    """What a page did that a test must not see."""

    base: str
    outside: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def problems(self) -> list[str]:
        return (
            [f"request outside the local server: {u}" for u in self.outside]
            + [f"page error: {e}" for e in self.errors]
            + [f"dialog opened (script ran): {d}" for d in self.dialogs]
        )


def watch(page: Any, base: str) -> Watch:
    seen = Watch(base)

    def route(r: Any) -> None:
        if r.request.url.startswith(base + "/"):
            r.continue_()
        else:
            seen.outside.append(r.request.url)
            r.abort()

    def console(message: Any) -> None:
        text = message.text
        if message.type == "error" or "Content Security Policy" in text:
            seen.errors.append(text)

    def dialog(d: Any) -> None:
        seen.dialogs.append(d.message)
        d.dismiss()

    page.context.route("**/*", route)
    page.on("console", console)
    page.on("pageerror", lambda e: seen.errors.append(str(e)))
    page.on("dialog", dialog)
    return seen


def screenshot(page: Any, name: str) -> Path:
    OUTPUT.mkdir(parents=True, exist_ok=True)
    path = OUTPUT / f"{name}.png"
    page.screenshot(path=str(path))
    return path
