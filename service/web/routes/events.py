"""Event routes: the catalogue, the local answer for a place, the regions and the world table."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse, Response

from service.application.answer import event_out, window, world_row
from service.application.question import POINT_PARAMETERS, openapi_parameters
from service.application.schemas import (
    ERROR_RESPONSES,
    EventList,
    EventOut,
    LocalAnswer,
    RegionsAnswer,
    WorldAnswer,
    WorldRow,
)
from service.places.zones import world_table
from service.render.answer_json import answer_json
from service.render.csv import csv_response
from service.web.deps import EventDep, ResourcesDep, question_of, resources_of

router = APIRouter(prefix="/v1/events", tags=["events"], responses=ERROR_RESPONSES)
JSON = "application/json"


@router.get("", response_model=EventList)
async def list_events(resources: ResourcesDep) -> EventList:
    catalogue = resources.catalogue
    return EventList(
        events=[event_out(e, resources.astronomy[e.id], catalogue) for e in catalogue.events]
    )


@router.get("/{event_id}", response_model=EventOut)
async def get_event(event: EventDep, resources: ResourcesDep) -> EventOut:
    return event_out(event, resources.astronomy[event.id], resources.catalogue)


@router.get(
    "/{event_id}/local",
    response_model=LocalAnswer,
    openapi_extra={"parameters": openapi_parameters(*POINT_PARAMETERS, "lang")},
)
async def local(event_id: str, request: Request) -> Response:
    """When the wave window was at a place (a city, coordinates or a zone), its sky, and whether
    it was in the picture. A city wins over coordinates, and the answer's note says so; a `tz`
    beside a city or coordinates sets the clock, the sky stays the place's."""
    resources = resources_of(request)
    question = question_of(request, resources.asking, event_id=event_id, names=POINT_PARAMETERS)
    return Response(answer_json(resources.answers.local(question)), media_type=JSON)


WORLD_FIELDS = list(WorldRow.model_fields)


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
) -> Response | WorldAnswer:
    rows = [
        world_row(w)
        for w in world_table(event.wave_window.start, event.wave_window.end, resources.zones)
    ]
    if format == "csv":
        return csv_response((dict(r) for r in rows), WORLD_FIELDS, f"{event.id}-world.csv")
    return WorldAnswer(
        event=event.id, wave_window=window(event.wave_window), count=len(rows), zones=rows
    )
