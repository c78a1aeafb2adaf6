"""Earth as the camera saw it (`view`, `disk`) against an independent computation.

Reference: astropy's own apparent places, a path the service does not take. The service turns the
light path's vectors (the body at arrival minus Earth at departure, ICRS) into Earth's frame
through its GCRS -> ITRS rotation; the reference asks `get_body` for the apparent place of the
body and of the Sun from Earth's centre at the Earth instant (light-time, aberration and
deflection applied by astropy) and transforms those to ITRS. A second reference for the phase
angle is the triangle of barycentric distances Sun-Earth-body alone (law of cosines), with no
directions at all. The two differ from the service by what it leaves out (the aberration of the
outgoing light and the body's motion during the light-time, about 0.01 deg), well inside the
0.1 deg of the issue.
"""

from __future__ import annotations

import math
from datetime import UTC, datetime

import numpy as np
import pytest

from service.astronomy.disk import Disk, circle, unit_vector
from service.astronomy.sky import sky_at
from service.astronomy.view import EarthView

EVENTS = ["cassini-2013", "messenger-2013-07-19", "messenger-2013-07-20"]
SUB_POINT_TOLERANCE_DEG = 0.1
PHASE_TOLERANCE_DEG = 0.1
# d/dphase of (1 + cos phase) / 2 is at most 1/2 per radian: 0.1 deg moves it under 0.0009.
FRACTION_TOLERANCE = 0.001


def _time(instant: datetime):
    from astropy.time import Time

    return Time(instant.astimezone(UTC).replace(tzinfo=None), scale="utc")


def _apparent_itrs(body: str, instant: datetime) -> tuple[float, float]:
    """(lat, lon) under `body`: astropy get_body (builtin ephemeris) -> ITRS at `instant`."""
    from astropy.coordinates import ITRS, get_body, solar_system_ephemeris

    time = _time(instant)
    with solar_system_ephemeris.set("builtin"):
        itrs = get_body(body, time).transform_to(ITRS(obstime=time))
    return float(itrs.spherical.lat.deg), float(itrs.spherical.lon.deg)


def _phase_from_distances(body: str, view: EarthView) -> float:
    """Sun-Earth-body angle from the three barycentric distances (law of cosines)."""
    from astropy.coordinates import get_body_barycentric, solar_system_ephemeris

    with solar_system_ephemeris.set("builtin"):
        earth = get_body_barycentric("earth", _time(view.earth_instant)).xyz.to_value("km")
        at_body = get_body_barycentric(body, _time(view.body_instant)).xyz.to_value("km")
        sun = get_body_barycentric("sun", _time(view.earth_instant)).xyz.to_value("km")
    a, b, c = (np.linalg.norm(v) for v in (sun - earth, at_body - earth, at_body - sun))
    return math.degrees(math.acos((a * a + b * b - c * c) / (2 * a * b)))


def _arc_deg(a: tuple[float, float], b: tuple[float, float]) -> float:
    return math.degrees(math.acos(min(1.0, float(np.dot(unit_vector(*a), unit_vector(*b))))))


@pytest.mark.parametrize("event_id", EVENTS)
def test_sub_spacecraft_point_matches_astropy(catalogue, earth_views, event_id):
    view = earth_views[event_id]
    want = _apparent_itrs(catalogue.get(event_id).target_body, view.earth_instant)
    got = (view.sub_body_lat_deg, view.sub_body_lon_deg)
    assert _arc_deg(got, want) < SUB_POINT_TOLERANCE_DEG, (got, want)


@pytest.mark.parametrize("event_id", EVENTS)
def test_subsolar_point_matches_astropy(earth_views, event_id):
    view = earth_views[event_id]
    want = _apparent_itrs("sun", view.earth_instant)
    assert _arc_deg((view.subsolar_lat_deg, view.subsolar_lon_deg), want) < 0.01


@pytest.mark.parametrize("event_id", EVENTS)
def test_phase_and_lit_fraction_match_both_references(catalogue, earth_views, event_id):
    view = earth_views[event_id]
    body = catalogue.get(event_id).target_body
    by_directions = _arc_deg(
        _apparent_itrs("sun", view.earth_instant), _apparent_itrs(body, view.earth_instant)
    )
    by_distances = _phase_from_distances(body, view)
    for want in (by_directions, by_distances):
        assert abs(view.phase_angle_deg - want) < PHASE_TOLERANCE_DEG, (view.phase_angle_deg, want)
        fraction = (1 + math.cos(math.radians(want))) / 2
        assert abs(view.illuminated_fraction - fraction) < FRACTION_TOLERANCE


