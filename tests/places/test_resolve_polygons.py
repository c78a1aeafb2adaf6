"""The zone polygons (`ZonePolygons`): timezonefinder's answers, unchanged by giving the
mapping's pages back, and those pages given back."""

from __future__ import annotations

import mmap
import random
from pathlib import Path

import numpy as np
import pytest
from timezonefinder import TimezoneFinder

from service.places.resolve import ZonePolygons

# Uniformly spread points read blocks all over the file: 2,000 look-ups leave 8 to 25 MB of it
# resident without the releases (measured; how much depends on how the page cache holds it).
LOOKUPS = 2_000


def uniform_points(count: int) -> list[tuple[float, float]]:
    rng = random.Random(2013)
    return [(rng.uniform(-90, 90), rng.uniform(-180, 180)) for _ in range(count)]


@pytest.fixture(scope="module")
def polygons() -> ZonePolygons:
    return ZonePolygons()


def test_answers_are_timezonefinders_across_releases(polygons):
    reference = TimezoneFinder()
    points = uniform_points(1_000)  # several releases
    assert [polygons.timezone_at(lat, lon) for lat, lon in points] == [
        reference.timezone_at(lat=lat, lng=lon) for lat, lon in points
    ]


def resident_mb(mapping: mmap.mmap) -> float:
    """The resident part of one mapping of this process (Linux smaps)."""
    address = np.frombuffer(mapping, dtype=np.uint8).ctypes.data
    inside = False
    for line in Path("/proc/self/smaps").read_text().splitlines():
        fields = line.split()
        if fields and not fields[0].endswith(":"):  # a mapping's first line: range ... path
            low, high = (int(end, 16) for end in fields[0].split("-"))
            inside = low <= address < high
        elif inside and fields[:1] == ["Rss:"]:
            return int(fields[1]) / 1024
    raise LookupError("no such mapping")


def test_a_release_gives_the_mapped_polygons_back(polygons):
    """Look-ups in a multiple of `RELEASE_EVERY`, the last one releasing: none of the polygons'
    mapping is left resident."""
    for lat, lon in uniform_points(LOOKUPS - LOOKUPS % ZonePolygons.RELEASE_EVERY):
        polygons.timezone_at(lat, lon)
    assert polygons.mapping is not None and resident_mb(polygons.mapping) < 0.5
