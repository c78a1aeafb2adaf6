"""`GET /v1/events/{event_id}/map.svg`: the world at the window's start, with the place pinned."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Annotated

from fastapi import APIRouter, Depends
from fastapi.responses import Response

from service.application import shape
from service.application.schemas import ERROR_RESPONSES
from service.events import Event
from service.places.resolve import Place
from service.render import i18n, view, worldmap
from service.render.i18n import Messages
from service.render.site import SiteResources
from service.web.deps import EventDep, ResourcesDep, get_place
from service.web.language import LanguageDep

SVG_CSP = "default-src 'none'; frame-ancestors *"
CACHE_SECONDS = 86_400

router = APIRouter(prefix="/v1/events", tags=["events"], responses=ERROR_RESPONSES)


def optional(dependency: Callable[..., Place]) -> Callable[..., Place | None]:
    """The same dependency with the same parameters, answering None when none of them is given."""
    signature = inspect.signature(dependency, eval_str=True)
    optional_names = [n for n, p in signature.parameters.items() if p.default is None]

    async def maybe(**given):
        if all(given[name] is None for name in optional_names):
            return None
        found = dependency(**given)
        return await found if inspect.isawaitable(found) else found

    maybe.__signature__ = signature.replace(return_annotation=Place | None)  # type: ignore[attr-defined]
    maybe.__doc__ = dependency.__doc__
    return maybe


OptionalPlaceDep = Annotated[Place | None, Depends(optional(get_place))]


def map_text(
    event: Event, place: Place | None, place_label: str | None, m: Messages
) -> worldmap.MapText:
    """Every word on the map, in the reader's language."""
    start = event.wave_window.start
    body = view.body_name(event.target_body, m)
    time, date = i18n.clock(start), i18n.date_text(start, m)
    description = m.text("map_alt", time=time, date=date, body=body)
    if place_label:
        description += " " + m.text("map_pin_alt", place=place_label)
    legend = {
        key: m.text(f"legend.{key}", body=body)
        for key in (
            "day",
            "twilight",
            "night",
            "facing_target",
            "in_picture",
            "place",
            "subsolar",
            "sub_target",
        )
    }
    return worldmap.MapText(
        title=f"{m.text('site_name')}: {view.event_label(event, m)}",
        description=description,
        caption=m.text("map_caption", time=time, date=date),
        credit=m.text("map_credit"),
        legend=legend,
        language=m.language,
    )


def render_map(
    site: SiteResources, event: Event, place: Place | None, place_label: str | None, m: Messages
) -> str:
    pin = worldmap.Pin(place.lat, place.lon, place_label or "") if place else None
    return worldmap.render(
        site.land, site.map_layers.get(event.id), pin, map_text(event, place, place_label, m)
    )


@router.get(
    "/{event_id}/map.svg",
    response_class=Response,
    responses={
        200: {"content": {"image/svg+xml": {}}, "description": "A standalone SVG world map"}
    },
)
async def event_map(
    event: EventDep, resources: ResourcesDep, language: LanguageDep, place: OptionalPlaceDep = None
) -> Response:
    """Day, twilight and night, the half of Earth facing the target, where it was in the picture,
    and a pin on the place (city, tz, or lat and lon; none for the bare map). Under 150 KB,
    no outside references: usable as an `<img>` on any site."""
    m = resources.site.messages[language.used]
    label = view.place_label(shape.place(place), m) if place else None
    svg = render_map(resources.site, event, place, label, m)
    return Response(
        svg,
        media_type="image/svg+xml; charset=utf-8",
        headers={
            "Content-Security-Policy": SVG_CSP,
            "Cross-Origin-Resource-Policy": "cross-origin",
            "Cache-Control": f"public, max-age={CACHE_SECONDS}",
            "Content-Language": language.used,
            "Vary": "Accept-Language",
        },
    )
