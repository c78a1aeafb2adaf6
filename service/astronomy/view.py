"""Earth as the imaging spacecraft saw it, computed once with astropy: plain numbers out.

The camera at the body (Saturn for Cassini, Mercury for MESSENGER) recorded light that left Earth
at the light path's Earth instant. The face it saw is the one turned along the ray from Earth's
centre at that instant to the body at the arrival instant (`BodyView.earth_km`, reversed); that
ray, turned into Earth's own frame (ITRS) at the Earth instant, names the point where the body
stood at the zenith. The spacecraft's offset from its body (Cassini: about 1.2 million km from
Saturn, under 0.05 deg seen from Earth) and the aberration of the outgoing ray (Earth's speed
over c, 20 arcsec) are left out; both are below what a drawing or the 0.1 deg of the tests show.

The Sun's place is the apparent one the sky over a place uses (`ephemeris.apparent_geometry`),
so that a point lit on the globe is sunlit in a local answer. Everything per request
(a place's position on the disk, whether it faced the camera or was lit) is closed-form
spherical trigonometry on these numbers: `service.astronomy.disk`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from service.astronomy.ephemeris import ApparentPlace, BodyView, LightPath

# WGS 84 equatorial radius; the IAU mean radius of the Moon.
EARTH_EQUATORIAL_RADIUS_KM = 6378.137
MOON_RADIUS_KM = 1737.4


@dataclass(frozen=True)
class EarthView:
    """What the camera at the body recorded of Earth and the Moon, as angles and distances.

    Frame offsets are in the camera's view with Earth's north up: `east` to the right, `north`
    up, in microradians of the spacecraft's sky.
    """

    event_id: str
    earth_instant: datetime
    body_instant: datetime
    distance_km: float
    sub_body_lat_deg: float
    sub_body_lon_deg: float
    subsolar_lat_deg: float
    subsolar_lon_deg: float
    phase_angle_deg: float
    apparent_diameter_urad: float
    moon_east_urad: float
    moon_north_urad: float
    moon_distance_km: float
    moon_apparent_diameter_urad: float
    # Earth's rotation axis as a unit vector in the frame (east, north, toward the camera): how
    # far the north pole is tipped toward or away from the camera.
    north_pole_toward_camera: float = 0.0

    @property
    def illuminated_fraction(self) -> float:
        """The lit fraction of the disk's area: (1 + cos phase) / 2."""
        return (1.0 + math.cos(math.radians(self.phase_angle_deg))) / 2.0

    @property
    def moon_separation_urad(self) -> float:
        return math.hypot(self.moon_east_urad, self.moon_north_urad)

    @property
    def moon_position_angle_deg(self) -> float:
        """Direction of the Moon from Earth in the frame: 0 north (up), 90 east (right)."""
        return math.degrees(math.atan2(self.moon_east_urad, self.moon_north_urad)) % 360.0


def _unit(xyz: np.ndarray) -> np.ndarray:
    return xyz / np.linalg.norm(xyz)


def _lat_lon_deg(xyz: np.ndarray) -> tuple[float, float]:
    x, y, z = (float(c) for c in _unit(xyz))
    return math.degrees(math.asin(z)), math.degrees(math.atan2(y, x))


def celestial_to_terrestrial(instant: datetime) -> np.ndarray:
    """The rotation from GCRS axes (ICRS-aligned, geocentric) to ITRS at `instant`: astropy's
    GCRS -> CIRS -> ITRS chain applied to the three axes (precession-nutation, Earth rotation
    angle, polar motion from the packaged IERS-B table)."""
    import astropy.units as u
    from astropy.coordinates import GCRS, ITRS, CartesianRepresentation
    from astropy.time import Time

    time = Time(instant.astimezone(UTC).replace(tzinfo=None), scale="utc")
    axes = CartesianRepresentation(np.eye(3) * u.km)
    turned = GCRS(axes, obstime=time).transform_to(ITRS(obstime=time))
    # Column i is where axis i goes; subtract what a zero vector maps to (none for a rotation,
    # kept so that any origin shift of the chain cannot leak in).
    origin = GCRS(CartesianRepresentation(np.zeros(3) * u.km), obstime=time).transform_to(
        ITRS(obstime=time)
    )
    columns = turned.cartesian.xyz.to_value(u.km) - origin.cartesian.xyz.to_value(u.km)[:, None]
    return columns


def subsolar_point(sun: ApparentPlace, era_deg: float) -> tuple[float, float]:
    """(lat_deg, lon_deg) under the Sun's apparent CIRS place: longitude RA - ERA, as the sky over
    a place takes its hour angle."""
    return sun.dec_deg, (sun.ra_deg - era_deg + 180.0) % 360.0 - 180.0


def earth_view(
    event_id: str, path: LightPath, body: BodyView, sun: ApparentPlace, era_deg: float
) -> EarthView:
    """Earth and the Moon from the body, for light that left Earth at `path.earth_instant`.

    `body` holds the body-to-Earth, -Moon and -Sun vectors of that light path (ICRS axes, km);
    `sun` and `era_deg` the Sun's apparent place and the Earth rotation angle at the Earth
    instant."""
    rotation = celestial_to_terrestrial(path.earth_instant)
    earth_from_body = rotation @ np.array(body.earth_km)
    moon_from_body = rotation @ np.array(body.moon_km)
    toward_body = _unit(-earth_from_body)
    sub_lat, sub_lon = _lat_lon_deg(toward_body)
    sun_lat, sun_lon = subsolar_point(sun, era_deg)
    sun_dir = np.array(
        [
            math.cos(math.radians(sun_lat)) * math.cos(math.radians(sun_lon)),
            math.cos(math.radians(sun_lat)) * math.sin(math.radians(sun_lon)),
            math.sin(math.radians(sun_lat)),
        ]
    )
    phase_deg = math.degrees(math.acos(float(np.clip(sun_dir @ toward_body, -1.0, 1.0))))
    # The frame: north up, east right, as seen from the body looking at Earth.
    pole = np.array([0.0, 0.0, 1.0])
    up = _unit(pole - (pole @ toward_body) * toward_body)
    right = np.cross(up, toward_body)
    distance_km = float(np.linalg.norm(earth_from_body))
    moon_km = float(np.linalg.norm(moon_from_body))
    moon_dir = moon_from_body / moon_km
    along = float(moon_dir @ -toward_body)  # gnomonic: offsets on the camera's image plane
    return EarthView(
        event_id=event_id,
        earth_instant=path.earth_instant,
        body_instant=path.body_instant,
        distance_km=distance_km,
        sub_body_lat_deg=sub_lat,
        sub_body_lon_deg=sub_lon,
        subsolar_lat_deg=sun_lat,
        subsolar_lon_deg=sun_lon,
        phase_angle_deg=phase_deg,
        apparent_diameter_urad=2e6 * math.asin(EARTH_EQUATORIAL_RADIUS_KM / distance_km),
        moon_east_urad=1e6 * float(moon_dir @ right) / along,
        moon_north_urad=1e6 * float(moon_dir @ up) / along,
        moon_distance_km=moon_km,
        moon_apparent_diameter_urad=2e6 * math.asin(MOON_RADIUS_KM / moon_km),
        north_pole_toward_camera=float(pole @ toward_body),
    )
