"""One JSON error shape for the whole API: {"error": {"code", "message", ...details}}."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from service import errors

# Status per domain error type; the most specific class in an error's MRO wins.
STATUS: dict[type[errors.ServiceError], int] = {
    errors.ServiceError: 400,
    errors.InvalidParameter: 422,
    errors.UnknownEvent: 404,
    errors.UnknownArticle: 404,
    errors.UnknownTimeZone: 404,
    errors.NotReady: 503,
    errors.UnsupportedEmbedUrl: 404,
    errors.FormatNotImplemented: 501,
    errors.UnknownPlace: 404,
}


def status_for(error: errors.ServiceError) -> int:
    for cls in type(error).__mro__:
        if cls in STATUS:
            return STATUS[cls]
    return 400


def error_body(code: str, message: str, **details: Any) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, **details}}


def error_response(status: int, code: str, message: str, **details: Any) -> JSONResponse:
    return JSONResponse(error_body(code, message, **details), status_code=status)


def service_error_body(exc: errors.ServiceError) -> dict[str, Any]:
    """A domain error's body. A bad parameter also lists its problem as validation does, so that
    every 422 has the same shape: `parameter` and `problems`."""
    details = dict(exc.details)
    if isinstance(exc, errors.InvalidParameter):
        parameter = details.setdefault("parameter", "request")
        details.setdefault("problems", [{"parameter": parameter, "problem": exc.message}])
    return error_body(exc.code, exc.message, **details)


async def on_service_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, errors.ServiceError)
    return JSONResponse(service_error_body(exc), status_code=status_for(exc))


def _problem(raw: dict[str, Any]) -> dict[str, str]:
    """A validation problem without the offending input echoed back (it may be huge)."""
    where = [str(part) for part in raw.get("loc", ()) if part not in ("query", "path", "body")]
    return {"parameter": ".".join(where) or "request", "problem": str(raw.get("msg", "invalid"))}


async def on_validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    problems = [_problem(e) for e in exc.errors()]
    summary = "; ".join(f"{p['parameter']}: {p['problem']}" for p in problems)
    return error_response(
        422,
        "invalid_parameter",
        f"Fix the request: {summary}.",
        parameter=problems[0]["parameter"] if problems else "request",
        problems=problems,
    )


async def on_http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, HTTPException)
    if exc.status_code == 404:
        return error_response(
            404, "not_found", "No such path. See /docs for the API.", docs="/docs"
        )
    if exc.status_code == 405:
        # Every GET route answers HEAD too (the caching layer serves it as GET without a body).
        methods = [m.strip() for m in (exc.headers or {}).get("Allow", "GET").split(",")]
        allowed = ", ".join(
            [*methods, "HEAD"] if "GET" in methods and "HEAD" not in methods else methods
        )
        response = error_response(
            405, "method_not_allowed", f"This path answers {allowed} only.", allow=allowed
        )
        response.headers["Allow"] = allowed
        return response
    return error_response(exc.status_code, "http_error", str(exc.detail))


def install(app: FastAPI) -> None:
    app.add_exception_handler(errors.ServiceError, on_service_error)
    app.add_exception_handler(RequestValidationError, on_validation_error)
    app.add_exception_handler(HTTPException, on_http_error)
    app.add_exception_handler(Exception, on_unexpected)


async def on_unexpected(request: Request, exc: Exception) -> JSONResponse:
    """Last resort: a bug still answers in the API's shape (and the test suite hunts these)."""
    return error_response(500, "internal_error", "Something went wrong on our side.")
