"""The gate around a bare ASGI app, with the default settings' stages, for tests of one of its
stages."""

from __future__ import annotations

from starlette.types import ASGIApp

from service.settings import Settings
from service.web.access_log import AccessLog
from service.web.gate import Gate
from service.web.middleware import gate_stages


def stages(log: AccessLog | None = None, allowed_hosts: tuple[str, ...] = ("*",)) -> dict:
    """The gate's keyword arguments, as `app.add_middleware(Gate, **stages())` takes them."""
    return {**gate_stages(Settings(allowed_hosts=allowed_hosts)), "log": log}


def gated(app: ASGIApp, log: AccessLog | None = None, allowed_hosts: tuple[str, ...] = ("*",)):
    return Gate(app, **stages(log, allowed_hosts))
