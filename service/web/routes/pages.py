"""The page people see (`GET /`), the card other sites embed (`GET /embed`), and oEmbed.

The page answers on the server, so a link such as `/?city=Toronto` works without JavaScript and
in link previews; the script in `static/app.js` only adds autocomplete and "use my location".
"""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlsplit

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse, Response

from service.application.answer import Outcome, say_where
from service.application.question import (
    PLACE_PARAMETERS,
    is_reserved,
    openapi_parameters,
    parse_page_url,
)
from service.errors import (
    FormatNotImplemented,
    InvalidParameter,
    ServiceError,
    UnsupportedEmbedUrl,
)
from service.render import page
from service.web.deps import PagesDep, question_of
from service.web.errors import status_for
from service.web.respond import html, page_response, refusal, terminal_response

OEMBED_CACHE_AGE_S = 86_400
MAX_URL_CHARS = 1000
PAGE_OPTIONS = (*PLACE_PARAMETERS, "lang", "event")

HOME_TYPES: dict[int | str, dict[str, Any]] = {
    200: {
        "content": {"text/html": {}, "text/plain": {}, "application/json": {}},
        "description": "The page for browsers; plain text for terminals; JSON on request",
    }
}
PAGE_HTML: dict[int | str, dict[str, Any]] = {
    200: {"content": {"text/html": {}}, "description": "An HTML page"}
}

router = APIRouter(tags=["pages"])


@router.get(
    "/",
    response_class=Response,
    responses=HOME_TYPES,
    summary="The page: when to wave, where to look, and whether a place was in the picture",
    openapi_extra={"parameters": openapi_parameters(*PAGE_OPTIONS, "format")},
)
async def home(request: Request, pages: PagesDep) -> Response:
    """Rendered on the server: `/?city=Toronto` works without JavaScript and in link previews.
    A terminal (curl) gets the usage text, or the text answer when a place is given."""
    try:
        q = question_of(request, pages.asking, formats=("html", "text", "json"))
    except ServiceError as error:
        return refusal(request, pages, error)
    if q.format == "html":
        return page_response(request, pages, q)
    if q.format == "json" and not q.where.given:
        return refusal(request, pages, say_where("/?city=Toronto&format=json"))
    return terminal_response(request, pages, q)


def card_csp(card_css_sha256: str) -> str:
    return (
        f"default-src 'none'; style-src 'sha256-{card_css_sha256}'; img-src data:; "
        "base-uri 'none'; form-action 'none'; frame-ancestors *"
    )


@router.get(
    "/embed",
    response_class=Response,
    responses=PAGE_HTML,
    summary="A small card for an iframe on any site",
    openapi_extra={"parameters": openapi_parameters(*PAGE_OPTIONS)},
)
async def embed(request: Request, pages: PagesDep) -> Response:
    """Self-contained (its style inline, no request to anywhere); framable from any origin."""
    site = pages.site
    try:
        q = question_of(request, pages.asking, formats=("html",))
    except ServiceError as error:
        return refusal(request, pages, error)
    outcome = pages.answers.attempt(q)
    if outcome.answer is None and outcome.error is None:
        outcome = Outcome(outcome.event, error=say_where("/embed?city=Toronto"))
    body = page.card(site, pages.articles, q, outcome, pages.links(request))
    status = status_for(outcome.error) if outcome.error else 200
    return html(body, status, q.language.used, card_csp(site.card_css_sha256), framable=True)


@router.get(
    "/oembed",
    summary="oEmbed 1.0: the card of a page, for sites that embed links",
    responses={
        501: {"description": "Only format=json is served"},
        404: {"description": "Not a page of this site"},
    },
)
async def oembed(
    request: Request,
    pages: PagesDep,
    url: Annotated[
        str,
        Query(
            min_length=1,
            max_length=MAX_URL_CHARS,
            description="A page of this site",
            examples=["http://localhost:8000/?city=Toronto"],
        ),
    ],
    format: Annotated[
        str, Query(max_length=16, description="json (xml is not implemented: 501)")
    ] = "json",
    maxwidth: Annotated[
        int | None,
        Query(
            ge=1,
            le=10_000,
            description="The frame's widest: 200 or more; under 400, the compact card",
        ),
    ] = None,
    maxheight: Annotated[
        int | None, Query(ge=1, le=10_000, description="The frame's tallest: 180 or more")
    ] = None,
) -> JSONResponse:
    """A `rich` response whose html is an iframe of `/embed` for the same event, place and
    language. The page URL's parameters are read by the same parser as the page's."""
    if format.lower() != "json":
        raise FormatNotImplemented(
            f"format={format!r} is not served; use format=json.", supported=["json"]
        )
    links = pages.links(request)
    own = urlsplit(links.base).netloc  # PUBLIC_URL's, else the Host this request was checked for
    path = url.split("?", 1)[0].split("://", 1)[-1].partition("/")[2]
    if is_reserved(path) and path.strip("/") != "embed":
        raise UnsupportedEmbedUrl(
            f"No answer is served at /{path}: embed a page like /?city=Toronto."
        )
    try:
        q = parse_page_url(url, pages.asking, own)
    except InvalidParameter as error:
        if error.details.get("parameter") == "url":
            raise UnsupportedEmbedUrl(
                f"Only this site's pages can be embedded: URLs starting {links.base + '/'!r}.",
                example=f"{links.base}/oembed?url={links.base}/?city=Toronto&format=json",
            ) from None
        raise InvalidParameter(
            f"The page URL's {error.details.get('parameter')}: {error.message}",
            parameter="url",
        ) from None
    if not q.where.given:
        raise UnsupportedEmbedUrl("The URL names no place: embed a page like /?city=Toronto.")
    outcome = pages.answers.attempt(q)
    if outcome.error is not None:
        raise UnsupportedEmbedUrl(f"That URL has no answer to embed: {outcome.error.message}")
    return JSONResponse(
        page.oembed(pages.site, q, outcome, links, maxwidth, maxheight, OEMBED_CACHE_AGE_S)
    )
