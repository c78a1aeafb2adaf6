"""The framework's ceiling: a bare FastAPI app answering a fixed small document.

`make bench` serves it beside the service with the same launcher, so the ratio of their
requests/s says what our own work costs on top of FastAPI, uvicorn and the loopback.

`/ceiling` takes nothing and does nothing. `/ceiling/{event_id}/local` declares the parameters
and the dependency graph of the service's `/v1/events/{event_id}/local` (an event from the path,
a place from city and country, lat and lon, or tz, both beside a shared resources dependency) and
still answers the fixed document: the framework's own price for parsing and validating that
request. Keep it in step with `service/api/deps.py`.
"""

from typing import Annotated

from fastapi import Depends, FastAPI, Path, Query, Request

from service.settings import telemetry_config

DOCUMENT = {"event": "cassini-2013", "start": "2013-07-19T21:27:00Z", "end": "2013-07-19T21:42:00Z"}

# Configured as the service runs by default (FastAPI's own telemetry off), so that the ratio
# compares our work with the framework's, not two configurations.
app = FastAPI(telemetry=telemetry_config(False))


@app.get("/ceiling")
async def ceiling() -> dict:
    return DOCUMENT


async def resources(request: Request) -> dict:
    return DOCUMENT


Resources = Annotated[dict, Depends(resources)]


async def event(resources: Resources, event_id: Annotated[str, Path(max_length=64)]) -> str:
    return event_id


async def place(
    resources: Resources,
    tz: Annotated[str | None, Query(min_length=1, max_length=200)] = None,
    lat: float | None = None,
    lon: float | None = None,
    city: Annotated[str | None, Query(min_length=1, max_length=200)] = None,
    country: Annotated[str | None, Query(min_length=1, max_length=200)] = None,
) -> tuple:
    return tz, lat, lon, city, country


@app.get("/ceiling/{event_id}/local")
async def same_shape(
    event: Annotated[str, Depends(event)],
    resources: Resources,
    place: Annotated[tuple, Depends(place)],
) -> dict:
    return DOCUMENT
