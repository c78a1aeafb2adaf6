"""The sky over a place at an event instant: was the Sun up, where stood the target, in the
picture?

Closed-form spherical trigonometry over the apparent places computed once at start-up
(`service.astronomy.ephemeris.InstantGeometry`): the local hour angle is
H = ERA + longitude - RA(CIRS), and altitude and azimuth follow from the place's geodetic
latitude. Parallax (under 0.004 deg for the Sun and Mercury, far less for Saturn), polar motion
and diurnal aberration are left out; the test suite holds the result to astropy's full AltAz
transform within 0.05 deg.

Definitions, as the API documents them:
- Sun `altitude_deg` is geometric (centre of the disc, no refraction), what astropy's AltAz frame
  gives with zero pressure; `apparent_altitude_deg` adds standard refraction.
- Day: geometric altitude above -0.833 deg, i.e. the upper limb above the horizon after standard
  refraction (34' of refraction plus the 16' semi-diameter). Twilights: civil above -6 deg,
  nautical above -12 deg, astronomical above -18 deg; night below.
- The target is above the horizon when its geometric centre is above 0 deg (no refraction).
- In the picture: sunlit (day) and the target above the horizon.

`horizontal` and `altitude_azimuth` take floats or numpy arrays alike: the in-picture table judges
every gazetteer city at once. The sky over one place (`sky_at`, `window_sky`) runs the same formulas
on floats with the `math` module: numpy's per-call overhead on scalars was most of a local answer's
cost. `SkyTrack` holds what depends only on the event's samples, built once.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import NamedTuple

import numpy as np

from service.astronomy.ephemeris import ApparentPlace, InstantGeometry

SUNRISE_ALTITUDE_DEG = -0.833
HORIZON_ALTITUDE_DEG = 0.0
# Lower bounds of the Sun's geometric altitude for each phase, brightest first; below the last:
# night.
PHASES: tuple[tuple[str, float], ...] = (
    ("day", SUNRISE_ALTITUDE_DEG),
    ("civil_twilight", -6.0),
    ("nautical_twilight", -12.0),
    ("astronomical_twilight", -18.0),
)
NIGHT = "night"
COMPASS_POINTS = (
    "N",
    "NNE",
    "NE",
    "ENE",
    "E",
    "ESE",
    "SE",
    "SSE",
    "S",
    "SSW",
    "SW",
    "WSW",
    "W",
    "WNW",
    "NW",
    "NNW",
)
# Saemundsson's refraction formula is fitted to bodies at or above the horizon. More than a degree
# below it no light of the body reaches the observer: it has no apparent place, and the answer says
# so (None) rather than add a refraction nobody could see.
REFRACTION_FLOOR_DEG = -1.0


# The sky over one place is built on every local answer: its parts are named tuples, immutable
# like the frozen dataclasses elsewhere but three times faster to make.
class SunSky(NamedTuple):
    altitude_deg: float
    apparent_altitude_deg: float | None  # None below REFRACTION_FLOOR_DEG
    azimuth_deg: float
    compass: str
    phase: str


class TargetSky(NamedTuple):
    body: str
    altitude_deg: float
    azimuth_deg: float
    compass: str
    above_horizon: bool


class SkyAt(NamedTuple):
    """The sky over one place at one instant, with the rules' verdicts on it (`SkyAt.of`)."""

    instant: datetime
    sun: SunSky
    target: TargetSky
    sunlit: bool
    in_picture: bool

    @classmethod
    def of(cls, instant: datetime, sun: SunSky, target: TargetSky) -> SkyAt:
        """The rules applied once: every renderer reads the same verdicts."""
        return cls(
            instant,
            sun,
            target,
            bool(sunlit(sun.altitude_deg)),
            bool(in_picture(sun.altitude_deg, target.altitude_deg)),
        )


@dataclass(frozen=True)
class Transition:
    """The Sun's upper limb or the target's centre crossing the horizon inside the window."""

    instant: datetime
    body: str
    kind: str  # sunrise, sunset, target_rise, target_set


