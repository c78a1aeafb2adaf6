"""`make bench`: how fast a replica starts and how small it stays, beside a bare FastAPI app.

Four figures, each for this checkout and, with `--before DIR`, for another checkout in the same
run (starts alternate between them, so drift on a shared machine cancels):

- cold start: process start to the first 200 on `/v1/events/cassini-2013/local?city=Lima`,
  median of `--starts` starts, against a bare async FastAPI app (`bench/ceiling_app.py`) served
  by the same launcher, and their ratio (target: at most 2);
- peak resident memory during start: the most the launcher's process tree held (VmRSS of the
  process and its children, sampled every few ms) until that first 200 (target: 200 MB);
- resident memory after load: VmRSS of the one worker after `make bench`'s load, the same wrk
  workloads as `bench/bench_service.py` (a random place or zone per request at 4 and 16
  connections, then the heavier answers computed and stored) (target: 150 MB);
- `make test` wall time, with `--tests` (it runs the whole suite in each checkout; target: 3
  minutes).

Each checkout gets its own CACHE_DIR (under build/bench), warmed first, as the image warms it.
Results are also written to build/bench/start.json.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.bench_service import (  # noqa: E402
    EXTRAS,
    LOCAL_PATH,
    OUT,
    Server,
    free_port,
    get,
    stop,
    write_zones,
    wrk,
)

FIRST_ANSWER = LOCAL_PATH + "?city=Lima"
CEILING = ("bench.ceiling_app:app", "/ceiling")
TARGETS = {"cold_start_ratio": 2.0, "peak_rss_mb": 200.0, "rss_after_load_mb": 150.0}
TEST_TARGET_S = 180.0
SAMPLE_S = 0.002


def tree_rss_kb(pid: int) -> int:
    """VmRSS of a process and all its descendants, in kB (0 for one that has gone)."""
    total, pending = 0, [pid]
    while pending:
        current = pending.pop()
        try:
            for line in Path(f"/proc/{current}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except (FileNotFoundError, ProcessLookupError):
            continue
        pending.extend(int(child) for child in children)
    return total


@dataclass
class Start:
    server: Server
    cold_start_s: float
    peak_rss_mb: float


def start(name: str, cwd: Path, env: dict[str, str], app: str | None, probe: str) -> Start:
    """The launcher from `cwd`, timed from process start to the first 200 on `probe`, its
    process tree's resident memory sampled meanwhile."""
    port = free_port()
    log_path = OUT / f"start-{name}.log"
    began = time.perf_counter()
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "service.serve", *([app] if app else [])],
            cwd=cwd,
            env={**env, "HOST": "127.0.0.1", "PORT": str(port)},
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    peak_kb = 0
    deadline = began + 60
    while time.perf_counter() < deadline:
        peak_kb = max(peak_kb, tree_rss_kb(process.pid))
        if process.poll() is not None:
            raise SystemExit(f"{name} exited at start; see {log_path}")
        try:
            if get(port, probe)[0] == 200:
                elapsed = time.perf_counter() - began
                peak_kb = max(peak_kb, tree_rss_kb(process.pid))
                server = Server(name, port, process, elapsed, log_path)
                return Start(server, elapsed, peak_kb / 1024)
        except OSError:
            pass
        time.sleep(SAMPLE_S)
    process.kill()
    raise SystemExit(f"{name} did not answer within 60 s; see {log_path}")


def load(server: Server, zones: Path, seconds: int) -> None:
    """`make bench`'s load (bench_service): random places and zones at 4 and 16 connections,
    then each heavier answer computed and stored."""
    for connections in (4, 16):
        wrk(server, LOCAL_PATH, connections, seconds, zones)
    for _, path, headers, random_place in EXTRAS:
        probe = path + ("?tz=America/Toronto" if random_place else "")
        if get(server.port, probe, headers)[0] != 200:
            continue
        wrk(server, path, 4, seconds, zones if random_place else None, headers, bust=True)
        wrk(server, probe, 4, seconds, None, headers)


@dataclass
class Figures:
    cold_start_s: list[float] = field(default_factory=list)
    peak_rss_mb: list[float] = field(default_factory=list)
    rss_after_load_mb: float = 0.0
    make_test_s: float | None = None
    make_test_ok: bool | None = None

    def summary(self, ceiling_s: float) -> dict:
        cold = statistics.median(self.cold_start_s)
        return {
            "cold_start_s": round(cold, 3),
            "cold_start_ratio": round(cold / ceiling_s, 2),
            "peak_rss_mb": round(max(self.peak_rss_mb), 1),
            "rss_after_load_mb": round(self.rss_after_load_mb, 1),
            "make_test_s": None if self.make_test_s is None else round(self.make_test_s, 1),
            "make_test_ok": self.make_test_ok,
        }


