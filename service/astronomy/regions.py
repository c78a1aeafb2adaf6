"""Regions of the Earth at one instant, as GeoJSON: day, twilights and night, the hemisphere
facing the target, and their overlap where a place was in the picture.

Each region is the intersection of at most two spherical caps. A cap is where a body stands at
least `h` high: the places p with p . c >= sin h, c the point under the body (the same unit-sphere
trigonometry as `service.astronomy.sky`, so a region and `sky_at` agree up to the drawing's
resolution). On one meridian that condition reads A sin(lat) + B cos(lat) >= sin h, at most two
latitude intervals solved in closed form; intervals are intersected meridian by meridian, and the
cells between neighbouring meridians are joined into polygons by cancelling the edges they share.

The meridians are a regular grid plus the longitudes of points spaced along every cap's edge, the
meridians tangent to it and the crossings of two edges, so every vertex lies on a true edge and
the drawing follows the edge closely even where it runs north-south or near a pole.
Output follows RFC 7946: longitudes in [-180, 180] (a region across the antimeridian is cut
there), exterior rings counter-clockwise, holes clockwise, and a region holding a pole runs along
that pole's edge (latitude +-90).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC

import numpy as np

from service.astronomy.ephemeris import ApparentPlace, EventAstronomy, InstantGeometry
from service.astronomy.sky import HORIZON_ALTITUDE_DEG, NIGHT, PHASES, SUNRISE_ALTITUDE_DEG

GRID_STEP_DEG = 2.0  # regular meridian spacing
EDGE_STEP_DEG = 2.0  # spacing of the points taken along each cap's edge
# A family's four concentric edges each get every member's meridians, which sets their points
# closer than any one edge's: each edge is sampled more sparsely. At 4 deg the polygons still
# misplace no point by more than 0.01 deg of the Sun's altitude (measured over 60,000 random
# points per case, the events and tests' hard cases), and the regions weigh 8% more than with
# each band solved alone.
FAMILY_EDGE_STEP_DEG = 4.0
SNAP_DECIMALS = 9  # vertices computed on one meridian by two routes must meet exactly
COORDINATE_DECIMALS = 4  # about 11 m on the ground
MIN_RING_AREA_DEG2 = 1e-6  # smaller rings are slivers of rounding, not regions
POLE_CLEARANCE_DEG = 1e-4  # a cap's edge through a pole is moved this far off it (see `cap`)


@dataclass(frozen=True)
class Cap:
    """Where a body overhead at (lat_deg, lon_deg) stands at least `min_altitude_deg` high."""

    lat_deg: float
    lon_deg: float
    min_altitude_deg: float

    def complement(self) -> Cap:
        """Where the same body stands below `min_altitude_deg`: a cap around the antipode."""
        return Cap(-self.lat_deg, wrap_lon(self.lon_deg + 180.0), -self.min_altitude_deg)

    def centre(self) -> np.ndarray:
        return unit_vector(self.lat_deg, self.lon_deg)


@dataclass(frozen=True)
class Region:
    kind: str
    description: str
    caps: tuple[Cap, ...]  # the region is their intersection
    conditions: tuple[dict, ...] = field(default=())
    # Regions that tile the globe together (the Sun's phases) are solved on the same meridians,
    # those of the family's caps (whose edges are every edge of every member), so that
    # neighbours share each vertex of their common edge.
    family: tuple[Cap, ...] = field(default=())


def cap(lat_deg: float, lon_deg: float, min_altitude_deg: float) -> Cap:
    """A Cap clear of two degenerate cases; its centre moves at most POLE_CLEARANCE_DEG for it.

    An edge through a pole (centre latitude +-h) runs along whole meridians, which a per-meridian
    solution cannot place; a centre on the equator makes the meridian solution jump where it
    should turn. Moving the centre by 0.0001 deg (11 m) changes nothing a map or a test can see.
    """
    return Cap(clear_latitude(lat_deg, (min_altitude_deg,)), lon_deg, min_altitude_deg)


def clear_latitude(lat_deg: float, altitudes_deg: tuple[float, ...]) -> float:
    """A centre's latitude moved off 0 and +-h for every altitude h of the caps around it (see
    `cap`): caps of one family share their centre, and so their edges' geometry."""
    avoided = sorted({0.0, *altitudes_deg, *(-h for h in altitudes_deg)})
    for _ in avoided:  # a move may land near the next value avoided: until none is near
        near = [a for a in avoided if abs(lat_deg - a) < POLE_CLEARANCE_DEG]
        if not near:
            break
        a = near[0]
        lat_deg = a + (POLE_CLEARANCE_DEG if lat_deg >= a else -POLE_CLEARANCE_DEG)
    return lat_deg


