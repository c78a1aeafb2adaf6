"""Benchmark: the share image (`/v1/events/{id}/share.png`), first render, and its size.

Run with `.venv/bin/python -m bench.bench_share` (or `make bench`). The app starts once (not
timed); then each event, place and language is asked for once, so every request renders (the
answer store keeps an answer only from its second asking). Prints wall and CPU milliseconds per
render and the bytes of each image; the issue's bounds are 150 ms and 300 KB.
"""

from __future__ import annotations

import statistics
import time

from fastapi.testclient import TestClient

from service.web.app import create_app

CASES = [
    ("cassini-2013", "city=Toronto", "en"),
    ("cassini-2013", "city=Paris", "fr"),
    ("cassini-2013", "city=Tokyo", "ja"),
    ("cassini-2013", "lat=-33.9&lon=18.4", "de"),
    ("cassini-2013", "", "es"),
    ("messenger-2013-07-19", "city=Lisbon", "pt"),
    ("messenger-2013-07-20", "city=Mexico%20City", "es"),
    ("messenger-2013-07-19", "city=Osaka", "ja"),
]
MAX_MS = 150
MAX_BYTES = 300_000


def main() -> None:
    with TestClient(create_app()) as client:
        client.get("/v1/events/cassini-2013/share.png?city=Lima&lang=en")  # warm the route once
        walls, cpus, sizes = [], [], []
        for event_id, place, lang in CASES:
            url = f"/v1/events/{event_id}/share.png?{place}&lang={lang}".replace("?&", "?")
            wall, cpu = time.perf_counter(), time.process_time()
            response = client.get(url)
            wall_ms = (time.perf_counter() - wall) * 1e3
            cpu_ms = (time.process_time() - cpu) * 1e3
            assert response.status_code == 200, (url, response.status_code)
            walls.append(wall_ms)
            cpus.append(cpu_ms)
            sizes.append(len(response.content))
            print(f"  {url:62s} {wall_ms:6.1f} ms wall {cpu_ms:6.1f} ms CPU {sizes[-1]:7d} B")
        print(
            f"share.png first render: median {statistics.median(walls):.1f} ms wall "
            f"({statistics.median(cpus):.1f} ms CPU), max {max(walls):.1f} ms; "
            f"largest {max(sizes)} B (bounds {MAX_MS} ms, {MAX_BYTES} B)"
        )


if __name__ == "__main__":
    main()
