"""The page people see (`GET /`), the card other sites embed (`GET /embed`), and oEmbed.

The page answers on the server, so a link such as `/?city=Toronto` works without JavaScript and
in link previews; the script in `static/app.js` only adds autocomplete and "use my location".
Both render the JSON answer of `/v1/events/{id}/local` (see `service.render.view`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated, Any
from urllib.parse import parse_qs, unquote, urlsplit

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response

from service.application.resources import Resources
from service.errors import (
    FormatNotImplemented,
    InvalidParameter,
    ServiceError,
    UnknownPlace,
    UnsupportedEmbedUrl,
)
from service.events import Event
from service.places.resolve import Place, parse_degrees
from service.render import i18n, text, view
from service.render.formats import choose_format
from service.render.i18n import LanguageChoice, Messages, choose_language
from service.web import deps
from service.web.deps import MAX_PARAM_CHARS, ResourcesDep
from service.web.errors import status_for
from service.web.language import LanguageDep
from service.web.routes import events

MAIN_EVENT_ID = "cassini-2013"
PLACE_KEYS = ("city", "country", "tz", "lat", "lon")
CARD_WIDTH_PX = 440
CARD_HEIGHT_PX = 300
OEMBED_CACHE_AGE_S = 86_400
MAX_URL_CHARS = 1000
RESERVED_PATHS = frozenset(
    {"v1", "docs", "redoc", "openapi.json", "healthz", "embed", "oembed", "static", ":help"}
)

PAGE_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'self'"
)
PAGE_HTML = {200: {"content": {"text/html": {}}, "description": "An HTML page"}}
HOME_TYPES = {
    200: {
        "content": {"text/html": {}, "text/plain": {}, "application/json": {}},
        "description": "The page for browsers; plain text for terminals; JSON on request",
    }
}
TERMINAL_VARY = {"Vary": "Accept, User-Agent, Accept-Language"}

router = APIRouter(tags=["pages"])

EventQuery = Annotated[
    str, Query(max_length=deps.MAX_ID_CHARS, description="Event id", examples=["cassini-2013"])
]
TextQuery = Annotated[str | None, Query(max_length=MAX_PARAM_CHARS)]
# Text, not a number: a malformed value is reported on the page (or card) in the reader's language,
# not as the API's JSON 422 a browser would show raw.
CoordinateQuery = Annotated[
    str | None, Query(max_length=MAX_PARAM_CHARS, description="Decimal degrees")
]


@dataclass(frozen=True)
class Where:
    """The place a page asks about, as given: query parameters, or free text (a short path, `place=`)."""

    params: dict[str, Any] = field(default_factory=dict)
    place_text: str | None = None

    @classmethod
    def from_query(cls, place: str | None = None, **given: Any) -> Where:
        """Query parameters; `place` is free text as in a short path, used when nothing else is given."""
        params = {k: v for k, v in given.items() if v is not None and v != ""}
        return cls(params, None if params or not place else place)

    @property
    def given(self) -> bool:
        return bool(self.params) or bool(self.place_text and self.place_text.strip())

    def resolve(self, resources: Resources) -> Place | None:
        if self.place_text is not None:
            if len(self.place_text) > MAX_PARAM_CHARS:
                raise InvalidParameter(
                    f"The place is over {MAX_PARAM_CHARS} characters; shorten it.",
                    parameter="place",
                )
            return resources.places.from_text(self.place_text) if self.place_text.strip() else None
        if not self.params:
            return None
        typed = {
            k: parse_degrees(v, k)
            for k, v in self.params.items()
            if k in ("lat", "lon") and isinstance(v, str)
        }
        return deps.place_from_query(resources, **{**self.params, **typed})

    def box_text(self) -> str:
        """What the place box shows: the text that was typed, or nothing for coordinates."""
        return self.place_text or self.params.get("city") or self.params.get("tz") or ""


async def where_from_query(
    place: Annotated[
        str | None,
        Query(
            max_length=MAX_PARAM_CHARS,
            description="Free text as in a short path: "
            "a city, a zone, or @lat,lon (what the place box sends)",
        ),
    ] = None,
    city: TextQuery = None,
    country: TextQuery = None,
    tz: TextQuery = None,
    lat: CoordinateQuery = None,
    lon: CoordinateQuery = None,
) -> Where:
    """The place parameters the page and the card take, as given."""
    return Where.from_query(place, city=city, country=country, tz=tz, lat=lat, lon=lon)


WhereDep = Annotated[Where, Depends(where_from_query)]


@dataclass(frozen=True)
class Answered:
    """An event asked about for a place: the JSON answer, or the error that stopped it."""

    event: Event
    answer: dict | None
    error: ServiceError | None

    @property
    def status(self) -> int:
        return status_for(self.error) if self.error else 200


def answer_for(
    resources: Resources, event_id: str, where: Where, language: LanguageChoice
) -> Answered:
    """The `local` answer for an event and a place; an unknown event shows the main one beside its error."""
    catalogue = resources.catalogue
    try:
        event = catalogue.get(event_id)
    except ServiceError as error:
        return Answered(catalogue.get(MAIN_EVENT_ID), None, error)
    try:
        place = where.resolve(resources)
    except ServiceError as error:
        return Answered(event, None, error)
    if place is None:
        return Answered(event, None, None)
    return Answered(event, events.local_answer(event, resources, place, language), None)


def html(
    body: str, status: int, language: LanguageChoice, csp: str, framable: bool = False
) -> HTMLResponse:
    headers = {"Content-Security-Policy": csp, "Content-Language": language.used, **TERMINAL_VARY}
    if not framable:
        headers["X-Frame-Options"] = "SAMEORIGIN"
    return HTMLResponse(body, status_code=status, headers=headers)


def link_params(event: Event, where: Where, lang: str | None, place: dict | None = None) -> dict:
    """The query that asks this page again: a path's place becomes its resolved city or point."""
    params = dict(where.params)
    if where.place_text is not None:
        params = place_params(place) if place is not None else {"place": where.place_text}
    return {"event": None if event.id == MAIN_EVENT_ID else event.id, **params, "lang": lang}


