"""How the service runs in production: `python -m service.serve`.

The settings are validated here, once, before any worker starts: a bad one stops the launcher
with a message naming it. uvicorn then runs from Python (service/server.py) rather than by exec,
so this process owns the exit code: 0 after a drain, non-zero when start-up fails, with any number
of workers. The Dockerfile runs exactly this module (a test keeps them in step); `make run`,
`make bench` and the load test use it too, so all of them measure what production runs.
"""

from __future__ import annotations

import sys

from uvicorn import Config

from service.server import EdgeProtocol, Limits, run
from service.settings import Settings

APP = "service.web.app:app"
# Invalid settings: the conventional exit code of a usage error.
EXIT_INVALID_SETTINGS = 2
# Idle kept-alive connections are closed after this long, so idle clients cannot hold workers.
KEEP_ALIVE_S = 5


def uvicorn_config(settings: Settings, app: str = APP) -> Config:
    """uvicorn's configuration for these settings.

    uvloop, and httptools under our protocol (request-head deadline, connection limit). Our own
    middleware writes the JSON access log, so uvicorn's is off; no Server header; no WebSocket
    upgrades (the API has none); the lifespan must succeed; forwarded fields from
    FORWARDED_ALLOW_IPS only.
    """
    return Config(
        app,
        host=settings.host,
        port=settings.port,
        workers=settings.workers,
        log_level=settings.log_level,
        loop="uvloop",
        http=EdgeProtocol,
        ws="none",
        lifespan="on",
        access_log=False,
        server_header=False,
        timeout_keep_alive=KEEP_ALIVE_S,
        timeout_graceful_shutdown=settings.shutdown_timeout_s,
        # X-Forwarded-Proto and -For are believed from these proxies only (the TLS ingress).
        proxy_headers=True,
        forwarded_allow_ips=list(settings.forwarded_allow_ips),
    )


def main(argv: list[str] | None = None) -> int:
    """Validate the settings, then serve; the exit code. An argument names another ASGI app to
    serve the same way (the bench's ceiling app)."""
    args = sys.argv[1:] if argv is None else argv
    try:
        settings = Settings.from_env()
    except ValueError as error:
        print(f"wave-at-saturn: invalid setting: {error}", file=sys.stderr)
        return EXIT_INVALID_SETTINGS
    return run(uvicorn_config(settings, *args[:1]), Limits.of(settings))


if __name__ == "__main__":
    sys.exit(main())