class WindowSky(NamedTuple):
    start: SkyAt
    end: SkyAt
    transitions: tuple[Transition, ...]


def hour_angle_deg(era_deg, lon_deg, ra_deg):
    """Local hour angle in [-180, 180): east longitude positive, RA from the CIO (CIRS)."""
    return (np.asarray(era_deg) + lon_deg - ra_deg + 180.0) % 360.0 - 180.0


def horizontal(lat_deg, lon_deg, era_deg: float, place: ApparentPlace):
    """Geometric (altitude_deg, azimuth_deg) of an apparent place; azimuth from north through
    east."""
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


# The rules, written once; each takes a number or a numpy array of them (every city at once).


def sunlit(sun_altitude_deg):
    """Day: the Sun's upper limb above the horizon, with standard refraction."""
    return sun_altitude_deg > SUNRISE_ALTITUDE_DEG


def facing(target_altitude_deg):
    """Facing the target: its centre above the horizon."""
    return target_altitude_deg > HORIZON_ALTITUDE_DEG


def in_picture(sun_altitude_deg, target_altitude_deg):
    """In the picture: sunlit and facing the target, the lit side of Earth the camera saw."""
    return sunlit(sun_altitude_deg) & facing(target_altitude_deg)


def phase(sun_altitude_deg: float) -> str:
    """The Sun's phase from its geometric altitude (see the module docstring)."""
    for name, lower_deg in PHASES:
        if sun_altitude_deg > lower_deg:
            return name
    return NIGHT


def compass(azimuth_deg: float) -> str:
    """The nearest of the 16 compass points: 157.5 deg is SSE."""
    return COMPASS_POINTS[math.floor(azimuth_deg / 22.5 + 0.5) % 16]


def sky_at(geometry: InstantGeometry, target_body: str, lat_deg: float, lon_deg: float) -> SkyAt:
    """The Sun and the target seen from one place at one instant."""
    return window_sky((geometry,), target_body, lat_deg, lon_deg).start


@dataclass(frozen=True)
class _BodySamples:
    """One body along a track: per sample the hour angle less the longitude and sin/cos of the
    declination; per segment the hour angle's step and sin/cos of the mean declination."""

    threshold_deg: float
    sin_threshold: float
    era_less_ra_deg: tuple[float, ...]
    sin_dec: tuple[float, ...]
    cos_dec: tuple[float, ...]
    step_deg: tuple[float, ...]
    sin_mean_dec: tuple[float, ...]
    cos_mean_dec: tuple[float, ...]
    # The longitude where the body crosses the meridian halfway through the track, and how far
    # from it (or from its antimeridian) a place may lie and still see a culmination in the track:
    # half the track's hour-angle sweep, plus a degree to spare for rounding.
    meridian_lon_deg: float = 0.0
    culmination_reach_deg: float = 360.0
    # How far the body's altitude can move along the whole track, seen from anywhere: the
    # altitude moves no faster than the body across the sky (a zenith distance changes by at most
    # the arc the body travels), which is at most its hour-angle sweep plus its change of
    # declination; plus a degree to spare for rounding. A place whose altitude at the start is
    # farther than this from the threshold sees no crossing in the track.
    altitude_reach_deg: float = 360.0

    def may_culminate(self, lon_deg: float) -> bool:
        """False only where no segment of the track can hold a culmination (hour angle 0 or 180)."""
        apart = (lon_deg - self.meridian_lon_deg) % 180.0
        return min(apart, 180.0 - apart) <= self.culmination_reach_deg

    @classmethod
    def of(
        cls, places: Sequence[ApparentPlace], era_deg: Sequence[float], threshold_deg: float
    ) -> _BodySamples:
        era_less_ra = [era - p.ra_deg for era, p in zip(era_deg, places)]
        dec = [math.radians(p.dec_deg) for p in places]
        mean_dec = [math.radians((a.dec_deg + b.dec_deg) / 2) for a, b in zip(places, places[1:])]
        step_deg = tuple(
            (_hour_deg(b, 0.0) - _hour_deg(a, 0.0)) % 360.0
            for a, b in zip(era_less_ra, era_less_ra[1:])
        )
        sweep_deg = sum(step_deg)
        return cls(
            threshold_deg=threshold_deg,
            sin_threshold=math.sin(math.radians(threshold_deg)),
            era_less_ra_deg=tuple(era_less_ra),
            sin_dec=tuple(map(math.sin, dec)),
            cos_dec=tuple(map(math.cos, dec)),
            step_deg=step_deg,
            sin_mean_dec=tuple(map(math.sin, mean_dec)),
            cos_mean_dec=tuple(map(math.cos, mean_dec)),
            meridian_lon_deg=-(era_less_ra[0] + sweep_deg / 2),
            culmination_reach_deg=sweep_deg / 2 + 1.0,
            altitude_reach_deg=sweep_deg
            + sum(abs(b.dec_deg - a.dec_deg) for a, b in zip(places, places[1:]))
            + 1.0,
        )


