"""Earth as the camera saw it: `GET /v1/events/{event_id}/view` (JSON), `/view.svg` (the globe)
and `/share.png` (the image link previews show)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from service.application.question import POINT_PARAMETERS, openapi_parameters
from service.application.schemas import ERROR_RESPONSES, ViewAnswer
from service.render import pictures
from service.render.answer_json import answer_json
from service.render.share import HEIGHT_PX, WIDTH_PX
from service.web.deps import AnswersDep, AskingDep, SiteDep, question_of

IMAGE_CSP = "default-src 'none'; frame-ancestors *"
CACHE_SECONDS = 86_400
PLACE_OPTIONS = openapi_parameters(*POINT_PARAMETERS, "lang")

router = APIRouter(prefix="/v1/events", tags=["events"], responses=ERROR_RESPONSES)


def _image_headers(language: str) -> dict[str, str]:
    return {
        "Content-Security-Policy": IMAGE_CSP,
        "Cross-Origin-Resource-Policy": "cross-origin",
        "Cache-Control": f"public, max-age={CACHE_SECONDS}",
        "Content-Language": language,
        "Vary": "Accept-Language",
    }


@router.get(
    "/{event_id}/view",
    response_model=ViewAnswer,
    openapi_extra={"parameters": PLACE_OPTIONS},
)
async def view(event_id: str, request: Request, answers: AnswersDep, asking: AskingDep) -> Response:
    """Earth as the event's camera saw it, for the light that left Earth at the start of the
    imaging window: the point under the body (the disk's centre), the Sun-Earth-spacecraft
    angle and the lit fraction, Earth's size in each camera's pixels, the Moon in the frame;
    with a place (city, tz, or lat and lon), whether it faced the camera, was lit, and where on
    the disk it lay."""
    question = question_of(request, asking, event_id=event_id, names=POINT_PARAMETERS)
    return Response(answer_json(answers.view(question)), media_type="application/json")


@router.get(
    "/{event_id}/view.svg",
    response_class=Response,
    responses={200: {"content": {"image/svg+xml": {}}, "description": "A standalone SVG globe"}},
    openapi_extra={"parameters": PLACE_OPTIONS},
)
async def view_svg(
    event_id: str, request: Request, answers: AnswersDep, asking: AskingDep, site: SiteDep
) -> Response:
    """The globe as the camera saw it: night, twilight and day, the land, the place marked when
    it faced the camera (and said to be on the far side when not). No outside references."""
    question = question_of(
        request, asking, event_id=event_id, formats=("svg",), names=POINT_PARAMETERS
    )
    answer = answers.view(question)
    event = answers.event(question.event_id)
    m = site.messages[question.language.used]
    return Response(
        pictures.globe_svg(site, event, answer, m),
        media_type="image/svg+xml; charset=utf-8",
        headers=_image_headers(question.language.used),
    )


@router.get(
    "/{event_id}/share.png",
    response_class=Response,
    responses={
        200: {
            "content": {"image/png": {}},
            "description": f"A {WIDTH_PX} x {HEIGHT_PX} PNG for link previews (og:image)",
        }
    },
    openapi_extra={"parameters": PLACE_OPTIONS},
)
async def share_png(
    event_id: str, request: Request, answers: AnswersDep, asking: AskingDep, site: SiteDep
) -> Response:
    """The image a shared answer shows: the place, its local time, the verdict and the globe;
    the event alone without a place. Its size is fixed. An unknown place is a 404 in the error
    shape, never an image."""
    question = question_of(
        request, asking, event_id=event_id, formats=("png",), names=POINT_PARAMETERS
    )
    event = answers.event(question.event_id)
    view_answer = answers.view(question)
    local = answers.local(question) if question.where.given else None
    m = site.messages[question.language.used]
    # About 100 ms of rasterising: off the event loop.
    png = await run_in_threadpool(pictures.share_png, site, event, local, view_answer, m)
    return Response(png, media_type="image/png", headers=_image_headers(question.language.used))
