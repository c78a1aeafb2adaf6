"""Mapped data files (`MappedPages`): giving the pages back leaves none of them mapped, and
changes no answer (timezonefinder's polygons here; the gazetteer's cache in
test_gazetteer_cache)."""

from __future__ import annotations

import mmap
import random
from pathlib import Path

import numpy as np
import pytest
from timezonefinder import TimezoneFinder

from service.places.mapped import MappedPages
from service.places.resolve import ZonePolygons

# Uniformly spread points read polygon blocks all over the file: 1,000 look-ups leave 8 to 25 MB
# of it mapped (measured; how much depends on the folios the page cache holds it in).
LOOKUPS = 1_000
EVERY = 64


def uniform_points(count: int) -> list[tuple[float, float]]:
    rng = random.Random(2013)
    return [(rng.uniform(-90, 90), rng.uniform(-180, 180)) for _ in range(count)]


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


@pytest.fixture
def polygons() -> tuple[ZonePolygons, MappedPages]:
    found = ZonePolygons()
    pages = MappedPages(every=EVERY)
    pages.add(found.mapping)
    assert pages.mappings, "timezonefinder no longer maps its polygons' coordinates"
    return found, pages


def test_zones_are_timezonefinders_across_releases(polygons):
    found, pages = polygons
    reference = TimezoneFinder()
    for lat, lon in uniform_points(LOOKUPS):
        pages.looked_up()
        assert found.timezone_at(lat, lon) == reference.timezone_at(lat=lat, lng=lon)


def test_every_nth_look_up_gives_the_pages_back(polygons):
    found, pages = polygons
    for lat, lon in uniform_points(EVERY - 1):
        pages.looked_up()
        found.timezone_at(lat, lon)
    (mapping,) = pages.mappings
    assert resident_mb(mapping) > 0.5  # what the look-ups read is mapped...
    pages.looked_up()
    assert resident_mb(mapping) < 0.1  # ...until the `EVERY`th gives it back


def test_a_source_not_mapped_is_passed_over():
    pages = MappedPages(every=1)
    pages.add(None)
    pages.looked_up()
    assert pages.mappings == []
