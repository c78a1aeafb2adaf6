"""The `/local` fast path answers exactly what the route answers: the same status, fields and
bytes, for the requests it takes and the ones it hands to the app."""

from __future__ import annotations

import os

import pytest
from fastapi.testclient import TestClient

from service.settings import Settings
from service.web.app import create_app
from service.web.fast_local import FastLocal

LOCAL = "/v1/events/{event}/local"
QUERIES = [
    "tz=America/Toronto",
    "tz=UTC%2B05:30",
    "tz=Asia/Kolkata&lang=fr",
    "lat=43.65&lon=-79.38",
    "lat=-90&lon=180",
    "city=Paris&country=FR",
    "city=Pasadena",
    "city=Toronto&lat=1&lon=2",
    "city=東京&lang=ja",
    # Handed to the app: errors of every kind, repeated and unknown parameters.
    "lat=91&lon=0",
    "lat=abc&lon=0",
    "lat=1",
    "tz=Mars/Olympus",
    "city=Qwxzvbnm",
    "country=FR",
    "",
    "tz=UTC&tz=UTC",
    "lang=x!&tz=UTC",
    "tz=UTC&unknown=1",
]
HEADERS = [{}, {"Accept-Language": "de"}, {"Accept-Language": "pt-BR,pt;q=0.9"}]


@pytest.fixture(scope="module")
def without(resources):
    """The same app without the fast path, started from the same environment (and so the same
    warm caches) as `client`."""
    app = create_app(
        Settings.from_env({**os.environ, "FAST_LOCAL": "false", "ACCESS_LOG": "false"})
    )
    with TestClient(app) as client:
        yield client


@pytest.mark.parametrize("event", ["cassini-2013", "messenger-2013-07-20", "no-such-event"])
@pytest.mark.parametrize("query", QUERIES)
def test_the_fast_path_answers_what_the_route_answers(client, without, event, query):
    for headers in HEADERS:
        url = f"{LOCAL.format(event=event)}?{query}"
        fast, slow = client.get(url, headers=headers), without.get(url, headers=headers)
        assert fast.status_code == slow.status_code, url
        assert fast.content == slow.content, url
        for name in ("content-type", "etag", "cache-control", "vary", "content-length"):
            assert fast.headers.get(name) == slow.headers.get(name), (url, name)


def test_the_fast_path_takes_plain_requests_and_leaves_errors(resources):
    class App:
        def __init__(self) -> None:
            self.state = type("State", (), {"resources": resources})()

    fast = FastLocal(app=None)  # type: ignore[arg-type]
    scope = {
        "type": "http",
        "method": "GET",
        "path": "/v1/events/cassini-2013/local",
        "headers": [],
        "app": App(),
    }
    assert fast._answer({**scope, "query_string": b"tz=UTC"}) is not None
    assert fast._answer({**scope, "query_string": b"lat=91&lon=0"}) is None
    assert fast._answer({**scope, "method": "POST", "query_string": b"tz=UTC"}) is None
    assert fast._answer({**scope, "path": "/v1/events/local", "query_string": b""}) is None
