"""Liveness and readiness, for orchestrators and load balancers (never cached).

In production the server's edge (service/server.py) answers these two paths itself, ahead of
every middleware, with the bodies defined here; these routes answer them in tests and document
them in the OpenAPI schema.
"""

from fastapi import APIRouter, Request

from service.application.schemas import ErrorResponse, Health
from service.errors import NotReady

ALIVE = {"status": "ok"}
READY = {"status": "ready"}
STARTING = "Start-up work is still running; retry in a few seconds."
RETRY_AFTER_S = 5

router = APIRouter(tags=["health"])


@router.get("/healthz", response_model=Health)
async def healthz() -> dict:
    """Alive: the process answers HTTP. Restart it if this fails."""
    return ALIVE


@router.get(
    "/readyz",
    response_model=Health,
    responses={503: {"model": ErrorResponse, "description": "Start-up work is not finished"}},
)
async def readyz(request: Request) -> dict:
    """Ready: start-up work (astronomy, zones, places and the rest) is done; send traffic."""
    if getattr(request.app.state, "resources", None) is None:
        raise NotReady(STARTING, retry_after_s=RETRY_AFTER_S)
    return READY
