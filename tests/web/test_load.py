"""A bounded load test on loopback: the production server for 15 s at 64 connections.

The launcher runs as in production (`python -m service.serve`) on 127.0.0.1 and a free port; an
asyncio client keeps 64 kept-alive connections busy with a random place per request on the
local-time route, and every other GET route now and then. Required: not one failed answer,
resident memory flat between the two halves, one JSON access-log line per request, and a clean
exit (0) on SIGTERM.
"""

from __future__ import annotations

import asyncio
import json
import random
import signal
import subprocess
import time
import zoneinfo
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest

from service.places.zones import use_packaged_tzdata
from service.web.app import create_app
from tests.launcher import launcher
from tests.routes import get_routes

ROOT = Path(__file__).resolve().parents[2]
DURATION_S = 15.0
MAX_RSS_MB = 250
CONNECTIONS = 64
# The heap (anonymous resident memory) may move by allocator noise, not grow: the answer store and
# the memo caches are bounded and fill in the first seconds. 8 MB is far below what a leak of even
# 1 KB per request would add over the second half (some 15,000+ requests). File-backed pages (the
# zone polygons, read on demand) grow as new places are asked and are bounded by the data's size.
MAX_GROWTH_MB = 8.0
LOCAL = "/v1/events/cassini-2013/local"
PROBES = ("/healthz", "/readyz")
# One server for the module, loaded and then stopped: its tests on one test process (pytest-xdist).
pytestmark = pytest.mark.xdist_group("load")


def memory_mb(pid: int) -> dict[str, float]:
    """Resident memory (VmRSS) and its anonymous part (RssAnon: the heap, where a leak shows)."""
    fields = dict(
        line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines()
    )
    return {name: int(fields[name].split()[0]) / 1024 for name in ("VmRSS", "RssAnon", "RssFile")}


def wait_ready(port: int, process: subprocess.Popen, timeout_s: float = 60) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        assert process.poll() is None, "the server exited at start"
        try:
            if httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.05)
    raise AssertionError("the server did not become ready")


def request_urls(port: int) -> Callable[[], str]:
    """A random place per request (coordinates or a zone); one time in ten, another route among
    those that answer this server 200 with their valid parameters (some, like oEmbed's, name the
    test client's host)."""
    use_packaged_tzdata()
    zones = sorted(zoneinfo.available_timezones())
    candidates = [
        route.url(query=route.valid_query())
        for route in get_routes(create_app())
        if route.in_schema and route.path != "/v1/events/{event_id}/local"
    ]
    others = [
        url
        for url in candidates
        if httpx.get(f"http://127.0.0.1:{port}{url}", timeout=10).status_code == 200
    ]
    assert len(others) >= len(candidates) - 2, (candidates, others)

    def next_url() -> str:
        if random.random() < 0.1:
            return random.choice(others)
        if random.random() < 0.5:
            return f"{LOCAL}?lat={random.uniform(-90, 90):.4f}&lon={random.uniform(-180, 180):.4f}"
        return f"{LOCAL}?tz={quote(random.choice(zones), safe='')}"

    return next_url


async def exchange(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, url: str) -> int:
    """One GET on a kept-alive HTTP/1.1 connection; the status, after reading the whole body.

    A bare client on purpose: a full one costs more CPU per request than the server does, and
    client and server share this machine's cores.
    """
    writer.write(f"GET {url} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    fields = dict(line.lower().split(": ", 1) for line in lines[1:] if ": " in line)
    await reader.readexactly(int(fields["content-length"]))
    return int(lines[0].split(" ", 2)[1])


async def load(port: int, pid: int, next_url: Callable[[], str]) -> dict:
    failures: list[str] = []
    counts = {"requests": 0, "probes": 0}
    memory: dict[str, dict[str, float]] = {}
    began = time.monotonic()
    deadline = began + DURATION_S

    async def worker() -> None:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        try:
            while time.monotonic() < deadline:
                url = next_url()
                try:
                    status = await asyncio.wait_for(exchange(reader, writer, url), timeout=10)
                    if status != 200:
                        failures.append(f"{status} {url}")
                except (
                    TimeoutError,
                    OSError,
                    asyncio.IncompleteReadError,
                    KeyError,
                    ValueError,
                ) as error:
                    failures.append(f"{type(error).__name__} {url}")
                    writer.close()
                    reader, writer = await asyncio.open_connection("127.0.0.1", port)
                counts["requests"] += 1
                counts["probes"] += url.partition("?")[0] in PROBES
        finally:
            writer.close()

    async def sampler() -> None:
        for label, at in (("start", 0.2), ("middle", 0.5), ("end", 0.98)):
            await asyncio.sleep(max(0.0, began + at * DURATION_S - time.monotonic()))
            memory[label] = memory_mb(pid)

    await asyncio.gather(sampler(), *(worker() for _ in range(CONNECTIONS)))
    return {"failures": failures, **counts, "memory": memory}


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with launcher(tmp_path_factory.mktemp("load"), WORKERS="1") as started:
        yield started.port, started.process, started.log_path


def test_load_on_loopback_without_a_failed_answer_or_growth(server):
    port, process, log_path = server
    result = asyncio.run(load(port, process.pid, request_urls(port)))
    print(
        f"load: {result['requests']} requests in {DURATION_S:.0f} s, memory MB {result['memory']}"
    )
    assert result["failures"] == [], (
        f"{len(result['failures'])} failed, e.g. {result['failures'][:5]}"
    )
    assert result["requests"] >= 2000, result  # the test did load the server
    memory = result["memory"]
    assert memory["end"]["RssAnon"] - memory["middle"]["RssAnon"] <= MAX_GROWTH_MB, memory
    # The memory budget of one worker after load (docs/operations.md).
    assert memory["end"]["VmRSS"] <= MAX_RSS_MB, memory
    # One JSON access line per answered request; the health probes, answered by the server's
    # edge ahead of the middleware, are not logged.
    lines = [json.loads(line) for line in log_path.read_text().splitlines() if line.startswith("{")]
    assert len(lines) >= result["requests"] - result["probes"]
    assert {"ts", "method", "path", "status", "latency_ms", "size"} <= lines[-1].keys()


def test_sigterm_shuts_down_cleanly(server):
    port, process, log_path = server
    assert httpx.get(f"http://127.0.0.1:{port}/healthz").status_code == 200
    process.send_signal(signal.SIGTERM)
    # The launcher drains, runs the lifespan shutdown, and exits 0.
    assert process.wait(timeout=30) == 0
    log = log_path.read_text()
    assert "Application shutdown complete" in log and "Finished server process" in log
