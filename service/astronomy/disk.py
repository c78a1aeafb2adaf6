"""Earth's disk as the camera saw it, in closed form over an `EarthView`: where a place lay on it,
whether it faced the camera and was lit, and the lines a drawing of the globe needs.

The projection is orthographic, centred on the point under the body, Earth's north up: from a
billion kilometres (Cassini) or a hundred million (MESSENGER) the visible half of Earth is a
hemisphere to within 0.004 deg. A surface point is the unit vector of its geodetic latitude and
longitude, the same vector the sky over a place uses for its zenith, so "faces the camera" here
is "the body above the horizon" there, and "lit" is the sky's sunlit (the Sun's upper limb above
the horizon with standard refraction). Disk coordinates are in Earth radii: `x` east (right),
`y` north (up), `z` toward the camera; a point is on the near side when z > 0.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from service.astronomy.sky import SUNRISE_ALTITUDE_DEG
from service.astronomy.view import EarthView

Vector = tuple[float, float, float]
Point2 = tuple[float, float]
# Longest step along a drawn line, in degrees of arc: short enough that chords look like arcs on
# a globe a few hundred pixels across.
STEP_DEG = 2.0


def unit_vector(lat_deg: float, lon_deg: float) -> Vector:
    lat, lon = math.radians(lat_deg), math.radians(lon_deg)
    return (math.cos(lat) * math.cos(lon), math.cos(lat) * math.sin(lon), math.sin(lat))


def _dot(a: Vector, b: Vector) -> float:
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2]


def _cross(a: Vector, b: Vector) -> Vector:
    return (a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0])


def _normalised(a: Vector) -> Vector:
    n = math.sqrt(_dot(a, a))
    return (a[0] / n, a[1] / n, a[2] / n)


class OnDisk(NamedTuple):
    """A place as the camera saw it."""

    visible: bool  # on the hemisphere facing the camera
    lit: bool  # sunlit: the Sun's upper limb above its horizon
    x: float  # east of the disk's centre, in Earth radii
    y: float  # north of it
    angle_from_centre_deg: float  # arc from the point under the body
    sun_altitude_deg: float
    body_altitude_deg: float


@dataclass(frozen=True)
class Disk:
    """The frame of one view: toward the camera, up (north), right (east), and the Sun."""

    toward_camera: Vector
    up: Vector
    right: Vector
    sun: Vector

    @classmethod
    def of(cls, view: EarthView) -> Disk:
        toward = unit_vector(view.sub_body_lat_deg, view.sub_body_lon_deg)
        pole = (0.0, 0.0, 1.0)
        along = _dot(pole, toward)
        up = _normalised((-along * toward[0], -along * toward[1], 1.0 - along * toward[2]))
        return cls(
            toward_camera=toward,
            up=up,
            right=_cross(up, toward),
            sun=unit_vector(view.subsolar_lat_deg, view.subsolar_lon_deg),
        )

    def frame(self, p: Vector) -> Vector:
        """(x, y, z) of a unit vector: east, north, toward the camera."""
        return (_dot(p, self.right), _dot(p, self.up), _dot(p, self.toward_camera))

    def place(self, lat_deg: float, lon_deg: float) -> OnDisk:
        p = unit_vector(lat_deg, lon_deg)
        x, y, z = self.frame(p)
        sun_alt = math.degrees(math.asin(max(-1.0, min(1.0, _dot(p, self.sun)))))
        body_alt = math.degrees(math.asin(max(-1.0, min(1.0, z))))
        return OnDisk(
            visible=z > 0.0,
            lit=sun_alt > SUNRISE_ALTITUDE_DEG,
            x=x,
            y=y,
            angle_from_centre_deg=90.0 - body_alt,
            sun_altitude_deg=sun_alt,
            body_altitude_deg=body_alt,
        )

    # --- lines for a drawing -----------------------------------------------------------------

    def visible_runs(self, ring: Sequence[Vector], closed: bool) -> list[list[Point2]]:
        """The parts of a line on the near side, each as disk points; a run that reaches the limb
        ends on it exactly."""
        runs, _ = self._runs(ring, closed)
        return runs

    def _runs(
        self, ring: Sequence[Vector], closed: bool
    ) -> tuple[list[list[Point2]], list[tuple[bool, bool]]]:
        """Runs of near-side points, and for each whether it starts and ends on the limb."""
        points = [self.frame(p) for p in ring]
        if closed and points and points[0] != points[-1]:
            points.append(points[0])
        runs: list[list[Point2]] = []
        ends: list[tuple[bool, bool]] = []
        current: list[Point2] = []
        entered = False
        for i, (x, y, z) in enumerate(points):
            if z > 0.0:
                if not current and i > 0:
                    current.append(_limb_crossing(points[i - 1], (x, y, z)))
                    entered = True
                current.append((x, y))
            elif current:
                current.append(_limb_crossing(points[i - 1], (x, y, z)))
                runs.append(current)
                ends.append((entered, True))
                current, entered = [], False
        if current:
            runs.append(current)
            ends.append((entered, False))
        if closed and len(runs) > 1 and not ends[0][0] and not ends[-1][1]:
            # The ring started on the near side: its last run continues into its first.
            runs[0] = runs.pop() + runs[0][1:]
            ends[0] = (ends.pop()[0], ends[0][1])
        return runs, ends

    def region(self, ring: Sequence[Vector], holds_near_pole: bool = False) -> list[list[Point2]]:
        """The near-side part of the region to the left of a closed ring (counter-clockwise seen
        from outside), as closed outlines on the disk: its near-side runs joined along the limb,
        counter-clockwise, each exit to the next entry. A ring wholly on the far side outlines
        nothing, or the whole disk when `holds_near_pole` (the region holds the disk's centre)."""
        runs, ends = self._runs(ring, closed=True)
        if not runs:
            return [_limb_arc(0.0, 2 * math.pi)] if holds_near_pole else []
        if len(runs) == 1 and ends[0] == (False, False):
            return [runs[0]]
        entries = sorted((_angle(run[0]), i) for i, run in enumerate(runs))
        outlines, used = [], set()
        for start in range(len(runs)):
            if start in used:
                continue
            outline: list[Point2] = []
            i = start
            while i not in used:
                used.add(i)
                outline += runs[i]
                exit_angle = _angle(runs[i][-1])
                i = _next_entry(entries, exit_angle)
                outline += _limb_arc(exit_angle, _angle(runs[i][0]))[1:-1]
            outlines.append(outline)
        return outlines

    def cap(self, centre: Vector, radius_deg: float) -> list[list[Point2]]:
        """The near-side part of a spherical cap (every point within `radius_deg` of `centre`)."""
        return self.region(
            circle(centre, radius_deg),
            holds_near_pole=_dot(centre, self.toward_camera) >= math.cos(math.radians(radius_deg)),
        )


def circle(centre: Vector, radius_deg: float, step_deg: float = STEP_DEG) -> list[Vector]:
    """Points of a small circle, counter-clockwise about its centre seen from outside."""
    c = centre
    helper = (1.0, 0.0, 0.0) if abs(c[0]) < 0.9 else (0.0, 1.0, 0.0)
    a = _normalised(_cross(helper, c))
    b = _cross(c, a)
    r = math.radians(radius_deg)
    n = max(12, math.ceil(360.0 / step_deg))
    cos_r, sin_r = math.cos(r), math.sin(r)
    out = []
    for k in range(n):
        t = 2 * math.pi * k / n
        u, v = math.cos(t), math.sin(t)
        out.append(tuple(cos_r * c[i] + sin_r * (u * a[i] + v * b[i]) for i in range(3)))
    return out  # type: ignore[return-value]


def ring_vectors(ring: Iterable[Sequence[float]], step_deg: float = STEP_DEG) -> list[Vector]:
    """A lon/lat ring as unit vectors, edges longer than `step_deg` split (along lon and lat)."""
    out: list[Vector] = []
    previous: Sequence[float] | None = None
    for lon, lat in ring:
        if previous is not None:
            steps = math.ceil(max(abs(lon - previous[0]), abs(lat - previous[1])) / step_deg)
            for k in range(1, steps):
                f = k / steps
                out.append(
                    unit_vector(
                        previous[1] + f * (lat - previous[1]), previous[0] + f * (lon - previous[0])
                    )
                )
        out.append(unit_vector(lat, lon))
        previous = (lon, lat)
    return out


def counter_clockwise(ring: Sequence[Sequence[float]]) -> bool:
    """Whether a lon/lat ring runs counter-clockwise on the flat map (shoelace sign)."""
    area = 0.0
    for (x0, y0), (x1, y1) in zip(ring, [*ring[1:], ring[0]]):
        area += x0 * y1 - x1 * y0
    return area > 0.0


def _angle(p: Point2) -> float:
    return math.atan2(p[1], p[0]) % (2 * math.pi)


def _next_entry(entries: list[tuple[float, int]], exit_angle: float) -> int:
    """The run whose limb entry comes first counter-clockwise after `exit_angle`."""
    return min(entries, key=lambda e: (e[0] - exit_angle) % (2 * math.pi))[1]


def _limb_arc(start: float, end: float) -> list[Point2]:
    """Points of the limb from angle `start` counter-clockwise to `end` (a full turn if equal)."""
    sweep = (end - start) % (2 * math.pi) or 2 * math.pi
    n = max(2, math.ceil(math.degrees(sweep) / STEP_DEG))
    return [
        (math.cos(start + sweep * k / n), math.sin(start + sweep * k / n)) for k in range(n + 1)
    ]


def _limb_crossing(a: Vector, b: Vector) -> Point2:
    """Where the segment between two frame points crosses the limb (z = 0), on the unit circle."""
    t = a[2] / (a[2] - b[2])
    x, y = a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])
    n = math.hypot(x, y) or 1.0
    return (x / n, y / n)
