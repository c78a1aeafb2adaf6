"""Liveness and readiness, for orchestrators and load balancers (never cached).

In production the server's edge (service/server.py) answers these two paths itself, ahead of
every middleware, with the bodies defined here; these routes answer them in tests and document
them in the OpenAPI schema.
"""

from typing import Any

from fastapi import APIRouter, Request

from service.application.schemas import ErrorResponse, Health, Readiness
from service.errors import NotReady

ALIVE = {"status": "ok"}
STARTING = "Start-up work is still running; retry in a few seconds."
RETRY_AFTER_S = 5

router = APIRouter(tags=["health"])


@router.get("/healthz", response_model=Health)
async def healthz() -> dict:
    """Alive: the process answers HTTP. Restart it if this fails."""
    return ALIVE


def ready(app: Any) -> dict:
    """Ready, and what the warm-up after readiness is still building (`warming`, empty once
    done): the busiest answers are served meanwhile; the rest are built on first use."""
    warmup = getattr(getattr(app, "state", None), "warmup", None)
    return {"status": "ready", "warming": warmup.pending() if warmup is not None else []}


@router.get(
    "/readyz",
    response_model=Readiness,
    responses={503: {"model": ErrorResponse, "description": "Start-up work is not finished"}},
)
async def readyz(request: Request) -> dict:
    """Ready: start-up work (astronomy, zones, places and the rest) is done; send traffic.
    `warming` lists what is still being built in the background (empty once all is built)."""
    if getattr(request.app.state, "resources", None) is None:
        raise NotReady(STARTING, retry_after_s=RETRY_AFTER_S)
    return ready(request.app)
