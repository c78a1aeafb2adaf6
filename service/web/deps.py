"""Typed dependencies: the start-up resources and the event a path names."""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated

from fastapi import Depends, Path, Query, Request

from service.application.resources import Resources
from service.errors import InvalidParameter, NotReady
from service.events import Event
from service.places.resolve import Place

MAX_ID_CHARS = 64
MAX_PARAM_CHARS = 200


async def get_resources(request: Request) -> Resources:
    resources = getattr(request.app.state, "resources", None)
    if resources is None:
        raise NotReady("The service is still starting; retry in a few seconds.", retry_after_s=5)
    return resources


ResourcesDep = Annotated[Resources, Depends(get_resources)]


async def get_event(
    resources: ResourcesDep,
    event_id: Annotated[
        str, Path(max_length=MAX_ID_CHARS, description="Event id, e.g. cassini-2013")
    ],
) -> Event:
    return resources.catalogue.get(event_id)


EventDep = Annotated[Event, Depends(get_event)]


async def get_place(
    resources: ResourcesDep,
    tz: Annotated[
        str | None,
        Query(
            min_length=1,
            max_length=MAX_PARAM_CHARS,
            description="IANA zone or link (any case), UTC/Z, or a fixed offset like UTC+05:30, +0530, UTC-4",
            examples=["America/Toronto"],
        ),
    ] = None,
    lat: Annotated[
        float | None, Query(description="Decimal degrees, -90 to 90", examples=[43.65])
    ] = None,
    lon: Annotated[
        float | None, Query(description="Decimal degrees, -180 to 180", examples=[-79.38])
    ] = None,
    city: Annotated[
        str | None,
        Query(
            min_length=1,
            max_length=MAX_PARAM_CHARS,
            description="A city of 15,000 people or more, in any script the data holds, optionally "
            "qualified: `City, Region`, `City, Country` or `City, Region, Country`",
            examples=["Pasadena, CA"],
        ),
    ] = None,
    country: Annotated[
        str | None,
        Query(
            min_length=1,
            max_length=MAX_PARAM_CHARS,
            description="Narrows `city`: ISO code or name",
            examples=["US"],
        ),
    ] = None,
) -> Place:
    """The place a request asks about: a city first, then coordinates, else the zone's point.

    A `tz` given with a city or coordinates sets the clock the answer is read on; the sky stays
    the place's. A city wins over coordinates, and the answer's note says so.
    """
    return place_from_query(resources, tz=tz, lat=lat, lon=lon, city=city, country=country)


def place_from_query(
    resources: Resources,
    tz: str | None = None,
    lat: float | None = None,
    lon: float | None = None,
    city: str | None = None,
    country: str | None = None,
) -> Place:
    """`get_place` as a plain function, for pages that read the same parameters themselves."""
    if city is not None:
        return _city_place(
            resources, city, country, tz, ignored_coordinates=lat is not None or lon is not None
        )
    if country is not None:
        raise InvalidParameter(
            "country narrows a city: give city too, e.g. ?city=Paris&country=FR.",
            parameter="country",
        )
    if (lat is None) != (lon is None):
        raise InvalidParameter(
            "Give both lat and lon, or neither.", parameter="lat" if lat is None else "lon"
        )
    if lat is not None and lon is not None:
        place = resources.places.from_coordinates(lat, lon)
        return replace(place, tz=resources.zones.resolve(tz).name) if tz else place
    if tz is not None:
        return resources.places.from_timezone(tz)
    raise InvalidParameter(
        "Say where you are: city (e.g. Toronto), tz (e.g. America/Toronto), or lat and lon.",
        examples=["?city=Toronto", "?tz=America/Toronto", "?lat=43.65&lon=-79.38"],
    )


def _city_place(
    resources: Resources, city: str, country: str | None, tz: str | None, ignored_coordinates: bool
) -> Place:
    place = resources.places.from_city(city, country)
    if tz:
        place = replace(place, tz=resources.zones.resolve(tz).name)
    if ignored_coordinates:
        place = replace(place, note="lat and lon were ignored: city takes precedence.")
    return place


PlaceDep = Annotated[Place, Depends(get_place)]