def wrap_lon(lon_deg):
    """Longitude into [-180, 180)."""
    return (np.asarray(lon_deg, dtype=float) + 180.0) % 360.0 - 180.0


def unit_vector(lat_deg, lon_deg) -> np.ndarray:
    lat, lon = np.radians(lat_deg), np.radians(lon_deg)
    return np.stack([np.cos(lat) * np.cos(lon), np.cos(lat) * np.sin(lon), np.sin(lat)], axis=-1)


def subpoint(era_deg: float, place: ApparentPlace) -> tuple[float, float]:
    """(lat_deg, lon_deg) of the point with the body at its zenith: hour angle zero."""
    return place.dec_deg, float(wrap_lon(place.ra_deg - era_deg))


# --- which regions ---------------------------------------------------------------------------


def _condition(body: str, min_deg: float | None, max_deg: float | None) -> dict:
    return {"body": body, "min_altitude_deg": min_deg, "max_altitude_deg": max_deg}


def _sun_band(
    edges: dict[float, Cap], name: str, lower: float | None, upper: float | None
) -> Region:
    caps = []
    if lower is not None:
        caps.append(edges[lower])
    if upper is not None:
        caps.append(edges[upper].complement())
    low = f"{lower:g}" if lower is not None else "-90"
    high = f"{upper:g}" if upper is not None else "90"
    text = f"{name.replace('_', ' ').capitalize()}: the Sun's centre between {low} and {high} deg"
    return Region(
        name, text, tuple(caps), (_condition("sun", lower, upper),), tuple(edges.values())
    )


def phase_regions(geometry: InstantGeometry) -> list[Region]:
    """Day, the three twilights and night: they tile the globe as `service.astronomy.sky.phase`
    does, without overlap or gap. Each edge between two bands is one cap's edge (a band below
    an altitude is the complement of the cap above it), solved on the meridians the five share,
    so both bands draw it through the same vertices."""
    sun_lat, sun_lon = subpoint(geometry.era_deg, geometry.sun)
    altitudes = tuple(lower for _, lower in PHASES)
    lat = clear_latitude(sun_lat, altitudes)
    edges = {h: Cap(lat, sun_lon, h) for h in altitudes}
    bands, upper = [], None
    for name, lower in PHASES:
        bands.append(_sun_band(edges, name, lower, upper))
        upper = lower
    bands.append(_sun_band(edges, NIGHT, None, upper))
    return bands


def event_regions(geometry: InstantGeometry, target_body: str) -> list[Region]:
    """Every region the map draws: the Sun's phases, facing the target, and in the picture."""
    sun = subpoint(geometry.era_deg, geometry.sun)
    target = subpoint(geometry.era_deg, geometry.target)
    name = target_body.capitalize()
    facing = cap(*target, HORIZON_ALTITUDE_DEG)
    day = cap(*sun, SUNRISE_ALTITUDE_DEG)
    return [
        *phase_regions(geometry),
        Region(
            "facing_target",
            f"{name} above the horizon (its centre above 0 deg)",
            (facing,),
            (_condition(target_body, HORIZON_ALTITUDE_DEG, None),),
        ),
        Region(
            "in_picture",
            f"Sunlit and facing {name}: day and {name} above the horizon",
            (day, facing),
            (
                _condition("sun", SUNRISE_ALTITUDE_DEG, None),
                _condition(target_body, HORIZON_ALTITUDE_DEG, None),
            ),
        ),
    ]


# --- meridians -------------------------------------------------------------------------------


