"""The middleware every request passes through, listed once, outermost first.

1. The gate (`gate.py`), one layer for what the web layer does to every request and answer, in
   this order: the access log (one JSON line per request, whatever answered it); the request
   limits (absurd headers, paths, queries and bodies, and a Host the server does not answer for,
   refused before any work and before the answer store, so a refusal is never stored or served
   from it; a refusal carries the security fields itself, not CORS's: a browser's script sees a
   network error for a request no browser sends); HTTP caching (ETag, 304, Cache-Control, Vary,
   and the bounded in-process answer store, which keeps whole answers with the fields of the
   layers below, so a stored answer costs no more than a lookup; CORS's `Vary: Origin` makes the
   store keep one answer per Origin value); the security fields (nosniff, referrer policy; a CSP
   and frame rule on HTML) on every answer.
2. CORS: Starlette's own middleware; preflights answered there.
3. The `/local` fast path (`FAST_LOCAL`, on by default): the route's own parser and answer
   without the framework's routing, innermost so that everything above wraps it.
Routes added later are covered without any change here.
"""

from __future__ import annotations

from typing import Any

from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware

from service.settings import Settings
from service.web.access_log import AccessLog
from service.web.caching import CachePolicy, HttpCaching
from service.web.fast_local import FastLocal
from service.web.gate import Gate
from service.web.limits import RequestLimits


def gate_stages(settings: Settings) -> dict[str, Any]:
    """The gate's stages for these settings, as `Gate` takes them."""
    logged = settings.access_log and settings.log_level in ("info", "debug")
    limits = RequestLimits(
        max_header_bytes=settings.max_header_bytes,
        max_headers=settings.max_headers,
        max_path_chars=settings.max_path_chars,
        max_query_chars=settings.max_query_chars,
        max_body_bytes=settings.max_body_bytes,
        # With PUBLIC_URL the links come from configuration, and any Host may ask.
        allowed_hosts=("*",) if settings.public_url else settings.allowed_hosts,
    )
    caching = HttpCaching(
        CachePolicy(
            max_age_s=settings.cache_max_age_s,
            stale_s=settings.cache_stale_s,
            error_max_age_s=settings.error_max_age_s,
        ),
        # Links are built from the request's scheme and Host unless PUBLIC_URL fixes them: then,
        # and only then, those two are part of every stored answer's key.
        keyed_by_origin=settings.public_url is None,
    )
    return {"limits": limits, "caching": caching, "log": AccessLog() if logged else None}


def stack(settings: Settings) -> list[Middleware]:
    """The middleware for these settings, outermost first (as Starlette takes them)."""
    return [
        Middleware(Gate, **gate_stages(settings)),
        Middleware(
            CORSMiddleware,
            allow_origins=list(settings.allowed_origins),
            allow_methods=["GET", "POST"],
            allow_headers=["*"],
            expose_headers=["Content-Language"],
        ),
        *([Middleware(FastLocal)] if settings.fast_local else []),
    ]
