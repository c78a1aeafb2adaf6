"""Hostile input on every route: never a 5xx, and every 4xx JSON answer in the API's error shape.

The one exception is a 5xx the route documents in the OpenAPI document for a reason of its own
(oEmbed's 501 for a format it does not serve, as the oEmbed spec asks); a 500 never is.

Routes and their parameters are read from the app (tests/routes.py), so routes added later are
battered too. Each path and query parameter in turn gets every hostile value while the others
stay valid; routes that take coordinates also get the poles and the antimeridian, which are
valid and must answer as a plain request does.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import lru_cache

import pytest

from service.render import share
from service.web.app import create_app
from tests.routes import VALID, asgi_get, get_routes

ROUTES = get_routes(create_app())


@pytest.fixture(scope="module", autouse=True)
def rasterise_each_picture_once() -> Iterator[None]:
    """The share image's SVG is still made for every request and each distinct one rasterised by
    resvg, hostile text and all; the same SVG again (a value the route ignores or refuses to the
    same answer: an unknown parameter's sixty values) is given the PNG resvg made for it before."""
    rasterised = lru_cache(maxsize=None)(share.render_png)

    def render_png(svg: str, font_files: Sequence[str], language: str) -> bytes:
        return rasterised(svg, tuple(font_files), language)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(share, "render_png", render_png)
        yield


HOSTILE = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "x" * 100_000,
    "\r\nSet-Cookie: injected=1",
    "Toronto\r\n\r\nGET / HTTP/1.1",
    "\u202eotnoroT",
    "\u200f\u200eToronto",
    "To\u0301ro\u0308nto",
    "e" + "\u0301" * 300,
    "\ufeffToronto",
    "\u200b",
    "NaN",
    "nan",
    "-NaN",
    "inf",
    "-inf",
    "Infinity",
    "-Infinity",
    "1e309",
    "-1e309",
    "1e-400",
    "0x1p-1074",
    "90",
    "-90",
    "90.0000001",
    "-90.0000001",
    "180",
    "-180",
    "180.0000001",
    "-180.0000001",
    "-0",
    "1_0",
    "\uff11\uff12",
    "\u0663\u0664",
    "../../etc/passwd",
    "<script>alert(1)</script>",
    "' OR '1'='1",
    "\U0001f600" * 50,
    "null",
    "[]",
    "{}",
    "true",
    "*",
    "?",
    "#",
    "&",
    "=",
    "%",
    "+",
    "\\",
    "/",
]
# Invalid UTF-8 as it can arrive on the wire (raw bytes, an overlong slash, a lone surrogate).
RAW_ENCODED = ["%FF%FE", "%C0%AF", "%ED%A0%80"]
# The poles, the antimeridian from both sides, the date line in Fiji and the Bering Strait.
POINTS = [
    (90, 0),
    (-90, 0),
    (90, 180),
    (-90, -180),
    (0, 180),
    (0, -180),
    (-17.8, 179.9999),
    (-17.8, -179.9999),
    (65.7, -168.9),
    (71.0, 180),
    (89.9999, 45),
    (-0.0, -0.0),
]
HEADERS = [
    {"Accept": "\x7f/\x7f"},
    {"Accept": "text/plain"},
    {"Accept": "text/html"},
    {"Accept": "image/svg+xml"},
    {"Accept-Language": "x" * 1000},
    {"Accept-Language": "*;q=nan, fr;q=-1"},
    {"Accept-Language": "zz-ZZ"},
    {"User-Agent": "curl/8"},
    {"User-Agent": b"\xe2\x80\xae\xff"},
    {"If-None-Match": '"' * 500},
    {"If-None-Match": "*"},
    {"If-None-Match": 'W/"x", "y"'},
    {"Range": "bytes=0-0"},
]


def assert_sane(response, what: str, route=None) -> None:
    status = response.status_code
    deliberate = route is not None and status in route.declared_statuses and status != 500
    assert status < 500 or deliberate, f"{what}: {status} {response.text[:300]}"
    if 400 <= status and response.headers.get("content-type", "").startswith("application/json"):
        error = response.json().get("error")
        assert isinstance(error, dict), (
            f"{what}: 4xx without the error shape: {response.text[:300]}"
        )
        assert isinstance(error.get("code"), str) and error["code"], what
        assert isinstance(error.get("message"), str) and error["message"], what


