"""HTTP caching on every GET answer: ETag, 304, Cache-Control, Vary, HEAD; the answer store."""

from __future__ import annotations

import asyncio

import pytest

from service.web.caching import (
    Answer,
    ResponseStore,
    entity_tag,
    merged_vary,
    none_match,
)
from tests.routes import get_routes
from tests.web.gated import gated

LOCAL = "/v1/events/cassini-2013/local?tz=Europe/Paris"


def test_every_ok_get_answer_carries_a_strong_etag_and_a_public_policy(client):
    checked = 0
    for route in get_routes(client.app):
        response = client.get(route.url(query=route.valid_query()))
        if response.status_code != 200:
            continue
        checked += 1
        cache_control = response.headers["cache-control"]
        if route.path in ("/healthz", "/readyz"):
            assert cache_control == "no-store", route.path
            continue
        etag = response.headers["etag"]
        assert etag.startswith('"') and etag.endswith('"') and not etag.startswith("W/"), route.path
        assert "public" in cache_control and "max-age=" in cache_control, route.path
        assert {"accept", "accept-language"} <= {
            v.strip().lower() for v in response.headers["vary"].split(",")
        }
        again = client.get(route.url(query=route.valid_query()), headers={"If-None-Match": etag})
        assert again.status_code == 304 and again.content == b"", route.path
        assert again.headers["etag"] == etag and again.headers["cache-control"] == cache_control
    assert checked >= 6
    default = client.get(LOCAL).headers["cache-control"]
    assert default == "public, max-age=86400, stale-while-revalidate=604800, stale-if-error=604800"


def test_etag_follows_the_content(client):
    paris = client.get(LOCAL).headers["etag"]
    tokyo = client.get("/v1/events/cassini-2013/local?tz=Asia/Tokyo").headers["etag"]
    assert paris != tokyo
    assert client.get(LOCAL).headers["etag"] == paris


@pytest.mark.parametrize(
    ("if_none_match", "matches"),
    [
        ('"{tag}"', True),
        ('W/"{tag}"', True),
        ('"other", W/"{tag}"', True),
        ("*", True),
        ('"other"', False),
        ('"{tag}x"', False),
        ("{tag}", False),
        ('"a,b", "{tag}"', True),
        ("", False),
    ],
)
def test_if_none_match_lists_weak_tags_and_star(client, if_none_match, matches):
    # RFC 9110 13.1.2: If-None-Match uses the weak comparison; a list matches if any member does.
    tag = client.get(LOCAL).headers["etag"].strip('"')
    response = client.get(LOCAL, headers={"If-None-Match": if_none_match.format(tag=tag)})
    assert response.status_code == (304 if matches else 200)


def test_head_answers_like_get_without_a_body(client):
    get = client.get(LOCAL)
    head = client.head(LOCAL)
    assert head.status_code == 200 and head.content == b""
    assert head.headers["etag"] == get.headers["etag"]
    assert head.headers["content-length"] == str(len(get.content))
    for route in get_routes(client.app):
        url = route.url(query=route.valid_query())
        assert client.head(url).status_code == client.get(url).status_code, route.path


def test_errors_are_cached_briefly_and_untagged(client):
    response = client.get("/v1/events/cassini-2013/local?tz=Nowhere/Atall")
    assert response.status_code == 404
    assert response.headers["cache-control"] == "public, max-age=60"
    assert "etag" not in response.headers


def test_other_methods_pass_through_untouched(client):
    response = client.post("/v1/events")
    assert response.status_code == 405 and "etag" not in response.headers


def test_not_ready_answers_are_not_stored(client):
    from fastapi.testclient import TestClient

    from service.web.app import create_app

    response = TestClient(create_app()).get("/v1/events")  # no lifespan: not ready
    assert response.status_code == 503 and response.headers["cache-control"] == "no-store"


def test_route_vary_is_kept_and_merged():
    assert merged_vary(None) == b"Accept, Accept-Language"
    assert merged_vary(b"User-Agent") == b"User-Agent, Accept, Accept-Language"
    assert merged_vary(b"accept, Origin") == b"accept, Origin, Accept-Language"


def test_none_match_ignores_malformed_members():
    tag = entity_tag(b"v1", b"application/json", b"{}")
    assert none_match(b"garbage, " + tag, tag)
    assert not none_match(b"garbage", tag)