@dataclass(frozen=True)
class SkyTrack:
    """A window sampled in time (`EventAstronomy.window_track`) with everything that does not depend
    on the place computed: build it once per event and ask it for any number of places."""

    target_body: str
    instants: tuple[datetime, ...]
    spans: tuple[timedelta, ...]
    sun: _BodySamples
    target: _BodySamples

    @classmethod
    def of(cls, track: Sequence[InstantGeometry], target_body: str) -> SkyTrack:
        era = [g.era_deg for g in track]
        instants = tuple(g.instant for g in track)
        return cls(
            target_body=target_body,
            instants=instants,
            spans=tuple(b - a for a, b in zip(instants, instants[1:])),
            sun=_BodySamples.of([g.sun for g in track], era, SUNRISE_ALTITUDE_DEG),
            target=_BodySamples.of([g.target for g in track], era, HORIZON_ALTITUDE_DEG),
        )

    def window_sky(self, lat_deg: float, lon_deg: float) -> WindowSky:
        """`window_sky` for one place."""
        lat = math.radians(lat_deg)
        sin_lat, cos_lat = math.sin(lat), math.cos(lat)
        sun = _along(self.sun, sin_lat, cos_lat, lon_deg)
        target = _along(self.target, sin_lat, cos_lat, lon_deg)
        last = len(self.instants) - 1
        return WindowSky(
            start=self._sky_at(0, sun, target, sin_lat, cos_lat),
            end=self._sky_at(last, sun, target, sin_lat, cos_lat),
            transitions=self._transitions(sun, target, sin_lat, cos_lat, lon_deg),
        )

    def _sky_at(self, i: int, sun: _Along, target: _Along, sin_lat: float, cos_lat: float) -> SkyAt:
        """The sky at sample `i`: the first or the last (the ends are all an _Along may hold)."""
        j = 0 if i == 0 else -1
        sun_alt, target_alt = sun.altitude_deg[j], target.altitude_deg[j]
        sun_az = _azimuth_deg(
            sun.hour_rad[j], self.sun.sin_dec[i], self.sun.cos_dec[i], sin_lat, cos_lat
        )
        target_az = _azimuth_deg(
            target.hour_rad[j], self.target.sin_dec[i], self.target.cos_dec[i], sin_lat, cos_lat
        )
        return SkyAt.of(
            instant=self.instants[i],
            sun=SunSky(
                altitude_deg=sun_alt,
                apparent_altitude_deg=apparent_altitude_deg(sun_alt),
                azimuth_deg=sun_az,
                compass=compass(sun_az),
                phase=phase(sun_alt),
            ),
            target=TargetSky(
                body=self.target_body,
                altitude_deg=target_alt,
                azimuth_deg=target_az,
                compass=compass(target_az),
                above_horizon=bool(facing(target_alt)),
            ),
        )

    def _transitions(
        self, sun: _Along, target: _Along, sin_lat: float, cos_lat: float, lon_deg: float
    ) -> tuple[Transition, ...]:
        """Sunrise, sunset (upper limb, -0.833 deg), the target's rise and set (centre, 0 deg).

        The hour angle is taken linear between samples. Whether a segment holds a crossing comes
        from the altitudes at its ends, so the answer agrees with the sky at the samples; the
        closed form cos H = (sin h0 - sin phi sin dec) / (cos phi cos dec) then times it. A body
        grazing the horizon inside one segment both rises and sets there.
        """
        changed: list[tuple[int, float, str, str]] = []  # segment, fraction, body, kind
        grazing: list[tuple[int, float, str, str]] = []
        kinds = (("sun", "sunrise", "sunset"), (self.target_body, "target_rise", "target_set"))
        for samples, along, (body, rise_kind, set_kind) in zip(
            (self.sun, self.target), (sun, target), kinds
        ):
            if not along.whole:
                continue  # too far from the horizon to reach it within the track
            above = along.above
            if above.count(above[0]) == len(above) and not samples.may_culminate(lon_deg):
                continue  # most places: no crossing, and no segment that could hold two
            for i in range(len(self.spans)):
                was_up, is_up = along.above[i], along.above[i + 1]
                if was_up != is_up:
                    rise_f, set_f = _crossing_fractions(
                        samples, along.hour_deg[i], i, sin_lat, cos_lat
                    )
                    f = rise_f if is_up else set_f
                    if (
                        f is None
                    ):  # closed form and samples disagree (a crossing at a sample, to rounding)
                        alt = along.altitude_deg
                        f = (samples.threshold_deg - alt[i]) / (alt[i + 1] - alt[i])
                    changed.append((i, f, body, rise_kind if is_up else set_kind))
                elif _culminates(along.hour_deg[i], samples.step_deg[i]):
                    rise_f, set_f = _crossing_fractions(
                        samples, along.hour_deg[i], i, sin_lat, cos_lat
                    )
                    if rise_f is not None and set_f is not None:
                        grazing += [(i, rise_f, body, rise_kind), (i, set_f, body, set_kind)]
        found = (
            Transition(instant=self.instants[i] + self.spans[i] * f, body=body, kind=kind)
            for i, f, body, kind in changed + grazing
        )
        return tuple(sorted(found, key=lambda t: t.instant))


