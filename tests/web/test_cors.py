"""CORS as a browser sees it: Starlette's middleware, with the origins of ALLOWED_ORIGINS."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from service.settings import Settings
from service.web.app import create_app

PREFLIGHT = {"Access-Control-Request-Method": "GET"}


def vary(response) -> set[str]:
    return {name.strip().lower() for name in response.headers.get("vary", "").split(",")}


@pytest.fixture(scope="module")
def narrow():
    """An app that lets in two origins. Start-up work is not run: these routes need none of it."""
    settings = Settings(allowed_origins=("https://a.org", "https://b.org"), fast_local=False)
    return TestClient(create_app(settings))


def test_any_origin_may_read_an_answer(client):
    response = client.get("/healthz", headers={"Origin": "https://anywhere.example"})
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == "*"
    assert response.headers["access-control-expose-headers"] == "Content-Language"
    assert "origin" in vary(response)


def test_a_request_without_origin_gets_no_cors_fields(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert "access-control-allow-origin" not in response.headers
    assert "origin" in vary(response), "a shared cache must not hand this to a cross-origin page"


def test_a_refusal_is_made_before_cors_and_the_answer_store(client):
    """Limits refuse before any other work (see service/web/middleware.py): the refusal carries
    no-store and the security fields, and no CORS field (no browser sends such a request)."""
    response = client.get("/" + "x" * 2000, headers={"Origin": "https://anywhere.example"})
    assert response.status_code == 414
    assert response.headers["cache-control"] == "no-store"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "access-control-allow-origin" not in response.headers


def test_stored_answers_are_kept_per_origin(client):
    url = "/v1/events/cassini-2013/local?tz=Asia/Tokyo&cors=stored"
    for _ in range(3):  # the store admits an answer on its second asking
        with_origin = client.get(url, headers={"Origin": "https://anywhere.example"})
        without = client.get(url)
    assert with_origin.headers["access-control-allow-origin"] == "*"
    assert "access-control-allow-origin" not in without.headers
    assert "origin" in with_origin.headers["vary"].lower()


def test_preflight_is_answered(client):
    response = client.options(
        "/healthz",
        headers={
            "Origin": "https://anywhere.example",
            **PREFLIGHT,
            "Access-Control-Request-Headers": "X-Requested-With",
        },
    )
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == "*"
    # POST for /v1/claims: a page elsewhere may send a long text to check.
    assert response.headers["access-control-allow-methods"] == "GET, POST"
    assert response.headers["access-control-allow-headers"] == "X-Requested-With"
    assert int(response.headers["access-control-max-age"]) > 0
    assert {"origin", "access-control-request-method"} <= vary(response)


@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH"])
def test_preflight_for_a_method_other_than_get_or_post_is_refused(client, method):
    response = client.options(
        "/healthz",
        headers={"Origin": "https://anywhere.example", "Access-Control-Request-Method": method},
    )
    assert response.status_code == 400
    assert response.text == "Disallowed CORS method"


@pytest.mark.parametrize("origin", ["https://a.org", "https://b.org"])
def test_a_listed_origin_is_named_back(narrow, origin):
    response = narrow.get("/healthz", headers={"Origin": origin})
    assert response.headers["access-control-allow-origin"] == origin
    assert "origin" in vary(response)
    preflight = narrow.options("/healthz", headers={"Origin": origin, **PREFLIGHT})
    assert preflight.status_code == 200
    assert preflight.headers["access-control-allow-origin"] == origin


def test_an_unlisted_origin_is_left_out(narrow):
    response = narrow.get("/healthz", headers={"Origin": "https://c.org"})
    assert response.status_code == 200, "the answer is sent; the browser withholds it"
    assert "access-control-allow-origin" not in response.headers
    assert "origin" in vary(response)
    preflight = narrow.options("/healthz", headers={"Origin": "https://c.org", **PREFLIGHT})
    assert preflight.status_code == 400
    assert "access-control-allow-origin" not in preflight.headers
