"""Liveness."""

from fastapi import APIRouter

from service.api.schemas import Health

router = APIRouter(tags=["health"])


@router.get("/healthz", response_model=Health)
async def healthz() -> dict:
    return {"status": "ok"}