def environment(checkout: Path, name: str) -> dict[str, str]:
    """One worker, and a cache directory of the checkout's own, warmed as the image warms it."""
    cache = OUT / f"cache-{name}"
    env = {**os.environ, "WORKERS": "1", "PYTHONUNBUFFERED": "1", "CACHE_DIR": str(cache)}
    env.pop("PYTHONPATH", None)
    subprocess.run(
        [sys.executable, "-m", "service.warm_caches"],
        cwd=checkout,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return env


def make_test(checkout: Path) -> tuple[float, bool]:
    began = time.perf_counter()
    done = subprocess.run(["make", "test"], cwd=checkout, capture_output=True, text=True)
    (OUT / f"make-test-{checkout.name}.log").write_text(done.stdout + done.stderr)
    return time.perf_counter() - began, done.returncode == 0


def row(label: str, values: list[str]) -> str:
    return f"  {label:38s}" + "".join(f"{v:>18s}" for v in values)


def report(columns: dict[str, dict], ceiling_s: float, ceiling_peak_mb: float) -> None:
    names = list(columns)
    print(row("", [*names, "bare FastAPI app"]))
    print(
        row(
            "cold start (first 200, median)",
            [f"{c['cold_start_s']:.2f} s" for c in columns.values()] + [f"{ceiling_s:.2f} s"],
        )
    )
    print(
        row(
            "  ratio to the bare app (target <= 2)",
            [f"{c['cold_start_ratio']:.2f}" for c in columns.values()] + ["1.00"],
        )
    )
    print(
        row(
            "peak RSS during start (target <= 200)",
            [f"{c['peak_rss_mb']:.0f} MB" for c in columns.values()]
            + [f"{ceiling_peak_mb:.0f} MB"],
        )
    )
    print(
        row(
            "RSS after load (target <= 150)",
            [f"{c['rss_after_load_mb']:.0f} MB" for c in columns.values()] + ["-"],
        )
    )
    print(
        row(
            "make test wall time (target <= 180)",
            [
                "not run (--tests)"
                if c["make_test_s"] is None
                else f"{c['make_test_s']:.0f} s{'' if c['make_test_ok'] else ' FAILED'}"
                for c in columns.values()
            ]
            + ["-"],
        )
    )
    print(f"  (names: {', '.join(f'{n} = {p}' for n, p in PATHS.items())})")


PATHS: dict[str, str] = {}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", type=Path, help="another checkout, measured in the same run")
    parser.add_argument("--starts", type=int, default=5, help="starts of each, for the median")
    parser.add_argument("--seconds", type=int, default=5, help="length of one wrk run of the load")
    parser.add_argument("--tests", action="store_true", help="also time `make test` in each")
    options = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed (Debian package `wrk`; `make bench` installs it)")
    OUT.mkdir(parents=True, exist_ok=True)
    zones = write_zones()
    checkouts = {"after": ROOT}
    if options.before:
        checkouts = {"before": options.before.resolve(), "after": ROOT}
    PATHS.update({name: str(path) for name, path in checkouts.items()})
    envs = {name: environment(path, name) for name, path in checkouts.items()}
    figures = {name: Figures() for name in checkouts}
    ceiling_times, ceiling_peaks = [], []
    for n in range(options.starts):
        order = list(checkouts) if n % 2 == 0 else list(checkouts)[::-1]
        for name in order:
            started = start(name, checkouts[name], envs[name], None, FIRST_ANSWER)
            figures[name].cold_start_s.append(started.cold_start_s)
            figures[name].peak_rss_mb.append(started.peak_rss_mb)
            stop(started.server)
        bare = start("bare", ROOT, envs["after"], CEILING[0], CEILING[1])
        ceiling_times.append(bare.cold_start_s)
        ceiling_peaks.append(bare.peak_rss_mb)
        stop(bare.server)
    for name, path in checkouts.items():
        started = start(name, path, envs[name], None, FIRST_ANSWER)
        try:
            load(started.server, zones, options.seconds)
            figures[name].rss_after_load_mb = started.server.rss_mb()
        finally:
            stop(started.server)
        if options.tests:
            figures[name].make_test_s, figures[name].make_test_ok = make_test(path)
    ceiling_s = statistics.median(ceiling_times)
    columns = {name: f.summary(ceiling_s) for name, f in figures.items()}
    report(columns, ceiling_s, max(ceiling_peaks))
    results = {
        "checkouts": PATHS,
        "bare_cold_start_s": round(ceiling_s, 3),
        "bare_peak_rss_mb": round(max(ceiling_peaks), 1),
        **columns,
    }
    after = columns["after"]
    checks = [
        (
            f"cold start {after['cold_start_ratio']:.2f}x the bare app <= 2",
            after["cold_start_ratio"] <= 2,
        ),
        (f"peak RSS {after['peak_rss_mb']:.0f} MB <= 200", after["peak_rss_mb"] <= 200),
        (
            f"RSS after load {after['rss_after_load_mb']:.0f} MB <= 150",
            after["rss_after_load_mb"] <= 150,
        ),
    ]
    if after["make_test_s"] is not None:
        checks.append(
            (
                f"make test {after['make_test_s']:.0f} s <= 180",
                after["make_test_s"] <= TEST_TARGET_S,
            )
        )
    print("targets: " + "; ".join(f"{text} {'ok' if ok else 'MISSED'}" for text, ok in checks))
    (OUT / "start.json").write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
