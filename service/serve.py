"""How the service runs in production: `python -m service.serve` execs uvicorn with these flags.

The Dockerfile spells out the same command line (a test keeps the two in step); `make run`,
`make bench` and the load test use this module, so all of them measure what production runs.
"""

from __future__ import annotations

import os
import sys

from service.settings import Settings

APP = "service.web.app:app"

# uvloop and httptools: the fast event loop and HTTP parser. Our own middleware writes the JSON
# access log, so uvicorn's is off. Keep-alive is short so idle clients cannot hold workers.
PRODUCTION_FLAGS = (
    "--loop",
    "uvloop",
    "--http",
    "httptools",
    "--no-access-log",
    "--no-server-header",
    "--timeout-keep-alive",
    "5",
)


def uvicorn_args(settings: Settings, host: str = "0.0.0.0") -> list[str]:
    """The uvicorn command-line arguments (after the program name) for these settings."""
    return [
        APP,
        "--host",
        host,
        "--port",
        str(settings.port),
        "--workers",
        str(settings.workers),
        "--log-level",
        settings.log_level,
        "--timeout-graceful-shutdown",
        str(settings.shutdown_timeout_s),
        *PRODUCTION_FLAGS,
    ]


def main() -> None:
    """Validate the settings here, before uvicorn starts, then become uvicorn."""
    args = uvicorn_args(Settings.from_env())
    os.execv(sys.executable, [sys.executable, "-m", "uvicorn", *args])


if __name__ == "__main__":
    main()