# What the test client sends with each request: a request made straight into the app carries
# them too, so the app reads it as the client's (the same format and language chosen).
CLIENT_HEADERS = (
    ("Accept", "*/*"),
    ("Accept-Encoding", "gzip, deflate"),
    ("Connection", "keep-alive"),
    ("User-Agent", "testclient"),
)


def get(client, url: str):
    """Straight into the app, as the test client's request would reach it: the battery makes
    some ten thousand requests, and the client's own work was most of their cost."""
    return asgi_get(client.app, url, headers=CLIENT_HEADERS)


def _ids(routes):
    return [route.path for route in routes]


def test_the_battery_sees_every_route():
    paths = {route.path for route in ROUTES}
    assert {"/healthz", "/readyz", "/v1/events/{event_id}/local", "/openapi.json"} <= paths
    assert any(route.path_params for route in ROUTES) and any(
        route.query_params for route in ROUTES
    )


@pytest.mark.parametrize("route", ROUTES, ids=_ids(ROUTES))
def test_hostile_path_parameters(client, route):
    for name in route.path_params:
        for value in HOSTILE:
            assert_sane(
                get(client, route.url({name: value}, route.valid_query())),
                f"{route.path} {name}={value[:40]!r}",
                route,
            )
        for raw in RAW_ENCODED:
            url = route.url({name: "RAW"}, route.valid_query()).replace("RAW", raw)
            assert_sane(get(client, url), f"{route.path} {name}={raw}", route)


# Each route's query parameters one by one (a test each, so test processes share the battery),
# and one it does not know.
QUERY_PARAMETERS = [
    (route, name)
    for route in ROUTES
    for name in [p.name for p in route.query_params] + ["unknown_parameter"]
]


@pytest.mark.parametrize(
    ("route", "name"),
    QUERY_PARAMETERS,
    ids=[f"{route.path} {name}" for route, name in QUERY_PARAMETERS],
)
def test_hostile_query_parameters(client, route, name):
    for value in HOSTILE:
        query = route.valid_query() | {name: value}
        assert_sane(
            get(client, route.url(query=query)), f"{route.path} ?{name}={value[:40]!r}", route
        )
    base = route.url(query=route.valid_query())
    for raw in RAW_ENCODED:
        assert_sane(
            get(client, f"{base}{'&' if '?' in base else '?'}{name}={raw}"),
            f"{route.path} ?{name}={raw}",
            route,
        )
    assert_sane(
        get(client, f"{base}{'&' if '?' in base else '?'}{name}=a&{name}=b"),
        f"{route.path} repeated {name}",
        route,
    )


@pytest.mark.parametrize(
    "route",
    [r for r in ROUTES if r.has_coordinates],
    ids=_ids([r for r in ROUTES if r.has_coordinates]),
)
def test_poles_and_antimeridian_answer_like_any_point(client, route):
    baseline = client.get(route.url(query=route.valid_query())).status_code
    assert baseline == 200
    for lat, lon in POINTS:
        response = client.get(
            route.url(query=route.valid_query() | {"lat": repr(lat), "lon": repr(lon)})
        )
        assert response.status_code == 200, f"{route.path} at {lat},{lon}: {response.text[:300]}"


@pytest.mark.parametrize("route", ROUTES, ids=_ids(ROUTES))
def test_hostile_headers(client, route):
    url = route.url(query=route.valid_query())
    for headers in HEADERS:
        assert_sane(
            client.get(url, headers=headers), f"{route.path} with {str(headers)[:60]}", route
        )
        assert_sane(
            client.head(url, headers=headers), f"HEAD {route.path} with {str(headers)[:60]}", route
        )


def test_valid_values_are_the_documented_ones(client):
    """The table the battery fills parameters from must itself be valid."""
    local = client.get(f"/v1/events/{VALID['event_id']}/local", params={"tz": VALID["tz"]})
    assert local.status_code == 200
    assert (
        client.get(
            f"/v1/events/{VALID['event_id']}/local",
            params={"lat": VALID["lat"], "lon": VALID["lon"]},
        ).json()["place"]["tz"]
        == VALID["tz"]
    )
