"""Liveness and readiness, for orchestrators and load balancers (never cached)."""

from fastapi import APIRouter, Request

from service.application.schemas import ErrorResponse, Health
from service.errors import NotReady

router = APIRouter(tags=["health"])


@router.get("/healthz", response_model=Health)
async def healthz() -> dict:
    """Alive: the process answers HTTP. Restart it if this fails."""
    return {"status": "ok"}


@router.get(
    "/readyz",
    response_model=Health,
    responses={503: {"model": ErrorResponse, "description": "Start-up work is not finished"}},
)
async def readyz(request: Request) -> dict:
    """Ready: start-up work (astronomy, zones, places and the rest) is done; send traffic."""
    if getattr(request.app.state, "resources", None) is None:
        raise NotReady("Start-up work is still running; retry in a few seconds.", retry_after_s=5)
    return {"status": "ready"}
