"""The ASGI application, `service.web.app:app`: routes by resource, the middleware of
`service.web.middleware`, the error mapping of `service.web.errors`. Building it is cheap; start-up
work runs in the lifespan."""

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
from service.web.deps import Pages
from service.web.routes import (
    articles,
    claims,
    docs,
    events,
    health,
    in_picture,
    maps,
    pages,
    places,
    terminal,
    view,
)

DESCRIPTION = (
    "On 2013-07-19 Cassini photographed Earth from Saturn's shadow; MESSENGER did so from Mercury "
    "on July 19 and 20. This API says when that was in any time zone, with the rules of 2013."
)


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    # In a thread: the event loop stays free to answer the health probes meanwhile.
    resources = await asyncio.to_thread(load_resources, app.state.settings)
    app.state.pages = Pages.of(resources)
    # Start-up objects live as long as the process: keep the collector from re-scanning them
    # on every full collection (a latency spike under load) and from touching their pages.
    gc.collect()
    gc.freeze()
    warmup = resources.warmup()
    app.state.warmup = warmup
    app.state.resources = resources  # readiness reads it
    warmup.start()  # what the busiest answers do not need, in the background (it freezes too)
    yield


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings.from_env()
    app = FastAPI(
        title="Wave at Saturn",
        version="1.0.0",
        description=DESCRIPTION,
        lifespan=lifespan,
        middleware=middleware.stack(settings),
        telemetry=telemetry_config(settings.telemetry),
        docs_url=None,  # served from packaged assets, with a CSP: routes/docs.py
        redoc_url=None,
    )
    app.state.settings = settings
    errors.install(app)
    for router in (health, docs, events, view, in_picture, articles, claims, places, maps, pages):
        app.include_router(router.router)
    app.mount("/static", StaticFiles(packages=[("service", "static")]), name="static")
    # Last: the terminal routes match almost any path, so every other route must come first.
    app.include_router(terminal.router)
    return app


app = create_app()
