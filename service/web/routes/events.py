"""Event routes: the catalogue, local times for one zone, and the world table."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Literal, TypeVar

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse, Response

from service.application import corpus_shape, shape
from service.application.resources import Resources
from service.application.schemas import (
    ERROR_RESPONSES,
    EventList,
    EventOut,
    LocalAnswer,
    RegionsAnswer,
    WorldAnswer,
)
from service.articles.support import statements_for
from service.astronomy.sky import SkyAt
from service.events import Event
from service.places import zones as timezones
from service.places.resolve import Place
from service.render import i18n, view
from service.render.csv import csv_response
from service.render.i18n import LanguageChoice
from service.web.deps import EventDep, PlaceDep, ResourcesDep
from service.web.json_body import json_response
from service.web.language import ENGLISH, LanguageDep

T = TypeVar("T")

router = APIRouter(prefix="/v1/events", tags=["events"], responses=ERROR_RESPONSES)


@router.get("", response_model=EventList)
async def list_events(resources: ResourcesDep) -> dict:
    catalogue = resources.catalogue
    return {
        "events": [shape.event(e, resources.astronomy[e.id], catalogue) for e in catalogue.events]
    }


@router.get("/{event_id}", response_model=EventOut)
async def get_event(event: EventDep, resources: ResourcesDep) -> dict:
    return shape.event(event, resources.astronomy[event.id], resources.catalogue)


@router.get("/{event_id}/local", response_model=LocalAnswer)
async def local(
    event: EventDep, resources: ResourcesDep, place: PlaceDep, language: LanguageDep = ENGLISH
) -> Response:
    return json_response(local_answer(event, resources, place, language))


def local_answer(
    event: Event, resources: Resources, place: Place, language: LanguageChoice = ENGLISH
) -> dict:
    """The local answer as a plain function: the route's, and the pages' and terminal's too."""
    zone = resources.zones.resolve(place.tz)
    seen = resources.sky_tracks[event.id].window_sky(place.lat, place.lon)
    messages = resources.site.messages[language.used]

    def local() -> dict:
        window = timezones.local_window(event.wave_window.start, event.wave_window.end, zone)
        return shape.local_window(window) | {"display": i18n.window_display(window, messages)}

    return {
        "event": event.id,
        "wave_window": memo(
            resources, ("wave_window", event.id), lambda: shape.window(event.wave_window)
        ),
        "place": shape.place(place),
        "local": memo(resources, ("local", event.id, zone.name, language.used), local),
        "sky": view.localised_sky(shape.sky(seen, zone, place), messages),
        "excerpts": _supporting_excerpts(event, resources, seen.start),
        "language": language.as_dict(),
    }


def _supporting_excerpts(event: Event, resources: Resources, seen: SkyAt) -> list[dict]:
    """The article excerpts behind the statements this answer makes, the sky verdicts among them."""
    corpus = resources.corpus
    statements = statements_for(
        event,
        sunlit=seen.sunlit,
        target_altitude_deg=seen.target.altitude_deg,
        in_picture=seen.in_picture,
    )
    return memo(
        resources,
        ("excerpts", event.id, tuple(statements)),
        lambda: [
            corpus_shape.support(s, corpus.articles, corpus.facts)
            for s in corpus.support.excerpts_for(event, statements)
        ],
    )


def memo(resources: Resources, key: tuple, make: Callable[[], T]) -> T:
    """`make()` once per key and process: for parts of answers that depend only on a few values
    (an event, a zone, a language) and the start-up data, not on the place. Callers treat the
    result as read-only. Bounded by those values: events x zones x languages, about 11,000 small
    entries at most."""
    found = resources.memo.get(key)
    if found is None:
        found = resources.memo[key] = make()
    return found


WORLD_FIELDS = ["tz", "utc_offset", "abbreviation", "dst", "start", "end"]


class GeoJSONResponse(JSONResponse):
    media_type = "application/geo+json"


@router.get("/{event_id}/regions", response_model=RegionsAnswer, response_class=GeoJSONResponse)
async def regions(
    event: EventDep,
    resources: ResourcesDep,
    at: Annotated[
        Literal["start", "end"], Query(description="Which end of the wave window")
    ] = "start",
) -> GeoJSONResponse:
    """GeoJSON: day, the twilights and night, the hemisphere facing the target, and where both
    held (in the picture), with the points under the Sun and the target."""
    return GeoJSONResponse({**resources.regions[event.id][at], "event": event.id, "at": at})


@router.get(
    "/{event_id}/world",
    response_model=WorldAnswer,
    responses={200: {"content": {"text/csv": {}}, "description": "JSON, or CSV with ?format=csv"}},
)
async def world(
    event: EventDep,
    resources: ResourcesDep,
    format: Annotated[Literal["json", "csv"], Query(description="json (default) or csv")] = "json",
) -> Response | dict:
    rows = [
        shape.world_row(w)
        for w in timezones.world_table(
            event.wave_window.start, event.wave_window.end, resources.zones
        )
    ]
    if format == "csv":
        return csv_response(rows, WORLD_FIELDS, f"{event.id}-world.csv")
    return {
        "event": event.id,
        "wave_window": shape.window(event.wave_window),
        "count": len(rows),
        "zones": rows,
    }
