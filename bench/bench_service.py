"""`make bench`: the service as production runs it, beside the framework's ceiling, under wrk.

Both servers run at once on loopback (one worker each, both served by the production launcher,
`python -m service.serve`); wrk loads them in turn, alternating, with a random place per request:
half by random coordinates (computed every time), half by a random zone (after the first asking,
served from the answer store); then every place by coordinates, the load of issue 11's targets.
Printed: requests/s of each and their ratio (and the servers' CPU time per request, a steadier
ratio on a drifting machine), p50/p99 latency, cold start (process start to the first 200
answer), resident memory after load, and the heavier routes where this build has them. Results
are also written to build/bench/results.json.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import zoneinfo
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from service.settings import Settings  # noqa: E402

OUT = ROOT / "build" / "bench"
LUA = ROOT / "bench" / "random_place.lua"
LOCAL_PATH = "/v1/events/cassini-2013/local"
CEILING_PATH = "/ceiling"
SAME_SHAPE_PATH = "/ceiling/cassini-2013/local"
# Computed answers (random coordinates) at 0.9x the ceiling's requests/s at 16 connections, p99
# within 4 ms at 4; the start-up and memory bounds of docs/performance.md.
TARGETS = {"computed_ratio_16": 0.9, "p99_4_ms": 4.0, "cold_start_s": 3.0, "rss_mb": 150.0}
# The share of requests asking by coordinates: the mixed load, and computed answers only.
MIXED, COMPUTED = 0.5, 1.0
# Each load measured: the prefix of its results' names, its share by coordinates, its label.
LOADS = (
    ("", MIXED, "half by coordinates"),
    ("computed_", COMPUTED, "every place by coordinates (computed)"),
)


@dataclass
class Server:
    name: str
    port: int
    process: subprocess.Popen
    cold_start_s: float
    log_path: Path

    def rss_mb(self) -> float:
        """Resident memory of the server process, from /proc (VmRSS, kB)."""
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        raise RuntimeError("no VmRSS")

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"


@dataclass
class Run:
    requests_per_s: float
    p50_ms: float
    p99_ms: float
    errors: dict = field(default_factory=dict)
    cpu_us: float = 0.0  # the server's CPU time (user and system) per request


def cpu_s(pid: int) -> float:
    """CPU time a process has used, user and system, from /proc (clock ticks)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(port: int, path: str, headers: dict | None = None) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def start(
    name: str,
    args: list[str],
    probe: str,
    env: dict[str, str],
    cwd: Path = ROOT,
) -> Server:
    """Start the launcher (`python -m service.serve [APP]`) on 127.0.0.1 and a free port, and
    time it from process start to the first 200 answer on `probe`."""
    port = free_port()
    log_path = OUT / f"{name}.log"
    log = log_path.open("wb")
    began = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "service.serve", *args],
        cwd=cwd,
        env={**env, "HOST": "127.0.0.1", "PORT": str(port)},
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    deadline = began + 60
    while time.perf_counter() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"{name} exited at start; see {log_path}")
        try:
            if get(port, probe)[0] == 200:
                return Server(name, port, process, time.perf_counter() - began, log_path)
        except OSError:
            pass
        time.sleep(0.005)
    process.kill()
    raise SystemExit(f"{name} did not answer within 60 s; see {log_path}")


def wrk(
    server: Server,
    path: str,
    connections: int,
    seconds: int,
    zones: Path | None,
    headers: dict | None = None,
    bust: bool = False,
    by_coordinates: float = MIXED,
) -> Run:
    command = ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--timeout", "5s", "-s", str(LUA)]
    for name, value in (headers or {}).items():
        command += ["-H", f"{name}: {value}"]
    command += [
        server.url("/"),
        "--",
        path,
        str(zones) if zones else "-",
        "bust" if bust else "-",
        str(by_coordinates),
    ]
    before = cpu_s(server.process.pid)
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    used = cpu_s(server.process.pid) - before
    line = next(row for row in output.splitlines() if row.startswith("BENCH "))
    result = json.loads(line[len("BENCH ") :])
    return Run(
        cpu_us=used / max(result["requests"], 1) * 1e6,
        requests_per_s=result["requests"] / (result["duration_us"] / 1e6),
        p50_ms=result["p50_us"] / 1000,
        p99_ms=result["p99_us"] / 1000,
        errors={k: v for k, v in result["errors"].items() if v},
    )


def write_zones() -> Path:
    from service.places.zones import use_packaged_tzdata

    use_packaged_tzdata()
    path = OUT / "zones.txt"
    path.write_text("\n".join(sorted(zoneinfo.available_timezones())) + "\n")
    return path


