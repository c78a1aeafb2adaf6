"""Microbenchmark: the per-request sky computation and the whole region set.

Run with `.venv/bin/python -m bench.bench_sky` (or `make bench`). Start-up astronomy (astropy)
runs once first and is not timed; the numbers are what a request, or a start-up region build, costs.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import numpy as np

from service.astronomy import regions, sky
from service.astronomy.ephemeris import compute_all
from service.events import load_catalogue

PLACES = 2000
REGION_ROUNDS = 10


def _per_call_us(calls: list[Callable[[], object]]) -> float:
    start = time.perf_counter()
    for call in calls:
        call()
    return (time.perf_counter() - start) / len(calls) * 1e6


def main() -> None:
    catalogue = load_catalogue()
    astronomy = compute_all(catalogue)
    rng = np.random.default_rng(1)
    lat = np.degrees(np.arcsin(rng.uniform(-1.0, 1.0, PLACES))).tolist()
    lon = rng.uniform(-180.0, 180.0, PLACES).tolist()
    print(f"per request, mean over {PLACES} random places:")
    for event in catalogue.events:
        astro = astronomy[event.id]
        track, body = astro.window_track, astro.target_body
        one = _per_call_us(
            [
                lambda i=i, track=track, body=body: sky.sky_at(track[0], body, lat[i], lon[i])
                for i in range(PLACES)
            ]
        )
        prepared = sky.SkyTrack.of(track, body)  # as start-up builds it, once per event
        whole = _per_call_us(
            [
                lambda i=i, prepared=prepared: prepared.window_sky(lat[i], lon[i])
                for i in range(PLACES)
            ]
        )
        print(
            f"  {event.id:22s} sky_at {one:7.1f} us   "
            f"SkyTrack.window_sky ({len(track)} samples) {whole:7.1f} us"
        )
    geometry = astronomy["cassini-2013"].window_track[0]
    sky.horizontal(np.array(lat), np.array(lon), geometry.era_deg, geometry.sun)
    table = _per_call_us(
        [lambda: sky.horizontal(np.array(lat), np.array(lon), geometry.era_deg, geometry.sun)] * 50
    )
    print(
        f"vectorised horizontal() for {PLACES} places: {table:.0f} us "
        f"({table / PLACES * 1000:.0f} ns a place)"
    )
    regions.feature_collection(geometry, "saturn")
    build = (
        _per_call_us([lambda: regions.feature_collection(geometry, "saturn")] * REGION_ROUNDS)
        / 1000
    )
    count = sum(
        len(ring)
        for f in regions.feature_collection(geometry, "saturn")["features"]
        if f["geometry"]["type"] == "MultiPolygon"
        for p in f["geometry"]["coordinates"]
        for ring in p
    )
    print(
        f"whole region set (7 regions, 2 points; {count} positions), "
        f"cassini-2013 start: {build:.1f} ms"
    )


if __name__ == "__main__":
    main()