class _Along(NamedTuple):
    """One body at every sample, seen from one place; or, when `whole` is false, only at the
    first and the last sample, for a body too far from the horizon to cross it in between."""

    hour_deg: list[float]
    hour_rad: list[float]
    altitude_deg: list[float]
    above: list[bool]
    whole: bool = True


def _hour_deg(era_less_ra_deg: float, lon_deg: float) -> float:
    """`hour_angle_deg` on floats."""
    return (era_less_ra_deg + lon_deg + 180.0) % 360.0 - 180.0


# math.radians and math.degrees multiply by these very constants: the same bits, without a call.
_RADIANS = math.pi / 180.0
_DEGREES = 180.0 / math.pi


def _along(samples: _BodySamples, sin_lat: float, cos_lat: float, lon_deg: float) -> _Along:
    """The body's hour angle and altitude at every sample, or at the first and the last only when
    its altitude at the first is out of the track's reach of the threshold: the hot loop of a
    local answer."""
    hour_deg, hour_rad, altitude_deg, above = [], [], [], []
    threshold, reach = samples.threshold_deg, samples.altitude_reach_deg
    era_less_ra, sin_dec, cos_dec = samples.era_less_ra_deg, samples.sin_dec, samples.cos_dec
    last = len(era_less_ra) - 1
    i, whole = 0, True
    while i <= last:
        h = _hour_deg(era_less_ra[i], lon_deg)
        h_rad = h * _RADIANS
        altitude = _altitude_deg(h_rad, sin_dec[i], cos_dec[i], sin_lat, cos_lat)
        hour_deg.append(h)
        hour_rad.append(h_rad)
        altitude_deg.append(altitude)
        above.append(altitude > threshold)
        if i == 0 and last > 1 and abs(altitude - threshold) > reach:
            i, whole = last, False
        else:
            i += 1
    return _Along(hour_deg, hour_rad, altitude_deg, above, whole)