def test_the_published_geometry_holds(earth_views):
    # Reference: EVENTS.md. Cassini saw a part-lit Earth, North America and part of the Atlantic
    # on the lit side; MESSENGER, near Mercury's inferior conjunction, nearly half of Earth lit
    # and facing it, the Americas, Africa and Europe among it.
    cassini = earth_views["cassini-2013"]
    assert 0.3 < cassini.illuminated_fraction < 0.6
    assert abs(cassini.distance_km - 1.44e9) / 1.44e9 < 0.01
    messenger = earth_views["messenger-2013-07-19"]
    assert messenger.illuminated_fraction > 0.95
    assert abs(messenger.distance_km - 9.8e7) / 9.8e7 < 0.02


# Places on both sides of each view: (name, lat, lon, visible, lit). Reference for visible: the
# body above the horizon by astropy's full AltAz transform (checked below, not assumed); lit as the
# sky's sunlit.
SIDES = {
    "cassini-2013": [
        ("Toronto", 43.65, -79.38, True, True),
        ("Rio de Janeiro", -22.91, -43.17, True, False),
        ("Tokyo", 35.68, 139.69, False, True),
        ("Mumbai", 19.08, 72.88, False, False),
    ],
    "messenger-2013-07-19": [
        ("Paris", 48.86, 2.35, True, True),
        ("Mexico City", 19.43, -99.13, True, False),
        ("Dhaka", 23.8, 90.4, False, True),
        ("Honolulu", 21.31, -157.86, False, False),
    ],
}


@pytest.mark.parametrize(
    ("event_id", "name", "lat", "lon", "visible", "lit"),
    [(e, *case) for e, cases in SIDES.items() for case in cases],
)
def test_places_on_both_sides(
    catalogue, earth_views, astronomy, event_id, name, lat, lon, visible, lit
):
    from tests.astronomy.test_sky import _astropy_altaz

    view = earth_views[event_id]
    seen = Disk.of(view).place(lat, lon)
    assert (seen.visible, seen.lit) == (visible, lit), name
    body = catalogue.get(event_id).target_body
    body_alt, _ = _astropy_altaz(body, view.earth_instant, np.array([lat]), np.array([lon]))
    assert (body_alt[0] > 0) == visible
    assert abs(seen.body_altitude_deg - body_alt[0]) < SUB_POINT_TOLERANCE_DEG
    assert math.hypot(seen.x, seen.y) <= 1.0 + 1e-12
    # At the wave window's start (seconds from the view's instant) the local answer agrees.
    geometry = astronomy[event_id].window_track[0]
    assert sky_at(geometry, body, lat, lon).sunlit == lit


def test_disk_centre_and_north_up(earth_views):
    view = earth_views["cassini-2013"]
    disk = Disk.of(view)
    centre = disk.place(view.sub_body_lat_deg, view.sub_body_lon_deg)
    assert centre.visible and abs(centre.x) < 1e-9 and abs(centre.y) < 1e-9
    north = disk.place(view.sub_body_lat_deg + 10, view.sub_body_lon_deg)
    east = disk.place(view.sub_body_lat_deg, view.sub_body_lon_deg + 10)
    assert north.y > 0 and abs(north.x) < 1e-9
    assert east.x > 0


def test_cap_outlines_cover_the_lit_share_of_the_disk(earth_views):
    # The day cap's outline on the disk encloses the lit share of the disk's area (to the
    # 2-degree polygons' accuracy), for a part-lit and a nearly full Earth.
    for event_id in ("cassini-2013", "messenger-2013-07-19"):
        view = earth_views[event_id]
        disk = Disk.of(view)
        sun = unit_vector(view.subsolar_lat_deg, view.subsolar_lon_deg)
        (outline,) = disk.cap(sun, 90.0)
        x, y = np.array(outline).T
        area = 0.5 * abs(np.dot(x, np.roll(y, 1)) - np.dot(y, np.roll(x, 1)))
        assert abs(area / math.pi - view.illuminated_fraction) < 0.005, event_id


def test_a_cap_wholly_behind_or_around_the_disk(earth_views):
    disk = Disk.of(earth_views["cassini-2013"])
    behind = tuple(-c for c in disk.toward_camera)
    assert disk.cap(behind, 30.0) == []
    (whole,) = disk.cap(disk.toward_camera, 120.0)
    assert len(whole) > 100 and all(abs(math.hypot(*p) - 1) < 1e-9 for p in whole)
    assert len(circle(disk.toward_camera, 10.0)) >= 180
