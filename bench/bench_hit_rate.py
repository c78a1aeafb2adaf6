"""How often a gazetteer place asked by name is the place meant, measured in-process.

    .venv/bin/python bench/bench_hit_rate.py [--places 2000] [--seed 2013]

Draws places at random from the gazetteer and asks `PlaceResolver.from_city` for each: by name
and country (`city=NAME&country=CC`), then by the query the answer gives for it (`query`, the
shortest text that finds it). A miss by name and country is another place of the same name in
that country, more populous or spelled as typed: the answer then lists the place among its
alternatives with the query that reaches it. The second figure must be 100%.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from service.places.gazetteer_cache import load_gazetteer
from service.places.resolve import PlaceResolver
from service.places.zones import ZoneIndex, use_packaged_tzdata


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--places", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=2013)
    parser.add_argument("--cache-dir", type=Path, default=Path("build/cache"))
    options = parser.parse_args()
    use_packaged_tzdata()
    gazetteer = load_gazetteer(options.cache_dir)
    resolver = PlaceResolver(ZoneIndex(), gazetteer)
    rows = random.Random(options.seed).sample(range(len(gazetteer.cities)), options.places)
    by_name = by_query = 0
    misses: Counter[str] = Counter()
    started = time.perf_counter()
    for row in rows:
        city = gazetteer.cities[row]
        place = resolver.from_city(city.name, city.country_code)
        if place.geonames_id == city.geonames_id:
            by_name += 1
        else:
            listed = any(a.geonames_id == city.geonames_id for a in place.alternatives)
            misses["listed among the alternatives" if listed else "not listed"] += 1
        query = gazetteer.narrowing(city)
        by_query += resolver.from_city(query).geonames_id == city.geonames_id
    elapsed = time.perf_counter() - started
    n = len(rows)
    print(f"{n} places of {len(gazetteer.cities)} (seed {options.seed}), {elapsed:.1f} s")
    print(f"by name and country: {by_name}/{n} = {100 * by_name / n:.1f}%")
    for kind, count in misses.most_common():
        print(f"  misses {kind}: {count}")
    print(f"by the suggested query: {by_query}/{n} = {100 * by_query / n:.1f}%")
    return 0 if by_query == n else 1


if __name__ == "__main__":
    sys.exit(main())
