"""`GET /v1/events/{event_id}/map.svg`: the world at the window's start, with the place pinned."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from service.application.question import POINT_PARAMETERS, openapi_parameters
from service.application.schemas import ERROR_RESPONSES
from service.render.page import map_svg
from service.web.deps import AnswersDep, AskingDep, SiteDep, question_of

SVG_CSP = "default-src 'none'; frame-ancestors *"
CACHE_SECONDS = 86_400

router = APIRouter(prefix="/v1/events", tags=["events"], responses=ERROR_RESPONSES)


@router.get(
    "/{event_id}/map.svg",
    response_class=Response,
    responses={
        200: {"content": {"image/svg+xml": {}}, "description": "A standalone SVG world map"}
    },
    openapi_extra={"parameters": openapi_parameters(*POINT_PARAMETERS, "lang")},
)
async def event_map(
    event_id: str, request: Request, answers: AnswersDep, asking: AskingDep, site: SiteDep
) -> Response:
    """Day, twilight and night, the half of Earth facing the target, where it was in the picture,
    and a pin on the place (city, tz, or lat and lon; none for the bare map). Under 150 KB,
    no outside references: usable as an `<img>` on any site."""
    question = question_of(
        request, asking, event_id=event_id, formats=("svg",), names=POINT_PARAMETERS
    )
    event = answers.event(question.event_id)
    place = answers.place(question.where)
    m = site.messages.reader(question.language)
    svg = map_svg(site, event, place, place.resolved_from if place else None, m)
    return Response(
        svg,
        media_type="image/svg+xml; charset=utf-8",
        headers={
            "Content-Security-Policy": SVG_CSP,
            "Cross-Origin-Resource-Policy": "cross-origin",
            "Cache-Control": f"public, max-age={CACHE_SECONDS}",
            "Content-Language": question.language.used,
            "Vary": "Accept-Language",
        },
    )
