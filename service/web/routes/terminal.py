"""Short paths for terminals and links: `/Toronto`, `/Pasadena,CA`, `/@43.65,-79.38`,
`/Europe/Moscow`, `/messenger-2013-07-19/Toronto`, and `/:help`.

A path whose first segment is an event id asks about that event; any other path asks about the
main event. The place is then tried as a time zone (zones have a slash), then as a city. These
routes match almost any path, so the app registers them last; the first segments of the app's
own routes are reserved and answer the usual 404.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from starlette.exceptions import HTTPException

from service.errors import InvalidParameter, ServiceError, UnknownPlace
from service.events import Catalogue, Event
from service.render import plain_html, text
from service.render.formats import Format, choose_format, fallback_format
from service.render.i18n import LanguageChoice
from service.web.deps import MAX_PARAM_CHARS, ResourcesDep
from service.web.errors import error_body, status_for
from service.web.language import ENGLISH, LanguageDep
from service.web.routes import events, pages

MAIN_EVENT_ID = "cassini-2013"
RESERVED = frozenset(
    {
        "v1",
        "docs",
        "redoc",
        "openapi.json",
        "healthz",
        "embed",
        "oembed",
        "static",
        "favicon.ico",
        "robots.txt",
    }
)
VARY = {"Vary": "Accept, User-Agent"}
ANSWER_TYPES = {
    200: {
        "content": {"text/plain": {}, "text/html": {}, "application/json": {}},
        "description": "Plain text for terminals, HTML for browsers, JSON on request",
    }
}

router = APIRouter(tags=["curl"])


@router.get("/:help", summary="How to ask from a terminal", responses=ANSWER_TYPES)
async def usage(request: Request, resources: ResourcesDep) -> Response:
    """Usage with examples against this server."""
    try:
        fmt = choose_format(request)
    except ServiceError as error:
        return _error(request, fallback_format(request), error)
    body = text.usage(str(request.base_url), resources.catalogue.ids(), MAIN_EVENT_ID)
    if fmt == "json":
        base = str(request.base_url).rstrip("/")
        examples = [{"url": f"{base}/{path}", "what": what} for path, what in text.HELP_EXAMPLES]
        return JSONResponse({"usage": body, "examples": examples}, headers=VARY)
    return _page(fmt, "Wave at Saturn: how to ask", body, 200)


@router.get("/{place}", summary="The main event, for a place", responses=ANSWER_TYPES)
async def main_event(
    place: str, request: Request, resources: ResourcesDep, language: LanguageDep
) -> Response:
    """`/Toronto`, `/Pasadena,CA`, `/Sao%20Paulo`, `/@43.65,-79.38`, `/UTC`."""
    return await _answer(request, resources, place, language)


@router.get(
    "/{first}/{rest:path}", summary="An event for a place, or a zone", responses=ANSWER_TYPES
)
async def event_or_zone(
    first: str, rest: str, request: Request, resources: ResourcesDep, language: LanguageDep
) -> Response:
    """`/messenger-2013-07-19/Toronto`, `/Europe/Moscow`, `/cassini-2013/America/Toronto`."""
    return await _answer(request, resources, f"{first}/{rest}", language)


def split_path(catalogue: Catalogue, path: str) -> tuple[Event, str]:
    """The event a path names (its first segment, if an event id) and the place text after it."""
    first, _, rest = path.partition("/")
    if first in catalogue.ids():
        if not rest.strip():
            raise InvalidParameter(
                f"Add a place after the event: /{first}/Toronto or /{first}/@43.65,-79.38.",
                parameter="place",
            )
        return catalogue.get(first), rest
    return catalogue.get(MAIN_EVENT_ID), path


async def _answer(
    request: Request, resources: ResourcesDep, path: str, language: LanguageChoice = ENGLISH
) -> Response:
    if path.partition("/")[0] in RESERVED:
        raise HTTPException(status_code=404)
    try:
        fmt = choose_format(request)
    except ServiceError as error:
        return _error(request, fallback_format(request), error)
    if fmt == "html":
        return _browser_page(request, resources, path, language)
    try:
        if len(path) > MAX_PARAM_CHARS:
            raise InvalidParameter(
                f"The place is over {MAX_PARAM_CHARS} characters; shorten it.", parameter="place"
            )
        event, place_text = split_path(resources.catalogue, path)
        place = resources.places.from_text(place_text)
        # The JSON route's own answer, so that text and JSON never differ.
        answer = events.local_answer(event, resources, place)
    except ServiceError as error:
        return _error(request, fmt, error)
    if fmt == "json":
        return JSONResponse(answer, headers=VARY)
    return PlainTextResponse(
        text.local_answer(answer, event.name, str(request.base_url)), headers=VARY
    )


def _browser_page(
    request: Request, resources: ResourcesDep, path: str, language: LanguageChoice
) -> Response:
    """Browsers get the site's page for the event and place the path names."""
    first, _, rest = path.partition("/")
    event_id, place_text = (
        (first, rest) if first in resources.catalogue.ids() else (MAIN_EVENT_ID, path)
    )
    return pages.render_page(
        request, resources, event_id, pages.Where(place_text=place_text), language
    )


def _error(request: Request, fmt: Format, error: ServiceError) -> Response:
    """The error in the chosen format, with the status the JSON API gives it."""
    status = status_for(error)
    if fmt == "json":
        return JSONResponse(
            error_body(error.code, error.message, **error.details), status_code=status, headers=VARY
        )
    suggestions = error.details.get("suggestions") or []
    body = text.error(
        error.message, suggestions, str(request.base_url), isinstance(error, UnknownPlace)
    )
    return _page(
        fmt,
        "Wave at Saturn: not found" if status == 404 else "Wave at Saturn: check the request",
        body,
        status,
    )


def _page(fmt: Format, title: str, body: str, status: int) -> Response:
    if fmt == "html":
        return HTMLResponse(plain_html.page(title, body), status_code=status, headers=VARY)
    return PlainTextResponse(body, status_code=status, headers=VARY)
