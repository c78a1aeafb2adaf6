"""Short paths for terminals and links: `/Toronto`, `/Pasadena,CA`, `/@43.65,-79.38`,
`/Europe/Moscow`, `/messenger-2013-07-19/Toronto`, and `/:help`.

A path whose first segment is an event id asks about that event; any other path asks about the
main event (see `service.application.question.split_path`). These routes match almost any path,
so the app registers them last; the first segments of the app's own routes are reserved and
answer the usual 404.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException

from service.application.question import is_reserved, openapi_parameters
from service.errors import ServiceError
from service.render import plain_html, terminal, words
from service.web.deps import PagesDep, question_of
from service.web.respond import (
    NEGOTIATED_VARY,
    PLAIN_CSP,
    html,
    page_response,
    refusal,
    terminal_response,
    usage_text,
)

ANSWER_TYPES: dict[int | str, dict[str, Any]] = {
    200: {
        "content": {"text/plain": {}, "text/html": {}, "application/json": {}},
        "description": "Plain text for terminals, HTML for browsers, JSON on request",
    }
}
QUERY = {"parameters": openapi_parameters("lang", "format")}

router = APIRouter(tags=["curl"])


@router.get(
    "/:help", summary="How to ask from a terminal", responses=ANSWER_TYPES, openapi_extra=QUERY
)
async def usage(request: Request, pages: PagesDep) -> Response:
    """Usage with examples against this server."""
    try:
        q = question_of(request, pages.asking, formats=("text", "json", "html"), names=())
    except ServiceError as error:
        return refusal(request, pages, error)
    m = pages.site.messages.reader(q.language)
    base = pages.links(request).base
    body = usage_text(pages, base, m)
    if q.format == "json":
        examples = [{"url": url, "what": what} for url, what in terminal.help_examples(base, m)]
        return JSONResponse(
            {"usage": body, "examples": examples}, headers={"Vary": NEGOTIATED_VARY}
        )
    if q.format == "html":
        title = words.title(":help", m)
        return html(plain_html.page(title, body, q.language.used), 200, q.language.used, PLAIN_CSP)
    return Response(body, media_type="text/plain; charset=utf-8", headers={"Vary": NEGOTIATED_VARY})


@router.get(
    "/{place}", summary="The main event, for a place", responses=ANSWER_TYPES, openapi_extra=QUERY
)
async def main_event(place: str, request: Request, pages: PagesDep) -> Response:
    """`/Toronto`, `/Pasadena,CA`, `/Sao%20Paulo`, `/@43.65,-79.38`, `/UTC`."""
    return _answer(request, pages, place)


@router.get(
    "/{first}/{rest:path}",
    summary="An event for a place, or a zone",
    responses=ANSWER_TYPES,
    openapi_extra=QUERY,
)
async def event_or_zone(first: str, rest: str, request: Request, pages: PagesDep) -> Response:
    """`/messenger-2013-07-19/Toronto`, `/Europe/Moscow`, `/cassini-2013/America/Toronto`."""
    return _answer(request, pages, f"{first}/{rest}")


def _answer(request: Request, pages: PagesDep, path: str) -> Response:
    if is_reserved(path):
        raise HTTPException(status_code=404)
    try:
        q = question_of(
            request, pages.asking, path=path, formats=("text", "json", "html"), names=()
        )
    except ServiceError as error:
        return refusal(request, pages, error)
    if q.format == "html":
        return page_response(request, pages, q)
    return terminal_response(request, pages, q)
