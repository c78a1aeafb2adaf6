"""The events' astronomy with astropy, offline: apparent places, light-times, the view from the
target body; and the types that carry them.

Every event is a handful of fixed instants, so astropy runs here once per instant, in the builder
(`service.astronomy.build`), whose output is committed (`service.astronomy.precomputed`).
Per-request geometry is closed-form spherical trigonometry over these numbers (see
`service.astronomy.sky`). astropy is imported inside the functions that use it, so the serving
process, which needs only the types, never loads it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import numpy as np

from service.astronomy.view import EarthView, earth_view
from service.events import Catalogue, Event

SPEED_OF_LIGHT_KM_S = 299_792.458
LIGHT_TIME_ITERATIONS = 6
# Spacing of the apparent places sampled across the wave window: hour angles are interpolated
# linearly between samples to time sunrise, sunset, rising and setting inside the window.
WINDOW_TRACK_STEP = timedelta(minutes=5)


def configure_offline() -> None:
    """Forbid astropy any download: IERS tables come from astropy-iers-data, ephemeris is builtin.

    Earth orientation comes from IERS-B alone (the C04 series: final values, which is what 2013
    needs); parsing IERS-A as well, astropy's default, gives the same numbers for 2013 and costs a
    third of a second at every start.
    """
    from astropy.utils import iers
    from astropy.utils.data import conf as data_conf

    iers.conf.auto_download = False
    iers.conf.auto_max_age = None
    data_conf.allow_internet = False
    iers.earth_orientation_table.set(iers.IERS_B.open())


@dataclass(frozen=True)
class ApparentPlace:
    """Geocentric apparent place in CIRS: right ascension from the CIO, declination, distance."""

    ra_deg: float
    dec_deg: float
    distance_km: float


@dataclass(frozen=True)
class InstantGeometry:
    """What per-request sky geometry needs at one Earth instant."""

    instant: datetime
    era_deg: float
    sun: ApparentPlace
    target: ApparentPlace


@dataclass(frozen=True)
class LightPath:
    """Light leaving Earth at `earth_instant` reaches the body at `body_instant`."""

    earth_instant: datetime
    body_instant: datetime
    light_time_s: float
    distance_km: float


@dataclass(frozen=True)
class EventAstronomy:
    event_id: str
    target_body: str
    window_light_paths: tuple[LightPath, LightPath]
    image_light_paths: tuple[LightPath, ...]
    geometry: dict[datetime, InstantGeometry]
    # The wave window sampled every WINDOW_TRACK_STEP, both ends included (the same objects as in
    # `geometry`).
    window_track: tuple[InstantGeometry, ...] = ()

    @property
    def light_time_s(self) -> float:
        """Light-time at the start of the imaging window."""
        return self.window_light_paths[0].light_time_s

    @property
    def distance_km(self) -> float:
        """Earth-body distance along the light path at the start of the imaging window."""
        return self.window_light_paths[0].distance_km


def _astropy_time(instants: list[datetime]):
    from astropy.time import Time

    return Time([t.astimezone(UTC).replace(tzinfo=None) for t in instants], scale="utc")


def _to_datetime(seconds_after: datetime, offset_s: float) -> datetime:
    return seconds_after + timedelta(seconds=offset_s)


def _barycentric_km(body: str, time) -> np.ndarray:
    from astropy.coordinates import get_body_barycentric

    return get_body_barycentric(body, time).xyz.to_value("km").T


def light_paths_arriving(body: str, arrivals: list[datetime]) -> list[LightPath]:
    """Light-time for photons from Earth reaching `body` at each instant (retarded time
    iterated)."""
    from astropy.time import TimeDelta

    t_body = _astropy_time(arrivals)
    body_km = _barycentric_km(body, t_body)
    light_s = np.zeros(len(arrivals))
    for _ in range(LIGHT_TIME_ITERATIONS):
        earth_km = _barycentric_km("earth", t_body - TimeDelta(light_s, format="sec"))
        light_s = np.linalg.norm(body_km - earth_km, axis=1) / SPEED_OF_LIGHT_KM_S
    return [
        LightPath(_to_datetime(t, -s), t, float(s), float(s * SPEED_OF_LIGHT_KM_S))
        for t, s in zip(arrivals, light_s)
    ]


def light_paths_departing(body: str, departures: list[datetime]) -> list[LightPath]:
    """Light-time for photons leaving Earth at each instant until they reach `body`."""
    from astropy.time import TimeDelta

    t_earth = _astropy_time(departures)
    earth_km = _barycentric_km("earth", t_earth)
    light_s = np.zeros(len(departures))
    for _ in range(LIGHT_TIME_ITERATIONS):
        body_km = _barycentric_km(body, t_earth + TimeDelta(light_s, format="sec"))
        light_s = np.linalg.norm(body_km - earth_km, axis=1) / SPEED_OF_LIGHT_KM_S
    return [
        LightPath(t, _to_datetime(t, s), float(s), float(s * SPEED_OF_LIGHT_KM_S))
        for t, s in zip(departures, light_s)
    ]


def apparent_geometry(
    target_body: str, instants: list[datetime]
) -> dict[datetime, InstantGeometry]:
    """Sun and target apparent places (CIRS, geocentric) and the Earth rotation angle per
    instant."""
    from astropy.coordinates import CIRS, get_body

    time = _astropy_time(instants)
    frame = CIRS(obstime=time)
    sun = get_body("sun", time).transform_to(frame)
    target = get_body(target_body, time).transform_to(frame)
    era = time.earth_rotation_angle(0).deg

    def place(coord, i: int) -> ApparentPlace:
        return ApparentPlace(
            ra_deg=float(coord.ra.deg[i]),
            dec_deg=float(coord.dec.deg[i]),
            distance_km=float(coord.distance.to_value("km")[i]),
        )

    return {
        t: InstantGeometry(
            instant=t, era_deg=float(era[i]), sun=place(sun, i), target=place(target, i)
        )
        for i, t in enumerate(instants)
    }


def window_track_instants(
    start: datetime, end: datetime, step: timedelta = WINDOW_TRACK_STEP
) -> list[datetime]:
    """`start`, then every `step`, then `end`: the instants the sky inside a window is sampled
    at."""
    instants = [start]
    while instants[-1] + step < end:
        instants.append(instants[-1] + step)
    if end > start:
        instants.append(end)
    return instants


def event_astronomy(event: Event) -> EventAstronomy:
    """All start-up astronomy for one event."""
    from astropy.coordinates import solar_system_ephemeris

    with solar_system_ephemeris.set("builtin"):
        if event.light_time_from == "spacecraft_window":
            assert event.spacecraft_window is not None
            ends = [event.spacecraft_window.start, event.spacecraft_window.end]
            window_paths = light_paths_arriving(event.target_body, ends)
        else:
            ends = [event.wave_window.start, event.wave_window.end]
            window_paths = light_paths_departing(event.target_body, ends)
        image_paths = (
            light_paths_departing(event.target_body, list(event.image_times))
            if event.image_times
            else []
        )
        track_instants = window_track_instants(event.wave_window.start, event.wave_window.end)
        sampled = apparent_geometry(
            event.target_body, list(dict.fromkeys([*event.instants(), *track_instants]))
        )
    return EventAstronomy(
        event_id=event.id,
        target_body=event.target_body,
        window_light_paths=(window_paths[0], window_paths[1]),
        image_light_paths=tuple(image_paths),
        geometry={t: sampled[t] for t in event.instants()},
        window_track=tuple(sampled[t] for t in track_instants),
    )


def compute_all(catalogue: Catalogue) -> dict[str, EventAstronomy]:
    configure_offline()
    return {event.id: event_astronomy(event) for event in catalogue.events}


@dataclass(frozen=True)
class BodyView:
    """Where Earth, the Moon and the Sun lay as seen from the target body when Earth's light
    arrived.

    Vectors run from the body to each, in km along ICRS axes, each body taken where it was when
    the light now arriving left it (Earth and Moon at the light path's Earth instant).
    """

    event_id: str
    body_instant: datetime
    earth_km: tuple[float, float, float]
    moon_km: tuple[float, float, float]
    sun_km: tuple[float, float, float]


def _vector(xyz: np.ndarray) -> tuple[float, float, float]:
    return (float(xyz[0]), float(xyz[1]), float(xyz[2]))


def _retarded_km(body: str, observer_km: np.ndarray, arrival) -> np.ndarray:
    """`body`'s barycentric position when the light reaching the observer at `arrival` left it."""
    from astropy.time import TimeDelta

    light_s = 0.0
    for _ in range(LIGHT_TIME_ITERATIONS):
        position = _barycentric_km(body, arrival - TimeDelta(light_s, format="sec"))
        light_s = float(np.linalg.norm(position - observer_km)) / SPEED_OF_LIGHT_KM_S
    return position


def body_view(event_id: str, target_body: str, path: LightPath) -> BodyView:
    """The view from `target_body` at the moment the light of `path` reached it."""
    from astropy.coordinates import solar_system_ephemeris

    with solar_system_ephemeris.set("builtin"):
        arrival = _astropy_time([path.body_instant])[0]
        departure = _astropy_time([path.earth_instant])[0]
        body_km = _barycentric_km(target_body, arrival)
        earth_km = _barycentric_km("earth", departure)
        moon_km = _barycentric_km("moon", departure)
        sun_km = _retarded_km("sun", body_km, arrival)
    return BodyView(
        event_id=event_id,
        body_instant=path.body_instant,
        earth_km=_vector(earth_km - body_km),
        moon_km=_vector(moon_km - body_km),
        sun_km=_vector(sun_km - body_km),
    )


def body_views(astronomy: dict[str, EventAstronomy]) -> dict[str, BodyView]:
    """Each event's view from its target body at the start of its imaging window."""
    configure_offline()
    return {
        event_id: body_view(event_id, astro.target_body, astro.window_light_paths[0])
        for event_id, astro in astronomy.items()
    }


def earth_view_of(astro: EventAstronomy, view: BodyView) -> EarthView:
    """Earth as the event's camera saw it, for the light leaving Earth at the start of its
    imaging window (`service.astronomy.view`)."""
    from astropy.coordinates import solar_system_ephemeris

    configure_offline()
    path = astro.window_light_paths[0]
    with solar_system_ephemeris.set("builtin"):
        at = apparent_geometry(astro.target_body, [path.earth_instant])[path.earth_instant]
    return earth_view(astro.event_id, path, view, at.sun, at.era_deg)