def place_params(place: dict) -> dict:
    if place.get("resolved_from") == "city" and place.get("query"):
        return {"city": place["query"]}
    if place.get("resolved_from") == "timezone":
        return {"tz": place["tz"]}
    return {"lat": place["lat"], "lon": place["lon"]}


# --- the page ---------------------------------------------------------------------------------


def page_context(
    request: Request,
    resources: Resources,
    result: Answered,
    where: Where,
    language: LanguageChoice,
    lang_param: str | None,
) -> dict:
    """Everything the page template shows."""
    m = resources.site.messages[language.used]
    base = str(request.base_url)
    event, answer = result.event, result.answer
    place = answer["place"] if answer else None
    params = link_params(event, where, lang_param, place)
    page_url = view.url(base, "/", params)
    map_params = {
        k: v
        for k, v in params.items()
        if k != "event" and (place or k not in (*PLACE_KEYS, "place"))
    }
    context = {
        "m": m,
        "lang": language.used,
        "language": language,
        "event": {
            "id": event.id,
            "label": view.event_label(event, m),
            "intro": view.intro(event, m),
        },
        "events": [
            {
                "id": e.id,
                "label": view.event_label(e, m),
                "current": e.id == event.id,
                "href": view.url(
                    "", "/", {**params, "event": None if e.id == MAIN_EVENT_ID else e.id}
                ),
            }
            for e in resources.catalogue.events
        ],
        "languages": [
            {
                "code": code,
                "name": resources.site.messages[code].text("language_name"),
                "current": code == language.used,
                "href": view.url("", "/", {**params, "lang": code}),
            }
            for code in resources.site.messages.offered
        ],
        "form": {
            "value": where.box_text() if result.error or not place else box_value(place),
            "event": params["event"],
            "lang": lang_param,
        },
        "answer": answer_context(answer, resources, m) if answer else None,
        "alternatives": alternatives(place, params, m) if place else [],
        "map": map_context(event, m, place, map_params),
        "error": error_context(result.error, params) if result.error else None,
        "urls": {
            "page": page_url,
            "oembed": view.url(base, "/oembed", {"url": page_url, "format": "json"}),
            "embed": view.url(base, "/embed", params) if answer else None,
        },
    }
    context["meta"] = meta(context, m)
    return context


def box_value(place: dict) -> str:
    """The place box after an answer: the text that finds the place again, none for bare coordinates."""
    if place.get("resolved_from") == "city":
        return place.get("query") or place.get("name") or ""
    return place["tz"] if place.get("resolved_from") == "timezone" else ""


def alternatives(place: dict, params: dict, m: Messages) -> list[dict]:
    """When a name was ambiguous, the other places it could mean, each a link to its own answer."""
    if not place.get("ambiguous"):
        return []
    others = {k: v for k, v in params.items() if k not in (*PLACE_KEYS, "place")}
    return [
        {
            "text": view.place_label({**a, "resolved_from": "city"}, m),
            "href": view.url("", "/", {**others, "city": a["query"]}),
        }
        for a in place.get("alternatives", [])
    ]


