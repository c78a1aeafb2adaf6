"""The sky over a place: closed form against astropy, named places against outside reports."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import numpy as np
import pytest

from service.astronomy import sky
from service.astronomy.ephemeris import ApparentPlace, InstantGeometry
from tests.astronomy import oracles

EVENTS = ("cassini-2013", "messenger-2013-07-19", "messenger-2013-07-20")
RANDOM_PLACES = 600
# Where the target stands within this of the zenith its azimuth is undefined: an error of e
# degrees in position moves the azimuth by about e / cos(altitude), e.g. 0.003 deg -> 0.34 deg.
ZENITH_SKIP_DEG = 89.5


def _random_places(seed: int, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Places spread evenly over the sphere (uniform in sin(latitude)), fixed seed."""
    rng = np.random.default_rng(seed)
    return np.degrees(np.arcsin(rng.uniform(-1.0, 1.0, n))), rng.uniform(-180.0, 180.0, n)


def _astropy_altaz(
    body: str, instants, lat: np.ndarray, lon: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """astropy's full transform: get_body (builtin ephemeris, as at start-up) to AltAz, no
    refraction.

    One call for all places: arrays of EarthLocation and, if given, of instants.
    """
    import astropy.units as u
    from astropy.coordinates import AltAz, EarthLocation, get_body, solar_system_ephemeris
    from astropy.time import Time

    if isinstance(instants, datetime):
        instants = [instants]
    time = Time([t.astimezone(UTC).replace(tzinfo=None) for t in instants], scale="utc")
    time = time[0] if len(time) == 1 else time
    location = EarthLocation.from_geodetic(lon * u.deg, lat * u.deg, 0 * u.m)
    frame = AltAz(obstime=time, location=location, pressure=0 * u.hPa)
    with solar_system_ephemeris.set("builtin"):
        seen = get_body(body, time).transform_to(frame)
    return seen.alt.deg, seen.az.deg


@pytest.mark.parametrize("event_id", EVENTS)
@pytest.mark.parametrize("end", [0, -1], ids=["start", "end"])
def test_closed_form_matches_astropy_at_random_places(astronomy, event_id, end):
    # Reference: astropy get_body + AltAz with pressure 0 (geometric), computed here.
    # Tolerance 0.05 deg in altitude and azimuth; the closed form leaves out parallax (Sun 0.0024
    # deg, Mercury at 98 million km 0.004 deg), polar motion and diurnal aberration.
    astro = astronomy[event_id]
    geometry = astro.window_track[end]
    lat, lon = _random_places(seed=2013 + end, n=RANDOM_PLACES)
    for body, place in (("sun", geometry.sun), (astro.target_body, geometry.target)):
        altitude, azimuth = sky.horizontal(lat, lon, geometry.era_deg, place)
        want_alt, want_az = _astropy_altaz(body, geometry.instant, lat, lon)
        assert np.max(np.abs(altitude - want_alt)) < 0.05, body
        judged = altitude < ZENITH_SKIP_DEG
        assert judged.sum() > RANDOM_PLACES - 5
        assert np.max(oracles.azimuth_gap(azimuth, want_az)[judged]) < 0.05, body


def test_sky_at_agrees_with_the_vectorised_form(astronomy):
    astro = astronomy["cassini-2013"]
    geometry = astro.window_track[0]
    lat, lon = _random_places(seed=7, n=50)
    altitude, azimuth = sky.horizontal(lat, lon, geometry.era_deg, geometry.target)
    in_picture = oracles.lit_and_facing(geometry, lat, lon)
    for i in range(len(lat)):
        one = sky.sky_at(geometry, "saturn", lat[i], lon[i])
        assert one.target.altitude_deg == pytest.approx(altitude[i], abs=1e-9)
        assert one.target.azimuth_deg == pytest.approx(azimuth[i], abs=1e-9)
        assert one.in_picture == in_picture[i]
        assert one.sunlit == (one.sun.phase == "day")


def test_subsolar_point_and_the_poles(astronomy):
    # Reference: NOAA Solar Calculator for 2013-07-19: solar declination +20.7 deg, equation of
    # time -6.3 min, so at 21:27 UTC the Sun is overhead at 20.7 N, 15 * (12 h + 6.3 min - 21.45 h)
    # = 140.2 W. Tolerances 0.1 deg in latitude, 0.25 deg (one minute of time) in longitude.
    geometry = astronomy["cassini-2013"].window_track[0]
    assert geometry.sun.dec_deg == pytest.approx(20.7, abs=0.1)
    subsolar_lon = geometry.sun.ra_deg - geometry.era_deg
    assert (subsolar_lon + 180) % 360 - 180 == pytest.approx(-140.2, abs=0.25)
    overhead = sky.sky_at(geometry, "saturn", geometry.sun.dec_deg, subsolar_lon)
    assert overhead.sun.altitude_deg == pytest.approx(90, abs=1e-6)
    # At a pole every direction is level with the equator: the altitude is the declination.
    for lon in (-180.0, 0.0, 180.0):
        assert sky.sky_at(geometry, "saturn", 90.0, lon).sun.altitude_deg == pytest.approx(
            geometry.sun.dec_deg, abs=1e-9
        )
        assert sky.sky_at(geometry, "saturn", -90.0, lon).target.altitude_deg == pytest.approx(
            -geometry.target.dec_deg, abs=1e-9
        )


@pytest.mark.parametrize(
    "altitude_deg, arcmin, tolerance",
    [
        # Reference: J. Meeus, Astronomical Algorithms, 2nd ed., ch. 16: refraction at the horizon
        # about 34' (the 34' in the -0.833 deg sunrise convention, true altitude -0.5667 deg), about
        # 1' at 45 deg, none at the zenith. Tolerances as given.
        (-0.5667, 34.0, 0.6),
        (45.0, 1.0, 0.05),
        (90.0, 0.0, 1e-9),
    ],
)
def test_standard_refraction(altitude_deg, arcmin, tolerance):
    assert sky.refraction_deg(altitude_deg) * 60 == pytest.approx(arcmin, abs=tolerance)


def test_refraction_keeps_apparent_altitude_rising_down_to_its_floor():
    altitude = np.linspace(sky.REFRACTION_FLOOR_DEG, 90, 1821)
    apparent = np.array([sky.apparent_altitude_deg(h) for h in altitude.tolist()])
    assert np.all(np.diff(apparent) > 0)
    assert np.all(apparent >= altitude)


@pytest.mark.parametrize("altitude_deg", [-1.0001, -6.0, -52.23, -90.0])
def test_below_the_refraction_floor_the_sun_has_no_apparent_altitude(altitude_deg):
    # Rule (docs/sky.md): more than 1 deg below the horizon no light of the Sun reaches the place,
    # so there is no apparent altitude to give (main added a constant 0.65 deg: -52.23 -> -51.58).
    assert sky.apparent_altitude_deg(altitude_deg) is None
    # At the floor itself Saemundsson's formula still applies (Meeus eq. 16.4, by hand):
    # 1.02' / tan(-1 + 10.3 / 4.11 deg) = 1.02' / tan(1.506 deg) = 38.8'. Tolerance 0.1'.
    assert sky.apparent_altitude_deg(-1.0) == pytest.approx(-1.0 + 38.8 / 60, abs=0.1 / 60)


@pytest.mark.parametrize(
    "altitude_deg, phase",
    [
        (10.0, "day"),
        (-0.5, "day"),
        (-0.834, "civil_twilight"),
        (-5.9, "civil_twilight"),
        (-6.0, "nautical_twilight"),
        (-11.9, "nautical_twilight"),
        (-12.1, "astronomical_twilight"),
        (-17.99, "astronomical_twilight"),
        (-18.0, "night"),
        (-60.0, "night"),
    ],
)
def test_phases(altitude_deg, phase):
    assert sky.phase(altitude_deg) == phase
    assert oracles.phases(np.array([altitude_deg]))[0] == phase


@pytest.mark.parametrize(
    "azimuth_deg, point",
    [
        (0.0, "N"),
        (11.24, "N"),
        (11.26, "NNE"),
        (90.0, "E"),
        (147.5, "SSE"),
        (180.0, "S"),
        (270.89, "W"),
        (348.74, "NNW"),
        (348.76, "N"),
        (359.99, "N"),
    ],
)
def test_compass_points(azimuth_deg, point):
    assert sky.compass(azimuth_deg) == point


def _geometry(sun_ra: float, target_ra: float) -> InstantGeometry:
    """A made-up instant: Earth rotation angle 0, so a body with RA 0 culminates at longitude 0."""
    instant = datetime(2013, 7, 19, 21, 27, tzinfo=UTC)
    return InstantGeometry(
        instant, 0.0, ApparentPlace(sun_ra, 20.0, 1.5e8), ApparentPlace(target_ra, -10.0, 1.4e9)
    )


@pytest.mark.parametrize(
    "sun_ra, target_ra, phase, sunlit, facing",
    [
        (0.0, 0.0, "day", True, True),
        (0.0, 180.0, "day", True, False),
        (180.0, 0.0, "night", False, True),
        (180.0, 180.0, "night", False, False),
        (93.0, 0.0, "civil_twilight", False, True),  # the Sun 3 deg below: twilight, not lit
    ],
)
def test_the_verdict_is_facts_decided_by_one_rule(sun_ra, target_ra, phase, sunlit, facing):
    seen = sky.sky_at(_geometry(sun_ra, target_ra), "saturn", 0.0, 0.0)
    assert seen.sun.phase == phase and seen.sunlit is sunlit
    assert seen.target.above_horizon is facing and seen.in_picture is (sunlit and facing)
    # The same rule over arrays, as the in-picture table and the regions use it.
    both = sky.in_picture(
        np.array([seen.sun.altitude_deg] * 2), np.array([seen.target.altitude_deg] * 2)
    )
    assert both.tolist() == [sunlit and facing] * 2


def test_transitions_fall_where_astropy_puts_the_horizon(astronomy):
    # Reference: astropy's geometric altitude at each reported instant, computed here. Tolerance
    # 0.02 deg: the Sun's upper limb at -0.833, the target's centre at 0 (the hour angle is
    # interpolated linearly between samples 5 minutes apart; a second of time is 0.004 deg).
    checked = 0
    for event_id in EVENTS:
        astro = astronomy[event_id]
        lat, lon = _random_places(seed=19, n=1500)
        found = []
        for la, lo in zip(lat, lon):
            seen = sky.window_sky(astro.window_track, astro.target_body, la, lo)
            for body in ("sun", astro.target_body):
                crossings = [t for t in seen.transitions if t.body == body]
                up = (
                    [seen.start.sunlit, seen.end.sunlit]
                    if body == "sun"
                    else [seen.start.target.above_horizon, seen.end.target.above_horizon]
                )
                # Invariant: an odd number of crossings exactly when the state differs at the ends.
                assert (len(crossings) % 2 == 1) == (up[0] != up[1])
            found += [(la, lo, t) for t in seen.transitions]
        for body, threshold in (
            ("sun", sky.SUNRISE_ALTITUDE_DEG),
            (astro.target_body, sky.HORIZON_ALTITUDE_DEG),
        ):
            mine = [f for f in found if f[2].body == body]
            assert mine, f"no {body} crossing at 1500 places in {event_id}"
            alt, _ = _astropy_altaz(
                body,
                [t.instant for _, _, t in mine],
                np.array([f[0] for f in mine]),
                np.array([f[1] for f in mine]),
            )
            assert np.max(np.abs(alt - threshold)) < 0.02
            rising = np.array([t.kind in ("sunrise", "target_rise") for _, _, t in mine])
            later, _ = _astropy_altaz(
                body,
                [t.instant + timedelta(minutes=1) for _, _, t in mine],
                np.array([f[0] for f in mine]),
                np.array([f[1] for f in mine]),
            )
            assert np.all((later > alt) == rising), "a rise must go up and a set down"
            checked += len(mine)
    assert checked > 500


def test_the_culmination_shortcut_skips_only_places_without_one(sky_tracks):
    """`may_culminate` lets a place skip the search for a rise and set inside one segment; it must
    never say no where a segment reaches hour angle 0 or 180 (and it says no at most places)."""
    skipped = 0
    for event_id in EVENTS:
        track = sky_tracks[event_id]
        for samples in (track.sun, track.target):
            lons = np.concatenate(
                [
                    np.linspace(-180, 180, 20_001),
                    samples.meridian_lon_deg + np.linspace(-5, 5, 2_001),
                ]
            )
            for lon in lons:
                hours = [sky._hour_deg(x, float(lon)) for x in samples.era_less_ra_deg]
                culminates = any(
                    sky._culminates(h, step) for h, step in zip(hours, samples.step_deg)
                )
                if not samples.may_culminate(float(lon)):
                    assert not culminates, (event_id, lon)
                    skipped += 1
    assert skipped > 0.8 * 2 * len(EVENTS) * 22_002


def test_the_far_from_the_horizon_shortcut_changes_no_answer(sky_tracks):
    """A body whose altitude at the start is out of the track's reach of the horizon is seen only
    at the window's ends; the sky must be the same as with every sample computed, at places near
    and far from every horizon (and the shortcut must be taken at most of them)."""
    lats, lons = _random_places(11, 4_000)
    # Places where a body stands near its threshold at the start, where the shortcut must not cut.
    near = []
    for event_id in EVENTS:
        track = sky_tracks[event_id]
        whole = replace(
            track,
            sun=replace(track.sun, altitude_reach_deg=360.0),
            target=replace(track.target, altitude_reach_deg=360.0),
        )
        cut = 0
        for lat, lon in zip(lats.tolist(), lons.tolist()):
            seen = track.window_sky(lat, lon)
            assert seen == whole.window_sky(lat, lon), (event_id, lat, lon)
            for samples, body in ((track.sun, seen.start.sun), (track.target, seen.start.target)):
                distance = abs(body.altitude_deg - samples.threshold_deg)
                cut += distance > samples.altitude_reach_deg
                if distance < samples.altitude_reach_deg + 0.5:
                    near.append((event_id, lat, lon))
        # Cassini's window is 15 minutes (the reach under 5 deg); MESSENGER's track about two hours.
        assert cut > (0.85 if event_id == "cassini-2013" else 0.4) * 2 * len(lats), event_id
    assert len(near) > 50  # the boundary itself was crossed many times, not only far from it
