"""The sky over a place at an event instant: was the Sun up, where stood the target, in the picture?

Closed-form spherical trigonometry over the apparent places computed once at start-up
(`service.ephemeris.InstantGeometry`): the local hour angle is H = ERA + longitude - RA(CIRS), and
altitude and azimuth follow from the place's geodetic latitude. Parallax (under 0.004 deg for the
Sun and Mercury, far less for Saturn), polar motion and diurnal aberration are left out; the test
suite holds the result to astropy's full AltAz transform within 0.05 deg.

Definitions, as the API documents them:
- Sun `altitude_deg` is geometric (centre of the disc, no refraction), what astropy's AltAz frame
  gives with zero pressure; `apparent_altitude_deg` adds standard refraction.
- Day: geometric altitude above -0.833 deg, i.e. the upper limb above the horizon after standard
  refraction (34' of refraction plus the 16' semi-diameter). Twilights: civil above -6 deg,
  nautical above -12 deg, astronomical above -18 deg; night below.
- The target is above the horizon when its geometric centre is above 0 deg (no refraction).
- In the picture: sunlit (day) and the target above the horizon.

Every function taking `lat_deg`/`lon_deg` accepts floats or numpy arrays alike.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

import numpy as np

from service.ephemeris import ApparentPlace, InstantGeometry

SUNRISE_ALTITUDE_DEG = -0.833
HORIZON_ALTITUDE_DEG = 0.0
# Lower bounds of the Sun's geometric altitude for each phase, brightest first; below the last: night.
PHASES: tuple[tuple[str, float], ...] = (
    ("day", SUNRISE_ALTITUDE_DEG),
    ("civil_twilight", -6.0),
    ("nautical_twilight", -12.0),
    ("astronomical_twilight", -18.0),
)
NIGHT = "night"
COMPASS_POINTS = ("N", "NNE", "NE", "ENE", "E", "ESE", "SE", "SSE",
                  "S", "SSW", "SW", "WSW", "W", "WNW", "NW", "NNW")
# Saemundsson's refraction formula is fitted to bodies at or above the horizon; more than a degree
# below it no light reaches the observer, so the refraction is held at its value there.
REFRACTION_FLOOR_DEG = -1.0


@dataclass(frozen=True)
class SunSky:
    altitude_deg: float
    apparent_altitude_deg: float
    azimuth_deg: float
    compass: str
    phase: str


@dataclass(frozen=True)
class TargetSky:
    body: str
    altitude_deg: float
    azimuth_deg: float
    compass: str
    above_horizon: bool


@dataclass(frozen=True)
class SkyAt:
    """The sky over one place at one instant."""

    instant: datetime
    sun: SunSky
    target: TargetSky

    @property
    def sunlit(self) -> bool:
        return self.sun.phase == "day"

    @property
    def in_picture(self) -> bool:
        return self.sunlit and self.target.above_horizon

    @property
    def summary(self) -> str:
        return summary(self)


@dataclass(frozen=True)
class Transition:
    """The Sun's upper limb or the target's centre crossing the horizon inside the window."""

    instant: datetime
    body: str
    kind: str  # sunrise, sunset, target_rise, target_set


@dataclass(frozen=True)
class WindowSky:
    start: SkyAt
    end: SkyAt
    transitions: tuple[Transition, ...]


def hour_angle_deg(era_deg, lon_deg, ra_deg):
    """Local hour angle in [-180, 180): east longitude positive, RA from the CIO (CIRS)."""
    return (np.asarray(era_deg) + lon_deg - ra_deg + 180.0) % 360.0 - 180.0


def horizontal(lat_deg, lon_deg, era_deg: float, place: ApparentPlace):
    """Geometric (altitude_deg, azimuth_deg) of an apparent place; azimuth from north through east."""
    return altitude_azimuth(lat_deg, lon_deg, era_deg, place.ra_deg, place.dec_deg)


def altitude_azimuth(lat_deg, lon_deg, era_deg, ra_deg, dec_deg):
    """`horizontal` on bare angles, any of which may be arrays (e.g. a body sampled in time)."""
    lat = np.radians(lat_deg)
    dec = np.radians(dec_deg)
    h = np.radians(hour_angle_deg(era_deg, lon_deg, ra_deg))
    sin_alt = np.sin(lat) * np.sin(dec) + np.cos(lat) * np.cos(dec) * np.cos(h)
    altitude = np.degrees(np.arcsin(np.clip(sin_alt, -1.0, 1.0)))
    east = -np.cos(dec) * np.sin(h)
    north = np.sin(dec) * np.cos(lat) - np.cos(dec) * np.sin(lat) * np.cos(h)
    azimuth = np.degrees(np.arctan2(east, north)) % 360.0
    return altitude, azimuth


def refraction_deg(altitude_deg):
    """Standard refraction for a geometric altitude (10 deg C, 1010 hPa).

    Saemundsson's formula, R = 1.02' / tan(h + 10.3 / (h + 5.11)), as given in J. Meeus,
    Astronomical Algorithms, 2nd ed. (1998), eq. 16.4; zero at the zenith, held below -1 deg.
    """
    h = np.maximum(altitude_deg, REFRACTION_FLOOR_DEG)
    arcmin = 1.02 / np.tan(np.radians(h + 10.3 / (h + 5.11)))
    return np.maximum(arcmin, 0.0) / 60.0


def phase(sun_altitude_deg: float) -> str:
    """The Sun's phase from its geometric altitude (see the module docstring)."""
    for name, lower_deg in PHASES:
        if sun_altitude_deg > lower_deg:
            return name
    return NIGHT