def answer_context(answer: dict, resources: Resources, m: Messages) -> dict:
    window = answer["wave_window"]
    return {
        "place": view.place_label(answer["place"], m),
        "place_name": answer["place"].get("name") or view.place_label(answer["place"], m),
        "note": answer["place"].get("note"),
        "display": answer["local"]["display"],
        "start": answer["local"]["start"][11:16],
        "end": answer["local"]["end"][11:16],
        "utc": m.text("when_utc", start=window["start"][11:16], end=window["end"][11:16]),
        "sky": view.sky_view(answer.get("sky"), m),
        "excerpts": view.excerpts_view(answer.get("excerpts", []), resources.corpus.articles, m),
    }


def map_context(event: Event, m: Messages, place: dict | None, params: dict) -> dict:
    start = event.wave_window.start
    alt = m.text(
        "map_alt",
        time=i18n.clock(start),
        date=i18n.date_text(start, m),
        body=view.body_name(event.target_body, m),
    )
    if place:
        alt += " " + m.text("map_pin_alt", place=view.place_label(place, m))
    return {"src": view.url("", f"/v1/events/{event.id}/map.svg", params), "alt": alt}


def error_context(error: ServiceError, params: dict) -> dict:
    suggestions = [s for s in error.details.get("suggestions", []) if isinstance(s, str)]
    key = "tz" if "tz" in params and "city" not in params else "city"
    others = {k: v for k, v in params.items() if k not in PLACE_KEYS}
    return {
        "message": error.message,
        "suggestions": [
            {"text": s, "href": view.url("", "/", {**others, key: s})} for s in suggestions
        ],
    }


def meta(context: dict, m: Messages) -> dict:
    """Title and description for the tab, link previews (Open Graph) and search results."""
    answer = context["answer"]
    if not answer:
        return {"title": m.text("site_name"), "description": context["event"]["intro"]}
    description = answer["display"]
    if answer["sky"]:
        description += (
            f". {answer['sky']['verdict']['title']}. {answer['sky']['verdict']['reason']}"
        )
    return {"title": f"{m.text('site_name')}: {answer['place']}", "description": description}


def render_page(
    request: Request, resources: Resources, event_id: str, where: Where, language: LanguageChoice
) -> HTMLResponse:
    """The page for an event and a place (or none yet), with the status its answer deserves."""
    result = answer_for(resources, event_id, where, language)
    context = page_context(
        request, resources, result, where, language, request.query_params.get("lang")
    )
    body = resources.site.templates.get_template("page.html").render(context)
    return html(body, result.status, language, PAGE_CSP)


@router.get(
    "/",
    response_class=HTMLResponse,
    responses=HOME_TYPES,
    summary="The page: when to wave, where to look, and whether a place was in the picture",
)
async def home(
    request: Request,
    resources: ResourcesDep,
    language: LanguageDep,
    where: WhereDep,
    event: EventQuery = MAIN_EVENT_ID,
) -> Response:
    """Rendered on the server: `/?city=Toronto` works without JavaScript and in link previews.
    A terminal (curl) gets the usage text, or the text answer when a place is given."""
    fmt = choose_format(request)
    if fmt != "html":
        return terminal_answer(request, resources, fmt, event, where, language)
    return render_page(request, resources, event, where, language)


def terminal_answer(
    request: Request,
    resources: Resources,
    fmt: str,
    event_id: str,
    where: Where,
    language: LanguageChoice,
) -> Response:
    """What `curl host/` and `curl 'host/?city=Toronto'` get: the terminal routes' text (or JSON)."""
    base = str(request.base_url)
    result = answer_for(resources, event_id, where, language)
    if result.error is not None:
        if fmt == "json":
            raise result.error
        suggestions = result.error.details.get("suggestions") or []
        body = text.error(
            result.error.message, suggestions, base, isinstance(result.error, UnknownPlace)
        )
        return PlainTextResponse(body, status_code=result.status, headers=TERMINAL_VARY)
    if result.answer is None:
        if fmt == "json":
            raise InvalidParameter(
                "Say where: city (e.g. Toronto), tz, or lat and lon.",
                examples=["/?city=Toronto&format=json"],
            )
        body = text.usage(base, resources.catalogue.ids(), MAIN_EVENT_ID)
        return PlainTextResponse(body, headers=TERMINAL_VARY)
    if fmt == "json":
        return JSONResponse(result.answer, headers=TERMINAL_VARY)
    return PlainTextResponse(
        text.local_answer(result.answer, result.event.name, base), headers=TERMINAL_VARY
    )


# --- the card ---------------------------------------------------------------------------------


def card_csp(resources: Resources) -> str:
    return (
        f"default-src 'none'; style-src 'sha256-{resources.site.card_css_sha256}'; img-src data:; "
        "base-uri 'none'; form-action 'none'; frame-ancestors *"
    )