def _edge_lons(c: Cap, step_deg: float = EDGE_STEP_DEG) -> np.ndarray:
    """Longitudes of points every `step_deg` along the cap's edge (a small circle)."""
    radius = np.radians(90.0 - c.min_altitude_deg)
    lat, lon = np.radians(c.lat_deg), np.radians(c.lon_deg)
    east = np.array([-np.sin(lon), np.cos(lon), 0.0])
    north = np.array([-np.sin(lat) * np.cos(lon), -np.sin(lat) * np.sin(lon), np.cos(lat)])
    t = np.radians(np.arange(0.0, 360.0, step_deg))[:, None]
    points = np.cos(radius) * c.centre() + np.sin(radius) * (np.cos(t) * east + np.sin(t) * north)
    return np.degrees(np.arctan2(points[:, 1], points[:, 0]))


def _event_lons(c: Cap) -> np.ndarray:
    """Meridians where the cap's latitude pieces change shape, so that none does inside a cell.

    Those touching the edge (an interval opens, closes, splits or merges there), and those a
    quarter turn from the centre, where a meridian wholly inside the cap moves its seam across a
    pole.
    """
    quarter = c.lon_deg + np.array([90.0, -90.0])
    ratio = np.sin(np.radians(90.0 - c.min_altitude_deg)) / max(
        np.cos(np.radians(c.lat_deg)), 1e-300
    )
    if abs(ratio) > 1.0:
        return quarter
    offset = np.degrees(np.arcsin(ratio))
    return np.concatenate(
        [quarter, c.lon_deg + np.array([offset, -offset, 180.0 - offset, offset - 180.0])]
    )


def _crossing_lons(a: Cap, b: Cap) -> np.ndarray:
    """Longitudes where the two caps' edges cross: the corners of their intersection."""
    ca, cb = a.centre(), b.centre()
    sa, sb = np.sin(np.radians(a.min_altitude_deg)), np.sin(np.radians(b.min_altitude_deg))
    d = float(ca @ cb)
    normal = np.cross(ca, cb)
    norm2 = float(normal @ normal)
    if norm2 < 1e-24:
        return np.empty(0)
    x, y = (sa - sb * d) / norm2, (sb - sa * d) / norm2
    rest = 1.0 - x * x - y * y - 2.0 * x * y * d
    if rest < 0.0:
        return np.empty(0)
    t = np.sqrt(rest / norm2)
    points = np.array([x * ca + y * cb + t * normal, x * ca + y * cb - t * normal])
    return np.degrees(np.arctan2(points[:, 1], points[:, 0]))


def meridians(caps: tuple[Cap, ...], edge_step_deg: float = EDGE_STEP_DEG) -> np.ndarray:
    """Sorted meridians from -180 to 180 where a region bounded by `caps` is solved."""
    parts = [np.arange(-180.0, 180.0, GRID_STEP_DEG)]
    for c in caps:
        parts += [_edge_lons(c, edge_step_deg), _event_lons(c)]
    for i, a in enumerate(caps):
        parts += [_crossing_lons(a, b) for b in caps[i + 1 :]]
    lons = np.round(
        np.concatenate([wrap_lon(np.concatenate(parts)), [-180.0, 180.0]]), SNAP_DECIMALS
    )
    return np.unique(lons)


# --- latitude intervals per meridian ---------------------------------------------------------


