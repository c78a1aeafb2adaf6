"""Place routes: autocomplete over the gazetteer."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from service.application.answer import place_out
from service.application.question import MAX_TEXT_CHARS
from service.application.schemas import ERROR_RESPONSES, PlacesAnswer
from service.web.deps import PlacesDep

router = APIRouter(prefix="/v1/places", tags=["places"], responses=ERROR_RESPONSES)
MAX_LIMIT = 20


@router.get("", response_model=PlacesAnswer)
async def places(
    resolver: PlacesDep,
    q: Annotated[
        str,
        Query(
            min_length=1,
            max_length=MAX_TEXT_CHARS,
            description="The start of a city's name, in any script; `City, Region` narrows",
            examples=["Toro"],
        ),
    ],
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="How many places, at most")] = 10,
) -> PlacesAnswer:
    """Cities whose name or alternate name starts with `q`, population-ranked; close spellings
    when none starts so. Each comes with its zone, coordinates and the query that finds it."""
    found = [place_out(p) for p in resolver.complete(q, limit)]
    return PlacesAnswer(query=q, count=len(found), places=found)