def phases(sun_altitude_deg) -> np.ndarray:
    """`phase` for an array of altitudes."""
    alt = np.asarray(sun_altitude_deg)
    return np.select([alt > lower for _, lower in PHASES], [name for name, _ in PHASES], NIGHT)


def compass(azimuth_deg: float) -> str:
    """The nearest of the 16 compass points: 157.5 deg is SSE."""
    return COMPASS_POINTS[int(np.floor(azimuth_deg / 22.5 + 0.5)) % 16]


def lit_and_facing(geometry: InstantGeometry, lat_deg, lon_deg) -> np.ndarray:
    """Vectorised `in_picture`: day and the target's centre above the horizon."""
    sun_alt, _ = horizontal(lat_deg, lon_deg, geometry.era_deg, geometry.sun)
    target_alt, _ = horizontal(lat_deg, lon_deg, geometry.era_deg, geometry.target)
    return (sun_alt > SUNRISE_ALTITUDE_DEG) & (target_alt > HORIZON_ALTITUDE_DEG)


def sky_at(geometry: InstantGeometry, target_body: str, lat_deg: float, lon_deg: float) -> SkyAt:
    """The Sun and the target seen from one place at one instant."""
    altitude, azimuth = altitude_azimuth(
        lat_deg, lon_deg, geometry.era_deg,
        np.array([geometry.sun.ra_deg, geometry.target.ra_deg]), np.array([geometry.sun.dec_deg, geometry.target.dec_deg]),
    )
    (sun_alt, target_alt), (sun_az, target_az) = altitude.tolist(), azimuth.tolist()
    sun = SunSky(
        altitude_deg=sun_alt,
        apparent_altitude_deg=sun_alt + float(refraction_deg(sun_alt)),
        azimuth_deg=sun_az,
        compass=compass(sun_az),
        phase=phase(sun_alt),
    )
    target = TargetSky(
        body=target_body,
        altitude_deg=target_alt,
        azimuth_deg=target_az,
        compass=compass(target_az),
        above_horizon=target_alt > HORIZON_ALTITUDE_DEG,
    )
    return SkyAt(instant=geometry.instant, sun=sun, target=target)


def window_sky(track: Sequence[InstantGeometry], target_body: str, lat_deg: float, lon_deg: float) -> WindowSky:
    """The sky at both ends of a window sampled by `track`, and the horizon crossings between."""
    return WindowSky(
        start=sky_at(track[0], target_body, lat_deg, lon_deg),
        end=sky_at(track[-1], target_body, lat_deg, lon_deg),
        transitions=transitions(track, target_body, lat_deg, lon_deg),
    )


