"""The world map: path data, the antimeridian, the pin's position, and the SVG as a standalone
file."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from service.render import worldmap

SVG = "{http://www.w3.org/2000/svg}"
MAX_MAP_BYTES = 150 * 1024


def text(language: str = "en") -> worldmap.MapText:
    legend = {
        "day": "Day",
        "twilight": "Twilight",
        "night": "Night",
        "facing_target": "Saturn up",
        "in_picture": "In the picture",
        "place": "Your place",
        "subsolar": "Sun overhead",
        "sub_target": "Saturn overhead",
    }
    return worldmap.MapText("Title <&>", "Description", "Caption", "Credit", legend, language)


def pin_position(svg: str) -> tuple[float, float]:
    pin = ET.fromstring(svg.encode()).find(f".//{SVG}circle[@id='pin']")
    assert pin is not None, "no pin in the map"
    return float(pin.get("cx", "nan")), float(pin.get("cy", "nan"))


@pytest.mark.parametrize(
    ("lon", "lat", "x", "y"),
    [
        (-180.0, 90.0, 0.0, 0.0),
        (180.0, -90.0, 1000.0, 500.0),
        (0.0, 0.0, 500.0, 250.0),
        (-79.38, 43.65, 279.5, 128.75),
    ],
)
def test_the_frame_is_equirectangular(lon, lat, x, y):
    frame = worldmap.Frame()
    assert frame.x(lon) == pytest.approx(x) and frame.y(lat) == pytest.approx(y)


def test_ring_path_is_relative_after_an_absolute_move():
    # A square 10 degrees on a side from (0, 0): 10 deg is 27.78 px across and 27.78 px down.
    path = worldmap.ring_path([[0, 0], [10, 0], [10, -10], [0, -10], [0, 0]], worldmap.Frame())
    assert path == "M500 250l27.8 0 0 27.8-27.8 0 0-27.8z"


def test_a_ring_that_collapses_to_a_point_is_dropped():
    assert worldmap.ring_path([[0, 0], [0.001, 0], [0, 0.001], [0, 0]], worldmap.Frame()) == ""


def test_a_polygon_past_the_antimeridian_is_drawn_again_a_turn_away():
    # Chukotka-like: from 170 E to 190 E (= 170 W) must also appear at the left edge.
    ring = [[170, 60], [190, 60], [190, 70], [170, 70], [170, 60]]
    path = worldmap.geometry_path({"type": "Polygon", "coordinates": [ring]}, worldmap.Frame())
    starts = [float(x) for x in re.findall(r"M(-?[\d.]+) ", path)]
    assert sorted(starts) == pytest.approx(
        [worldmap.Frame().x(170 - 360), worldmap.Frame().x(170)], abs=0.1
    )


def test_a_polygon_inside_the_frame_is_drawn_once():
    ring = [[0, 0], [10, 0], [10, 10], [0, 0]]
    path = worldmap.geometry_path({"type": "Polygon", "coordinates": [ring]}, worldmap.Frame())
    assert path.count("M") == 1


def test_the_land_outline_covers_every_continent_once_loaded():
    land = worldmap.load_land()
    assert land.source["license"] == "public domain"
    assert (
        land.path.count("M") > 100
    )  # Natural Earth 110m land has 127 polygons (Antarctica drawn twice)


def test_event_layer_keeps_regions_by_kind_and_the_two_subpoints():
    collection = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"kind": "night"},
                "geometry": {
                    "type": "Polygon",
                    "coordinates": [[[0, 0], [90, 0], [90, -45], [0, -45], [0, 0]]],
                },
            },
            {
                "type": "Feature",
                "properties": {"kind": "subsolar_point"},
                "geometry": {"type": "Point", "coordinates": [-120.5, 20.6]},
            },
            {
                "type": "Feature",
                "properties": {"kind": "sub_target_point"},
                "geometry": {"type": "Point", "coordinates": [-50.0, -19.0]},
            },
        ],
    }
    layer = worldmap.event_layer(collection)
    assert (
        set(layer.paths) == {"night"}
        and layer.subsolar == (20.6, -120.5)
        and layer.sub_target == (-19.0, -50.0)
    )


@pytest.mark.parametrize(
    ("lat", "lon"), [(43.65, -79.38), (-33.87, 151.21), (90.0, 180.0), (-90.0, -180.0), (0.0, 0.0)]
)
def test_the_pin_lies_where_the_coordinates_say(lat, lon):
    svg = worldmap.render(worldmap.load_land(), None, worldmap.Pin(lat, lon, "here"), text())
    x, y = pin_position(svg)
    # Equirectangular on a 1000 x 500 frame; the pin is written to 0.01 px.
    assert x == pytest.approx((lon + 180) / 360 * 1000, abs=0.005)
    assert y == pytest.approx((90 - lat) / 180 * 500, abs=0.005)


def test_the_svg_is_standalone_valid_and_small():
    svg = worldmap.render(
        worldmap.load_land(), None, worldmap.Pin(0, 0, "<script>x</script>"), text("fr")
    )
    root = ET.fromstring(svg.encode())  # raises if not well-formed XML
    assert root.tag == f"{SVG}svg" and root.get("role") == "img"
    title = root.find(f"{SVG}title")
    assert title is not None and title.text == "Title <&>"
    assert "<script" not in svg and "&lt;script&gt;" in svg
    assert (
        not re.search(r"(?:href|src)=\"(?!#)", svg)
        and "url(http" not in svg
        and "@import" not in svg
    )
    assert len(svg.encode()) < MAX_MAP_BYTES
