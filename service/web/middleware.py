"""The outer pure ASGI middleware every route passes through, in order from the outside in:
the access log, then HTTP caching (the request-size limits sit inside these and inside CORS and
the security headers, installed with the app, so that a refusal carries those headers too).
Routes added later are covered without any change here.
"""

from __future__ import annotations

from fastapi import FastAPI

from service.settings import Settings
from service.web.access_log import AccessLog
from service.web.caching import CachePolicy, HttpCaching


def install(app: FastAPI, settings: Settings) -> None:
    """Add the middleware; Starlette wraps the last one added outermost."""
    app.add_middleware(
        HttpCaching,
        policy=CachePolicy(
            max_age_s=settings.cache_max_age_s,
            stale_s=settings.cache_stale_s,
            error_max_age_s=settings.error_max_age_s,
        ),
    )
    if settings.access_log and settings.log_level in ("info", "debug"):
        app.add_middleware(AccessLog)
