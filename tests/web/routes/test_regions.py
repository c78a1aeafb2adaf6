"""The regions route: the map's polygons agree with the local answer; the route's shape and errors.

These ask the app (`client`); the regions themselves are tested in tests/astronomy/test_regions.py.
"""

from __future__ import annotations

import numpy as np
import pytest
from shapely.geometry import Point, shape

from tests.astronomy.oracles import (
    EDGE_MARGIN_DEG,
    PHASE_KINDS,
    contains,
    features_by_kind,
    random_points,
)


def test_sampled_points_answer_the_same_through_the_api(client):
    # The map's "in the picture" polygon and the /local answer must agree: points sampled inside
    # and outside the polygon (away from its edge) ask the API.
    collection = client.get("/v1/events/cassini-2013/regions").json()
    in_picture = features_by_kind(collection)["in_picture"]["geometry"]
    lon, lat = random_points(seed=11, n=400)
    inside = contains(in_picture, lon, lat)
    asked = 0
    for want in (True, False):
        for i in np.nonzero(inside == want)[0][:12]:
            answer = client.get(
                "/v1/events/cassini-2013/local", params={"lat": lat[i], "lon": lon[i]}
            ).json()["sky"]
            margin = min(
                abs(answer["sun"]["altitude_deg"] + 0.833), abs(answer["target"]["altitude_deg"])
            )
            if margin > EDGE_MARGIN_DEG:
                assert answer["in_picture"] is want, (lat[i], lon[i], answer["summary"])
                asked += 1
    assert asked >= 20


@pytest.mark.parametrize("at", ["start", "end"])
def test_a_points_phase_in_local_is_the_phase_region_holding_it(client, at):
    # The five phase polygons tile the map (tests/astronomy/test_regions.py): each point lies in
    # exactly one, and /local must name that one. Points within EDGE_MARGIN_DEG of an edge (in
    # the Sun's altitude) are left out: the polygons follow the true edge to under 0.01 deg.
    collection = client.get("/v1/events/cassini-2013/regions", params={"at": at}).json()
    bands = {kind: shape(features_by_kind(collection)[kind]["geometry"]) for kind in PHASE_KINDS}
    lon, lat = random_points(seed=17, n=300)
    judged = 0
    for point_lat, point_lon in zip(lat, lon):
        holding = [k for k, band in bands.items() if band.covers(Point(point_lon, point_lat))]
        answer = client.get(
            "/v1/events/cassini-2013/local", params={"lat": point_lat, "lon": point_lon}
        ).json()["sky"]
        seen = answer if at == "start" else answer["at_end"]
        altitude = seen["sun"]["altitude_deg"]
        if min(abs(altitude - edge) for edge in (-0.833, -6, -12, -18)) <= EDGE_MARGIN_DEG:
            continue
        assert holding == [seen["sun"]["phase"]], (point_lat, point_lon, altitude, holding)
        judged += 1
    assert judged >= 290


def test_regions_route(client):
    response = client.get("/v1/events/cassini-2013/regions")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/geo+json")
    collection = response.json()
    assert collection["type"] == "FeatureCollection"
    assert (collection["event"], collection["at"], collection["instant"]) == (
        "cassini-2013",
        "start",
        "2013-07-19T21:27:00Z",
    )
    kinds = [f["properties"]["kind"] for f in collection["features"]]
    assert kinds == [
        *PHASE_KINDS,
        "facing_target",
        "in_picture",
        "subsolar_point",
        "sub_target_point",
    ]
    subsolar = features_by_kind(collection)["subsolar_point"]["geometry"]["coordinates"]
    assert subsolar == pytest.approx(
        [-140.17, 20.69], abs=0.01
    )  # see tests/astronomy/test_sky.py, test_subsolar_point_and_the_poles
    end = client.get("/v1/events/messenger-2013-07-20/regions", params={"at": "end"}).json()
    assert (end["at"], end["instant"], end["target_body"]) == (
        "end",
        "2013-07-20T13:41:00Z",
        "mercury",
    )


def test_regions_route_errors(client):
    response = client.get("/v1/events/cassini-2013/regions", params={"at": "middle"})
    assert response.status_code == 422 and response.json()["error"]["code"] == "invalid_parameter"
    response = client.get("/v1/events/voyager-1990/regions")
    assert response.status_code == 404 and response.json()["error"]["code"] == "unknown_event"
