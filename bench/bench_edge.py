"""The server's edge under a burst: how long the health probes take while 1000 clients arrive.

Starts the launcher as production runs it (`python -m service.serve`, one worker, 127.0.0.1, a
free port), then opens `--burst` connections at once, each asking random places on the
local-time route on its kept-alive connection for `--seconds`, while a prober asks /healthz and
/readyz on fresh connections every 50 ms. Printed: the probes' latency (p50, p99, max; the target
is a max under 1 s), the burst's answers by status, and how long it took. Bounded in connections
and in time.

    python -m bench.bench_edge [--burst 1000] [--seconds 5] [--service-dir OLD_CHECKOUT]
"""

from __future__ import annotations

import argparse
import asyncio
import http.client
import multiprocessing
import os
import random
import resource
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from multiprocessing.connection import Connection
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCAL = "/v1/events/cassini-2013/local"
PROBE_EVERY_S = 0.05
TARGET_MAX_S = 1.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


async def exchange(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, path: str) -> int:
    """One GET on an open HTTP/1.1 connection; the status, after reading the whole body."""
    writer.write(f"GET {path} HTTP/1.1\r\nHost: localhost\r\n\r\n".encode())
    head = await reader.readuntil(b"\r\n\r\n")
    fields = dict(
        line.lower().split(": ", 1)
        for line in head.decode("latin-1").split("\r\n")[1:]
        if ": " in line
    )
    await reader.readexactly(int(fields.get("content-length", "0")))
    return int(head.split(b" ", 2)[1])


async def get(port: int, path: str, timeout_s: float) -> int:
    """One GET on a new connection; the status (0 for no answer in time, -1 for a reset)."""
    try:
        async with asyncio.timeout(timeout_s):
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
            try:
                return await exchange(reader, writer, path)
            finally:
                writer.close()
    except TimeoutError:
        return 0
    except (OSError, asyncio.IncompleteReadError):
        return -1


async def client(port: int, until: float) -> list[int]:
    """One connection asking random places, kept alive, until `until`; the statuses."""
    statuses: list[int] = []
    try:
        async with asyncio.timeout(max(0.0, until - time.monotonic()) + 10):
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
            try:
                while time.monotonic() < until:
                    statuses.append(await exchange(reader, writer, place()))
                    if statuses[-1] == 503:
                        break  # refused (and closed) beyond MAX_CONNECTIONS
            finally:
                writer.close()
    except TimeoutError:
        statuses.append(0)
    except (OSError, asyncio.IncompleteReadError):
        statuses.append(-1)
    return statuses


def place() -> str:
    return f"{LOCAL}?lat={random.uniform(-60, 70):.4f}&lon={random.uniform(-180, 180):.4f}"


def probe(port: int, seconds: float, out: Connection) -> None:
    """Ask /healthz and /readyz on fresh connections for `seconds`; send back (status, latency)
    pairs. Runs in a process of its own, so the load's busy event loop does not delay it."""
    results: list[tuple[int, float]] = []
    until = time.monotonic() + seconds
    while time.monotonic() < until:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        began = time.perf_counter()
        try:
            connection.request("GET", ("/healthz", "/readyz")[len(results) % 2])
            response = connection.getresponse()
            response.read()
            status = response.status
        except TimeoutError:
            status = 0
        except OSError:
            status = -1
        finally:
            connection.close()
        results.append((status, time.perf_counter() - began))
        time.sleep(PROBE_EVERY_S)
    out.send(results)


async def load(port: int, connections: int, seconds: float) -> tuple[list[int], float]:
    """`connections` clients at once for `seconds`; their statuses and the time taken."""
    began = time.perf_counter()
    until = time.monotonic() + seconds
    clients = await asyncio.gather(*(client(port, until) for _ in range(connections)))
    return [status for statuses in clients for status in statuses], time.perf_counter() - began


def burst(port: int, connections: int, seconds: float) -> dict:
    """The load, and the probes' latencies meanwhile (from half a second before it)."""
    receiver, sender = multiprocessing.Pipe(duplex=False)
    prober = multiprocessing.get_context("spawn").Process(
        target=probe, args=(port, seconds + 1.0, sender)
    )
    prober.start()
    time.sleep(0.5)
    statuses, elapsed_s = asyncio.run(load(port, connections, seconds))
    probes = receiver.recv()
    prober.join()
    return {
        "burst_s": elapsed_s,
        "requests": len(statuses),
        "burst": Counter(statuses),
        "probes": Counter(status for status, _ in probes),
        "latencies": [latency for _, latency in probes],
    }


def start(port: int, cache_dir: str, cwd: Path) -> subprocess.Popen:
    env = {**os.environ, "HOST": "127.0.0.1", "PORT": str(port), "WORKERS": "1"}
    env |= {"CACHE_DIR": cache_dir, "LOG_LEVEL": "warning"}
    process = subprocess.Popen([sys.executable, "-m", "service.serve"], cwd=cwd, env=env)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"the launcher exited with {process.returncode}")
        if asyncio.run(get(port, "/readyz", timeout_s=1)) == 200:
            return process
        time.sleep(0.1)
    process.kill()
    raise SystemExit("the launcher was not ready within 60 s")


def enough_file_descriptors(wanted: int) -> None:
    """The burst's sockets here, and the launcher's (it inherits the limit), need descriptors."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft != resource.RLIM_INFINITY and soft < wanted:
        limit = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
        resource.setrlimit(resource.RLIMIT_NOFILE, (limit, hard))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--burst", type=int, default=1000, help="connections at once")
    parser.add_argument("--seconds", type=float, default=5, help="how long each one asks")
    parser.add_argument("--service-dir", type=Path, default=ROOT, help="another checkout")
    options = parser.parse_args()
    enough_file_descriptors(2 * options.burst + 256)
    with tempfile.TemporaryDirectory() as cache_dir:
        port = free_port()
        process = start(port, cache_dir, options.service_dir)
        try:
            result = burst(port, options.burst, options.seconds)
        finally:
            process.terminate()
            process.wait(timeout=60)
    latencies = sorted(result["latencies"])
    p99 = latencies[min(len(latencies) - 1, int(0.99 * len(latencies)))]
    worst = latencies[-1]
    print(
        f"burst: {options.burst} connections, {result['requests']} requests in "
        f"{result['burst_s']:.1f} s"
    )
    print(f"burst answers by status (0: none in time, -1: reset): {dict(result['burst'])}")
    print(
        f"probes: {len(latencies)} answered {dict(result['probes'])}; latency "
        f"p50 {statistics.median(latencies) * 1000:.0f} ms, p99 {p99 * 1000:.0f} ms, "
        f"max {worst * 1000:.0f} ms (target: max under {TARGET_MAX_S * 1000:.0f} ms: "
        f"{'met' if worst < TARGET_MAX_S else 'MISSED'})"
    )


if __name__ == "__main__":
    main()
