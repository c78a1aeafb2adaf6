"""The gate around a bare ASGI app, with the default limits and cache policy, for tests of one
of its stages."""

from __future__ import annotations

from starlette.types import ASGIApp

from service.settings import Settings
from service.web.access_log import AccessLog
from service.web.caching import CachePolicy, HttpCaching
from service.web.gate import Gate
from service.web.limits import RequestLimits


def limits(allowed_hosts: tuple[str, ...] = ("*",)) -> RequestLimits:
    settings = Settings()
    return RequestLimits(
        max_header_bytes=settings.max_header_bytes,
        max_headers=settings.max_headers,
        max_path_chars=settings.max_path_chars,
        max_query_chars=settings.max_query_chars,
        max_body_bytes=settings.max_body_bytes,
        allowed_hosts=allowed_hosts,
    )


def stages(log: AccessLog | None = None, allowed_hosts: tuple[str, ...] = ("*",)) -> dict:
    """The gate's keyword arguments, as `app.add_middleware(Gate, **stages())` takes them."""
    return {"limits": limits(allowed_hosts), "caching": HttpCaching(CachePolicy()), "log": log}


def gated(app: ASGIApp, log: AccessLog | None = None, allowed_hosts: tuple[str, ...] = ("*",)):
    return Gate(app, **stages(log, allowed_hosts))