def compare(
    targets: list[tuple[str, Server, str]],
    zones: Path,
    connections: int,
    rounds: int,
    seconds: int,
    by_coordinates: float = MIXED,
) -> dict:
    """Alternate the targets, reversing the order every round, so drift on a shared machine
    cancels."""
    runs: dict[str, list[Run]] = {name: [] for name, _, _ in targets}
    for r in range(rounds):
        for name, server, path in targets if r % 2 == 0 else targets[::-1]:
            runs[name].append(
                wrk(server, path, connections, seconds, zones, by_coordinates=by_coordinates)
            )
    summary: dict = {}
    for name, rs in runs.items():
        summary[name] = {
            "requests_per_s": round(statistics.median(r.requests_per_s for r in rs)),
            "p50_ms": round(statistics.median(r.p50_ms for r in rs), 2),
            "p99_ms": round(statistics.median(r.p99_ms for r in rs), 2),
            "p99_worst_ms": round(max(r.p99_ms for r in rs), 2),
            "errors": [r.errors for r in rs if r.errors],
            "cpu_us_per_request": round(statistics.median(r.cpu_us for r in rs), 1),
            "cpu_us_least": round(min(r.cpu_us for r in rs), 1),
        }
    service = summary["service"]["requests_per_s"]
    summary["ratio"] = round(service / summary["ceiling"]["requests_per_s"], 3)
    # The same comparison by the servers' own CPU time per request: steadier than requests/s on
    # a machine whose speed drifts, since both servers run CPU-bound.
    summary["cpu_ratio"] = round(
        summary["ceiling"]["cpu_us_per_request"] / summary["service"]["cpu_us_per_request"], 3
    )
    # And by the least CPU time each took in a run: the run least disturbed by other work.
    summary["cpu_ratio_least"] = round(
        summary["ceiling"]["cpu_us_least"] / summary["service"]["cpu_us_least"], 3
    )
    summary["ratio_same_shape"] = round(
        service / summary["same-shape ceiling"]["requests_per_s"], 3
    )
    return summary


def report(title: str, summary: dict) -> None:
    print(f"{title}:")
    for name in ("service", "ceiling", "same-shape ceiling"):
        s = summary[name]
        print(
            f"   {name:19s} {s['requests_per_s']:6d} req/s   p50 {s['p50_ms']:5.2f} ms   "
            f"p99 {s['p99_ms']:5.2f} ms   (worst run p99 {s['p99_worst_ms']:.2f} ms)   "
            f"CPU {s['cpu_us_per_request']:5.0f} µs/request"
            f"{'   errors ' + str(s['errors']) if s['errors'] else ''}"
        )
    print(
        f"   ratio to the ceiling {summary['ratio']:.2f}; "
        f"to the same-shape ceiling {summary['ratio_same_shape']:.2f}; "
        f"by CPU time per request {summary['cpu_ratio']:.2f} "
        f"(by the least of the runs {summary['cpu_ratio_least']:.2f})"
    )


# The heavier answers, measured where this build has them (routes arrive over time).
EXTRAS = [
    ("world table (every zone)", "/v1/events/cassini-2013/world", None, False),
    ("in-picture table (every city)", "/v1/events/cassini-2013/in-picture", None, False),
    ("map SVG (random place)", "/v1/events/cassini-2013/map.svg", None, True),
    ("curl text /Toronto", "/Toronto", {"User-Agent": "curl/8"}, False),
]


def extras(service: Server, zones: Path, seconds: int) -> dict:
    """Each heavier answer twice: as computed (a random unknown parameter defeats the answer store)
    and as served again (the same URL: the store, as for a popular link)."""
    found = {}
    for label, path, headers, random_place in EXTRAS:
        probe = path + ("?tz=America/Toronto" if random_place else "")
        status, _ = get(service.port, probe, headers)
        if status != 200:
            print(f"  {label:32s} skipped: GET {probe} answered {status} (not in this build)")
            continue
        # Computed: a random place where the route takes one, and a nonce. Stored: one fixed URL.
        for how, url, places, bust in (
            ("computed", path, zones if random_place else None, True),
            ("stored", probe, None, False),
        ):
            run = wrk(service, url, 4, seconds, places, headers, bust=bust)
            found[f"{label}, {how}"] = vars(run)
            print(
                f"  {label:32s} {how:8s} {run.requests_per_s:7.0f} req/s   "
                f"p50 {run.p50_ms:6.2f} ms   "
                f"p99 {run.p99_ms:6.2f} ms{'   errors ' + str(run.errors) if run.errors else ''}"
            )
    return found


