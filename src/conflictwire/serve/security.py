"""What every response carries and every request is held to, as one ASGI middleware.

- headers on every response, errors included: a Content-Security-Policy that allows only this
  server's own scripts, styles and images (no inline script, no plugin, no framing) and
  ``X-Content-Type-Options: nosniff`` (a JSON answer is never sniffed into HTML);
- a request body over :data:`MAX_BODY_BYTES` is refused with 413 before the app sees it (the
  API is GET-only: no request needs one);
- a fault of ours becomes a JSON 500 with the same headers (the traceback goes to the log).
"""

from __future__ import annotations

import json
import logging

from starlette.types import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger(__name__)

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; "
    "frame-ancestors 'none'"
)
SECURITY_HEADERS = (
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
)
MAX_BODY_BYTES = 64 * 1024


class Guard:
    """The middleware (see the module's docstring)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                names = {name for name, _ in SECURITY_HEADERS}
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() not in names]
                message = {**message, "headers": [*headers, *SECURITY_HEADERS]}
            await send(message)

        headers = dict(scope.get("headers", []))
        declared = headers.get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > MAX_BODY_BYTES):
            await _error(send_with_headers, 413, _too_large())
            return
        if b"transfer-encoding" in headers:  # a body of unstated length: read it first
            body = await _read_capped(receive)
            if body is None:
                await _error(send_with_headers, 413, _too_large())
                return
            receive = _replay(body, receive)
        try:
            await self.app(scope, receive, send_with_headers)
        except Exception:
            log.exception("error answering %s %s", scope.get("method"), scope.get("path"))
            if started:
                raise
            await _error(send_with_headers, 500, "internal error; see the server's log")


async def _read_capped(receive: Receive) -> bytes | None:
    """The request's body, or ``None`` once it passes :data:`MAX_BODY_BYTES`."""
    body = b""
    while True:
        message = await receive()
        if message["type"] != "http.request":
            return body
        body += message.get("body", b"")
        if len(body) > MAX_BODY_BYTES:
            return None
        if not message.get("more_body", False):
            return body


def _replay(body: bytes, receive: Receive) -> Receive:
    """``receive`` that hands the app the body already read, then goes on as before."""
    pending = [{"type": "http.request", "body": body, "more_body": False}]

    async def replayed() -> Message:
        return pending.pop() if pending else await receive()

    return replayed


def _too_large() -> str:
    return f"request body over {MAX_BODY_BYTES // 1024} KB; the API takes GET requests only"


async def _error(send: Send, status: int, message: str) -> None:
    body = json.dumps({"status": status, "error": message}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
