"""Errors as JSON: ``{"status": 422, "error": "one line", "problems": [...]}``.

Every error the API returns has this shape, whatever raised it: a bad parameter (422, with one
problem per parameter), an unknown id or path (404), a method other than GET (405), a body over
the size cap (413), a store that cannot be read (503, with the store's own message) and, last,
a fault of ours (500, without details).
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from ..store import StoreError, explain

log = logging.getLogger(__name__)


class ApiError(Exception):
    """An error answered with ``status`` and a one-line ``message`` (and, for bad parameters,
    a problem per parameter)."""

    def __init__(self, status: int, message: str, problems: Sequence[dict[str, str]] = ()) -> None:
        super().__init__(message)
        self.status, self.message, self.problems = status, message, list(problems)


def bad_parameter(name: str, message: str) -> ApiError:
    """A 422 naming the parameter: ``bbox: give four numbers ...``."""
    return ApiError(422, f"{name}: {message}", [{"parameter": name, "message": message}])


def not_found(message: str) -> ApiError:
    return ApiError(404, message)


def error_response(
    status: int, message: str, problems: Sequence[dict[str, str]] = ()
) -> JSONResponse:
    body: dict[str, Any] = {"status": status, "error": message}
    if problems:
        body["problems"] = list(problems)
    return JSONResponse(body, status_code=status)


def _parameter(location: Sequence[Any]) -> str:
    """The parameter a validation error is about (``("query", "limit")`` -> ``limit``)."""
    names = [str(part) for part in location if part not in ("query", "path", "body")]
    return ".".join(names) or "request"


def _validation_problems(exc: RequestValidationError) -> list[dict[str, str]]:
    problems = []
    for error in exc.errors():
        message = str(error.get("msg", "not a valid value"))
        if "input" in error and error.get("type") != "missing":
            message += f" (got {str(error['input'])[:80]!r})"
        problems.append({"parameter": _parameter(error.get("loc", ())), "message": message})
    return problems


def install(app: FastAPI, db_path: str) -> None:
    """Answer every error the app raises as JSON (see the module's docstring)."""

    async def api_error(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, ApiError)
        return error_response(exc.status, exc.message, exc.problems)

    async def invalid(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, RequestValidationError)
        problems = _validation_problems(exc)
        message = "; ".join(f"{p['parameter']}: {p['message']}" for p in problems)
        return error_response(422, message or "invalid request", problems)

    async def http_error(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, HTTPException)
        messages = {404: f"no such path: {request.url.path}", 405: "only GET is served"}
        message = messages.get(exc.status_code, str(exc.detail))
        response = error_response(exc.status_code, message)
        if exc.status_code == 405:
            response.headers["Allow"] = "GET"
        return response

    async def store_error(request: Request, exc: Exception) -> JSONResponse:
        if isinstance(exc, sqlite3.Error):
            exc = explain(exc, db_path)
        assert isinstance(exc, StoreError)
        log.error("%s", exc.message)
        return error_response(503, exc.message)

    app.add_exception_handler(ApiError, api_error)
    app.add_exception_handler(RequestValidationError, invalid)
    app.add_exception_handler(HTTPException, http_error)
    app.add_exception_handler(StoreError, store_error)
    app.add_exception_handler(sqlite3.Error, store_error)
