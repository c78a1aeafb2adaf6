"""The ASGI application: `service.web.app:app`.

Building it is cheap; start-up work runs in the lifespan.
"""

from __future__ import annotations

import asyncio
import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from service.application.resources import load_resources
from service.settings import Settings, telemetry_config
from service.web import errors, middleware
from service.web.cors import CORS
from service.web.fast_local import FastLocal
from service.web.headers import SecurityHeaders
from service.web.limits import RequestLimits
from service.web.routes import articles as corpus
from service.web.routes import docs, events, health, in_picture, maps, pages, places
from service.web.routes import terminal as curl

DESCRIPTION = (
    "On 2013-07-19 Cassini photographed Earth from Saturn's shadow; MESSENGER did so from "
    "Mercury on July 19 and 20. This API says when that was in any time zone, with the rules "
    "of 2013."
)


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    # In a thread: the event loop stays free to answer the health probes meanwhile.
    app.state.resources = await asyncio.to_thread(load_resources, app.state.settings)
    # Start-up objects live as long as the process: keep the collector from re-scanning them
    # on every full collection (a latency spike under load) and from touching their pages.
    gc.collect()
    gc.freeze()
    yield


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings.from_env()
    app = FastAPI(
        title="Wave at Saturn",
        version="1.0.0",
        description=DESCRIPTION,
        lifespan=lifespan,
        telemetry=telemetry_config(settings.telemetry),
        docs_url=None,  # served from packaged assets, with a CSP: routes/docs.py
        redoc_url=None,
    )
    app.state.settings = settings
    errors.install(app)
    if settings.fast_local:  # innermost: every other middleware still wraps its answers
        app.add_middleware(FastLocal)
    app.add_middleware(
        RequestLimits,
        max_header_bytes=settings.max_header_bytes,
        max_headers=settings.max_headers,
        max_path_chars=settings.max_path_chars,
        max_query_chars=settings.max_query_chars,
    )
    app.include_router(health.router)
    app.include_router(events.router)
    app.include_router(in_picture.router)
    app.include_router(corpus.router)
    app.include_router(places.router)
    app.include_router(maps.router)
    app.include_router(pages.router)
    app.include_router(docs.router)  # before /static: it serves /static/docs/
    app.mount("/static", StaticFiles(packages=[("service", "static")]), name="static")
    # Last: the terminal routes match almost any path, so every other route must come first.
    app.include_router(curl.router)
    app.add_middleware(
        CORS,
        allow_origins=list(settings.allowed_origins),
        allow_methods=["GET"],
        allow_headers=["*"],
        expose_headers=["Content-Language"],
    )
    app.add_middleware(SecurityHeaders)
    # Last, so outermost: HTTP caching (over every header above) and the access log.
    middleware.install(app, settings)
    return app


app = create_app()
