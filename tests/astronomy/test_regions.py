"""GeoJSON regions: valid polygons that agree with the closed-form sky, poles and antimeridian
included."""

from __future__ import annotations

from datetime import UTC, datetime

import numpy as np
import pytest
from shapely.geometry import box, shape
from shapely.ops import unary_union

from service.astronomy import regions, sky
from service.astronomy.ephemeris import ApparentPlace, InstantGeometry
from tests.astronomy import oracles
from tests.astronomy.oracles import EDGE_MARGIN_DEG, PHASE_KINDS

SUN_BOUNDARIES_DEG = (-0.833, -6.0, -12.0, -18.0)
INSTANT = datetime(2013, 3, 20, 12, tzinfo=UTC)


def _geometry(
    sun_lat: float, sun_lon: float, target_lat: float, target_lon: float
) -> InstantGeometry:
    """A made-up instant with the Sun and the target overhead at the given points (ERA 0)."""
    return InstantGeometry(
        INSTANT,
        0.0,
        ApparentPlace(sun_lon, sun_lat, 1.5e8),
        ApparentPlace(target_lon, target_lat, 1.4e9),
    )


# Hard cases: equinox (terminator through the poles), Sun and target on the antimeridian,
# a target near either pole, a Sun whose -0.833 deg edge passes a pole, both on the equator.
SYNTHETIC = [
    _geometry(0.0, 0.0, 0.0, 90.0),
    _geometry(0.3, 179.9, -0.2, -179.95),
    _geometry(-23.4, 170.0, 85.0, 0.0),
    _geometry(10.0, -180.0, -89.5, 30.0),
    _geometry(0.833, 45.0, 0.0, -135.0),
    _geometry(-5.0, 45.0, 5.0, -135.0),
    _geometry(17.0, 0.0, 60.0, 0.0),
    _geometry(90.0, 0.0, -90.0, 0.0),
]


def _assert_agrees_with_closed_form(
    geometry: InstantGeometry, collection: dict, n: int, seed: int
) -> None:
    """Every kind's polygons hold exactly the sampled points the closed form puts in it."""
    lon, lat = oracles.random_points(seed, n)
    sun_alt, _ = sky.horizontal(lat, lon, geometry.era_deg, geometry.sun)
    target_alt, _ = sky.horizontal(lat, lon, geometry.era_deg, geometry.target)
    near_sun = (
        np.min(np.abs(sun_alt[:, None] - np.array(SUN_BOUNDARIES_DEG)), axis=1) < EDGE_MARGIN_DEG
    )
    near_target = np.abs(target_alt) < EDGE_MARGIN_DEG
    phases = oracles.phases(sun_alt)
    truth = {kind: (phases == kind, near_sun) for kind in PHASE_KINDS}
    truth["facing_target"] = (target_alt > 0, near_target)
    truth["in_picture"] = (oracles.lit_and_facing(geometry, lat, lon), near_sun | near_target)
    features = oracles.features_by_kind(collection)
    for kind, (expected, unjudged) in truth.items():
        inside = oracles.contains(features[kind]["geometry"], lon, lat)
        wrong = (inside != expected) & ~unjudged
        assert not wrong.any(), f"{kind}: {list(zip(lat[wrong][:3], lon[wrong][:3]))}"
    # The five phases tile the globe: each judged point lies in exactly one of them.
    count = np.sum(
        [oracles.contains(features[k]["geometry"], lon, lat) for k in PHASE_KINDS], axis=0
    )
    assert np.all(count[~near_sun] == 1)


@pytest.mark.parametrize(
    "event_id", ["cassini-2013", "messenger-2013-07-19", "messenger-2013-07-20"]
)
@pytest.mark.parametrize("at", ["start", "end"])
def test_event_regions_agree_with_the_closed_form(astronomy, window_regions, event_id, at):
    astro = astronomy[event_id]
    geometry = astro.window_track[0 if at == "start" else -1]
    _assert_agrees_with_closed_form(
        geometry, window_regions[event_id][at], n=4000, seed=len(event_id)
    )