def stop(server: Server) -> float:
    """SIGTERM, as an orchestrator sends it; the time to a clean exit."""
    began = time.perf_counter()
    server.process.send_signal(signal.SIGTERM)
    try:
        server.process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.process.kill()
    return time.perf_counter() - began


def verdict(ok: bool) -> str:
    return "ok" if ok else "MISSED"


def print_targets(results: dict) -> None:
    computed, computed_c4 = results["computed_c16"], results["computed_c4"]
    checks = [
        (
            f"computed answers' ratio at 16 {computed['ratio']:.2f} >= "
            f"{TARGETS['computed_ratio_16']}",
            computed["ratio"] >= TARGETS["computed_ratio_16"],
        ),
        (
            f"computed answers' p99 at 4 {computed_c4['service']['p99_ms']:.2f} ms <= "
            f"{TARGETS['p99_4_ms']}",
            computed_c4["service"]["p99_ms"] <= TARGETS["p99_4_ms"],
        ),
        (
            f"cold start {results['cold_start_s']:.2f} s <= {TARGETS['cold_start_s']}",
            results["cold_start_s"] <= TARGETS["cold_start_s"],
        ),
        (
            f"RSS {results['rss_mb']:.0f} MB <= {TARGETS['rss_mb']:.0f}",
            results["rss_mb"] <= TARGETS["rss_mb"],
        ),
    ]
    print("targets: " + "; ".join(f"{text} {verdict(ok)}" for text, ok in checks))


def measure(service: Server, ceiling: Server, zones: Path, options: argparse.Namespace) -> dict:
    """Everything printed, with the servers up: throughput, latency, memory, heavier answers."""
    print(f"cold start: service {service.cold_start_s:.2f} s, ceiling {ceiling.cold_start_s:.2f} s")
    results: dict = {
        "cold_start_s": round(service.cold_start_s, 2),
        "ceiling_cold_start_s": round(ceiling.cold_start_s, 2),
    }
    targets = [
        ("service", service, LOCAL_PATH),
        ("ceiling", ceiling, CEILING_PATH),
        ("same-shape ceiling", ceiling, SAME_SHAPE_PATH),
    ]
    for _, server, path in targets:
        wrk(server, path, 4, 2, zones)  # warm-up: lazy data pages, allocator, branch caches
    # The mixed load, then issue 11's: every answer computed. The ceilings answer as before
    # (they ignore the place), so that ratio is the computed answer's against the framework's.
    for prefix, by_coordinates, load in LOADS:
        for connections in (4, 16):
            name = f"{prefix}c{connections}"
            results[name] = compare(
                targets, zones, connections, options.rounds, options.seconds, by_coordinates
            )
            report(f"{connections:2d} connections, {load}", results[name])
    results["rss_mb"] = round(service.rss_mb(), 1)
    results["ceiling_rss_mb"] = round(ceiling.rss_mb(), 1)
    print(
        f"resident memory after load: service {results['rss_mb']:.0f} MB, "
        f"ceiling {results['ceiling_rss_mb']:.0f} MB"
    )
    print("heavier answers (4 connections):")
    results["extras"] = extras(service, zones, options.seconds)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--rounds", type=int, default=3, help="alternating runs per connection count"
    )
    parser.add_argument("--seconds", type=int, default=5, help="length of one wrk run")
    parser.add_argument(
        "--service-dir",
        type=Path,
        default=ROOT,
        help="serve the service from this checkout instead (to compare before and after)",
    )
    options = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed (Debian package `wrk`; `make bench` installs it)")
    OUT.mkdir(parents=True, exist_ok=True)
    zones = write_zones()
    env = {**os.environ, "WORKERS": "1", "PYTHONUNBUFFERED": "1"}
    Settings.from_env(env)  # a bad setting stops the bench here, not in the launcher's log

    # As in the image, where the Dockerfile builds the start-up caches.
    subprocess.run([sys.executable, "-m", "service.warm_caches"], cwd=ROOT, env=env, check=True)
    print("service: python -m service.serve; ceiling: python -m service.serve CEILING_APP")
    service = start("service", [], LOCAL_PATH + "?tz=UTC", env, cwd=options.service_dir)
    try:
        ceiling = start("ceiling", ["bench.ceiling_app:app"], CEILING_PATH, env)
        try:
            results = measure(service, ceiling, zones, options)
        finally:
            stop(ceiling)
    finally:
        shutdown_s = stop(service)
    results["service_shutdown_s"] = round(shutdown_s, 2)
    access_lines = sum(1 for _ in service.log_path.open("rb"))
    print(
        f"graceful shutdown (SIGTERM to exit): {shutdown_s:.2f} s; access log lines: {access_lines}"
    )
    print_targets(results)
    (OUT / "results.json").write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
