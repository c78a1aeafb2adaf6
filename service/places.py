"""Places: where on Earth a question is asked from, and which zone keeps its clocks.

A place is resolved from coordinates (zone from timezonefinder; ocean points get the nautical
`Etc/GMT±N` zone) or from a time zone alone (the zone's representative point in tzdata's tables).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import timedelta
from importlib import resources

from service.errors import InvalidParameter
from service.timezones import ResolvedZone, ZoneIndex

_COORD = re.compile(r"^([+-]\d{2})(\d{2})(\d{2})?([+-]\d{3})(\d{2})(\d{2})?$")


@dataclass(frozen=True)
class Place:
    """A point with its zone. Gazetteer fields are None where the place is not a named city."""

    lat: float
    lon: float
    tz: str
    resolved_from: str
    name: str | None = None
    admin1: str | None = None
    country_code: str | None = None
    country: str | None = None
    population: int | None = None
    geonames_id: int | None = None
    note: str | None = None


def check_coordinates(lat: float, lon: float) -> None:
    """Reject, never clamp: NaN, infinities and out-of-range values are the caller's to fix."""
    if not math.isfinite(lat) or not -90.0 <= lat <= 90.0:
        raise InvalidParameter(f"lat must be a number from -90 to 90, not {lat}.", parameter="lat")
    if not math.isfinite(lon) or not -180.0 <= lon <= 180.0:
        raise InvalidParameter(f"lon must be a number from -180 to 180, not {lon}.", parameter="lon")


def _dms(sign_deg: str, minutes: str, seconds: str | None) -> float:
    sign = -1.0 if sign_deg.startswith("-") else 1.0
    return sign * (abs(int(sign_deg)) + int(minutes) / 60 + int(seconds or 0) / 3600)


def parse_iso6709(text: str) -> tuple[float, float]:
    """`+4339-07923` or `+554521+0373704` (tzdata's coordinate form) to decimal degrees."""
    match = _COORD.match(text)
    if not match:
        raise ValueError(f"not an ISO 6709 coordinate: {text!r}")
    lat = _dms(match.group(1), match.group(2), match.group(3))
    lon = _dms(match.group(4), match.group(5), match.group(6))
    return lat, lon


def _tab_points(name: str) -> dict[str, tuple[float, float]]:
    points = {}
    text = resources.files("tzdata").joinpath("zoneinfo", name).read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.startswith("#") or not line.strip():
            continue
        fields = line.split("\t")
        points[fields[2]] = parse_iso6709(fields[1])
    return points


class ZonePoints:
    """Each zone's representative point: zone.tab for the name as typed, else zone1970.tab."""

    def __init__(self) -> None:
        self._zone1970 = _tab_points("zone1970.tab")
        self._zone = _tab_points("zone.tab")

    def point(self, typed: str, zone: ResolvedZone) -> tuple[tuple[float, float], str | None]:
        """The point and, where it is a stand-in rather than a city, a note saying so."""
        for table, key in ((self._zone, typed), (self._zone1970, zone.name), (self._zone, zone.name)):
            if key in table:
                return table[key], None
        offset = zone.tz.utcoffset(None) if zone.kind == "offset" else _etc_offset(zone.name)
        lon = (offset or timedelta(0)).total_seconds() / 240.0
        lon = max(-180.0, min(180.0, lon))
        return (0.0, lon), "No city represents this zone: the point is on the equator at its central meridian."


def _etc_offset(name: str) -> timedelta | None:
    match = re.fullmatch(r"Etc/GMT([+-]\d{1,2})", name)
    return timedelta(hours=-int(match.group(1))) if match else None


class PlaceResolver:
    """Turns the location parameters of a request into a Place and its zone."""

    def __init__(self, zones: ZoneIndex) -> None:
        from timezonefinder import TimezoneFinder

        self.zones = zones
        self.points = ZonePoints()
        self._finder = TimezoneFinder()

    def from_coordinates(self, lat: float, lon: float) -> Place:
        check_coordinates(lat, lon)
        name = self._finder.timezone_at(lat=lat, lng=lon) or _nautical_zone(lon)
        zone = self.zones.resolve(name)
        return Place(lat=lat, lon=lon, tz=zone.name, resolved_from="coordinates")

    def from_timezone(self, text: str) -> Place:
        zone = self.zones.resolve(text)
        (lat, lon), note = self.points.point(text.strip(), zone)
        return Place(lat=lat, lon=lon, tz=zone.name, resolved_from="timezone", note=note)


def _nautical_zone(lon: float) -> str:
    """The nautical zone for a longitude: 15-degree bands centred on multiples of 15."""
    hours = int(round(lon / 15.0))
    hours = max(-12, min(12, hours))
    return "Etc/GMT" if hours == 0 else f"Etc/GMT{-hours:+d}"