@pytest.mark.parametrize(
    "geometry", SYNTHETIC, ids=lambda g: f"sun{g.sun.dec_deg:+g},{g.sun.ra_deg:g}"
)
def test_hard_geometries_agree_with_the_closed_form(geometry):
    _assert_agrees_with_closed_form(
        geometry, regions.feature_collection(geometry, "saturn"), n=3000, seed=3
    )


def _polygons(collection: dict):
    for feature in collection["features"]:
        if feature["geometry"]["type"] == "MultiPolygon":
            yield feature["properties"]["kind"], feature["geometry"]


@pytest.mark.parametrize(
    "geometry", SYNTHETIC[:4] + [None], ids=["equinox", "antimeridian", "north", "south", "cassini"]
)
def test_polygons_are_valid_geojson(window_regions, geometry):
    # Reference: RFC 7946 section 3.1.6 (closed rings of four or more positions, exteriors
    # counter-clockwise, holes clockwise) and 3.1.9 (longitudes within [-180, 180]);
    # validity (no self-intersection, holes inside) as judged by GEOS through shapely.
    collection = (
        window_regions["cassini-2013"]["start"]
        if geometry is None
        else regions.feature_collection(geometry, "saturn")
    )
    for kind, geo in _polygons(collection):
        assert shape(geo).is_valid, kind
        for polygon in geo["coordinates"]:
            for i, ring in enumerate(polygon):
                points = np.array(ring)
                assert len(ring) >= 4 and ring[0] == ring[-1]
                assert np.all(np.abs(points[:, 0]) <= 180) and np.all(np.abs(points[:, 1]) <= 90)
                area = regions._signed_area(points[:-1])
                assert (area > 0) if i == 0 else (area < 0), (kind, i)


# Rounding leaves at most this much overlap or gap between the phases, in square degrees: the
# polygons' vertices are shared, so only GEOS's own arithmetic remains (measured: 0 for every
# case here).
TILING_TOLERANCE_DEG2 = 1e-6


def _assert_phases_tile(collection: dict) -> None:
    """No two phases overlap, and together they leave no gap in the lon/lat rectangle."""
    bands = {kind: shape(geo) for kind, geo in _polygons(collection) if kind in PHASE_KINDS}
    assert set(bands) == set(PHASE_KINDS)
    for i, a in enumerate(PHASE_KINDS):
        for b in PHASE_KINDS[i + 1 :]:
            overlap = bands[a].intersection(bands[b]).area
            assert overlap <= TILING_TOLERANCE_DEG2, (a, b, overlap)
    gap = box(-180, -90, 180, 90).difference(unary_union(list(bands.values()))).area
    assert gap <= TILING_TOLERANCE_DEG2, gap
    # Invariant: the areas add up to the rectangle, 360 x 180 = 64800 square degrees.
    assert sum(band.area for band in bands.values()) == pytest.approx(64800, abs=1e-5)


@pytest.mark.parametrize(
    "geometry", SYNTHETIC, ids=lambda g: f"sun{g.sun.dec_deg:+g},{g.sun.ra_deg:g}"
)
def test_phases_tile_the_map_exactly(geometry):
    _assert_phases_tile(regions.feature_collection(geometry, "saturn"))


@pytest.mark.parametrize(
    "event_id", ["cassini-2013", "messenger-2013-07-19", "messenger-2013-07-20"]
)
@pytest.mark.parametrize("at", ["start", "end"])
def test_committed_phases_tile_the_map_exactly(window_regions, event_id, at):
    _assert_phases_tile(window_regions[event_id][at])


def _touches_pole_edge(geo: dict, pole_lat: float) -> bool:
    points = np.concatenate([np.array(r) for polygon in geo["coordinates"] for r in polygon])
    on_pole = points[points[:, 1] == pole_lat]
    return bool(len(on_pole)) and on_pole[:, 0].min() == -180 and on_pole[:, 0].max() == 180