def _meridian_terms(c: Cap, lon_deg: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """lat0 and w for each meridian: A sin(lat) + B cos(lat) = R cos(lat - lat0) >= sin h iff
    |lat - lat0| <= w (mod 360), w = arccos(sin h / R), 180 when the whole meridian qualifies."""
    a = np.sin(np.radians(c.lat_deg))
    b = np.cos(np.radians(c.lat_deg)) * np.cos(np.radians(lon_deg - c.lon_deg))
    ratio = np.sin(np.radians(c.min_altitude_deg)) / np.hypot(a, b)
    return np.degrees(np.arctan2(a, b)), np.degrees(np.arccos(np.clip(ratio, -1.0, 1.0)))


def whole_meridians(c: Cap, lon_deg: np.ndarray) -> np.ndarray:
    """Which meridians lie wholly inside the cap."""
    return _meridian_terms(c, lon_deg)[1] >= 180.0


def cap_intervals(c: Cap, lon_deg: np.ndarray, whole: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The cap's latitudes on each meridian as three pieces (shape (3, n)), clipped to [-90, 90].

    Piece k is lat0 - w + 360 k .. lat0 + w + 360 k, k = -1, 0, 1, which covers [-90, 90]; an
    empty piece has lo >= hi. Where `whole` says so, piece 0 is the whole meridian instead: a
    cell wholly inside the cap gets no seam whose place would swing with lat0.
    """
    lat0, half = _meridian_terms(c, lon_deg)
    centre = lat0 + 360.0 * np.array([-1.0, 0.0, 1.0])[:, None]
    lo = np.where(whole, np.array([90.0, -90.0, 90.0])[:, None], centre - half)
    hi = np.where(whole, np.array([-90.0, 90.0, -90.0])[:, None], centre + half)
    return np.maximum(lo, -90.0), np.minimum(hi, 90.0)


def region_intervals(
    caps: tuple[Cap, ...], lon_deg: np.ndarray, whole: list[np.ndarray]
) -> tuple[np.ndarray, np.ndarray]:
    """The intersection of the caps on each meridian: one interval per choice of piece per cap."""
    lo, hi = np.full((1, lon_deg.size), -90.0), np.full((1, lon_deg.size), 90.0)
    for c, c_whole in zip(caps, whole):
        cap_lo, cap_hi = cap_intervals(c, lon_deg, c_whole)
        lo = np.maximum(lo[:, None, :], cap_lo[None, :, :]).reshape(-1, lon_deg.size)
        hi = np.minimum(hi[:, None, :], cap_hi[None, :, :]).reshape(-1, lon_deg.size)
    return lo, hi


# --- polygons --------------------------------------------------------------------------------


def _edge_values(
    caps: tuple[Cap, ...], lon_deg: np.ndarray, whole: list[np.ndarray]
) -> tuple[np.ndarray, np.ndarray]:
    """Intervals on one side of each cell; one closing inside the cell shrinks to a point."""
    lo, hi = region_intervals(caps, lon_deg, whole)
    pinched = lo > hi
    lo = np.where(pinched, np.clip((lo + hi) / 2.0, -90.0, 90.0), lo)
    hi = np.where(pinched, lo, hi)
    return np.round(lo, SNAP_DECIMALS), np.round(hi, SNAP_DECIMALS)


def _meridian_edges(
    lon: float, west: list[tuple[float, float]], east: list[tuple[float, float]]
) -> list[tuple]:
    """Edges along one meridian where the cells on its two sides cover different latitudes.

    Covered from the west only: the region's eastern edge, northward; from the east only: its
    western edge, southward (so the interior stays on the left).
    """
    cuts = sorted({y for interval in (*west, *east) for y in interval})
    edges = []
    for y0, y1 in zip(cuts, cuts[1:]):
        mid = (y0 + y1) / 2.0
        from_west = any(a <= mid <= b for a, b in west)
        from_east = any(a <= mid <= b for a, b in east)
        if from_west and not from_east:
            edges.append((lon, y0, lon, y1))
        elif from_east and not from_west:
            edges.append((lon, y1, lon, y0))
    return edges


def _cell_edges(caps: tuple[Cap, ...], family: tuple[Cap, ...] = ()) -> np.ndarray:
    """Directed boundary edges (x1, y1, x2, y2) of the region's cells, interior on the left.

    Which pieces a cell holds, and whether a cap covers its meridians whole, is decided at the
    cell's middle meridian; its two sides are then evaluated with that same choice. The
    meridians are those of the `family` the caps belong to, if any (its caps' edges include
    theirs), else their own.
    """
    lons = meridians(family, FAMILY_EDGE_STEP_DEG) if family else meridians(caps)
    mids = (lons[:-1] + lons[1:]) / 2.0
    whole = [whole_meridians(c, mids) for c in caps]
    mid_lo, mid_hi = region_intervals(caps, mids, whole)
    present = mid_hi - mid_lo > 1e-12  # (pieces, cells)
    west_lo, west_hi = _edge_values(caps, lons[:-1], whole)
    east_lo, east_hi = _edge_values(caps, lons[1:], whole)
    piece, cell = np.nonzero(present)
    bottom = np.stack(
        [lons[cell], west_lo[piece, cell], lons[cell + 1], east_lo[piece, cell]], axis=1
    )
    top = np.stack([lons[cell + 1], east_hi[piece, cell], lons[cell], west_hi[piece, cell]], axis=1)
    # Meridian j has cell j - 1 to its west and cell j to its east; where both hold the same
    # pieces with the same ends (the usual case) nothing is drawn along it.
    same = (present[:, :-1] == present[:, 1:]) & (
        ~present[:, 1:]
        | ((east_lo[:, :-1] == west_lo[:, 1:]) & (east_hi[:, :-1] == west_hi[:, 1:]))
    )
    differing = [0, *(np.nonzero(~same.all(axis=0))[0] + 1), len(lons) - 1]
    sides = []
    for j in differing:
        west = (
            [(east_lo[p, j - 1], east_hi[p, j - 1]) for p in np.nonzero(present[:, j - 1])[0]]
            if j > 0
            else []
        )
        east = (
            [(west_lo[p, j], west_hi[p, j]) for p in np.nonzero(present[:, j])[0]]
            if j < len(lons) - 1
            else []
        )
        sides += _meridian_edges(float(lons[j]), west, east)
    edges = np.concatenate([bottom, top, np.array(sides, dtype=float).reshape(-1, 4)])
    return edges[(edges[:, 0] != edges[:, 2]) | (edges[:, 1] != edges[:, 3])]


def _cancel_opposites(edges: np.ndarray) -> list[tuple[float, float, float, float]]:
    """Drop every pair of edges traversed both ways: cells sharing a side (or a zero-area
    sliver)."""
    count: dict[tuple, int] = defaultdict(int)
    for edge in map(tuple, edges.tolist()):
        reverse = (edge[2], edge[3], edge[0], edge[1])
        if count[reverse] > 0:
            count[reverse] -= 1
        else:
            count[edge] += 1
    return [edge for edge, n in count.items() for _ in range(n)]


def _turn(incoming: tuple, outgoing: tuple) -> float:
    """Angle turned from one edge into the next, positive to the left."""
    ax, ay = incoming[2] - incoming[0], incoming[3] - incoming[1]
    bx, by = outgoing[2] - outgoing[0], outgoing[3] - outgoing[1]
    return float(np.arctan2(ax * by - ay * bx, ax * bx + ay * by))


def _link_rings(edges: list[tuple]) -> list[list[tuple[float, float]]]:
    """Chain edges head to tail into closed rings; at a shared vertex take the sharpest left
    turn."""
    leaving: dict[tuple, list[int]] = defaultdict(list)
    for i, edge in enumerate(edges):
        leaving[edge[:2]].append(i)
    used = [False] * len(edges)
    rings = []
    for first in range(len(edges)):
        if used[first]:
            continue
        used[first] = True
        start, current = edges[first][:2], edges[first]
        ring = [start]
        while current[2:] != start:
            options = [j for j in leaving[current[2:]] if not used[j]]
            if not options:
                break  # cannot happen for a closed boundary; drop the fragment rather than draw it
            chosen = (
                options[0]
                if len(options) == 1
                else max(options, key=lambda j: _turn(current, edges[j]))
            )
            used[chosen] = True
            current = edges[chosen]
            ring.append(current[:2])
        else:
            rings.append(ring)
    return rings


def _signed_area(ring: np.ndarray) -> float:
    x, y = ring[:, 0], ring[:, 1]
    return 0.5 * float(np.sum(x * np.roll(y, -1) - np.roll(x, -1) * y))


def _close(ring: np.ndarray) -> list[list[float]]:
    """Rounded, with no repeated or collinear points (rounding can fold a steep edge onto a
    straight run), first point repeated last (RFC 7946 linear ring)."""
    rounded = np.round(ring, COORDINATE_DECIMALS)
    rounded = rounded[np.any(rounded != np.roll(rounded, 1, axis=0), axis=1)]
    before, after = np.roll(rounded, 1, axis=0), np.roll(rounded, -1, axis=0)
    turn = (rounded[:, 0] - before[:, 0]) * (after[:, 1] - rounded[:, 1]) - (
        rounded[:, 1] - before[:, 1]
    ) * (after[:, 0] - rounded[:, 0])
    kept: list[list[float]] = []
    for point in rounded[
        turn != 0
    ].tolist():  # what one vectorised pass leaves, finished point by point
        kept.append(point)
        while len(kept) >= 3 and _collinear(*kept[-3:]):
            del kept[-2]
    while len(kept) >= 3 and (
        _collinear(kept[-2], kept[-1], kept[0]) or _collinear(kept[-1], kept[0], kept[1])
    ):
        del kept[-1 if _collinear(kept[-2], kept[-1], kept[0]) else 0]
    return kept + kept[:1]


def _collinear(a: list[float], b: list[float], c: list[float]) -> bool:
    return (b[0] - a[0]) * (c[1] - b[1]) == (b[1] - a[1]) * (c[0] - b[0])


def polygons(caps: tuple[Cap, ...], family: tuple[Cap, ...] = ()) -> dict:
    """The intersection of `caps` as a GeoJSON MultiPolygon (empty coordinates if it is empty),
    solved on the meridians of `caps` and `family` (see Region.family)."""
    rings = [np.array(r) for r in _link_rings(_cancel_opposites(_cell_edges(caps, family)))]
    rings = [r for r in rings if len(r) >= 3 and abs(_signed_area(r)) > MIN_RING_AREA_DEG2]
    shells = sorted((r for r in rings if _signed_area(r) > 0), key=_signed_area)
    holes = [r for r in rings if _signed_area(r) < 0]
    members: list[list[np.ndarray]] = [[s] for s in shells]
    for hole in holes:
        probe = (hole[0] + hole[1]) / 2.0
        for member in members:  # smallest shell first
            if ring_contains(member[0], probe[0:1], probe[1:2])[0]:
                member.append(hole)
                break
    closed = [_closed_polygon(member) for member in members]
    return {"type": "MultiPolygon", "coordinates": [rings for rings in closed if rings]}


def _closed_polygon(rings: list[np.ndarray]) -> list[list[list[float]]]:
    """GeoJSON rings of one polygon; none if rounding left its exterior without area."""
    shell, *holes = [_close(r) for r in rings]
    return [shell, *(h for h in holes if len(h) >= 4)] if len(shell) >= 4 else []


# --- point in ring ---------------------------------------------------------------------------


def ring_contains(ring, lon_deg, lat_deg) -> np.ndarray:
    """Even-odd test of points against one ring in the lon/lat plane (GeoJSON's straight edges)."""
    ring = np.asarray(ring, dtype=float)
    x1, y1 = ring[:, 0], ring[:, 1]
    x2, y2 = np.roll(x1, -1), np.roll(y1, -1)
    px, py = np.asarray(lon_deg, dtype=float)[:, None], np.asarray(lat_deg, dtype=float)[:, None]
    straddles = (y1 > py) != (y2 > py)
    with np.errstate(divide="ignore", invalid="ignore"):
        x_at = x1 + (py - y1) * (x2 - x1) / (y2 - y1)
    return np.count_nonzero(straddles & (px < x_at), axis=1) % 2 == 1


# --- the collection --------------------------------------------------------------------------


def _point(kind: str, description: str, lat_deg: float, lon_deg: float) -> dict:
    return {
        "type": "Feature",
        "properties": {"kind": kind, "description": description},
        "geometry": {
            "type": "Point",
            "coordinates": [
                round(lon_deg, COORDINATE_DECIMALS),
                round(lat_deg, COORDINATE_DECIMALS),
            ],
        },
    }


def region_feature(region: Region) -> dict:
    return {
        "type": "Feature",
        "properties": {
            "kind": region.kind,
            "description": region.description,
            "conditions": list(region.conditions),
        },
        "geometry": polygons(region.caps, region.family),
    }


def feature_collection(geometry: InstantGeometry, target_body: str) -> dict:
    """Every region at one instant, and the points under the Sun and the target, as GeoJSON."""
    sun_lat, sun_lon = subpoint(geometry.era_deg, geometry.sun)
    target_lat, target_lon = subpoint(geometry.era_deg, geometry.target)
    name = target_body.capitalize()
    return {
        "type": "FeatureCollection",
        "instant": geometry.instant.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "target_body": target_body,
        "features": [
            *(region_feature(r) for r in event_regions(geometry, target_body)),
            _point("subsolar_point", "The Sun at the zenith", sun_lat, sun_lon),
            _point("sub_target_point", f"{name} at the zenith", target_lat, target_lon),
        ],
    }


def window_regions(astro: EventAstronomy) -> dict[str, dict]:
    """The collections at the "start" and the "end" of an event's wave window."""
    first, last = astro.window_track[0], astro.window_track[-1]
    return {
        "start": feature_collection(first, astro.target_body),
        "end": feature_collection(last, astro.target_body),
    }
