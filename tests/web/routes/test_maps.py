"""`/v1/events/{id}/map.svg`: a standalone SVG with the place pinned where its coordinates say."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

SVG = "{http://www.w3.org/2000/svg}"


def pin(svg: bytes) -> tuple[float, float]:
    circle = ET.fromstring(svg).find(f".//{SVG}circle[@id='pin']")
    return float(circle.get("cx")), float(circle.get("cy"))


@pytest.mark.parametrize(
    ("query", "lat", "lon"),
    [
        ("lat=-33.87&lon=151.21", -33.87, 151.21),
        ("lat=64.5&lon=-179.9", 64.5, -179.9),
        ("city=Toronto", 43.70643, -79.39864),  # GeoNames 6167865, as the gazetteer holds it
    ],
)
def test_the_map_pins_the_place(client, query, lat, lon):
    response = client.get(f"/v1/events/cassini-2013/map.svg?{query}")
    assert response.status_code == 200 and response.headers["content-type"].startswith(
        "image/svg+xml"
    )
    x, y = pin(response.content)
    # 1000 x 500 px equirectangular frame; the pin is written to 0.01 px.
    assert x == pytest.approx((lon + 180) / 360 * 1000, abs=0.005)
    assert y == pytest.approx((90 - lat) / 180 * 500, abs=0.005)


def test_the_map_is_small_and_usable_as_an_image_anywhere(client):
    response = client.get("/v1/events/cassini-2013/map.svg?tz=Europe/Moscow")
    assert len(response.content) < 150 * 1024
    assert response.headers["cross-origin-resource-policy"] == "cross-origin"
    assert response.headers["content-security-policy"].startswith("default-src 'none'")
    root = ET.fromstring(response.content)
    assert root.get("width") and root.get("viewBox") and root.find(f"{SVG}title") is not None


def test_the_map_without_a_place_has_no_pin(client):
    response = client.get("/v1/events/messenger-2013-07-19/map.svg")
    assert response.status_code == 200
    assert ET.fromstring(response.content).find(f".//{SVG}circle[@id='pin']") is None


def test_the_map_speaks_the_readers_language(client):
    svg = client.get("/v1/events/cassini-2013/map.svg?city=Toronto&lang=de").text
    assert "Freitag, 19. Juli 2013" in svg and 'xml:lang="de"' in svg


@pytest.mark.parametrize(
    ("query", "status"),
    [("lat=91&lon=0", 422), ("lat=10", 422), ("city=Toronot", 404), ("tz=Mars/Olympus", 404)],
)
def test_bad_places_are_errors_in_the_api_shape(client, query, status):
    response = client.get(f"/v1/events/cassini-2013/map.svg?{query}")
    assert response.status_code == status and "error" in response.json()


def test_an_unknown_event_is_a_404(client):
    assert client.get("/v1/events/voyager-1990/map.svg").status_code == 404


def test_the_point_under_saturn_has_rings_and_the_point_under_mercury_has_none(client):
    saturn = ET.fromstring(client.get("/v1/events/cassini-2013/map.svg").content)
    mercury = ET.fromstring(client.get("/v1/events/messenger-2013-07-19/map.svg").content)
    assert saturn.find(f".//{SVG}g[@class='sub_target']/{SVG}ellipse") is not None
    assert mercury.find(f".//{SVG}g[@class='sub_target']/{SVG}ellipse") is None


def test_the_map_draws_every_region_kind(client):
    root = ET.fromstring(client.get("/v1/events/cassini-2013/map.svg").content)
    kinds = {p.get("class") for p in root.iter(f"{SVG}path")}
    assert {
        "land",
        "civil_twilight",
        "nautical_twilight",
        "astronomical_twilight",
        "night",
        "facing_target",
        "in_picture",
    } <= kinds
