"""`/v1/events/{id}/view`, `view.svg` and `share.png`, and the share image's tags on every page."""

from __future__ import annotations

import re
import struct
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest

EVENTS = ["cassini-2013", "messenger-2013-07-19", "messenger-2013-07-20"]
SVG = "{http://www.w3.org/2000/svg}"


def test_view_without_a_place(client):
    body = client.get("/v1/events/cassini-2013/view").json()
    assert body["place"] is None
    assert body["spacecraft"] == "Cassini" and body["body"] == "saturn"
    # The light recorded at the start of the spacecraft window (22:47:13 UTC) left Earth about
    # 80 minutes before: the computed window of /v1/events/cassini-2013.
    assert body["instant"] == "2013-07-19T21:26:54Z"
    assert body["body_instant"] == "2013-07-19T22:47:13Z"
    assert 0 < body["illuminated_fraction"] < 1
    cameras = {c["id"]: c for c in body["apparent_diameter"]["cameras"]}
    # Earth's 12,756 km at 1.445e9 km is 8.8 urad: about 1.5 narrow-angle pixels of 6 urad.
    assert cameras["iss-nac"]["pixels"] == pytest.approx(
        body["apparent_diameter"]["urad"] / 6.0, 0.01
    )
    assert set(body["sources"]) == {"porco-2004-iss"}
    moon = body["moon"]
    assert moon["separation_urad"] == pytest.approx(
        (moon["east_urad"] ** 2 + moon["north_urad"] ** 2) ** 0.5, abs=0.02
    )


@pytest.mark.parametrize(
    ("query", "visible", "lit"),
    [
        ("city=Toronto", True, True),
        ("city=Tokyo", False, True),
        ("lat=-22.91&lon=-43.17", True, False),
    ],
)
def test_view_with_a_place(client, query, visible, lit):
    body = client.get(f"/v1/events/cassini-2013/view?{query}").json()
    place = body["place"]
    assert (place["visible"], place["lit"]) == (visible, lit)
    assert place["in_picture"] == (visible and lit)
    assert place["disk"]["x"] ** 2 + place["disk"]["y"] ** 2 <= 1.0 + 1e-6
    assert (place["disk"]["angle_from_centre_deg"] < 90) == visible


def test_view_agrees_with_the_local_answer(client):
    # Toronto: in the picture in both (seconds apart: 21:26:54 and 21:27:00 UTC).
    view = client.get("/v1/events/cassini-2013/view?city=Toronto").json()["place"]
    local = client.get("/v1/events/cassini-2013/local?city=Toronto").json()["sky"]
    assert view["in_picture"] == local["in_picture"] is True


def test_view_speaks_the_language(client):
    place = client.get("/v1/events/cassini-2013/view?city=Tokyo&lang=fr").json()["place"]
    assert "face cachée" in place["summary"]


@pytest.mark.parametrize("suffix", ["view", "view.svg", "share.png"])
def test_bad_input_is_a_4xx_in_the_error_shape(client, suffix):
    unknown = client.get(f"/v1/events/cassini-2013/{suffix}?city=Torontoo")
    assert unknown.status_code == 404
    assert unknown.headers["content-type"].startswith("application/json")
    assert unknown.json()["error"]["code"] == "unknown_place"
    assert unknown.json()["error"]["suggestions"][0] == "Toronto"
    out_of_range = client.get(f"/v1/events/cassini-2013/{suffix}?lat=91&lon=0")
    assert out_of_range.status_code == 422
    assert out_of_range.json()["error"]["code"] == "invalid_parameter"
    event = client.get(f"/v1/events/voyager-1990/{suffix}")
    assert event.status_code == 404 and event.json()["error"]["code"] == "unknown_event"


@pytest.mark.parametrize("event_id", EVENTS)
def test_the_globe_is_xml_with_the_place_or_its_far_side(client, event_id):
    near = client.get(f"/v1/events/{event_id}/view.svg?lat=0&lon=-30")
    assert near.status_code == 200
    assert near.headers["content-type"] == "image/svg+xml; charset=utf-8"
    root = ET.fromstring(near.content)
    assert root.tag == f"{SVG}svg"
    assert root.find(f".//{SVG}circle[@id='place']") is not None
    assert "faced the camera" in near.text
    far = client.get(f"/v1/events/{event_id}/view.svg?lat=0&lon=150")
    root = ET.fromstring(far.content)
    assert root.find(f".//{SVG}circle[@id='place']") is None
    assert "far side" in far.text
    assert b"http" not in far.content.replace(b"http://www.w3.org/2000/svg", b"")


def test_the_globe_in_japanese(client):
    svg = client.get("/v1/events/cassini-2013/view.svg?city=Tokyo&lang=ja")
    root = ET.fromstring(svg.content)
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "ja"
    assert "地球の裏側" in svg.text


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from a PNG's signature and IHDR chunk (PNG spec, section 11.2.2)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


@pytest.mark.parametrize(
    "query", ["city=Toronto", "city=Paris&lang=fr", "city=%E6%9D%B1%E4%BA%AC&lang=ja", ""]
)
def test_the_share_image_is_a_1200_by_630_png(client, query):
    response = client.get(f"/v1/events/cassini-2013/share.png?{query}")
    assert response.status_code == 200
    assert response.headers["content-type"] == "image/png"
    assert png_size(response.content) == (1200, 630)
    assert len(response.content) <= 300_000
    assert response.headers["etag"]


def test_the_share_image_ignores_size_parameters(client):
    plain = client.get("/v1/events/cassini-2013/share.png?city=Lima")
    asked = client.get("/v1/events/cassini-2013/share.png?city=Lima&width=20000&height=20000")
    assert png_size(asked.content) == (1200, 630)
    assert asked.content == plain.content


def test_the_share_image_is_cached_like_every_answer(client):
    url = "/v1/events/messenger-2013-07-20/share.png?city=Quito"
    first = client.get(url)
    again = client.get(url, headers={"If-None-Match": first.headers["etag"]})
    assert again.status_code == 304


class _Meta(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        found = dict(attrs)
        key = found.get("property") or found.get("name")
        if tag == "meta" and key:
            self.tags[key] = found.get("content") or ""


def meta_tags(html: str) -> dict[str, str]:
    parser = _Meta()
    parser.feed(html)
    return parser.tags


PAGES = [
    "/?city=Toronto",
    "/?city=Paris&lang=fr",
    "/?lat=35.68&lon=139.69&event=messenger-2013-07-19&lang=ja",
    "/?tz=Europe/Moscow&event=messenger-2013-07-20",
    "/",
    "/embed?city=Toronto",
    "/embed?city=Lisbon&lang=pt&event=messenger-2013-07-19",
    "/Toronto",
]


@pytest.mark.parametrize("path", PAGES)
def test_every_page_carries_the_share_image(client, path):
    html = client.get(path, headers={"Accept": "text/html"}).text
    tags = meta_tags(html)
    assert tags["twitter:card"] == "summary_large_image"
    assert tags["og:image:width"] == "1200" and tags["og:image:height"] == "630"
    assert tags["og:image:alt"]
    image = tags["og:image"]
    assert re.match(r"^https?://[^/]+/v1/events/[a-z0-9-]+/share\.png\?", image), image
    local = image.split("://", 1)[1].partition("/")[2]
    response = client.get("/" + local.replace("&amp;", "&"))
    assert response.status_code == 200 and png_size(response.content) == (1200, 630)