def test_regions_holding_a_pole_run_along_its_edge(astronomy):
    for geometry in [*SYNTHETIC, astronomy["cassini-2013"].window_track[0]]:
        collection = regions.feature_collection(geometry, "saturn")
        for kind, geo in _polygons(collection):
            for pole in (90.0, -90.0):
                near_pole = oracles.contains(
                    geo, np.array([-170.0, 10.0, 100.0]), np.array([pole * 0.9999] * 3)
                )
                if near_pole.all():
                    assert _touches_pole_edge(geo, pole), (kind, pole)


def test_a_region_across_the_antimeridian_is_cut_there():
    geometry = _geometry(
        20.0, 170.0, -20.0, -170.0
    )  # lit and facing: a lens across 180 deg, no pole
    in_picture = oracles.features_by_kind(regions.feature_collection(geometry, "saturn"))[
        "in_picture"
    ]["geometry"]
    assert len(in_picture["coordinates"]) >= 2
    lons = np.concatenate([np.array(p[0])[:, 0] for p in in_picture["coordinates"]])
    assert lons.min() == -180 and lons.max() == 180
    assert oracles.contains(in_picture, np.array([179.99, -179.99]), np.array([0.0, 0.0])).all()


def test_cassini_picture_covers_north_america_and_the_atlantic(window_regions):
    # Reference: article 000 ("North America and part of the Atlantic Ocean were the only
    # illuminated parts of Earth" facing Cassini); cities as in the sky tests.
    in_picture = oracles.features_by_kind(window_regions["cassini-2013"]["start"])["in_picture"][
        "geometry"
    ]
    lon = np.array([-74.01, -79.38, -118.24, -40.0, 37.62, 139.69, 151.21])
    lat = np.array([40.71, 43.65, 34.05, 30.0, 55.76, 35.68, -33.87])
    assert oracles.contains(in_picture, lon, lat).tolist() == [
        True,
        True,
        True,
        True,
        False,
        False,
        False,
    ]


def test_contains_handles_holes_and_polygon_forms():
    square = [[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]]
    hole = [[4, 4], [4, 6], [6, 6], [6, 4], [4, 4]]
    lon, lat = np.array([1.0, 5.0, 11.0]), np.array([1.0, 5.0, 5.0])
    assert oracles.contains(
        {"type": "Polygon", "coordinates": [square, hole]}, lon, lat
    ).tolist() == [True, False, False]
    multi = {
        "type": "MultiPolygon",
        "coordinates": [[square], [[[20, 0], [30, 0], [30, 5], [20, 0]]]],
    }
    assert oracles.contains(
        multi, np.array([5.0, 28.0, 21.0]), np.array([5.0, 1.0, 4.0])
    ).tolist() == [True, True, False]


def test_closed_form_regions_match_the_sky(astronomy):
    # Invariant: a region's caps and service.astronomy.sky (altitudes) are the same trigonometry.
    geometry = astronomy["messenger-2013-07-19"].window_track[0]
    lon, lat = oracles.random_points(seed=5, n=5000)
    sun_alt, _ = sky.horizontal(lat, lon, geometry.era_deg, geometry.sun)
    target_alt, _ = sky.horizontal(lat, lon, geometry.era_deg, geometry.target)
    near = (np.min(np.abs(sun_alt[:, None] - np.array(SUN_BOUNDARIES_DEG)), axis=1) < 1e-6) | (
        np.abs(target_alt) < 1e-6
    )
    for region in regions.event_regions(geometry, "mercury"):
        if region.kind in PHASE_KINDS:
            expected = oracles.phases(sun_alt) == region.kind
        elif region.kind == "facing_target":
            expected = target_alt > 0
        else:
            expected = oracles.lit_and_facing(geometry, lat, lon)
        assert np.array_equal(oracles.region_contains(region, lat, lon)[~near], expected[~near]), (
            region.kind
        )


def test_caps_never_put_an_edge_through_a_pole():
    # The day cap (-0.833 deg) of a Sun at declination 0.833 would pass through the north pole.
    day = regions.cap(0.833, 10.0, -0.833)
    assert abs(day.lat_deg - 0.833) == pytest.approx(regions.POLE_CLEARANCE_DEG)
    assert regions.cap(0.0, 10.0, 0.0).lat_deg != 0.0
    assert regions.cap(45.0, 10.0, 0.0).lat_deg == 45.0
