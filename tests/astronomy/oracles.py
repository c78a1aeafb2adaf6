"""Reference forms the astronomy tests judge the service by; only tests use them.

The service answers for one place at a time (`sky.sky_at`, `SkyTrack.window_sky`) and draws
regions as polygons (`regions.feature_collection`). These ask the same questions of many points at
once, with numpy, straight from the definitions: a place's phase from the Sun's altitude, lit and
facing from both altitudes, membership of a region from its caps, of a polygon by even-odd.
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
