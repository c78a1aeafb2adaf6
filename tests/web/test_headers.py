"""Headers on every response, and CORS for the JSON API."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/v1/events",
        "/v1/events/cassini-2013/map.svg",
        "/embed?city=Toronto",
        "/static/app.js",
        "/v1/no/such/thing",
        "/Toronto",
    ],
)
def test_every_response_says_nosniff_and_a_referrer_policy(client, path):
    headers = client.get(path).headers
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "strict-origin-when-cross-origin"


def test_the_json_api_is_open_to_every_origin(client):
    response = client.get(
        "/v1/events/cassini-2013/local?city=Toronto", headers={"Origin": "https://school.example"}
    )
    assert response.headers["access-control-allow-origin"] == "*"


def test_a_preflight_request_is_answered(client):
    response = client.options(
        "/v1/places?q=Tor",
        headers={"Origin": "https://school.example", "Access-Control-Request-Method": "GET"},
    )
    assert response.status_code == 200 and response.headers["access-control-allow-origin"] == "*"
