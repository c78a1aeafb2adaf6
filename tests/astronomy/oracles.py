"""Reference forms the astronomy tests judge the service by; only tests use them.

The service answers for one place at a time (`sky.sky_at`, `SkyTrack.window_sky`) and draws
regions as polygons (`regions.feature_collection`). These ask the same questions of many points at
once, with numpy, straight from the definitions: a place's phase from the Sun's altitude, lit and
facing from both altitudes, membership of a region from its caps, of a polygon by even-odd.
Below them, the sampling and comparing that the domain tests and the web tests share.
"""

from __future__ import annotations

import numpy as np

from service.astronomy.ephemeris import InstantGeometry
from service.astronomy.regions import Cap, Region, ring_contains, unit_vector
from service.astronomy.sky import (
    HORIZON_ALTITUDE_DEG,
    NIGHT,
    PHASES,
    SUNRISE_ALTITUDE_DEG,
    horizontal,
)


def phases(sun_altitude_deg) -> np.ndarray:
    """`sky.phase` for an array of the Sun's geometric altitudes."""
    alt = np.asarray(sun_altitude_deg)
    return np.select([alt > lower for _, lower in PHASES], [name for name, _ in PHASES], NIGHT)


def lit_and_facing(geometry: InstantGeometry, lat_deg, lon_deg) -> np.ndarray:
    """`SkyAt.in_picture` for arrays of places: day and the target's centre above the horizon."""
    sun_alt, _ = horizontal(lat_deg, lon_deg, geometry.era_deg, geometry.sun)
    target_alt, _ = horizontal(lat_deg, lon_deg, geometry.era_deg, geometry.target)
    return (sun_alt > SUNRISE_ALTITUDE_DEG) & (target_alt > HORIZON_ALTITUDE_DEG)


def cap_contains(cap: Cap, lat_deg, lon_deg) -> np.ndarray:
    """Closed-form membership of points (floats or arrays) in a cap."""
    return unit_vector(lat_deg, lon_deg) @ cap.centre() >= np.sin(np.radians(cap.min_altitude_deg))


def region_contains(region: Region, lat_deg, lon_deg) -> np.ndarray:
    """Closed-form point-in-region: inside every one of its caps (no polygons involved)."""
    inside = np.ones(np.shape(lat_deg), dtype=bool)
    for cap in region.caps:
        inside &= cap_contains(cap, lat_deg, lon_deg)
    return inside


def contains(geometry: dict, lon_deg, lat_deg) -> np.ndarray:
    """Which points lie inside a GeoJSON Polygon or MultiPolygon (holes excluded)."""
    lon = np.atleast_1d(np.asarray(lon_deg, dtype=float))
    lat = np.atleast_1d(np.asarray(lat_deg, dtype=float))
    coordinates = geometry["coordinates"]
    polygons = coordinates if geometry["type"] == "MultiPolygon" else [coordinates]
    inside = np.zeros(lon.shape, dtype=bool)
    for rings in polygons:
        for ring in rings:
            inside ^= ring_contains(ring, lon, lat)
    return inside


# --- sampling and comparing ------------------------------------------------------------------

PHASE_KINDS = ("day", "civil_twilight", "nautical_twilight", "astronomical_twilight", "night")
# Points this close (in altitude, i.e. angular distance) to a region's edge are not judged: the
# polygons follow each edge with vertices on it, at most 2 deg apart, and round to 0.0001 deg;
# measured misplacement stays under 0.01 deg.
EDGE_MARGIN_DEG = 0.05


def random_points(seed: int, n: int) -> tuple[np.ndarray, np.ndarray]:
    """(lon, lat) of places spread evenly over the sphere (uniform in sin(latitude)), fixed seed."""
    rng = np.random.default_rng(seed)
    return rng.uniform(-180.0, 180.0, n), np.degrees(np.arcsin(rng.uniform(-1.0, 1.0, n)))


def features_by_kind(collection: dict) -> dict[str, dict]:
    """A GeoJSON FeatureCollection's features by their `kind` property."""
    return {f["properties"]["kind"]: f for f in collection["features"]}


def azimuth_gap(a, b):
    """Smallest angle between two azimuths: 359.99 and 0.01 are 0.02 apart."""
    return np.abs((np.asarray(a) - b + 180.0) % 360.0 - 180.0)