def transitions(track: Sequence[InstantGeometry], target_body: str, lat_deg: float, lon_deg: float) -> tuple[Transition, ...]:
    """Sunrise, sunset (upper limb, -0.833 deg) and the target's rise and set (centre, 0 deg) in the track.

    The hour angle is taken linear between samples. Whether a segment holds a crossing comes from
    the altitudes at its ends, so the answer agrees with the sky at the samples; the closed form
    cos H = (sin h0 - sin phi sin dec) / (cos phi cos dec) then times it. A body grazing the
    horizon inside one segment both rises and sets there.
    """
    if len(track) < 2:
        return ()
    era = np.array([g.era_deg for g in track])
    ra = np.array([[g.sun.ra_deg for g in track], [g.target.ra_deg for g in track]])
    dec = np.array([[g.sun.dec_deg for g in track], [g.target.dec_deg for g in track]])
    threshold = np.array([[SUNRISE_ALTITUDE_DEG], [HORIZON_ALTITUDE_DEG]])
    hour = hour_angle_deg(era, lon_deg, ra)
    lat, dec_rad = np.radians(lat_deg), np.radians(dec)
    altitude = np.degrees(np.arcsin(np.sin(lat) * np.sin(dec_rad) + np.cos(lat) * np.cos(dec_rad) * np.cos(np.radians(hour))))
    above = altitude > threshold
    rise_f, set_f = _crossing_fractions(hour[:, :-1], np.diff(hour) % 360.0, (dec[:, :-1] + dec[:, 1:]) / 2, lat_deg, threshold)
    rising = above[:, 1:]
    changed = above[:, :-1] != rising
    with np.errstate(divide="ignore", invalid="ignore"):
        fraction = np.where(rising, rise_f, set_f)
        # Where closed form and samples disagree (a crossing at a sample, to rounding), interpolate.
        fraction = np.where(np.isnan(fraction), (threshold - altitude[:, :-1]) / np.diff(altitude), fraction)
    found = [(b, i, fraction[b, i], rising[b, i]) for b, i in zip(*np.nonzero(changed))]
    for b, i in zip(*np.nonzero(~changed & ~np.isnan(rise_f) & ~np.isnan(set_f))):
        found += [(b, i, rise_f[b, i], True), (b, i, set_f[b, i], False)]
    kinds = (("sun", "sunrise", "sunset"), (target_body, "target_rise", "target_set"))
    return tuple(sorted(
        (Transition(
            instant=track[i].instant + (track[i + 1].instant - track[i].instant) * float(f),
            body=kinds[b][0],
            kind=kinds[b][1] if up else kinds[b][2],
        ) for b, i, f, up in found),
        key=lambda t: t.instant,
    ))


def _crossing_fractions(hour_deg, step_deg, dec_deg, lat_deg: float, threshold_deg):
    """Where in each segment (0..1] the hour angle reaches the rising and the setting value; NaN if not."""
    lat, dec = np.radians(lat_deg), np.radians(dec_deg)
    with np.errstate(divide="ignore", invalid="ignore"):
        cos_h = (np.sin(np.radians(threshold_deg)) - np.sin(lat) * np.sin(dec)) / (np.cos(lat) * np.cos(dec))
        half_arc = np.degrees(np.arccos(np.where(np.abs(cos_h) <= 1.0, cos_h, np.nan)))
        rise = ((-half_arc - hour_deg) % 360.0) / step_deg
        sett = ((half_arc - hour_deg) % 360.0) / step_deg
    return (np.where((rise > 0.0) & (rise <= 1.0), rise, np.nan),
            np.where((sett > 0.0) & (sett <= 1.0), sett, np.nan))


def _degrees(value: float) -> str:
    return f"{abs(value):.0f}°"


def _sun_clause(sun: SunSky) -> str:
    if sun.phase == "day":
        if sun.altitude_deg < 0.5:
            return f"The Sun was on the horizon in the {sun.compass}"
        return f"The Sun was up, {_degrees(sun.altitude_deg)} high in the {sun.compass}"
    if sun.phase == NIGHT:
        return f"It was night, the Sun {_degrees(sun.altitude_deg)} below the horizon"
    return f"It was {sun.phase.replace('_', ' ')}, the Sun {_degrees(sun.altitude_deg)} below the horizon"


def _target_clause(target: TargetSky) -> str:
    name = target.body.capitalize()
    if abs(target.altitude_deg) < 0.5:
        where = "just above" if target.above_horizon else "just below"
        return f"{name} was {where} the horizon in the {target.compass}"
    if target.above_horizon:
        return f"{name} stood {_degrees(target.altitude_deg)} high in the {target.compass}"
    return f"{name} was {_degrees(target.altitude_deg)} below the horizon in the {target.compass}"


def _verdict(sky: SkyAt) -> str:
    name = sky.target.body.capitalize()
    if sky.in_picture:
        return f"this place was lit and facing {name}: in the picture"
    if sky.sunlit:
        return f"this place was lit but turned away from {name}: not in the picture"
    if sky.target.above_horizon:
        return f"this place faced {name} but was not lit: not in the picture"
    return f"this place was neither lit nor facing {name}: not in the picture"


def summary(sky: SkyAt) -> str:
    """One plain sentence: the Sun, the target, and whether the place was in the picture."""
    return f"{_sun_clause(sky.sun)}, and {_target_clause(sky.target)}, so {_verdict(sky)}."
