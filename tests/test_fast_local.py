"""service/api/fast_local.py: the `/local` fast path answers exactly as the FastAPI route does.

The same requests go to the app as it runs (fast path on) and to one with FAST_LOCAL off, where
FastAPI answers every request; status, every header and the body must be equal. A unique extra
parameter (ignored by both) keeps the answer store out of the comparison. The plain requests
must have been answered by the fast path itself, or the comparison would prove nothing.
"""

from __future__ import annotations

import asyncio
import itertools

import pytest
from fastapi.testclient import TestClient

from service.settings import Settings
from service.web.app import create_app
from service.web.fast_local import PARAMETERS, FastLocal

LOCAL = "/v1/events/{event}/local"

# Requests the fast path answers itself.
PLAIN = [
    "tz=Europe/Paris",
    "tz=america/toronto",
    "tz=UTC%2B05:30",
    "tz=Etc/GMT-14",
    "lat=43.65&lon=-79.38",
    "lat=-90&lon=180",
    "lat=90&lon=-180",
    "lat=0.00001&lon=-0.00001",
    "lat=64.1&lon=-21.9&tz=Asia/Tokyo",
    "city=Toronto",
    "city=Springfield",
    "city=%E6%9D%B1%E4%BA%AC",
    "city=Paris&country=FR",
    "city=Paris&lat=1&lon=2",
    "city=Pasadena,+CA",
    "tz=Europe/Paris&lang=fr",
    "tz=Europe/Paris&lang=pt-BR",
    "tz=Europe/Paris&lang=xx",
    "lat=10&lon=10&unknown=1",
]
# Requests it leaves to FastAPI: malformed, out of range, repeated, blank, or unknown.
LEFT = [
    "",
    "tz=",
    "tz=Nowhere/Special",
    "tz=UTC%2B15",
    "tz=" + "a" * 201,
    "lat=91&lon=0",
    "lat=0&lon=180.5",
    "lat=abc&lon=1",
    "lat=1e1&lon=1",
    "lat=+1&lon=1",
    "lat=%201&lon=1",
    "lat=nan&lon=1",
    "lat=inf&lon=1",
    "lat=%D9%A3&lon=1",
    "lat=1",
    "lon=1",
    "lat=1&lat=2&lon=3",
    "tz=UTC&tz=Europe/Paris",
    "city=",
    "city=Qwxyzzyville",
    "country=FR",
    "city=Paris&country=ZZ",
    "tz=UTC&lang=f",
    "tz=UTC&lang=fr%0A",
    "tz=UTC&lang=" + "a" * 40,
    "tz=%00",
    "lat=1&lon=2&tz=Mars/Olympus",
]
HEADERS = [
    {},
    {"Accept-Language": "de-DE,de;q=0.9,en;q=0.5"},
    {"Accept-Language": "xx"},
    {"Accept-Language": "*;q=0"},
    {"Accept": "text/plain"},
    {"Origin": "https://example.org"},
]


@pytest.fixture(scope="module")
def reference():
    with TestClient(create_app(Settings(fast_local=False))) as test_client:
        yield test_client


@pytest.fixture
def answered(monkeypatch) -> list[str]:
    """The query strings the fast path answered itself."""
    seen: list[str] = []
    answer = FastLocal._answer

    def recording(self, scope):
        body = answer(self, scope)
        if body is not None:
            seen.append(scope["query_string"].decode())
        return body

    monkeypatch.setattr(FastLocal, "_answer", recording)
    return seen


_nonce = itertools.count()


def _both(client, reference, path: str, query: str, headers: dict) -> tuple:
    tagged = f"{query}&nonce={next(_nonce)}" if query else f"nonce={next(_nonce)}"
    fast = client.get(f"{path}?{tagged}", headers=headers)
    slow = reference.get(f"{path}?{tagged}", headers=headers)
    return fast, slow, tagged


def _same(fast, slow) -> None:
    assert fast.status_code == slow.status_code
    assert fast.headers.multi_items() == slow.headers.multi_items()
    assert fast.content == slow.content


@pytest.mark.parametrize("event", ["cassini-2013", "messenger-2013-07-20"])
@pytest.mark.parametrize("query", PLAIN)
def test_plain_requests_are_answered_by_the_fast_path_as_fastapi_answers_them(
    client, reference, answered, event, query
):
    for headers in HEADERS:
        fast, slow, tagged = _both(client, reference, LOCAL.format(event=event), query, headers)
        assert fast.status_code == 200
        _same(fast, slow)
        assert tagged in answered


@pytest.mark.parametrize("query", LEFT)
def test_other_requests_are_left_to_fastapi(client, reference, answered, query):
    fast, slow, tagged = _both(client, reference, LOCAL.format(event="cassini-2013"), query, {})
    _same(fast, slow)
    assert tagged not in answered
    assert fast.status_code == 200 or fast.json()["error"]["code"]


@pytest.mark.parametrize(
    "path",
    [
        "/v1/events/pluto-2099/local",
        "/v1/events/cassini-2013/local/",
        "/v1/events/cassini-2013//local",
        "/v1/events/%2Fx/local",
    ],
)
def test_other_paths_are_left_to_fastapi(client, reference, answered, path):
    fast, slow, tagged = _both(client, reference, path, "tz=UTC", {})
    _same(fast, slow)
    assert tagged not in answered


def test_repeated_accept_language_is_left_to_fastapi(client, reference, answered):
    headers = [("accept-language", "fr"), ("accept-language", "de")]
    fast = client.get(
        f"{LOCAL.format(event='cassini-2013')}?tz=UTC&nonce=repeated", headers=headers
    )
    slow = reference.get(
        f"{LOCAL.format(event='cassini-2013')}?tz=UTC&nonce=repeated", headers=headers
    )
    _same(fast, slow)
    assert answered == []


def test_head_and_revalidation_match(client, reference):
    path = LOCAL.format(event="cassini-2013") + "?lat=12.5&lon=-3.25&nonce=head"
    fast, slow = client.head(path), reference.head(path)
    _same(fast, slow)
    etag = fast.headers["etag"]
    _same(
        client.get(path, headers={"If-None-Match": etag}),
        reference.get(path, headers={"If-None-Match": etag}),
    )
    assert client.get(path, headers={"If-None-Match": etag}).status_code == 304


def test_before_start_up_work_is_done_fastapi_answers():
    """No resources yet (or no app in the scope): the request goes on, to FastAPI's 503."""
    passed = []

    async def inner(scope, receive, send):
        passed.append(scope["path"])

    class Starting:
        class state:
            pass

    for app in (Starting, None):
        scope = {
            "type": "http",
            "method": "GET",
            "path": "/v1/events/cassini-2013/local",
            "root_path": "",
            "query_string": b"tz=UTC",
            "headers": [],
            "app": app,
        }
        asyncio.run(FastLocal(inner)(scope, None, None))
    assert passed == ["/v1/events/cassini-2013/local"] * 2


def test_the_fast_path_reads_every_parameter_the_route_declares(client):
    operation = client.app.openapi()["paths"]["/v1/events/{event_id}/local"]["get"]
    declared = {p["name"] for p in operation["parameters"] if p["in"] == "query"}
    assert declared == PARAMETERS