@router.get(
    "/embed",
    response_class=HTMLResponse,
    responses=PAGE_HTML,
    summary="A small card for an iframe on any site",
)
async def embed(
    request: Request,
    resources: ResourcesDep,
    language: LanguageDep,
    where: WhereDep,
    event: EventQuery = MAIN_EVENT_ID,
) -> HTMLResponse:
    """Self-contained (its style inline, no request to anywhere); framable from any origin."""
    result = answer_for(resources, event, where, language)
    if result.answer is None and result.error is None:
        result = Answered(
            result.event,
            None,
            InvalidParameter(
                "Say where: city (e.g. Toronto), tz, or lat and lon.",
                examples=["/embed?city=Toronto"],
            ),
        )
    m = resources.site.messages[language.used]
    place = result.answer["place"] if result.answer else None
    params = link_params(result.event, where, request.query_params.get("lang"), place)
    base = str(request.base_url)
    page_url = view.url(base, "/", params)
    context = {
        "m": m,
        "lang": language.used,
        "css": resources.site.card_css,
        "event": {"label": view.event_label(result.event, m)},
        "answer": answer_context(result.answer, resources, m) if result.answer else None,
        "error": result.error.message if result.error else None,
        "urls": {
            "page": page_url,
            "oembed": view.url(base, "/oembed", {"url": page_url, "format": "json"}),
        },
    }
    body = resources.site.templates.get_template("card.html").render(context)
    return html(body, result.status, language, card_csp(resources), framable=True)


# --- oEmbed -------------------------------------------------------------------------------------


def embed_target(request: Request, resources: Resources, url: str) -> tuple[str, Where, str | None]:
    """The event, place and language a page or card URL of this site asks about."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or parts.netloc.lower() != request.url.netloc.lower():
        raise UnsupportedEmbedUrl(
            f"Only this site's pages can be embedded: URLs starting {str(request.base_url)!r}.",
            example=f"{request.base_url}oembed?url={request.base_url}?city=Toronto&format=json",
        )
    query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
    event_id, lang = query.get("event", MAIN_EVENT_ID), query.get("lang")
    if parts.path in ("", "/", "/embed"):
        given = {k: _coordinate(query, k) for k in PLACE_KEYS}
        return event_id, Where.from_query(query.get("place"), **given), lang
    path = unquote(parts.path).strip("/")
    first, _, rest = path.partition("/")
    if first in RESERVED_PATHS:
        raise UnsupportedEmbedUrl(
            f"No answer is served at {parts.path!r}: embed a page like /?city=Toronto."
        )
    if first in resources.catalogue.ids():
        return first, Where(place_text=rest), lang
    return event_id, Where(place_text=path), lang


def _coordinate(query: dict, key: str) -> Any:
    value = query.get(key)
    if key in ("lat", "lon") and value is not None:
        try:
            return float(value)
        except ValueError:
            raise UnsupportedEmbedUrl(f"{key}={value!r} in the URL is not a number.") from None
    return value


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
    resources: ResourcesDep,
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
    maxwidth: Annotated[int | None, Query(ge=1, le=10_000)] = None,
    maxheight: Annotated[int | None, Query(ge=1, le=10_000)] = None,
) -> JSONResponse:
    """A `rich` response whose html is an iframe of `/embed` for the same event, place and language."""
    if format.lower() != "json":
        raise FormatNotImplemented(
            f"format={format!r} is not served; use format=json.", supported=["json"]
        )
    event_id, where, lang = embed_target(request, resources, url)
    if not where.given:
        raise UnsupportedEmbedUrl("The URL names no place: embed a page like /?city=Toronto.")
    language = LanguageChoice(requested=lang, used=_language_used(resources, lang), fallback=False)
    result = answer_for(resources, event_id, where, language)
    if result.error is not None:
        raise UnsupportedEmbedUrl(f"That URL has no answer to embed: {result.error.message}")
    m = resources.site.messages[language.used]
    width = min(CARD_WIDTH_PX, maxwidth or CARD_WIDTH_PX)
    height = min(CARD_HEIGHT_PX, maxheight or CARD_HEIGHT_PX)
    src = view.url(
        str(request.base_url),
        "/embed",
        link_params(result.event, where, lang, result.answer["place"]),
    )
    title = f"{m.text('site_name')}: {view.place_label(result.answer['place'], m)}"
    frame = resources.site.templates.get_template("iframe.html").render(
        src=src, width=width, height=height, title=title
    )
    return JSONResponse(
        {
            "version": "1.0",
            "type": "rich",
            "html": frame.strip(),
            "width": width,
            "height": height,
            "title": title,
            "provider_name": "Wave at Saturn",
            "provider_url": str(request.base_url),
            "cache_age": OEMBED_CACHE_AGE_S,
        }
    )


def _language_used(resources: Resources, lang: str | None) -> str:
    return choose_language(lang, None, resources.site.messages.offered).used