def _answer(body: bytes, vary: tuple[bytes, ...] = (b"accept",)) -> Answer:
    return Answer(200, [], body, b'"t"', vary, True)


def test_store_is_bounded_by_entries_and_bytes():
    store = ResponseStore(max_entries=3, max_bytes=10_000)
    for i in range(5):
        store.put(("/p", str(i).encode()), [], _answer(b"x" * 100))
    assert len(store) == 3 and store.bytes == 300
    assert store.get(("/p", b"0"), []) is None and store.get(("/p", b"4"), []) is not None
    small = ResponseStore(max_entries=100, max_bytes=250)
    for i in range(5):
        small.put(("/p", str(i).encode()), [], _answer(b"x" * 100))
    assert small.bytes <= 250


def test_store_keys_on_the_varying_request_fields():
    store = ResponseStore(max_entries=10, max_bytes=10_000)
    store.put(("/p", b""), [(b"accept", b"text/plain")], _answer(b"text"))
    store.put(("/p", b""), [(b"accept", b"application/json")], _answer(b"json"))
    assert store.get(("/p", b""), [(b"accept", b"text/plain")]).body == b"text"
    assert store.get(("/p", b""), [(b"accept", b"application/json")]).body == b"json"
    assert store.get(("/p", b""), [(b"accept", b"text/html")]) is None
    store.put(("/q", b""), [], _answer(b"any", vary=(b"*",)))
    assert store.get(("/q", b""), []) is None


def test_a_stored_answer_is_served_without_the_app():
    calls = []

    async def app(scope, receive, send):
        calls.append(scope["path"])
        await send(
            {
                "type": "http.response.start",
                "status": 200,
                "headers": [(b"content-type", b"text/plain"), (b"vary", b"User-Agent")],
            }
        )
        await send({"type": "http.response.body", "body": scope["path"].encode()})

    class State:
        class resources:
            data_version = "v1"

    class App:
        state = State

    caching = gated(app)

    def request(user_agent: bytes) -> list[dict]:
        sent = []

        async def send(message):
            sent.append(message)

        scope = {
            "type": "http",
            "method": "GET",
            "path": "/x",
            "query_string": b"",
            "app": App,
            "headers": [(b"user-agent", user_agent)],
        }
        asyncio.run(caching(scope, None, send))
        return sent

    first, second, third = request(b"curl/8"), request(b"curl/8"), request(b"curl/8")
    assert calls == ["/x", "/x"]  # kept when asked a second time, then served from the store
    other = request(b"Mozilla/5.0")
    assert calls == ["/x", "/x", "/x"]  # another variant of a known question is kept at once
    assert first == second == third and other[1]["body"] == b"/x"
    assert request(b"Mozilla/5.0") == other and len(calls) == 3
    vary = dict(first[0]["headers"])[b"vary"]
    assert vary == b"User-Agent, Accept, Accept-Language"


def test_a_route_own_cache_policy_and_etag_are_kept():
    async def app(scope, receive, send):
        await send(
            {
                "type": "http.response.start",
                "status": 200,
                "headers": [(b"cache-control", b"public, max-age=60"), (b"etag", b'"mine"')],
            }
        )
        await send({"type": "http.response.body", "body": b"x"})

    class App:
        class state:
            class resources:
                data_version = "v1"

    sent = []

    async def send(message):
        sent.append(message)

    scope = {
        "type": "http",
        "method": "GET",
        "path": "/y",
        "query_string": b"",
        "app": App,
        "headers": [],
    }
    asyncio.run(gated(app)(scope, None, send))
    headers = dict(sent[0]["headers"])
    assert headers[b"cache-control"] == b"public, max-age=60" and headers[b"etag"] == b'"mine"'


def test_the_doorkeeper_admits_a_question_asked_twice_and_stays_bounded():
    store = ResponseStore(max_entries=2, max_bytes=10_000)
    assert not store.admit(("/p", b"a")) and store.admit(("/p", b"a"))
    for i in range(100):
        store.admit(("/q", str(i).encode()))
    assert len(store._seen) <= ResponseStore.SEEN_PER_ENTRY * 2


def test_store_counts_a_replaced_answer_once():
    store = ResponseStore(max_entries=10, max_bytes=10_000)
    for _ in range(3):
        store.put(("/p", b""), [], _answer(b"x" * 100))
    assert store.bytes == 100