def _altitude_deg(
    hour_rad: float, sin_dec: float, cos_dec: float, sin_lat: float, cos_lat: float
) -> float:
    sin_alt = sin_lat * sin_dec + cos_lat * cos_dec * math.cos(hour_rad)
    return math.asin(1.0 if sin_alt > 1.0 else -1.0 if sin_alt < -1.0 else sin_alt) * _DEGREES


def _azimuth_deg(
    hour_rad: float, sin_dec: float, cos_dec: float, sin_lat: float, cos_lat: float
) -> float:
    """Azimuth from north through east, as `altitude_azimuth` gives it."""
    east = -cos_dec * math.sin(hour_rad)
    north = sin_dec * cos_lat - cos_dec * sin_lat * math.cos(hour_rad)
    return math.degrees(math.atan2(east, north)) % 360.0


def apparent_altitude_deg(altitude_deg: float) -> float | None:
    """The altitude seen through the atmosphere; None below REFRACTION_FLOOR_DEG, where the body
    has no apparent place (its light does not reach the observer)."""
    if altitude_deg < REFRACTION_FLOOR_DEG:
        return None
    return altitude_deg + refraction_deg(altitude_deg)


def refraction_deg(altitude_deg: float) -> float:
    """Standard refraction for a geometric altitude (10 deg C, 1010 hPa).

    Saemundsson's formula, R = 1.02' / tan(h + 10.3 / (h + 5.11)), as given in J. Meeus,
    Astronomical Algorithms, 2nd ed. (1998), eq. 16.4; zero at the zenith. Below -1 deg it is
    held at its value there, for callers that want a number; `apparent_altitude_deg` gives none.
    """
    h = max(altitude_deg, REFRACTION_FLOOR_DEG)
    return max(1.02 / math.tan(math.radians(h + 10.3 / (h + 5.11))), 0.0) / 60.0


def window_sky(
    track: Sequence[InstantGeometry], target_body: str, lat_deg: float, lon_deg: float
) -> WindowSky:
    """The sky at both ends of a window sampled by `track`, and the horizon crossings between.

    Asking many places about one track? Build `SkyTrack.of(track, target_body)` once instead.
    """
    return SkyTrack.of(track, target_body).window_sky(lat_deg, lon_deg)


def _culminates(hour_deg: float, step_deg: float) -> bool:
    """Whether a segment reaches hour angle 0 or 180: only there can a body rise and set inside one
    segment, since rising (H = -a) and setting (H = +a) are both inside it only if the arc between
    them is."""
    return (-hour_deg) % 360.0 <= step_deg or (180.0 - hour_deg) % 360.0 <= step_deg


def _crossing_fractions(
    samples: _BodySamples, hour_deg: float, i: int, sin_lat: float, cos_lat: float
) -> tuple[float | None, float | None]:
    """Where in segment `i` (0..1] the hour angle reaches the rising and the setting value; None
    if not."""
    denominator = cos_lat * samples.cos_mean_dec[i]
    step = samples.step_deg[i]
    if denominator == 0.0 or step == 0.0:
        return None, None
    cos_h = (samples.sin_threshold - sin_lat * samples.sin_mean_dec[i]) / denominator
    if not abs(cos_h) <= 1.0:
        return None, None
    half_arc = math.degrees(math.acos(cos_h))
    rise = ((-half_arc - hour_deg) % 360.0) / step
    sett = ((half_arc - hour_deg) % 360.0) / step
    return (rise if 0.0 < rise <= 1.0 else None), (sett if 0.0 < sett <= 1.0 else None)
