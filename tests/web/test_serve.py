"""The production launcher: one definition in service/serve.py, which the Dockerfile runs as is."""

from __future__ import annotations

import json
import re
from pathlib import Path

from service.serve import APP, KEEP_ALIVE_S, uvicorn_config
from service.server import EdgeProtocol, Limits
from service.settings import Settings

ROOT = Path(__file__).resolve().parents[2]


def test_uvicorn_follows_the_settings():
    settings = Settings(
        host="127.0.0.1", port=9001, workers=3, log_level="warning", shutdown_timeout_s=7
    )
    config = uvicorn_config(settings)
    assert (config.app, config.host, config.port, config.workers) == (APP, "127.0.0.1", 9001, 3)
    assert config.log_level == "warning" and config.timeout_graceful_shutdown == 7
    assert (config.loop, config.http, config.ws, config.lifespan) == (
        "uvloop",
        EdgeProtocol,
        "none",
        "on",
    )
    assert config.access_log is False and config.server_header is False
    assert config.timeout_keep_alive == KEEP_ALIVE_S


def test_the_edge_follows_the_settings():
    settings = Settings(header_timeout_s=3, max_connections=77, shutdown_timeout_s=9)
    assert Limits.of(settings) == Limits(
        header_timeout_s=3, max_connections=77, shutdown_timeout_s=9
    )


def dockerfile_env() -> dict[str, str]:
    dockerfile = (ROOT / "Dockerfile").read_text()
    return dict(re.findall(r"\b([A-Z_]+)=(\S+)", dockerfile.split("WORKDIR")[0]))


def test_the_image_runs_the_launcher():
    """Exec form, so the launcher is PID 1: it gets SIGTERM itself and its exit code is the
    container's (a shell in between would swallow both)."""
    dockerfile = (ROOT / "Dockerfile").read_text()
    (cmd,) = re.findall(r"^CMD (.+)$", dockerfile, re.M)
    assert json.loads(cmd) == ["python", "-m", "service.serve"]
    assert "ENTRYPOINT" not in dockerfile, "nothing wraps or bypasses the launcher"


def test_the_image_environment_is_valid_settings():
    settings = Settings.from_env(dockerfile_env())  # raises on a bad value
    assert settings.host == "0.0.0.0" and settings.port == 8000
    assert (settings.header_timeout_s, settings.max_connections) == (10, 1000)


def test_an_answers_writes_in_one_turn_go_out_as_one():
    """uvicorn writes an answer's head and body apart; the edge's transport sends what one turn
    of the event loop wrote in one write, at the turn's end, or at once when the answer is
    complete or the connection is closed; nothing is written to a closing transport."""
    import asyncio

    from service.server import CoalescingTransport

    class Transport:
        def __init__(self) -> None:
            self.writes: list[bytes] = []
            self.closed = False

        def write(self, data: bytes) -> None:
            self.writes.append(data)

        def is_closing(self) -> bool:
            return self.closed

        def close(self) -> None:
            self.closed = True

        def get_extra_info(self, name: str) -> str:
            return f"info:{name}"

    async def scenario() -> None:
        raw = Transport()
        loop = asyncio.get_running_loop()
        transport = CoalescingTransport(raw, loop)  # type: ignore[arg-type]
        transport.write(b"HTTP/1.1 200 OK\r\n\r\n")
        transport.write(b"body")
        assert raw.writes == []
        await asyncio.sleep(0)  # the turn ends
        assert raw.writes == [b"HTTP/1.1 200 OK\r\n\r\nbody"]
        transport.write(b"next")
        transport.flush()  # an answer completed
        assert raw.writes[-1] == b"next"
        transport.write(b"last words")
        transport.close()
        assert raw.writes[-1] == b"last words" and raw.closed
        transport.write(b"too late")
        await asyncio.sleep(0)
        assert raw.writes[-1] == b"last words"
        assert transport.get_extra_info("peername") == "info:peername"

    asyncio.run(scenario())
